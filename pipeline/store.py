"""Writing the bundled store deterministically: same inputs, byte-identical files.

Parquet is written by pyarrow with fixed row groups and compression and no pandas index; CSV with
``\\n`` line ends and a fixed float format. The manifest lists each file's sha256 and row count and
every source file's sha256, and carries no time stamp (it would break byte-identity).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core import OBSERVATION_COLUMNS

ROW_GROUP_SIZE = 100_000
OBSERVATION_SCHEMA = pa.schema([
    ("iso3", pa.string()),
    ("indicator", pa.string()),
    ("year", pa.int16()),
    ("value", pa.float64()),
    ("sex", pa.string()),
    ("residence", pa.string()),
    ("source", pa.string()),
    ("kind", pa.string()),
])


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_observations(obs: pd.DataFrame, path: Path) -> int:
    """Sorted by indicator, iso3, year (then sex, residence), in ~100k-row groups."""
    obs = obs[OBSERVATION_COLUMNS].sort_values(
        ["indicator", "iso3", "year", "sex", "residence"], kind="mergesort").reset_index(drop=True)
    table = pa.Table.from_pandas(obs, schema=OBSERVATION_SCHEMA, preserve_index=False)
    table = table.replace_schema_metadata(None)
    pq.write_table(table, path, row_group_size=ROW_GROUP_SIZE, compression="zstd", compression_level=9,
                   use_dictionary=True, write_statistics=True)
    return len(obs)


def write_table(frame: pd.DataFrame, path: Path) -> int:
    """A side table, as CSV or Parquet by the file's suffix."""
    if path.suffix == ".parquet":
        table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
        pq.write_table(table, path, row_group_size=ROW_GROUP_SIZE, compression="zstd", compression_level=9)
    else:
        frame.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return len(frame)


def write_manifest(path: Path, files: dict[str, int], sources: dict[str, dict]) -> None:
    """files: name -> row count (of files already written beside the manifest)."""
    manifest = {
        "rebuild": "python -m pipeline --sources ../shared/sources",
        "files": {
            name: {"sha256": sha256(path.parent / name), "rows": rows, "bytes": (path.parent / name).stat().st_size}
            for name, rows in sorted(files.items())
        },
        "sources": sources,
    }
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
