"""UNESCO Institute for Statistics step: SDG 4.2 early-childhood education and development.

Each series comes as one DDF datapoints file per sex (``nera_agm1_cp``, ``nera_agm1_f_cp``,
``nera_agm1_m_cp``), read into one indicator with a row per sex: UIS publishes the total itself, so
it is read, not summed. The files by country become observations; UIS's files by ``global`` and by
``income_group`` are its own aggregates (the World Bank's income groups), kept as published rows
(``pipeline.aggregates``) wherever they exist for a series (participation one year before primary).
"""

from __future__ import annotations

import pandas as pd

from pipeline import ddf
from pipeline.aggregates import combine, published_rows
from pipeline.core import StepContext, StepOutput, read_csv_rows

NAME = "uis"
PRODUCER = "UNESCO Institute for Statistics"
# UIS's aggregate entities -> our groups (UIS uses the World Bank's income groups).
UIS_GROUPS = {"WORLD": ("world", "WLD"), "LOW_INCOME": ("income_group", "LIC"),
              "LOWER_MIDDLE_INCOME": ("income_group", "LMC"), "UPPER_MIDDLE_INCOME": ("income_group", "UMC"),
              "HIGH_INCOME": ("income_group", "HIC")}


def run(ctx: StepContext) -> StepOutput:
    meta, output, _ = ddf.start(ctx, NAME, geo_ids=False)  # UIS names countries by ISO3
    output.observations = pd.concat([part for indicator, spec in meta["indicators"].items()
                                     for part in ddf.read_indicator(ctx, output, NAME, indicator, spec, by="sex")],
                                    ignore_index=True)
    output.published = combine([published_aggregates(ctx, output, indicator, spec)
                                for indicator, spec in meta["indicators"].items()])
    return output


def published_aggregates(ctx: StepContext, output: StepOutput, indicator: str, spec: dict) -> pd.DataFrame:
    """UIS's world and income-group rows of the series' total, from the files by ``global`` and ``income_group``."""
    code = (spec.get("codes_by_sex") or {"total": spec.get("code")})["total"]
    parts = []
    for entity in ("global", "income_group"):
        for path in sorted(ctx.sources.joinpath(NAME).glob(f"ddf--datapoints--{code}--by--{entity}--year.csv")):
            raw = read_csv_rows(path, dtype=str, keep_default_na=False, na_values=[""])
            output.rows_read += len(raw)
            output.files_read.append(path)
            parts.append(published_rows(raw, indicator=indicator, producer=PRODUCER, source=NAME, kind=spec["kind"],
                                        groups=UIS_GROUPS, code=entity, value=code))
    return combine(parts)
