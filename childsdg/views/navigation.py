"""Make every page run through app.py, even on a server's very first request.

Streamlit starts each server process in its old multipage mode when a ``pages/`` folder exists, and
stays there until ``st.navigation`` is first called. If the first visitor opens a page's own URL
(``/survival``), Streamlit runs that page file directly, skipping app.py: no data check, no page
config, no navigation menu — and it stays in that mode until someone opens the root URL. A page that
finds app.py did not run switches the process to the new mode (the flag ``st.navigation`` itself
clears) and reruns, which goes through app.py. Page url_paths equal their file names so that both
modes resolve the same URL to the same page (``page_registry``).

We keep ``st.navigation`` (a menu in sections, titles of our own, one entry script that checks the store
first) rather than Streamlit's ``pages/`` convention, which would order and title the menu by file name
and run no shared start-up check; the one private flag this needs lives in ``streamlit_compat``.
"""

import html

import streamlit as st

from childsdg import i18n
from childsdg.i18n import _
from childsdg.views.page_registry import PAGES

_MARK = "entered-through-app"
LANGUAGE = "lang"  # the URL parameter (``?lang=fr``; left out for English) and the picker's state key
_BROWSER = "language.browser-checked"
IGNORED_LANGUAGE = "language.ignored"  # an unusable ``?lang=`` of the link, for the page's notice


def mark_entered() -> None:
    """Called by app.py on every run."""
    st.session_state[_MARK] = True


def require_app() -> None:
    """Called first by every page: rerun through app.py if this run bypassed it."""
    if not st.session_state.get(_MARK):
        from childsdg.views import streamlit_compat  # private Streamlit: only on the rare bypassed run

        streamlit_compat.leave_pages_directory_mode()
        st.rerun()


def choose_language() -> str:
    """The reader's language for this run, made current (``i18n.use``) before any word is written.

    In order: the picker's choice (kept in the session, so it follows the reader across pages as the
    region does), else the link's ``?lang=``, else, on the session's first run only, the browser's
    language (``Accept-Language``), else English. An unknown ``?lang=xx`` gives English and is named
    in the page's notice (``filters.UrlFilters.notice``). The URL is written back: ``?lang=fr``, and
    nothing for English, so a copied link opens in the sender's language.
    """
    chosen = st.session_state.get(LANGUAGE)
    if chosen not in i18n.LANGUAGES:
        asked = st.query_params.get(LANGUAGE)
        if asked is not None:
            chosen = asked.strip().lower()
            if chosen not in i18n.LANGUAGES:
                st.session_state[IGNORED_LANGUAGE] = f"{LANGUAGE}={asked}"
                chosen = i18n.DEFAULT_LANGUAGE
        elif not st.session_state.get(_BROWSER):
            chosen = i18n.from_accept_language(st.context.headers.get("Accept-Language"))
        else:
            chosen = i18n.DEFAULT_LANGUAGE
        st.session_state[LANGUAGE] = chosen
    st.session_state[_BROWSER] = True
    if chosen == i18n.DEFAULT_LANGUAGE:
        st.query_params.pop(LANGUAGE, None)
    else:
        st.query_params[LANGUAGE] = chosen
    return i18n.use(chosen)


# Arabic reads right to left: the main area and the sidebar, their tables and widgets. Charts keep time
# running left to right, as Arabic-language UN publications draw them, and so do the year sliders that
# choose their years; a chart's own words are placed by the chart. A paragraph, cell or figure takes its
# direction from its first letter (``unicode-bidi: plaintext``), so "-4.1 (-23%)" is not reordered to
# "(23%-) 4.1-" and an English proper name in a cell reads left to right.
RIGHT_TO_LEFT_STYLE = """<style>
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
[data-testid="stMain"] [data-testid="stTable"] th, [data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"] {
  text-align: right; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td, [data-testid="stMain"] th,
[data-testid="stMetricValue"], [data-testid="stMetricDelta"] { unicode-bidi: plaintext; }
[data-testid="stPlotlyChart"], [data-testid="stSlider"] [data-baseweb="slider"] { direction: ltr; }
</style>"""


def text_direction() -> None:
    """Right to left for a right-to-left language (the page's CSS); nothing for the others."""
    if i18n.is_right_to_left():
        st.html(RIGHT_TO_LEFT_STYLE)


def language_picker() -> None:
    """The sidebar's language choice, each language in its own name; a change reruns the page in it,
    keeping every other filter (their widgets' state and the URL's other parameters are untouched)."""
    st.sidebar.selectbox(_("Language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, key=LANGUAGE)


def menu():
    """The navigation app.py runs: every page of ``page_registry.PAGES``, the overview at "/", and the menu.

    Streamlit's own sectioned sidebar menu puts a section's heading inside its list and its items
    outside one (axe-core: ``list`` and ``listitem``, serious, on every page), so its menu is hidden
    and ours is drawn instead (``sidebar_menu``), with the same titles, sections and order.
    """
    pages = [st.Page(page.file, title=_(page.title), url_path=page.url_path or None, default=not page.url_path)
             for page in PAGES]
    current = st.navigation(pages, position="hidden")
    language_picker()
    sidebar_menu()
    return current


SECTION_STYLE = "font-size: 0.875rem; font-weight: 600; margin: 0.75rem 0 0; padding: 0; line-height: 1.6"


def sidebar_menu() -> None:
    """Each section's heading (a real heading: screen readers list and jump to them) and its pages' links.

    ``st.page_link`` switches pages inside the session, as Streamlit's menu did, so the choices that
    follow the reader (``filters.SHARED_PARAMS``) still follow; the current page's link is drawn in bold
    on a shaded background.
    """
    sections: dict[str, list] = {}
    for page in PAGES:
        sections.setdefault(page.section, []).append(page)
    with st.sidebar.container(gap="xxsmall", key="menu"):
        for section, pages in sections.items():
            st.html(f'<h2 style="{SECTION_STYLE}">{html.escape(_(section))}</h2>')
            for page in pages:
                st.page_link(page.file, label=_(page.title), width="stretch")
    st.sidebar.divider()
