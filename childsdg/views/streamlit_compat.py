"""The private parts of Streamlit this dashboard relies on, in one place (streamlit is pinned below 1.68).

Each is imported only when it is used, so a Streamlit release that renames one breaks that one use, not
six pages at import; ``missing()`` names every part that is gone, and tests/test_streamlit_compat.py
fails with that list on an upgrade.

- ``PagesManager.uses_pages_directory``: a ``pages/`` folder beside app.py starts each server process in
  Streamlit's old multipage mode until ``st.navigation`` is first called (``navigation.require_app``).
- ``memory_media_file_storage._calculate_file_id`` and the media file manager's table of references under
  its lock: a file built on click is referenced from the clicking session before Streamlit stores it, so
  no other session's end-of-run sweep deletes it first (``downloads.button``).
"""

from __future__ import annotations

import importlib

# (module, attribute path) of every private part used below
PRIVATE_PARTS = (
    ("streamlit.runtime.pages_manager", "PagesManager.uses_pages_directory"),
    ("streamlit.runtime.memory_media_file_storage", "_calculate_file_id"),
    ("streamlit.runtime.media_file_manager", "MediaFileManager"),
)
# attributes of a live media file manager (only a running server has one)
MEDIA_MANAGER_PARTS = ("_lock", "_files_by_session_and_coord")


def missing() -> list[str]:
    """Every private part this module needs that the installed Streamlit lacks, as 'module:attribute'."""
    gone = []
    for module_name, attributes in PRIVATE_PARTS:
        try:
            target = importlib.import_module(module_name)
            for attribute in attributes.split("."):
                target = getattr(target, attribute)
        except (ImportError, AttributeError):
            gone.append(f"{module_name}:{attributes}")
    return gone


def leave_pages_directory_mode() -> None:
    """Switch this server process to ``st.navigation``'s mode (the flag ``st.navigation`` itself clears)."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def keep_media_file(session_id: str, data: bytes, mime: str, file_name: str) -> None:
    """Reference the file Streamlit is about to store from ``session_id``, so no sweep deletes it first.

    Streamlit names a stored file by a hash of its bytes, type and name; this computes it with
    Streamlit's own function and adds a reference that lasts until that session's next run.
    """
    from streamlit import runtime
    from streamlit.runtime.memory_media_file_storage import _calculate_file_id

    manager = runtime.get_instance().media_file_mgr
    file_id = _calculate_file_id(data, mime, file_name)
    with manager._lock:
        manager._files_by_session_and_coord[session_id][f"clicked:{file_id}"] = file_id
