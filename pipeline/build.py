"""Run every step, validate what they produced, and write the store.

Progress is printed step by step (source, rows read, rows kept, seconds) and a summary table ends
the run. Nothing is written unless every rule holds, so a bad source never leaves a half-built
store behind.
"""

from __future__ import annotations

import sys
import time
import zlib
from pathlib import Path

import pandas as pd

from pipeline import aggregates, validate
from pipeline.docs import data_readme
from pipeline.group_values import GROUP_VALUES_FILE, group_values
from pipeline.series_notes import series_notes
from pipeline.core import PROVENANCE_COLUMNS, PipelineError, StepContext, load_meta
from pipeline.steps import STEPS
from pipeline.store import sha256, write_manifest, write_observations, write_table
from pipeline.texts import indicator_texts, load_texts

CATALOGUE_COLUMNS = ["id", "name", "short_name", "theme", "unit", "unit_kind", "sdg", "polarity", "target_2030",
                     "target_relative_change", "target_baseline_year", "target_basis", "weight", "kind", "carry_years",
                     "zero_when_absent_with", "children_total", "children_age_known_share", "source",
                     "source_name", "source_code", "licence", "citation", "vintage", "definition", "producer",
                     "peer_drivers"]
SOURCE_COLUMNS = ["id", "name", "licence", "citation", "origin", "vintage", "folder"]


def catalogue_rows(step_name: str, indicators: dict[str, dict]) -> list[dict]:
    """The catalogue rows of one step: its indicators, completed with its source block."""
    source = load_meta(step_name)["source"]
    rows = []
    for indicator_id, spec in indicators.items():
        codes = spec.get("codes_by_sex", {}).values() or [spec.get("code", "")]
        producer = spec.get("producer")
        rows.append({
            **{k: v for k, v in spec.items() if k in CATALOGUE_COLUMNS},
            "id": indicator_id,
            "source": source["id"],
            "source_name": f"{producer}, via {source['name']}" if producer else source["name"],
            "source_code": spec.get("source_code") or " + ".join(str(c).upper() for c in codes if c),
            "licence": spec.get("licence", source["licence"]),
            "citation": spec.get("citation", source["citation"]),
            "vintage": spec.get("vintage", source["vintage"]),
            "definition": " ".join(str(spec.get("definition", "")).split()),
            "peer_drivers": " ".join(spec.get("peer_drivers", [])) or None,
        })
    return rows


