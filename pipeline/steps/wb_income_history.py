"""World Bank historical income classification step: each country's income class in every fiscal year.

The peer finder's alternative income test (METHODS.md §3: "the World Bank's historical income
class") needs the class a peer had in the year it stood at the focal country's level. The
"Country Analytical History" sheet of OGHIST gives FY89-FY25 (L, LM, UM, H; '..' where a country
was not classified); FY26, the current year, comes from the classifications step, so that the
history ends with the class every page uses. A fiscal year's class rests on GNI per capita two
calendar years earlier (FY26 on 2024), the year the table names ``gni_year``.

Former states (USSR, Yugoslavia, Czechoslovakia, Netherlands Antilles) have no ISO3 code in
countries.csv and are dropped. Yemen's "LM*" (FY89-FY90, a class given with a caveat) is read as LM.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta, read_csv_rows

NAME = "wb_income_history"
CLASSES = ("L", "LM", "UM", "H")
GNI_LAG = 2  # FY26 classes rest on GNI per capita of 2024


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput()
    path = ctx.path(NAME, meta["history_file"])
    wide = read_csv_rows(path, dtype=str, keep_default_na=False)
    output.rows_read += len(wide)
    output.files_read.append(path)
    columns = [c for c in wide.columns if re.fullmatch(r"FY\d\d", c)]
    long = wide.melt(id_vars=["iso3", "source_row"], value_vars=columns, var_name="fy", value_name="income_class")
    long["income_class"] = long["income_class"].str.strip().str.rstrip("*")
    long = long[long["income_class"].isin(CLASSES) & long["iso3"].isin(ctx.known_iso3)]
    strange = set(wide[columns].stack()) - set(CLASSES) - {"..", "", "LM*"}
    if strange:
        raise PipelineError(f"{ctx.relative(path)}: rule income-class: unknown classes {sorted(strange)}")
    long["fiscal_year"] = [fiscal_year(fy) for fy in long["fy"]]
    current = ctx.countries[["iso3", "income_group"]].dropna()
    current = pd.DataFrame({"iso3": current["iso3"], "fiscal_year": meta["current_fiscal_year"],
                            "income_class": current["income_group"].map(meta["current_codes"])})
    table = pd.concat([long[["iso3", "fiscal_year", "income_class"]], current.dropna()], ignore_index=True)
    table["gni_year"] = table["fiscal_year"] - GNI_LAG
    table = table.sort_values(["iso3", "fiscal_year"]).reset_index(drop=True)
    output.tables["income_history"] = table[["iso3", "fiscal_year", "gni_year", "income_class"]].astype(
        {"fiscal_year": "int64", "gni_year": "int64"})
    return output


def fiscal_year(label: str) -> int:
    """'FY89' -> 1989, 'FY05' -> 2005 (the sheet spans FY89-FY25)."""
    two = int(label[2:])
    return (1900 if two >= 80 else 2000) + two
