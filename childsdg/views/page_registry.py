"""Every page of the dashboard: its file, title, URL path and menu section, written once.

app.py builds the navigation from ``PAGES``; links between pages (``st.page_link``), the tests and
bench/pages.py take a page's file from here. A page's url_path equals its file name, so that Streamlit's
old multipage mode (``navigation.require_app``) and ``st.navigation`` resolve a URL to the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

from childsdg.i18n import N_


@dataclass(frozen=True)
class Page:
    url_path: str  # "" for the home page
    title: str  # English, marked N_: shown as ``_(page.title)``
    section: str  # likewise

    @property
    def file(self) -> str:
        """The page's script, relative to the project root: pages/<url_path>.py (pages/overview.py for home)."""
        return f"pages/{self.url_path or 'overview'}.py"


PAGES = (
    Page("", N_("Overview"), N_("Dashboard")),
    Page("survival", N_("Child survival"), N_("Dashboard")),
    Page("early_childhood", N_("Early childhood"), N_("Dashboard")),
    Page("environment", N_("Environment & climate"), N_("Dashboard")),
    Page("humanitarian", N_("Humanitarian"), N_("Dashboard")),
    Page("progress", N_("Progress to 2030"), N_("Progress")),
    Page("peers", N_("Peers"), N_("Progress")),
    Page("country_profile", N_("Country profile"), N_("Countries")),
    Page("briefing", N_("Briefing"), N_("Countries")),
    Page("data_sources", N_("Data & sources"), N_("About")),
)
_BY_PATH = {page.url_path: page for page in PAGES}
THEMES = ("survival", "early_childhood", "environment", "humanitarian")  # theme ids, each with its own page


def page(url_path: str) -> Page:
    """The page at ``url_path`` ("" for the overview); KeyError names an unknown one."""
    return _BY_PATH[url_path]


def file(url_path: str) -> str:
    """The script of the page at ``url_path``, as ``st.page_link`` and ``AppTest.switch_page`` want it."""
    return page(url_path).file


def theme_page_file(theme: str) -> str | None:
    """The page of a theme (a catalogue theme id), or None for a theme without a page of its own."""
    return file(theme) if theme in THEMES else None
