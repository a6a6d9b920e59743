"""Every page of the dashboard: its file, title, URL path and menu section, written once.

app.py builds the navigation from ``PAGES``; links between pages (``st.page_link``), the tests and
bench/pages.py take a page's file from here. A page's url_path equals its file name, so that Streamlit's
old multipage mode (``navigation.require_app``) and ``st.navigation`` resolve a URL to the same page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    url_path: str  # "" for the home page
    title: str
    section: str

    @property
    def file(self) -> str:
        """The page's script, relative to the project root: pages/<url_path>.py (pages/overview.py for home)."""
        return f"pages/{self.url_path or 'overview'}.py"


PAGES = (
    Page("", "Overview", "Dashboard"),
    Page("survival", "Child survival", "Dashboard"),
    Page("early_childhood", "Early childhood", "Dashboard"),
    Page("environment", "Environment & climate", "Dashboard"),
    Page("humanitarian", "Humanitarian", "Dashboard"),
    Page("progress", "Progress to 2030", "Progress"),
    Page("peers", "Peers", "Progress"),
    Page("country_profile", "Country profile", "Countries"),
    Page("briefing", "Briefing", "Countries"),
    Page("data_sources", "Data & sources", "About"),
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
