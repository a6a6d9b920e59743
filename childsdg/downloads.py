"""A file built on click stays downloadable for the reader who clicked, whoever else is using the app.

Every export here is a lazy ``st.download_button(data=callable)``: Streamlit 1.67 builds the file
when the button is clicked and answers with a URL that the browser then fetches. The built file is
referenced by no session, and the end of every script run, in *any* session, sweeps the media
files: an unreferenced download is marked on the first sweep and deleted on the second. So if two
other readers' pages finish rendering between the answer and the fetch, the reader who clicked gets
a 404 instead of a file. The load test (bench/load.py) hit this in 1-2 of 11 downloads with eight
readers at once; tests/test_load.py reproduces it deterministically with two sessions.

The fix: once the file is built, the session that asked for it references it, as it would a file
built eagerly with the page, until that session's own next run (Streamlit then drops the session's
references as usual, so each button holds at most one file per session). This wraps one method of
Streamlit's deferred-file handler and writes into its media file manager's table of references
under its lock; streamlit is pinned below 1.68 and the test above fails if that machinery changes.
"""

from __future__ import annotations

import posixpath

from streamlit.runtime.backend_operation_handler import DeferredFileHandler

_build_file = DeferredFileHandler.handle


async def _build_file_for_its_session(self, request, session_id: str):
    """Streamlit's handler, then a reference from ``session_id`` to the file it built."""
    response = await _build_file(self, request, session_id)
    if response.deferred_file.url:
        manager = self._get_media_file_mgr()
        built = posixpath.splitext(posixpath.basename(response.deferred_file.url))[0]
        with manager._lock:
            manager._files_by_session_and_coord[session_id][f"clicked:{request.deferred_file.file_id}"] = built
    return response


def keep_clicked_downloads() -> None:
    """Install the fix (idempotent: the app calls it on every run)."""
    DeferredFileHandler.handle = _build_file_for_its_session
