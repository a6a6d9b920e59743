"""Where the bundled store is, and whether it is whole.

The app checks ``data/manifest.json`` before it serves anything: a missing, truncated or altered
file gives a ``DataStoreError`` that names the file and the command that rebuilds it, instead of a
DuckDB or pyarrow traceback halfway through a page.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from pipeline.store import sha256  # the same digest the pipeline wrote into the manifest

REBUILD_COMMAND = "python -m pipeline --sources ../shared/sources"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class DataStoreError(RuntimeError):
    """The bundled data is missing or damaged; the message says which file and how to rebuild it."""


def data_dir() -> Path:
    """The store's folder: ``$CHILDSDG_DATA`` if set (tests point it at damaged copies), else data/."""
    return _resolved(os.environ.get("CHILDSDG_DATA", str(DEFAULT_DATA_DIR)), os.getcwd())


@lru_cache(maxsize=16)
def _resolved(folder: str, cwd: str) -> Path:
    """``folder`` made absolute, once per value: every query asks, and resolving costs file-system calls."""
    return (Path(cwd) / folder).resolve()


def _problem(name: str, what: str) -> DataStoreError:
    return DataStoreError(f"data file {name} {what}. Rebuild the store with: {REBUILD_COMMAND}")


@lru_cache(maxsize=4)
def verified_manifest(folder: Path) -> dict:
    """Read the manifest and check every file it lists (presence, size, sha256); cached per folder."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise _problem(str(manifest_path), "is missing")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise _problem(str(manifest_path), f"is damaged ({exc.__class__.__name__})") from None
    for name, entry in files.items():
        path = folder / name
        if not path.is_file():
            raise _problem(str(path), "is missing")
        if path.stat().st_size != entry.get("bytes") or sha256(path) != entry.get("sha256"):
            raise _problem(str(path), "is damaged (its size or sha256 differs from manifest.json)")
    return manifest


def manifest() -> dict:
    """The verified manifest of the current store."""
    return verified_manifest(data_dir())


def holds(name: str) -> bool:
    """Whether the current store has the file ``name`` (a store the pipeline is still writing, or a test's
    tiny store, may lack the precomputed tables: their answers are then computed)."""
    return name in manifest()["files"]


def file_path(name: str) -> Path:
    """Path of a store file after the whole store has been verified."""
    folder = data_dir()
    verified_manifest(folder)
    return folder / name


def reader(name: str):
    """A zero-argument callable returning a store file's bytes (for lazy download buttons)."""
    def read() -> bytes:
        return file_path(name).read_bytes()
    return read
