"""Plotly figures with the project's own look, so that screen and exports match (``theme=None``).

Colour choices are colour-blind-safe: the Okabe-Ito palette for lines and bars, viridis for maps.
On maps, darker always means worse for children (the scale flips with the indicator's polarity) and
the caption says so. Survey points are drawn as dots joined by dotted lines, modelled series as solid
lines, so that the kind of every number is visible in the chart itself.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from childsdg import formatting

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
AGGREGATE_COLOUR = "#222222"
TARGET_COLOUR = "#D55E00"
NOTE_HOVER_WIDTH = 60  # characters per line of a series note in a hover box
MAP_TOPOJSON_URL = "app/static/topojson/"
TEMPLATE_NAME = "childsdg"
LONG_BAR = 0.6  # of the longest bar: a ranking bar this long holds its value inside
# A white outline, 3 px wide, around text drawn over a line (CSS text-shadow), as maps label over roads.
HALO = ", ".join(f"{x}px {y}px 0 white" for x in (-3, -1.5, 0, 1.5, 3) for y in (-3, -1.5, 0, 1.5, 3) if x or y)

pio.templates[TEMPLATE_NAME] = go.layout.Template(layout=go.Layout(
    font={"family": "Arial, Helvetica, sans-serif", "size": 13, "color": "#222222"},
    title={"font": {"size": 16}, "x": 0, "xanchor": "left"},
    colorway=OKABE_ITO,
    paper_bgcolor="white",
    plot_bgcolor="white",
    margin={"l": 10, "r": 10, "t": 50, "b": 10},
    xaxis={"showgrid": False, "linecolor": "#888888", "ticks": "outside", "zeroline": False, "automargin": True},
    yaxis={"gridcolor": "#E5E5E5", "zeroline": False, "rangemode": "tozero", "automargin": True},
    legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    hoverlabel={"font": {"size": 12}},
))


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


def map_colours(polarity: str) -> tuple[str, str]:
    """(plotly colorscale, what darker means) so that darker is worse for children."""
    if polarity == "higher_is_better":
        return "Viridis", "darker = lower (worse)"
    if polarity == "lower_is_better":
        return "Viridis_r", "darker = higher (worse)"
    return "Viridis_r", "darker = higher"


def _figure(title: str | None, data: list[dict], **layout) -> go.Figure:
    """One ``go.Figure(data=..., layout=...)`` call from plain dicts, in the project's template.

    Built in one call rather than trace by trace with ``add_trace``/``update_*``: plotly validates
    every such call on its own, which made the three figures of a theme page cost ~130 ms of a
    rerun; one call validates once (a map: 24 ms -> 9 ms), as in ``theme_charts``.
    """
    heading = {} if title is None else {"title": {"text": title}}
    return go.Figure(data=data, layout={"template": TEMPLATE_NAME, **heading, **layout})


def _value_labels(values: pd.Series, unit_kind: str) -> list[str]:
    return [formatting.number(v, unit_kind) for v in values]


def choropleth(latest: pd.DataFrame, names: pd.Series, indicator: pd.Series, year: int, geojson) -> go.Figure:
    """World or regional map of each country's latest value up to ``year``.

    latest: iso3, data_year, value, kind. geojson: a dict, or a URL the browser fetches once.
    """
    colorscale, meaning = map_colours(indicator["polarity"])
    hover = [f"<b>{names.get(iso3, iso3)}</b><br>{formatting.number(value, indicator['unit_kind'])}"
             f"<br>{kind} value, {int(data_year)}"
             for iso3, value, kind, data_year in zip(latest["iso3"], latest["value"], latest["kind"],
                                                     latest["data_year"])]
    countries = {
        "type": "choropleth", "geojson": geojson, "featureidkey": "id", "locations": latest["iso3"],
        "z": latest["value"], "colorscale": colorscale, "marker": {"line": {"color": "white", "width": 0.4}},
        "colorbar": {"title": {"text": indicator["unit"], "side": "right"}, "thickness": 12, "len": 0.8},
        "text": hover, "hoverinfo": "text", "name": indicator["short_name"]}
    return _figure(f"{indicator['short_name']}, latest value up to {year}", [countries], height=460,
                   margin={"l": 0, "r": 0, "t": 40, "b": 0},
                   geo={"projection": {"type": "natural earth"}, "showframe": False, "showcoastlines": False,
                        "showcountries": False, "showland": True, "landcolor": "#EEEEEE", "fitbounds": "locations",
                        "bgcolor": "white"},
                   meta={"colour_meaning": meaning})


def trend(series: pd.DataFrame, names: pd.Series, indicator: pd.Series, aggregate: pd.DataFrame | None = None,
          group_name: str | None = None, target: float | None = None, notes: pd.DataFrame | None = None) -> go.Figure:
    """Lines per country (survey points dotted), the group's line (its weighted value or the producer's
    published aggregate), the 2030 target, and a marker on each country-year a series note explains.

    series: iso3, year, value, kind. aggregate: year, value, coverage, and optionally published and
    producer (``api.group_series``): a producer's published aggregate is named as such, not "weighted".
    notes: iso3, year, note.
    """
    unit_kind = indicator["unit_kind"]
    data = []
    for position, (iso3, rows) in enumerate(series.groupby("iso3", sort=False)):
        survey = (rows["kind"] == "survey").any()
        data.append({
            "type": "scatter", "x": rows["year"], "y": rows["value"], "name": names.get(iso3, iso3),
            "legendgroup": iso3, "mode": "lines+markers" if survey else "lines",
            "line": {"color": OKABE_ITO[position % len(OKABE_ITO)], "width": 2, "dash": "dot" if survey else "solid"},
            "marker": {"size": 7}, "customdata": _value_labels(rows["value"], unit_kind),
            "hovertemplate": "%{customdata}" + (" (survey)" if survey else "") + "<extra>%{fullData.name}</extra>"})
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
            labels.append(f"{formatting.number(value, unit_kind)}, "
                          + ("published" if published else f"covers {formatting.share(coverage)}"))
            previous = (year, piece)
        name = f"{group_name} ({shown['producer'].iloc[0]}, published)" if published else f"{group_name} (weighted)"
        data.append({
            "type": "scatter", "x": years, "y": values, "name": name,
            "mode": "lines+markers", "line": {"color": AGGREGATE_COLOUR, "width": 3, "dash": "dash"},
            "marker": {"size": 5}, "customdata": labels, "connectgaps": False,
            "hovertemplate": "%{customdata}<extra>%{fullData.name}</extra>"})
    if notes is not None and not notes.empty:
        data.append(_note_markers(series, names, notes))
    target_line = {}
    if target is not None and not formatting.is_missing(target):
        # A plain shape and annotation: add_hline costs ~17 ms per call in plotly's shape processing.
        target_line = {
            "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": float(target),
                        "y1": float(target), "line": {"color": TARGET_COLOUR, "dash": "dot", "width": 2}}],
            "annotations": [{"text": f"2030 target: {formatting.number(target, unit_kind)}", "xref": "paper", "x": 0,
                             "xanchor": "left", "yref": "y", "y": float(target), "yanchor": "bottom",
                             "showarrow": False, "font": {"color": TARGET_COLOUR}}]}
    return _figure(f"{indicator['short_name']} ({indicator['unit']})", data, height=420, hovermode="x unified",
                   xaxis={"tickformat": "d"}, **target_line)


def _note_markers(series: pd.DataFrame, names: pd.Series, notes: pd.DataFrame) -> dict:
    """Open diamonds on the noted values of the countries drawn, the note in their hover text."""
    noted = notes.merge(series[["iso3", "year", "value"]], on=["iso3", "year"])
    texts = [f"{names.get(iso3, iso3)}, {year}: " + "<br>".join(textwrap.wrap(note, NOTE_HOVER_WIDTH))
             for iso3, year, note in zip(noted["iso3"], noted["year"], noted["note"])]
    return {"type": "scatter", "x": noted["year"], "y": noted["value"], "name": "Series note (hover)",
            "mode": "markers", "marker": {"symbol": "diamond-open", "size": 13, "color": AGGREGATE_COLOUR,
                                          "line": {"width": 2}},
            "customdata": texts, "hovertemplate": "%{customdata}<extra>note</extra>"}


def ranking(latest: pd.DataFrame, names: pd.Series, indicator: pd.Series, year: int,
            aggregate_value: float | None = None, group_name: str | None = None) -> go.Figure:
    """Horizontal bars, best at the top; a bar's data year is shown when it is not ``year``.

    Values sit just past the end of their bars, and inside the end of the longest bars, whose values
    would otherwise run off the chart. The group's dashed line runs behind the bars and their values
    (drawn on top, it crossed the values of bars ending near it), and each value outside a bar has a
    white halo, so that the line stops short of it.
    latest: iso3, data_year, value, kind.
    """
    unit_kind = indicator["unit_kind"]
    ascending = indicator["polarity"] != "higher_is_better"
    ordered = latest.sort_values("value", ascending=not ascending)  # plotly draws the last row on top
    labels = [formatting.compact(v, unit_kind) + ("" if int(y) == int(year) else f" ({int(y)})")
              for v, y in zip(ordered["value"], ordered["data_year"])]
    title = f"{indicator['short_name']}: ranking, latest value up to {year}"
    group_line = {}
    if aggregate_value is not None and not formatting.is_missing(aggregate_value):
        title += f"<br><sup>dashed line: {group_name}, {formatting.compact(aggregate_value, unit_kind)}</sup>"
        group_line = {"shapes": [{"type": "line", "yref": "paper", "y0": 0, "y1": 1, "xref": "x",
                                  "x0": float(aggregate_value), "x1": float(aggregate_value), "layer": "between",
                                  "line": {"color": AGGREGATE_COLOUR, "dash": "dash"}}]}
    longest = ordered["value"].max()
    positions = ["inside" if v >= LONG_BAR * longest else "outside" for v in ordered["value"]]
    bars = {"type": "bar", "x": ordered["value"], "y": [names.get(i, i) for i in ordered["iso3"]], "orientation": "h",
            "marker": {"color": [OKABE_ITO[4] if k == "survey" else OKABE_ITO[0] for k in ordered["kind"]]},
            "text": labels, "textposition": positions,
            "insidetextanchor": "end", "textangle": 0, "textfont": {"size": 11}, "outsidetextfont": {"shadow": HALO},
            "cliponaxis": False, "name": indicator["short_name"], "hovertemplate": "%{y}: %{text}<extra></extra>"}
    return _figure(title, [bars], height=max(260, 22 * len(ordered) + 110), bargap=0.2, **group_line,
                   uniformtext={"minsize": 11, "mode": "show"},  # not shrunk to the bar's thickness
                   xaxis={"title": {"text": indicator["unit"]}, "showgrid": True, "gridcolor": "#E5E5E5"},
                   yaxis={"automargin": True})


def sparkline(line: pd.DataFrame) -> go.Figure:
    """A small trend line of a group's values (year, value), no axes but the years at both ends."""
    return _figure(None, [{"type": "scatter", "x": line["year"], "y": line["value"], "mode": "lines",
                           "line": {"color": OKABE_ITO[0], "width": 2}}],
                   height=90, margin={"l": 0, "r": 0, "t": 4, "b": 18}, showlegend=False,
                   xaxis={"tickvals": [line["year"].min(), line["year"].max()], "tickformat": "d", "showline": False,
                          "ticks": ""},
                   yaxis={"visible": False, "rangemode": "normal"})
