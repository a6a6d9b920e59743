"""Median time of each public API call on the bundled store, and the store's size.

Each call is timed ``REPEATS`` times after one warm-up (the first call of the process also loads
the store; that cold start is reported separately).
"""

from __future__ import annotations

import statistics
import time

from bench import publish
from childsdg import api
from childsdg.data import datastore, db

REPEATS = 25
CALLS = {
    "indicators()": lambda: api.indicators(),
    "countries()": lambda: api.countries(),
    "series(u5mr, 5 countries, 2000-2024)": lambda: api.series("u5mr", ["KEN", "UGA", "TZA", "RWA", "ETH"], 2000, 2024),
    "series(u5mr, all countries)": lambda: api.series("u5mr", None),
    "latest(stunting, all, as_of=2024)": lambda: api.latest("stunting", as_of=2024),
    "aggregate(u5mr, unicef_region)": lambda: api.aggregate("u5mr", "unicef_region"),
    "aggregate(u5mr, world)": lambda: api.aggregate("u5mr", "world"),
    "aggregate(stunting, income_group)": lambda: api.aggregate("stunting", "income_group"),
    "aggregate(refugees_hosted, wb_region)": lambda: api.aggregate("refugees_hosted", "wb_region"),
    "aggregate(u5mr, 6 custom countries)": lambda: api.aggregate("u5mr", ["KEN", "UGA", "TZA", "RWA", "ETH", "SOM"]),
}


def median_ms(call, repeats: int = REPEATS, cached: bool = False) -> float:
    """Median wall time of ``call``; with ``cached`` False the query cache is emptied before each call."""
    call()
    times = []
    for _ in range(repeats):
        if not cached:
            db.clear_cache()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run() -> dict:
    started = time.perf_counter()
    db.connection()
    cold_ms = (time.perf_counter() - started) * 1000
    folder = datastore.data_dir()
    files = datastore.manifest()["files"]
    results = {
        "store_bytes": sum(entry["bytes"] for entry in files.values()),
        "observations_rows": files["observations.parquet"]["rows"],
        "cold_load_ms (verify sha256 + load into DuckDB)": round(cold_ms, 1),
        "median_ms": {name: round(median_ms(call), 2) for name, call in CALLS.items()},
        "median_ms_cached": {name: round(median_ms(call, cached=True), 3) for name, call in CALLS.items()},
        "store": str(folder),
    }
    return results


def report(results: dict) -> str:
    lines = [f"Store: {results['store_bytes'] / 1e6:.1f} MB, {results['observations_rows']:,} observations; "
             f"cold load {results['cold_load_ms (verify sha256 + load into DuckDB)']:.0f} ms",
             "", "| API call | median ms (query) | median ms (repeat, cached) |", "|---|---|---|"]
    lines += [f"| `{name}` | {ms:.1f} | {results['median_ms_cached'][name]:.2f} |"
              for name, ms in results["median_ms"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    publish("api", run(), report)
