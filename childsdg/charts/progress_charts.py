"""Figures of the Progress and Peers pages, in the project's template (charts.TEMPLATE_NAME).

Statuses are drawn with ``status.STYLES`` and ``palette.STATUS``: a colour AND words (legend, hover, bar labels) or a
marker shape, never colour alone. Each function takes the API's tables as they come.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from childsdg import formatting, i18n
from childsdg.analysis import status
from childsdg.charts import common_charts, palette
from childsdg.i18n import _

TARGET_GROUP = "target"  # the legend group of a chart's 2030 target line, which is no country
# The template's legend sits at a fixed fraction of the plot height below the plot (y=-0.12), where
# the x-axis title and tick labels also go: on these charts it covered them. Anchored to the bottom
# of the figure instead (container coordinates), plotly reserves the legend's own height, however
# many rows it wraps into at the chart's width, and puts the axis labels above it.
LEGEND_BELOW = {"orientation": "h", "xref": "container", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                "yanchor": "bottom", "traceorder": "normal"}
# A narrow chart wraps a legend of long country names into one entry per row (20 px each): the
# trajectory chart grows by a row per legend entry so that its plot keeps ~250 px at 800 px.
TRAJECTORY_HEIGHT, LEGEND_ROW, TRAJECTORY_PLOT_HEIGHT = 360, 20, 250


def _figure(title: str, unit_kind: str | None = None, margin: dict | None = None, **layout) -> go.Figure:
    """An empty figure in the project's template with its legend below the axis labels (``layout`` may replace it);
    ``unit_kind`` in its meta, for ``text_alternatives``."""
    meta = {"unit_kind": unit_kind} if unit_kind else None
    return go.Figure(layout={"template": common_charts.TEMPLATE_NAME, "legend": LEGEND_BELOW,
                             **common_charts.title_layout(title, meta, **(margin or {})), **layout})


def _hover(table: pd.DataFrame, unit_kind: str) -> list[str]:
    return [f"<b>{name}</b><br>{badge}<br>" + _("latest: {value}").format(value=formatting.number(value, unit_kind))
            + ("" if formatting.is_missing(year) else f" ({int(year)})")
            for name, badge, value, year in zip(table["name"], status.badges(table), table["latest_value"],
                                                table["latest_year"])]


def _legend_name(style: status.Style) -> str:
    """A status in a legend: its symbol and its words in the reader's language ('✔ target met')."""
    return f"{style.symbol} {_(style.label)}"


def status_map(table: pd.DataFrame, indicator: pd.Series, start: int, geojson) -> go.Figure:
    """One choropleth trace per status (a categorical map with a legend); hover names the status in words.

    table: rows of api.progress (iso3, name, status, severe, latest_value, latest_year).
    """
    figure = _figure(_("{indicator}: progress to the 2030 target, window from {start}").format(
                         indicator=indicator["short_name"], start=start), height=480,
                     margin={"l": 0, "r": 0, "b": 0}, legend={"orientation": "h", "y": -0.02, "x": 0})
    for code, style in status.STYLES.items():
        rows = table[table["status"] == code]
        if rows.empty:
            continue
        figure.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="id", locations=rows["iso3"], z=[1] * len(rows),
            colorscale=[[0, palette.STATUS[code]], [1, palette.STATUS[code]]], showscale=False, showlegend=True,
            name=f"{_legend_name(style)} ({len(rows)})", marker={"line": {"color": palette.MAP_BORDER, "width": 0.5}},
            text=_hover(rows, indicator["unit_kind"]), hoverinfo="text"))
    figure.update_geos(projection_type="natural earth", showframe=False, showcoastlines=True,
                       coastlinecolor=palette.MAP_COAST, coastlinewidth=0.5, showcountries=False, showland=True,
                       landcolor=palette.MAP_LAND, fitbounds="locations", bgcolor=palette.WHITE)
    return figure


def status_counts(counts: pd.DataFrame, title: str) -> go.Figure:
    """Stacked horizontal bars: countries per status in each group, each segment labelled with its count.

    counts: rows of api.progress_counts for one indicator (group_name, status, n_countries).
    """
    order = list(dict.fromkeys(counts["group_name"]))
    figure = _figure(title, height=max(240, 34 * len(order) + 140), barmode="stack", bargap=0.3)
    for code, style in status.STYLES.items():
        rows = counts[counts["status"] == code].set_index("group_name").reindex(order)
        if not rows["n_countries"].sum():
            continue
        figure.add_trace(go.Bar(
            y=order, x=rows["n_countries"], orientation="h", name=_legend_name(style),
            marker={"color": palette.STATUS[code], "line": {"color": palette.WHITE, "width": 1}},
            text=[str(int(n)) if n else "" for n in rows["n_countries"]], textposition="inside",
            insidetextanchor="middle", insidetextfont={"color": palette.text_on(palette.STATUS[code])},
            hovertemplate=_("%{y}: %{x} countries") + "<extra>%{fullData.name}</extra>"))
    figure.update_xaxes(title=common_charts.reading_order(_("countries")), showgrid=True, gridcolor=palette.GRID)
    figure.update_yaxes(title=None, autorange="reversed", rangemode=None)
    return figure


