"""WDI (Open Numbers DDF) step: exclusive breastfeeding and low birthweight.

The wdi folder's World Bank download lacks these two WDI series, so they are read from Open Numbers'
DDF copy of WDI. Its files use Gapminder's geo ids (``gbm`` for the Isle of Man), which are mapped
with the fast-track folder's country entity table like the other Gapminder-vocabulary steps.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import StepContext, StepOutput, load_meta
from pipeline.steps.gapminder_fasttrack import geo_iso3

NAME = "wdi_ddf"


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput(indicators=meta["indicators"])
    iso3_of, entities_path = geo_iso3(ctx)
    output.files_read.append(entities_path)
    parts = []
    for indicator, spec in meta["indicators"].items():
        parts.append(output.read_ddf(ctx, NAME, spec["code"], iso3_of, indicator=indicator, source=NAME,
                                     kind=spec["kind"]))
    output.observations = pd.concat(parts, ignore_index=True)
    return output
