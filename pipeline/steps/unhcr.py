"""UNHCR step: refugees, asylum-seekers, IDPs and stateless people, and the children among them.

Three files of the UNHCR ``refugees`` R package (converted to CSV) are read:

- ``population.csv.gz``: end-of-year stocks per country of origin (``coo_iso``) x country of
  asylum (``coa_iso``) x year, one column per population type (refugees, asylum_seekers, idps,
  stateless, oip, ...). A pair is listed when any of its columns is non-zero, so a 0 in one
  column is often just the filler of a row that exists for another population.
- ``demographics_by_country_pair_2001_2025.csv.gz``: the same pairs, one row per population type
  (``pop_type`` REF, ASY, IDP, STA, OIP, ...) with the number of children (``children_0_17``) and
  of people whose age is known (``age_known_total``).
- ``idmc.csv``: IDMC's stock of people internally displaced by conflict and violence.

Which columns make up each population, which ``pop_type`` codes describe the same people, and
which indicator is computed from which population are all set in ``unhcr.meta.yml``
(``populations`` and ``indicators``); this module only knows the four measures: count, children,
age_known_share and per_1000. ``flows.csv.gz`` (new arrivals and applications during the year) and
``solutions.csv.gz`` (returns, resettlement, naturalisation) are not read: returns are taken from
population.csv, which carries the same figures, and the rest concerns resettlement countries more
than the Global South.

Children are estimated as UNHCR does: the share of children among the people whose age is known,
applied to the whole population, within each group (country and year, pair and year, or year for
the world). Where nobody in the group has a known age there is no estimate.

Codes that are not countries of countries.csv (UNK 'Unknown', XXA 'Stateless', TIB 'Tibetan', AB9
'Abyei' in IDMC) have no per-country series, but they are kept in ``displacement_pairs`` (flagged)
and counted in ``displacement_world``, whose totals are sums over every row of the raw files.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta, read_csv_rows, tidy_long

NAME = "unhcr"
POPULATION_FILE = "population.csv.gz"
DEMOGRAPHICS_FILE = "demographics_by_country_pair_2001_2025.csv.gz"
IDMC_FILE = "idmc.csv"
AGE_COLUMNS = ["children_0_17", "age_known_total"]
PAIR_KEYS = ["year", "coo_iso", "coa_iso"]
PAIR_COUNTS = ["refugees", "oip", "asylum_seekers"]


def read_source(ctx: StepContext, file_name: str, **kwargs) -> pd.DataFrame:
    """One raw UNHCR file with line numbers. Only empty cells are missing: pandas' default NA words
    ('NA', 'N/A', 'null' ...) must not turn a code or a name into a gap."""
    return read_csv_rows(ctx.path(NAME, file_name), dtype={"coo_iso": str, "coa_iso": str, "pop_type": str},
                         keep_default_na=False, na_values=[""], **kwargs)


def sum_population(raw: pd.DataFrame, keys: list[str], population: dict) -> pd.DataFrame:
    """One population's total (``value``) by ``keys``, with the first raw line of each group.

    The population's columns are added row by row (a missing ``oip`` counts as none). When a zero is
    not a report (``zero_is_reported: false``), rows without any of the population are left out
    first, so that a country appears only where the file gives it some. When it is, zeros still
    count only from the first year the file has any of the population: before that (asylum-seekers
    in the early decades) the category was not collected, and the 0 is the filler of the row.
    """
    rows = raw[[*keys, "source_row"]].assign(value=raw[population["columns"]].sum(axis=1))
    if population["zero_is_reported"]:
        rows = rows[rows["year"] >= rows.loc[rows["value"] > 0, "year"].min()]
    else:
        rows = rows[rows["value"] != 0]  # a negative is kept, for validation to refuse
    return rows.groupby(keys, as_index=False).agg(value=("value", "sum"), source_row=("source_row", "min"))


def known_age(totals: pd.DataFrame, demographics: pd.DataFrame, keys: list[str], pop_types: list[str]) -> pd.DataFrame:
    """Children 0-17 among ``totals`` by UNHCR's known-age method, for the groups where some age is known.

    Per group of ``keys``: share = sum(children_0_17) / sum(age_known_total) over the demographics
    rows of ``pop_types``; children = share x total (``value``, from population.csv);
    age_known_share = sum(age_known_total) / total (0-1). Groups without a known age are dropped.
    """
    ages = demographics[demographics["pop_type"].isin(pop_types)].groupby(keys, as_index=False)[AGE_COLUMNS].sum()
    out = totals.merge(ages, on=keys, how="inner")
    out = out[(out["age_known_total"] > 0) & (out["value"] > 0)]
    return out.assign(children=out["children_0_17"] / out["age_known_total"] * out["value"],
                      age_known_share=out["age_known_total"] / out["value"])


def wdi_inhabitants(ctx: StepContext) -> pd.DataFrame:
    """Total population (iso3, year, inhabitants) from the WDI step, the denominator of per-1,000 rates."""
    obs = ctx.observations
    if obs is None or not (obs["indicator"] == "population").any():
        raise PipelineError("the wdi step must run before the unhcr step: refugees_per_1000 needs its population")
    rows = obs[(obs["indicator"] == "population") & (obs["sex"] == "total") & (obs["residence"] == "total")]
    return rows[["iso3", "year"]].assign(inhabitants=rows["value"])


def country_values(spec: dict, totals: pd.DataFrame, demographics: pd.DataFrame, pop_types: list[str] | None,
                   inhabitants: pd.DataFrame) -> pd.DataFrame:
    """One indicator's values by country code (the ``by`` column) and year, before tidying."""
    by, measure = spec["by"], spec["measure"]
    if measure == "count":
        return totals
    if measure == "per_1000":
        rates = totals.merge(inhabitants.rename(columns={"iso3": by}), on=[by, "year"], how="inner")
        return rates.assign(value=rates["value"] / rates["inhabitants"] * 1000)
    estimates = known_age(totals, demographics, [by, "year"], pop_types)
    if measure == "children":
        return estimates.assign(value=estimates["children"])
    if measure == "age_known_share":
        return estimates.assign(value=estimates["age_known_share"] * 100)
    raise PipelineError(f"pipeline/steps/{NAME}.meta.yml: unknown measure {measure!r} (count, children, "
                        "age_known_share, per_1000)")


