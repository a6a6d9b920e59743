"""Sections of the "Peers" page: who once stood where a country stands now, and then did better.

The page reads: ``choose()`` (country, indicator, tolerance in the URL), ``api.peers``, then the
ranked table, the level-aligned chart, the readings, the rebound rule, and the two ways to take
peers further: the theme page's comparison and the briefing selection (URL parameter ``peers``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from childsdg import api, catalogue, charts, filters, formatting, progress_charts, theme_page
from childsdg import peers as peer_finder
from childsdg.profile import THEME_PAGES

PAGE = "peers"
TOLERANCES = {"0.1": "±10%", "0.15": "±15%", "0.2": "±20%", "0.25": "±25%"}
CHART_PEERS = len(charts.OKABE_ITO) - 1  # the palette's colours, black kept for the focal country
BRIEFING_KEY = "peers"
BRIEFING_MAX = filters.MAX_COUNTRIES - 1  # with the focal country, what a theme page's comparison holds


@dataclass(frozen=True)
class Choice:
    iso3: str
    name: str
    indicator: str
    tolerance: float

    @property
    def row(self) -> pd.Series:
        return catalogue.indicator(self.indicator)


def peer_indicators() -> pd.DataFrame:
    """Indicators a peer search makes sense for: a better direction, and a theme page to compare on."""
    table = catalogue.indicators()
    return table[table["polarity"].isin(["lower_is_better", "higher_is_better"]) & table["theme"].isin(THEME_PAGES)]


def choose() -> tuple[Choice, filters.UrlFilters]:
    """Sidebar country, indicator and tolerance, in the URL. The notice comes after the briefing picker."""
    url = filters.UrlFilters(PAGE)
    names = catalogue.country_names()
    south = catalogue.countries()
    south = [c for c in names if bool(south.loc[c, "global_south"])]
    iso3 = url.select("Country", south, "country", catalogue.default_country(), names, where=st.sidebar)
    options = peer_indicators()
    indicator = url.select("Indicator", list(options.index), "indicator", catalogue.HEADLINE_INDICATORS["survival"],
                           dict(zip(options.index, options["short_name"])), where=st.sidebar,
                           quiet=set(catalogue.indicators().index))
    tolerance = url.select("Peers stood within", list(TOLERANCES), "tolerance", str(peer_finder.DEFAULT_TOLERANCE),
                           TOLERANCES, where=st.sidebar)
    return Choice(iso3, names[iso3], indicator, float(tolerance)), url


def summary(choice: Choice, found: pd.DataFrame) -> None:
    """Where the focal country stands and how fast it moves now: what its peers are measured against."""
    row = choice.row
    if found.empty:
        return
    first = found.iloc[0]
    st.markdown(f"**{choice.name}** stands at **{formatting.number(first['level'], row['unit_kind'])}** "
                f"({int(first['level_year'])}) and has improved by {first['focal_rate']:.1f}% a year since 2015. "
                f"**{len(found)} Global South countries** once stood within {TOLERANCES[str(choice.tolerance)]} of "
                "that level and then improved faster.")


def peers_table(choice: Choice, found: pd.DataFrame) -> None:
    """The ranked peers with the rebound flag and the context that makes them comparable."""
    unit_kind = choice.row["unit_kind"]
    shown = pd.DataFrame({
        "Rank": range(1, len(found) + 1), "Peer": found["name"], "ISO3": found["iso3"],
        "Rebound?": ["⚠ rebound" if r else "" for r in found["rebound"]],
        "Stood at the level in": found["year_at_level"], "Value then": found["value_at_level"],
        "Rate achieved (% a year)": found["rate_achieved"], "Over (years)": found["years_followed"],
        "Reached the target in": found["target_year_reached"], "Years to target": found["years_to_target"],
        "Region": found["region_name"], "Income group (today)": found["income_group_name"],
        "Fragile (today)": ["yes" if f else "" for f in found["fragile"]],
        "Population then": [formatting.number(v, "count") for v in found["population"]],
        "GDP per capita then (PPP $)": [formatting.number(v, "currency") for v in found["gdp_per_capita"]]})
    st.dataframe(shown, hide_index=True, width="stretch", key="peers-table", column_config={
        "Stood at the level in": st.column_config.NumberColumn(format="%d"),
        "Value then": st.column_config.NumberColumn(f"Value then ({choice.row['unit']})",
                                                    format="%.0f" if unit_kind == "per_100000" else "%.1f"),
        "Rate achieved (% a year)": st.column_config.NumberColumn(format="%.1f"),
        "Reached the target in": st.column_config.NumberColumn(format="%d"),
        "Years to target": st.column_config.NumberColumn(format="%d")})
    st.caption(f"Ranked by the rate achieved in the {peer_finder.HORIZON_YEARS} years after standing at the level "
               f"(% a year, positive = improving). Target = {choice.name}'s 2030 target. Region, income group and "
               "fragility are today's; population and GDP per capita are those of the year at the level.")


def trajectory_chart(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """Level-aligned lines: the briefing's peers if any are chosen, else the fastest ones."""
    drawn = briefing or list(found["iso3"].head(CHART_PEERS))
    lines = api.peer_trajectories(choice.iso3, choice.indicator, drawn, choice.tolerance)
    first = found.iloc[0]
    figure = progress_charts.level_aligned(lines, choice.row, choice.name, first["level"], first["target"])
    st.plotly_chart(figure, theme=None, key="peers-chart", config=charts.plotly_config())
    st.caption(f"x = years since standing at {choice.name}'s current level: {choice.name}'s last "
               f"{peer_finder.HORIZON_YEARS} years end at 0 (black), each peer starts at 0 in its own year. "
               + ("Showing the peers in your briefing selection. " if briefing else
                  f"Showing the {len(drawn)} fastest peers; choose peers above to show others. ")
               + "Dashed lines are rebounds (see the rule below).")
    theme_page.source_note(choice.row, lines["year"], pd.Series([choice.row["kind"]]))


READINGS_SHOWN = 10


def readings(found: pd.DataFrame) -> None:
    """The plain-language sentence of each peer, best first: the first ten, the rest folded away."""
    texts = [f"- {formatting.plain(text)}" for text in found["reading"]]
    st.markdown("\n".join(texts[:READINGS_SHOWN]))
    if len(texts) > READINGS_SHOWN:
        with st.expander(f"The other {len(texts) - READINGS_SHOWN} peers"):
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
                     BRIEFING_MAX, upper=True, placeholder="Choose peers from the table")


def take_further(choice: Choice, found: pd.DataFrame, briefing: list[str]) -> None:
    """Links: compare on the theme page (focal + peers), and the briefing selection kept in the URL."""
    compared = briefing or list(found["iso3"].head(BRIEFING_MAX))
    theme = choice.row["theme"]
    st.page_link(THEME_PAGES[theme], label=f"Compare {choice.name} with {len(compared)} peer"
                 f"{'' if len(compared) == 1 else 's'} on the {catalogue.THEMES[theme]} page",
                 query_params={"indicator": choice.indicator, "countries": [choice.iso3, *compared]})
    st.page_link("pages/briefing.py", label=f"Briefing pack for {choice.name}"
                 + (f" with these {len(briefing)} peers" if briefing else ""),
                 query_params={"place": choice.iso3, "indicators": choice.indicator,
                               **({"peers": briefing} if briefing else {})})
    if briefing:
        st.caption("Your briefing selection is kept in this page's link (parameter `peers`): copy the link to keep it.")
