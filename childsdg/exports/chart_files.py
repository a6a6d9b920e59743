"""Exports of one chart: the image (PNG, SVG, PDF) and the data behind it (CSV, Excel), built on demand.

Images come from kaleido, which drives a headless Chromium. Starting Chromium costs ~3 s and
~430 MB, so one renderer serves the whole process: it starts with the first export and is reused
(well under a second per chart afterwards). It is ours rather than ``kaleido.start_sync_server``:
that server hands results to the wrong caller under concurrency, and when its browser fails to
start, every later call waits forever (measured: still blocked after 15 s with a browser path that
exits at once). Ours runs kaleido on an event loop in its own thread, gives each caller its own
future with a timeout, turns a failed start into ``ExportUnavailable`` and replaces a browser that
stopped answering. Renders are still serialised with a lock: kaleido has one tab, and a render
that fails must not leave its half-drawn page to the next caller.

Offline by construction: MathJax off (it loads from a CDN), plotly.js from the installed plotly
package (a missing file is an error, not a silent CDN fallback), the base-map topojson from
``static/topojson/`` and the country geometry as a dict (kaleido cannot fetch the app's URL).

Words in the reader's language: a ``ChartContext`` keeps the language of the page run that made it,
and the exports run in it (``_in_context_language``), since Streamlit builds a lazy download in its
event loop, where the page's language is not set. The decoration (title, filters, source, credit) and
the data files' header block and column names are translated; the cells keep machine-readable
numbers. Arabic text in images is drawn with the bundled Noto Sans Arabic: the browser is started with
``FONTCONFIG_FILE`` pointing at ``static/fonts/fonts.conf``, which adds static/fonts to the system's
fonts (an @font-face in kaleido's page would not reach the PNG, which Chromium rasterises from an SVG
image that cannot load web fonts).

Without Chromium the app still works: ``unavailable_reason()`` says why, ``views.downloads.chart_downloads``
shows it and keeps the data downloads; the chart toolbar's own SVG download works in any browser.

>>> from childsdg.exports import chart_files                                # doctest: +SKIP
>>> context = chart_files.ChartContext.create("trend", "u5mr", {"Group": "World"}, data["year"])
>>> chart_files.image(figure, context, "pdf")   # bytes: the chart with title, filters, source, credit
>>> chart_files.render(figure, "svg", 800, 450) # bytes: the figure exactly as given
>>> chart_files.to_csv(data, context)           # bytes: '#' header block, then the data
"""

from __future__ import annotations

import asyncio
import atexit
import contextvars
import dataclasses
import functools
import io
import os
import re
import textwrap
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import plotly
import plotly.graph_objects as go
import plotly.io as pio

from childsdg import formatting, i18n
from childsdg.charts import common_charts
from childsdg.data import catalogue, geo
from childsdg.i18n import N_, _

CREDIT = N_("Children's SDG progress in the Global South — open-source dashboard")  # shown as _(CREDIT)
README_HINT = N_("To enable PNG, SVG and PDF export, install Chromium on the server (`apt-get install chromium`) "
                 "or set CHROMIUM_PATH (or BROWSER_PATH) to a Chrome or Chromium executable, then restart the "
                 "dashboard. See the README, section 'Exports'.")
# The fonts the export browser sees: the system's and the bundled Noto Sans Arabic (see the module's doc).
FONTCONFIG = geo.STATIC_DIR / "fonts" / "fonts.conf"
# Column names of the data files said in the reader's language (the cells stay machine-readable); a
# column the caller named is looked up too (``_(name)``), so a view's own translated names pass through.
COLUMN_NAMES = (N_("country"), N_("year"), N_("data_year"), N_("value"), N_("kind"), N_("gap"), N_("note"),
                N_("coverage"), N_("group"), N_("status"), N_("unit"), N_("direction"))
