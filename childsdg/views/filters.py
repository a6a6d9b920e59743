"""Filters that travel in the URL, as codes.

Each filter is a widget whose value is mirrored into a query parameter (``?region=ESAR&year=2020``),
so a copied link reproduces the view on another machine. Streamlit's own ``bind="query-params"``
writes a selectbox's *label* into the URL (country names, region names) and silently drops what it
cannot use; here the URL holds codes, every value is checked before a widget takes it, and whatever
could not be used is named in one visible notice. Defaults are left out of the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import streamlit as st

from childsdg import api, formatting
from childsdg.data import catalogue
from childsdg.i18n import N_, _
from childsdg.views import navigation

FIRST_YEAR = 1990
TREND_START = 2000
DEFAULT_GROUPING = "unicef_region"
MAX_COUNTRIES = 8  # more lines than the palette has colours would not be readable
BRIEFING_MAX_PEERS = MAX_COUNTRIES - 1  # with the focal country, what a theme page's comparison holds
MAX_PARAM_SHOWN = 40
# Every URL parameter some page of the app reads. Opening a page with another page's parameter (the
# URL keeps them across page switches) drops it quietly; anything else unknown gets the notice.
APP_PARAMS = {"grouping", "region", "indicator", "year", "years", "sex", "residence", "countries", "country", "q",
              "theme", "window", "tolerance", "peers", "place", "indicators", "view", "income", "population", "since",
              "also", "lang"}  # lang: the reader's language, read by app.py (``navigation.choose_language``)
# Choices that follow the reader from page to page (Streamlit's page links drop the query string):
# a page opened without them in its URL takes the session's last choice.
SHARED_PARAMS = {"grouping", "region", "year", "years", "countries", "country"}
# The focal country: the one the reader is asking about, chosen on any page and kept on all of them
# (``?country=NER``). It is the country profile's and the Peers page's country, the Briefing's place
# when it opens, and on a theme page the first compared country (a page opened with a focal country
# puts it first in the comparison). The Overview and Progress pages keep it in their URL and name it.
FOCAL = "country"
# The categories of a breakdown as readers see them (English, marked N_; the URL holds the codes).
BREAKDOWN_WORDS = {"total": N_("total"), "female": N_("female"), "male": N_("male"), "urban": N_("urban"),
                   "rural": N_("rural")}


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
    focal: str | None = None  # the focal country (FOCAL): the first compared one, for the charts to emphasise
    countries_key: str = field(default="countries", compare=False)  # session-state key of the country picker

    @property
    def group_spec(self) -> str:
        """The API's name of the chosen group: 'unicef_region:ESAR', 'world'."""
        return catalogue.group_spec(self.grouping, self.group)

    @property
    def row(self):
        return catalogue.indicator(self.indicator)


