"""Plotly figures with the project's own look, so that screen and exports match (``theme=None``).

Colours come from ``palette`` (measured there for contrast on white and with colour-blindness). On
maps, darker always means worse for children (the scale flips with the indicator's polarity) and the
caption says so. Survey points are drawn as dots joined by dotted lines, modelled series as solid
lines, so that the kind of every number is visible in the chart itself. The country the reader is
looking at (``focal``) is outlined on the map, black in the ranking and black and thick on the trend.

Titles are wrapped for a phone (``PHONE_WIDTH``) and start below the chart's toolbar, which plotly draws
in the figure's top right corner; the title as written stays in ``layout.meta["title"]`` for exports,
which wrap it again at their own width.

Words are the reader's (``i18n``): every title, axis title, legend name, hover text and annotation is
looked up when the figure is built, and each figure carries its language's decimal and thousands
separators (``layout.separators``) for the numbers plotly writes itself (ticks, ``%{x}`` in hover
texts). The font list ends in Noto Sans Arabic, bundled in static/fonts: Arial has no Arabic glyphs on
most servers, and the browser (and the exports' Chromium, see ``exports.chart_files``) takes each glyph
from the first family that has it. Time still runs left to right in Arabic, as in UN Arabic publications;
titles and axis titles are embedded right to left (``reading_order``), since plotly's SVG text runs
left to right and put an Arabic line's Latin and number runs in the wrong order.
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from babel.numbers import get_decimal_symbol, get_group_symbol

from childsdg import formatting, i18n
from childsdg.charts import palette
from childsdg.i18n import N_, _

NOTE_HOVER_WIDTH = 60  # characters per line of a series note in a hover box
MAP_TOPOJSON_URL = "app/static/topojson/"
TEMPLATE_NAME = "childsdg"
LONG_BAR = 0.6  # of the longest bar: a ranking bar this long holds its value inside
# A white outline, 3 px wide, around text drawn over a line (CSS text-shadow), as maps label over roads.
HALO = ", ".join(f"{x}px {y}px 0 white" for x in (-3, -1.5, 0, 1.5, 3) for y in (-3, -1.5, 0, 1.5, 3) if x or y)
FONT_SIZE, TITLE_SIZE, SUBTITLE_SIZE = 13, 16, 12
# Titles: a phone's 390 px less the page's padding (2 x 16) and the chart's own; an Arial character is
# about 0.56 of the font size wide. The toolbar (plotly's modebar) is 28 px tall at the top right.
PHONE_WIDTH, PAGE_PADDING, CHAR_WIDTH = 390, 32, 0.56
TOOLBAR, TITLE_LINE, SUBTITLE_LINE, TITLE_GAP = 28, 21, 16, 14
# End labels of trend lines: at most this many characters per line, and kept this many pixels apart.
END_LABEL_CHARS, END_LABEL_GAP = 16, 15
MAP_HEIGHT = 460
# An axis title is centred under its plot, which on a phone is ~300 px wide, or ~120 px for a ranking's
# bars beside the names: characters per line of each.
AXIS_TITLE_CHARS, RANKING_AXIS_TITLE_CHARS = 36, 18
TREND_HEIGHT, TREND_PLOT_HEIGHT = 420, 250  # the figure, and its plot area less title, axis and legend
FONT_FAMILY = "Arial, Helvetica, 'Noto Sans Arabic', sans-serif"
# Hover words of a map's value by its kind (observations.kind); another kind is shown as it is.
KIND_VALUE = {"survey": N_("survey value, {year}"), "modelled": N_("modelled value, {year}")}
TARGET_ANNOTATION = "target"  # the name of a chart's 2030 target label, which text_alternatives reads

pio.templates[TEMPLATE_NAME] = go.layout.Template(layout=go.Layout(
    font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": palette.TEXT},
    title={"font": {"size": TITLE_SIZE}, "x": 0, "xanchor": "left"},
    colorway=palette.LINES,
    paper_bgcolor=palette.WHITE,
    plot_bgcolor=palette.WHITE,
    margin={"l": 10, "r": 10, "t": 50, "b": 10},
    # No tick marks on x: an outside tick at the first year sat beside the y axis's "0" and read "0ı".
    xaxis={"showgrid": False, "showline": True, "linecolor": palette.AXIS_LINE, "ticks": "", "zeroline": False,
           "automargin": True},
    yaxis={"gridcolor": palette.GRID, "zeroline": False, "rangemode": "tozero", "automargin": True},
    legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    hoverlabel={"font": {"size": 12}},
))


def separators(language: str | None = None) -> str:
    """plotly's ``layout.separators`` for the reader's language: its decimal mark then its thousands mark
    ('.,' in English, ',\u202f' in French, ',.' in Spanish), as Babel writes them in the page's text."""
    locale = language or i18n.current()
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def reading_order(text: str) -> str:
    """``text`` with each line embedded right to left (U+202B ... U+202C) in a right-to-left language.

    SVG text has a left-to-right base direction: 'المصدر: UN IGME (CC BY 4.0). سنوات البيانات: 2022' came
    out with its runs in the wrong order. Markup at a line's ends (<sup>, <b>) stays outside the embedding.
    Other languages' text is returned as it is.
    """
    if not i18n.is_right_to_left() or not text:
        return text
    return "<br>".join(re.sub(r"^((?:<[^>]+>)*)(.*?)((?:<[^>]+>)*)$", "\\1\u202b\\2\u202c\\3", line, flags=re.S)
                       for line in re.split(r"<br\s*/?>", text))


