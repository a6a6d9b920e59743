"""Gapminder Systema Globalis step: at least basic drinking water and sanitation (WHO/UNICEF JMP).

JMP publishes each service for the whole population and for urban and rural residents; the folder
has one DDF datapoints file for each, and they become one indicator per service with a row per
residence, so that the app can set the urban-rural gap beside the national figure.

Geo ids are Gapminder's (``nld_curacao`` for Curaçao, ``gbm`` for the Isle of Man); the mapping
comes from the fast-track folder's country entity table, Gapminder's one published list of them.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import StepContext, StepOutput, load_meta
from pipeline.steps.gapminder_fasttrack import described, geo_iso3

NAME = "gapminder_systema_globalis"
CONCEPTS_FILE = "ddf--concepts--subset.csv"


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput(indicators=meta["indicators"])
    iso3_of, entities_path = geo_iso3(ctx)
    output.files_read.append(entities_path)
    concepts = output.read_concepts(ctx, NAME, CONCEPTS_FILE)
    parts = []
    for indicator, spec in meta["indicators"].items():
        codes = spec["codes_by_residence"]
        spec.setdefault("definition", described(concepts.loc[codes["total"], "description"], spec.get("note")))
        parts += [output.read_ddf(ctx, NAME, code, iso3_of, indicator=indicator, source=NAME, kind=spec["kind"],
                                  residence=residence) for residence, code in codes.items()]
    output.observations = pd.concat(parts, ignore_index=True)
    return output