class UrlFilters:
    """The filters of one page: seeds widgets from the URL once, mirrors them back, reports what it ignored."""

    def __init__(self, page: str):
        self.page = page
        self.keys: set[str] = {navigation.LANGUAGE}  # read by app.py, on every page
        self.ignored: list[str] = []
        self.first_run = not st.session_state.get(f"url-read:{page}")
        st.session_state[f"url-read:{page}"] = True

    def state_key(self, key: str) -> str:
        """The widget's session-state key: per page, so that pages sharing a parameter never share state."""
        return f"{self.page}.{key}"

    def _parsed(self, key: str, parse: Callable[[list[str]], object], quiet: Collection[str] = (),
                carry: str | None = None):
        """The link's value of ``key`` (else, for a shared one, the session's; else ``carry``), parsed; None
        if there is none or it is unusable. An unusable value of the link is named in the notice, unless it
        is in ``quiet`` (valid elsewhere in the app, e.g. another theme's indicator carried over by a page
        switch)."""
        raw = st.query_params.get_all(key)
        carried = not raw
        if carried:
            raw = (st.session_state.get(f"shared.{key}", []) if key in SHARED_PARAMS else []) or (
                [carry] if carry else [])
        if raw:
            try:
                return parse(raw)
            except (ValueError, TypeError, KeyError, IndexError):
                if not carried and not (len(raw) == 1 and raw[0] in quiet):
                    self.ignored.append(f"{key}={'&'.join(raw)[:MAX_PARAM_SHOWN]}")
        return None

    def _seed(self, key: str, parse: Callable[[list[str]], object], default, quiet: Collection[str] = (),
              carry: str | None = None) -> str:
        """Give the widget its URL value (if usable) or its default, before it is created. Returns the state key.

        A value the page fell back to is marked, so that ``_mirror`` does not share it: only what the
        reader or a link chose follows the reader (a profile opened on its default country must not make
        that country the focal one everywhere). Until the reader moves it, it follows its default: the
        map year and the trend years of a newly chosen indicator are that indicator's.
        """
        self.keys.add(key)
        state = self.state_key(key)
        if state in st.session_state:
            fallen = st.session_state.get(f"{state}.fallback")
            if fallen is not None and fallen != _raw(default):
                # The page fell back to a default that has moved (a year, with the indicator): follow it.
                st.session_state[f"{state}.fallback"] = _raw(default)
                st.session_state[state] = default
            return state
        value = self._parsed(key, parse, quiet, carry)
        # The value fallen back to (as URL text), or None for the link's or the session's value.
        st.session_state[f"{state}.fallback"] = _raw(default) if value is None else None
        st.session_state[state] = default if value is None else value
        return state

    def _mirror(self, key: str, value, default) -> None:
        """Write the widget's value into the URL (defaults left out) and, if shared, into the session."""
        raw = _raw(value)
        fallback = f"{self.state_key(key)}.fallback"
        if st.session_state.get(fallback) not in (None, raw):
            # The reader moved it: from now on it is their choice. (Not when only the default moved, as a
            # year's does with the indicator: the page still shows what it fell back to.)
            st.session_state[fallback] = None
        if key in SHARED_PARAMS and st.session_state.get(fallback) is None:
            st.session_state[f"shared.{key}"] = raw
        if value == default or value in (None, [], ()):
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = raw if isinstance(value, (list, tuple)) else raw[0]

    def select(self, label: str, options: Sequence[str], key: str, default: str, labels: dict | None = None,
               where=st, quiet: Collection[str] = (), carry: str | None = None) -> str:
        """A selectbox over codes, shown by their labels; the URL holds the code.

        carry: the value taken when the link has none, if it is an option (the focal country on the Briefing).
        """
        options = list(options)
        if st.session_state.get(self.state_key(key)) not in options:
            st.session_state.pop(self.state_key(key), None)  # the options changed (another filter moved)
        state = self._seed(key, lambda raw: _one_of(raw, options), default, quiet, carry)
        value = where.selectbox(label, options, format_func=(labels or {}).get if labels else str, key=state)
        self._mirror(key, value, default)
        return value

    def text(self, label: str, key: str, placeholder: str = "", max_chars: int = 100, where=st) -> str:
        """Free text (a search), at most ``max_chars``; it is only ever matched as plain text."""
        def parse(raw: list[str]) -> str:
            if len(raw) != 1 or len(raw[0]) > max_chars:
                raise ValueError(raw)
            return raw[0]
        state = self._seed(key, parse, "")
        value = where.text_input(label, key=state, placeholder=placeholder, max_chars=max_chars)
        self._mirror(key, value, "")
        return value

    def radio(self, label: str, options: Sequence[str], key: str, default: str, where=st,
              labels: dict | None = None) -> str:
        """Options side by side, shown by their labels (translated with ``_``); the URL holds the code."""
        options = list(options)
        if st.session_state.get(self.state_key(key)) not in options:
            st.session_state.pop(self.state_key(key), None)
        state = self._seed(key, lambda raw: _one_of(raw, options), default, quiet=catalogue.SEXES + catalogue.RESIDENCES)
        value = where.radio(label, options, horizontal=True, key=state,
                            format_func=lambda code: _(labels[code]) if labels and code in labels else code)
        self._mirror(key, value, default)
        return value

    def year(self, label: str, low: int, high: int, key: str, default: int, where=st, help: str | None = None) -> int:
        state = self._seed(key, lambda raw: _year_in(raw, low, high), default)
        value = where.slider(label, low, high, key=state, help=help)
        self._mirror(key, value, default)
        return int(value)

    def years(self, label: str, low: int, high: int, key: str, default: tuple[int, int], where=st) -> tuple[int, int]:
        def parse(raw: list[str]) -> tuple[int, int]:
            if len(raw) != 2:
                raise ValueError(raw)
            start, end = _year_in(raw[:1], low, high), _year_in(raw[1:], low, high)
            if start > end:
                raise ValueError(raw)
            return start, end
        state = self._seed(key, parse, default)
        start, end = where.slider(label, low, high, key=state)
        self._mirror(key, [start, end], list(default))
        return int(start), int(end)

    def codes(self, label: str, key: str, names: dict[str, str], most: int, default: Sequence[str] = (),
              where=st, upper: bool = False, placeholder: str | None = None, lead: str | None = None) -> list[str]:
        """Several codes, shown by name, each known and once, at most ``most``; the URL repeats the parameter.

        upper: codes in the URL are read in capitals (ISO3 codes typed by hand).
        lead: a code put first when the page opens, if the link or the session did not already hold it.
        """
        def parse(raw: list[str]) -> list[str]:
            codes = list(dict.fromkeys(code.strip().upper() if upper else code.strip() for code in raw if code.strip()))
            if not codes or len(codes) > most or any(code not in names for code in codes):
                raise ValueError(raw)
            return codes
        opening = self.state_key(key) not in st.session_state
        state = self._seed(key, parse, list(default))
        if opening and lead in names and lead not in st.session_state[state]:
            st.session_state[state] = [lead, *st.session_state[state]][:most]
            st.session_state[f"{state}.fallback"] = None
        chosen = code_multiselect(label, names, state, most, where=where, placeholder=placeholder)
        self._mirror(key, chosen, list(default))
        return chosen

    def countries(self, label: str, key: str = "countries", where=st) -> tuple[str, ...]:
        """The compared countries: the focal country leads them when the page opens, and the first of them
        is the focal country from then on (none chosen, none focal)."""
        chosen = tuple(self.codes(label, key, catalogue.country_search_labels(), MAX_COUNTRIES, where=where, upper=True,
                                  placeholder=_("Add countries (or click the map)"), lead=self.focal_country()))
        keep_focal(chosen[0] if chosen else None)
        return chosen

    def focal_country(self) -> str | None:
        """The focal country of the link (else of the session), for a page that does not choose it itself;
        kept in the URL. An unknown code in the link is named in the notice, and no country is focal."""
        self.keys.add(FOCAL)
        iso3 = self._parsed(FOCAL, lambda raw: _one_of([code.strip().upper() for code in raw],
                                                       catalogue.country_names()))
        keep_focal(iso3)
        return iso3

    def notice(self) -> None:
        """Name, once, the URL parameters this page could not use."""
        if not self.first_run:
            return
        unknown = [f"{k}={'&'.join(st.query_params.get_all(k))[:MAX_PARAM_SHOWN]}" for k in st.query_params
                   if k not in self.keys and k not in APP_PARAMS]
        for key in [k for k in st.query_params if k not in self.keys]:
            st.query_params.pop(key, None)
        problems = self.ignored + unknown
        language = st.session_state.pop(navigation.IGNORED_LANGUAGE, None)
        if language:
            problems.append(language)
        if problems:
            st.warning(_("Some settings in this link were not understood and were ignored (defaults shown "
                         "instead): {settings}").format(settings=", ".join(formatting.plain(p) for p in problems)),
                       icon="⚠️")


