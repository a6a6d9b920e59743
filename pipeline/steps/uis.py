"""UNESCO Institute for Statistics step: SDG 4.2 early-childhood education and development.

Each series comes as one DDF datapoints file per sex (``nera_agm1_cp``, ``nera_agm1_f_cp``,
``nera_agm1_m_cp``), read into one indicator with a row per sex: UIS publishes the total itself, so
it is read, not summed. Only the files by country are read; UIS's files by ``global`` and by
``income_group`` are aggregates, left for the tests that check our weighted aggregates against them.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import StepContext, StepOutput, load_meta

NAME = "uis"


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput(indicators=meta["indicators"])
    parts = []
    for indicator, spec in meta["indicators"].items():
        parts += [output.read_ddf(ctx, NAME, code, indicator=indicator, source=NAME, kind=spec["kind"], sex=sex)
                  for sex, code in (spec.get("codes_by_sex") or {"total": spec["code"]}).items()]
    output.observations = pd.concat(parts, ignore_index=True)
    return output
