"""Download buttons that build their file on click, and keep it until the reader who clicked has it;
the popover of a chart's downloads (``chart_downloads``: images, CSV, Excel from ``exports.chart_files``).

Every export here is built only when asked for: ``st.download_button(data=callable)``. Streamlit
1.67 runs the callable when the button is clicked, stores the result and answers with a URL that
the browser then fetches. The stored file is referenced by no session, and the end of every script
run, in *any* session, sweeps the media files: an unreferenced download is marked on the first
sweep and deleted on the second. So if two other readers' pages finish between the file being
stored and the browser fetching it, the reader who clicked gets a 404 instead of a file. The load
test (bench/load.py) hit this in 1-2 of 11 downloads with eight readers at once, and still in 8 of
52 with thirty-two when the reference was added only after Streamlit had stored the file;
tests/test_load.py reproduces it deterministically with two sessions.

So the callable given to Streamlit references the file from the clicking session *before* handing
the bytes over (``streamlit_compat.keep_media_file``, which reaches into two private parts of
Streamlit, imported only on a click). The reference lasts until that session's next run, as those of
files built with the page do; the test above and tests/test_streamlit_compat.py fail if either changes.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from childsdg import i18n
from childsdg.exports import chart_files
from childsdg.i18n import _


def button(label: str, build: Callable[[], bytes], file_name: str, mime: str, where=st, **options) -> None:
    """A download button whose file is built on click (``build``) and kept for this session until it has it.

    Streamlit runs ``build`` in its event loop, not in this script's thread, where the reader's language
    (a context variable) is English: the language of the page that made the button goes with it.
    """
    context = get_script_run_ctx()
    session_id = context.session_id if context else None
    language = i18n.current()

    def build_and_keep() -> bytes:
        i18n.use(language)
        data = build()
        if session_id and runtime.exists():
            from childsdg.views import streamlit_compat

            streamlit_compat.keep_media_file(session_id, data, mime, file_name)
        return data

    where.download_button(label, data=build_and_keep, file_name=file_name, mime=mime, on_click="ignore", **options)


def current_link() -> str | None:
    """The page's URL with its query string, as the reader's browser has it (None outside a page run)."""
    base = st.context.url
    if not base:
        return None
    params = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return base + ("?" + urlencode(params) if params else "")


def chart_downloads(figure: go.Figure, data: Callable[[], pd.DataFrame], context: chart_files.ChartContext,
                    label: str | None = None) -> None:
    """A popover of lazy download buttons for one chart: PNG, SVG, PDF, CSV and Excel.

    Nothing is built until a button is clicked (``data=callable``, run by Streamlit in a worker
    thread), not even the table behind the chart: ``data`` is a function that returns it, since
    shaping a table on every run cost a theme page ~10 ms for downloads few readers make.
    Without Chromium the popover says why and how to enable it, and offers the data only.
    """
    context = dataclasses.replace(context, link=context.link or current_link(),
                                  title=context.title or chart_files.plain_text(figure.layout.title.text) or None)
    reason = chart_files.unavailable_reason()
    builds = [] if reason else [(_("Image ({format})").format(format=fmt.upper()), fmt,
                                 functools.partial(chart_files.image, figure, context, fmt))
                                for fmt in chart_files.IMAGE_TYPES]
    builds += [(_("Data (CSV)"), "csv", lambda: chart_files.to_csv(data(), context)),
               (_("Data (Excel)"), "xlsx", lambda: chart_files.to_excel(data(), context))]
    with st.popover(label or _("Download")):
        if reason:
            st.info(_("{reason} The camera icon in the chart's toolbar still downloads an SVG.").format(reason=reason))
        for text, fmt, build in builds:
            button(text, build, f"{context.file_stem}.{fmt}", {**chart_files.IMAGE_TYPES, **chart_files.DATA_TYPES}[fmt],
                             key=f"export.{context.chart}.{fmt}", width="stretch")
