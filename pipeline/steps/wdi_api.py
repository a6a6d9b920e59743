"""World Bank API export step: mortality attributed to household and ambient air pollution (SDG 3.9.1).

The API's bulk CSV is wide by year (one column per year, 1960 to the present, nearly all empty),
with four lines of preamble before the header and a trailing comma on every line. It is melted to
long, and World Bank aggregates (WLD, AFE, ...) are dropped by keeping the classifications' ISO3
codes, as in the wdi step.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import StepContext, StepOutput, load_meta, read_csv_rows, tidy_long

NAME = "wdi_api"
PREAMBLE_LINES = 4  # "Data Source", "Last Updated Date" and a blank line after each


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput(indicators=meta["indicators"])
    parts = []
    for indicator, spec in meta["indicators"].items():
        data_path = ctx.path(NAME, spec["file"])
        metadata_path = ctx.path(NAME, spec["metadata_file"])
        wide = read_csv_rows(data_path, skiprows=PREAMBLE_LINES, encoding="utf-8-sig", dtype={"Country Code": str},
                             keep_default_na=False, na_values=[""])
        wide = wide[wide["Indicator Code"] == spec["code"]]
        described = pd.read_csv(metadata_path, encoding="utf-8-sig", dtype=str).set_index("INDICATOR_CODE")
        spec.setdefault("name", described.loc[spec["code"], "INDICATOR_NAME"])
        spec.setdefault("definition", described.loc[spec["code"], "SOURCE_NOTE"])
        years = [column for column in wide.columns if column.isdigit()]
        long = wide.melt(id_vars=["Country Code", "source_row"], value_vars=years, var_name="year")
        output.rows_read += len(wide)
        output.files_read += [data_path, metadata_path]
        parts.append(tidy_long(long, indicator=indicator, source=NAME, kind=spec["kind"],
                               source_file=ctx.relative(data_path), iso3="Country Code",
                               known_iso3=ctx.known_iso3))
    output.observations = pd.concat(parts, ignore_index=True)
    return output
