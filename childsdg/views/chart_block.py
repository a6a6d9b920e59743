"""The one way a chart is shown, on every page: the chart, its Download menu, and the chart as text.

``show`` draws a plotly figure and, right under it, what every reader needs from a chart whatever
way they read: the *Download* menu (PNG, SVG, PDF, CSV, Excel: ``downloads.chart_downloads``), so
that a keyboard reader reaches it with the next Tab after the chart; and an expander with the chart
in words and as a table of rounded numbers (the *table twin*). The words are also the chart's
accessible name: Streamlit 1.67's ``st.plotly_chart(alt=...)`` marks the chart ``role="figure"``
with that ``aria-label``, so a screen reader announces the summary where the chart is, and its SVG
is not read out tick by tick.

Nothing here builds a file before a button is clicked (``downloads.button``); the table twin is
the chart's own data, shaped for reading: years as years, shares as percentages, no float noise
(``-30.9``, never ``-30.900000000000002``).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from childsdg import formatting
from childsdg.charts import common_charts
from childsdg.exports import chart_files
from childsdg.views import downloads

SHARE_WORDS = ("coverage",)  # columns holding a fraction of 1 (api's coverage), shown as a percentage
YEAR_WORDS = ("year",)  # columns holding a calendar year, shown without a thousands separator


def show(figure: go.Figure, context: chart_files.ChartContext, data: Callable[[], pd.DataFrame], *,
         map_chart: bool = False, **plotly_options) -> None:
    """The chart, its Download menu, and the chart in words and as a table, for the chart ``context.chart``.

    data: returns the table behind the chart (what CSV and Excel hold; shown rounded in the table
    twin). context.chart is the chart's key on its page: widget keys derive from it.
    plotly_options: what else ``st.plotly_chart`` takes (a map's ``on_select``, ``selection_mode``).
    """
    summary = text_alternative(figure)
    config = common_charts.plotly_config(map_chart, image_button=chart_files.unavailable_reason() is not None)
    st.plotly_chart(figure, theme=None, key=context.chart, config=config, alt=summary, **plotly_options)
    downloads.chart_downloads(figure, data, context)
    title = chart_files.plain_text((figure.layout.title.text or "").split("<br>")[0]) or context.row["short_name"]
    with st.expander(f"This chart as text: {title}"):
        st.markdown(summary.replace("$", "\\$"))  # plain words, not LaTeX
        st.table(readable(data()), hide_index=True, alt=f"The data of the chart: {title}")


def text_alternative(figure: go.Figure) -> str:
    """The chart in one or two sentences: what it shows, its extremes, its trend (its accessible name)."""
    title = chart_files.plain_text(figure.layout.title.text)
    return f"Chart: {title}." if title else "Chart."


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a reader reads it: every cell text, numbers rounded, headers in words.

    Years without separators (2015), shares of 1 as percentages (87%), other numbers with
    thousands separators and one decimal (two below 1; none where every value is whole), a missing
    value empty.
    """
    shown = pd.DataFrame(index=table.index)
    for column in table.columns:
        values = table[column]
        name = str(column).lower()
        if pd.api.types.is_bool_dtype(values):
            cells = ["yes" if v else "" for v in values]
        elif not pd.api.types.is_numeric_dtype(values):
            cells = ["" if formatting.is_missing(v) else chart_files.plain_text(v) for v in values]
        elif any(word in name for word in YEAR_WORDS):
            cells = ["" if formatting.is_missing(v) else f"{int(v)}" for v in values]
        elif any(word in name for word in SHARE_WORDS):
            cells = ["" if formatting.is_missing(v) else formatting.share(v) for v in values]
        else:
            whole = bool(((values.dropna() % 1) == 0).all())
            cells = ["" if formatting.is_missing(v) else _rounded(float(v), whole) for v in values]
        shown[str(column).replace("_", " ").capitalize()] = cells
    return shown.reset_index(drop=True)


def _rounded(value: float, whole: bool) -> str:
    if whole or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 1 else f"{value:,.2f}"
