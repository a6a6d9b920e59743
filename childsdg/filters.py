"""Filters that travel in the URL.

Every filter is a Streamlit widget bound to a query parameter (``bind="query-params"``), so a copied
link reproduces the view. Streamlit drops a URL value that its widget cannot take (an unknown code, a
year out of range, text where a number belongs); ``url_notice`` compares the link the session
arrived with against what the widgets adopted and tells the reader, once, what was ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from childsdg import api, catalogue

FIRST_YEAR = 1990
TREND_START = 2000
DEFAULT_GROUPING = "unicef_region"
MAX_COUNTRIES = 8  # more lines than the palette has colours would not be readable


@dataclass(frozen=True)
class View:
    """What the reader asked for: the group, indicator, years and countries of the current page."""

    grouping: str
    group: str
    group_name: str
    indicator: str
    year: int
    start: int
    end: int
    countries: tuple[str, ...] = ()
    sex: str = "total"
    residence: str = "total"
    members: tuple[str, ...] = field(default=(), compare=False)

    @property
    def group_spec(self) -> str:
        """The API's name of the chosen group: 'unicef_region:ESAR', 'world'."""
        return self.grouping if self.grouping == "world" else f"{self.grouping}:{self.group}"

    @property
    def row(self):
        return catalogue.indicator(self.indicator)


def _arrived_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def url_notice(page: str, arrived: dict[str, list[str]], known_keys: set[str]) -> None:
    """Say which parameters of the link this session opened with were not used, once per session and page.

    Streamlit resets a bound widget whose URL value it cannot accept; comparing the parameters before
    and after the widgets ran shows which ones. On later reruns the URL is the widgets' own.
    """
    page_key = f"url-checked:{page}"
    if st.session_state.get(page_key):
        return
    st.session_state[page_key] = True
    now = _arrived_params()
    ignored = [f"{key}={'&'.join(values)[:40]}" for key, values in arrived.items()
               if key not in known_keys or now.get(key) != values]
    if ignored:
        st.warning("Some settings in this link were not understood and were ignored (defaults shown instead): "
                   + ", ".join(ignored), icon="⚠️")


def group_filters() -> tuple[str, str, str]:
    """Sidebar: grouping and group. Returns (grouping, group_code, group_name)."""
    groupings = list(catalogue.GROUPINGS)
    grouping = st.sidebar.selectbox("Compare within", groupings, index=groupings.index(DEFAULT_GROUPING),
                                    format_func=catalogue.GROUPINGS.get, key="grouping", bind="query-params")
    if grouping == "world":
        return grouping, "WLD", "World"
    names = catalogue.group_names(grouping)
    group = st.sidebar.selectbox("Region or group", list(names), format_func=names.get, key="region",
                                 bind="query-params")
    return grouping, group, names[group]


def indicator_filter(theme: str | None, default: str | None = None, label: str = "Indicator") -> str:
    """Main area: one indicator of a theme (all themes when None), by short name."""
    table = api.indicators(theme)
    options = list(table["id"])
    names = dict(zip(table["id"], table["short_name"]))
    index = options.index(default) if default in options else 0
    return st.selectbox(label, options, index=index, format_func=names.get, key="indicator", bind="query-params")


def year_filters(indicator: str) -> tuple[int, int, int]:
    """Sidebar: a year for maps and rankings, and a range for trends. Returns (year, start, end).

    The bounds are the store's, so that changing indicator never invalidates a chosen year; the
    default year is the indicator's latest.
    """
    coverage = api.coverage().set_index("id")
    latest_year = int(coverage["latest_year"].max())
    default_year = int(coverage.loc[indicator, "latest_year"])
    year = st.sidebar.slider("Year (maps and rankings)", FIRST_YEAR, latest_year, default_year, key="year",
                             bind="query-params", help="Each country's latest value up to this year is shown, "
                             "with its data year where it is older.")
    start, end = st.sidebar.slider("Years (trends)", FIRST_YEAR, latest_year, (TREND_START, latest_year),
                                   key="years", bind="query-params")
    return year, start, end


def country_filter(label: str = "Compare countries") -> tuple[str, ...]:
    """Countries to compare, by name (at most MAX_COUNTRIES)."""
    names = catalogue.country_names()
    chosen = st.multiselect(label, list(names), format_func=names.get, key="countries", bind="query-params",
                            max_selections=MAX_COUNTRIES, placeholder="Add countries (or click the map)")
    return tuple(chosen)


def breakdown_filters(indicator: str) -> tuple[str, str]:
    """Sex and residence, offered only where the indicator has them."""
    available = api.breakdowns(indicator)
    sexes = [s for s in catalogue.SEXES if s in set(available["sex"])]
    residences = [r for r in catalogue.RESIDENCES if r in set(available["residence"])]
    sex = st.radio("Sex", sexes, horizontal=True, key="sex", bind="query-params") if len(sexes) > 1 else "total"
    residence = (st.radio("Residence", residences, horizontal=True, key="residence", bind="query-params")
                 if len(residences) > 1 else "total")
    return sex, residence


def theme_view(theme: str) -> View:
    """All the filters of a theme page, in reading order, and the notice about an unusable link."""
    arrived = _arrived_params()
    grouping, group, group_name = group_filters()
    indicator = indicator_filter(theme)
    year, start, end = year_filters(indicator)
    sex, residence = breakdown_filters(indicator)
    chosen = country_filter()
    url_notice(theme, arrived, {"grouping", "region", "indicator", "year", "years", "sex", "residence", "countries"})
    members = tuple(catalogue.group_members(grouping if grouping == "world" else f"{grouping}:{group}"))
    return View(grouping=grouping, group=group, group_name=group_name, indicator=indicator, year=year,
                start=start, end=end, countries=chosen, sex=sex, residence=residence, members=members)
