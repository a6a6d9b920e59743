"""Every standard group's values, computed once when the store is built instead of on a reader's click.

A page asks for one group of a standard grouping (a UNICEF or World Bank region, an income group, the
world ...) with the default options; computing that weighted aggregate costs ~30 ms for one indicator and
~200 ms for a whole profile, and the first reader of each group paid it; a headline whose like-for-like
comparison cannot start in 2015 paid a query for every later year tried. This stage runs the app's own
computation (``api.aggregate`` on the store just written, which has no group values yet, so it computes)
for every group of every grouping and every indicator (totals, and each category of sex and of
residence alone), finds each year's like-for-like comparison with
``api.headline``'s rule (analysis/like_for_like.py; columns ``headline_*``), and writes the rows to
``group_values.parquet``; the API then looks them up (queries/group_values.sql,
queries/group_like_for_like.sql). A list of countries, another baseline or coverage threshold, or a
headline by sex or residence is still computed.

The sums in queries/group_aggregates.sql run in a fixed order (by country), so a lookup equals a
computation to the last bit whatever the question's shape or DuckDB's threads
(tests/test_group_values.py holds it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from childsdg import api
from childsdg.analysis import like_for_like, published_first
from childsdg.data import catalogue, db

GROUP_VALUES_FILE = api.GROUP_VALUES_FILE
GROUPING_COLUMN = "grouping"
# Years and counts stay integers in the file, with gaps where a group has none.
INTEGER_TYPES = {"data_year_min": "Int16", "data_year_max": "Int16", "headline_baseline_year": "Int16",
                 "headline_panel_n_countries": "Int64"}


def group_values(store: Path) -> pd.DataFrame:
    """``api.aggregate`` of every indicator for each group of every grouping in ``store`` (default options)
    and its headline comparison, one table with a ``grouping`` column, in a fixed order (the store is
    byte-identical per build)."""
    before = os.environ.get("CHILDSDG_DATA")
    os.environ["CHILDSDG_DATA"] = str(store)
    try:
        ids = list(catalogue.indicators().index)
        counts = {indicator for indicator in ids if catalogue.aggregation(indicator)[1]}
        frames = [_group(ids, counts, grouping, catalogue.group_spec(grouping, code))
                  for grouping in catalogue.GROUPINGS for code in catalogue.group_names(grouping)]
    finally:
        if before is None:
            os.environ.pop("CHILDSDG_DATA")
        else:
            os.environ["CHILDSDG_DATA"] = before
        db.forget(store)  # its manifest is about to list the group values
    table = pd.concat(frames, ignore_index=True).astype(INTEGER_TYPES)
    first = [GROUPING_COLUMN, *api.TOTALS]
    columns = [*first, *[c for c in table.columns if c not in first]]
    return table[columns].sort_values([GROUPING_COLUMN, "group_code", *api.TOTALS, "indicator", "year"],
                                      kind="mergesort").reset_index(drop=True)


def _group(ids: list[str], counts: set[str], grouping: str, spec: str) -> pd.DataFrame:
    """One group's aggregates (totals, then each breakdown) with, for the years of our own estimate of the
    totals, the comparison ``api.headline`` makes (the producer's figures are compared along its own
    series: nothing to find for those)."""
    breakdowns = [api.aggregate(ids, spec, **breakdown).assign(**breakdown) for breakdown in api.PRECOMPUTED_BREAKDOWNS[1:]]
    ours = api.aggregate(ids, spec)
    published = set(published_first.values(ids, spec)["indicator"])
    thin = ours[(ours["coverage"] < api.MIN_COVERAGE) & ~ours["indicator"].isin(counts)]
    wanted = ours[ours["value"].notna() & ~ours["indicator"].isin(published) & (ours["year"] > api.BASELINE_YEAR)]
    panels = like_for_like.first_panels(lambda chosen, baseline: api.aggregate(chosen, spec, baseline=baseline),
                                        zip(wanted["indicator"], wanted["year"]), set(zip(thin["indicator"], thin["year"])),
                                        api.BASELINE_YEAR)
    panels = panels.rename(columns={c: f"headline_{c}" for c in panels.columns if c not in ("indicator", "year")})
    totals = ours.merge(panels, on=["indicator", "year"], how="left").assign(**api.TOTALS)
    return pd.concat([totals, *breakdowns], ignore_index=True).assign(**{GROUPING_COLUMN: grouping})
