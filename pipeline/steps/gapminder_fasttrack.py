"""Gapminder Fast Track step: WUENIC vaccine coverage and the UN WPP child population.

The folder is Open Numbers' DDF copy of Gapminder's fast-track datasets: one datapoints file per
concept, with the concepts' names and descriptions in ``ddf--concepts.csv``, which become the
catalogue's names and definitions unless the meta sets them.

Gapminder's geo ids are lower-case ISO3 codes except for a few of its own (``nld_curacao``, ``gbm``
for the Isle of Man, ``kos``); ``ddf.geo_iso3`` maps those from this folder's country entity table,
for every step whose files use Gapminder's ids, so that no area is lost to a spelling.

Gapminder's nine WUENIC series are packed: a country that lacks one antigen has the later antigens'
values under the wrong names (see the meta's ``packed_vaccines``). ``unpack_vaccines`` puts them back
where only one reading fits, anchored on the World Bank's copy of the same release (wdi folder) and
on the schedules the meta states for a few countries, and drops what stays ambiguous. The antigens a
country may have but whose series could not be placed are written to ``vaccine_series_unplaced``:
group figures count a country without a vaccine as 0 (WUENIC's rule), but not where the value may
only have been lost in the unpacking.

Population by age runs to 2100. Years after the latest year of WDI's total population are
projections that nothing else in the store has, so they are dropped; this is why the step needs the
wdi step to have run.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

import pandas as pd

from pipeline import ddf
from pipeline.core import PipelineError, StepContext, StepOutput, empty_observations
from pipeline.steps.wdi import read_indicator_file

NAME = "gapminder_fasttrack"
CONCEPTS_FILE = "ddf--concepts.csv"


def latest_year(ctx: StepContext, indicator: str) -> int:
    """The last year of an indicator an earlier step produced (the cut-off for projections)."""
    obs = ctx.observations if ctx.observations is not None else empty_observations()
    years = obs.loc[obs["indicator"] == indicator, "year"]
    if years.empty:
        raise PipelineError(f"rule step-order: {NAME} cuts projections at the latest year of {indicator}, "
                            "which no earlier step produced (the wdi step must run first)")
    return int(years.max())


def series_by(frame: pd.DataFrame, *keys: str) -> dict[tuple, frozenset[tuple[int, float]]]:
    """Each series of a long frame, by its key columns, as a set of (year, value): two series are the
    same when their years and values are."""
    found = defaultdict(set)
    for row in zip(*(frame[key] for key in keys), frame["year"].astype(int), frame["value"].astype(float)):
        found[row[:len(keys)]].add(row[len(keys):])
    return {key: frozenset(points) for key, points in found.items()}


def reading_fits(series: list[frozenset], antigens: tuple[str, ...], first_year: dict[str, int],
                 references: dict[str, frozenset], lacks: frozenset = frozenset()) -> bool:
    """Whether reading a country's packed series, in order, as these antigens is possible.

    Every antigen with a reference series for the country must be among them and reproduce that
    series exactly, none may be one the country's schedule ``lacks``, and no series may start before
    its antigen's first year in WUENIC.
    """
    if any(antigen not in antigens for antigen in references) or lacks & set(antigens):
        return False
    for points, antigen in zip(series, antigens):
        if min(year for year, _ in points) < first_year.get(antigen, math.inf):
            return False
        if antigen in references and points != references[antigen]:
            return False
    return True


def unpack_vaccines(obs: pd.DataFrame, order: list[str], references: dict[str, pd.DataFrame],
                    lacks: dict[str, list[str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Put each of Gapminder's packed vaccine series back under its own antigen, where that is certain.

    A country's filled series are its antigens, in ``order``, with the missing ones left out; which
    ones are missing is not recorded. Every choice of antigens that fits (``reading_fits``) is tried:
    the reference series (WUENIC as the World Bank publishes it) pin down the early ones, and an
    antigen's first year in WUENIC, read from the countries that fill all nine series (the only ones
    certainly unshifted), rules out e.g. a series from 1980 being PCV3; ``lacks`` (ISO3 -> antigens
    its schedule does not have) rules out readings that give a country one of those. A series is
    kept, under its antigen, only when every fitting reading gives it the same antigen; the rest is
    dropped. Rows of other indicators pass through. A country that has reference series but no
    fitting reading breaks the packing model (or the two copies are different releases) and stops
    the build.

    Returns the observations and the unplaced pairs (iso3, indicator): antigens some fitting reading
    gives the country but that no kept series carries, whose absence therefore says nothing.
    """
    lacks = {iso3: frozenset(antigens) for iso3, antigens in (lacks or {}).items()}
    packed = obs[obs["indicator"].isin(order)]
    packed_series = series_by(packed, "iso3", "indicator")
    reference_series = {antigen: series_by(reference, "iso3") for antigen, reference in references.items()}
    filled = defaultdict(list)
    for iso3, indicator in sorted(packed_series, key=lambda key: order.index(key[1])):
        filled[iso3].append(indicator)
    complete = [iso3 for iso3, indicators in filled.items() if len(indicators) == len(order)]
    first_year = packed[packed["iso3"].isin(complete)].groupby("indicator")["year"].min().to_dict()
    labels, unplaced = [], []
    for iso3, indicators in filled.items():
        series = [packed_series[iso3, indicator] for indicator in indicators]
        country_references = {antigen: found[(iso3,)] for antigen, found in reference_series.items()
                              if (iso3,) in found}
        readings = [antigens for antigens in combinations(order, len(series))
                    if reading_fits(series, antigens, first_year, country_references,
                                    lacks.get(iso3.upper(), frozenset()))]
        if not readings and country_references:
            raise PipelineError(f"{packed.loc[packed['iso3'] == iso3, 'source_file'].iloc[0]}: rule vaccine-packing: "
                                f"no reading of {iso3}'s packed vaccine series reproduces the World Bank's WUENIC "
                                "series (are the wdi and gapminder_fasttrack folders from different releases?)")
        placed = set()
        for i, indicator in enumerate(indicators):
            antigens = {reading[i] for reading in readings}
            if len(antigens) == 1:
                antigen = antigens.pop()
                placed.add(antigen)
                labels.append((iso3, indicator, antigen))
        unplaced += [(iso3, antigen) for antigen in sorted({a for reading in readings for a in reading} - placed)]
    labels = pd.DataFrame(labels, columns=["iso3", "indicator", "antigen"])
    unpacked = packed.merge(labels, on=["iso3", "indicator"]).assign(indicator=lambda f: f["antigen"])
    unplaced = pd.DataFrame(unplaced, columns=["iso3", "indicator"]).sort_values(["iso3", "indicator"])
    return (pd.concat([obs[~obs["indicator"].isin(order)], unpacked[obs.columns]], ignore_index=True),
            unplaced.reset_index(drop=True))


