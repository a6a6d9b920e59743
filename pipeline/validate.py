"""Rules the store must satisfy before anything is written.

Each rule returns the rows that break it; ``check_observations`` turns them into one
``PipelineError`` whose message names the rule, the source file and the line numbers, so that a
bad source is found in seconds. Nothing is written when any rule fires.
"""

from __future__ import annotations

import math

import pandas as pd

from childsdg.data import vocabularies
from pipeline.core import KINDS, OBSERVATION_COLUMNS, RESIDENCES, SEXES, PipelineError

# Plausible range of a value by the kind of unit its indicator is measured in.
UNIT_RANGES: dict[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "gross_ratio": (0.0, 400.0),  # gross enrolment and completion ratios can exceed 100
    "per_1000": (0.0, 1000.0),
    "per_100000": (0.0, 100000.0),
    "count": (0.0, math.inf),
    "currency": (0.0, math.inf),
    "currency_signed": (-math.inf, math.inf),  # net flows such as aid received, negative when repayments exceed it
    "percent_change": (-100.0, math.inf),  # annual growth: a value cannot fall by more than all of it
    "years": (0.0, 150.0),
    "concentration": (0.0, math.inf),
    "rate": (0.0, math.inf),
    "index": (-math.inf, math.inf),
}
THEMES = tuple(vocabularies.THEMES)
WEIGHTS = (*vocabularies.WEIGHT_INDICATORS, vocabularies.COUNT_WEIGHT)
CATALOGUE_REQUIRED = ("id", "name", "short_name", "theme", "unit", "unit_kind", "polarity", "weight",
                      "source_name", "source_code", "licence", "citation", "vintage", "definition")
KEY = ["iso3", "indicator", "year", "sex", "residence"]
MAX_ROWS_NAMED = 8


def describe(rows: pd.DataFrame, rule: str, detail: str) -> str:
    """'<file>: rule <rule>: <n> rows (lines 12, 13, ...): <detail>', one line per source file."""
    lines = []
    for source_file, group in rows.groupby("source_file", sort=True):
        lines_named = ", ".join(str(int(r)) for r in group["source_row"].head(MAX_ROWS_NAMED))
        more = f" and {len(group) - MAX_ROWS_NAMED} more" if len(group) > MAX_ROWS_NAMED else ""
        lines.append(f"{source_file}: rule {rule}: {len(group)} rows (lines {lines_named}{more}): {detail}")
    return "\n".join(lines)


def duplicate_keys(obs: pd.DataFrame) -> pd.DataFrame:
    return obs[obs.duplicated(KEY, keep=False)]


def out_of_range(obs: pd.DataFrame, catalogue: pd.DataFrame) -> list[tuple[pd.DataFrame, str]]:
    kinds = obs["indicator"].map(catalogue.set_index("id")["unit_kind"])
    found = []
    for unit_kind, (low, high) in UNIT_RANGES.items():
        rows = obs[(kinds == unit_kind) & ~obs["value"].between(low, high)]
        if len(rows):
            sample = rows["value"].head(3).tolist()
            found.append((rows, f"{unit_kind} values must lie in [{low:g}, {high:g}], found e.g. {sample}"))
    non_finite = obs[~obs["value"].map(lambda v: isinstance(v, (int, float)) and math.isfinite(v))]
    if len(non_finite):
        found.append((non_finite, "values must be finite numbers"))
    return found


def check_observations(obs: pd.DataFrame, catalogue: pd.DataFrame, known_iso3: set[str]) -> None:
    """Raise PipelineError naming every broken rule, file and rows; return quietly if all hold."""
    missing = [c for c in OBSERVATION_COLUMNS if c not in obs.columns]
    if missing:
        raise PipelineError(f"rule schema: observations lack columns {missing}")
    problems: list[str] = []
    checks = [
        (obs[~obs["sex"].isin(SEXES)], "sex-value", f"sex must be one of {SEXES}"),
        (obs[~obs["residence"].isin(RESIDENCES)], "residence-value", f"residence must be one of {RESIDENCES}"),
        (obs[~obs["kind"].isin(KINDS)], "kind-value", f"kind must be one of {KINDS}"),
        (obs[~obs["indicator"].isin(set(catalogue["id"]))], "indicator-in-catalogue",
         f"indicators missing from the catalogue: {sorted(set(obs['indicator']) - set(catalogue['id']))[:10]}"),
        (obs[~obs["iso3"].isin(known_iso3)], "iso3-in-countries",
         f"ISO3 codes missing from countries.csv: {sorted(set(obs['iso3']) - known_iso3)[:10]}"),
    ]
    dupes = duplicate_keys(obs)
    checks.append((dupes, "duplicate-key",
                   f"more than one value for the same {', '.join(KEY)}, e.g. "
                   f"{dupes[KEY].head(1).to_dict('records')}"))
    checks.extend((rows, "value-range", detail) for rows, detail in out_of_range(obs, catalogue))
    for rows, rule, detail in checks:
        if len(rows):
            problems.append(describe(rows, rule, detail))
    if problems:
        raise PipelineError("the store was not written; these rows break its rules:\n" + "\n".join(problems))


def check_catalogue(catalogue: pd.DataFrame) -> None:
    """Every indicator row is complete and uses the allowed vocabularies."""
    problems = []
    for column in CATALOGUE_REQUIRED:
        if column not in catalogue.columns:
            problems.append(f"column {column} is missing")
            continue
        blank = catalogue.loc[catalogue[column].isna() | (catalogue[column].astype(str).str.strip() == ""), "id"]
        if len(blank):
            problems.append(f"{column} is blank for {sorted(blank)[:10]}")
    for column, allowed in (("theme", THEMES), ("polarity", vocabularies.POLARITIES), ("weight", WEIGHTS),
                            ("unit_kind", tuple(UNIT_RANGES))):
        if column in catalogue.columns:
            bad = catalogue.loc[~catalogue[column].isin(allowed), "id"]
            if len(bad):
                problems.append(f"{column} must be one of {allowed}; not so for {sorted(bad)[:10]}")
    dupes = catalogue.loc[catalogue["id"].duplicated(), "id"]
    if len(dupes):
        problems.append(f"indicator ids defined twice: {sorted(dupes)}")
    if problems:
        raise PipelineError("rule catalogue: the indicator catalogue (pipeline/steps/*.meta.yml) is invalid: "
                            + "; ".join(problems))
