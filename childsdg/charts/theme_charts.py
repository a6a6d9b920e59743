"""Figures of the theme pages' own sections: gaps between two groups of children, climate hazards, displacement.

They share ``charts``' template, so that screen and exports look alike (``theme=None``), and ``palette``; every colour's meaning is stated in a legend (or the title) and in the caption under
the chart. Every figure takes its rows in reading order and draws the first at the top; country rows
carry their data year where it is not the year the reader chose, as the standard ranking does.

Each figure is built in one ``go.Figure(data=..., layout=...)`` call from plain dicts: plotly validates
every ``add_trace``/``update_*``/``add_vline`` call on its own, which made a figure five times slower to
build (about 55 ms against 11 ms for a dumbbell of 15 countries) — the difference between a page rerun
within its time budget and one over it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from childsdg import formatting, i18n
from childsdg.charts import common_charts, palette
from childsdg.i18n import _

CHILDREN_COLOUR = palette.NAMED["blue"]   # blue: children (estimated)
OTHERS_COLOUR = palette.LIGHT_BLUE        # light blue: adults (the rest of the same bar)
UNKNOWN_COLOUR = palette.NOT_ESTIMATED    # grey: no age known, children not estimated
BAR_COLOUR = palette.NAMED["blue"]
GRID = {"showgrid": True, "gridcolor": palette.GRID, "automargin": True}
ROW_HEIGHT = 24
LEGEND_ON_TOP = {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}
LEGEND_ROOM = 30  # pixels above the plot for a legend on top
TEXT_FONT = {"size": 11, "color": palette.MUTED_TEXT}


def _layout(title: str, rows: int, labels, margin: dict | None = None, extra_top: int = 0, unit_kind: str | None = None,
            **layout) -> dict:
    """The template, a title (wrapped, below the toolbar), a height for ``rows`` rows, and a category axis
    listing ``labels`` from the top; ``unit_kind`` in the meta, for ``text_alternatives``."""
    meta = {"unit_kind": unit_kind} if unit_kind else None
    return {"template": common_charts.TEMPLATE_NAME,
            **common_charts.title_layout(title, meta, extra_top=extra_top, **(margin or {})),
            "height": max(260, ROW_HEIGHT * rows + 140),
            "yaxis": {"title": None, "automargin": True, "rangemode": "normal", "categoryorder": "array",
                      "categoryarray": list(labels)[::-1]},  # plotly's category axis starts at the bottom
            **layout}


def _vline(x: float, colour: str, width: float = 1.5) -> dict:
    """A dashed vertical line across the plot at ``x``."""
    return {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
            "line": {"color": colour, "dash": "dash", "width": width}}


def gap_text(gap: float, unit_kind: str) -> str:
    """A gap for a label: '12.8 pp' between percentages, '3.1' otherwise."""
    if unit_kind in ("percent", "gross_ratio"):
        return _("{gap} pp").format(gap=i18n.decimal(abs(gap), 1))
    return formatting.compact(abs(gap), unit_kind)


def row_label(name: str, data_year, year: int, selected: bool = False) -> str:
    """'Ghana' or, where the value is older than the chosen year, 'Ghana (2018)'; in bold if the reader chose it."""
    label = name if int(data_year) == int(year) else f"{name} ({int(data_year)})"  # a year: no words
    return f"<b>{label}</b>" if selected else label


def dumbbell(table: pd.DataFrame, indicator: pd.Series, labels: tuple[str, str], colours: tuple[str, str],
             group_values: tuple[float, float] | None = None, subtitle: str = "") -> go.Figure:
    """Two dots per country joined by a line (e.g. girls and boys), the largest gap at the top.

    table: id (each dot's ISO3, kept on the trace), label, first_value, second_value, gap (first - second),
    in reading order. group_values: the group's weighted value of each category, drawn as dashed vertical
    lines in the dots' colours.
    """
    unit_kind = indicator["unit_kind"]
    # The dots are coloured, the words stay in the text colour (a coloured word needs 4.5:1, a dot 3:1).
    keys = [f"<span style='color:{colour}'>●</span> {label}" for label, colour in zip(labels, colours)]
    # The title is the legend.
    title = _("{indicator}: {first} and {second}").format(indicator=indicator["short_name"], first=keys[0],
                                                         second=keys[1])
    if subtitle:
        title += f"<br><sup>{subtitle}</sup>"
    rows, ids = table["label"].tolist(), table["id"].tolist()  # plain lists: plotly checks pandas strings slowly
    segments_x, segments_y = [], []
    for label, first, second in zip(rows, table["first_value"], table["second_value"]):
        segments_x += [first, second, None]
        segments_y += [label, label, None]
    data = [{"type": "scatter", "x": segments_x, "y": segments_y, "mode": "lines", "hoverinfo": "skip",
             "line": {"color": palette.CONNECTOR, "width": 3}}]
    for column, label, colour in zip(("first_value", "second_value"), labels, colours):
        data.append({"type": "scatter", "x": table[column], "y": rows, "ids": ids,
                     "mode": "markers", "name": label.capitalize(),
                     "marker": {"color": colour, "size": 11, "line": {"color": "white", "width": 1}},
                     "customdata": [formatting.number(v, unit_kind) for v in table[column]],
                     "hovertemplate": "%{customdata}<extra>" + label + "</extra>"})
    leader = [labels[0] if gap > 0 else labels[1] for gap in table["gap"]]
    data.append({"type": "scatter", "x": table[["first_value", "second_value"]].max(axis=1), "y": rows,
                 "mode": "text", "textposition": "middle right", "textfont": TEXT_FONT, "hoverinfo": "skip",
                 "cliponaxis": False,
                 "text": ["  " + (f"{who} +{gap_text(gap, unit_kind)}" if gap else _("no gap"))
                          for who, gap in zip(leader, table["gap"])]})
    shapes = [_vline(float(value), colour) for value, colour in zip(group_values or (), colours)
              if not formatting.is_missing(value)]
    layout = _layout(title, len(table), rows, hovermode="y unified", showlegend=False, shapes=shapes,
                     margin={"r": 100}, unit_kind=unit_kind,
                     xaxis={"title": None, **GRID,
                            "ticksuffix": "%" if unit_kind in ("percent", "gross_ratio") else None})
    return go.Figure(data=data, layout=layout)


def ranked_bars(ids: list[str], labels: list[str], values: pd.Series, texts: list[str], hovers: list[str], title: str,
                unit: str, reference: float | None = None) -> go.Figure:
    """Horizontal bars in reading order (the first at the top); a dashed line at ``reference``.

    ids (an ISO3 or indicator id per bar) are kept on the trace, so that a bar can be traced to its data.
    """
    bars = {"type": "bar", "x": values, "y": labels, "ids": ids, "orientation": "h", "marker": {"color": BAR_COLOUR},
            "text": texts, "textposition": "outside", "cliponaxis": False, "customdata": hovers,
            "hovertemplate": "%{customdata}<extra></extra>"}
    shapes = ([] if reference is None or formatting.is_missing(reference)
              else [_vline(float(reference), palette.AGGREGATE, 2)])
    return go.Figure(data=[bars], layout=_layout(title, len(labels), labels, bargap=0.25, shapes=shapes,
                                                 margin={"r": 110}, xaxis={"title": common_charts.axis_title(unit), **GRID}))


def _children_bars(ids: list[str], labels: list[str], totals: pd.Series, children: pd.Series, legend: bool,
                   axis: str = "x") -> list[dict]:
    """Stacked bars: estimated children, the adults of the same total, and grey where no age is known."""
    known = children.notna()
    hover = [_("{total} in all; children: {children}").format(
                 total=formatting.number(t, "count"),
                 children=(formatting.number(c, "count") if not formatting.is_missing(c)
                           else _("not estimated (no age known)")))
             for t, c in zip(totals, children)]
    parts = ((_("Children under 18 (estimated)"), children.where(known), CHILDREN_COLOUR),
             (_("Adults (estimated)"), (totals - children).where(known), OTHERS_COLOUR),
             (_("No age known"), totals.where(~known), UNKNOWN_COLOUR))
    return [{"type": "bar", "x": values, "y": labels, "ids": ids, "orientation": "h", "name": name,
             "legendgroup": name, "showlegend": legend, "marker": {"color": colour}, "customdata": hover,
             "hovertemplate": "%{customdata}<extra></extra>", "xaxis": axis, "yaxis": "y"}
            for name, values, colour in parts]


def displacement_by_country(table: pd.DataFrame, title: str) -> go.Figure:
    """Refugees from and hosted by each country, the children among them, and the share whose age is known.

    Three panels side by side on one country axis: fled from (by origin), hosted (by asylum) on the same
    scale so that bar lengths compare, and the share of each total whose age is known.
    table: id (ISO3), label, refugees_by_origin, children_by_origin, age_known_by_origin, refugees_hosted,
    children_hosted, age_known_hosted; in reading order.
    """
    ids, labels = table["id"].tolist(), table["label"].tolist()
    data = (_children_bars(ids, labels, table["refugees_by_origin"].fillna(0), table["children_by_origin"], True, "x")
            + _children_bars(ids, labels, table["refugees_hosted"].fillna(0), table["children_hosted"], False, "x2"))
    for column, name, symbol, colour in (("age_known_by_origin", _("Age known: fled from"), "circle",
                                          palette.NAMED["orange"]),
                                         ("age_known_hosted", _("Age known: hosted"), "diamond", palette.NAMED["green"])):
        data.append({"type": "scatter", "x": table[column], "y": labels, "ids": ids, "mode": "markers", "name": name,
                     "marker": {"symbol": symbol, "size": 10, "color": colour}, "xaxis": "x3", "yaxis": "y",
                     "hovertemplate": "%{x:.0f}%<extra>" + name + "</extra>"})
    domains = ((0, 0.4), (0.43, 0.83), (0.86, 1))
    panels = (_("Fled from the country (by origin)"), _("Hosted by the country (by asylum)"), _("Age known (%)"))
    layout = _layout(title, len(table) + 1, labels, barmode="stack", bargap=0.25, extra_top=LEGEND_ROOM,
                     unit_kind="count",
                     xaxis={"domain": domains[0], **GRID},
                     xaxis2={"domain": domains[1], "matches": "x", **GRID},
                     xaxis3={"domain": domains[2], "range": [0, 105], **GRID},
                     annotations=[{"text": common_charts.reading_order(text), "x": (low + high) / 2, "y": 1, "xref": "paper", "yref": "paper",
                                   "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 14}}
                                  for text, (low, high) in zip(panels, domains)])
    return go.Figure(data=data, layout=layout)


def movements(table: pd.DataFrame, title: str) -> go.Figure:
    """The largest origin -> asylum pairs as stacked bars (children, adults, no age known), the largest at the top.

    table: id ('origin-asylum'), label, refugees_oip, children_0_17, text; in reading order.
    """
    rows = table["label"].tolist()
    data = _children_bars(table["id"].tolist(), rows, table["refugees_oip"], table["children_0_17"], True)
    data.append({"type": "scatter", "x": table["refugees_oip"], "y": rows, "mode": "text",
                 "text": table["text"].tolist(), "textposition": "middle right", "textfont": TEXT_FONT,
                 "showlegend": False, "hoverinfo": "skip", "cliponaxis": False})
    layout = _layout(title, len(table), rows, barmode="stack", bargap=0.25, legend=LEGEND_ON_TOP,
                     margin={"r": 150}, extra_top=LEGEND_ROOM, unit_kind="count",
                     xaxis={"title": common_charts.axis_title(
                         _("refugees and other people in need of international protection")),
                            **GRID})
    return go.Figure(data=data, layout=layout)
