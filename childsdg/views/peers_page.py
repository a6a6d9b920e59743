"""Sections of the "Peers" page: who once stood where a country stands now, and then did better.

The page reads: ``choose()`` (country, indicator, tolerance, the view and each comparability criterion
in the URL), ``api.peers``, then the criteria in words with what each excluded, the ranked table,
what moved with the peers' progress, the level-aligned chart, the readings, the rebound rule, and the
two ways to take peers further: the theme page's comparison and the briefing selection (``peers``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from childsdg import api, formatting
from childsdg.analysis import peer_finder
from childsdg.charts import palette, progress_charts
from childsdg.data import catalogue
from childsdg.exports import chart_files
from childsdg.views import captions, chart_block, filters, page_registry

PAGE = "peers"
TOLERANCES = {"0.1": "±10%", "0.15": "±15%", "0.2": "±20%", "0.25": "±25%"}
CHART_PEERS = len(palette.LINES)  # one colour each; the focal country is black
BRIEFING_KEY = "peers"


VIEWS = {"comparable": "Comparable peers", "fastest": "Fastest regardless of context"}
INCOME_CHOICES = {"3": "within 3x", "2": "within 2x", "5": "within 5x", "class": "same World Bank class",
                  "any": "any income"}
POPULATION_CHOICES = {"1000000": "at least 1 million", "5000000": "at least 5 million", "any": "any size"}
ERA_CHOICES = {"1990": "1990 or later", "2000": "2000 or later", "1970": "1970 or later", "any": "any year"}
OPTIONAL_FILTERS = {"same_region": "in the same region", "fragile": "fragile (today's list)",
                    "landlocked": "landlocked (LLDC)",
                    "small_island": "small island (SIDS)"}
WHAT_MOVED_PEERS = 5


@dataclass(frozen=True)
class Choice:
    iso3: str
    name: str
    indicator: str
    tolerance: float
    criteria: peer_finder.Criteria = peer_finder.Criteria()
    view: str = "comparable"

    @property
    def row(self) -> pd.Series:
        return catalogue.indicator(self.indicator)


def peer_indicators() -> pd.DataFrame:
    """Indicators a peer search makes sense for: a better direction, and a theme page to compare on."""
    table = catalogue.indicators()
    return table[table["polarity"].isin(["lower_is_better", "higher_is_better"]) & table["theme"].isin(page_registry.THEMES)]


def choose() -> tuple[Choice, filters.UrlFilters]:
    """Sidebar country, indicator and tolerance, in the URL. The notice comes after the briefing picker."""
    url = filters.UrlFilters(PAGE)
    names = catalogue.country_names()
    south = catalogue.countries()
    south = [c for c in names if bool(south.loc[c, "global_south"])]
    iso3 = url.select("Country", south, filters.FOCAL, catalogue.default_country(), names, where=st.sidebar)
    filters.follow_focal_region(iso3)
    focal = filters.focal()
    if focal in names and focal not in south:
        st.info(f"{names[focal]} is not a Global South country, and peers are found among and for Global South "
                f"countries: showing {names[iso3]}. Choose another country in the sidebar.")
    options = peer_indicators()
    indicator = url.select("Indicator", list(options.index), "indicator", catalogue.HEADLINE_INDICATORS["survival"],
                           dict(zip(options.index, options["short_name"])), where=st.sidebar,
                           quiet=set(catalogue.indicators().index))
    tolerance = url.select("Peers stood within", list(TOLERANCES), "tolerance", str(peer_finder.DEFAULT_TOLERANCE),
                           TOLERANCES, where=st.sidebar)
    view = url.select("Show", list(VIEWS), "view", "comparable", VIEWS, where=st.sidebar)
    st.sidebar.caption("Comparable then (each criterion can be loosened):")
    income = url.select("Income then vs the country's now", list(INCOME_CHOICES), "income",
                        f"{peer_finder.DEFAULT_INCOME_FACTOR:g}", INCOME_CHOICES, where=st.sidebar)
    population = url.select("Population then", list(POPULATION_CHOICES), "population",
                            str(peer_finder.DEFAULT_MIN_POPULATION), POPULATION_CHOICES, where=st.sidebar)
    era = url.select("Stood at the level in", list(ERA_CHOICES), "since", str(peer_finder.DEFAULT_SINCE), ERA_CHOICES,
                     where=st.sidebar)
    also = url.codes("Only peers that are also", "also", OPTIONAL_FILTERS, len(OPTIONAL_FILTERS), where=st.sidebar)
    criteria = peer_finder.Criteria(
        income_factor=None if income == "any" else 1.0 if income == "class" else float(income),
        income_measure="class" if income == "class" else "gdp",
        min_population=None if population == "any" else float(population),
        since=None if era == "any" else int(era), **{flag: flag in also for flag in OPTIONAL_FILTERS})
    if view == "fastest":
        criteria = peer_finder.Criteria.regardless()
    filters.sidebar_summary(names[iso3], options.loc[indicator, "short_name"], f"within {TOLERANCES[tolerance]}",
                            VIEWS[view])
    return Choice(iso3, names[iso3], indicator, float(tolerance), criteria, view), url


def criteria_statement(choice: Choice) -> None:
    """The criteria in words, the share of candidates they keep, and how many each excluded."""
    screening = api.peer_screening(choice.iso3, choice.indicator, choice.tolerance, choice.criteria)
    st.markdown(criteria_words(choice, screening))


def criteria_words(choice: Choice, screening: dict) -> str:
    """'Comparable: income within 3x, population at least 1 million, since 1990 — 14 of 89 countries ...'."""
    criteria, focal, name = screening["criteria"], screening["focal"], formatting.plain(choice.name)
    band = TOLERANCES.get(str(choice.tolerance), f"±{choice.tolerance:.0%}")
    stood = f"{screening['candidates']} Global South countries that stood within {band} of this level"
    faster = f"{screening['peers']} of them then improved faster than {name} does now (the peers below)"
    if choice.view == "fastest":
        return f"Fastest regardless of context: all {stood}; {faster}."
    parts, reasons = [], []
    excluded = screening["excluded"]
    if criteria.income_factor is not None:
        if criteria.income_measure == "class":
            known = isinstance(focal["income_class"], str)
            parts.append(f"World Bank income class then the same as {name}'s now "
                         f"({peer_finder.CLASS_NAMES.get(focal['income_class'], 'unclassified')}, "
                         f"FY{str(focal['income_class_year'])[2:]})" if known else
                         f"income not compared ({name} has no World Bank income class)")
            reasons.append(f"{excluded['income']} were in another income class then (or unclassified)")
        elif formatting.is_missing(focal["income_relative"]):
            parts.append(f"income not compared ({name} has no GDP per capita in the sources)")
        else:
            parts.append(f"income then within {criteria.income_factor:g}x of {name}'s now (GDP per capita, PPP, "
                         f"{focal['income_relative']:.2f} of the world's in {focal['income_relative_year']})")
            reasons.append(f"{excluded['income']} had an income then more than {criteria.income_factor:g}x "
                           "higher or lower (or none in the sources)")
    if criteria.min_population is not None:
        parts.append(f"population then at least {formatting.number(screening['population_floor'], 'count')}")
        reasons.append(f"{excluded['population']} had fewer people then")
    if criteria.since is not None:
        parts.append(f"at the level in {criteria.since} or later")
        reasons.append(f"{excluded['era']} stood at the level only before {criteria.since}")
    for flag, label in OPTIONAL_FILTERS.items():
        if getattr(criteria, flag):
            parts.append(label + (" (the sources have no history of fragility)" if flag == "fragile" else ""))
            reasons.append(f"{excluded[flag.removeprefix('same_')]} were not {label.split(' (')[0]}")
    text = (f"**Comparable:** {', '.join(parts) if parts else 'no criterion'} — **{screening['comparable']} of "
            f"{stood}**; {faster}.")
    if reasons:
        text += " Not comparable (a country may fail several criteria): " + "; ".join(reasons) + "."
    return text


def summary(choice: Choice, found: pd.DataFrame) -> None:
    """Where the focal country stands and how fast it moves now: what its peers are measured against."""
    row = choice.row
    if found.empty:
        return
    first = found.iloc[0]
    st.markdown(f"**{choice.name}** stands at **{formatting.number(first['level'], row['unit_kind'])}** "
                f"({int(first['level_year'])}) and has improved by {first['focal_rate']:.1f}% a year since 2015.")


def peers_table(choice: Choice, found: pd.DataFrame) -> None:
    """The ranked peers with the rebound flag and the context that makes them comparable."""
    unit_kind = choice.row["unit_kind"]
    shown = pd.DataFrame({
        "Rank": range(1, len(found) + 1), "Peer": found["name"], "ISO3": found["iso3"],
        "Rebound?": ["⚠ rebound" if r else "" for r in found["rebound"]],
        "Stood at the level in": found["year_at_level"], "Value then": found["value_at_level"],
        "Rate achieved (% a year)": found["rate_achieved"], "Over (years)": found["years_followed"],
        "Reached the target in": found["target_year_reached"], "Years to target": found["years_to_target"],
        "Population then": [formatting.number(v, "count") for v in found["population"]],
        "Income then (x world)": found["income_relative"],
        "Income class then": [peer_finder.CLASS_NAMES.get(c, "") if isinstance(c, str) else ""
                              for c in found["income_class"]],
        "GDP per capita then (PPP $)": [formatting.number(v, "currency") for v in found["gdp_per_capita"]],
        "Region": found["region_name"], "Income group (today)": found["income_group_name"],
        "Fragile (today)": ["yes" if f else "" for f in found["fragile"]]})
    st.dataframe(shown, hide_index=True, width="stretch", key="peers-table", column_config={
        "Stood at the level in": st.column_config.NumberColumn(format="%d"),
        "Value then": st.column_config.NumberColumn(f"Value then ({choice.row['unit']})",
                                                    format="%.0f" if unit_kind == "per_100000" else "%.1f"),
        "Rate achieved (% a year)": st.column_config.NumberColumn(format="%.1f"),
        "Income then (x world)": st.column_config.NumberColumn(format="%.2f"),
        "Reached the target in": st.column_config.NumberColumn(format="%d"),
        "Years to target": st.column_config.NumberColumn(format="%d")})
    st.caption(f"Ranked by the rate achieved in the {peer_finder.HORIZON_YEARS} years after standing at the level "
               "(% a year, positive = improving): a least-squares trend through every value of those years, and a "
               "peer must stay faster with any one year left out, so one odd year cannot make a peer. Rebounds come "
               f"after the others. Target = {choice.name}'s 2030 target. Population, income (GDP per capita, PPP, "
               "relative to the world's that year) and income class are those of the year at the level; region, "
               "income group and fragility are today's.")


def what_moved(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """What changed with the peers' progress over their decade, beside the focal country's values now."""
    shown = briefing or list(found["iso3"].head(WHAT_MOVED_PEERS))
    table = api.peers_moved(choice.iso3, choice.indicator, shown, choice.tolerance, choice.criteria)
    if table.empty:
        st.info(f"The catalogue lists no related indicators for {choice.row['short_name'].lower()}, or the peers "
                "have no data on them.")
        return
    st.caption(f"For {'the peers in your briefing selection' if briefing else f'the {len(shown)} first peers'}: "
               f"how related indicators changed over the decade each peer improved, beside {choice.name}'s latest "
               "values. This is association, not cause: it tells a delegation what to ask about, not what worked.")
    header, *rows = peer_finder.moved_matrix(table, choice.name)
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", key="peers-moved")


def trajectory_chart(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """Level-aligned lines: the briefing's peers if any are chosen, else the fastest ones."""
    drawn = briefing or list(found["iso3"].head(CHART_PEERS))
    lines = api.peer_trajectories(choice.iso3, choice.indicator, drawn, choice.tolerance, choice.criteria)
    first = found.iloc[0]
    figure = progress_charts.level_aligned(lines, choice.row, choice.name, first["level"], first["target"])
    chart_block.show(figure, chart_files.ChartContext.create(
        "peers-chart", choice.indicator, {"Country": choice.name}, lines["year"]),
        lambda: lines[["name", "role", "year", "years_since_level", "value", "rebound"]],
        table=chart_block.by_line("years_since_level", "name"))
    st.caption(f"x = years since standing at {choice.name}'s current level: {choice.name}'s last "
               f"{peer_finder.HORIZON_YEARS} years end at 0 (black), each peer starts at 0 in its own year and is "
               f"drawn over the {peer_finder.HORIZON_YEARS} years its rate was fitted on. "
               + ("Showing the peers in your briefing selection. " if briefing else
                  f"Showing the {len(drawn)} fastest peers; choose peers above to show others. ")
               + "Dashed lines are rebounds (see the rule below).")
    captions.source_note(choice.row, lines["year"], pd.Series([choice.row["kind"]]))


