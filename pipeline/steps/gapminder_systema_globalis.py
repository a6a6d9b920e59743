"""Gapminder Systema Globalis step: at least basic drinking water and sanitation (WHO/UNICEF JMP).

JMP publishes each service for the whole population and for urban and rural residents; the folder
has one DDF datapoints file for each, and they become one indicator per service with a row per
residence, so that the app can set the urban-rural gap beside the national figure.

Geo ids are Gapminder's (``nld_curacao`` for Curaçao, ``gbm`` for the Isle of Man), mapped by
``ddf.geo_iso3`` from the fast-track folder's country entity table, Gapminder's one published list of them.
"""

from __future__ import annotations

import pandas as pd

from pipeline import ddf
from pipeline.core import StepContext, StepOutput

NAME = "gapminder_systema_globalis"
CONCEPTS_FILE = "ddf--concepts--subset.csv"


def run(ctx: StepContext) -> StepOutput:
    meta, output, iso3_of = ddf.start(ctx, NAME)
    concepts = output.read_concepts(ctx, NAME, CONCEPTS_FILE)
    parts = []
    for indicator, spec in meta["indicators"].items():
        total = spec["codes_by_residence"]["total"]
        spec.setdefault("definition", ddf.described(concepts.loc[total, "description"], spec.get("note")))
        parts += ddf.read_indicator(ctx, output, NAME, indicator, spec, iso3_of, by="residence")
    output.observations = pd.concat(parts, ignore_index=True)
    return output
