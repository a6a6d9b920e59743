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

from childsdg import api, formatting, i18n
from childsdg.analysis import peer_finder
from childsdg.charts import palette, progress_charts
from childsdg.data import catalogue
from childsdg.exports import chart_files
from childsdg.i18n import N_, _, ngettext
from childsdg.views import captions, chart_block, filters, page_registry

PAGE = "peers"
TOLERANCES = {"0.1": "±10%", "0.15": "±15%", "0.2": "±20%", "0.25": "±25%"}
CHART_PEERS = len(palette.LINES)  # one colour each; the focal country is black
BRIEFING_KEY = "peers"


# Option words marked here, translated where shown (``translated``).
VIEWS = {"comparable": N_("Comparable peers"), "fastest": N_("Fastest regardless of context")}
INCOME_CHOICES = {"3": N_("within 3x"), "2": N_("within 2x"), "5": N_("within 5x"), "class": N_("same World Bank class"),
                  "any": N_("any income")}
POPULATION_CHOICES = {"1000000": N_("at least 1 million"), "5000000": N_("at least 5 million"), "any": N_("any size")}
ERA_CHOICES = {"1990": N_("1990 or later"), "2000": N_("2000 or later"), "1970": N_("1970 or later"),
               "any": N_("any year")}
OPTIONAL_FILTERS = {"same_region": N_("in the same region"), "fragile": N_("fragile (today's list)"),
                    "landlocked": N_("landlocked (LLDC)"),
                    "small_island": N_("small island (SIDS)")}
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


def translated(options: dict[str, str]) -> dict[str, str]:
    """Option labels (code -> words) in the reader's language."""
    return {code: _(words) for code, words in options.items()}


def choose() -> tuple[Choice, filters.UrlFilters]:
    """Sidebar country, indicator and tolerance, in the URL. The notice comes after the briefing picker."""
    url = filters.UrlFilters(PAGE)
    names = catalogue.country_names()
    south = catalogue.countries()
    south = [c for c in names if bool(south.loc[c, "global_south"])]
    iso3 = url.select(_("Country"), south, filters.FOCAL, catalogue.default_country(), names, where=st.sidebar)
    filters.follow_focal_region(iso3)
    focal = filters.focal()
    if focal in names and focal not in south:
        st.info(_("{country} is not a Global South country, and peers are found among and for Global South "
                  "countries: showing {shown}. Choose another country in the sidebar.").format(country=names[focal],
                                                                                             shown=names[iso3]))
    options = peer_indicators()
    indicator = url.select(_("Indicator"), list(options.index), "indicator", catalogue.HEADLINE_INDICATORS["survival"],
                           dict(zip(options.index, options["short_name"])), where=st.sidebar,
                           quiet=set(catalogue.indicators().index))
    tolerance = url.select(_("Peers stood within"), list(TOLERANCES), "tolerance", str(peer_finder.DEFAULT_TOLERANCE),
                           TOLERANCES, where=st.sidebar)
    view = url.select(_("Show"), list(VIEWS), "view", "comparable", translated(VIEWS), where=st.sidebar)
    st.sidebar.caption(_("Comparable then (each criterion can be loosened):"))
    income = url.select(_("Income then vs the country's now"), list(INCOME_CHOICES), "income",
                        f"{peer_finder.DEFAULT_INCOME_FACTOR:g}", translated(INCOME_CHOICES), where=st.sidebar)
    population = url.select(_("Population then"), list(POPULATION_CHOICES), "population",
                            str(peer_finder.DEFAULT_MIN_POPULATION), translated(POPULATION_CHOICES), where=st.sidebar)
    era = url.select(_("Stood at the level in"), list(ERA_CHOICES), "since", str(peer_finder.DEFAULT_SINCE),
                     translated(ERA_CHOICES), where=st.sidebar)
    also = url.codes(_("Only peers that are also"), "also", translated(OPTIONAL_FILTERS), len(OPTIONAL_FILTERS),
                     where=st.sidebar)
    criteria = peer_finder.Criteria(
        income_factor=None if income == "any" else 1.0 if income == "class" else float(income),
        income_measure="class" if income == "class" else "gdp",
        min_population=None if population == "any" else float(population),
        since=None if era == "any" else int(era), **{flag: flag in also for flag in OPTIONAL_FILTERS})
    if view == "fastest":
        criteria = peer_finder.Criteria.regardless()
    filters.sidebar_summary(names[iso3], options.loc[indicator, "short_name"],
                            _("within {band}").format(band=TOLERANCES[tolerance]), _(VIEWS[view]))
    return Choice(iso3, names[iso3], indicator, float(tolerance), criteria, view), url


