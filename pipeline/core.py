"""The shape every pipeline step shares: what a step is given, what it hands back.

Each source folder in ``shared/sources`` has one step module in ``pipeline/steps`` with a
``<name>.meta.yml`` beside it (in the spirit of Our World in Data's ETL steps). A step reads its
raw files, tidies them into the long observation shape, and returns them; validation and writing
are done once, centrally, so that every step is held to the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from childsdg.data.vocabularies import KINDS, RESIDENCES, SEXES  # noqa: F401 - the store's words, shared with the app

# The long observation shape every step returns. ``source_file`` and ``source_row`` (the line in
# the raw file, header = line 1) exist only inside the pipeline so that validation messages can
# name the offending file and rows; they are dropped before the store is written.
OBSERVATION_COLUMNS = ["iso3", "indicator", "year", "value", "sex", "residence", "source", "kind"]
PROVENANCE_COLUMNS = ["source_file", "source_row"]

STEPS_DIR = Path(__file__).parent / "steps"


class PipelineError(Exception):
    """A source or a derived table breaks a rule; the message names the file, rows and rule."""


@dataclass
class StepContext:
    """What a step may use: where the sources are and what earlier steps produced."""

    sources: Path
    countries: pd.DataFrame | None = None  # from the classifications step
    observations: pd.DataFrame | None = None  # everything the earlier steps produced
    last_path: Path | None = None  # the source file the step asked for last (named if reading it fails)

    @property
    def known_iso3(self) -> set[str]:
        if self.countries is None:
            raise PipelineError("the classifications step must run before this step")
        return set(self.countries["iso3"])

    def path(self, *parts: str) -> Path:
        """Path of a raw file, with a clear error when a source file is missing."""
        path = self.sources.joinpath(*parts)
        if not path.exists():
            raise PipelineError(f"{path}: missing source file (is --sources pointing at shared/sources?)")
        self.last_path = path
        return path

    def relative(self, path: Path) -> str:
        return str(path.relative_to(self.sources))


@dataclass
class StepOutput:
    """What a step hands back: observations (long), extra tables, and how many rows it read."""

    observations: pd.DataFrame = field(default_factory=lambda: empty_observations())
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    rows_read: int = 0
    files_read: list[Path] = field(default_factory=list)
    # Catalogue rows for the indicators this step produced (usually ``load_meta(NAME)["indicators"]``,
    # possibly completed from the source's own descriptions).
    indicators: dict[str, dict] = field(default_factory=dict)
    # Other files to write into data/ (path relative to data/ -> (content, row or feature count)),
    # for what is neither a table nor observations, such as map geometry.
    files: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    # The producer's own group figures found in the step's files (pipeline.aggregates.PUBLISHED_COLUMNS);
    # every step's rows are written together to published_aggregates.parquet.
    published: pd.DataFrame | None = None

    def read_ddf(self, ctx: StepContext, folder: str, concept: str, iso3_of: dict[str, str] | None = None,
                 **tidy) -> pd.DataFrame:
        """One DDF concept's country rows as observations, counted in rows_read and files_read.

        ``tidy`` is passed to ``tidy_long`` (indicator, source, kind, sex, residence).
        """
        raw, path = read_ddf_datapoints(ctx.path(folder), concept, iso3_of)
        self.rows_read += len(raw)
        self.files_read.append(path)
        return tidy_long(raw, source_file=ctx.relative(path), known_iso3=ctx.known_iso3, **tidy)

    def read_concepts(self, ctx: StepContext, folder: str, file_name: str) -> pd.DataFrame:
        """A DDF concepts table (names and descriptions), indexed by concept, counted in files_read."""
        path = ctx.path(folder, file_name)
        self.files_read.append(path)
        return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("concept")


def empty_observations() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in OBSERVATION_COLUMNS + PROVENANCE_COLUMNS})


def load_meta(step_name: str) -> dict:
    """The metadata that stands beside a step: its source block and its indicators' catalogue rows."""
    path = STEPS_DIR / f"{step_name}.meta.yml"
    with path.open(encoding="utf-8") as fh:
        meta = yaml.safe_load(fh)
    meta.setdefault("indicators", {})
    meta.setdefault("tables", {})
    return meta


