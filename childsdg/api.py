"""The public Python API: what the pages, the tests and analysts call.

Every function returns a pandas DataFrame with documented columns, validates its arguments first
(an unknown indicator, country, grouping, sex or residence raises a ``ValueError`` that names it),
and runs one parameterised query from ``queries/``.

>>> from childsdg import api
>>> api.latest("u5mr", ["KEN", "RWA"], as_of=2020)       # doctest: +SKIP
>>> api.aggregate("u5mr", "unicef_region:ESAR", start=2015)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from childsdg import catalogue, db

EARLIEST_YEAR = 1950
LATEST_YEAR = 2100
MIN_COVERAGE = 0.5  # UNICEF's usual threshold (METHODS.md §2)


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


def headline(indicator: str, grouping, year: int, baseline: int = 2015, sex: str = "total",
             residence: str = "total") -> dict:
    """One group's weighted value for ``year`` and its change since ``baseline`` (or the earliest year after it).

    Where the group has no value for ``year`` (too little coverage, typically for survey series), the
    latest year before it that has one is used, and ``year`` in the result says which.
    Returns a dict: value, year, coverage, n_countries, n_members, data_year_min, data_year_max,
    baseline_year, baseline_value, change (value - baseline_value); missing numbers are NaN.
    The group is one group ('unicef_region:ESAR', 'world' or a list of ISO3).
    """
    year = _year(year, LATEST_YEAR, "year")
    table = aggregate(indicator, grouping, start=min(baseline, year) - 10, end=year, sex=sex, residence=residence)
    if table["group_code"].nunique() > 1:
        raise ValueError("headline needs one group, e.g. 'unicef_region:ESAR', not a whole grouping")
    nan = float("nan")
    result = {"value": nan, "year": year, "coverage": 0.0, "n_countries": 0, "n_members": 0,
              "data_year_min": nan, "data_year_max": nan, "baseline_year": nan, "baseline_value": nan, "change": nan}
    shown = table[table["value"].notna()]
    now = shown.tail(1) if not shown.empty else table[table["year"] == year]
    if not now.empty:
        row = now.iloc[0]
        result.update({key: row[key] for key in ("value", "year", "coverage", "n_countries", "n_members",
                                                 "data_year_min", "data_year_max")})
        result["year"] = int(row["year"])
    earlier = shown[(shown["year"] >= baseline) & (shown["year"] < result["year"])]
    if not earlier.empty:
        first = earlier.iloc[0]
        result.update({"baseline_year": int(first["year"]), "baseline_value": first["value"],
                       "change": result["value"] - first["value"]})
    return result


def group_snapshot(grouping, indicators: Iterable[str], baseline: int = 2015) -> pd.DataFrame:
    """One group's latest weighted value of each indicator, its change since ``baseline``, and its target.

    ``grouping`` is one group ('unicef_region:ESAR', 'world' or a list of ISO3). The latest value is
    that of the last year whose value is shown (coverage at least 50%).
    Columns: indicator, short_name, unit, unit_kind, polarity, target_2030, target_basis, year, value,
    coverage, n_countries, n_members, baseline_year, baseline_value, change.
    """
    ids = list(indicators)
    table = aggregate(ids, grouping, start=min(baseline, 2000))
    if table["group_code"].nunique() > 1:
        raise ValueError("group_snapshot needs one group, e.g. 'unicef_region:ESAR', not a whole grouping")
    shown = table[table["value"].notna()].sort_values(["indicator", "year"])
    latest_rows = shown.groupby("indicator").tail(1).set_index("indicator")
    base_rows = shown[shown["year"] >= baseline].groupby("indicator").head(1).set_index("indicator")
    catalogue_rows = catalogue.indicators().loc[ids]
    result = pd.DataFrame({"indicator": ids})
    for column in ("short_name", "unit", "unit_kind", "polarity", "target_2030", "target_basis"):
        result[column] = catalogue_rows[column].to_numpy()
    for column in ("year", "value", "coverage", "n_countries", "n_members"):
        result[column] = result["indicator"].map(latest_rows[column])
    result["baseline_year"] = result["indicator"].map(base_rows["year"])
    result["baseline_value"] = result["indicator"].map(base_rows["value"])
    same_year = result["baseline_year"] == result["year"]
    result.loc[same_year, ["baseline_year", "baseline_value"]] = float("nan")
    result["change"] = result["value"] - result["baseline_value"]
    return result


def profile(iso3: str) -> pd.DataFrame:
    """One country's latest value of every indicator, beside its region's and income group's.

    The comparators are the groups' weighted values in the country's data year (its UNICEF
    programme region, else its World Bank region; its World Bank income group).
    Columns: indicator, short_name, theme, unit, unit_kind, polarity, target_2030, source_name,
    data_year, value, kind, region_value, region_coverage, income_value, income_coverage.
    """
    (code,) = catalogue.check_iso3s(iso3)
    table = db.query("country_latest_values", iso3=code)
    for label, group in comparison_groups(code).items():
        table[f"{label}_value"] = float("nan")
        table[f"{label}_coverage"] = float("nan")
        if group is None or table.empty:
            continue
        values = aggregate(list(table["indicator"]), group, start=int(table["data_year"].min()),
                           end=int(table["data_year"].max()))
        values = values.set_index(["indicator", "year"])
        keys = list(zip(table["indicator"], table["data_year"]))
        table[f"{label}_value"] = [values["value"].get(k, float("nan")) for k in keys]
        table[f"{label}_coverage"] = [values["coverage"].get(k, float("nan")) for k in keys]
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
    if theme is not None:
        catalogue.check_choice(theme, catalogue.THEMES, "theme")
    return db.query("indicator_catalogue", theme=theme)


def coverage(search: str | None = None, theme: str | None = None) -> pd.DataFrame:
    """The catalogue with how much data each indicator has, optionally filtered.

    ``search`` matches (case-insensitively, as plain text) the id, names, SDG number or source;
    ``theme`` keeps one theme.

    Columns: id, short_name, name, theme, unit, sdg, source, source_name, licence, vintage,
    n_countries, first_year, latest_year, n_observations, kinds.
    """
    table = db.query("indicator_coverage")
    if theme:
        table = table[table["theme"] == catalogue.check_choice(theme, catalogue.THEMES, "theme")]
    if search and search.strip():
        text = table[["id", "short_name", "name", "sdg", "source_name"]].fillna("").astype(str).agg(" ".join, axis=1)
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
              min_coverage: float = MIN_COVERAGE) -> pd.DataFrame:
    """Weighted group values per year, as METHODS.md §2 prescribes.

    ``indicator``: one id, or a list of ids (one query for all, e.g. for a country profile).
    ``grouping``: 'world', 'unicef_region', 'wb_region', 'income_group', 'sdg_region', 'ldc', 'lldc',
    'sids', 'global_south', 'fragile' (every group of it), 'name:CODE' for one group
    ('unicef_region:ESAR'), or a list of ISO3 codes (a user-defined group, code 'CUSTOM').
    Rates are weighted by their catalogue weight (live births, under-5 population, population,
    children 0-17); counts are summed. ``carry_years``: how old a country's latest value may be
    (default 5 for survey series, 0 for annual ones).

    Columns: indicator, group_code, group_name, year, value (NULL when coverage < ``min_coverage``),
    coverage (share of the group's weight with data, 0-1), n_countries (with data), n_members,
    data_year_min, data_year_max (the years of the values used), weight (the weight indicator).
    """
    ids = [indicator] if isinstance(indicator, str) else list(indicator)
    rows = [catalogue.indicator(i) for i in ids]
    name, code, custom = catalogue.parse_grouping(grouping)
    if carry_years is not None and int(carry_years) < 0:
        raise ValueError("carry_years must be >= 0")
    if not 0 <= float(min_coverage) <= 1:
        raise ValueError("min_coverage must lie within 0-1")
    return db.query(
        "group_aggregates", grouping=name, group_code=code, custom_iso3s=custom, indicators=ids,
        weight_indicators=[catalogue.weight_indicator(i) for i in ids],
        is_counts=[bool(r["weight"] == "none") for r in rows],
        carry_years=[catalogue.carry_years(i) if carry_years is None else int(carry_years) for i in ids],
        min_coverage=float(min_coverage), start=_year(start, EARLIEST_YEAR, "start"),
        end=_year(end, LATEST_YEAR, "end"), **_breakdown(sex, residence))