# The values of a breakdown filter, said in the filters line ('Sex: female').
BREAKDOWN_VALUES = (N_("female"), N_("male"), N_("urban"), N_("rural"))
# 16:9 at 1200x675 CSS pixels keeps the text readable on a slide; PNG at scale 2 is 2400x1350 pixels.
WIDTH, HEIGHT, PNG_SCALE = 1200, 675, 2
IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
DATA_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
TOPOJSON_URL = (geo.STATIC_DIR / "topojson").as_uri() + "/"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
START_TIMEOUT = 60.0
RENDER_TIMEOUT = 60.0

# The decoration of an export copy, in CSS pixels of the image.
EDGE = 20
TITLE_LINE, SUBTITLE_LINE, FOOTER_LINE, FOOTER_GAP = 22, 19, 17, 14
SUBTITLE_FONT, FOOTER_FONT, AXIS_FONT = 13, 12, 13
# Estimates of what plotly will draw, on the generous side: an under-estimate lets text overlap.
CHAR_WIDTH = 0.56  # of the font size: an average Arial character
LEGEND_ROW, LEGEND_PAD, LEGEND_SYMBOL = 32, 10, 46  # a row holds text, item spacing and the gap between groups
CATEGORY_ROW = 24  # per bar of a category axis (charts.ranking draws 22 on screen)
AXIS_LABELS, AXIS_TITLE, AXIS_TICK, NUMBER_LABEL_CHARS = 30, 24, 10, 5
CARTESIAN = {"scatter", "scattergl", "bar", "box", "violin", "histogram", "heatmap", "waterfall", "funnel"}
NO_LEGEND = {"choropleth", "heatmap", "pie"}
MUTED = "#555555"
BIDI_CONTROLS = "[\u202a-\u202e\u2066-\u2069]"  # direction marks that ``common_charts.reading_order`` adds

# plotly's own to_image, wherever else this process calls it, also stays offline and quiet.
pio.defaults.topojson = TOPOJSON_URL
pio.defaults.headers = None


class ExportUnavailable(RuntimeError):
    """No usable Chromium here: images cannot be exported (the data downloads still work)."""


def browser_path() -> str:
    """The Chromium or Chrome to render with: CHROMIUM_PATH, else BROWSER_PATH, else the usual places.

    A path set in the environment is used as-is and must be an executable file; ExportUnavailable
    says what was looked for and how to fix it.
    """
    for variable in ("CHROMIUM_PATH", "BROWSER_PATH"):
        path = os.environ.get(variable)
        if path:
            if not (Path(path).is_file() and os.access(path, os.X_OK)):
                raise ExportUnavailable(_("Image export is unavailable: {variable}={path} is not an executable "
                                          "file.").format(variable=variable, path=repr(path)) + " " + _(README_HINT))
            return path
    from choreographer.browsers.chromium import Chromium  # kaleido's own search: PATH, the usual places

    found = Chromium.find_browser(skip_local=False)
    if not found:
        raise ExportUnavailable(_("Image export is unavailable: no Chromium or Google Chrome was found (CHROMIUM_PATH "
                                  "and BROWSER_PATH are unset, and none is on PATH).") + " " + _(README_HINT))
    return found


