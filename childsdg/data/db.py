"""The one module that talks to DuckDB.

The store is loaded once per process into an in-memory DuckDB database (a few MB), and every query
runs on its own cursor: DuckDB 2 refuses a connection shared between threads and, under load, has
returned one thread's rows to another (STACK_NOTES). Queries live in ``queries/<name>.sql``, one per
question, with ``$name`` parameters bound by DuckDB — no value is ever pasted into SQL text.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from childsdg.data import datastore

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_lock = threading.Lock()
_connections: dict[Path, duckdb.DuckDBPyConnection] = {}


def _load(folder: Path) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory database holding every table the manifest lists (CSV or Parquet)."""
    manifest = datastore.verified_manifest(folder)
    con = duckdb.connect(":memory:")
    for name in sorted(manifest["files"]):
        path = folder / name
        if "/" in name or path.suffix not in (".csv", ".parquet"):
            continue  # geometry and other non-tabular files are read by their own modules
        try:
            relation = con.read_parquet(str(path)) if path.suffix == ".parquet" else con.read_csv(
                str(path), header=True, null_padding=False)
            relation.create(path.stem)
        except duckdb.Error as exc:
            raise datastore.DataStoreError(
                f"data file {path} could not be read ({exc.__class__.__name__}). "
                f"Rebuild the store with: {datastore.REBUILD_COMMAND}") from None
    return con


def connection() -> duckdb.DuckDBPyConnection:
    """The process's connection to the current store (built on first use, then shared)."""
    folder = datastore.data_dir()
    with _lock:
        if folder not in _connections:
            _connections[folder] = _load(folder)
        return _connections[folder]


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of ``queries/<name>.sql``."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file {path}")
    return path.read_text(encoding="utf-8")


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


@lru_cache(maxsize=512)
def _cached(folder: Path, name: str, frozen_params: tuple) -> pd.DataFrame:
    params = {key: list(value) if isinstance(value, tuple) else value for key, value in frozen_params}
    with connection().cursor() as cursor:
        return cursor.execute(sql(name), params).df()


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query with bound parameters on a cursor of its own; return a DataFrame.

    The store does not change while a process runs, so results are kept (512 most recent, per
    store folder): a page rerun that asks the same question again costs a dictionary look-up.
    Callers get a copy, free to change.
    """
    frozen = tuple(sorted((key, _frozen(value)) for key, value in params.items()))
    return _cached(datastore.data_dir(), name, frozen).copy()


def clear_cache() -> None:
    """Forget cached query results (benchmarks measure the queries themselves)."""
    _cached.cache_clear()


def forget(folder: Path) -> None:
    """Forget a store that changed while this process read it (the pipeline adds files it computed from
    the store it wrote): its connection, its manifest and every cached query result."""
    with _lock:
        _connections.pop(folder.resolve(), None)
    datastore.verified_manifest.cache_clear()
    _cached.cache_clear()
