"""Real-browser fixtures: the real server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Tests here skip, with the reason, where Chromium is not installed (``make test`` installs it as
root; CI always has it). Every page a test opens records its requests, and the test fails if any
leaves the loopback address: the dashboard must work with no internet.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

pytestmark = pytest.mark.browser

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium, or run `make test` as root)",
                allow_module_level=True)


@pytest.fixture(scope="session")
def server(live_server):
    """The base URL of the real server (tests/conftest.py starts it once for the whole run)."""
    return live_server[0]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordedPage:
    """A page in a fresh context that remembers every request it made."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                           **context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def external_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname not in LOOPBACK]

    def close(self):
        self.context.close()


@pytest.fixture()
def recorded(browser):
    pages: list[RecordedPage] = []

    def open_page(**options) -> RecordedPage:
        page = RecordedPage(browser, **options)
        pages.append(page)
        return page
    yield open_page
    leaks = [url for page in pages for url in page.external_requests()]
    for page in pages:
        page.close()
    assert not leaks, f"requests left 127.0.0.1: {leaks[:10]}"


def wait_for_charts(page, count: int = 1, timeout: float = 60_000) -> None:
    """Until ``count`` plotly charts have drawn their SVG."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= n",
        arg=count, timeout=timeout)


def wait_until_idle(page, timeout: float = 60_000) -> None:
    """Until Streamlit has finished the current run (no 'running' status widget)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