def code_multiselect(label: str, names: dict[str, str], state: str, most: int, where=st, **options) -> list[str]:
    """A multiselect of codes shown by name, at most ``most``, that takes only known codes, each once.

    No "Select N matches" entry: it stood first in the list while typing, so "Niger" + Enter added
    every country the search matched (Niger, Nigeria and the United Kingdom); Enter now adds the best
    match, which Streamlit's fuzzy search ranks first (an exact name before longer ones).

    The browser offers nothing else, but a forged websocket message can send anything. Before the
    widget exists, the session state holds what the message sent and may still be corrected;
    format_func must still name an unknown value (Streamlit serializes the message's value once
    more), or the multiselect raises.
    """
    incoming = st.session_state.get(state)
    usable = list(dict.fromkeys(code for code in incoming if code in names)) if isinstance(incoming, list) else []
    if usable != incoming or len(usable) > most:
        st.session_state[state] = usable[:most]
    return where.multiselect(label, list(names), format_func=lambda code: names.get(code, str(code)), key=state,
                             max_selections=most, select_all=False, **options)


def _raw(value) -> list[str]:
    """A value as the URL holds it: a list of strings."""
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def keep_focal(iso3: str | None, in_url: bool = True) -> None:
    """Make ``iso3`` the focal country for the next pages and, ``in_url``, in this page's URL (None: none)."""
    if iso3 is None:
        st.session_state.pop(f"shared.{FOCAL}", None)
    else:
        st.session_state[f"shared.{FOCAL}"] = [iso3]
    if in_url:
        if iso3 is None:
            st.query_params.pop(FOCAL, None)
        else:
            st.query_params[FOCAL] = iso3