class _Renderer:
    """One headless Chromium, driven by kaleido on an event loop in its own thread."""

    def __init__(self, path: str):
        self.path = path
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="childsdg-export", daemon=True)
        self._thread.start()
        try:
            self._kaleido = self._run(self._open(), START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    async def _open(self):
        import kaleido  # 0.3 s that pages which never export need not pay

        os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG)  # read by the browser started next (its env is ours)
        browser = kaleido.Kaleido(path=self.path, n=1, timeout=RENDER_TIMEOUT, mathjax=False, plotlyjs=str(PLOTLY_JS))
        await browser.open()
        return browser

    def _run(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def render(self, figure: dict, opts: dict) -> bytes:
        # kaleido gives up after RENDER_TIMEOUT; the margin covers a browser that no longer answers at all.
        return self._run(self._kaleido.calc_fig(figure, opts=opts, topojson=TOPOJSON_URL), RENDER_TIMEOUT + 10)

    def close(self) -> None:
        try:
            self._run(self._kaleido.close(), 20)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()


_lock = threading.Lock()
_renderer: _Renderer | None = None
_failed_starts: dict[str, str] = {}  # browser path -> why it would not start, so pages stop offering images


def _started() -> _Renderer:
    """The running renderer, started on first use (or for a newly configured browser); hold ``_lock``."""
    global _renderer
    path = browser_path()
    if _renderer is not None and _renderer.path != path:
        _close_renderer()
    if _renderer is None:
        try:
            _renderer = _Renderer(path)
        except Exception as error:
            _failed_starts[path] = f"Image export is unavailable: the browser {path} would not start ({error})."
            raise ExportUnavailable(f"{_failed_starts[path]} {README_HINT}") from error
        _failed_starts.pop(path, None)
    return _renderer


def _close_renderer() -> None:
    global _renderer
    renderer, _renderer = _renderer, None
    if renderer is not None:
        try:
            renderer.close()
        except Exception:  # noqa: BLE001 - a browser that stopped answering cannot be closed politely
            pass


def shutdown() -> None:
    """Close the browser: at exit, and where a benchmark or test needs the next export to start cold."""
    with _lock:
        _close_renderer()


atexit.register(shutdown)


def unavailable_reason() -> str | None:
    """Why images cannot be exported here, or None. Cheap: it never starts the browser."""
    if _renderer is not None:
        return None
    try:
        path = browser_path()
    except ExportUnavailable as error:
        return str(error)
    return f"{_failed_starts[path]} {_(README_HINT)}" if path in _failed_starts else None


def render(figure: go.Figure | dict, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
           scale: float | None = None) -> bytes:
    """The figure as PNG, SVG or PDF bytes, exactly as given (``image`` adds title, filters and source).

    ``scale`` defaults to PNG_SCALE for PNG and 1 for the vector formats. Safe from any thread.
    Raises ExportUnavailable without a working Chromium. Where the browser fails (it crashed, was
    killed), it is closed and the render tried once more with a fresh one; after a timeout only closed.
    """
    if fmt not in IMAGE_TYPES:
        raise ValueError(f"unknown image format {fmt!r}; use one of {', '.join(IMAGE_TYPES)}")
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    opts = {"format": fmt, "width": int(width), "height": int(height),
            "scale": scale or (PNG_SCALE if fmt == "png" else 1)}
    with _lock:
        for attempt in ("first", "with a fresh browser"):
            renderer = _started()
            try:
                return renderer.render(spec, opts)
            except Exception as error:
                from kaleido.errors import JavascriptError, KaleidoError  # here: without a browser, no kaleido

                if isinstance(error, (JavascriptError, KaleidoError)):
                    raise  # the figure's fault; the browser is fine
                _close_renderer()
                if attempt != "first" or isinstance(error, TimeoutError):
                    raise  # a second minute of waiting would help nobody


@dataclasses.dataclass(frozen=True)
class ChartContext:
    """What an export says about one chart beyond the figure: its filters, source, years and link.

    chart: a short name, stable on its page ('map', 'trend'): the download widgets' keys and file names.
    indicator: the catalogue id, for the source, licence, citation and vintage.
    filters: (label, value) pairs as the reader chose them (('Group', 'Eastern and Southern Africa'), ...).
    data_years: (first, last) year of the values shown.
    link: the page's URL with its query string; ``views.downloads.chart_downloads`` fills in the current page's.
    title: the chart's title in plain text; ``chart_downloads`` takes the figure's.
    """

    chart: str
    indicator: str
    filters: tuple[tuple[str, str], ...] = ()
    data_years: tuple[int | None, int | None] = (None, None)
    link: str | None = None
    title: str | None = None
    language: str = dataclasses.field(default_factory=i18n.current)  # the page run's, for lazy exports

    @classmethod
    def create(cls, chart: str, indicator: str, filters: Mapping[str, str] | Iterable[tuple[str, str]] = (),
               data_years: Iterable = (), link: str | None = None, title: str | None = None) -> ChartContext:
        """From filters as plain text (empty values left out) and any iterable of data years (NaN ignored)."""
        catalogue.indicator(indicator)
        pairs = filters.items() if isinstance(filters, Mapping) else filters
        years = pd.Series(list(data_years), dtype="float").dropna()
        span = (int(years.min()), int(years.max())) if len(years) else (None, None)
        plain = tuple((plain_text(label), plain_text(value)) for label, value in pairs)
        return cls(chart, indicator, tuple(pair for pair in plain if pair[1]), span, link, title)

    @classmethod
    def for_view(cls, view, chart: str, data_years: Iterable, period: int | tuple[int, int],
                 countries: Iterable[str] = (), link: str | None = None) -> ChartContext:
        """From a page's ``filters.View``: its group and breakdown, and what this chart uses of the rest.

        period: the year of a map or ranking, or (start, end) of a trend. countries: the ISO3 codes
        the chart draws one by one (a trend's comparison), named in full. A trend's years are those
        chosen that the data reach: a subtitle "2000-2025" over data that end in 2024 promised a year
        the chart does not have.
        """
        names = catalogue.country_names()
        data_years = pd.Series(list(data_years), dtype="float").dropna()
        if isinstance(period, tuple) and len(data_years):
            period = (max(period[0], int(data_years.min())), min(period[1], int(data_years.max())))
        filters = {N_("Group"): view.group_name,
                   **({N_("Years"): formatting.years(*period)} if isinstance(period, tuple)
                      else {N_("Year"): str(period)}),
                   N_("Countries"): ", ".join(names.get(iso3, iso3) for iso3 in countries)}
        filters.update({label: _(value) for label, value in ((N_("Sex"), view.sex), (N_("Residence"), view.residence))
                        if value != "total"})
        return cls.create(chart, view.indicator, filters, data_years, link)

    @property
    def row(self) -> pd.Series:
        return catalogue.indicator(self.indicator)

    @property
    def filter_text(self) -> str:
        """'Group: World · Year: 2024' in the reader's language (labels are looked up: pages pass English ones)."""
        return " · ".join(field(_(label), value) for label, value in self.filters)

    @property
    def years_text(self) -> str:
        return formatting.years(*self.data_years)

    @property
    def file_stem(self) -> str:
        """'u5mr-trend-eastern-and-southern-africa-2000-2024': short filter values only, safe everywhere."""
        words = [self.indicator, self.chart, *(value for _label, value in self.filters if len(value) <= 40)]
        return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:120]

    def about(self) -> list[tuple[str, str]]:
        """The header block of the data files, field by field, each value on one line."""
        row = self.row
        return [(_("Title"), plain_text(self.title or f"{row['name']} ({row['unit']})")),
                (_("Filters"), self.filter_text or _("none")), (_("Source"), plain_text(row["source_name"])),
                (_("Licence"), plain_text(row["licence"])), (_("Citation"), plain_text(row["citation"])),
                (_("Data vintage"), plain_text(row["vintage"])), (_("Data years"), self.years_text),
                (_("Link to this view"), self.link or _("not recorded")),
                (_("Exported"), _("{date} (UTC) from {credit}").format(date=formatting.today(), credit=_(CREDIT)))]


