"""Every chart on every page comes as one block (``views.chart_block``): the chart named in words for
screen readers, its Download menu right after it, then the chart as text and as a table of rounded numbers."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from childsdg import api
from childsdg.views import chart_block
from childsdg.views.page_registry import PAGES

FLOAT_NOISE = re.compile(r"\d\.\d{4,}")  # -30.900000000000002, 0.1234567
SPARKLINE = "spark-"  # the overview cards' pictures: named in words, no menu (README, Exports)


def siblings(node):
    """Every element of the page in reading order, as (type, element), blocks' children after the block."""
    for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else []):
        yield child.type, child
        yield from siblings(child)


@pytest.fixture(scope="module", params=[page.file for page in PAGES if page.url_path not in ("briefing", "data_sources")])
def page(request):
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params.update({"region": "WCAR", "countries": ["NER", "TCD"], "country": "NER"})
    at.run()
    at.switch_page(request.param).run()
    assert not at.exception, at.exception
    return at


def test_every_chart_is_named_and_followed_by_its_download_and_its_text(page):
    order = list(siblings(page.main))
    charts = [i for i, (kind, _) in enumerate(order) if kind == "plotly_chart"]
    assert charts, "no chart on the page"
    for position in charts:
        chart = order[position][1]
        assert len(chart.proto.alt) > 20, f"chart {chart.proto.id} has no words: {chart.proto.alt!r}"
        if SPARKLINE in chart.proto.id:
            continue
        following = [kind for kind, _ in order[position + 1:] if kind in ("popover", "expander", "plotly_chart")]
        assert following[:2] == ["popover", "expander"], f"after chart {chart.proto.id}: {following[:2]}"
        text = next(element for kind, element in order[position + 1:] if kind == "expander")
        assert text.label.startswith("This chart as text: ")


def test_the_table_twins_hold_rounded_numbers(page):
    tables = page.get("table")
    assert tables
    for table in tables:
        cells = table.value.astype(str).to_numpy().ravel()
        noisy = [cell for cell in cells if FLOAT_NOISE.search(cell)]
        assert not noisy, noisy[:5]
        assert "None" not in set(cells) and "nan" not in set(cells)


def test_a_trend_table_has_the_years_down_and_a_column_per_line():
    series = api.series("u5mr", ["NER", "TCD"], 2010, 2024)
    table = chart_block.by_line("year", "iso3")(series)
    assert list(table.columns) == ["year", *dict.fromkeys(series["iso3"])]
    assert list(table["year"]) == sorted(set(series["year"]))
    niger = series[series["iso3"] == "NER"].set_index("year")["value"]
    assert table.set_index("year")["NER"].dropna().equals(niger.astype(float).rename("NER"))
