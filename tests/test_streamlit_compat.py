"""The private Streamlit parts childsdg/views/streamlit_compat.py relies on still exist in the installed release."""

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from childsdg.views import streamlit_compat


def test_every_private_part_is_still_there():
    gone = streamlit_compat.missing()
    assert not gone, ("Streamlit no longer has the private parts childsdg/views/streamlit_compat.py uses: "
                      f"{', '.join(gone)}. Adapt that module (or pin streamlit back) before upgrading.")


def test_a_media_file_manager_still_keeps_references_under_its_lock():
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    gone = [name for name in streamlit_compat.MEDIA_MANAGER_PARTS if not hasattr(manager, name)]
    assert not gone, f"Streamlit's MediaFileManager lost {gone}: streamlit_compat.keep_media_file cannot keep a file"