def _in_context_language(export):
    """``export(x, context, ...)`` run in ``context.language``, whatever thread calls it (Streamlit's lazy
    downloads run in its event loop, where the page's language is not set); the caller's language is
    left as it was (a copy of its context is changed)."""
    @functools.wraps(export)
    def in_language(subject, context: ChartContext, *args, **kwargs):
        def run():
            i18n.use(context.language)
            return export(subject, context, *args, **kwargs)
        return contextvars.copy_context().run(run)
    return in_language


def field(label: str, value: str) -> str:
    """'Group: World', as the reader's language writes a label and its value ('Groupe : World' in French)."""
    return _("{label}: {value}").format(label=label, value=value)


def plain_text(value) -> str:
    """One line of text: no markup, no line breaks (a '#' header line must stay one line)."""
    if formatting.is_missing(value):
        return ""
    text = re.sub(r"<br\s*/?>", " ", str(value))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|" + BIDI_CONTROLS, "", text)).strip()


# --- Images -------------------------------------------------------------------------------------

def _local_geojson(trace) -> None:
    """A map trace's geometry URL ('app/static/geo/...?v=...') replaced by the file's contents."""
    url = getattr(trace, "geojson", None)
    if not isinstance(url, str):
        return
    path = (geo.STATIC_DIR / urlsplit(url).path.removeprefix("app/static/")).resolve()
    if geo.STATIC_DIR.resolve() not in path.parents or not path.is_file():
        raise ValueError(f"map geometry {url!r} is not a file under static/: an export cannot fetch it")
    trace.geojson = geo.geojson_dict(str(path))


