"""Briefing packs: six indicators for one country, PPTX and PDF, median of ``REPEATS`` after a warm renderer.

The target (issue 5) is under 8 s for a six-indicator pack. The page builds only the format clicked:
a first click is the whole ``briefing.build`` for that format (data, text, six charts rendered, file
written); the other format afterwards reuses the prepared pack, so only its writer runs. Caches of
the data layer are cleared before each run so that the figures include the queries a reader's first
click pays. The load average is recorded with them: Chromium renders on the same CPUs as everything else.
"""

from __future__ import annotations

import os
import statistics
import time

from bench import publish
from childsdg import api
from childsdg.exports import briefing, chart_files

REPEATS = 3
PLACE = "NGA"
INDICATORS = ["u5mr", "nmr", "stunting", "dtp3", "water_basic", "refugees_hosted"]
TARGET_S = 8.0


def _seconds(call) -> float:
    api.clear_cache(queries=False)
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _second(fmt: str):
    """The writer alone, on a pack prepared by the reader's first click (on the other format)."""
    pack = briefing.prepare(PLACE, INDICATORS)
    return lambda: briefing.WRITERS[fmt](pack)


def run() -> dict:
    if chart_files.unavailable_reason():
        return {"unavailable": chart_files.unavailable_reason()}
    briefing.build(PLACE, INDICATORS[:1], fmt="pptx")  # start the renderer, warm the queries
    runs = {f"{fmt}, first click": (lambda fmt=fmt: briefing.build(PLACE, INDICATORS, fmt=fmt))
            for fmt in briefing.WRITERS}
    runs.update({f"{fmt}, after the other format": _second(fmt) for fmt in briefing.WRITERS})
    results = {"place": PLACE, "indicators": INDICATORS, "load_average_before": round(os.getloadavg()[0], 1)}
    results["median_s"] = {name: round(statistics.median(_seconds(call) for _ in range(REPEATS)), 2)
                           for name, call in runs.items()}
    results["load_average_after"] = round(os.getloadavg()[0], 1)
    return results


def report(results: dict) -> str:
    if "unavailable" in results:
        return f"Briefing packs: not measured. {results['unavailable']}"
    lines = [f"Briefing pack, {len(results['indicators'])} indicators for {results['place']} (median of {REPEATS}, "
             f"warm renderer; target under {TARGET_S:.0f} s per file). Load average {results['load_average_before']} "
             f"before, {results['load_average_after']} after ({os.cpu_count()} CPUs).", "",
             "| file | seconds | under target |", "|---|---|---|"]
    lines += [f"| {name} | {s:.2f} | {'yes' if s < TARGET_S else 'no'} |" for name, s in results["median_s"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    publish("briefing", run(), report)