def _visible_length(token: str) -> int:
    return len(re.sub(r"<[^>]+>", "", token))


def wrap(text: str, width: int = PHONE_WIDTH, font_size: int = TITLE_SIZE) -> str:
    """``text`` broken with <br> into lines that fit ``width`` pixels (plotly does not wrap).

    Existing <br> are kept; a <sup>...</sup> line (a subtitle) is wrapped at its own smaller size, each
    of its lines in its own <sup>. Markup is never cut: a word is any run of tags and visible characters.
    """
    lines = []
    for part in re.split(r"<br\s*/?>", text):
        subtitle = re.fullmatch(r"<sup>(.*)</sup>", part.strip(), flags=re.S)
        inner, size = (subtitle.group(1), SUBTITLE_SIZE) if subtitle else (part, font_size)
        fits = max(12, int((width - PAGE_PADDING) / (CHAR_WIDTH * size)))
        current, used = [], 0
        broken = []
        for token in re.findall(r"(?:<[^>]*>|[^\s<])+", inner):
            length = _visible_length(token)
            if current and used + 1 + length > fits:
                broken.append(" ".join(current))
                current, used = [], 0
            current.append(token)
            used += length + (1 if used else 0)
        broken.append(" ".join(current))
        lines += [f"<sup>{line}</sup>" for line in broken] if subtitle else broken
    return "<br>".join(lines)


def title_layout(title: str, meta: dict | None = None, extra_top: int = 0, **margin) -> dict:
    """Layout entries for a title wrapped at phone width below the toolbar: title, margin, meta.

    ``extra_top``: pixels between the title and the plot for something drawn there (a legend on top).
    ``margin``: the other sides (l, r, b). ``meta`` is kept with the title as written (``meta["title"]``),
    which exports and text alternatives read.
    """
    text = reading_order(wrap(title))
    subtitles = text.count("<sup>")
    height = TITLE_LINE * (text.count("<br>") + 1 - subtitles) + SUBTITLE_LINE * subtitles
    return {"title": {"text": text, "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yref": "container",
                      "yanchor": "top", "pad": {"t": TOOLBAR, "l": 4}},
            "margin": {**margin, "t": TOOLBAR + height + TITLE_GAP + extra_top},
            "meta": {**(meta or {}), "title": title}, "separators": separators()}


def axis_title(text: str, chars: int = AXIS_TITLE_CHARS) -> str:
    """An axis title in lines of at most ``chars`` characters: plotly centres it and lets it run off a phone."""
    return reading_order("<br>".join(textwrap.wrap(text, chars)) or text)


def plotly_config(map_chart: bool = False, image_button: bool = False) -> dict:
    """st.plotly_chart config: no toolbar, and local topojson for maps (offline).

    The toolbar's buttons were 38 of the 73 Tab stops of a theme page (eight per chart, before the
    reader reached the chart's own Download menu), and what readers used of it, the image download,
    the Download menu under every chart does better (PNG, SVG, PDF with title and source). Zoom by
    dragging and double-click to reset still work with the mouse; hover still shows the values.
    image_button: keep the toolbar's camera alone (an SVG from the browser), for a server that cannot
    render images itself (no Chromium).
    """
    config = {"displaylogo": False, "displayModeBar": image_button}
    if image_button:
        config.update(modeBarButtons=[["toImage"]], toImageButtonOptions={"format": "svg", "filename": "childsdg-chart"})
    if map_chart:
        config["topojsonURL"] = MAP_TOPOJSON_URL
    return config