def _legend_rows(figure: go.Figure, width: int) -> int:
    """Rows of the horizontal legend (0 where plotly shows none), on the generous side."""
    entries = [trace.name or "" for trace in figure.data
               if trace.showlegend is not False and trace.type not in NO_LEGEND]
    if figure.layout.showlegend is False or (len(entries) < 2 and figure.layout.showlegend is not True):
        return 0
    rows, used = 1, 0.0
    for name in entries:
        wide = LEGEND_SYMBOL + CHAR_WIDTH * (figure.layout.font.size or AXIS_FONT) * len(plain_text(name))
        if used and used + wide > width - 2 * EDGE:
            rows, used = rows + 1, 0.0
        used += wide
    return rows


def _categories(figure: go.Figure) -> set[str]:
    """The labels on a category y axis (a ranking's countries); empty for a numeric axis."""
    return {value for trace in figure.data if trace.type in CARTESIAN and trace.y is not None
            for value in trace.y if isinstance(value, str)}


def _tick_label_width(figure: go.Figure) -> float:
    """Pixels the y-axis labels need: the longest category, else a number such as '1.5M'."""
    longest = max((len(label) for label in _categories(figure)), default=NUMBER_LABEL_CHARS)
    return CHAR_WIDTH * (figure.layout.font.size or AXIS_FONT) * longest + AXIS_TICK


def _wrapped(text: str, width: int, font_size: int) -> list[str]:
    """``text`` broken into lines that fit ``width`` pixels (plotly does not wrap text)."""
    return textwrap.wrap(text, max(20, int((width - 2 * EDGE) / (CHAR_WIDTH * font_size)))) or [""]


