"""UNICEF Children's Climate Risk Index 2025 step: the index and its pillars, children exposed to each
hazard and to several, the child population, and child vulnerability indicators no other step has.

The folder holds UNICEF's working outputs, not the printed report (ccri.meta.yml says which files
are read and why the others are not). Three things shape the reading:

- The exposure files have one row per WFP admin-0 polygon, not per country: a few codes have
  several polygons (Spain and the Canary Islands, Sudan and the Hala'ib Triangle ...), which are
  added up; disputed areas have codes such as ``xJK`` (Jammu and Kashmir) that are no country's and
  are dropped with every other unknown code.
- The child population (the weight of every children_0_17 indicator) is the exposure files' own
  ``child_population_total``, so that each exposure share is a share of the very population its
  count was taken from. The gridded analysis's population (results/child_pop_sum_adm0.csv) loses
  small islands (Maldives: 5 children) and is not used.
- Shares are computed here (count / child population) and capped at 100%: the multi-hazard counts
  come from a separate run (coastal floods counted within 5 km of the coast, large sums
  approximated), so they can exceed the country's child population, mostly by a few percent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta, read_csv_rows, tidy_long

NAME = "ccri"
EXPOSURE_FOLDER = "p1_exposure"
EXPOSURE_SUFFIX = "_exposure_adm0.csv"
SDMX_LINKS = ("misc", "p2_indicator_sdmx_links.csv")
CHILD_POPULATION = "child_population"  # the children_0_17 weight (childsdg.data.vocabularies.WEIGHT_INDICATORS)
SCORE = "ccri_score"
PERIOD_END = re.compile(r"(\d{4})$")
SDMX_SERIES = re.compile(r"/data/(?P<flow>[^/]+)/\{iso3\}\.(?P<key>[^?]+)")


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    indicators = {**meta["indicators"], **hazard_indicators(meta["hazards"], meta["hazard_indicators"])}
    # A series whose catalogue row another step writes (basic hygiene: its rural values only) adds
    # observations here and no catalogue row.
    output = StepOutput(indicators={k: v for k, v in indicators.items() if "catalogue_row_in" not in v})
    note = " ".join(meta["definition_note"].split())
    for spec in output.indicators.values():
        spec["definition"] = f"{spec['definition']} {note}"
    exposure = read_exposure(ctx, list(meta["hazards"]), output)
    series_codes = sdmx_series_codes(ctx, output)
    raw_files: dict[Path, pd.DataFrame] = {}

    tidy: dict[str, pd.DataFrame] = {}
    for indicator, spec in indicators.items():
        if "share_of" in spec:
            continue
        if "hazard" in spec:
            path = exposure_path(ctx, spec["hazard"])
            rows = exposure[exposure["hazard"] == spec["hazard"]].rename(columns={"exposed": "value"})
        elif indicator == CHILD_POPULATION:
            # Every exposure file carries the same child population (read_exposure checks it).
            first = next(iter(meta["hazards"]))
            path = exposure_path(ctx, first)
            rows = exposure[exposure["hazard"] == first].rename(columns={"children": "value"}).assign(year=spec["year"])
        else:
            path = ctx.path(NAME, *spec["file"].split("/"))
            rows = read_values(ctx, path, spec, output, raw_files)
            spec.setdefault("source_code", series_codes.get(path.stem.removeprefix("P2_"), path.stem))
        tidy[indicator] = tidy_long(rows, indicator=indicator, source=NAME, kind=spec["kind"],
                                    residence=spec.get("residence", "total"),
                                    source_file=ctx.relative(path), known_iso3=ctx.known_iso3)
    children = tidy[CHILD_POPULATION]
    check_weight_covers(children, tidy[SCORE])
    shares = [share_of_children(tidy[spec["share_of"]], children, indicator, spec["kind"])
              for indicator, spec in indicators.items() if "share_of" in spec]
    output.observations = pd.concat([*tidy.values(), *shares], ignore_index=True)
    return output


def hazard_indicators(hazards: dict[str, dict], templates: dict[str, dict]) -> dict[str, dict]:
    """The catalogue entries of every hazard (a count and a share), filled in from the meta's templates.

    Sixteen hazards times two entries that differ only by the hazard's name and description are
    written once as templates, so that a change of wording reaches all of them.
    """
    entries = {}
    for hazard, spec in hazards.items():
        fields = {**spec, "hazard": hazard, "definition": " ".join(spec["definition"].split())}
        for template in templates.values():
            entry = {key: value.format(**fields) if isinstance(value, str) else value
                     for key, value in template.items()}
            entries[entry.pop("id")] = entry
    return entries


def exposure_path(ctx: StepContext, hazard: str) -> Path:
    return ctx.path(NAME, EXPOSURE_FOLDER, f"{hazard}{EXPOSURE_SUFFIX}")


def read_exposure(ctx: StepContext, hazards: list[str], output: StepOutput) -> pd.DataFrame:
    """All exposure files, summed from polygons to codes: iso3, hazard, year, exposed, children, source_row.

    Fails when the folder holds a hazard the meta does not describe (it would silently go missing
    from the store), when a file's ``hazard`` column does not match its name, or when the files
    disagree on a polygon's child population (which is read from one of them only). ``year`` is the
    last year of the hazard's reference period, the end of its name.
    """
    folder = ctx.path(NAME, EXPOSURE_FOLDER)
    undescribed = sorted(p.name for p in folder.glob(f"*{EXPOSURE_SUFFIX}")
                         if p.name.removesuffix(EXPOSURE_SUFFIX) not in hazards)
    if undescribed:
        raise PipelineError(f"{ctx.relative(folder)}: rule hazard-in-catalogue: {undescribed} have no entry "
                            f"under hazards: in pipeline/steps/{NAME}.meta.yml")
    parts = []
    for hazard in hazards:
        path = exposure_path(ctx, hazard)
        raw = read_csv_rows(path, dtype={"iso3": str, "hazard": str}, keep_default_na=False, na_values=[""])
        output.rows_read += len(raw)
        output.files_read.append(path)
        wrong = raw[raw["hazard"] != hazard]
        if len(wrong):
            raise PipelineError(f"{ctx.relative(path)}: rule hazard-name: rows {wrong['source_row'].tolist()[:10]} "
                                f"name another hazard than the file ({sorted(set(wrong['hazard']))[:3]})")
        if not PERIOD_END.search(hazard):
            raise PipelineError(f"{ctx.relative(path)}: rule hazard-period: the hazard name {hazard!r} does not "
                                "end with the last year of its reference period")
        parts.append(raw)
    polygons = pd.concat(parts, ignore_index=True)
    disagree = polygons.groupby("wfp_id")["child_population_total"].nunique()
    if (disagree > 1).any():
        raise PipelineError(f"{ctx.relative(folder)}: rule same-child-population: the exposure files disagree on "
                            f"the child population of polygons (wfp_id) {disagree[disagree > 1].index.tolist()[:10]}")
    by_code = polygons.groupby(["hazard", "iso3"], as_index=False, sort=False).agg(
        exposed=("child_population_exposed", "sum"), children=("child_population_total", "sum"),
        source_row=("source_row", "first"))
    by_code["year"] = by_code["hazard"].str.extract(PERIOD_END, expand=False).astype("int64")
    return by_code


def read_values(ctx: StepContext, path: Path, spec: dict, output: StepOutput,
                raw_files: dict[Path, pd.DataFrame]) -> pd.DataFrame:
    """One column of a per-country file as iso3, year, value, source_row.

    Polygons sharing a code are summed for counts; any other file must have one row per code, since
    scores and rates cannot be added. The year is the file's ``time_period`` unless the meta gives
    one (files without a time column). Where the file names its producer (``data_source``), that
    becomes the catalogue's producer. Each file is read once however many indicators it holds.
    """
    if path not in raw_files:
        raw_files[path] = read_csv_rows(path, keep_default_na=False, na_values=[""])
        output.rows_read += len(raw_files[path])
        output.files_read.append(path)
    raw = raw_files[path]
    if "year" not in spec and "time_period" not in raw.columns:
        raise PipelineError(f"{ctx.relative(path)}: rule year: the file has no time_period column and the meta "
                            "gives no year")
    rows = pd.DataFrame({
        "iso3": raw["iso3" if "iso3" in raw.columns else "ISO3"].astype("str").str.strip(),
        "year": spec["year"] if "year" in spec else raw["time_period"],
        "value": pd.to_numeric(raw[spec.get("column", "value")], errors="coerce"),
        "source_row": raw["source_row"],
    })
    if "data_source" in raw.columns:  # e.g. 'WHO/UNICEF Joint Monitoring Programme ()': no date in the brackets
        spec.setdefault("producer", "; ".join(sorted(set(raw["data_source"].str.replace("()", "").str.strip()))))
    if spec["unit_kind"] == "count":
        return rows.groupby("iso3", as_index=False, sort=False).agg(
            year=("year", "first"), value=("value", lambda v: v.sum(min_count=1)), source_row=("source_row", "first"))
    repeated = rows[rows["iso3"].duplicated(keep=False)]
    if len(repeated):
        raise PipelineError(f"{ctx.relative(path)}: rule duplicate-key: rows {repeated['source_row'].tolist()[:10]} "
                            f"repeat codes {sorted(set(repeated['iso3']))[:10]}, and {spec['unit_kind']} values "
                            "cannot be summed")
    return rows


def sdmx_series_codes(ctx: StepContext, output: StepOutput) -> dict[str, str]:
    """Vulnerability file stem (``Basic_hygiene``) -> its UNICEF SDMX dataflow and series key.

    CCRI downloaded its vulnerability indicators from UNICEF's SDMX API; the query URLs name the
    series, which is the most precise source code the catalogue can give. A file without a link
    keeps its own name as source code.
    """
    path = ctx.path(NAME, *SDMX_LINKS)
    links = read_csv_rows(path, dtype=str, keep_default_na=False)
    output.rows_read += len(links)
    output.files_read.append(path)
    codes = {}
    for indicator, url in zip(links["indicator"], links["URL_str"]):
        found = SDMX_SERIES.search(url)
        if found:
            codes[indicator] = f"{found['flow']} / {found['key']}"
    return codes


def check_weight_covers(children: pd.DataFrame, scored: pd.DataFrame) -> None:
    """Every country with a CCRI score has children to weigh it with (else its aggregates lose it)."""
    missing = sorted(set(scored["iso3"]) - set(children.loc[children["value"] > 0, "iso3"]))
    if missing:
        raise PipelineError(f"rule weight-coverage: {CHILD_POPULATION} has no children for countries with a "
                            f"{SCORE}: {missing[:10]}")


def share_of_children(counts: pd.DataFrame, children: pd.DataFrame, indicator: str, kind: str) -> pd.DataFrame:
    """count / child population x 100 where the country has children, capped at 100 (module docstring)."""
    population = children.set_index("iso3")["value"]
    out = counts.assign(population=counts["iso3"].map(population))
    out = out[out["population"] > 0]
    # Divide before multiplying: a ratio of at most 1 times 100 cannot round to above 100.
    out = out.assign(indicator=indicator, kind=kind,
                     value=out["value"].clip(upper=out["population"]) / out["population"] * 100)
    return out.drop(columns="population").reset_index(drop=True)