def displacement_pairs(population: pd.DataFrame, demographics: pd.DataFrame, refugees: dict, first_year: int,
                       known_iso3: set[str]) -> pd.DataFrame:
    """One row per origin x asylum x year from ``first_year`` with refugees, OIP or asylum-seekers.

    Children are estimated per pair among its refugees + OIP (the ``refugees`` population) with the
    pair's own known-age share; codes outside countries.csv are kept and flagged.
    """
    rows = population[population["year"] >= first_year]
    counts = rows.groupby(PAIR_KEYS, as_index=False)[PAIR_COUNTS].sum()
    counts = counts[counts[PAIR_COUNTS].sum(axis=1) > 0]
    estimates = known_age(sum_population(rows, PAIR_KEYS, refugees), demographics, PAIR_KEYS, refugees["pop_types"])
    pairs = counts.merge(estimates[PAIR_KEYS + ["children", "age_known_share"]], on=PAIR_KEYS, how="left")
    pairs = pairs.rename(columns={"coo_iso": "origin_iso3", "coa_iso": "asylum_iso3", "children": "children_0_17"})
    pairs.insert(3, "origin_in_countries", pairs["origin_iso3"].isin(known_iso3))
    pairs.insert(4, "asylum_in_countries", pairs["asylum_iso3"].isin(known_iso3))
    return pairs.sort_values(["year", "origin_iso3", "asylum_iso3"]).reset_index(drop=True)


def displacement_world(raw: dict[str, pd.DataFrame], demographics: pd.DataFrame, populations: dict) -> pd.DataFrame:
    """World totals per year and population over every raw row, whatever its codes, with children
    estimated from the world's known-age share where the population has demographics."""
    parts = []
    for name, spec in populations.items():
        totals = sum_population(raw[spec["file"]], ["year"], spec)
        if spec.get("pop_types"):
            estimates = known_age(totals, demographics, ["year"], spec["pop_types"])
            totals = totals.merge(estimates[["year", "children", "age_known_share"]], on="year", how="left")
        parts.append(totals.assign(population=name))
    world = pd.concat(parts, ignore_index=True).rename(columns={"value": "total", "children": "children_0_17"})
    world = world[["year", "population", "total", "children_0_17", "age_known_share"]]
    return world.sort_values(["population", "year"]).reset_index(drop=True)


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    populations, indicators = meta["populations"], meta["indicators"]
    known = ctx.known_iso3
    paths = {name: ctx.path(NAME, name) for name in (POPULATION_FILE, IDMC_FILE, DEMOGRAPHICS_FILE)}
    raw = {POPULATION_FILE: read_source(ctx, POPULATION_FILE), IDMC_FILE: read_source(ctx, IDMC_FILE)}
    demographics = read_source(ctx, DEMOGRAPHICS_FILE, usecols=["year", "coo_iso", "coa_iso", "pop_type", *AGE_COLUMNS])
    inhabitants = wdi_inhabitants(ctx)

    parts = []
    for indicator, spec in indicators.items():
        source = populations[spec["population"]]
        totals = sum_population(raw[source["file"]], [spec["by"], "year"], source)
        values = country_values(spec, totals, demographics, source.get("pop_types"), inhabitants)
        parts.append(tidy_long(values, indicator=indicator, source=NAME, kind=spec["kind"],
                               source_file=ctx.relative(paths[source["file"]]), iso3=spec["by"], known_iso3=known))

    pairs_spec = meta["tables"]["displacement_pairs"]
    return StepOutput(
        observations=pd.concat(parts, ignore_index=True),
        tables={
            "displacement_pairs": displacement_pairs(raw[POPULATION_FILE], demographics, populations["refugees"],
                                                     pairs_spec["first_year"], known),
            "displacement_world": displacement_world(raw, demographics, populations),
        },
        rows_read=sum(len(frame) for frame in raw.values()) + len(demographics),
        files_read=list(paths.values()),
        indicators=indicators,
    )
