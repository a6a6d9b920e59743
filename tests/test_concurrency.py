"""Many sessions asking at once get their own answers: concurrent API calls equal the sequential ones.

The server runs every session's script in its own thread, and all of them share the process's one
DuckDB database. Each query runs on a cursor of its own (childsdg/data/db.py) because a shared connection
refuses threads or, under load, hands one thread's rows to another. Here ``THREADS`` threads start
together on a barrier and run different aggregate, series and latest calls — no two alike, with the
result cache emptied first, so every call really runs its query — and each result must equal, to
the value, what one thread got for the same call alone.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from childsdg import api
from childsdg.data import catalogue, db

THREADS = 16
ROUNDS = 2
INDICATORS = ["u5mr", "nmr", "stunting", "water_basic", "dtp3", "refugees_hosted"]
REGIONS = list(catalogue.group_names("unicef_region"))


def _calls() -> list[tuple[str, tuple]]:
    """(function name, arguments): every indicator with every region, once per function, all different."""
    calls = []
    for i, indicator in enumerate(INDICATORS):
        for j, region in enumerate(REGIONS):
            members = catalogue.group_members(f"unicef_region:{region}")
            calls.append(("aggregate", (indicator, f"unicef_region:{region}", 2000 + j, 2023)))
            calls.append(("series", (indicator, members, 1995 + i, 2020 + j)))
            calls.append(("latest", (indicator, members, 2010 + i + j)))
    return calls


CALLS = _calls()


def _run(call: tuple[str, tuple]) -> pd.DataFrame:
    name, args = call
    return getattr(api, name)(*args)


def test_the_calls_are_all_different_and_not_empty():
    """Otherwise a cached answer could stand in for a query, and an empty one would prove nothing."""
    assert len({(name, repr(args)) for name, args in CALLS}) == len(CALLS) == 3 * len(INDICATORS) * len(REGIONS)
    db.clear_cache()
    assert sum(not _run(call).empty for call in CALLS) > 0.9 * len(CALLS)


def test_concurrent_calls_get_exactly_what_one_thread_gets():
    expected = []
    for call in CALLS:
        db.clear_cache()
        expected.append(_run(call))
    start = threading.Barrier(THREADS)

    def worker(share: list[int]) -> dict[int, pd.DataFrame]:
        start.wait()
        return {index: _run(CALLS[index]) for index in share}

    for round_number in range(ROUNDS):
        shares = [list(range(len(CALLS)))[(t + round_number) % THREADS::THREADS] for t in range(THREADS)]
        db.clear_cache()
        misses = db._cached.cache_info().misses
        with ThreadPoolExecutor(THREADS) as pool:
            results = {index: frame for part in pool.map(worker, shares) for index, frame in part.items()}
        assert db._cached.cache_info().misses - misses >= len(CALLS), "every call must run its query"
        assert sorted(results) == list(range(len(CALLS)))
        for index, frame in results.items():
            name, args = CALLS[index]
            pd.testing.assert_frame_equal(frame, expected[index], obj=f"round {round_number}, {name}({args[0]}, call {index})")
