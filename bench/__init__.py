"""Benchmarks: ``python -m bench`` (all) or ``python -m bench.<name>``; figures go to bench/results/ and the README."""

import json
from pathlib import Path

RESULTS = Path(__file__).with_name("results")


def publish(name: str, results: dict, report) -> None:
    """Write ``results`` to bench/results/<name>.json and print the benchmark's table."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