def criteria_statement(choice: Choice) -> None:
    """The criteria in words, the share of candidates they keep, and how many each excluded."""
    screening = api.peer_screening(choice.iso3, choice.indicator, choice.tolerance, choice.criteria)
    st.markdown(criteria_words(choice, screening))


def criteria_words(choice: Choice, screening: dict) -> str:
    """'Comparable: income within 3x, population at least 1 million, since 1990 — 14 of 89 countries ...'."""
    criteria, focal, name = screening["criteria"], screening["focal"], formatting.plain(choice.name)
    band = TOLERANCES.get(str(choice.tolerance), f"±{choice.tolerance:.0%}")
    stood = _("{count} Global South countries that stood within {band} of this level").format(
        count=screening["candidates"], band=band)
    faster = _("{count} of them then improved faster than {name} does now (the peers below)").format(
        count=screening["peers"], name=name)
    if choice.view == "fastest":
        return _("Fastest regardless of context: all {stood}; {faster}.").format(stood=stood, faster=faster)
    parts, reasons = [], []
    excluded = screening["excluded"]
    if criteria.income_factor is not None:
        factor = f"{criteria.income_factor:g}"
        if criteria.income_measure == "class":
            known = isinstance(focal["income_class"], str)
            class_name = peer_finder.CLASS_NAMES.get(focal["income_class"])
            parts.append(_("World Bank income class then the same as {name}'s now ({income_class}, FY{year})").format(
                name=name, income_class=_(class_name) if class_name else _("unclassified"),
                year=str(focal["income_class_year"])[2:]) if known else
                _("income not compared ({name} has no World Bank income class)").format(name=name))
            reasons.append(_("{count} were in another income class then (or unclassified)").format(
                count=excluded["income"]))
        elif formatting.is_missing(focal["income_relative"]):
            parts.append(_("income not compared ({name} has no GDP per capita in the sources)").format(name=name))
        else:
            parts.append(_("income then within {factor}x of {name}'s now (GDP per capita, PPP, {relative} of the "
                           "world's in {year})").format(factor=factor, name=name,
                                                        relative=f"{focal['income_relative']:.2f}",
                                                        year=focal["income_relative_year"]))
            reasons.append(_("{count} had an income then more than {factor}x higher or lower (or none in the "
                             "sources)").format(count=excluded["income"], factor=factor))
    if criteria.min_population is not None:
        parts.append(_("population then at least {population}").format(
            population=formatting.number(screening["population_floor"], "count")))
        reasons.append(_("{count} had fewer people then").format(count=excluded["population"]))
    if criteria.since is not None:
        parts.append(_("at the level in {year} or later").format(year=criteria.since))
        reasons.append(_("{count} stood at the level only before {year}").format(count=excluded["era"],
                                                                                year=criteria.since))
    for flag, label in OPTIONAL_FILTERS.items():
        if getattr(criteria, flag):
            parts.append(_(label) + (" " + _("(the sources have no history of fragility)") if flag == "fragile" else ""))
            reasons.append(_("{count} were not {what}").format(count=excluded[flag.removeprefix("same_")],
                                                               what=_(label).split(" (")[0]))
    text = _("**Comparable:** {criteria} — **{comparable} of {stood}**; {faster}.").format(
        criteria=", ".join(parts) if parts else _("no criterion"), comparable=screening["comparable"], stood=stood,
        faster=faster)
    if reasons:
        text += " " + _("Not comparable (a country may fail several criteria): {reasons}.").format(
            reasons="; ".join(reasons))
    return text


def summary(choice: Choice, found: pd.DataFrame) -> None:
    """Where the focal country stands and how fast it moves now: what its peers are measured against."""
    row = choice.row
    if found.empty:
        return
    first = found.iloc[0]
    st.markdown(_("**{name}** stands at **{level}** ({year}) and has improved by {rate} a year since 2015.").format(
        name=choice.name, level=formatting.number(first["level"], row["unit_kind"]), year=int(first["level_year"]),
        rate=i18n.percent(first["focal_rate"], 1)))


