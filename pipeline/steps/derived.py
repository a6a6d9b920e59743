"""Derived step: indicators computed from what the source steps produced.

Live births are the weight of every births-based rate (METHODS.md §2). UN IGME publishes birth
counts, but our sources do not carry them; the crude birth rate times population reproduces WPP's
births closely and is the estimate METHODS.md names.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta

NAME = "derived"


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    spec = meta["indicators"]["live_births"]
    births = live_births(ctx.observations, *spec["inputs"])
    return StepOutput(observations=births, rows_read=0, indicators=meta["indicators"])


def live_births(observations: pd.DataFrame, birth_rate: str, population: str) -> pd.DataFrame:
    """births = crude birth rate (per 1,000) x population / 1,000, per country-year with both."""
    keys = ["iso3", "year"]
    totals = observations[(observations["sex"] == "total") & (observations["residence"] == "total")]
    rate = totals[totals["indicator"] == birth_rate].set_index(keys)
    people = totals[totals["indicator"] == population].set_index(keys)
    if rate.empty or people.empty:
        raise PipelineError(f"rule derived-inputs: live births need {birth_rate} and {population}, "
                            "which the wdi step did not produce")
    both = rate[["value", "source_file", "source_row"]].join(
        people[["value"]].rename(columns={"value": "value_population"}), how="inner")
    out = pd.DataFrame({
        "iso3": both.index.get_level_values("iso3"),
        "indicator": "live_births",
        "year": both.index.get_level_values("year"),
        "value": (both["value"] * both["value_population"] / 1000).round(0).to_numpy(),
        "sex": "total",
        "residence": "total",
        "source": NAME,
        "kind": "derived",
        "source_file": both["source_file"].to_numpy(),
        "source_row": both["source_row"].to_numpy(),
    })
    return out.sort_values(keys).reset_index(drop=True)
