"""Gapminder income step: long-run GDP per capita, for comparing a peer's income "then" (METHODS.md §3).

Two concepts from Open Numbers' Gapminder datasets: GDP per capita in constant 2015 US$ (WDI's
NY.GDP.PCAP.KD, countries only, 1960-2024) and Gapminder's GDP per capita, PPP in constant 2021
international $ (v32, Maddison-based before 1990, with a world series). A country's income relative
to the world's in the same year is derived from the PPP series, the one with a world figure: it is
the measure of "as poor then as the focal country is now" that is fair across six decades of growth.

Gapminder's PPP file runs from 1800 to 2100: years after the latest year of the constant-price WDI
series are Gapminder's projections and are dropped (for countries and the world alike), and so are
years before its first (1960): nothing in the store reaches further back to compare with.
"""

from __future__ import annotations

import pandas as pd

from pipeline import ddf
from pipeline.core import PipelineError, StepContext, StepOutput, read_csv_rows

NAME = "gapminder_income"


def run(ctx: StepContext) -> StepOutput:
    meta, output, iso3_of = ddf.start(ctx, NAME)
    specs = meta["indicators"]
    concepts = {}
    for file_name in meta["concept_files"]:
        path = ctx.path(NAME, file_name)
        output.files_read.append(path)
        concepts.update(pd.read_csv(path, dtype=str, keep_default_na=False).set_index("concept")["description"])
    for spec in specs.values():
        if spec.get("code") in concepts:
            spec.setdefault("definition", " ".join(filter(None, [concepts[spec["code"]].strip(), spec.get("note")])))
    (constant,) = ddf.read_indicator(ctx, output, NAME, "gdp_per_capita_constant", specs["gdp_per_capita_constant"],
                                     iso3_of)
    if constant.empty:
        raise PipelineError(f"{NAME}: rule projection-cut: no constant-price GDP per capita to date the projections by")
    first, last_observed = int(constant["year"].min()), int(constant["year"].max())
    (ppp,) = ddf.read_indicator(ctx, output, NAME, "gdp_per_capita_ppp_long", specs["gdp_per_capita_ppp_long"],
                                iso3_of)
    ppp = ppp[ppp["year"].between(first, last_observed)]
    world = world_series(ctx, output, specs["gdp_per_capita_ppp_long"]["code"], set(ppp["year"]))
    output.observations = pd.concat([constant, ppp, relative_to_world(ppp, world)], ignore_index=True)
    return output


def world_series(ctx: StepContext, output: StepOutput, concept: str, years: set[int]) -> pd.Series:
    """Gapminder's world GDP per capita (PPP) for ``years`` (the countries' years): every one must have one."""
    path = ctx.path(NAME, f"ddf--datapoints--{concept}--by--global--time.csv")
    frame = read_csv_rows(path)
    output.rows_read += len(frame)
    output.files_read.append(path)
    world = frame[(frame["global"] == "world") & frame["time"].isin(years)]
    missing = sorted(years - set(world["time"]))
    if missing or (world[concept] <= 0).any():
        raise PipelineError(f"{ctx.relative(path)}: rule world-income: the world series lacks years {missing[:5]} "
                            "or has values that are not positive")
    return world.set_index("time")[concept].astype(float)


def relative_to_world(ppp: pd.DataFrame, world: pd.Series) -> pd.DataFrame:
    """Each country's GDP per capita (PPP) divided by the world's in the same year (1 = the world average)."""
    rows = ppp[ppp["year"].isin(world.index)].copy()
    rows["value"] = (rows["value"] / rows["year"].map(world)).round(6)
    rows["indicator"] = "income_relative_world"
    rows["kind"] = "derived"
    return rows