def map_colours(polarity: str) -> tuple[list[list], str]:
    """(plotly colorscale, what darker means) so that darker is worse for children."""
    if polarity == "higher_is_better":
        return palette.sequential_scale(), _("darker = lower (worse)")
    if polarity == "lower_is_better":
        return palette.sequential_scale(reverse=True), _("darker = higher (worse)")
    return palette.sequential_scale(reverse=True), _("darker = higher")


def _figure(title: str | None, data: list[dict], meta: dict | None = None, margin: dict | None = None,
            **layout) -> go.Figure:
    """One ``go.Figure(data=..., layout=...)`` call from plain dicts, in the project's template.

    Built in one call rather than trace by trace with ``add_trace``/``update_*``: plotly validates
    every such call on its own, which made the three figures of a theme page cost ~130 ms of a
    rerun; one call validates once (a map: 24 ms -> 9 ms), as in ``theme_charts``.
    """
    heading = ({"margin": margin or {}, "separators": separators(), **({"meta": meta} if meta else {})}
               if title is None
               else title_layout(title, meta, **(margin or {})))
    return go.Figure(data=data, layout={"template": TEMPLATE_NAME, **heading, **layout})


def _value_labels(values: pd.Series, unit_kind: str) -> list[str]:
    return [formatting.number(v, unit_kind) for v in values]


def choropleth(latest: pd.DataFrame, names: pd.Series, indicator: pd.Series, year: int, geojson,
               focal: str | None = None) -> go.Figure:
    """World or regional map of each country's latest value up to ``year``; ``focal`` (an ISO3) outlined.

    latest: iso3, data_year, value, kind. geojson: a dict, or a URL the browser fetches once.
    The colour bar lies under the map, so that on a phone the map has the chart's whole width.
    """
    colorscale, meaning = map_colours(indicator["polarity"])
    hover = [f"<b>{names.get(iso3, iso3)}</b><br>{formatting.number(value, indicator['unit_kind'])}<br>"
             + _(KIND_VALUE.get(kind, "{kind}, {year}")).format(kind=kind, year=int(data_year))
             for iso3, value, kind, data_year in zip(latest["iso3"], latest["value"], latest["kind"],
                                                     latest["data_year"])]
    countries = {
        "type": "choropleth", "geojson": geojson, "featureidkey": "id", "locations": latest["iso3"],
        "z": latest["value"], "colorscale": colorscale,
        "marker": {"line": {"color": palette.MAP_BORDER, "width": 0.5}},
        "colorbar": {"title": {"text": indicator["unit"], "side": "top"}, "orientation": "h", "thickness": 12,
                     "len": 0.9, "x": 0, "xanchor": "left", "y": 0, "yanchor": "top"},
        "text": hover, "hoverinfo": "text", "name": indicator["short_name"]}
    data = [countries]
    if focal is not None and focal in set(latest["iso3"]):
        # A second, transparent layer holding only the focal country's thick black outline.
        clear = "rgba(0,0,0,0)"
        data.append({"type": "choropleth", "geojson": geojson, "featureidkey": "id", "locations": [focal], "z": [1],
                     "colorscale": [[0, clear], [1, clear]], "showscale": False, "hoverinfo": "skip",
                     "marker": {"line": {"color": palette.FOCAL, "width": 2.5}},
                     "name": _("{country} (outlined)").format(country=names.get(focal, focal))})
    return _figure(_("{indicator}, latest value up to {year}").format(indicator=indicator["short_name"], year=year),
                   data, height=MAP_HEIGHT,
                   margin={"l": 0, "r": 0, "b": 60},
                   geo={"projection": {"type": "natural earth"}, "showframe": False, "showcoastlines": True,
                        "coastlinecolor": palette.MAP_COAST, "coastlinewidth": 0.5, "showcountries": False,
                        "showland": True, "landcolor": palette.MAP_LAND, "fitbounds": "locations",
                        "bgcolor": palette.WHITE},
                   meta={"colour_meaning": meaning, "unit_kind": indicator["unit_kind"]})