def rate_scatter(table: pd.DataFrame, indicator: pd.Series, start: int) -> go.Figure:
    """Observed against required annual rate, one marker shape per status, and the diagonal (observed = required).

    Above the diagonal the pace suffices. Only countries with both rates: those that met the target
    need no rate, those with fewer than two points have no observed one.
    """
    shown = table[table["rate_observed"].notna() & table["rate_required"].notna()]
    figure = _figure(_("{indicator}: observed against required pace (% a year, window from {start})").format(
                         indicator=indicator["short_name"], start=start), height=460)
    for code, style in status.STYLES.items():
        rows = shown[shown["status"] == code]
        if rows.empty:
            continue
        figure.add_trace(go.Scatter(
            x=rows["rate_required"], y=rows["rate_observed"], mode="markers", name=_legend_name(style),
            marker={"symbol": style.marker, "color": palette.STATUS[code], "size": 10,
                    "line": {"color": palette.TEXT, "width": 0.6}},
            customdata=rows["iso3"],
            text=[f"<b>{n}</b><br>" + _("observed {observed} a year, required {required}").format(
                      observed=i18n.percent(o, 1, signed=True), required=i18n.percent(r, 1))
                  for n, o, r in zip(rows["name"], rows["rate_observed"], rows["rate_required"])],
            hovertemplate="%{text}<extra>%{fullData.name}</extra>"))
    if not shown.empty:
        low = float(min(0, shown["rate_observed"].min(), shown["rate_required"].min()))
        high = float(max(shown["rate_observed"].max(), shown["rate_required"].max()))
        figure.update_layout(shapes=[
            {"type": "line", "x0": low, "y0": low, "x1": high, "y1": high,
             "line": {"color": palette.MUTED_TEXT, "dash": "dash"}},
            {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0, "y1": 0,
             "line": {"color": palette.AXIS_LINE, "width": 1}}],
            annotations=[{"x": high, "y": high, "text": common_charts.reading_order(_("observed = required")), "showarrow": False,
                          "xanchor": "right", "yanchor": "bottom", "font": {"color": palette.MUTED_TEXT}}])
    # Axis titles on one line that fits a phone: plotly's automargin counts one line of a wrapped title,
    # and the legend below then covered the second.
    figure.update_xaxes(title=common_charts.reading_order(_("required pace to the 2030 target (% a year)")), showgrid=True, gridcolor=palette.GRID)
    figure.update_yaxes(title=common_charts.reading_order(_("observed (% a year, positive = improving)")), rangemode="normal")
    return figure


def level_aligned(lines: pd.DataFrame, indicator: pd.Series, focal_name: str, level: float, target: float) -> go.Figure:
    """'Years since standing at level L': the focal country up to now (x <= 0) and each peer from then (x >= 0).

    lines: rows of api.peer_trajectories. Peers flagged as rebounds are dashed and say so in the legend. Each
    peer's line ends in its name; the legend lists the focal country, the peers as their lines end
    (highest first), then the target.
    The focal country's target is a dotted line named in the legend: a label on the plot, where the
    peers' lines converge, covered them.
    """
    unit_kind = indicator["unit_kind"]
    figure = _figure(_("{indicator}: {country} and its peers, aligned on the year each stood at {level}").format(
                         indicator=indicator["short_name"], country=focal_name,
                         level=formatting.number(level, unit_kind)), unit_kind, hovermode="closest",
                     height=TRAJECTORY_HEIGHT + LEGEND_ROW * (lines["iso3"].nunique() + 1))
    data, ends = [], []  # ends: the peers' lines, each named at its last point
    hover = _("%{customdata[1]} in %{customdata[0]}") + "<extra>%{fullData.name}</extra>"
    for position, (_iso3, rows) in enumerate(lines.groupby("iso3", sort=False)):
        focal = rows["role"].iloc[0] == "focal"
        rebound = bool(rows["rebound"].iloc[0])
        name = (_("{country} (now)") if focal else _("{country} (rebound)") if rebound else "{country}").format(
            country=rows["name"].iloc[0])
        colour = palette.FOCAL if focal else palette.line_colour(position)
        data.append({
            "type": "scatter", "x": rows["years_since_level"].tolist(), "y": rows["value"].tolist(), "name": name,
            "mode": "lines+markers", "line": {"color": colour, "width": 4 if focal else 2,
                                              "dash": "dash" if rebound else "solid"},
            "marker": {"size": 5}, "legendrank": 1 if focal else 1000,  # the focal country first in the legend
            "customdata": [[int(y), formatting.number(v, unit_kind)] for y, v in zip(rows["year"], rows["value"])],
            "hovertemplate": hover})
        if not focal:  # the focal line ends at 0, among the peers' lines: the legend and its black name it
            ends.append((len(data) - 1, common_charts.end_label(rows["name"].iloc[0]), colour))
    if not formatting.is_missing(target):
        span = [float(lines["years_since_level"].min()), float(lines["years_since_level"].max())]
        data.append({
            "type": "scatter", "x": span, "y": [float(target)] * 2, "mode": "lines",
            "name": _("{country}'s 2030 target: {value}").format(country=focal_name,
                                                                 value=formatting.number(target, unit_kind)),
            "legendgroup": TARGET_GROUP,
            "line": {"color": palette.TARGET, "dash": "dot", "width": 2}, "legendrank": 2000,
            "hovertemplate": "%{fullData.name}<extra></extra>"})
    labelled = common_charts.label_line_ends(data, ends, TRAJECTORY_PLOT_HEIGHT)
    figure.add_traces(data)
    figure.update_layout(
        margin_r=labelled["right"],
        shapes=[{"type": "line", "xref": "x", "x0": 0, "x1": 0, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": palette.AXIS_LINE, "width": 1}}],
        annotations=[{"x": 0, "xref": "x", "y": 1, "yref": "paper", "text": common_charts.reading_order(_("stood at the level")), "showarrow": False,
                      "xanchor": "left", "yanchor": "bottom", "font": {"color": palette.MUTED_TEXT}},
                     *labelled["annotations"]])
    figure.update_xaxes(title=common_charts.reading_order(_("years since standing at this level")), dtick=5, zeroline=False,  # the title names it
                        range=labelled["range"])
    figure.update_yaxes(title=indicator["unit"])
    return figure
