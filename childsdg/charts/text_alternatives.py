"""A chart in words: its title and one or two sentences on what it shows, written from the figure's own traces.

Why: a reader who cannot see the chart (a screen reader, a slide read aloud, a picture that failed to
load) gets the same facts — what is drawn, the extremes, where the lines start and end. The page uses
it as each chart's accessible description, the briefing deck as each picture's alt text. Written from
the figure alone, so that it describes exactly what was drawn, whoever built the figure.

A figure from ``common_charts`` carries its unit in ``layout.meta`` (``unit_kind``), which formats the
numbers as everywhere else; without it, numbers are written with up to four significant digits.
Traces that only decorate (hover-less outlines, text labels, ``meta={"describe": False}``) are skipped.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from childsdg import formatting

MAX_LINES = 6        # lines described one by one; the rest are counted
MAX_CATEGORIES = 2   # bars named at each end of a ranking


def plain(text) -> str:
    """Chart markup (<br>, <b>, <sup>, spans) as plain text on one line."""
    if text is None or formatting.is_missing(text):
        return ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", str(text)))).strip()


def _meta(figure: go.Figure) -> dict:
    return figure.layout.meta if isinstance(figure.layout.meta, dict) else {}


def _number(value: float, unit_kind: str | None) -> str:
    return formatting.number(value, unit_kind) if unit_kind else f"{value:,.4g}"


def _shown(trace) -> bool:
    meta = trace.meta if isinstance(trace.meta, dict) else {}
    return (meta.get("describe", True) and trace.hoverinfo != "skip"
            and not (trace.type == "scatter" and trace.mode == "text"))


def _series(values) -> pd.Series:
    return pd.to_numeric(pd.Series(list(values) if values is not None else [], dtype="object"), errors="coerce")


def _name(text, fallback: str) -> str:
    """The bold name that starts a hover text ('<b>Niger</b><br>...'), else ``fallback``."""
    found = re.match(r"\s*<b>(.*?)</b>", str(text)) if isinstance(text, str) else None
    return plain(found.group(1)) if found else fallback


def _map(traces, unit_kind: str | None) -> str:
    if len(traces) > 1 or traces[0].showscale is False:  # one trace per category (statuses)
        # A category's name may already end in its count ('✔ target met (12)').
        parts = [plain(t.name) if re.search(r"\(\d+\)$", plain(t.name)) else f"{plain(t.name)}: {len(t.locations)}"
                 for t in traces if t.locations is not None]
        return "Map of countries by category — " + "; ".join(parts) + "."
    trace = traces[0]
    values = _series(trace.z)
    texts = list(trace.text) if trace.text is not None else [None] * len(values)
    names = [_name(text, code) for text, code in zip(texts, trace.locations)]
    if values.notna().sum() == 0:
        return "Map with no values."
    high, low = values.idxmax(), values.idxmin()
    return (f"Map of {int(values.notna().sum())} countries. Highest: {names[high]}, {_number(values[high], unit_kind)}; "
            f"lowest: {names[low]}, {_number(values[low], unit_kind)}.")


def _bars(traces, unit_kind: str | None) -> str:
    horizontal = traces[0].orientation == "h"
    frames = []
    for trace in traces:
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        frames.append(pd.DataFrame({"category": [plain(c) for c in categories], "value": _series(values).to_numpy()}))
    totals = pd.concat(frames).groupby("category", sort=False)["value"].sum(min_count=1).dropna()
    if totals.empty:
        return "Bar chart with no values."
    ordered = totals.sort_values(ascending=False)
    top = ", ".join(f"{name} ({_number(value, unit_kind)})" for name, value in ordered.head(MAX_CATEGORIES).items())
    bottom = ", ".join(f"{name} ({_number(value, unit_kind)})"
                       for name, value in ordered.tail(MAX_CATEGORIES).iloc[::-1].items())
    parts = (f", in parts: {', '.join(plain(t.name) for t in traces if t.name)}" if len(traces) > 1 else "")
    return f"Bar chart of {len(ordered)} rows{parts}. Largest: {top}; smallest: {bottom}."


def _lines(traces, unit_kind: str | None, x_title: str) -> str:
    """Each line from its first to its last point; x values that are not years are said with the axis title."""
    xs = pd.concat([_series(t.x) for t in traces]).dropna()
    years = bool(len(xs)) and bool(xs.between(1900, 2100).all())
    sentences = []
    for trace in traces:
        line = pd.DataFrame({"x": _series(trace.x), "y": _series(trace.y)}).dropna()
        if line.empty:
            continue
        first, last = line.iloc[0], line.iloc[-1]
        name = plain(trace.name) or "line"
        if line["y"].nunique() == 1:
            sentences.append(f"{name}: {_number(first['y'], unit_kind)} throughout")
        else:
            change = (f", {formatting.change(first['y'], last['y'], unit_kind)}" if unit_kind and first["y"]
                      else "")
            where = "in" if years else "at"
            sentences.append(f"{name}: {_number(first['y'], unit_kind)} {where} {first['x']:g} to "
                             f"{_number(last['y'], unit_kind)} {where} {last['x']:g}{change}")
    if not sentences:
        return "Line chart with no values."
    more = len(sentences) - MAX_LINES
    listed = "; ".join(sentences[:MAX_LINES]) + (f"; and {more} more lines" if more > 0 else "")
    axis = "" if years or not x_title else f" Across: {x_title}."
    return f"Line chart of {len(sentences)} line{'s' if len(sentences) > 1 else ''}.{axis} {listed}."


def _points(traces, unit_kind: str | None) -> str:
    """Dots on category rows (a dumbbell): each set's highest and lowest row; else how many points each set has."""
    parts = []
    for trace in traces:
        name = plain(trace.name) or "points"
        rows = list(trace.y) if trace.y is not None else []
        values = _series(trace.x)
        if rows and all(isinstance(row, str) for row in rows) and values.notna().any():
            high, low = values.idxmax(), values.idxmin()
            parts.append(f"{name}: highest {plain(rows[high])} ({_number(values[high], unit_kind)}), "
                         f"lowest {plain(rows[low])} ({_number(values[low], unit_kind)})")
        else:
            parts.append(f"{name}: {int(values.notna().sum())} points")
    return "Chart of points — " + "; ".join(parts) + "."


def describe(figure: go.Figure) -> str:
    """'<title>. <what the chart shows: kind, extremes, first -> last of each line>.'"""
    meta = _meta(figure)
    # A subtitle line (<br><sup>...</sup>) reads as a clause of the title.
    title = plain(re.sub(r"<br\s*/?>\s*<sup>", " — ", str(meta.get("title") or figure.layout.title.text or "")))
    unit_kind = meta.get("unit_kind")
    traces = [trace for trace in figure.data if _shown(trace)]
    maps = [t for t in traces if t.type == "choropleth"]
    bars = [t for t in traces if t.type == "bar"]
    lines = [t for t in traces if t.type == "scatter" and "lines" in (t.mode or "lines")]
    points = [t for t in traces if t.type == "scatter" and "lines" not in (t.mode or "lines")]
    if maps:
        body = _map(maps, unit_kind)
    elif bars:
        body = _bars(bars, unit_kind)
    elif lines:
        body = _lines(lines, unit_kind, plain(figure.layout.xaxis.title.text))
    elif points:
        body = _points(points, unit_kind)
    else:
        body = "An empty chart."
    targets = [plain(a.text) for a in figure.layout.annotations if plain(a.text).startswith("2030 target")]
    extra = f" {targets[0]}." if targets else ""
    return f"{title}. {body}{extra}" if title else f"{body}{extra}"