def focal() -> str | None:
    """The session's focal country (None before the reader chose one)."""
    return (st.session_state.get(f"shared.{FOCAL}") or [None])[0]


def region_params(iso3: str) -> dict[str, str]:
    """The group a link about ``iso3`` opens a theme page on: the reader's, if it holds the country, else
    the country's own region (UNICEF's, else the World Bank's), as URL parameters."""
    grouping = (st.session_state.get("shared.grouping") or [DEFAULT_GROUPING])[0]
    if grouping == "world":
        return {"grouping": "world"}
    region = (st.session_state.get("shared.region") or [next(iter(catalogue.group_names(grouping)))])[0]
    if iso3 in catalogue.group_members(catalogue.group_spec(grouping, region)):
        return {"grouping": grouping, "region": region}
    own = api.comparison_groups(iso3)["region"]
    if own is None:
        return {"grouping": "world"}
    grouping, region = own.split(":")
    return {"grouping": grouping, "region": region}


def follow_focal_region(iso3: str) -> None:
    """After the reader chose ``iso3`` on a page without a group filter (profile, Peers, Briefing), the
    next theme page opens on a group that holds it: the reader's, if it does, else the country's region."""
    if st.session_state.get(f"shared.{FOCAL}") != [iso3]:
        return  # a page's default country, not the reader's choice
    params = region_params(iso3)
    for key in ("grouping", "region"):
        if key in params:
            st.session_state[f"shared.{key}"] = [params[key]]


def _one_of(raw: list[str], options: list[str]) -> str:
    if len(raw) != 1 or raw[0] not in options:
        raise ValueError(raw)
    return raw[0]


def _year_in(raw: list[str], low: int, high: int) -> int:
    if len(raw) != 1:
        raise ValueError(raw)
    year = int(raw[0].strip())
    if not low <= year <= high:
        raise ValueError(raw)
    return year


def sidebar_summary(*choices: str, where=st) -> None:
    """One line at the top of a page naming what the sidebar holds: on a phone or at 200% zoom the sidebar
    is folded away, and the reader sees what is shown and where to change it without hunting for it.

    (A button cannot reliably open the sidebar: Streamlit keeps the reader's own folding in the browser.)
    """
    where.caption(_("Showing {choices}. Change this in the sidebar (» at the top left on a phone).").format(
        choices="**" + "** · **".join(formatting.plain(choice) for choice in choices) + "**"))


def store_years() -> tuple[int, int]:
    """(first year offered, latest year in the store)."""
    return FIRST_YEAR, int(api.coverage()["latest_year"].max())


