"""Every standard group's values, computed once when the store is built instead of on a reader's click.

A page asks for one group of a standard grouping (a UNICEF or World Bank region, an income group, the
world ...) with the default options; computing that weighted aggregate costs ~30 ms for one indicator and
~200 ms for a whole profile, and the first reader of each group paid it. This stage runs the app's own
computation (``api.aggregate`` on the store just written, which has no group values yet, so it computes)
for every group of every grouping and every indicator, and writes the rows to
``group_values.parquet``; ``api.aggregate`` then looks them up (queries/group_values.sql). A list of
countries, a breakdown by sex or residence, another baseline or coverage threshold is still computed.

The sums in queries/group_aggregates.sql run in a fixed order (by country), so a lookup equals a
computation to the last bit whatever the question's shape or DuckDB's threads
(tests/test_group_values.py holds it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from childsdg import api
from childsdg.data import catalogue, db

GROUP_VALUES_FILE = api.GROUP_VALUES_FILE
GROUPING_COLUMN = "grouping"
# Years stay small integers in the file, with gaps where a group has no observation.
YEAR_TYPES = {"data_year_min": "Int16", "data_year_max": "Int16"}


def group_values(store: Path) -> pd.DataFrame:
    """``api.aggregate`` of every indicator for each group of every grouping in ``store`` (default options),
    one table with a ``grouping`` column, in a fixed order (the store is byte-identical per build)."""
    before = os.environ.get("CHILDSDG_DATA")
    os.environ["CHILDSDG_DATA"] = str(store)
    try:
        ids = list(catalogue.indicators().index)
        frames = [api.aggregate(ids, catalogue.group_spec(grouping, code)).assign(**{GROUPING_COLUMN: grouping})
                  for grouping in catalogue.GROUPINGS for code in catalogue.group_names(grouping)]
    finally:
        if before is None:
            os.environ.pop("CHILDSDG_DATA")
        else:
            os.environ["CHILDSDG_DATA"] = before
        db.forget(store)  # its manifest is about to list the group values
    table = pd.concat(frames, ignore_index=True).astype(YEAR_TYPES)
    columns = [GROUPING_COLUMN, *[c for c in table.columns if c != GROUPING_COLUMN]]
    return table[columns].sort_values([GROUPING_COLUMN, "group_code", "indicator", "year"],
                                      kind="mergesort").reset_index(drop=True)
