"""Per page: server time of a first render and of a rerun after a filter change, bytes sent per rerun,
and the server's memory with one and with ten sessions.

- Server time is the page script's run time measured with Streamlit's AppTest (the same script the
  server runs, without the network), median of ``REPEATS``.
- Bytes per rerun are the websocket frames the browser receives after a filter change in real
  Chromium against the real server on 127.0.0.1.
- Memory is the server process's resident set size (/proc) after sessions have loaded a theme page.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import publish
from childsdg.views import page_registry

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 5
# page file, (widget kind, URL parameter, value) for the filter change, url path (= the page's filter namespace)
PAGES = [
    (page_registry.file(""), ("selectbox", "region", "WCAR"), ""),
    (page_registry.file("survival"), ("selectbox", "region", "WCAR"), "survival"),
    (page_registry.file("early_childhood"), ("selectbox", "region", "WCAR"), "early_childhood"),
    (page_registry.file("environment"), ("selectbox", "region", "WCAR"), "environment"),
    (page_registry.file("humanitarian"), ("selectbox", "region", "WCAR"), "humanitarian"),
    (page_registry.file("country_profile"), ("selectbox", "country", "NGA"), "country_profile"),
    (page_registry.file("data_sources"), ("text_input", "q", "mortality"), "data_sources"),
]


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def server_times(page: str, change, namespace: str) -> tuple[float, float, float]:
    """(first render in this process, median first render of a new session, median rerun after a change), ms.

    Query results are cached per process, so only the very first render pays for its queries; later
    sessions find them cached unless they ask new questions.
    """
    firsts, reruns = [], []
    kind, key, value = change
    for _ in range(REPEATS):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        at.switch_page(page)
        firsts.append(_timed(at.run))
        widget = getattr(at, kind)(key=f"{namespace or 'overview'}.{key}")
        (widget.select(value) if kind == "selectbox" else widget.input(value))
        reruns.append(_timed(at.run))
    return firsts[0], statistics.median(firsts), statistics.median(reruns)


def browser_figures() -> dict:
    """Bytes received per rerun after a region change, and server memory with 1 and 10 sessions."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.server import free_port, start_server

    if CHROMIUM is None:
        return {"skipped": "chromium not installed"}
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    results: dict = {"bytes_per_rerun": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _, (kind, key, value), path in PAGES:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                received: list[int] = []
                page.on("websocket", lambda ws, received=received: ws.on("framereceived", lambda frame: received.append(
                    len(frame) if isinstance(frame, (bytes, str)) else 0)))
                page.goto(f"{base}/{path}")
                _wait_idle(page)
                received.clear()
                page.goto(f"{base}/{path}?{key}={value}") if kind == "text_input" else _change_select(page, key, value)
                _wait_idle(page)
                results["bytes_per_rerun"][path or "overview"] = sum(received)
                page.close()
            contexts = []
            for count in range(10):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{base}/survival")
                _wait_idle(page)
                contexts.append(context)
                if count == 0:
                    results["rss_mb_1_session"] = _rss_mb(server.pid)
            results["rss_mb_10_sessions"] = _rss_mb(server.pid)
            results["mb_per_extra_session"] = round((results["rss_mb_10_sessions"] - results["rss_mb_1_session"]) / 9, 1)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results


def _change_select(page, key: str, value: str) -> None:
    labels = {"region": "Region or group", "country": "Country"}
    names = {"WCAR": "West and Central Africa", "NGA": "Nigeria"}
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=labels[key])
    box.locator("input").click()
    page.keyboard.type(names[value])
    page.get_by_role("option", name=names[value], exact=True).click()


def _wait_idle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]')"
                           "?.getAttribute('data-test-script-state') === 'notRunning'", timeout=120_000)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def run() -> dict:
    times = {page: server_times(page, change, path) for page, change, path in PAGES}
    return {"server_ms": {page: {"cold_render": round(a), "first_render": round(b), "rerun_after_change": round(c)}
                          for page, (a, b, c) in times.items()},
            **browser_figures()}


def report(results: dict) -> str:
    lines = ["| page | cold render ms | new session render ms | rerun after filter change ms | KB sent per rerun |",
             "|---|---|---|---|---|"]
    for (page, _, path) in PAGES:
        times = results["server_ms"][page]
        sent = results.get("bytes_per_rerun", {}).get(path or "overview")
        lines.append(f"| {page} | {times['cold_render']} | {times['first_render']} | {times['rerun_after_change']} | "
                     f"{'n/a' if sent is None else f'{sent / 1024:.0f}'} |")
    if "rss_mb_1_session" in results:
        lines.append("")
        lines.append(f"Server memory: {results['rss_mb_1_session']} MB with 1 session, "
                     f"{results['rss_mb_10_sessions']} MB with 10 ({results['mb_per_extra_session']} MB per extra session).")
    return "\n".join(lines)


if __name__ == "__main__":
    publish("pages", run(), report)
