"""Chart exports with the real renderer (kaleido + Chromium) on the bundled store.

Image tests skip, with the reason, where no Chromium is installed; the data exports and the
no-Chromium path are tested everywhere (the latter in subprocesses, so that this process's
renderer is left alone).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import struct
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pypdf
import pytest
from kaleido.errors import KaleidoError
from streamlit.testing.v1 import AppTest

from childsdg import api
from childsdg.charts import common_charts
from childsdg.data import catalogue, geo
from childsdg.exports import chart_files
from childsdg.views.filters import View

ROOT = Path(__file__).resolve().parents[1]
ESAR = "Eastern and Southern Africa"
COUNTRIES = ["KEN", "UGA", "TZA", "RWA", "ETH", "COD", "SOM", "ZAF"]
LINK = "http://127.0.0.1:8501/survival?region=ESAR&years=2000&years=2023&countries=KEN"
SVG = "{http://www.w3.org/2000/svg}"

requires_chromium = pytest.mark.skipif(
    chart_files.unavailable_reason() is not None,
    reason=f"image export needs Chromium: {chart_files.unavailable_reason()}")


@pytest.fixture(scope="module")
def names() -> pd.Series:
    return pd.Series(catalogue.country_names())


@pytest.fixture(scope="module")
def trend(names):
    """The trend chart of a theme page, with its data and context."""
    row = catalogue.indicator("u5mr")
    series = api.series("u5mr", COUNTRIES, 2000, 2023)
    group = api.aggregate("u5mr", "unicef_region:ESAR", 2000, 2023)
    figure = common_charts.trend(series, names, row, group, ESAR, row["target_2030"])
    context = chart_files.ChartContext.create(
        "trend", "u5mr", {"Group": ESAR, "Years": "2000-2023", "Countries": ", ".join(names[COUNTRIES])},
        series["year"], link=LINK)
    return figure, series, context


@pytest.fixture(scope="module")
def ranking(names):
    latest = api.latest("u5mr", catalogue.group_members("unicef_region:ESAR"), as_of=2022)
    figure = common_charts.ranking(latest, names, catalogue.indicator("u5mr"), 2022, 50.0, ESAR)
    context = chart_files.ChartContext.create("ranking", "u5mr", {"Group": ESAR, "Year": "2022"}, latest["data_year"])
    return figure, latest, context


@pytest.fixture(scope="module")
def world_map(names):
    """A world map as the page draws it: the geometry as the app's URL, which kaleido cannot fetch."""
    latest = api.latest("stunting", None, as_of=2022)
    figure = common_charts.choropleth(latest, names, catalogue.indicator("stunting"), 2022, geo.geojson_for_browser())
    context = chart_files.ChartContext.create("map", "stunting", {"Group": "World", "Year": "2022"}, latest["data_year"])
    return figure, latest, context


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the PNG header (IHDR, the first chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    return " ".join(text for text in root.itertext())


def header_lines(csv: bytes) -> list[str]:
    """The leading lines that start with '#'."""
    return list(itertools.takewhile(lambda line: line.startswith("#"), csv.decode("utf-8").splitlines()))


def read_csv(csv: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(csv), skiprows=len(header_lines(csv)))


# --- Images ---------------------------------------------------------------------------------------

@requires_chromium
def test_png_is_presentation_size_and_leaves_the_chart_alone(trend):
    figure, _, context = trend
    before = figure.to_json()
    png = chart_files.image(figure, context, "png")
    assert png_size(png) == (chart_files.WIDTH * chart_files.PNG_SCALE, chart_files.HEIGHT * chart_files.PNG_SCALE) == (2400, 1350)
    assert len(png) > 100_000, "a 2400x1350 chart with eight lines is not a near-empty image"
    assert figure.to_json() == before, "exporting must not change the figure on screen"


@requires_chromium
def test_long_ranking_grows_taller_not_narrower(ranking):
    figure, latest, context = ranking
    width, height = png_size(chart_files.image(figure, context, "png"))
    assert width == 2400
    assert height > 1350 and height >= 2 * chart_files.CATEGORY_ROW * len(latest), "room for every country's bar"


@requires_chromium
def test_svg_carries_title_filters_source_and_credit(trend):
    figure, _, context = trend
    text = svg_text(chart_files.image(figure, context, "svg"))
    assert "Under-5 mortality (deaths per 1,000 live births)" in text
    assert f"Group: {ESAR}" in text and "Years: 2000-2023" in text and "Democratic Republic of the" in text
    assert "Source: UN IGME, via World Bank, World Development Indicators (CC BY 4.0). Data years: 2000-2023." in text
    assert chart_files.CREDIT in text
    assert "Eastern and Southern Africa (weighted)" in text, "the legend survives the decoration"


@requires_chromium
def test_pdf_is_one_page_with_title_and_source(trend):
    figure, _, context = trend
    reader = pypdf.PdfReader(io.BytesIO(chart_files.image(figure, context, "pdf")))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Under-5 mortality (deaths per 1,000 live births)" in text
    assert "Data years: 2000-2023" in text and "open-source dashboard" in text
    box = reader.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 2) == round(16 / 9, 2)