READINGS_SHOWN = 10


def readings(found: pd.DataFrame) -> None:
    """The plain-language sentence of each peer, best first: the first ten, the rest folded away."""
    texts = [f"- {formatting.plain(text)}" for text in found["reading"]]
    st.markdown("\n".join(texts[:READINGS_SHOWN]))
    if len(texts) > READINGS_SHOWN:
        with st.expander(f"The other {formatting.plural(len(texts) - READINGS_SHOWN, 'peer')}"):
            st.markdown("\n".join(texts[READINGS_SHOWN:]))


def rebound_rule(choice: Choice) -> None:
    """The rule behind the rebound flag, from the peer finder's constants."""
    falling = choice.row["polarity"] == "lower_is_better"
    st.markdown(
        f"A fast {'fall' if falling else 'rise'} may only undo a crisis (a war, an epidemic, a disaster). A peer is "
        f"flagged **⚠ rebound** when, in the {peer_finder.REBOUND_YEARS} years before it stood at the level, its "
        f"value had been better by more than {peer_finder.REBOUND_MARGIN:.0%} "
        f"({'lower' if falling else 'higher'} than at the level). Its progress is then partly a recovery, and less "
        "of a lesson in steady improvement. Peers without values in those years are not flagged (no evidence). "
        "Survey series are noisy: there a flag may also mean one unusual survey.")


