"""Gapminder Fast Track step: WUENIC vaccine coverage and the UN WPP child population.

The folder is Open Numbers' DDF copy of Gapminder's fast-track datasets: one datapoints file per
concept, with the concepts' names and descriptions in ``ddf--concepts.csv``, which become the
catalogue's names and definitions unless the meta sets them.

Gapminder's geo ids are lower-case ISO3 codes except for a few of its own (``nld_curacao``, ``gbm``
for the Isle of Man, ``kos``); ``geo_iso3`` maps those from the country entity table, and the other
steps whose files use Gapminder's ids (systema_globalis, wdi_ddf) use it too, so that no area is
lost to a spelling.

Population by age (UN WPP 2022) runs to 2100. Years after the latest year of WDI's total population
are projections that nothing else in the store has, so they are dropped; this is why the step needs
the wdi step to have run.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.core import (PipelineError, StepContext, StepOutput, empty_observations, load_meta, read_ddf_datapoints,
                           tidy_long)

NAME = "gapminder_fasttrack"
CONCEPTS_FILE = "ddf--concepts.csv"
COUNTRY_ENTITIES_FILE = "ddf--entities--geo--country.csv"


def geo_iso3(ctx: StepContext) -> tuple[dict[str, str], Path]:
    """Gapminder geo id -> ISO3 code for the ids that are not simply the code in lower case.

    Built from the country entity table's ``iso3166_1_alpha3`` column, plus the meta's
    ``geo_aliases`` for areas the table leaves without a code (Kosovo). Returns the table's path too,
    for the ``files_read`` of the step that uses it.
    """
    path = ctx.path(NAME, COUNTRY_ENTITIES_FILE)
    entities = pd.read_csv(path, dtype=str, keep_default_na=False)
    codes = {geo: iso3 for geo, iso3 in zip(entities["country"], entities["iso3166_1_alpha3"])
             if iso3 and iso3.lower() != geo}
    codes.update(load_meta(NAME)["geo_aliases"])
    return codes, path


def latest_year(ctx: StepContext, indicator: str) -> int:
    """The last year of an indicator an earlier step produced (the cut-off for projections)."""
    obs = ctx.observations if ctx.observations is not None else empty_observations()
    years = obs.loc[obs["indicator"] == indicator, "year"]
    if years.empty:
        raise PipelineError(f"rule step-order: {NAME} cuts projections at the latest year of {indicator}, "
                            "which no earlier step produced (the wdi step must run first)")
    return int(years.max())


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput(indicators=meta["indicators"])
    iso3_of, entities_path = geo_iso3(ctx)
    concepts_path = ctx.path(NAME, CONCEPTS_FILE)
    concepts = pd.read_csv(concepts_path, dtype=str, keep_default_na=False).set_index("concept")
    output.files_read += [entities_path, concepts_path]
    parts = []
    for indicator, spec in meta["indicators"].items():
        raw, path = read_ddf_datapoints(ctx.path(NAME), spec["code"], iso3_of)
        output.rows_read += len(raw)
        output.files_read.append(path)
        concept = concepts.loc[spec["code"]]
        spec.setdefault("name", concept["name"])
        spec.setdefault("definition", " ".join(filter(None, [concept["description"], spec.get("note")])))
        tidy = tidy_long(raw, indicator=indicator, source=NAME, kind=spec["kind"],
                         source_file=ctx.relative(path), known_iso3=ctx.known_iso3)
        if "years_up_to_latest_of" in spec:
            tidy = tidy[tidy["year"] <= latest_year(ctx, spec["years_up_to_latest_of"])]
        parts.append(tidy)
    output.observations = pd.concat(parts, ignore_index=True)
    return output