@requires_chromium
def test_map_exports_offline_with_local_geometry_and_base_map(world_map):
    figure, latest, context = world_map
    assert isinstance(figure.data[0].geojson, str), "the page's map points the browser at a URL"
    svg = chart_files.image(figure, context, "svg")
    root = ET.fromstring(svg)
    countries = [p for p in root.iter(f"{SVG}path") if p.get("class") == "choroplethlocation"]
    assert len(countries) >= 150 and len(countries) >= 0.9 * len(latest)
    land = [p for g in root.iter(f"{SVG}g") if g.get("class") == "layer land" for p in g.iter(f"{SVG}path")]
    assert land and len(land[0].get("d")) > 10_000, "the base map (local topojson) was not drawn"
    assert "Stunting (survey points), latest value up to 2022" in svg_text(svg)
    png = chart_files.image(figure, context, "png")
    assert png_size(png) == (2400, 1350) and len(png) > 150_000
    assert isinstance(figure.data[0].geojson, str), "the export swapped the geometry in a copy only"


@requires_chromium
def test_render_takes_any_size_for_the_briefing_pack(trend):
    figure, _, _ = trend
    assert png_size(chart_files.render(figure, "png", 800, 450, scale=1)) == (800, 450)
    root = ET.fromstring(chart_files.render(figure, "svg", 640, 360))
    assert (root.get("width"), root.get("height")) == ("640", "360")
    with pytest.raises(ValueError, match="unknown image format 'eps'"):
        chart_files.render(figure, "eps")


@requires_chromium
def test_concurrent_exports_each_get_their_own_file(trend):
    """8 threads at once, as from 8 sessions: every caller gets back its own chart, never another's."""
    figure, _, context = trend
    titles = [f"Concurrent chart number {i} of eight" for i in range(8)]
    figures = [go.Figure(figure).update_layout(title_text=title) for title in titles]
    start = threading.Barrier(8)

    def export_one(i: int) -> bytes:
        start.wait()
        if i % 2:
            return chart_files.render(figures[i], "png", 600 + 20 * i, 400, scale=1)
        return chart_files.image(figures[i], context, "svg")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(export_one, range(8)))
    for i, result in enumerate(results):
        if i % 2:
            assert png_size(result) == (600 + 20 * i, 400)
        else:
            text = svg_text(result)
            assert titles[i] in text
            assert not [t for t in titles if t != titles[i] and t in text]


@requires_chromium
def test_a_browser_that_died_is_replaced_within_the_same_export(trend):
    figure, _, context = trend
    chart_files.render(figure, "svg")
    browser = chart_files._renderer._kaleido.subprocess
    os.kill(browser.pid, signal.SIGKILL)  # the Chromium this test's export started
    browser.wait(10)
    assert "Under-5 mortality" in svg_text(chart_files.image(figure, context, "svg"))
    assert chart_files._renderer._kaleido.subprocess.pid != browser.pid


@requires_chromium
def test_a_malformed_figure_fails_alone_and_keeps_the_browser():
    chart_files.render({"data": [], "layout": {}}, "svg")
    browser = chart_files._renderer._kaleido.subprocess
    with pytest.raises(KaleidoError, match="non-array figure data"):
        chart_files.render({"data": "not a list", "layout": {}}, "svg")
    assert chart_files._renderer._kaleido.subprocess is browser and browser.poll() is None


FAILED_EXPORT = """
import json, time, plotly.graph_objects as go
from childsdg.exports import chart_files
before = chart_files.unavailable_reason()
started = time.perf_counter()
try:
    chart_files.render(go.Figure(), "svg")
except chart_files.ExportUnavailable as error:
    print(json.dumps({"before": before, "error": str(error), "seconds": time.perf_counter() - started,
                      "after": chart_files.unavailable_reason()}))
"""


def failed_export(**env: str) -> dict:
    """An export in a fresh process with this browser setting: what it said before, during and after."""
    done = subprocess.run([sys.executable, "-c", FAILED_EXPORT], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**{k: v for k, v in os.environ.items() if k != "CHROMIUM_PATH"},
                                            "PYTHONPATH": str(ROOT), **env})
    assert done.returncode == 0 and done.stdout, done.stderr
    return json.loads(done.stdout)


def test_no_chromium_raises_a_specific_error_at_once():
    """BROWSER_PATH naming a missing browser, none on PATH: a clear ExportUnavailable in well under a second."""
    result = failed_export(BROWSER_PATH="/nonexistent", PATH=str(Path(sys.executable).parent))
    assert "BROWSER_PATH='/nonexistent' is not an executable file" in result["error"]
    assert "apt-get install chromium" in result["error"] and "CHROMIUM_PATH" in result["error"]
    assert result["seconds"] < 1.0
    assert result["before"] == result["error"] == result["after"], "pages can say why before anyone clicks"


def test_a_browser_that_will_not_start_is_reported_not_waited_for():
    """A path that exists but is no browser: kaleido's own sync server would wait forever here."""
    result = failed_export(CHROMIUM_PATH="/bin/true")
    assert result["before"] is None, "an existing executable is worth a try"
    assert "the browser /bin/true would not start" in result["error"]
    assert result["after"] == result["error"], "pages stop offering image export once it failed to start"


