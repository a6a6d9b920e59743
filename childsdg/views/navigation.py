"""Make every page run through app.py, even on a server's very first request.

Streamlit starts each server process in its old multipage mode when a ``pages/`` folder exists, and
stays there until ``st.navigation`` is first called. If the first visitor opens a page's own URL
(``/survival``), Streamlit runs that page file directly, skipping app.py: no data check, no page
config, no navigation menu — and it stays in that mode until someone opens the root URL. A page that
finds app.py did not run switches the process to the new mode (the flag ``st.navigation`` itself
clears) and reruns, which goes through app.py. Page url_paths equal their file names so that both
modes resolve the same URL to the same page.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_MARK = "entered-through-app"


def mark_entered() -> None:
    """Called by app.py on every run."""
    st.session_state[_MARK] = True


def require_app() -> None:
    """Called first by every page: rerun through app.py if this run bypassed it."""
    if not st.session_state.get(_MARK):
        PagesManager.uses_pages_directory = False
        st.rerun()
