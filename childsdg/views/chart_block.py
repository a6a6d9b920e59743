"""The one way a chart is shown, on every page: the chart, its Download menu, and the chart as text.

``show`` draws a plotly figure and, right under it, what every reader needs from a chart whatever
way they read: the *Download* menu (PNG, SVG, PDF, CSV, Excel: ``downloads.chart_downloads``), so
that a keyboard reader reaches it with the next Tab after the chart; and an expander with the chart
in words and as a table of rounded numbers (the *table twin*, ``formatting.display_table``).

The words (``charts.text_alternatives.describe``: what is drawn, the extremes, where lines start and
end) are also the chart's accessible name: Streamlit 1.67's ``st.plotly_chart(alt=...)`` marks the
chart ``role="figure"`` with that ``aria-label``, so a screen reader announces them where the chart
is. Nothing here builds a file before a button is clicked (``downloads.button``).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from childsdg import formatting
from childsdg.i18n import N_, _
from childsdg.charts import common_charts, text_alternatives
from childsdg.exports import chart_files
from childsdg.views import downloads


# The headers of table twins (a data column's name with its first letter capitalised and spaces for
# underscores: 'data_year' -> 'Data year'), marked here for translation. A section whose table has a
# column of its own marks that header in its own area (``N_("Children exposed")``): ``header`` looks
# every header up in the reader's language.
TABLE_HEADERS = (N_("Country"), N_("Year"), N_("Value"), N_("Data year"), N_("Kind"), N_("Latest value"),
                 N_("Latest year"), N_("N countries"), N_("N points"), N_("Status"), N_("Gap"), N_("Direction"),
                 N_("Group"), N_("Coverage"), N_("Change"))


def header(name) -> str:
    """A table twin's column header in the reader's language: 'data_year' -> 'Data year', 'Année des données'."""
    return _(str(name)[:1].upper() + str(name)[1:].replace("_", " "))


def show(figure: go.Figure, context: chart_files.ChartContext, data: Callable[[], pd.DataFrame], *,
         table: Callable[[pd.DataFrame], pd.DataFrame] | None = None, map_chart: bool = False,
         unit_kind: str | None = None, **plotly_options) -> None:
    """The chart, its Download menu, and the chart in words and as a table, for the chart ``context.chart``.

    data: returns the table behind the chart (what CSV and Excel hold, in full precision; rounded on
    screen). table: reshapes it for reading on screen (``by_line``: a trend's years down, lines across).
    context.chart is the chart's key on its page: widget keys derive from it.
    unit_kind: of the table's values, when not the context's indicator's (a chart of counts of countries).
    plotly_options: what else ``st.plotly_chart`` takes (a map's ``on_select``, ``selection_mode``).
    """
    summary = text_alternatives.describe(figure)
    config = common_charts.plotly_config(map_chart, image_button=chart_files.unavailable_reason() is not None)
    st.plotly_chart(figure, theme=None, key=context.chart, config=config, alt=summary, **plotly_options)
    downloads.chart_downloads(figure, data, context)
    title = text_alternatives.plain((figure.layout.title.text or "").split("<br>")[0]) or context.row["short_name"]
    with st.expander(_("This chart as text: {title}").format(title=title)):
        st.markdown(summary.replace("$", "\\$"))  # plain words, not LaTeX
        shown = data() if table is None else table(data())
        shown = formatting.display_table(shown, unit_kind or context.row["unit_kind"])
        st.table(shown.rename(columns=header),
                 hide_index=True,
                 alt=_("The data of the chart: {title}").format(title=title))


def by_line(x: str, line: str = "country") -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A line chart's long table (a row per line and ``x``) as a reader scans it: ``x`` down, a column per line.

    Lines keep the order they come in (the chart's); a line without a value at some ``x`` has an empty cell.
    """
    def reshape(data: pd.DataFrame) -> pd.DataFrame:
        wide = data.pivot_table(index=x, columns=line, values="value", aggfunc="first", sort=True)
        return wide.reindex(columns=list(dict.fromkeys(data[line]))).rename_axis(columns=None).reset_index()
    return reshape
