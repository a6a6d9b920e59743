"""Legends of the Progress and Peers charts, measured in real Chromium at a wide and a narrow window.

The template's legend sat at a fixed fraction of the plot height below the plot and covered the
x-axis title; only a browser lays out the text, so the boxes are measured there: a chart's legend
must not intersect its plot area, its axis titles or its tick labels.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_charts, wait_until_idle

# Every box of a chart's SVG that the legend must keep clear of, and the legend itself.
BOXES = """chart => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const legend = chart.querySelector('g.legend');
  const others = [...chart.querySelectorAll('.draglayer .nsewdrag, .g-xtitle, .g-ytitle, .xtick text, .ytick text')];
  return {legend: legend && box(legend),
          others: others.map(el => [el.getAttribute('class') || el.parentNode.getAttribute('class'), box(el)])};
}"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", [1400, 800])
@pytest.mark.parametrize("path, charts", [("progress", 3), ("peers?country=NGA&indicator=stunting", 1)])
def test_no_legend_covers_an_axis(server, recorded, path, charts, width):
    page = recorded().page
    page.set_viewport_size({"width": width, "height": 3400})
    page.goto(f"{server}/{path}")
    wait_for_charts(page, charts)
    wait_until_idle(page)
    page.wait_for_timeout(1000)  # plotly's second layout pass, once the legend's size is known
    measured = [page.locator("[data-testid='stPlotlyChart']").nth(i).evaluate(BOXES) for i in range(charts)]
    with_axes = [chart for chart in measured if chart["legend"] and chart["others"]]
    assert len(with_axes) == (2 if path == "progress" else 1)  # the map has no axes
    for chart in with_axes:
        covered = [name for name, box in chart["others"] if overlaps(chart["legend"], box)]
        assert not covered, f"the legend covers {covered} at {width} px"