def group_filters(url: UrlFilters) -> tuple[str, str, str]:
    """Sidebar: grouping and group. Returns (grouping, group_code, group_name)."""
    grouping = url.select(_("Compare within"), list(catalogue.GROUPINGS), "grouping", DEFAULT_GROUPING,
                          {name: catalogue.grouping_name(name) for name in catalogue.GROUPINGS}, where=st.sidebar)
    if grouping == "world":
        return grouping, "WLD", catalogue.grouping_name("world")
    names = catalogue.group_names(grouping)
    group = url.select(_("Region or group"), list(names), "region", next(iter(names)), names, where=st.sidebar)
    return grouping, group, names[group]


def indicator_filter(url: UrlFilters, theme: str | None, default: str | None = None) -> str:
    """One indicator of a theme (all themes when None), by short name; the theme's headline by default."""
    table = api.indicators(theme)
    options = list(table["id"])
    names = dict(zip(table["id"], table["short_name"]))
    return url.select(_("Indicator"), options, "indicator", default if default in options else options[0], names,
                      quiet=set(catalogue.indicators().index))


def year_filters(url: UrlFilters, indicator: str) -> tuple[int, int, int]:
    """Sidebar: a year for maps and rankings, and a range for trends; both end by default at the indicator's
    latest year (not the store's: a chart of data ending in 2024 was titled 2000-2025)."""
    first, last = store_years()
    default_year = int(api.coverage().set_index("id").loc[indicator, "latest_year"])
    year = url.year(_("Year (maps and rankings)"), first, last, "year", default_year, where=st.sidebar,
                    help=_("Each country's latest value up to this year is shown, with its data year where older."))
    start, end = url.years(_("Years (trends)"), first, last, "years", (TREND_START, default_year), where=st.sidebar)
    return year, start, end


def breakdown_filters(url: UrlFilters, indicator: str) -> tuple[str, str]:
    """Sex and residence, offered only where the indicator has them."""
    available = api.breakdowns(indicator)
    sexes = [s for s in catalogue.SEXES if s in set(available["sex"])]
    residences = [r for r in catalogue.RESIDENCES if r in set(available["residence"])]
    sex = url.radio(_("Sex"), sexes, "sex", "total", labels=BREAKDOWN_WORDS) if len(sexes) > 1 else "total"
    residence = (url.radio(_("Residence"), residences, "residence", "total", labels=BREAKDOWN_WORDS)
                 if len(residences) > 1 else "total")
    return sex, residence


def theme_view(theme: str) -> View:
    """All the filters of a theme page, in reading order, then the notice about an unusable link."""
    url = UrlFilters(theme)
    grouping, group, group_name = group_filters(url)
    summary = st.container()  # above the page's own filters, once the sidebar's are known
    indicator = indicator_filter(url, theme, default=catalogue.HEADLINE_INDICATORS.get(theme))
    year, start, end = year_filters(url, indicator)
    sidebar_summary(group_name, _("map and ranking {year}").format(year=year),
                    _("trends {years}").format(years=formatting.years(start, end)), where=summary)
    sex, residence = breakdown_filters(url, indicator)
    chosen = url.countries(_("Compare countries"))
    url.notice()
    members = tuple(catalogue.group_members(catalogue.group_spec(grouping, group)))
    return View(grouping=grouping, group=group, group_name=group_name, indicator=indicator, year=year,
                start=start, end=end, countries=chosen, sex=sex, residence=residence, members=members,
                focal=chosen[0] if chosen else None, countries_key=url.state_key("countries"))


def country_choice(page: str, label: str | None = None, default: str | None = None) -> str:
    """One country (sidebar), by name, the focal country (``FOCAL``); the URL holds its ISO3 code."""
    url = UrlFilters(page)
    names = catalogue.country_names()
    iso3 = url.select(label or _("Country"), list(names), FOCAL, default if default in names else next(iter(names)), names,
                      where=st.sidebar)
    follow_focal_region(iso3)
    url.notice()
    return iso3