def decorate(figure: go.Figure, context: ChartContext, width: int = WIDTH, height: int | None = None) -> go.Figure:
    """A copy of the figure that says what it shows: title, filters, source with data years, credit.

    The figure itself is left as it is. The copy's margins are sized for the text it adds, and its
    legend sits just above the footer (in container coordinates) so that neither overlaps the other.
    Its height is ``height``, else HEIGHT, or more where a long ranking needs CATEGORY_ROW per bar.
    """
    copy = go.Figure(figure)
    for trace in copy.data:
        _local_geojson(trace)
    layout, row = copy.layout, context.row
    # The title as written (charts keep it in meta: on screen it is wrapped for a phone), wrapped for this
    # width; a title changed since (update_layout) is taken as it is.
    written = layout.meta.get("title") if isinstance(layout.meta, dict) else None
    if not written or common_charts.reading_order(common_charts.wrap(written)) != layout.title.text:
        written = layout.title.text or f"{row['short_name']} ({row['unit']})"
    title = common_charts.reading_order(common_charts.wrap(written, width))
    subtitle = _wrapped(context.filter_text, width, SUBTITLE_FONT) if context.filters else []
    source = _wrapped(_("Source: {source} ({licence}). Data years: {years}.").format(
        source=plain_text(row["source_name"]), licence=plain_text(row["licence"]), years=context.years_text),
        width, FOOTER_FONT)
    top = EDGE + TITLE_LINE * (title.count("<br") + 1) + SUBTITLE_LINE * len(subtitle) + EDGE
    footer = FOOTER_GAP + FOOTER_LINE * (len(source) + 1) + EDGE / 2
    rows = _legend_rows(copy, width)
    cartesian = any(trace.type in CARTESIAN for trace in copy.data)
    # An axis title takes a line per <br>: a ranking's, wrapped for a phone, runs to three lines in French.
    x_title = layout.xaxis.title.text
    axis = (AXIS_LABELS + (AXIS_TITLE * (x_title.count("<br") + 1) if x_title else 0)) if cartesian else 0
    bottom = footer + rows * LEGEND_ROW + (LEGEND_PAD if rows else 0) + axis
    if height is None:
        height = max(HEIGHT, int(top + bottom + CATEGORY_ROW * len(_categories(copy))))
    # The footer is placed from the plot's left edge (annotations know no other), so the margin is
    # made wide enough for the y-axis labels: the footer then lines up with the title. automargin
    # still widens it where the estimate falls short, so that no label is cut off.
    left = max(layout.margin.l or 0, EDGE + (_tick_label_width(copy) if cartesian else 0))
    copy.update_layout(
        width=width, height=height, margin={"t": top, "b": bottom, "l": left, "r": max(layout.margin.r or 0, EDGE)},
        title={"text": title, "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
               "yref": "container", "pad": {"l": EDGE, "t": EDGE},
               "subtitle": {"text": common_charts.reading_order("<br>".join(subtitle)), "font": {"size": SUBTITLE_FONT, "color": MUTED}}},
        legend={"yref": "container", "y": footer / height, "yanchor": "bottom", "x": 0, "xanchor": "left"})
    if cartesian:
        copy.update_xaxes(automargin=True)
        copy.update_yaxes(automargin=True)
    credit = _("{credit} · exported {date}").format(credit=_(CREDIT), date=formatting.today())
    for lines, colour, line in ((source, "#333333", 0), ([credit], MUTED, len(source))):
        copy.add_annotation(text=common_charts.reading_order("<br>".join(lines)), showarrow=False, xref="paper", yref="paper", x=0, y=0,
                            xanchor="left", yanchor="top", align="left", xshift=EDGE - left,
                            yshift=-(bottom - footer) - FOOTER_GAP - line * FOOTER_LINE,
                            font={"size": FOOTER_FONT, "color": colour})
    return copy


@_in_context_language
def image(figure: go.Figure, context: ChartContext, fmt: str) -> bytes:
    """The chart as a finished PNG, SVG or PDF: ``decorate``, then ``render`` at the copy's size."""
    copy = decorate(figure, context)
    return render(copy, fmt, copy.layout.width, copy.layout.height)


# --- Data ---------------------------------------------------------------------------------------

def _named_for_reader(data: pd.DataFrame) -> pd.DataFrame:
    """The data with its column names in the reader's language (names without a translation kept)."""
    return data.rename(columns=lambda name: _(name) if isinstance(name, str) else name)


@_in_context_language
def to_csv(data: pd.DataFrame, context: ChartContext) -> bytes:
    """UTF-8 CSV: a block of '# Field: value' lines, then the data with its column names.

    Read it back with ``pd.read_csv(file, skiprows=<the number of lines starting with '#'>)``. Field
    names, filter labels and column names are in the context's language; numbers are written as
    Python writes them (a '.' decimal point, no thousands separator) in every language.
    """
    header = "".join(f"# {field(label, value)}\n" for label, value in context.about())
    return (header + _named_for_reader(data).to_csv(index=False, lineterminator="\n")).encode("utf-8")


@_in_context_language
def to_excel(data: pd.DataFrame, context: ChartContext) -> bytes:
    """An .xlsx workbook: the data on sheet 'Data', the header block on sheet 'About' (names translated)."""
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    data_sheet, about_sheet = _("Data"), _("About the data")
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _named_for_reader(data).to_excel(writer, sheet_name=data_sheet, index=False)
        pd.DataFrame(context.about(), columns=[_("Field"), _("Value")]).to_excel(writer, sheet_name=about_sheet,
                                                                                 index=False)
        for sheet, widths in ((data_sheet, [max(12, len(str(c)) + 2) for c in data.columns]), (about_sheet, [18, 120])):
            for position, width in enumerate(widths, start=1):
                writer.sheets[sheet].column_dimensions[get_column_letter(position)].width = width
    return buffer.getvalue()