def tidy_long(
    frame: pd.DataFrame,
    *,
    indicator: str,
    source: str,
    kind: str,
    source_file: str,
    iso3: str = "iso3",
    year: str = "year",
    value: str = "value",
    sex: str = "total",
    residence: str = "total",
    known_iso3: set[str] | None = None,
) -> pd.DataFrame:
    """Turn a raw (iso3, year, value) frame into observation rows.

    Rows whose code is not a real country or area (World Bank aggregates such as WLD or SSF, UNHCR's
    'Unknown') are dropped here; rows with no value are dropped too, since the store keeps only
    observations. ``source_row`` must already be present on ``frame`` (see ``read_csv_rows``).
    """
    out = pd.DataFrame(
        {
            "iso3": frame[iso3].astype("str").str.upper().str.strip(),
            "indicator": indicator,
            "year": pd.to_numeric(frame[year], errors="coerce"),
            "value": pd.to_numeric(frame[value], errors="coerce"),
            "sex": sex,
            "residence": residence,
            "source": source,
            "kind": kind,
            "source_file": source_file,
            "source_row": frame["source_row"].to_numpy(),
        }
    )
    out = out[out["value"].notna() & out["year"].notna()]
    if known_iso3 is not None:
        out = out[out["iso3"].isin(known_iso3)]
    out["year"] = out["year"].astype("int64")
    return out.reset_index(drop=True)


def read_csv_rows(path: Path, **kwargs) -> pd.DataFrame:
    """Read a CSV and remember each row's line number in the file, for validation messages."""
    frame = pd.read_csv(path, **kwargs)
    skip = kwargs.get("skiprows", 0)
    skip = skip if isinstance(skip, int) else 0
    frame["source_row"] = range(skip + 2, skip + 2 + len(frame))
    return frame


def read_ddf_datapoints(folder: Path, concept: str, iso3_of: dict[str, str] | None = None,
                        entities: tuple[str, ...] = ("country", "geo")) -> tuple[pd.DataFrame, Path]:
    """The country-level DDF datapoints file of one concept, as (iso3, year, value, source_row).

    Open Numbers / Gapminder DDF folders hold one file per concept and entity set,
    ``ddf--datapoints--<concept>--by--<entity>--<time>.csv``, with columns named after those concepts
    in no fixed order. Countries are the entity ``country`` or ``geo``; files by other entities
    (``global``, ``income_group``) are aggregates and are never read here. Entity ids are lower-case
    ISO3 codes except for a few of Gapminder's own (``nld_curacao``, ``kos``): ``iso3_of`` maps those,
    every other id is upper-cased. World Bank DDF files are by ``economy`` (``entities``), which mixes
    countries with the Bank's aggregate codes (``wld``, ``ssf``). Returns the rows and the file's path
    (for provenance).
    """
    patterns = [f"ddf--datapoints--{concept}--by--{entity}--*.csv" for entity in entities]
    paths = sorted(path for pattern in patterns for path in folder.glob(pattern))
    if len(paths) != 1:
        raise PipelineError(f"{folder}: rule ddf-file: expected one country-level datapoints file for {concept}, "
                            f"found {[p.name for p in paths]}")
    path = paths[0]
    entity, time = path.name.removesuffix(".csv").split("--")[4:6]
    frame = read_csv_rows(path, dtype=str, keep_default_na=False, na_values=[""])
    missing = {concept, entity, time} - set(frame.columns)
    if missing:
        raise PipelineError(f"{path}: rule ddf-columns: the file name promises columns {sorted(missing)}, "
                            f"the header has {list(frame.columns)}")
    ids = frame[entity].str.strip().str.lower()
    rows = pd.DataFrame({
        "iso3": ids.replace(iso3_of or {}).str.upper(),
        "year": frame[time],
        "value": frame[concept],
        "source_row": frame["source_row"],
    })
    return rows, path
