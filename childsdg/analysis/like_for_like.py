"""The like-for-like change of a group's own estimate: which baseline year its comparison starts from.

``api.headline`` compares the same countries at both ends (``api.aggregate``'s panel columns): from
the baseline year (2015), or, where the countries with a value in both years hold less than half of
the group's weight, from the first year after it whose panel does. Finding that year is a query per
candidate year; here it is done for many (indicator, year) questions at once, one query per candidate
year for every indicator still unanswered, so the pipeline can answer every standard group's years
in a few queries (``pipeline/group_values.py``) and ``headline`` the one it is asked with the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

COLUMNS = ["indicator", "year", "baseline_year", "baseline_value", "panel_value", "panel_n_countries",
           "panel_coverage"]


def first_panels(aggregate: Callable[..., pd.DataFrame], wanted: Iterable[tuple[str, int]],
                 thin: set[tuple[str, int]], baseline: int) -> pd.DataFrame:
    """For each (indicator, year) of ``wanted``, the first baseline year from ``baseline`` on, before
    ``year`` and not in ``thin`` (an (indicator, year) whose own coverage is below half cannot start a
    panel that holds half: no query), whose panel has a value in ``year``.

    ``aggregate(ids, baseline=...)`` is ``api.aggregate`` bound to one group and breakdown. One row per
    (indicator, year) answered, in ``COLUMNS``; those without any panel are absent.
    """
    pending = set(wanted)
    found = []
    for since in range(baseline, max((year for _, year in pending), default=baseline)):
        asked = {(indicator, year) for indicator, year in pending if year > since and (indicator, since) not in thin}
        if not asked:
            continue
        ends = aggregate(sorted({indicator for indicator, _ in asked}), baseline=since)
        ends = ends[ends["panel_value"].notna()].set_index(["indicator", "year"])
        for indicator, year in sorted(asked & set(ends.index)):
            row = ends.loc[(indicator, year)]
            found.append((indicator, year, since, row["panel_baseline_value"], row["panel_value"],
                          int(row["panel_n_countries"]), row["panel_coverage"]))
            pending.discard((indicator, year))
        if not pending:
            break
    return pd.DataFrame(found, columns=COLUMNS)