def _end_label_positions(ends: list[tuple[float, int]], axis: tuple[float, float], plot_height: float) -> list[float]:
    """Where each line's end label goes: beside its line's last value, pushed apart so that none overlaps.

    ends: (last value, lines of text) per label. axis: the y axis's (low, high), over ``plot_height``
    pixels. Labels are stacked from the lowest up, each at least half its height and half its
    neighbour's (END_LABEL_GAP px a line) above the one below, then the stack is moved as a whole so that
    the labels are, on average, level with their lines; order is kept, so each stays beside its line.
    """
    per_pixel = (axis[1] - axis[0]) / max(plot_height, 1.0) or 1.0
    order = sorted(range(len(ends)), key=lambda i: ends[i][0])
    placed, below = {}, None
    for i in order:
        value, lines = ends[i]
        if below is None:
            placed[i] = value
        else:
            room = (below[1] + lines) / 2 * END_LABEL_GAP * per_pixel
            placed[i] = max(value, placed[below[0]] + room)
        below = (i, lines)
    shift = sum(placed[i] - ends[i][0] for i in placed) / max(len(ends), 1)  # the stack centred on the ends
    return [placed[i] - shift for i in range(len(ends))]


def end_label(name: str, bold: bool = False) -> str:
    """A line's name for its end: wrapped at END_LABEL_CHARS, in bold for the focal country."""
    lines = textwrap.wrap(name, END_LABEL_CHARS) or [name]
    return "<br>".join(f"<b>{line}</b>" if bold else line for line in lines)


def _last_point(trace: dict) -> tuple[float, float] | None:
    """A trace's last (x, y) with both values, or None."""
    pairs = [(x, y) for x, y in zip(list(trace["x"]), list(trace["y"]))
             if x is not None and y is not None and not formatting.is_missing(x) and not formatting.is_missing(y)]
    return (float(pairs[-1][0]), float(pairs[-1][1])) if pairs else None


def label_line_ends(data: list[dict], ends: list[tuple[int, str, str]], plot_height: float,
                    floor: float | None = 0.0) -> dict:
    """Each labelled line's name at its last point, and the legend in the order the lines end.

    data: the figure's traces (dicts); ends: (index into data, label, colour) of each line to label.
    The traces get a ``legendrank`` (highest last value first, as the lines stand at the right); labels
    are stacked so that none overlaps (``_end_label_positions``) over a y axis from ``floor`` (None:
    the lowest value drawn). Returns layout entries: ``annotations``, the right margin the labels need
    (``right``) and an x ``range`` over the points drawn, which autorange stretched for the labels.
    """
    placed = [(index, label, colour, point) for index, label, colour in ends
              if (point := _last_point(data[index])) is not None]
    for rank, (index, *_rest) in enumerate(sorted(placed, key=lambda end: -end[3][1])):
        data[index]["legendrank"] = 100 + rank  # plotly lists a lower rank first
    drawn_y = [y for trace in data for y in trace["y"] if y is not None and not formatting.is_missing(y)]
    drawn_x = [x for trace in data for x in trace["x"] if x is not None and not formatting.is_missing(x)]
    low = min(drawn_y, default=0.0) if floor is None else min(floor, *drawn_y) if drawn_y else floor
    axis = (low, max(drawn_y, default=1.0))
    positions = _end_label_positions([(point[1], label.count("<br>") + 1) for _index, label, _colour, point in placed],
                                     axis, plot_height)
    longest = max((_visible_length(line) for _index, label, _colour, _point in placed for line in label.split("<br>")),
                  default=0)
    return {"annotations": [{"x": point[0], "y": y, "xref": "x", "yref": "y", "text": label, "showarrow": False,
                             "xanchor": "left", "xshift": 6, "align": "left", "font": {"color": colour, "size": 12}}
                            for (_index, label, colour, point), y in zip(placed, positions)],
            "right": int(12 + CHAR_WIDTH * 12 * longest),
            "range": [min(drawn_x) - 0.5, max(drawn_x) + 0.5] if drawn_x else None}


