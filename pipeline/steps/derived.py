"""Derived step: indicators computed from what the source steps produced.

Live births are the weight of every births-based rate (METHODS.md §2). UN IGME publishes birth
counts, but our sources do not carry them; the crude birth rate times population reproduces WPP's
births closely and is the estimate METHODS.md names.

The counts UNICEF leads with are derived the same way, because no source bundles them: deaths are
a rate times live births (under-five, neonatal, maternal), and zero-dose children are the surviving
infants who did not get DTP1. Each is labelled "derived" wherever it is shown.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta

NAME = "derived"
KEYS = ["iso3", "year"]


def run(ctx: StepContext) -> StepOutput:
    """Each indicator of the meta in order (live births first: the deaths need it)."""
    meta = load_meta(NAME)
    specs = meta["indicators"]
    needed = {name for spec in specs.values() for name in spec["inputs"]}
    observations = ctx.observations[ctx.observations["indicator"].isin(needed)]
    derived = []
    for indicator, spec in specs.items():
        frame = zero_dose(observations, *spec["inputs"]) if spec.get("formula") == "zero_dose" else (
            rate_times_base(observations, indicator, *spec["inputs"], per=spec["per"]))
        derived.append(frame.assign(indicator=indicator))
        observations = pd.concat([observations, derived[-1]], ignore_index=True)
    return StepOutput(observations=pd.concat(derived, ignore_index=True), rows_read=0, indicators=meta["indicators"])


def inputs_side_by_side(observations: pd.DataFrame, indicator: str, inputs: list[str]) -> pd.DataFrame:
    """The inputs' totals (both sexes, all areas) as columns per country-year where all of them exist.

    The provenance of the first input is kept, so that a validation message names the rate's file.
    A country-year an input gives twice is left out: validation refuses the input's duplicate and
    names its file, which a derived duplicate would only repeat.
    """
    totals = observations[(observations["sex"] == "total") & (observations["residence"] == "total")]
    columns = []
    for position, name in enumerate(inputs):
        rows = totals[totals["indicator"] == name].set_index(KEYS)
        rows = rows[~rows.index.duplicated(keep=False)]
        if rows.empty:
            raise PipelineError(f"rule derived-inputs: {indicator} needs {name}, which no earlier step produced")
        kept = ["value", "source_file", "source_row"] if position == 0 else ["value"]
        columns.append(rows[kept].rename(columns={"value": name}))
    return pd.concat(columns, axis=1, join="inner")


def observation_rows(both: pd.DataFrame, values: pd.Series) -> pd.DataFrame:
    """Derived values (rounded to whole people) in the observation shape."""
    out = pd.DataFrame({
        "iso3": both.index.get_level_values("iso3"),
        "year": both.index.get_level_values("year"),
        "value": values.round(0).to_numpy(),
        "sex": "total",
        "residence": "total",
        "source": NAME,
        "kind": "derived",
        "source_file": both["source_file"].to_numpy(),
        "source_row": both["source_row"].to_numpy(),
    })
    return out.sort_values(KEYS).reset_index(drop=True)


def rate_times_base(observations: pd.DataFrame, indicator: str, rate: str, base: str, per: float) -> pd.DataFrame:
    """rate x base / per, per country-year with both: births (crude birth rate per 1,000 x population)
    and deaths (a mortality rate per 1,000 or 100,000 live births x live births)."""
    both = inputs_side_by_side(observations, indicator, [rate, base])
    return observation_rows(both, both[rate] * both[base] / per)


def zero_dose(observations: pd.DataFrame, dtp1: str, infant_mortality: str, births: str) -> pd.DataFrame:
    """Surviving infants without DTP1: births x (1 - IMR / 1,000) x (1 - DTP1 / 100), WUENIC's definition.

    Surviving infants are the births that live to their first birthday, WUENIC's denominator.
    """
    both = inputs_side_by_side(observations, "zero_dose_children", [dtp1, infant_mortality, births])
    surviving_infants = both[births] * (1 - both[infant_mortality] / 1000)
    return observation_rows(both, surviving_infants * (1 - both[dtp1] / 100))
