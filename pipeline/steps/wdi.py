"""World Development Indicators step: one ``wdi/<code>/`` folder per indicator.

Each ``data.csv`` is already long (Country Name, Country Code, Year, Value) and mixes countries
with World Bank aggregates (WLD, SSF, LMY ...). The observations keep only the ISO3 codes of the
classifications step; the aggregates that match one of our groups (the Bank's regions, income groups
and the world) go to the published aggregates table (``pipeline.aggregates``), so that the app can
show the Bank's own figure for those groups. ``published_only`` in the meta names WDI folders read
for their aggregates alone, for indicators whose country values come from another step (DTP3 and
measles come from the WUENIC release in gapminder_fasttrack; the Bank's world and regional
coverage figures are WUENIC's).
"""

from __future__ import annotations

import json

import pandas as pd

from pipeline.aggregates import combine, published_rows
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
    parts, published = [], []
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
            if sex == "total":
                published.append(aggregates_of(raw, indicator, spec))
        if "codes_by_sex" in spec:
            by_sex.append(sum_of_sexes(by_sex))
        parts.extend(by_sex)
    for indicator, spec in meta.get("published_only", {}).items():
        raw, _ = read_indicator_file(ctx, spec["code"])
        output.rows_read += len(raw)
        output.files_read.append(ctx.path("wdi", spec["code"], "data.csv"))
        published.append(aggregates_of(raw, indicator, spec))
    output.observations = pd.concat(parts, ignore_index=True)
    output.published = combine(published)
    return output


def aggregates_of(raw: pd.DataFrame, indicator: str, spec: dict) -> pd.DataFrame:
    """The Bank's aggregates in one file, credited to the series' producer ("UN IGME / World Bank").

    ``published_skip`` in the meta names groupings whose composition differs from ours for this
    series (maternal mortality's regions follow the MMEIG's composition, not the Bank's regions).
    """
    producer = spec.get("published_by") or spec.get("producer") or "World Bank"
    if "World Bank" not in producer:
        producer = f"{producer} / World Bank"
    return published_rows(raw, indicator=indicator, producer=producer, source=NAME, kind=spec["kind"],
                          code="Country Code", year="Year", value="Value",
                          skip=tuple(spec.get("published_skip", ())))


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