def trend(series: pd.DataFrame, names: pd.Series, indicator: pd.Series, aggregate: pd.DataFrame | None = None,
          group_name: str | None = None, target: float | None = None, notes: pd.DataFrame | None = None,
          focal: str | None = None) -> go.Figure:
    """Lines per country (survey points dotted), the group's line (its weighted value or the producer's
    published aggregate), the 2030 target, and a marker on each country-year a series note explains.

    Each line ends in its name; the legend lists the lines in the order of their last values, highest
    first, as they stand at the right. ``focal`` (an ISO3 of ``series``) is drawn black and thick, the
    others in ``palette.LINES``; the target's vermillion is no line's colour.
    series: iso3, year, value, kind. aggregate: year, value, coverage, and optionally published and
    producer (``api.group_series``): a producer's published aggregate is named as such, not "weighted".
    notes: iso3, year, note.
    """
    unit_kind = indicator["unit_kind"]
    data, ends = [], []  # ends: (index in data, label, colour) of each line
    others = 0
    survey_hover = "%{customdata} " + _("(survey)") + "<extra>%{fullData.name}</extra>"
    for iso3, rows in series.groupby("iso3", sort=False):
        survey = (rows["kind"] == "survey").any()
        is_focal = iso3 == focal
        colour = palette.FOCAL if is_focal else palette.line_colour(others)
        others += 0 if is_focal else 1
        name = names.get(iso3, iso3)
        data.append({
            "type": "scatter", "x": rows["year"], "y": rows["value"], "name": name,
            "legendgroup": iso3, "mode": "lines+markers" if survey else "lines",
            "line": {"color": colour, "width": 3.5 if is_focal else 2, "dash": "dot" if survey else "solid"},
            "marker": {"size": 7}, "customdata": _value_labels(rows["value"], unit_kind),
            "hovertemplate": survey_hover if survey else "%{customdata}<extra>%{fullData.name}</extra>"})
        ends.append((len(data) - 1, end_label(name, is_focal), colour))
    if aggregate is not None and aggregate["value"].notna().any():
        shown = aggregate[aggregate["value"].notna()]
        published = "published" in shown.columns and bool(shown["published"].any())
        # The line breaks where a year has no value or, for ours, where the countries behind it change
        # (a new segment); a producer's series has one composition throughout.
        pieces = (shown["segment"] if "segment" in shown and not published
                  else pd.Series(0, index=shown.index))
        years, values, labels, previous = [], [], [], None
        for year, value, coverage, piece in zip(shown["year"], shown["value"], shown["coverage"], pieces):
            if previous is not None and (piece != previous[1] or year != previous[0] + 1):
                years, values, labels = years + [None], values + [None], labels + [None]
            years.append(int(year))
            values.append(float(value))
            labels.append(_("{value}, published").format(value=formatting.number(value, unit_kind)) if published
                          else _("{value}, covers {share}").format(value=formatting.number(value, unit_kind),
                                                                   share=formatting.share(coverage)))
            previous = (year, piece)
        name = (_("{group} ({producer}, published)").format(group=group_name, producer=shown["producer"].iloc[0])
                if published else _("{group} (weighted)").format(group=group_name))
        data.append({
            "type": "scatter", "x": years, "y": values, "name": name,
            "mode": "lines+markers", "line": {"color": palette.AGGREGATE, "width": 3, "dash": "dash"},
            "marker": {"size": 5}, "customdata": labels, "connectgaps": False,
            "hovertemplate": "%{customdata}<extra>%{fullData.name}</extra>"})
        ends.append((len(data) - 1, end_label(group_name or name), palette.AGGREGATE))
    if notes is not None and not notes.empty:
        data.append(_note_markers(series, names, notes))
    labelled = label_line_ends(data, ends, TREND_PLOT_HEIGHT)
    annotations = labelled["annotations"]
    shapes = []
    if target is not None and not formatting.is_missing(target):
        # A plain shape and annotation: add_hline costs ~17 ms per call in plotly's shape processing.
        shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": float(target),
                       "y1": float(target), "line": {"color": palette.TARGET, "dash": "dot", "width": 2}})
        target_text = _("2030 target: {value}").format(value=formatting.number(target, unit_kind))
        annotations.append({"text": reading_order(target_text),
                            "name": TARGET_ANNOTATION, "xref": "paper", "x": 0,
                            "xanchor": "left", "yref": "y", "y": float(target), "yanchor": "bottom",
                            "showarrow": False, "font": {"color": palette.TARGET}})
    return _figure(f"{indicator['short_name']} ({indicator['unit']})", data, meta={"unit_kind": unit_kind},
                   height=TREND_HEIGHT, hovermode="x unified", margin={"r": labelled["right"]},
                   xaxis={"tickformat": "d", **({"range": labelled["range"]} if labelled["range"] else {})},
                   shapes=shapes, annotations=annotations)


