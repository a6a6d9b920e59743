"""A chart in words: its title and one or two sentences on what it shows, written from the figure's own traces.

Why: a reader who cannot see the chart (a screen reader, a slide read aloud, a picture that failed to
load) gets the same facts — what is drawn, the extremes, where the lines start and end. The page uses
it as each chart's accessible description, the briefing deck as each picture's alt text. Written from
the figure alone, so that it describes exactly what was drawn, whoever built the figure.

A figure from ``common_charts`` carries its unit in ``layout.meta`` (``unit_kind``), which formats the
numbers as everywhere else; without it, numbers are written with up to four significant digits.
Traces that only decorate (hover-less outlines, text labels, ``meta={"describe": False}``) are skipped.
The sentences are in the reader's language (``i18n``), like the figure's own words.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from childsdg import formatting, i18n
from childsdg.charts import common_charts
from childsdg.i18n import _, ngettext

MAX_LINES = 6        # lines described one by one; the rest are counted
MAX_CATEGORIES = 2   # bars named at each end of a ranking


def plain(text) -> str:
    """Chart markup (<br>, <b>, <sup>, spans, right-to-left embeddings) as plain text on one line."""
    if text is None or formatting.is_missing(text):
        return ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|[\u202a-\u202e]", "", re.sub(r"<br\s*/?>", " ", str(text)))).strip()


def _meta(figure: go.Figure) -> dict:
    return figure.layout.meta if isinstance(figure.layout.meta, dict) else {}


def _number(value: float, unit_kind: str | None) -> str:
    if unit_kind:
        return formatting.number(value, unit_kind)
    written = f"{value:.4g}"  # four significant digits, then the reader's separators
    return i18n.decimal(float(written), 0 if "e" in written else len(written.partition(".")[2]))


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
        return _("Map of countries by category — {categories}.").format(categories="; ".join(parts))
    trace = traces[0]
    values = _series(trace.z)
    texts = list(trace.text) if trace.text is not None else [None] * len(values)
    names = [_name(text, code) for text, code in zip(texts, trace.locations)]
    if values.notna().sum() == 0:
        return _("Map with no values.")
    high, low = values.idxmax(), values.idxmin()
    count = int(values.notna().sum())
    return ngettext("Map of {count} country. Highest: {highest}, {high}; lowest: {lowest}, {low}.",
                    "Map of {count} countries. Highest: {highest}, {high}; lowest: {lowest}, {low}.", count).format(
        count=count, highest=names[high], high=_number(values[high], unit_kind), lowest=names[low],
        low=_number(values[low], unit_kind))


def _bars(traces, unit_kind: str | None) -> str:
    horizontal = traces[0].orientation == "h"
    frames = []
    for trace in traces:
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        frames.append(pd.DataFrame({"category": [plain(c) for c in categories], "value": _series(values).to_numpy()}))
    totals = pd.concat(frames).groupby("category", sort=False)["value"].sum(min_count=1).dropna()
    if totals.empty:
        return _("Bar chart with no values.")
    ordered = totals.sort_values(ascending=False)
    top = ", ".join(f"{name} ({_number(value, unit_kind)})" for name, value in ordered.head(MAX_CATEGORIES).items())
    bottom = ", ".join(f"{name} ({_number(value, unit_kind)})"
                       for name, value in ordered.tail(MAX_CATEGORIES).iloc[::-1].items())
    if len(traces) > 1:
        return ngettext("Bar chart of {count} row, in parts: {parts}. Largest: {top}; smallest: {bottom}.",
                        "Bar chart of {count} rows, in parts: {parts}. Largest: {top}; smallest: {bottom}.",
                        len(ordered)).format(count=len(ordered), parts=", ".join(plain(t.name) for t in traces if t.name),
                                             top=top, bottom=bottom)
    return ngettext("Bar chart of {count} row. Largest: {top}; smallest: {bottom}.",
                    "Bar chart of {count} rows. Largest: {top}; smallest: {bottom}.", len(ordered)).format(
        count=len(ordered), top=top, bottom=bottom)


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
        name = plain(trace.name) or _("line")
        if line["y"].nunique() == 1:
            sentences.append(_("{line}: {value} throughout").format(line=name, value=_number(first["y"], unit_kind)))
        else:
            change = (f", {formatting.change(first['y'], last['y'], unit_kind)}" if unit_kind and first["y"]
                      else "")
            path = (_("{line}: {first} in {first_x} to {last} in {last_x}") if years
                    else _("{line}: {first} at {first_x} to {last} at {last_x}"))
            sentences.append(path.format(line=name, first=_number(first["y"], unit_kind), first_x=f"{first['x']:g}",
                                         last=_number(last["y"], unit_kind), last_x=f"{last['x']:g}") + change)
    if not sentences:
        return _("Line chart with no values.")
    more = len(sentences) - MAX_LINES
    listed = "; ".join(sentences[:MAX_LINES]) + (
        ngettext("; and {count} more line", "; and {count} more lines", more).format(count=more) if more > 0 else "")
    axis = "" if years or not x_title else " " + _("Across: {axis}.").format(axis=x_title)
    kind = ngettext("Line chart of {count} line.", "Line chart of {count} lines.", len(sentences)).format(
        count=len(sentences))
    return f"{kind}{axis} {listed}."


def _points(traces, unit_kind: str | None) -> str:
    """Dots on category rows (a dumbbell): each set's highest and lowest row; else how many points each set has."""
    parts = []
    for trace in traces:
        name = plain(trace.name) or _("points")
        rows = list(trace.y) if trace.y is not None else []
        values = _series(trace.x)
        if rows and all(isinstance(row, str) for row in rows) and values.notna().any():
            high, low = values.idxmax(), values.idxmin()
            parts.append(_("{name}: highest {highest} ({high}), lowest {lowest} ({low})").format(
                name=name, highest=plain(rows[high]), high=_number(values[high], unit_kind), lowest=plain(rows[low]),
                low=_number(values[low], unit_kind)))
        else:
            count = int(values.notna().sum())
            parts.append(ngettext("{name}: {count} point", "{name}: {count} points", count).format(name=name,
                                                                                                 count=count))
    return _("Chart of points — {sets}.").format(sets="; ".join(parts))


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
        body = _("An empty chart.")
    targets = [plain(a.text) for a in figure.layout.annotations if a.name == common_charts.TARGET_ANNOTATION]
    extra = f" {targets[0]}." if targets else ""
    return f"{title}. {body}{extra}" if title else f"{body}{extra}"
