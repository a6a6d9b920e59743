"""World Development Indicators step: one ``wdi/<code>/`` folder per indicator.

Each ``data.csv`` is already long (Country Name, Country Code, Year, Value) and mixes countries
with World Bank aggregates (WLD, SSF, LMY ...). Aggregates are dropped by keeping only the ISO3
codes of the classifications step; the aggregates are read again, untouched, by the tests that
compare our weighted regional figures with the Bank's own.
"""

from __future__ import annotations

import json

import pandas as pd

from pipeline.core import StepContext, StepOutput, load_meta, read_csv_rows, tidy_long

NAME = "wdi"


def read_indicator_file(ctx: StepContext, code: str) -> tuple[pd.DataFrame, dict]:
    """One WDI folder: its rows (with line numbers) and its datapackage description."""
    data_path = ctx.path("wdi", code, "data.csv")
    package = json.loads(ctx.path("wdi", code, "datapackage.json").read_text(encoding="utf-8"))
    return read_csv_rows(data_path, dtype={"Country Code": str}, keep_default_na=False, na_values=[""]), package


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    output = StepOutput(indicators=meta["indicators"])
    parts = []
    for indicator, spec in meta["indicators"].items():
        codes = spec.get("codes_by_sex") or {"total": spec["code"]}
        by_sex = []
        for sex, code in codes.items():
            raw, package = read_indicator_file(ctx, code)
            output.rows_read += len(raw)
            output.files_read.append(ctx.path("wdi", code, "data.csv"))
            spec.setdefault("name", package["title"])
            spec.setdefault("definition", package.get("readme", ""))
            by_sex.append(tidy_long(
                raw, indicator=indicator, source=NAME, kind=spec["kind"], sex=sex,
                source_file=ctx.relative(ctx.path("wdi", code, "data.csv")),
                iso3="Country Code", year="Year", value="Value", known_iso3=ctx.known_iso3))
        if "codes_by_sex" in spec:
            by_sex.append(sum_of_sexes(by_sex))
        parts.extend(by_sex)
    output.observations = pd.concat(parts, ignore_index=True)
    return output


def sum_of_sexes(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Total = female + male, only for country-years where both are reported."""
    both = pd.concat(frames, ignore_index=True)
    keys = ["iso3", "indicator", "year"]
    counts = both.groupby(keys)["value"].transform("size")
    both = both[counts == 2]
    total = both.groupby(keys, as_index=False).agg(
        value=("value", "sum"), source=("source", "first"), kind=("kind", "first"),
        source_file=("source_file", "first"), source_row=("source_row", "first"))
    total["sex"] = "total"
    total["residence"] = "total"
    return total
