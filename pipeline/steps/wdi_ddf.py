"""WDI (Open Numbers DDF) step: exclusive breastfeeding and low birthweight.

The wdi folder's World Bank download lacks these two WDI series, so they are read from Open Numbers'
DDF copy of WDI. Its files use Gapminder's geo ids (``gbm`` for the Isle of Man), which are mapped
with the fast-track folder's country entity table (``ddf.geo_iso3``) like the other Gapminder-vocabulary
steps.
"""

from __future__ import annotations

import pandas as pd

from pipeline import ddf
from pipeline.core import StepContext, StepOutput

NAME = "wdi_ddf"


def run(ctx: StepContext) -> StepOutput:
    meta, output, iso3_of = ddf.start(ctx, NAME)
    output.observations = pd.concat([part for indicator, spec in meta["indicators"].items()
                                     for part in ddf.read_indicator(ctx, output, NAME, indicator, spec, iso3_of)],
                                    ignore_index=True)
    return output