def _note_markers(series: pd.DataFrame, names: pd.Series, notes: pd.DataFrame) -> dict:
    """Open diamonds on the noted values of the countries drawn, the note in their hover text."""
    noted = notes.merge(series[["iso3", "year", "value"]], on=["iso3", "year"])
    texts = [f"{names.get(iso3, iso3)}, {year}: " + "<br>".join(textwrap.wrap(note, NOTE_HOVER_WIDTH))
             for iso3, year, note in zip(noted["iso3"], noted["year"], noted["note"])]
    return {"type": "scatter", "x": noted["year"], "y": noted["value"], "name": _("Series note (hover)"),
            "mode": "markers", "marker": {"symbol": "diamond-open", "size": 13, "color": palette.TEXT,
                                          "line": {"width": 2}},
            "customdata": texts, "hovertemplate": "%{customdata}<extra>" + _("note") + "</extra>",
            "meta": {"describe": False}}  # the notes are said under the chart


def ranking(latest: pd.DataFrame, names: pd.Series, indicator: pd.Series, year: int,
            aggregate_value: float | None = None, group_name: str | None = None, focal: str | None = None) -> go.Figure:
    """Horizontal bars, best at the top; a bar's data year is shown when it is not ``year``.

    Values sit just past the end of their bars, and inside the end of the longest bars, whose values
    would otherwise run off the chart. The group's dashed line runs behind the bars and their values
    (drawn on top, it crossed the values of bars ending near it), and each value outside a bar has a
    white halo, so that the line stops short of it. Modelled values are blue, survey values light
    blue; ``focal`` (an ISO3) is black with its name in bold.
    latest: iso3, data_year, value, kind.
    """
    unit_kind = indicator["unit_kind"]
    ascending = indicator["polarity"] != "higher_is_better"
    ordered = latest.sort_values("value", ascending=not ascending)  # plotly draws the last row on top
    labels = [formatting.compact(v, unit_kind) + ("" if int(y) == int(year) else f" ({int(y)})")
              for v, y in zip(ordered["value"], ordered["data_year"])]
    title = _("{indicator}: ranking, latest value up to {year}").format(indicator=indicator["short_name"], year=year)
    group_line = {}
    if aggregate_value is not None and not formatting.is_missing(aggregate_value):
        title += "<br><sup>" + _("dashed line: {group}, {value}").format(
            group=group_name, value=formatting.compact(aggregate_value, unit_kind)) + "</sup>"
        group_line = {"shapes": [{"type": "line", "yref": "paper", "y0": 0, "y1": 1, "xref": "x",
                                  "x0": float(aggregate_value), "x1": float(aggregate_value), "layer": "between",
                                  "line": {"color": palette.AGGREGATE, "dash": "dash"}}]}
    longest = ordered["value"].max()
    positions = ["inside" if v >= LONG_BAR * longest else "outside" for v in ordered["value"]]
    fills = [palette.FOCAL if iso3 == focal else palette.LIGHT_BLUE if kind == "survey" else palette.NAMED["blue"]
             for iso3, kind in zip(ordered["iso3"], ordered["kind"])]
    bars = {"type": "bar", "x": ordered["value"],
            "y": [f"<b>{names.get(i, i)}</b>" if i == focal else names.get(i, i) for i in ordered["iso3"]],
            "orientation": "h", "marker": {"color": fills},
            "text": labels, "textposition": positions,
            "insidetextanchor": "end", "textangle": 0,
            "insidetextfont": {"size": 11, "color": [palette.text_on(fill) for fill in fills]},
            "outsidetextfont": {"size": 11, "color": palette.TEXT, "shadow": HALO},
            "cliponaxis": False, "name": indicator["short_name"], "hovertemplate": "%{y}: %{text}<extra></extra>"}
    return _figure(title, [bars], meta={"unit_kind": unit_kind}, height=max(260, 22 * len(ordered) + 110),
                   bargap=0.2, **group_line,
                   uniformtext={"minsize": 11, "mode": "show"},  # not shrunk to the bar's thickness
                   xaxis={"title": {"text": axis_title(indicator["unit"], RANKING_AXIS_TITLE_CHARS)}, "showgrid": True,
                          "gridcolor": palette.GRID},
                   yaxis={"automargin": True})


def sparkline(line: pd.DataFrame) -> go.Figure:
    """A small trend line of a group's values (year, value), no axes but the years at both ends."""
    return _figure(None, [{"type": "scatter", "x": line["year"], "y": line["value"], "mode": "lines",
                           "line": {"color": palette.NAMED["blue"], "width": 2}}],
                   # Room for half a year label at each end: with none, plotly hid both labels.
                   margin={"l": 16, "r": 16, "t": 4, "b": 18},
                   height=90, showlegend=False,
                   xaxis={"tickvals": [line["year"].min(), line["year"].max()], "tickformat": "d", "showline": False,
                          "ticks": ""},
                   yaxis={"visible": False, "rangemode": "normal"})
