"""The producers' own group figures (World Bank regions, income groups, world), kept beside the observations.

Several sources publish aggregates in the same files as their country rows: WDI's ``WLD``, ``SSF``,
``LIC`` ..., the JME's and JMP's ``wld``, ``ssf`` ..., UIS's ``world`` and ``low_income``. The
observations keep countries only; these rows go to ``published_aggregates.parquet``, one row per
indicator x group x year, so that the app can show the producer's figure where the reader's group is
one the producer publishes (METHODS.md §2, "published first").

Only aggregates whose membership is that of one of our groupings are kept: the World Bank's seven
regions (all income levels: ``SSF``, not ``SSA`` "excluding high income"), its four income groups
and the world. IDA/IBRD, demographic-dividend, small-state, Euro-area and the "excluding high
income" variants have no grouping of ours and are left out.
"""

from __future__ import annotations

import pandas as pd

from pipeline.core import KINDS, PipelineError, StepContext, StepOutput, load_meta, read_ddf_datapoints, tidy_long

PUBLISHED_TABLE = "published_aggregates"
PUBLISHED_COLUMNS = ["indicator", "grouping", "group_code", "year", "value", "producer", "source", "source_code",
                     "kind"]
PUBLISHED_KEY = ["indicator", "grouping", "group_code", "year"]

# World Bank aggregate code -> (our grouping, our group code). The Bank's region and income codes
# are the ones countries.csv uses for its FY26 classification.
WORLD_BANK_GROUPS: dict[str, tuple[str, str]] = {
    "WLD": ("world", "WLD"),
    **{code: ("wb_region", code) for code in ("EAS", "ECS", "LCN", "MEA", "NAC", "SAS", "SSF")},
    **{code: ("income_group", code) for code in ("LIC", "LMC", "UMC", "HIC")},
}


def published_rows(raw: pd.DataFrame, *, indicator: str, producer: str, source: str, kind: str,
                   groups: dict[str, tuple[str, str]] = WORLD_BANK_GROUPS, code: str = "iso3",
                   year: str = "year", value: str = "value", skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of ``raw`` whose code is a published aggregate of one of our groupings, in the table's shape.

    ``raw`` holds one row per code and year (country rows are ignored); ``groups`` maps the source's
    aggregate codes (upper-cased) to our (grouping, group_code); ``skip`` names groupings whose
    composition differs from ours for this indicator.
    """
    codes = raw[code].astype("str").str.strip().str.upper()
    keep = codes.isin(list(groups)) & ~codes.map(lambda c: groups.get(c, ("", ""))[0]).isin(skip)
    rows = raw[keep]
    mapped = codes[keep].map(groups)
    out = pd.DataFrame({
        "indicator": indicator,
        "grouping": [g for g, _ in mapped],
        "group_code": [c for _, c in mapped],
        "year": pd.to_numeric(rows[year], errors="coerce"),
        "value": pd.to_numeric(rows[value], errors="coerce"),
        "producer": producer,
        "source": source,
        "source_code": codes[keep].to_numpy(),
        "kind": kind,
    })
    out = out[out["value"].notna() & out["year"].notna()]
    out["year"] = out["year"].astype("int64")
    return out.reset_index(drop=True)


def combine(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Several steps' published rows as one table, in a fixed order (the store is byte-identical per build)."""
    frames = [f for f in frames if len(f)]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PUBLISHED_COLUMNS)
    return table[PUBLISHED_COLUMNS].sort_values(PUBLISHED_KEY, kind="mergesort").reset_index(drop=True)


def check(table: pd.DataFrame, catalogue: pd.DataFrame, groups: pd.DataFrame, unit_ranges: dict) -> None:
    """The published table's rules: known indicator and group, one value per key, values in the unit's range."""
    problems = []
    unknown = sorted(set(table["indicator"]) - set(catalogue["id"]))
    if unknown:
        problems.append(f"indicators missing from the catalogue: {unknown[:10]}")
    known_groups = set(zip(groups["grouping"], groups["group_code"]))
    bad_groups = sorted(set(zip(table["grouping"], table["group_code"])) - known_groups)
    if bad_groups:
        problems.append(f"groups missing from country_groups.csv: {bad_groups[:10]}")
    dupes = table[table.duplicated(PUBLISHED_KEY, keep=False)]
    if len(dupes):
        problems.append(f"more than one value for the same {', '.join(PUBLISHED_KEY)}, e.g. "
                        f"{dupes[PUBLISHED_KEY].head(2).to_dict('records')}")
    bad_kinds = sorted(set(table["kind"]) - set(KINDS))
    if bad_kinds:
        problems.append(f"kind must be one of {KINDS}, found {bad_kinds}")
    unit_kinds = table["indicator"].map(catalogue.set_index("id")["unit_kind"])
    for unit_kind, (low, high) in unit_ranges.items():
        outside = table[(unit_kinds == unit_kind) & ~table["value"].between(low, high)]
        if len(outside):
            problems.append(f"{unit_kind} values must lie in [{low:g}, {high:g}], found "
                            f"{outside[['indicator', 'source_code', 'year', 'value']].head(3).to_dict('records')}")
    if problems:
        raise PipelineError(f"rule published-aggregates: {PUBLISHED_TABLE} was not written: " + "; ".join(problems))


def read_economy_series(output: StepOutput, ctx: StepContext, folder: str, indicator: str, spec: dict, source: str,
                        producer: str) -> pd.DataFrame:
    """One World Bank DDF file by ``economy``: its country rows as observations, its aggregates as published rows.

    The files of ``jme_modelled`` and ``jmp_national`` mix lower-case ISO3 codes with the Bank's
    aggregate codes (``wld``, ``ssf``). ``spec``: the indicator's meta (``code``, ``kind``, and
    ``cap`` where rounding noise pushes a percentage a hair over 100). The published rows are added
    to ``output.published``; the observations are returned.
    """
    raw, path = read_ddf_datapoints(ctx.path(folder), spec["code"], entities=("economy",))
    output.rows_read += len(raw)
    output.files_read.append(path)
    if "cap" in spec:
        raw["value"] = pd.to_numeric(raw["value"], errors="coerce").clip(upper=float(spec["cap"]))
    published = published_rows(raw, indicator=indicator, producer=producer, source=source, kind=spec["kind"])
    output.published = combine([output.published if output.published is not None else published.iloc[:0],
                                published])
    return tidy_long(raw, indicator=indicator, source=source, kind=spec["kind"], source_file=ctx.relative(path),
                     residence=spec.get("residence", "total"), known_iso3=ctx.known_iso3)


def economy_step(ctx: StepContext, name: str, producer: str) -> StepOutput:
    """A step whose every indicator is one World Bank DDF file by ``economy`` (jme_modelled, jmp_national)."""
    meta = load_meta(name)
    output = StepOutput(indicators=meta["indicators"])
    output.observations = pd.concat(
        [read_economy_series(output, ctx, name, indicator, spec, name, producer)
         for indicator, spec in meta["indicators"].items()], ignore_index=True)
    return output
