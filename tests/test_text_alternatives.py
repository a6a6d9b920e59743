"""Charts in words (``charts.text_alternatives.describe``): from real figures of the real store, and the
figures' own numbers, so that the words say what the chart draws."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from childsdg import api, formatting
from childsdg.charts import common_charts, progress_charts, text_alternatives
from childsdg.data import catalogue

WCAR = "unicef_region:WCAR"


@pytest.fixture(scope="module")
def names():
    return pd.Series(catalogue.country_names())


@pytest.fixture(scope="module")
def latest():
    return api.latest("u5mr", list(catalogue.group_members(WCAR)), as_of=2024)


def test_a_trend_names_each_line_with_its_first_and_last_value_and_the_target(names):
    row = catalogue.indicator("u5mr")
    series = api.series("u5mr", ["NER", "TCD"], 2000, 2024)
    text = text_alternatives.describe(common_charts.trend(series, names, row, target=25, focal="NER"))
    assert text.startswith("Under-5 mortality (deaths per 1,000 live births). Line chart of 2 lines.")
    for iso3 in ("NER", "TCD"):
        rows = series[series["iso3"] == iso3].sort_values("year")
        first, last = rows.iloc[0], rows.iloc[-1]
        assert (f"{names[iso3]}: {formatting.number(first['value'], 'per_1000')} in {int(first['year'])} to "
                f"{formatting.number(last['value'], 'per_1000')} in {int(last['year'])}, "
                f"{formatting.change(first['value'], last['value'], 'per_1000')}") in text
    assert text.endswith("2030 target: 25.0 per 1,000.")


def test_a_map_and_a_ranking_name_their_extremes(names, latest):
    row = catalogue.indicator("u5mr")
    high, low = latest.loc[latest["value"].idxmax()], latest.loc[latest["value"].idxmin()]
    on_map = text_alternatives.describe(common_charts.choropleth(latest, names, row, 2024, {}, focal="NER"))
    assert f"Map of {len(latest)} countries." in on_map  # the focal outline is no extra country
    assert f"Highest: {names[high['iso3']]}, {formatting.number(high['value'], 'per_1000')}" in on_map
    assert f"lowest: {names[low['iso3']]}, {formatting.number(low['value'], 'per_1000')}" in on_map
    ranked = text_alternatives.describe(common_charts.ranking(latest, names, row, 2024, 90.9, "WCAR", focal="NER"))
    assert ranked.startswith("Under-5 mortality: ranking, latest value up to 2024 — dashed line: WCAR, 90.9.")
    assert f"Largest: {names[high['iso3']]} ({formatting.number(high['value'], 'per_1000')})" in ranked
    assert "<b>" not in ranked


def test_a_status_map_counts_each_status_once():
    row = catalogue.indicator("u5mr")
    table = api.progress("u5mr", list(catalogue.group_members(WCAR)))
    text = text_alternatives.describe(progress_charts.status_map(table, row, 2015, {}))
    for count in table["status"].value_counts():
        assert f"({count})" in text
    assert "): " not in text  # no count said twice


def test_without_a_unit_numbers_keep_four_significant_digits_and_long_charts_are_cut():
    figure = go.Figure([go.Scatter(x=[2000, 2010], y=[i, i + 1.23456], name=f"line {i}", mode="lines")
                        for i in range(8)], layout={"title": {"text": "Eight <b>lines</b>"}})
    text = text_alternatives.describe(figure)
    assert text.startswith("Eight lines. Line chart of 8 lines. line 0: 0 in 2000 to 1.235 in 2010;")
    assert text.endswith("and 2 more lines.")
    assert text_alternatives.describe(go.Figure()) == "An empty chart."


def test_lines_that_are_not_over_years_say_what_the_axis_counts():
    row = catalogue.indicator("u5mr")
    lines = api.peer_trajectories("NER", "u5mr")
    text = text_alternatives.describe(progress_charts.level_aligned(lines, row, "Niger", 110.7, 25))
    assert "Across: years since standing at this level." in text
    focal = lines[lines["role"] == "focal"].sort_values("years_since_level")
    assert (f"Niger (now): {formatting.number(focal['value'].iloc[0], 'per_1000')} at "
            f"{int(focal['years_since_level'].iloc[0])} to") in text
