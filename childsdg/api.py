"""The public Python API: what the pages, the tests and analysts call.

The one door to data: nothing else in the dashboard asks the store a question (only ``childsdg.data``
talks to DuckDB, and only through ``queries/*.sql``; tests/test_architecture.py holds it). Every
function validates its arguments first (an unknown indicator, country, grouping, sex or residence raises
a ``ValueError`` that names it) and returns a pandas DataFrame with documented columns, except
``headline`` and ``peer_screening`` (dicts), ``comparison_groups`` (a dict of group codes) and
``clear_cache`` (nothing). The figures come from parameterised queries in ``queries/``, then the
analysis in ``childsdg.analysis`` (progress, peers, published figures first). Briefing packs are files,
not data: ``childsdg.exports.briefing.build`` makes them from this API.

>>> from childsdg import api
>>> api.latest("u5mr", ["KEN", "RWA"], as_of=2020)       # doctest: +SKIP
>>> api.aggregate("u5mr", "unicef_region:ESAR", start=2015)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from childsdg import formatting, i18n
from childsdg.i18n import _
from childsdg.analysis import like_for_like, peer_finder, progress_engine, published_first
from childsdg.data import catalogue, datastore, db

EARLIEST_YEAR = 1950
LATEST_YEAR = 2100
MIN_COVERAGE = 0.5  # UNICEF's usual threshold (METHODS.md §2)
BASELINE_YEAR = 2015  # the start of the SDG period: changes are measured from it
GROUP_VALUES_FILE = "group_values.parquet"  # every standard group's aggregates, precomputed by the pipeline
TOTALS = {"sex": "total", "residence": "total"}
# Totals, and each category of a breakdown alone (the theme pages' gaps between girls and boys, towns and country)
PRECOMPUTED_BREAKDOWNS = [TOTALS, *({**TOTALS, by: category} for by, categories in catalogue.BREAKDOWNS.items()
                                    for category in categories)]


def _year(value, default: int, what: str) -> int:
    if value is None:
        return default
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a year, not {value!r}") from None
    if year != value and not isinstance(value, str):
        raise ValueError(f"{what} must be a whole year, not {value!r}")
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValueError(f"{what} {year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}")
    return year


def _breakdown(sex: str, residence: str) -> dict:
    return {"sex": catalogue.check_choice(sex, catalogue.SEXES, "sex"),
            "residence": catalogue.check_choice(residence, catalogue.RESIDENCES, "residence")}


def change(indicator: str, iso3s: Iterable[str] | str | None, start: int, end: int, sex: str = "total",
           residence: str = "total") -> pd.DataFrame:
    """Each country's first and last value within ``start``..``end`` and the change between them.

    Columns: iso3, start_year, start_value, end_year, end_value, change, relative_change (a fraction),
    n_values, kind (of the last value).
    """
    catalogue.indicator(indicator)
    return db.query("change_over_period", indicator=indicator, iso3s=catalogue.check_iso3s(iso3s),
                    start=_year(start, EARLIEST_YEAR, "start"), end=_year(end, LATEST_YEAR, "end"),
                    **_breakdown(sex, residence))


def headline(indicator: str, grouping, year: int, baseline: int = BASELINE_YEAR, sex: str = "total",
             residence: str = "total") -> dict:
    """One group's figure for ``year`` and its like-for-like change since ``baseline``.

    Published first (``group_series``): where the producer publishes the group (world, World Bank
    regions and income groups), the figure is the producer's and the change is along the producer's
    own series (its composition is fixed); elsewhere the figure is our weighted value and the change
    compares the same countries at both ends: those with a value both in the baseline year and in
    ``year`` (``aggregate``'s panel columns), from ``baseline`` or the first year after it whose
    panel holds at least half of the group's weight. Where the group has no figure for ``year`` (the
    producer's series ends earlier, or too little coverage for ours), the latest year before it that
    has one is used, and ``year`` in the result says which.
    Returns a dict: value, year, coverage, n_countries, n_members, data_year_min, data_year_max,
    n_interpolated, n_carried, n_zero (of our estimate in that year, as in ``aggregate``),
    baseline_year, baseline_value and panel_value (the two ends compared), change (panel_value -
    baseline_value), panel_n_countries, panel_coverage (0 for a published figure), published (bool:
    the value is the producer's), label ('UN IGME / World Bank published aggregate' or 'our weighted
    estimate'), producer, own_value (ours in that year), difference (ours - published), last_year (the
    last year with any figure for the group, of either kind); missing numbers are NaN.
    The group is one group ('unicef_region:ESAR', 'world' or a list of ISO3).
    """
    year = _year(year, LATEST_YEAR, "year")
    baseline = _year(baseline, BASELINE_YEAR, "baseline")
    # One series for both questions: the figure up to ``year`` and the last year with any figure at all.
    full = group_series(indicator, grouping, sex=sex, residence=residence, baseline=baseline)
    table = full[full["year"].between(min(baseline, year) - 10, year)]
    nan = float("nan")
    result = {"value": nan, "year": year, "coverage": 0.0, "n_countries": 0, "n_members": 0,
              "data_year_min": nan, "data_year_max": nan, "n_interpolated": 0, "n_carried": 0, "n_zero": 0,
              "baseline_year": nan, "baseline_value": nan, "panel_value": nan, "change": nan,
              "panel_n_countries": 0, "panel_coverage": 0.0, "published": False, "label": published_first.own_label(),
              "producer": None, "own_value": nan, "difference": nan, "last_year": nan}
    anything = full[full["value"].notna() | full["own_value"].notna()]
    if not anything.empty:
        result["last_year"] = int(anything["year"].max())
    shown = table[table["value"].notna()]
    now = shown.tail(1) if not shown.empty else table[table["year"] == year]
    if now.empty:
        return result
    row = now.iloc[0]
    result.update({key: row[key] for key in ("value", "coverage", "n_countries", "n_members", "data_year_min",
                                             "data_year_max", "n_interpolated", "n_carried", "n_zero", "label",
                                             "producer", "own_value", "difference")})
    result["year"] = int(row["year"])
    result["published"] = bool(row["published"])
    if pd.isna(result["value"]):
        return result
    if result["published"]:  # the producer's series has one composition: compare along it
        earlier = shown[(shown["year"] >= baseline) & (shown["year"] < result["year"])]
        if not earlier.empty:
            first = earlier.iloc[0]
            result.update({"baseline_year": int(first["year"]), "baseline_value": first["value"],
                           "panel_value": result["value"], "change": result["value"] - first["value"]})
        return result
    ends = _first_panel(indicator, grouping, result["year"], table, sex, residence, baseline)
    if ends is not None:
        result.update({"baseline_year": int(ends["baseline_year"]), "baseline_value": ends["baseline_value"],
                       "panel_value": ends["panel_value"], "change": ends["panel_value"] - ends["baseline_value"],
                       "panel_n_countries": int(ends["panel_n_countries"]), "panel_coverage": ends["panel_coverage"]})
    return result


def _first_panel(indicator: str, grouping, year: int, table: pd.DataFrame, sex: str, residence: str,
                 baseline: int) -> pd.Series | None:
    """``headline``'s like-for-like comparison of our estimate in ``year`` (analysis/like_for_like.py), or None.

    Looked up for a standard group with the default options (the pipeline found it with the same rule);
    else searched, year after year from ``baseline``, a query each. ``table`` is the group's series: a
    year whose countries with data hold less than half of the weight cannot start a panel that holds
    half, and is skipped (a count's totals need no coverage).
    """
    name, code, custom = catalogue.parse_grouping(grouping)
    if _standard(name, code, custom, None, MIN_COVERAGE, baseline) and _breakdown(sex, residence) == TOTALS \
            and datastore.holds(GROUP_VALUES_FILE):
        found = db.query("group_like_for_like", grouping=name, group_code=code, indicator=indicator, year=int(year))
    else:
        thin = set() if catalogue.aggregation(indicator)[1] else {
            (indicator, y) for y in table.loc[table["coverage"] < MIN_COVERAGE, "year"]}
        found = like_for_like.first_panels(
            lambda ids, baseline: aggregate(ids, grouping, sex=sex, residence=residence, baseline=baseline),
            [(indicator, int(year))], thin, baseline)
    return None if found.empty else found.iloc[0]


def group_series(indicator: str | list[str], grouping, start: int | None = None, end: int | None = None,
                 sex: str = "total", residence: str = "total", baseline: int = BASELINE_YEAR) -> pd.DataFrame:
    """One group's line, published first: the producer's figures where it publishes the group, else ours.

    ``grouping`` is one group ('world', 'wb_region:SSF', 'income_group:LIC', 'unicef_region:ESAR' or
    a list of ISO3). Where the World Bank (WDI), the JME, the JMP or UIS publish the group for an
    indicator, ``value`` is their figure in every year (empty in years they have none: the line is
    never a mix of theirs and ours); elsewhere it is ``aggregate``'s weighted value.
    Columns: those of ``aggregate`` (coverage, n_countries, segment, panel_* ... describe our
    estimate; the panel compares with ``baseline``), then own_value (ours), published_value,
    difference (ours - published), relative_difference (of published), published (bool: whose
    ``value`` is), producer, source_code (the producer's group code), label ('UN IGME / World Bank
    published aggregate' or 'our weighted estimate').
    """
    ids = (indicator,) if isinstance(indicator, str) else tuple(indicator)
    breakdown = _breakdown(sex, residence)
    table = _series_table(datastore.data_dir(), i18n.current(), ids, _grouping_key(grouping), breakdown["sex"], breakdown["residence"],
                          _year(baseline, BASELINE_YEAR, "baseline"))
    start, end = _year(start, EARLIEST_YEAR, "start"), _year(end, LATEST_YEAR, "end")
    return table[table["year"].between(start, end)].reset_index(drop=True)


@lru_cache(maxsize=256)
def _series_table(store, lang: str, ids: tuple, grouping, sex: str, residence: str, baseline: int) -> pd.DataFrame:
    """``group_series`` over every year, once per store and question (``store`` is only the cache key): a
    theme page asks for its group's line three times a rerun (headline, trend, table), and putting the
    producer's figures first costs more than the cached aggregate under it."""
    ours = aggregate(list(ids), grouping, sex=sex, residence=residence, baseline=baseline)
    if ours["group_code"].nunique() > 1:
        raise ValueError("group_series needs one group, e.g. 'unicef_region:ESAR', not a whole grouping")
    return published_first.combine(ours, published_first.values(list(ids), grouping, sex, residence))


def group_snapshot(grouping, indicators: Iterable[str], baseline: int = BASELINE_YEAR) -> pd.DataFrame:
    """One group's latest figure of each indicator, its like-for-like change since ``baseline``, and its target.

    ``grouping`` is one group ('unicef_region:ESAR', 'world' or a list of ISO3). Published first
    (``group_series``): the producer's figure where it publishes the group, and the change along its
    series from ``baseline`` (or the first year after it that it has); else our weighted value, whose
    latest is that of the last year whose value is shown (coverage at least 50%), and a change that
    compares the same countries at both ends, as ``headline`` does, but only from ``baseline`` itself
    (NaN where the countries with a value in both years hold less than half of the group's weight).
    Columns: indicator, short_name, unit, unit_kind, polarity, target_2030, target_basis, year, value,
    coverage, n_countries, n_members, published, label, producer, own_value (ours in that year),
    difference (ours - published), baseline_year, baseline_value, panel_value (the value compared
    with it in ``year``), change, panel_n_countries.
    """
    return _snapshot_table(datastore.data_dir(), i18n.current(), _grouping_key(grouping), tuple(indicators), int(baseline)).copy()


def _grouping_key(grouping) -> str | tuple[str, ...]:
    """A valid grouping as a cache key: a name as it is, a user-defined group as its checked ISO3 codes."""
    _, _, custom = catalogue.parse_grouping(grouping)
    return tuple(custom) if custom else grouping


@lru_cache(maxsize=128)
def _snapshot_table(store, lang: str, grouping, ids: tuple, baseline: int) -> pd.DataFrame:
    """``group_snapshot`` once per store and question (``store`` is only the cache key): reshaping the
    aggregates costs ~15 ms, more than the cached query under them, and the overview asks on every run."""
    ids = list(ids)
    if catalogue.parse_grouping(grouping)[0] != "custom" and ":" not in grouping and grouping != "world":
        raise ValueError("group_snapshot needs one group, e.g. 'unicef_region:ESAR', not a whole grouping")
    table = group_series(ids, grouping, start=min(baseline, 2000), baseline=baseline)
    shown = table[table["value"].notna()].sort_values(["indicator", "year"])
    latest_rows = shown.groupby("indicator").tail(1).set_index("indicator")
    catalogue_rows = catalogue.indicators().loc[ids]
    result = pd.DataFrame({"indicator": ids})
    for column in ("short_name", "unit", "unit_kind", "polarity", "target_2030", "target_basis"):
        result[column] = catalogue_rows[column].to_numpy()
    for column in ("year", "value", "coverage", "n_countries", "n_members", "published", "label", "producer",
                   "own_value", "difference", "panel_value", "panel_n_countries"):
        result[column] = result["indicator"].map(latest_rows[column])
    result["published"] = result["published"].fillna(False).astype(bool)
    result["label"] = result["label"].fillna(published_first.own_label())
    # Ours: the same countries at both ends. The producer's: along its own series, from the first year it has.
    result["baseline_value"] = result["indicator"].map(latest_rows["panel_baseline_value"])
    result["baseline_year"] = float(baseline)
    published_base = shown[shown["published"] & (shown["year"] >= baseline)].groupby("indicator").head(1)
    published_base = published_base.set_index("indicator")
    mine = result["published"]
    if mine.any():
        theirs = result.loc[mine, "indicator"]
        result.loc[mine, "baseline_year"] = theirs.map(published_base["year"]).astype("float64")
        result.loc[mine, "baseline_value"] = theirs.map(published_base["value"]).astype("float64")
        result.loc[mine, "panel_value"] = result.loc[mine, "value"]
        result.loc[mine, "panel_n_countries"] = float("nan")
    compared = result["baseline_value"].notna() & (result["year"] > result["baseline_year"])
    result.loc[~compared, ["baseline_year", "baseline_value", "panel_value"]] = float("nan")
    result["change"] = result["panel_value"] - result["baseline_value"]
    return result


def lead_numbers(grouping) -> pd.DataFrame:
    """The counts UNICEF leads with (catalogue.LEAD_NUMBERS) for one group, each in its latest year.

    Counts are summed over the countries that report them, whatever share of the group they are:
    a count (deaths, displaced children) is not a rate that a few countries could misrepresent, and
    "N of M countries reporting" says how much of the group it covers. A lead number made of parts
    (children displaced) takes the first part's latest year and each other part in that same year;
    a part with no country reporting that year is listed with a missing value, not dropped silently.
    One row per lead number and part. Columns: lead, label, indicator, short_name, year, value,
    n_countries, n_members, kind, source_name.
    """
    ids = [i for _, parts in catalogue.LEAD_NUMBERS.values() for i in parts]
    table = aggregate(ids, grouping, min_coverage=0.0)
    if table["group_code"].nunique() > 1:
        raise ValueError("lead_numbers needs one group, e.g. 'unicef_region:ESAR', not a whole grouping")
    reported = table[(table["n_countries"] > 0) & table["value"].notna()].set_index(["indicator", "year"])
    specs = catalogue.indicators()
    rows = []
    for lead, (label, parts) in catalogue.LEAD_NUMBERS.items():
        first_years = reported.loc[parts[0]].index if parts[0] in reported.index.get_level_values(0) else []
        year = int(max(first_years)) if len(first_years) else None
        for part in parts:
            found = reported.loc[(part, year)] if year is not None and (part, year) in reported.index else None
            rows.append({"lead": lead, "label": _(label), "indicator": part, "short_name": specs.loc[part, "short_name"],
                         "year": year, "value": float("nan") if found is None else found["value"],
                         "n_countries": 0 if found is None else int(found["n_countries"]),
                         "n_members": int(table["n_members"].max()) if len(table) else 0,
                         "kind": specs.loc[part, "kind"], "source_name": specs.loc[part, "source_name"]})
    return pd.DataFrame(rows)


def _reader_texts(table: pd.DataFrame, key: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """``table`` with the catalogue texts in ``columns`` (short_name, unit …) in the reader's language: the
    SQL reads them from the store's English catalogue."""
    specs = catalogue.indicators()
    return table.assign(**{column: table[key].map(specs[column]) for column in columns})


def profile(iso3: str) -> pd.DataFrame:
    """One country's latest value of every indicator, beside its region's and income group's.

    The comparators are the groups' weighted values in the country's data year (its UNICEF
    programme region, else its World Bank region; its World Bank income group).
    Rows in reading order (``catalogue.reading_order``: theme by theme, each headline first).
    Columns: indicator, short_name, theme, unit, unit_kind, polarity, target_2030, source_name,
    data_year, value, kind, region_value, region_coverage, income_value, income_coverage.
    """
    (code,) = catalogue.check_iso3s(iso3)
    table = _reader_texts(db.query("country_latest_values", iso3=code), "indicator", ("short_name", "unit"))
    table = table.iloc[catalogue.reading_order(table["indicator"])].reset_index(drop=True)
    keys = pd.MultiIndex.from_arrays([table["indicator"], table["data_year"]])
    for label, group in comparison_groups(code).items():
        table[f"{label}_value"] = float("nan")
        table[f"{label}_coverage"] = float("nan")
        if group is None or table.empty:
            continue
        # Every indicator, whatever the country has: the same question for every country of the group,
        # so the query cache answers it once per group.
        values = aggregate(list(catalogue.indicators().index), group).set_index(["indicator", "year"]).reindex(keys)
        table[f"{label}_value"] = values["value"].to_numpy()
        table[f"{label}_coverage"] = values["coverage"].to_numpy()
    return table


def comparison_groups(iso3: str) -> dict[str, str | None]:
    """The groups a country is compared with: {'region': 'unicef_region:ESAR', 'income': 'income_group:LIC'}."""
    row = catalogue.countries().loc[iso3]
    region = (f"unicef_region:{row['unicef_region']}" if isinstance(row["unicef_region"], str)
              else f"wb_region:{row['wb_region']}" if isinstance(row["wb_region"], str) else None)
    income = f"income_group:{row['income_group']}" if isinstance(row["income_group"], str) else None
    return {"region": region, "income": income}


def indicators(theme: str | None = None) -> pd.DataFrame:
    """The catalogue (indicators.csv), optionally one theme's rows.

    Columns: id, name, short_name, theme, unit, unit_kind, sdg, polarity, target_2030,
    target_relative_change, target_baseline_year, target_basis, weight, kind, source, source_name,
    source_code, licence, citation, vintage, definition.
    """
    table = catalogue.indicators()  # names, units and definitions in the reader's language
    if theme is not None:
        table = table[table["theme"] == catalogue.check_choice(theme, catalogue.THEMES, "theme")]
    return table.reset_index(drop=True)


def coverage(search: str | None = None, theme: str | None = None) -> pd.DataFrame:
    """The catalogue with how much data each indicator has, optionally filtered.

    ``search`` matches (case-insensitively, as plain text) the id, names (in English or the reader's
    language), SDG number or source; ``theme`` keeps one theme. Names and units are the reader's language's.

    Columns: id, short_name, name, theme, unit, sdg, source, source_name, licence, vintage,
    n_countries, first_year, latest_year, n_observations, kinds.
    """
    table = db.query("indicator_coverage")
    english = table[["id", "short_name", "name", "sdg", "source_name"]]
    table = _reader_texts(table, "id", ("short_name", "name", "unit"))
    if theme:
        table = table[table["theme"] == catalogue.check_choice(theme, catalogue.THEMES, "theme")]
    if search and search.strip():
        words = pd.concat([english.loc[table.index], table[["short_name", "name"]]], axis=1)
        text = words.fillna("").astype(str).agg(" ".join, axis=1)
        table = table[text.str.contains(search.strip(), case=False, regex=False)]
    return table.reset_index(drop=True)


def breakdowns(indicator: str) -> pd.DataFrame:
    """The sex and residence breakdowns an indicator has: sex, residence, n_countries."""
    catalogue.indicator(indicator)
    return db.query("indicator_breakdowns", indicator=indicator)


def sources() -> pd.DataFrame:
    """Every source: id, name, licence, citation, origin, vintage, n_indicators."""
    return db.query("source_list")


def countries() -> pd.DataFrame:
    """Every country and area with its classifications (the columns of countries.csv)."""
    return db.query("country_classifications")


def series(indicator: str, iso3s: Iterable[str] | str | None, start: int | None = None, end: int | None = None,
           sex: str = "total", residence: str = "total") -> pd.DataFrame:
    """Observations of one indicator for the given countries (all when None), ``start``..``end``.

    Columns: iso3, year, value, sex, residence, kind (modelled/survey/administrative/derived),
    source (the source id of sources.csv); ordered by iso3 and year.
    """
    catalogue.indicator(indicator)
    return db.query("country_series", indicator=indicator, iso3s=catalogue.check_iso3s(iso3s),
                    start=_year(start, EARLIEST_YEAR, "start"), end=_year(end, LATEST_YEAR, "end"),
                    **_breakdown(sex, residence))


def series_notes(indicator: str, iso3s: Iterable[str] | str | None = None, start: int | None = None,
                 end: int | None = None) -> pd.DataFrame:
    """Why a country's series jumps in a year (crisis deaths, a change in reporting), for the charts' notes.

    Written by the pipeline's series-notes check from the sources' metadata. Columns: iso3, year,
    note, source (who gives the reason); ordered by iso3 and year.
    """
    catalogue.indicator(indicator)
    return db.query("series_notes", indicator=indicator, iso3s=catalogue.check_iso3s(iso3s),
                    start=_year(start, EARLIEST_YEAR, "start"), end=_year(end, LATEST_YEAR, "end"))


def latest(indicator: str, iso3s: Iterable[str] | str | None = None, as_of: int | None = None,
           sex: str = "total", residence: str = "total") -> pd.DataFrame:
    """Each country's latest value up to ``as_of`` (default: any year), with the year it comes from.

    Columns: iso3, data_year, value, kind, source. Countries without data up to ``as_of`` are absent.
    """
    catalogue.indicator(indicator)
    return db.query("latest_values", indicator=indicator, iso3s=catalogue.check_iso3s(iso3s),
                    as_of=_year(as_of, LATEST_YEAR, "as_of"), **_breakdown(sex, residence))


def aggregate(indicator: str | list[str], grouping, start: int | None = None, end: int | None = None,
              sex: str = "total", residence: str = "total", carry_years: int | None = None,
              min_coverage: float = MIN_COVERAGE, baseline: int = BASELINE_YEAR) -> pd.DataFrame:
    """Weighted group values per year, as METHODS.md §2 prescribes (the README says where we depart).

    ``indicator``: one id, or a list of ids (one query for all, e.g. for a country profile).
    ``grouping``: 'world', 'unicef_region', 'wb_region', 'income_group', 'sdg_region', 'ldc', 'lldc',
    'sids', 'global_south', 'fragile' (every group of it), 'name:CODE' for one group
    ('unicef_region:ESAR'), or a list of ISO3 codes (a user-defined group, code 'CUSTOM').
    Rates are weighted by their catalogue weight (live births, under-5 population, population,
    children 0-17); counts are summed over the countries that report. Series with gaps (surveys,
    administrative records) use each country's value interpolated between its observations, or its
    last one carried forward at most ``carry_years`` (default 5 for them, 0 for annual series and
    counts; a value above 0 turns interpolation on, 0 off). Vaccines introduced later count a country that reports DTP3 but not them as 0 (WUENIC).

    Columns: indicator, group_code, group_name, year, value (of a rate: NULL when coverage <
    ``min_coverage``; of a count: the sum whenever a country reports), coverage (share of the group's
    weight with data, 0-1), n_countries (with data), n_members, data_year_min, data_year_max (the
    years of the observations used), weight (the weight indicator); n_interpolated, n_carried, n_zero
    (members whose value is interpolated, carried forward, or a vaccine's 0); composition_change (share
    of the weight that entered or left since the year before) and segment (a rate's line starts a new
    one where that share exceeds catalogue.BREAK_SHARE: draw the pieces apart); baseline_year,
    panel_baseline_value, panel_value, panel_n_countries, panel_coverage (the like-for-like comparison
    with ``baseline`` over the members with a value in both years; NULL when they hold less than
    ``min_coverage`` of the group's weight).

    One group of a standard grouping ('unicef_region:ESAR', 'world') with the default options (totals or
    one category of a breakdown, default carry years, ``min_coverage`` 0.5, ``baseline`` 2015) is looked
    up in the store's
    group_values.parquet, which the pipeline computed with this same query (tests/test_group_values.py
    holds them equal); anything else is computed.

    Every year is computed and the years outside ``start``..``end`` dropped afterwards: a year's value
    does not depend on the others, all years cost no more than a window, and so a page's headline,
    trend and target charts, and a reader moving the years, share one cached query.
    """
    ids = [indicator] if isinstance(indicator, str) else list(indicator)
    rules = [catalogue.aggregation(i) for i in ids]
    name, code, custom = catalogue.parse_grouping(grouping)
    if carry_years is not None and int(carry_years) < 0:
        raise ValueError("carry_years must be >= 0")
    if not 0 <= float(min_coverage) <= 1:
        raise ValueError("min_coverage must lie within 0-1")
    start, end = _year(start, EARLIEST_YEAR, "start"), _year(end, LATEST_YEAR, "end")
    baseline, breakdown = _year(baseline, BASELINE_YEAR, "baseline"), _breakdown(sex, residence)
    if _standard(name, code, custom, carry_years, min_coverage, baseline) and breakdown in PRECOMPUTED_BREAKDOWNS \
            and datastore.holds(GROUP_VALUES_FILE):
        table = db.query("group_values", grouping=name, group_code=code, indicators=ids, **breakdown)
    else:
        table = db.query(
            "group_aggregates", grouping=name, group_code=code, custom_iso3s=custom, indicators=ids,
            weight_indicators=[rule[0] for rule in rules], is_counts=[rule[1] for rule in rules],
            carry_years=[rule[2] if carry_years is None else int(carry_years) for rule in rules],
            reported_with=[rule[3] for rule in rules], children_totals=[rule[4] for rule in rules],
            children_shares=[rule[5] for rule in rules], break_share=catalogue.BREAK_SHARE,
            baseline=baseline, min_coverage=float(min_coverage), start=EARLIEST_YEAR, end=LATEST_YEAR, **breakdown)
    return table if (start, end) == (EARLIEST_YEAR, LATEST_YEAR) else (
        table[table["year"].between(start, end)].reset_index(drop=True))


def _standard(name: str, code: str | None, custom: list, carry_years, min_coverage: float, baseline: int) -> bool:
    """Whether a group question is one the pipeline answers in group_values.parquet (for the breakdowns
    it names): one group of a standard grouping with the default options."""
    return (not custom and (code is not None or name == "world") and carry_years is None
            and float(min_coverage) == MIN_COVERAGE and baseline == BASELINE_YEAR)


def _indicator_specs(indicators) -> pd.DataFrame:
    """Catalogue rows of the given indicator ids (validated, de-duplicated, in order)."""
    ids = list(dict.fromkeys([indicators] if isinstance(indicators, str) else indicators))
    for indicator_id in ids:
        catalogue.indicator(indicator_id)
    return catalogue.indicators().loc[ids]


def progress(indicator: str | Iterable[str], iso3s: Iterable[str] | str | None = None,
             start: int = progress_engine.DEFAULT_START, sex: str = "total", residence: str = "total") -> pd.DataFrame:
    """Each country's progress towards the 2030 target of one indicator (or a list), METHODS.md §1.

    One row per indicator x country: every country of countries.csv when ``iso3s`` is None (those
    without data have status 'no_data'). The window runs from ``start`` (2015; the pages offer
    engine.WINDOW_STARTS) to each country's latest value. Rates are in % a year on the discrete
    basis, positive = improving: a fall for mortality or stunting (5 = the value falls 5% a year),
    a rise for coverage (5 = it grows 5% a year); childsdg/progress.py documents every rule.

    Columns: indicator, iso3, name, latest_year, latest_value, window_start_year (first year used),
    n_points (values the rate rests on), method ('arr' end-point log rate, 'aarr' survey regression,
    'ratio' growth ratio for rising coverage), fit ('endpoints'/'regression'), rate_observed,
    rate_required (from the latest year to the target in 2030), ratio (ratio method: observed /
    required), projection_2030, year_target_reached (at the current pace), target (the country's
    own for relative targets), target_baseline_year / target_baseline_value (relative targets),
    status (target_met, on_track, acceleration_needed, insufficient_data, no_data, no_target),
    severe (bool), grade (finer label: engine.GRADES).
    """
    ids = tuple(_indicator_specs(indicator).index)
    codes = catalogue.check_iso3s(iso3s)
    breakdown = _breakdown(sex, residence)
    return _progress_table(datastore.data_dir(), i18n.current(), ids, None if codes is None else tuple(codes),
                           _year(start, progress_engine.DEFAULT_START, "start"), breakdown["sex"], breakdown["residence"]).copy()


@lru_cache(maxsize=128)
def _progress_table(store, lang: str, ids: tuple, codes: tuple | None, start: int, sex: str, residence: str) -> pd.DataFrame:
    """``progress`` once per store and question: the engine costs more than the cached query under it.

    ``store`` is only the cache key (the query layer reads the current store itself).
    """
    specs = catalogue.indicators().loc[list(ids)]
    observations = db.query("multi_indicator_series", indicators=list(ids),
                            iso3s=None if codes is None else list(codes), start=progress_engine.history_start(specs, start),
                            sex=sex, residence=residence)
    table = progress_engine.assess(observations.rename(columns={"iso3": "key"}), specs, start,
                          keys=list(catalogue.countries().index) if codes is None else list(codes))
    table = table.rename(columns={"key": "iso3"})
    table.insert(2, "name", table["iso3"].map(catalogue.country_names()))
    return table


def clear_cache(queries: bool = True) -> None:
    """Forget the group series, progress, peer, snapshot and count results and, with ``queries``, the query results under them.

    For benchmarks: ``queries=False`` times a new question on warm queries (a page asking about
    another country), True a process's very first question.
    """
    if queries:
        db.clear_cache()
        _context_values.cache_clear()  # a reshaped query result, kept like one
    for cache in (_progress_table, _peer_table, _moved_table, _snapshot_table, _counts_table, _series_table):
        cache.cache_clear()


def progress_all(start: int = progress_engine.DEFAULT_START, iso3s: Iterable[str] | str | None = None) -> pd.DataFrame:
    """``progress`` for every indicator with a 2030 target (absolute or relative), in one query.

    For the overview's "how many are on track" counts and the country profile's status badges.
    """
    specs = catalogue.indicators()
    return progress(list(specs.index[progress_engine.has_target(specs)]), iso3s=iso3s, start=start)


def progress_counts(indicators: Iterable[str] | str | None = None, grouping="unicef_region",
                    start: int = progress_engine.DEFAULT_START) -> pd.DataFrame:
    """How many member countries of each group have each status, per indicator.

    ``indicators``: ids (default: every indicator with a target); ``grouping`` as for ``aggregate``.
    Every indicator x group x status appears (0 where none). Columns: indicator, group_code,
    group_name, status, n_countries, n_severe (of them, flagged severe).
    """
    ids = None if indicators is None else tuple(_indicator_specs(indicators).index)
    return _counts_table(datastore.data_dir(), i18n.current(), ids, _grouping_key(grouping),
                         _year(start, progress_engine.DEFAULT_START, "start")).copy()


@lru_cache(maxsize=128)
def _counts_table(store, lang: str, ids: tuple | None, grouping, start: int) -> pd.DataFrame:
    """``progress_counts`` once per store and question (``store`` is only the cache key): counting in
    pandas costs ~20 ms, more than the cached progress table under it."""
    table = progress_all(start=start) if ids is None else progress(list(ids), start=start)
    name, code, custom = catalogue.parse_grouping(grouping)
    if name == "custom":
        members = pd.DataFrame({"iso3": custom, "group_code": "CUSTOM", "group_name": _("Selected countries")})
    else:
        members = catalogue.groups()
        members = members[(members["grouping"] == name) & ((code is None) | (members["group_code"] == code))]
    table = table.merge(members[["iso3", "group_code"]], on="iso3")
    counts = table.groupby(["indicator", "group_code", "status"]).agg(
        n_countries=("iso3", "size"), n_severe=("severe", "sum"))
    grid = pd.MultiIndex.from_product([list(dict.fromkeys(table["indicator"])), sorted(set(members["group_code"])),
                                       list(progress_engine.STATUSES)], names=["indicator", "group_code", "status"])
    counts = counts.reindex(grid, fill_value=0).reset_index()
    counts.insert(2, "group_name", counts["group_code"].map(
        members.drop_duplicates("group_code").set_index("group_code")["group_name"]))
    return counts


def group_progress(indicator: str, grouping, start: int = progress_engine.DEFAULT_START,
                   min_coverage: float = MIN_COVERAGE) -> pd.DataFrame:
    """Progress of weighted group values (``aggregate``) towards the 2030 target, as for countries.

    The observed rate is fitted as for countries: end points for annual indicators, least squares
    for survey indicators, whose group values interpolate and carry each member's surveys, so that
    a member moving in or out at the ends of its surveys shifts single years (``aggregate``'s
    segments); the least-squares fit over every year is steadier than two end points. Years whose coverage is below ``min_coverage`` have
    no value and do not count; the coverage columns say how much of the group the latest value
    stands for. A relative target uses the group's own value near the baseline year. Columns: those of
    ``progress`` with group_code and group_name instead of iso3 and name, plus coverage,
    n_countries and n_members of the latest year.
    """
    specs = _indicator_specs(indicator)
    start = _year(start, progress_engine.DEFAULT_START, "start")
    values = aggregate(indicator, grouping, start=progress_engine.history_start(specs, start), min_coverage=min_coverage)
    table = progress_engine.assess(values.rename(columns={"group_code": "key"}), specs, start,
                          keys=list(dict.fromkeys(values["group_code"])))
    table = table.rename(columns={"key": "group_code"})
    table.insert(2, "group_name", table["group_code"].map(
        values.drop_duplicates("group_code").set_index("group_code")["group_name"]))
    latest_year_rows = values[["group_code", "year", "coverage", "n_countries", "n_members"]].rename(
        columns={"year": "latest_year"})
    return table.merge(latest_year_rows, on=["group_code", "latest_year"], how="left")


def _focal(iso3: str, indicator: str) -> dict:
    """The focal country of a peer search: its level (latest value), year, own current rate and target."""
    row = catalogue.indicator(indicator)
    if row["polarity"] not in ("lower_is_better", "higher_is_better"):
        raise ValueError(f"{indicator} has no better direction (polarity {row['polarity']}): peers need one")
    (code,) = catalogue.check_iso3s(iso3)
    now = latest(indicator, code)
    own = progress(indicator, code).iloc[0]
    return {"iso3": code, "name": catalogue.country_names()[code], "row": row,
            "level": now["value"].iloc[0] if not now.empty else float("nan"),
            "level_year": int(now["data_year"].iloc[0]) if not now.empty else None,
            "rate": own["rate_observed"], "target": own["target"]}


def _criteria(criteria: peer_finder.Criteria | None) -> peer_finder.Criteria:
    if criteria is None:
        return peer_finder.Criteria()
    if not isinstance(criteria, peer_finder.Criteria):
        raise ValueError(f"criteria must be a peers.Criteria, not {criteria!r}")
    return criteria


def peers(iso3: str, indicator: str, tolerance: float = peer_finder.DEFAULT_TOLERANCE,
          criteria: peer_finder.Criteria | None = None) -> pd.DataFrame:
    """Global South countries that once stood at ``iso3``'s current level, in comparable circumstances,
    and then improved faster (METHODS.md §3).

    ``tolerance``: how far (a fraction, 0.15 = ±15%) a value may be from the level. ``criteria``:
    what makes a candidate comparable (default ``peers.Criteria()``: income then within 3x of
    ``iso3``'s now, at least 1 million people, from 1990 on; ``peers.Criteria.regardless()`` for the
    fastest regardless of context). One row per peer: the others first, then rebounds, each fastest
    first; none when the focal country has no data. childsdg/peers.py documents every rule.

    Columns: iso3, name, year_at_level, value_at_level, rate_achieved (fitted, % a year, positive =
    improving, over years_followed years), rate_robust (the slowest fit with one year left out),
    years_followed, years_to_target and target_year_reached (when the peer first met the focal
    country's 2030 target), latest_year (the peer's), rebound, rebound_year, rebound_value, faster,
    fails_<criterion> (all False here) and comparable, region, region_name, income_group,
    income_group_name, fragile, lldc, sids, population, income_relative, income_class and
    gdp_per_capita (in year_at_level), level and level_year (the focal country's value and its year),
    focal_rate (its own rate since 2015), target, reading (plain language).
    """
    table, _ = _peer_search(iso3, indicator, tolerance, criteria)
    return table[table["comparable"] & table["faster"]].reset_index(drop=True)


def peer_screening(iso3: str, indicator: str, tolerance: float = peer_finder.DEFAULT_TOLERANCE,
                   criteria: peer_finder.Criteria | None = None) -> dict:
    """How the peers were chosen: how many candidates stood at the level, how many each criterion
    excluded, how many were comparable, and how many of those improved faster (the peers).

    Returns a dict: candidates, comparable, peers, excluded ({criterion: count}, a candidate may fail
    several), focal (the focal country's population, income_relative, income_class, region and
    their years), criteria, population_floor.
    """
    table, focal = _peer_search(iso3, indicator, tolerance, criteria)
    chosen = _criteria(criteria)
    return {"candidates": len(table), "comparable": int(table["comparable"].sum()),
            "peers": int((table["comparable"] & table["faster"]).sum()),
            "excluded": {c: int(table[f"fails_{c}"].sum()) for c in peer_finder.CRITERIA},
            "focal": focal, "criteria": chosen,
            "population_floor": peer_finder.population_floor(chosen, focal["population"])}


def _peer_search(iso3: str, indicator: str, tolerance: float, criteria) -> tuple[pd.DataFrame, dict]:
    if not 0 < float(tolerance) < 1:
        raise ValueError(f"tolerance must lie between 0 and 1 (0.15 = ±15%), not {tolerance!r}")
    (code,) = catalogue.check_iso3s(iso3)
    catalogue.indicator(indicator)
    table, focal = _peer_table(datastore.data_dir(), i18n.current(), code, indicator, float(tolerance), _criteria(criteria))
    return table.copy(), dict(focal)


@lru_cache(maxsize=8)
def _context_values(store, indicator: str) -> pd.Series:
    """One context indicator's values for every country and year, indexed by (iso3, year); per store."""
    return series(indicator, None).set_index(["iso3", "year"])["value"]


def _context_at(indicator: str, iso3s, years) -> np.ndarray:
    """Values of a context indicator at aligned (iso3, year) pairs; NaN where the sources have none."""
    values = _context_values(datastore.data_dir(), indicator)
    pairs = pd.MultiIndex.from_arrays([list(iso3s), [int(y) for y in years]])
    return values.reindex(pairs).to_numpy(float)


def _income_class_at(iso3s, years) -> list:
    classes = db.query("income_classes").set_index(["iso3", "gni_year"])["income_class"]
    pairs = pd.MultiIndex.from_arrays([list(iso3s), [int(y) for y in years]])
    return list(classes.reindex(pairs))


def _focal_context(focal: dict, table: pd.DataFrame) -> dict:
    """The focal country's population, relative income, income class and region now (latest values)."""
    code = focal["iso3"]
    context = {"region": _region(table.loc[code])}
    for key, indicator_id in (("population", "population"), ("income_relative", "income_relative_world")):
        now = latest(indicator_id, code)
        context[key] = now["value"].iloc[0] if not now.empty else float("nan")
        context[f"{key}_year"] = int(now["data_year"].iloc[0]) if not now.empty else None
    classes = db.query("income_classes")
    own = classes[classes["iso3"] == code]
    context["income_class"] = own["income_class"].iloc[-1] if not own.empty else None
    context["income_class_year"] = int(own["gni_year"].iloc[-1]) + 2 if not own.empty else None  # the fiscal year
    return context


def _region(row: pd.Series):
    """The region a country is compared with elsewhere (comparison_groups): UNICEF's, else the World Bank's."""
    return row["unicef_region"] if isinstance(row["unicef_region"], str) else row["wb_region"]


@lru_cache(maxsize=64)
def _peer_table(store, lang: str, iso3: str, indicator: str, tolerance: float, criteria) -> tuple[pd.DataFrame, dict]:
    """Every candidate of a peer search with its screen, and the focal country's context, once per store
    and question (``store`` is only the cache key).

    Series are read for every country (one cached query each, shared with other pages) and
    filtered here: validating a list of a hundred-odd candidate codes costs more than the search.
    """
    focal = _focal(iso3, indicator)
    table = catalogue.countries()
    south = table.index[table["global_south"].astype(bool) & (table.index != focal["iso3"])]
    everyone = series(focal["row"]["id"], None)
    candidates = everyone[everyone["iso3"].isin(south)]
    search = dict(level=focal["level"], polarity=focal["row"]["polarity"], target=focal["target"],
                  faster_than=focal["rate"], tolerance=float(tolerance))
    found = peer_finder.find(candidates, **search)
    found = (peer_finder.in_era(found, peer_finder.find(candidates, since=criteria.since, **search))
             if criteria.since is not None else found.assign(fails_era=False))
    rows = table.reindex(found["iso3"])
    found.insert(1, "name", found["iso3"].map(catalogue.country_names()).to_numpy())
    found["region"] = rows["unicef_region"].fillna(rows["wb_region"]).to_numpy()
    regions = {**catalogue.group_names("wb_region"), **catalogue.group_names("unicef_region")}
    found["region_name"] = found["region"].map(regions).to_numpy()
    found["income_group"] = rows["income_group"].to_numpy()
    found["income_group_name"] = found["income_group"].map(catalogue.group_names("income_group")).to_numpy()
    for column in ("fragile", "lldc", "sids"):
        found[column] = rows[column].fillna(False).astype(bool).to_numpy()
    for column, indicator_id in peer_finder.CONTEXT_INDICATORS.items():
        found[column] = _context_at(indicator_id, found["iso3"], found["year_at_level"].fillna(0))
    found["income_class"] = _income_class_at(found["iso3"], found["year_at_level"].fillna(0))
    context = _focal_context(focal, table)
    found = peer_finder.screen(found, found, context, criteria)
    found["level"], found["level_year"] = focal["level"], focal["level_year"]
    found["focal_rate"], found["target"] = focal["rate"], focal["target"]
    found["reading"] = [peer_finder.reading(row, focal["name"], focal["row"]) for row in found.to_dict("records")]
    return found, context


def peer_trajectories(iso3: str, indicator: str, peer_iso3s: Iterable[str] | None = None,
                      tolerance: float = peer_finder.DEFAULT_TOLERANCE,
                      criteria: peer_finder.Criteria | None = None) -> pd.DataFrame:
    """Level-aligned lines for the peers chart ("years since reaching level L").

    The focal country's last 10 years up to its latest value (years_since_level -10..0) and each
    peer's values over the 10 years its rate was fitted on (0..10). ``peer_iso3s``: which of the
    peers found by ``peers(iso3, indicator, tolerance, criteria)`` to draw (default all).
    Columns: iso3, name, role ('focal'/'peer'), year, value, years_since_level, rebound.
    """
    found = peers(iso3, indicator, tolerance, criteria)
    (code,) = catalogue.check_iso3s(iso3)
    if peer_iso3s is not None:
        found = found[found["iso3"].isin(catalogue.check_iso3s(peer_iso3s))]
    now = latest(indicator, code)
    if now.empty:
        return pd.DataFrame(columns=["iso3", "name", "role", "year", "value", "years_since_level", "rebound"])
    everyone = series(indicator, None)
    lines = peer_finder.trajectories(everyone[everyone["iso3"].isin([code, *found["iso3"]])], found, code,
                                     int(now["data_year"].iloc[0]))
    lines.insert(1, "name", lines["iso3"].map(catalogue.country_names()))
    lines["rebound"] = lines["iso3"].map(found.set_index("iso3")["rebound"]).eq(True)
    return lines


def peers_moved(iso3: str, indicator: str, peer_iso3s: Iterable[str] | None = None,
                tolerance: float = peer_finder.DEFAULT_TOLERANCE,
                criteria: peer_finder.Criteria | None = None) -> pd.DataFrame:
    """What moved with each peer's progress (METHODS.md §3, step 4): for the indicators the catalogue
    lists as ``peer_drivers`` of ``indicator``, each peer's value at the start and end of its decade
    (or its mean, for annual flows such as growth and aid) beside ``iso3``'s latest. Association, not cause.

    ``peer_iso3s``: which peers (default: all of ``peers(...)``), in that order. Columns: iso3, name,
    indicator, short_name, unit_kind, summary ('change' or 'mean'), decade_start, decade_end (the peer's
    years of progress), start_year, start_value (the driver's values nearest them),
    end_year, end_value, mean_value, focal_start_year, focal_year, focal_value, text.
    """
    (code,) = catalogue.check_iso3s(iso3)
    chosen = None if peer_iso3s is None else tuple(catalogue.check_iso3s(peer_iso3s))
    catalogue.indicator(indicator)
    return _moved_table(datastore.data_dir(), i18n.current(), code, indicator, float(tolerance), _criteria(criteria), chosen).copy()


@lru_cache(maxsize=64)
def _moved_table(store, lang: str, code: str, indicator: str, tolerance: float, criteria, chosen: tuple | None) -> pd.DataFrame:
    """``peers_moved`` once per store and question (``store`` is only the cache key)."""
    found = peers(code, indicator, tolerance, criteria)
    if chosen is not None:
        found = found.set_index("iso3").reindex([c for c in chosen if c in set(found["iso3"])]).reset_index()
    drivers = str(catalogue.indicator(indicator)["peer_drivers"] or "").split()
    drivers = [d for d in drivers if d in catalogue.indicators().index] if drivers != ["nan"] else []
    columns = ["iso3", "name", "indicator", "short_name", "unit_kind", "summary", "decade_start", "decade_end",
               "start_year", "start_value",
               "end_year", "end_value", "mean_value", "focal_start_year", "focal_year", "focal_value", "text"]
    if not drivers or found.empty:
        return pd.DataFrame(columns=columns)
    values = db.query("multi_indicator_series", indicators=drivers, iso3s=None, start=EARLIEST_YEAR,
                      sex="total", residence="total")
    values = values[values["iso3"].isin([code, *found["iso3"]])]
    specs = catalogue.indicators().loc[drivers]
    table = peer_finder.moved(values, found, code, specs)
    names = catalogue.country_names()
    table.insert(1, "name", table["iso3"].map(names))
    table.insert(3, "short_name", table["indicator"].map(specs["short_name"]))
    table.insert(4, "unit_kind", table["indicator"].map(specs["unit_kind"]))
    order = {c: i for i, c in enumerate(found["iso3"])}
    table = table.sort_values(["iso3", "indicator"], key=lambda col: col.map(order) if col.name == "iso3" else
                              col.map({d: i for i, d in enumerate(drivers)})).reset_index(drop=True)
    table["text"] = [peer_finder.moved_text(row, specs.loc[row["indicator"]], row["name"], names[code])
                     for row in table.to_dict("records")]
    return table[columns]


# A theme page's own questions (views/theme_specific_sections.py) ---------------------------------------

GROUP_LOOKBACK = 10  # how far back a group value by sex or residence is looked for


def breakdown_indicators(theme: str, by: str) -> pd.DataFrame:
    """The theme's indicators with values for both categories of ``by``: id, short_name."""
    first, second = catalogue.BREAKDOWNS[catalogue.check_choice(by, catalogue.BREAKDOWNS, "breakdown")]
    return _reader_texts(db.query("indicators_with_breakdown", theme=catalogue.check_choice(theme, catalogue.THEMES,
                                                                                         "theme"),
                                  by=by, first=first, second=second), "id", ("short_name",))


def breakdown_gaps(indicators: list[str], iso3s, as_of: int, by: str) -> pd.DataFrame:
    """Each country's latest pair of values (same year): indicator, iso3, data_year, first_value,
    second_value, gap, kind."""
    first, second = catalogue.BREAKDOWNS[catalogue.check_choice(by, catalogue.BREAKDOWNS, "breakdown")]
    return db.query("latest_breakdown_pairs", indicators=list(indicators), iso3s=catalogue.check_iso3s(iso3s),
                    as_of=int(as_of), by=by, first=first, second=second)


def group_by_category(indicators: list[str], group_spec: str, year: int, by: str) -> pd.DataFrame:
    """The group's weighted value for each category in the latest year up to ``year`` that has both.

    Indexed by indicator: year, first_value, first_coverage, second_value, second_coverage. Matched in
    plain Python: a few dozen rows, which pandas' merge, sort and group-by took ~10 ms to pair up.
    """
    first, second = ({(i, y): (v, c) for i, y, v, c in zip(t["indicator"], t["year"], t["value"], t["coverage"])
                      if not formatting.is_missing(v)}
                     for t in (aggregate(list(indicators), group_spec, start=year - GROUP_LOOKBACK, end=year,
                                         **{by: category}) for category in catalogue.BREAKDOWNS[by]))
    latest = {indicator: y for indicator, y in sorted(first.keys() & second.keys(), key=lambda key: key[1])}
    rows = [(indicator, y, *first[indicator, y], *second[indicator, y]) for indicator, y in latest.items()]
    return pd.DataFrame(rows, columns=["indicator", "year", "first_value", "first_coverage", "second_value",
                                       "second_coverage"]).set_index("indicator")


def hazard_exposure(iso3s) -> pd.DataFrame:
    """Children exposed to each CCRI hazard, summed over the countries: indicator, short_name, multi_hazard,
    year, exposed, child_population, share (%), n_countries; most exposed first."""
    return _reader_texts(db.query("group_hazard_exposure", iso3s=catalogue.check_iso3s(iso3s)), "indicator",
                         ("short_name",))


def refugees_by_country(iso3s, year: int) -> pd.DataFrame:
    """Refugees from and hosted by each country in ``year``, the children among them and the age-known shares."""
    return db.query("refugees_by_origin_and_asylum", iso3s=catalogue.check_iso3s(iso3s), year=int(year))


def movement_pairs(iso3s, year: int, limit: int) -> pd.DataFrame:
    """The largest origin -> asylum pairs into, out of or within the countries in ``year``, largest first."""
    return db.query("largest_displacement_movements", iso3s=catalogue.check_iso3s(iso3s), year=int(year),
                    limit=int(limit))
