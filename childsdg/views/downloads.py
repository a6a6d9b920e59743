"""Download buttons that build their file on click, and keep it until the reader who clicked has it.

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
the bytes over: Streamlit names a stored file by a hash of its bytes, type and name, which this
module computes with Streamlit's own function. The reference lasts until that session's next run,
as those of files built with the page do. This reaches into two private parts of Streamlit (that
hash function, and the media file manager's table of references under its lock); streamlit is
pinned below 1.68 and the test above fails if either changes.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit import runtime
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.runtime.scriptrunner import get_script_run_ctx


def button(label: str, build: Callable[[], bytes], file_name: str, mime: str, where=st, **options) -> None:
    """A download button whose file is built on click (``build``) and kept for this session until it has it."""
    context = get_script_run_ctx()
    session_id = context.session_id if context else None

    def build_and_keep() -> bytes:
        data = build()
        if session_id and runtime.exists():
            _keep(session_id, data, mime, file_name)
        return data

    where.download_button(label, data=build_and_keep, file_name=file_name, mime=mime, on_click="ignore", **options)


def _keep(session_id: str, data: bytes, mime: str, file_name: str) -> None:
    """Reference the file Streamlit is about to store from ``session_id``, so no sweep deletes it first."""
    manager = runtime.get_instance().media_file_mgr
    file_id = _calculate_file_id(data, mime, file_name)
    with manager._lock:
        manager._files_by_session_and_coord[session_id][f"clicked:{file_id}"] = file_id