def run(ctx: StepContext) -> StepOutput:
    meta, output, iso3_of = ddf.start(ctx, NAME)
    concepts = output.read_concepts(ctx, NAME, CONCEPTS_FILE)
    parts = []
    for indicator, spec in meta["indicators"].items():
        concept = concepts.loc[spec["code"]]
        spec.setdefault("name", concept["name"])
        spec.setdefault("definition", ddf.described(concept["description"], spec.get("note")))
        (tidy,) = ddf.read_indicator(ctx, output, NAME, indicator, spec, iso3_of)
        if "years_up_to_latest_of" in spec:
            tidy = tidy[tidy["year"] <= latest_year(ctx, spec["years_up_to_latest_of"])]
        parts.append(tidy)

    packing = meta["packed_vaccines"]
    references = {}
    for indicator, code in packing["references"].items():
        raw, _ = read_indicator_file(ctx, code)
        output.files_read.append(ctx.path("wdi", code, "data.csv"))
        references[indicator] = pd.DataFrame({"iso3": raw["Country Code"], "year": raw["Year"],
                                              "value": raw["Value"]}).dropna()
    output.observations, unplaced = unpack_vaccines(pd.concat(parts, ignore_index=True), packing["order"], references,
                                                    packing["schedules_lack"])
    output.tables["vaccine_series_unplaced"] = unplaced.assign(iso3=unplaced["iso3"].str.upper())
    return output