def briefing_picker(url: filters.UrlFilters, found: pd.DataFrame) -> list[str]:
    """The peers the reader keeps for a briefing, held in the URL as ``peers=ISO3&peers=ISO3``."""
    options = list(found["iso3"])
    state = url.state_key(BRIEFING_KEY)
    if any(code not in options for code in st.session_state.get(state, [])):
        st.session_state.pop(state)  # another country or indicator: other peers
    return url.codes("Peers for the briefing and the comparison", BRIEFING_KEY, dict(zip(found["iso3"], found["name"])),
                     filters.BRIEFING_MAX_PEERS, upper=True, placeholder="Choose peers from the table")


def take_further(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """Links: compare on the theme page (focal + peers), and the briefing selection kept in the URL."""
    compared = briefing or list(found["iso3"].head(filters.BRIEFING_MAX_PEERS))
    theme = choice.row["theme"]
    st.page_link(page_registry.theme_page_file(theme), label=f"Compare {choice.name} with "
                 f"{formatting.plural(len(compared), 'peer')} on the {catalogue.THEMES[theme]} page",
                 query_params={"indicator": choice.indicator, "countries": [choice.iso3, *compared],
                               filters.FOCAL: choice.iso3, **filters.region_params(choice.iso3)})
    st.page_link(page_registry.file("briefing"), label=f"Briefing pack for {choice.name}"
                 + (f" with {'this' if len(briefing) == 1 else 'these'} {formatting.plural(len(briefing), 'peer')}"
                    if briefing else ""),
                 query_params={"place": choice.iso3, "indicators": choice.indicator,
                               **({"peers": briefing} if briefing else {})})
    if briefing:
        st.caption("Your briefing selection is kept in this page's link (parameter `peers`): copy the link to keep it.")