# --- Data -------------------------------------------------------------------------------------------

def test_csv_is_the_chart_data_under_a_header_block(trend):
    _, series, context = trend
    csv = chart_files.to_csv(series, context)
    pd.testing.assert_frame_equal(read_csv(csv), series, check_dtype=False)
    header = dict(line[2:].split(": ", 1) for line in header_lines(csv))
    row = catalogue.indicator("u5mr")
    assert header["Source"] == row["source_name"] and header["Licence"] == "CC BY 4.0"
    assert header["Citation"] == row["citation"] and header["Data vintage"] == row["vintage"]
    assert header["Link to this view"] == LINK
    assert header["Data years"] == "2000-2023"
    assert header["Filters"].startswith(f"Group: {ESAR} · Years: 2000-2023 · Countries: Kenya, Uganda")
    assert chart_files.CREDIT in header["Exported"]


def test_excel_has_the_data_and_the_same_header_block(ranking):
    _, latest, context = ranking
    sheets = pd.read_excel(io.BytesIO(chart_files.to_excel(latest, context)), sheet_name=None)
    assert list(sheets) == ["Data", "About the data"]
    pd.testing.assert_frame_equal(sheets["Data"], latest, check_dtype=False)
    about = dict(zip(sheets["About the data"]["Field"], sheets["About the data"]["Value"]))
    assert about == dict(context.about())
    assert about["Link to this view"] == "not recorded"


def test_header_values_stay_on_one_line():
    context = chart_files.ChartContext.create("trend", "u5mr", {"Note": "two\nlines<br>and <b>markup</b>"}, [2001, 2003],
                                         title="A title<br><sup>with a subtitle</sup>")
    lines = chart_files.to_csv(pd.DataFrame({"a": [1]}), context).decode().splitlines()
    assert lines[0] == "# Title: A title with a subtitle"
    assert sum(line.startswith("#") for line in lines) == len(context.about())
    assert lines[len(context.about()):] == ["a", "1"]


def test_context_from_a_page_view():
    view = View(grouping="unicef_region", group="ESAR", group_name=ESAR, indicator="stunting", year=2022,
                start=2000, end=2023, countries=("KEN", "UGA"), sex="female")
    trend_context = chart_files.ChartContext.for_view(view, "trend", [2003, 2014, float("nan")], (2000, 2023),
                                                 view.countries)
    # The years chosen (2000-2023) that the data reach: the subtitle promises no year the chart lacks.
    assert trend_context.filters == (("Group", ESAR), ("Years", "2003-2014"), ("Countries", "Kenya, Uganda"),
                                     ("Sex", "female"))
    assert trend_context.data_years == (2003, 2014)
    assert trend_context.file_stem == "stunting-trend-eastern-and-southern-africa-2003-2014-kenya-uganda-female"
    map_context = chart_files.ChartContext.for_view(view, "map", [], 2022)
    assert map_context.filters == (("Group", ESAR), ("Year", "2022"), ("Sex", "female"))
    assert map_context.years_text == "no data"


# --- Streamlit helper ---------------------------------------------------------------------------------

def _page_with_downloads():
    """An AppTest script: one chart and its download popover."""
    import pandas as pd
    import plotly.graph_objects as go

    from childsdg.exports import chart_files
    from childsdg.views import downloads

    data = pd.DataFrame({"year": [2000, 2010], "value": [90.0, 60.0]})
    figure = go.Figure(go.Scatter(x=data["year"], y=data["value"]), layout={"title": {"text": "A test chart"}})
    downloads.chart_downloads(figure, lambda: data,
                           chart_files.ChartContext.create("trend", "u5mr", {"Group": "World"}, data["year"]))


def test_helper_without_chromium_explains_and_keeps_the_data(monkeypatch):
    chart_files.shutdown()
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent")
    app = AppTest.from_function(_page_with_downloads).run()
    assert not app.exception
    [info] = app.info
    assert "CHROMIUM_PATH='/nonexistent' is not an executable file" in info.value
    assert "apt-get install chromium" in info.value and "camera icon" in info.value
    assert [(b.label, b.key) for b in app.download_button] == [
        ("Data (CSV)", "export.trend.csv"), ("Data (Excel)", "export.trend.xlsx")]


@requires_chromium
def test_helper_offers_five_lazy_downloads():
    chart_files.shutdown()
    app = AppTest.from_function(_page_with_downloads).run()
    assert not app.exception and not app.info
    assert [(b.label, b.key) for b in app.download_button] == [
        ("Image (PNG)", "export.trend.png"), ("Image (SVG)", "export.trend.svg"), ("Image (PDF)", "export.trend.pdf"),
        ("Data (CSV)", "export.trend.csv"), ("Data (Excel)", "export.trend.xlsx")]
    assert all(b.proto.deferred_file_id and not b.proto.url for b in app.download_button), "built only on click"
    assert chart_files._renderer is None, "drawing the buttons must not start the browser"