def build(sources: Path, out: Path, log=print) -> dict[str, int]:
    """Build the whole store from ``sources`` into ``out``; return file name -> rows written."""
    if not sources.is_dir():
        raise PipelineError(f"{sources}: the sources folder does not exist (pass --sources DIR)")
    ctx = StepContext(sources=sources)
    observations, tables, catalogue, source_rows, files_out, summary = [], {}, [], [], {}, []
    source_files: dict[str, dict] = {}
    published: list[pd.DataFrame] = []
    log(f"{'step':<28}{'rows read':>12}{'rows kept':>12}{'seconds':>9}")
    for step in STEPS:
        started = time.perf_counter()
        name = step_name(step)
        output = run_step(step, name, ctx)
        if name == "classifications":
            ctx.countries = output.tables["countries"]
        observations.append(output.observations)
        ctx.observations = pd.concat(observations, ignore_index=True)
        tables.update(output.tables)
        if output.published is not None:
            published.append(output.published)
        files_out.update(output.files)
        catalogue.extend(catalogue_rows(name, output.indicators))
        meta = load_meta(name)
        source_rows.append({k: meta["source"].get(k, "") for k in SOURCE_COLUMNS})
        source_files[meta["source"]["id"]] = {
            "origin": meta["source"].get("origin", ""),
            "files": {ctx.relative(p): sha256(p) for p in sorted(set(output.files_read))},
        }
        kept = (len(output.observations) + sum(len(t) for t in output.tables.values())
                + (0 if output.published is None else len(output.published))
                + sum(count for _, count in output.files.values()))
        seconds = time.perf_counter() - started
        summary.append((name, output.rows_read, kept, seconds))
        log(f"{name:<28}{output.rows_read:>12,}{kept:>12,}{seconds:>9.2f}")

    obs = ctx.observations
    catalogue_frame = pd.DataFrame(catalogue).reindex(columns=CATALOGUE_COLUMNS)
    catalogue_frame = catalogue_frame.sort_values(["theme", "id"]).reset_index(drop=True)
    validate.check_catalogue(catalogue_frame)
    validate.check_observations(obs, catalogue_frame, set(ctx.countries["iso3"]))
    tables[aggregates.PUBLISHED_TABLE] = aggregates.combine(published)
    aggregates.check(tables[aggregates.PUBLISHED_TABLE], catalogue_frame, tables["country_groups"], validate.UNIT_RANGES)
    indicators_without_data = sorted(set(catalogue_frame["id"]) - set(obs["indicator"]))
    if indicators_without_data:
        raise PipelineError(f"rule catalogue-has-data: catalogue rows with no observations: {indicators_without_data}")
    step_metas = {step_name(step): load_meta(step_name(step)) for step in STEPS}
    derived_inputs = {indicator: spec["inputs"] for meta in step_metas.values()
                      for indicator, spec in meta["indicators"].items() if "inputs" in spec}
    notes = series_notes(obs, catalogue_frame, step_metas, derived_inputs, log)
    texts = indicator_texts(catalogue_frame, {indicator: by_lang for step in STEPS
                                              for indicator, by_lang in load_texts(step_name(step)).items()})

    out.mkdir(parents=True, exist_ok=True)
    written = {"observations.parquet": write_observations(obs.drop(columns=PROVENANCE_COLUMNS), out / "observations.parquet"),
               "indicators.csv": write_table(catalogue_frame, out / "indicators.csv"),
               "sources.csv": write_table(pd.DataFrame(source_rows).sort_values("id"), out / "sources.csv"),
               "series_notes.csv": write_table(notes, out / "series_notes.csv"),
               "indicator_texts.csv": write_table(texts, out / "indicator_texts.csv")}
    for table_name, frame in tables.items():
        file_name = table_file_name(table_name)
        written[file_name] = write_table(frame, out / file_name)
    for file_name, (content, rows) in files_out.items():
        (out / file_name).parent.mkdir(parents=True, exist_ok=True)
        (out / file_name).write_bytes(content)
        written[file_name] = rows
    # The group values are computed by the app from the store as written so far (its manifest must list it).
    write_manifest(out / "manifest.json", written, source_files)
    written[GROUP_VALUES_FILE] = write_table(group_values(out), out / GROUP_VALUES_FILE)
    write_manifest(out / "manifest.json", written, source_files)
    table_specs = {name: spec for meta in step_metas.values() for name, spec in meta["tables"].items()}
    (out / "README.md").write_text(
        data_readme(catalogue_frame, pd.DataFrame(source_rows).sort_values("id"), table_specs, written), encoding="utf-8")

    log("")
    log(f"{'file':<40}{'rows':>12}")
    for file_name, rows in sorted(written.items()):
        log(f"{file_name:<40}{rows:>12,}")
    log(f"total: {len(obs):,} observations of {obs['indicator'].nunique()} indicators for "
        f"{obs['iso3'].nunique()} countries and areas, {sum(s[3] for s in summary):.1f} s")
    return written


def run_step(step, name: str, ctx: StepContext):
    """Run one step; a source it cannot parse becomes a PipelineError naming the file, not a traceback."""
    try:
        return step.run(ctx)
    except PipelineError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, OSError, UnicodeDecodeError, EOFError, zlib.error) as exc:
        where = ctx.relative(ctx.last_path) if ctx.last_path else f"step {name}"
        raise PipelineError(f"{where}: rule readable-source: the {name} step could not read it "
                            f"({exc.__class__.__name__}: {str(exc)[:200]})") from exc


def step_name(step) -> str:
    return step.__name__.rsplit(".", 1)[-1]


def table_file_name(table_name: str) -> str:
    """Where a side table is written: the file named in its step's meta, else <name>.csv."""
    for step in STEPS:
        spec = load_meta(step_name(step))["tables"].get(table_name)
        if spec:
            return spec["file"]
    return f"{table_name}.csv"


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Build data/ from the open sources.")
    parser.add_argument("--sources", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "sources",
                        help="folder of raw sources (default: ../shared/sources)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data",
                        help="where to write the store (default: data/)")
    args = parser.parse_args(argv)
    try:
        build(args.sources.resolve(), args.out.resolve())
    except PipelineError as exc:
        print(f"pipeline: {exc}", file=sys.stderr)
        return 1
    return 0
