"""Series notes: every year-on-year jump in a country series is explained, or listed.

A reader who meets a cliff in a chart (the Central African Republic's under-5 mortality at 424.6
in 2022, between 179 and 93; China's refugees falling from 303,436 to 320) needs the source's
reason, not a guess. The check finds each jump between consecutive years beyond its unit's
threshold; a step's ``.meta.yml`` explains jumps in a ``series_notes:`` list (iso3, indicators,
years, note, source), and those notes are written to ``data/series_notes.csv`` for the charts and
tables. Jumps no note explains are counted and printed by the build, which still succeeds: a jump
may be real, and the list is the work left to do.

A note on an input also explains the same jump in what the derived step computes from it (the
under-five deaths of the Central African Republic jump with its mortality rate), and is written for
the derived indicator too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.core import PipelineError


@dataclass(frozen=True)
class JumpThreshold:
    """A jump: the value changes by more than ``relative`` of the earlier one AND by more than ``absolute``."""

    relative: float
    absolute: float


# Per unit_kind. Rates per 1,000 or 100,000 move a few % a year when modelled: a 50% change beyond
# a floor that ignores small rates (10 deaths per 1,000, 50 per 100,000) is a crisis or a revision.
# Percentages: 50% and 20 points (a vaccine introduced, a campaign stopped). Counts: 50% and 50,000
# people (refugee and IDP counts move by thousands every year). Money, concentrations and other
# rates: 50% of the earlier value, no floor (units differ too much for one). Growth rates (percent
# change a year) jump by 20 points only in a war or a collapse; signed money (aid can be negative) and
# years as money and rates are.
JUMP_THRESHOLDS = {
    "per_1000": JumpThreshold(0.5, 10),
    "per_100000": JumpThreshold(0.5, 50),
    "percent": JumpThreshold(0.5, 20),
    "gross_ratio": JumpThreshold(0.5, 20),
    "count": JumpThreshold(0.5, 50_000),
    "currency": JumpThreshold(0.5, 0),
    "concentration": JumpThreshold(0.5, 0),
    "rate": JumpThreshold(0.5, 0),
    "index": JumpThreshold(0.5, 0),
    "percent_change": JumpThreshold(0, 20),
    "currency_signed": JumpThreshold(0.5, 0),
    "years": JumpThreshold(0.5, 0),
}
NOTE_COLUMNS = ["iso3", "indicator", "year", "note", "source"]
JUMP_COLUMNS = ["iso3", "indicator", "from_year", "to_year", "from_value", "to_value"]
MAX_PRINTED = 40


def find_jumps(observations: pd.DataFrame, unit_kinds: pd.Series) -> pd.DataFrame:
    """Every change between consecutive years beyond the threshold of the indicator's unit_kind.

    Breakdowns (sex, residence) are checked too; a jump seen in several is listed once. Series with
    gaps are compared only across consecutive years (a survey five years later is not a jump).
    Columns: JUMP_COLUMNS (values of the first breakdown where it is seen, totals first).
    """
    keys = ["indicator", "iso3", "sex", "residence"]
    obs = observations[[*keys, "year", "value"]].astype({"year": "int64", "value": "float64"})
    obs = obs.sort_values([*keys, "year"])
    earlier = obs.groupby(keys, sort=False)[["year", "value"]].shift()
    unknown = set(unit_kinds.loc[unit_kinds.index.isin(obs["indicator"].unique())]) - set(JUMP_THRESHOLDS)
    if unknown:
        raise PipelineError(f"series notes: no jump threshold for unit kind(s) {sorted(unknown)}; "
                            "add them to JUMP_THRESHOLDS in pipeline/series_notes.py")
    thresholds = obs["indicator"].map(unit_kinds).map(JUMP_THRESHOLDS)
    relative = thresholds.map(lambda t: t.relative).astype(float)
    absolute = thresholds.map(lambda t: t.absolute).astype(float)
    change = (obs["value"] - earlier["value"]).abs()
    with np.errstate(divide="ignore", invalid="ignore"):
        share = change / earlier["value"].abs()
    jumped = (obs["year"] - earlier["year"] == 1) & (change > absolute) & (share > relative)
    found = pd.DataFrame({
        "iso3": obs["iso3"], "indicator": obs["indicator"], "from_year": earlier["year"], "to_year": obs["year"],
        "from_value": earlier["value"], "to_value": obs["value"], "total": obs["sex"].eq("total") & obs["residence"].eq("total"),
    })[jumped]
    found = found.sort_values(["indicator", "iso3", "to_year", "total"], ascending=[True, True, True, False])
    found = found.drop_duplicates(["indicator", "iso3", "to_year"])[JUMP_COLUMNS]
    found[["from_year", "to_year"]] = found[["from_year", "to_year"]].astype("int64")
    return found.reset_index(drop=True)


def notes_from_meta(step_metas: dict[str, dict]) -> pd.DataFrame:
    """Each ``series_notes`` entry of each step's meta, one row per iso3 x indicator x year.

    An entry: ``iso3`` (a code or a list of codes that share the reason), ``indicators`` (a list),
    ``years`` (a list), ``note``, ``source`` (who gives the reason; default the step's source name).
    Columns: NOTE_COLUMNS.
    """
    rows = []
    for step, meta in step_metas.items():
        for entry in meta.get("series_notes", []):
            missing = {"iso3", "indicators", "years", "note"} - set(entry)
            if missing:
                raise PipelineError(f"pipeline/steps/{step}.meta.yml: rule series-note: an entry lacks {sorted(missing)}: "
                                    f"{entry}")
            note = " ".join(str(entry["note"]).split())
            source = entry.get("source", meta["source"]["name"])
            iso3s = [entry["iso3"]] if isinstance(entry["iso3"], str) else entry["iso3"]
            rows.extend({"iso3": iso3, "indicator": indicator, "year": int(year), "note": note, "source": source}
                        for iso3 in iso3s for indicator in entry["indicators"] for year in entry["years"])
    return pd.DataFrame(rows, columns=NOTE_COLUMNS)


def inherit_notes(notes: pd.DataFrame, derived_inputs: dict[str, list[str]], short_names: pd.Series) -> pd.DataFrame:
    """The notes of each derived indicator's inputs, as notes of the derived indicator (for every
    year noted; the caller keeps those the derived indicator has a value for).

    ``derived_inputs``: derived indicator -> the indicators it is computed from. Inputs of inputs
    count too (zero-dose children inherit from live births).
    """
    inherited = [notes]
    for indicator in derived_inputs:
        for source_indicator in _all_inputs(indicator, derived_inputs):
            found = notes[notes["indicator"] == source_indicator]
            if not found.empty:
                inherited.append(found.assign(
                    indicator=indicator,
                    note=f"In its input, {short_names.get(source_indicator, source_indicator)}: " + found["note"]))
    combined = pd.concat(inherited, ignore_index=True)
    return combined.drop_duplicates(["iso3", "indicator", "year", "note"]).sort_values(
        ["indicator", "iso3", "year"]).reset_index(drop=True)


def _all_inputs(indicator: str, derived_inputs: dict[str, list[str]]) -> list[str]:
    found = []
    for name in derived_inputs.get(indicator, []):
        found.extend([name, *_all_inputs(name, derived_inputs)])
    return list(dict.fromkeys(found))


def check_notes_point_at_data(notes: pd.DataFrame, observations: pd.DataFrame) -> None:
    """A note must name an existing series and year: a stale note would explain nothing."""
    present = observations[["iso3", "indicator", "year"]].drop_duplicates()
    merged = notes.merge(present, on=["iso3", "indicator", "year"], how="left", indicator=True)
    stale = merged[merged["_merge"] == "left_only"]
    if len(stale):
        raise PipelineError("rule series-note-target: series notes name values the store does not have: "
                            f"{stale[['iso3', 'indicator', 'year']].head(10).to_dict('records')}")


def unexplained(jumps: pd.DataFrame, notes: pd.DataFrame) -> pd.DataFrame:
    """The jumps no note explains: a note explains a jump when its year is either end of it."""
    noted = set(zip(notes["iso3"], notes["indicator"], notes["year"]))
    explained = [(iso3, indicator, start) in noted or (iso3, indicator, end) in noted
                 for iso3, indicator, start, end in zip(jumps["iso3"], jumps["indicator"], jumps["from_year"],
                                                        jumps["to_year"])]
    return jumps[~np.array(explained, dtype=bool)].reset_index(drop=True)


def series_notes(observations: pd.DataFrame, catalogue: pd.DataFrame, step_metas: dict[str, dict],
                 derived_inputs: dict[str, list[str]], log=print) -> pd.DataFrame:
    """The whole check: find the jumps, read the notes, print what stays unexplained; return the notes."""
    rows = catalogue.set_index("id")
    notes = notes_from_meta(step_metas)
    check_notes_point_at_data(notes, observations)
    present = observations[["iso3", "indicator", "year"]].drop_duplicates()
    notes = inherit_notes(notes, derived_inputs, rows["short_name"]).merge(present, on=["iso3", "indicator", "year"])
    jumps = find_jumps(observations, rows["unit_kind"])
    left = unexplained(jumps, notes)
    log("")
    log(f"series notes: {len(jumps):,} year-on-year jumps beyond the thresholds, {len(jumps) - len(left):,} "
        f"explained by {len(notes):,} notes, {len(left):,} unexplained")
    if len(left):
        by_indicator = left["indicator"].value_counts()
        log("unexplained jumps by indicator: " + ", ".join(f"{i} {n}" for i, n in by_indicator.items()))
        largest = left.assign(size=(left["to_value"] - left["from_value"]).abs() / left["from_value"].abs().clip(lower=1e-9))
        for row in largest.sort_values("size", ascending=False).head(MAX_PRINTED).itertuples():
            log(f"  unexplained: {row.iso3} {row.indicator} {row.from_year} -> {row.to_year}: "
                f"{row.from_value:,.6g} -> {row.to_value:,.6g}")
        if len(left) > MAX_PRINTED:
            log(f"  ... and {len(left) - MAX_PRINTED:,} more (largest relative changes printed first)")
    return notes
