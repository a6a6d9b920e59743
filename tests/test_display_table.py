"""The on-screen table twin of a chart (``formatting.display_table``): rounded, written out, no None."""

from __future__ import annotations

import pandas as pd

from childsdg import api, formatting


def test_the_float_a_subtraction_leaves_is_shown_rounded():
    table = pd.DataFrame({"country": ["Niger", None], "start_value": [141.6, float("nan")],
                          "end_value": [110.7, 90.0], "change": [110.7 - 141.6, None], "relative_change": [-0.2182, None],
                          "start_year": [2015, None], "n_values": [10, 3]})
    assert repr(110.7 - 141.6) == "-30.89999999999999"  # what a table showed without rounding
    shown = formatting.display_table(table, "per_1000")
    assert shown.iloc[0].tolist() == ["Niger", "141.6", "110.7", "-30.9", "-22%", "2015", "10"]
    assert shown.iloc[1].tolist() == ["", "", "90.0", "", "", "", "3"]
    assert list(shown.columns) == list(table.columns)


def test_a_real_group_series_reads_as_the_page_writes_it():
    group = api.group_series("stunting", "unicef_region:WCAR", 2015, 2024)
    shown = formatting.display_table(group[["year", "value", "coverage", "n_countries"]], "percent")
    row = group.dropna(subset=["value"]).iloc[-1]
    line = shown.loc[row.name]
    assert line["year"] == str(int(row["year"]))
    assert line["value"] == formatting.number(row["value"], "percent")
    assert line["coverage"] == formatting.share(row["coverage"])
    assert "None" not in shown.to_string() and "nan" not in shown.to_string().lower()


def test_percent_changes_are_points_and_counts_keep_every_person():
    table = pd.DataFrame({"gap": [3.14159], "value": [1234567.0]})
    assert formatting.display_table(table[["gap"]], "percent").iloc[0, 0] == "+3.1 pp"
    assert formatting.display_table(table[["value"]], "count").iloc[0, 0] == "1,234,567"
