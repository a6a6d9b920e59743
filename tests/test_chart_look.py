"""How the charts draw what issue 13 asked for, read from the figures built on the real store: the
focal country emphasised, lines ending in their names with the legend in their order, titles that fit
a phone below the toolbar, colours from the palette, no tick beside the origin's '0'."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from childsdg import api
from childsdg.charts import common_charts, palette, progress_charts
from childsdg.data import catalogue

WCAR = "unicef_region:WCAR"
U5MR = catalogue.indicator("u5mr")


@pytest.fixture(scope="module")
def wcar() -> tuple[pd.Series, pd.DataFrame]:
    """Country names, and West and Central Africa's latest under-5 mortality."""
    return (pd.Series(catalogue.country_names()),
            api.latest("u5mr", list(catalogue.group_members(WCAR)), as_of=2024))


def visible(line: str) -> str:
    return re.sub(r"<[^>]+>", "", line)


def test_titles_wrap_to_a_phone_without_cutting_markup():
    title = ("Under-5 mortality: <span style='color:#04599A'>●</span> girls and boys, the largest gaps in West "
             "and Central Africa<br><sup>dashed lines: the group's weighted values for each, in the same year</sup>")
    wrapped = common_charts.wrap(title)
    lines = wrapped.split("<br>")
    fits = (common_charts.PHONE_WIDTH - common_charts.PAGE_PADDING) / common_charts.CHAR_WIDTH
    for line in lines:
        size = common_charts.SUBTITLE_SIZE if line.startswith("<sup>") else common_charts.TITLE_SIZE
        assert len(visible(line)) <= fits / size, line
    assert "<span style='color:#04599A'>●</span>" in wrapped
    assert all(line.startswith("<sup>") == line.endswith("</sup>") for line in lines)
    assert visible(" ".join(lines)) == visible(title.replace("<br>", " "))
    layout = common_charts.title_layout(title)
    assert layout["title"]["pad"]["t"] == common_charts.TOOLBAR  # below plotly's toolbar
    assert layout["margin"]["t"] >= common_charts.TOOLBAR + common_charts.TITLE_LINE * 3
    assert layout["meta"]["title"] == title  # exports wrap the original at their own width


def test_trend_draws_the_focal_country_black_and_names_each_line_at_its_end(wcar):
    names, _ = wcar
    series = api.series("u5mr", ["NGA", "NER", "TCD"], 2000, 2024)
    group = api.group_series("u5mr", WCAR, 2000, 2024)
    figure = common_charts.trend(series, names, U5MR, group, "West and Central Africa", 25, focal="NER")
    lines = {trace.name: trace for trace in figure.data}
    assert lines["Niger"].line.color == palette.FOCAL and lines["Niger"].line.width > lines["Chad"].line.width
    assert palette.TARGET not in {trace.line.color for trace in figure.data}
    last = {name: [y for y in trace.y if y is not None][-1] for name, trace in lines.items()}
    by_rank = [trace.name for trace in sorted(figure.data, key=lambda trace: trace.legendrank)]
    assert by_rank == sorted(last, key=last.get, reverse=True)  # legend = order of the lines' ends
    labels = {visible(a.text.replace("<br>", " ")): a for a in figure.layout.annotations if a.xref == "x"}
    assert set(labels) == {"Niger", "Nigeria", "Chad", "West and Central Africa"}
    assert "<b>" in labels["Niger"].text
    assert labels["Chad"].x == 2024 and labels["Chad"].font.color == lines["Chad"].line.color
    heights = sorted(a.y for a in labels.values())
    assert min(b - a for a, b in zip(heights, heights[1:])) > 0  # none on top of another
    assert list(figure.layout.xaxis.range) == [1999.5, 2024.5]  # the years drawn, not 2025
    assert figure.layout.template.layout.xaxis.ticks == ""  # no tick mark beside the y axis's "0" ("0ı")


def test_ranking_and_map_pick_out_the_focal_country(wcar):
    names, latest = wcar
    ranking = common_charts.ranking(latest, names, U5MR, 2024, focal="NER")
    bars = ranking.data[0]
    at = list(bars.y).index("<b>Niger</b>")
    assert bars.marker.color[at] == palette.FOCAL
    for fill, text in zip(bars.marker.color, bars.insidetextfont.color):
        assert palette.contrast_ratio(fill, text) >= 4.5
    on_map = common_charts.choropleth(latest, names, U5MR, 2024, {}, focal="NER")
    values, outline = on_map.data
    assert list(outline.locations) == ["NER"] and outline.marker.line.color == palette.FOCAL
    assert outline.hoverinfo == "skip" and outline.showscale is False
    assert [c for _, c in values.colorscale] == palette.SEQUENTIAL[::-1]  # lower is better: darker = higher
    assert on_map.layout.geo.landcolor == palette.MAP_LAND
    assert common_charts.choropleth(latest, names, U5MR, 2024, {}, focal="FRA").data == (values,)


def test_progress_charts_use_the_palette_statuses():
    table = api.progress("u5mr", list(catalogue.group_members(WCAR)))
    figure = progress_charts.status_map(table, U5MR, 2015, {})
    for trace in figure.data:
        code = next(c for c, style in progress_charts.status.STYLES.items() if trace.name.startswith(style.symbol))
        assert trace.colorscale[0][1] == palette.STATUS[code]
    counts = progress_charts.status_counts(api.progress_counts(["u5mr"], grouping="unicef_region"), "t")
    for bar in counts.data:
        assert palette.contrast_ratio(bar.marker.color, bar.insidetextfont.color) >= 4.5