def peers_table(choice: Choice, found: pd.DataFrame) -> None:
    """The ranked peers with the rebound flag and the context that makes them comparable."""
    unit_kind = choice.row["unit_kind"]
    shown = pd.DataFrame({
        "Rank": range(1, len(found) + 1), "Peer": found["name"], "ISO3": found["iso3"],
        "Rebound?": [_("⚠ rebound") if r else "" for r in found["rebound"]],
        "Stood at the level in": found["year_at_level"], "Value then": found["value_at_level"],
        "Rate achieved (% a year)": found["rate_achieved"], "Over (years)": found["years_followed"],
        "Reached the target in": found["target_year_reached"], "Years to target": found["years_to_target"],
        "Population then": [formatting.number(v, "count") for v in found["population"]],
        "Income then (x world)": found["income_relative"],
        "Income class then": [_(peer_finder.CLASS_NAMES[c]) if c in peer_finder.CLASS_NAMES else ""
                              for c in found["income_class"]],
        "GDP per capita then (PPP $)": [formatting.number(v, "currency") for v in found["gdp_per_capita"]],
        "Region": found["region_name"], "Income group (today)": found["income_group_name"],
        "Fragile (today)": [_("yes") if f else "" for f in found["fragile"]]})
    # English column names (what the code reads), headers in the reader's language.
    st.dataframe(shown, hide_index=True, width="stretch", key="peers-table", column_config={
        "Rank": _("Rank"), "Peer": _("Peer"), "ISO3": "ISO3", "Rebound?": _("Rebound?"),
        "Over (years)": _("Over (years)"), "Population then": _("Population then"),
        "Income class then": _("Income class then"), "GDP per capita then (PPP $)": _("GDP per capita then (PPP $)"),
        "Region": _("Region"), "Income group (today)": _("Income group (today)"), "Fragile (today)": _("Fragile (today)"),
        "Stood at the level in": st.column_config.NumberColumn(_("Stood at the level in"), format="%d"),
        "Value then": st.column_config.NumberColumn(_("Value then ({unit})").format(unit=choice.row["unit"]),
                                                    format="%.0f" if unit_kind == "per_100000" else "%.1f"),
        "Rate achieved (% a year)": st.column_config.NumberColumn(_("Rate achieved (% a year)"), format="%.1f"),
        "Income then (x world)": st.column_config.NumberColumn(_("Income then (x world)"), format="%.2f"),
        "Reached the target in": st.column_config.NumberColumn(_("Reached the target in"), format="%d"),
        "Years to target": st.column_config.NumberColumn(_("Years to target"), format="%d")})
    st.caption(_("Ranked by the rate achieved in the {years} years after standing at the level (% a year, positive = "
                 "improving): a least-squares trend through every value of those years, and a peer must stay faster "
                 "with any one year left out, so one odd year cannot make a peer. Rebounds come after the others. "
                 "Target = {name}'s 2030 target. Population, income (GDP per capita, PPP, relative to the world's that "
                 "year) and income class are those of the year at the level; region, income group and fragility are "
                 "today's.").format(years=peer_finder.HORIZON_YEARS, name=choice.name))


