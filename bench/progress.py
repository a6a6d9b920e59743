"""Can progress and peers run inside a page rerun (< 200 ms; a peer search < 150 ms), or must the
pipeline precompute them?

Each call on the bundled store, median of ``REPEATS`` after one warm-up, in three states:
- cold: every cache emptied first (``api.clear_cache()``): the queries and the engine run;
- new question: queries cached, engine results not (``clear_cache(queries=False)``): what a page
  pays when the reader picks another country or window, once the data are loaded;
- repeat: the same question again (a rerun after an unrelated widget change).
Wall time and process CPU time are both reported: on a shared machine the wall time includes
waiting for a core, the CPU time does not.
"""

from __future__ import annotations

import os
import statistics
import time

from bench import publish
from childsdg import api
from childsdg.analysis import progress_engine
from childsdg.analysis.peer_finder import Criteria
from childsdg.data import db

REPEATS = 15
BUDGET_MS = 200  # a page rerun
CALLS = {
    "progress_all() (every indicator with a target x every country)": lambda: api.progress_all(),
    "progress_all(start=2000)": lambda: api.progress_all(start=2000),
    "progress(u5mr) (every country)": lambda: api.progress("u5mr"),
    "group_progress(stunting, unicef_region)": lambda: api.group_progress("stunting", "unicef_region"),
    "progress_counts(u5mr, stunting, water_basic; unicef_region)": lambda: api.progress_counts(
        ["u5mr", "stunting", "water_basic"], "unicef_region"),
    "peers(NER, u5mr)": lambda: api.peers("NER", "u5mr"),
    "peers(AFG, u5mr) + peer_screening": lambda: (api.peers("AFG", "u5mr"), api.peer_screening("AFG", "u5mr")),
    "peers(NER, stunting) (survey)": lambda: api.peers("NER", "stunting"),
    "peers(NER, u5mr, regardless of context)": lambda: api.peers("NER", "u5mr", criteria=Criteria.regardless()),
    "peer_trajectories(NER, u5mr)": lambda: api.peer_trajectories("NER", "u5mr"),
    "peers_moved(AFG, u5mr, top 5)": lambda: api.peers_moved("AFG", "u5mr", list(api.peers("AFG", "u5mr")["iso3"][:5])),
}
PEER_CALLS = [name for name in CALLS if name.startswith("peer")]
PEER_BUDGET_MS = 150  # a peer search for a new question (issue 11)
STATES = {
    "cold": lambda: api.clear_cache(),
    "new_question": lambda: api.clear_cache(queries=False),
    "repeat": lambda: None,
}


def medians(call, before) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of ``call``, with ``before`` run untimed before each."""
    call()
    wall, cpu = [], []
    for _ in range(REPEATS):
        before()
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return round(statistics.median(wall), 1), round(statistics.median(cpu), 1)


def run() -> dict:
    db.connection()
    every = api.progress_all()
    results = {
        "rows_classified": len(every),
        "indicators_with_target": int(every["indicator"].nunique()),
        "countries": int(every["iso3"].nunique()),
        "load_average_before": os.getloadavg(),
        "ms": {state: {name: medians(call, before) for name, call in CALLS.items()}
               for state, before in STATES.items()},
        "windows": list(progress_engine.WINDOW_STARTS),
    }
    results["load_average_after"] = os.getloadavg()
    worst = {state: max(cpu for _, cpu in table.values()) for state, table in results["ms"].items()}
    peer_worst = max(results["ms"]["new_question"][name][0] for name in PEER_CALLS)
    results["peer_verdict"] = (f"slowest peer call for a new question: {peer_worst:.0f} ms wall (median), "
                               + ("within" if peer_worst < PEER_BUDGET_MS else "over") + f" {PEER_BUDGET_MS} ms")
    results["verdict"] = (
        f"slowest CPU median cold {worst['cold']:.0f} ms, new question {worst['new_question']:.0f} ms, repeat "
        f"{worst['repeat']:.0f} ms: " + ("every call fits a page rerun; no precomputation needed"
                                         if worst["cold"] < BUDGET_MS else
                                         f"a cold call exceeds {BUDGET_MS} ms: precompute in the pipeline"))
    return results


def report(results: dict) -> str:
    lines = [f"Progress: {results['rows_classified']:,} rows ({results['indicators_with_target']} indicators with "
             f"a target x {results['countries']} countries); load average {results['load_average_before'][0]:.1f} "
             f"before, {results['load_average_after'][0]:.1f} after (2 cores)", "",
             "| call | cold ms wall / CPU | new question | repeat |", "|---|---|---|---|"]
    for name in CALLS:
        cells = [f"{results['ms'][state][name][0]:.1f} / {results['ms'][state][name][1]:.1f}" for state in STATES]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    lines += ["", f"Verdict: {results['verdict']}", f"Peers: {results['peer_verdict']}"]
    return "\n".join(lines)


if __name__ == "__main__":
    publish("progress", run(), report)
