"""Many sessions at once on the real server: nothing fails and every answer is the session's own.

A short run of the load benchmark (bench/load.py: Streamlit's websocket protocol, no browser): its
timings are the benchmark's business and not asserted here; its errors must be none. The second
test shows that the checks behind "errors: 0" do catch a result meant for another session.
"""

from __future__ import annotations

import asyncio
from http.client import HTTPMessage

import pytest

from bench import load, protocol
from bench.protocol import Session
from tests.server import in_own_thread

SESSIONS = 8


def test_concurrent_sessions_get_their_own_results_and_nothing_fails():
    results = in_own_thread(load.run, sessions=SESSIONS, seconds=40, think_s=0.5)
    assert results["errors"] == 0, results["error_samples"]
    assert results["sessions_held"] == SESSIONS
    assert sum(results["exports"].values()) >= SESSIONS  # each reader's second action is a download
    assert results["actions"] > 2 * SESSIONS, results["server_ms_by_action"]


@pytest.fixture()
def base_url(live_server):
    return live_server[0]


def test_the_checks_catch_another_sessions_results(base_url):
    """West and Central Africa's page and file, checked as if South Asia's reader had received them."""
    async def fetch():
        session = Session(base_url)
        run = await session.open("survival", "region=WCAR&indicator=nmr&year=2015")
        content = await session.download(run.widget("export.trend.csv"))
        await session.close()
        return run, content

    run, content = in_own_thread(asyncio.run, fetch())
    own = load.Reader(0, None, theme="survival", region="WCAR", indicator="nmr", year=2015)
    assert load.mismatches(own, run) == []
    assert load.file_mismatches(own, content, "csv") == []

    other = load.Reader(1, None, theme="survival", region="ROSA", indicator="nmr", year=2015)
    problems = load.mismatches(other, run)
    assert any(p.startswith("headline ('West and Central Africa, 2015'") for p in problems), problems
    assert any(p.startswith("URL has region=['WCAR']") for p in problems), problems
    assert len(load.file_mismatches(other, content, "csv")) == 2  # names another group, links to another region

    elsewhere = load.Reader(2, None, theme="survival", region="WCAR", indicator="u5mr", year=2015)
    assert any("headline" in p for p in load.mismatches(elsewhere, run))
    assert any("indicator" in p for p in load.file_mismatches(elsewhere, content, "csv"))


def test_a_clicked_download_outlives_other_sessions_runs(base_url, monkeypatch):
    """The file built for a click is still there after two other readers' pages have rendered.

    Without childsdg/views/downloads.py, Streamlit's sweep at the end of each run deletes it on the second.
    """
    fetched: list[str] = []  # answer the click, fetch later (the pages' own GETs are let through)
    monkeypatch.setattr(protocol, "_fetch", lambda url, headers: fetched.append(url) or (b"", HTTPMessage()))

    async def click_then_wait():
        clicker, other = Session(base_url), Session(base_url)
        page = await clicker.open("survival", "region=WCAR")
        await clicker.download(page.widget("export.trend.csv"))
        others_page = await other.open("survival")
        for region in ("South Asia", "West and Central Africa"):
            others_page = await other.change({"survival.region": region}, others_page)
        monkeypatch.undo()
        content, _ = protocol._fetch(next(url for url in fetched if "/media/" in url), {})
        await clicker.close()
        await other.close()
        return content

    content = in_own_thread(asyncio.run, click_then_wait())
    assert b"# Filters: Group: West and Central Africa" in content