def what_moved(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """What changed with the peers' progress over their decade, beside the focal country's values now."""
    shown = briefing or list(found["iso3"].head(WHAT_MOVED_PEERS))
    table = api.peers_moved(choice.iso3, choice.indicator, shown, choice.tolerance, choice.criteria)
    if table.empty:
        st.info(_("The catalogue lists no related indicators for {indicator}, or the peers have no data on "
                  "them.").format(indicator=choice.row["short_name"].lower()))
        return
    st.caption((_("For the peers in your briefing selection: how related indicators changed over the decade each "
                  "peer improved, beside {name}'s latest values.") if briefing else
                ngettext("For the {count} first peer: how related indicators changed over the decade each peer "
                         "improved, beside {name}'s latest values.",
                         "For the {count} first peers: how related indicators changed over the decade each peer "
                         "improved, beside {name}'s latest values.", len(shown))).format(count=len(shown),
                                                                                       name=choice.name)
               + " " + _("This is association, not cause: it tells a delegation what to ask about, not what worked."))
    header, *rows = peer_finder.moved_matrix(table, choice.name)
    st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch", key="peers-moved")


def trajectory_chart(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """Level-aligned lines: the briefing's peers if any are chosen, else the fastest ones."""
    drawn = briefing or list(found["iso3"].head(CHART_PEERS))
    lines = api.peer_trajectories(choice.iso3, choice.indicator, drawn, choice.tolerance, choice.criteria)
    first = found.iloc[0]
    figure = progress_charts.level_aligned(lines, choice.row, choice.name, first["level"], first["target"])
    chart_block.show(figure, chart_files.ChartContext.create(
        "peers-chart", choice.indicator, {_("Country"): choice.name}, lines["year"]),
        lambda: lines[["name", "role", "year", "years_since_level", "value", "rebound"]],
        table=chart_block.by_line("years_since_level", "name"))
    st.caption(" ".join([
        _("x = years since standing at {name}'s current level: {name}'s last {years} years end at 0 (black), each peer "
          "starts at 0 in its own year and is drawn over the {years} years its rate was fitted on.").format(
            name=choice.name, years=peer_finder.HORIZON_YEARS),
        _("Showing the peers in your briefing selection.") if briefing else
        ngettext("Showing the {count} fastest peer; choose peers above to show others.",
                 "Showing the {count} fastest peers; choose peers above to show others.", len(drawn)).format(
            count=len(drawn)),
        _("Dashed lines are rebounds (see the rule below).")]))
    captions.source_note(choice.row, lines["year"], pd.Series([choice.row["kind"]]))


READINGS_SHOWN = 10


def readings(found: pd.DataFrame) -> None:
    """The plain-language sentence of each peer, best first: the first ten, the rest folded away."""
    texts = [f"- {formatting.plain(text)}" for text in found["reading"]]
    st.markdown("\n".join(texts[:READINGS_SHOWN]))
    if len(texts) > READINGS_SHOWN:
        others = len(texts) - READINGS_SHOWN
        with st.expander(ngettext("The other {count} peer", "The other {count} peers", others).format(count=others)):
            st.markdown("\n".join(texts[READINGS_SHOWN:]))


def rebound_rule(choice: Choice) -> None:
    """The rule behind the rebound flag, from the peer finder's constants."""
    falling = choice.row["polarity"] == "lower_is_better"
    rule = (_("A fast fall may only undo a crisis (a war, an epidemic, a disaster). A peer is flagged **⚠ rebound** "
              "when, in the {years} years before it stood at the level, its value had been better by more than "
              "{margin} (lower than at the level).") if falling else
            _("A fast rise may only undo a crisis (a war, an epidemic, a disaster). A peer is flagged **⚠ rebound** "
              "when, in the {years} years before it stood at the level, its value had been better by more than "
              "{margin} (higher than at the level)."))
    st.markdown(rule.format(years=peer_finder.REBOUND_YEARS, margin=i18n.percent(peer_finder.REBOUND_MARGIN * 100, 0))
                + " " + _("Its progress is then partly a recovery, and less of a lesson in steady improvement. Peers "
                          "without values in those years are not flagged (no evidence). Survey series are noisy: "
                          "there a flag may also mean one unusual survey."))


def briefing_picker(url: filters.UrlFilters, found: pd.DataFrame) -> list[str]:
    """The peers the reader keeps for a briefing, held in the URL as ``peers=ISO3&peers=ISO3``."""
    options = list(found["iso3"])
    state = url.state_key(BRIEFING_KEY)
    if any(code not in options for code in st.session_state.get(state, [])):
        st.session_state.pop(state)  # another country or indicator: other peers
    return url.codes(_("Peers for the briefing and the comparison"), BRIEFING_KEY,
                     dict(zip(found["iso3"], found["name"])), filters.BRIEFING_MAX_PEERS, upper=True,
                     placeholder=_("Choose peers from the table"))


def take_further(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """Links: compare on the theme page (focal + peers), and the briefing selection kept in the URL."""
    compared = briefing or list(found["iso3"].head(filters.BRIEFING_MAX_PEERS))
    theme = choice.row["theme"]
    st.page_link(page_registry.theme_page_file(theme), label=ngettext(
        "Compare {name} with {count} peer on the {theme} page", "Compare {name} with {count} peers on the {theme} page",
        len(compared)).format(name=choice.name, count=len(compared), theme=_(catalogue.THEMES[theme])),
                 query_params={"indicator": choice.indicator, "countries": [choice.iso3, *compared],
                               filters.FOCAL: choice.iso3, **filters.region_params(choice.iso3)})
    st.page_link(page_registry.file("briefing"), label=(
        ngettext("Briefing pack for {name} with this {count} peer", "Briefing pack for {name} with these {count} peers",
                 len(briefing)) if briefing else _("Briefing pack for {name}")).format(name=choice.name,
                                                                                      count=len(briefing)),
                 query_params={"place": choice.iso3, "indicators": choice.indicator,
                               **({"peers": briefing} if briefing else {})})
    if briefing:
        st.caption(_("Your briefing selection is kept in this page's link (parameter `peers`): copy the link to keep "
                     "it."))
