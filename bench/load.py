"""Load: many people using the dashboard at once, in real Chromium against the real server on 127.0.0.1.

``SESSIONS`` browser contexts (separate cookies and websockets, so separate Streamlit sessions) in
one Chromium each keep changing the filters of a theme page for ``SECONDS``: a region or an
indicator through its widget, or a shared link with its own region, indicator and year. Each change
is timed until the page is idle again (the script has finished and the URL carries the new choice).

After every change the session checks that the page shows what *it* asked for — the URL's region
and indicator, the headline labelled with its region, the indicator box naming its indicator — so
that a query result or a rerun delivered to the wrong session would count as an error, as would an
exception on the page, a JavaScript error, a load that times out or a request leaving 127.0.0.1.
Server memory is the resident set size from /proc before the sessions start, at its peak, and at
the end with every session still open.

``python -m bench.load [--sessions N] [--seconds S]``
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

from bench.pages import _rss_mb
from childsdg import api, catalogue, filters
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LOOPBACK, free_port, start_server
from bench import publish

SESSIONS = 8
SECONDS = 90
CHANGE_TIMEOUT_MS = 90_000  # a change slower than this counts as a failed load
ARRIVAL_GAP_S = 0.5  # readers arrive one after another, not in the same millisecond
THEMES = ["survival", "early_childhood", "environment", "humanitarian"]
REGIONS = catalogue.group_names(filters.DEFAULT_GROUPING)
DEFAULT_REGION = next(iter(REGIONS))  # left out of the URL by the app, so never chosen here
KINDS = ("region", "indicator", "link")
# The change is done when the URL carries every expected parameter and the script has finished.
SETTLED = """expected => {
  const query = new URLSearchParams(location.search);
  const app = document.querySelector('[data-testid="stApp"]');
  return Object.entries(expected).every(([key, value]) => query.get(key) === value)
      && app?.getAttribute('data-test-script-state') === 'notRunning'
      && document.querySelector('[data-testid="stMetricLabel"]') !== null;
}"""


@dataclass
class Session:
    """One simulated reader: its page, what it asked for last, and what it saw."""

    number: int
    theme: str
    indicators: dict[str, str]  # id -> short name, without the theme's headline (a default, left out of the URL)
    rng: random.Random
    wanted: dict[str, str] = field(default_factory=dict)
    times: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    errors: list[str] = field(default_factory=list)
    transient: list[str] = field(default_factory=list)  # mismatches gone once the page settled again
    healthy: bool = False

    def pick(self, choices, avoid: str | None) -> str:
        return self.rng.choice([c for c in choices if c != avoid])


async def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` as a reader does: click, type, click."""
    await page.locator("[data-testid='stSelectbox']").filter(has_text=label).locator("input").click()
    await page.keyboard.type(option)
    await page.get_by_role("option", name=option, exact=True).click()


async def _change(page, session: Session, kind: str, base: str) -> dict[str, str]:
    """Make one change of ``kind``; return the URL parameters the page must then carry."""
    wanted = dict(session.wanted)
    if kind == "region":
        wanted["region"] = session.pick(REGIONS, wanted.get("region"))
        await _choose(page, "Region or group", REGIONS[wanted["region"]])
    elif kind == "indicator":
        wanted["indicator"] = session.pick(session.indicators, wanted.get("indicator"))
        await _choose(page, "Indicator", session.indicators[wanted["indicator"]])
    else:
        wanted = {"region": session.pick(REGIONS, wanted.get("region")),
                  "indicator": session.pick(session.indicators, wanted.get("indicator")),
                  "year": str(session.rng.randint(2005, 2020))}
        await page.goto(f"{base}/{session.theme}?{urlencode(wanted)}")
    return wanted


async def _mismatches(page, session: Session) -> list[str]:
    """What the page shows that is not what this session asked for (empty when all is its own)."""
    problems = []
    exceptions = page.locator("[data-testid='stException']")
    if await exceptions.count():
        problems.append(f"exception on the page: {(await exceptions.first.inner_text())[:200]}")
    labels = await page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    region = REGIONS[session.wanted["region"]]
    if not labels[0].startswith(f"{region}, "):
        problems.append(f"headline labels {labels} are not for {region!r}")
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Indicator")
    shown = await box.inner_text() + " " + await box.locator("input").input_value()
    if session.indicators[session.wanted["indicator"]] not in shown:
        problems.append(f"indicator box shows {shown!r}, not {session.wanted['indicator']!r}")
    return problems


async def _run_session(browser, base: str, session: Session, deadline: float) -> None:
    """Change filters until ``deadline``; after a failure, start again from a link (as a reader would reload)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(CHANGE_TIMEOUT_MS)
    page = await context.new_page()
    page.on("pageerror", lambda error: session.errors.append(f"javascript error: {error}"[:300]))
    page.on("request", lambda request: urlparse(request.url).hostname not in LOOPBACK and urlparse(
        request.url).scheme in ("http", "https", "ws", "wss") and session.errors.append(f"external request {request.url}"))
    kind = "link"
    await asyncio.sleep(session.number * ARRIVAL_GAP_S)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            wanted = await _change(page, session, kind, base)
            await page.wait_for_function(SETTLED, arg=wanted, timeout=CHANGE_TIMEOUT_MS)
            elapsed = (time.perf_counter() - started) * 1000
            session.wanted = wanted
            problems = await _mismatches(page, session)
            if problems:  # a page caught between two renders shows its own choice once it settles
                await page.wait_for_timeout(2000)
                await page.wait_for_function(SETTLED, arg=wanted, timeout=CHANGE_TIMEOUT_MS)
                session.transient.extend(problems)
                problems = await _mismatches(page, session)
        except Exception as exc:  # a failed change of any kind is an error to count, not a crash of the run
            problems = [f"{kind} change failed: {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}"]
        session.errors.extend(problems)
        session.healthy = not problems
        if not problems:
            session.times[kind].append(elapsed)
        kind = session.rng.choice(KINDS) if not problems else "link"
    await context.close()


def _sessions(count: int) -> list[Session]:
    sessions = []
    for number in range(count):
        theme = THEMES[number % len(THEMES)]
        table = api.indicators(theme)
        names = dict(zip(table["id"], table["short_name"]))
        names.pop(catalogue.HEADLINE_INDICATORS[theme])
        sessions.append(Session(number, theme, names, random.Random(number)))
    return sessions


async def _drive(base: str, pid: int, count: int, seconds: float) -> tuple[list[Session], float]:
    """All sessions at once in one Chromium; returns them and the peak server RSS seen meanwhile."""
    from playwright.async_api import async_playwright

    sessions = _sessions(count)
    peak = _rss_mb(pid)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        deadline = time.monotonic() + seconds
        running = asyncio.gather(*(_run_session(browser, base, s, deadline) for s in sessions))
        while not running.done():
            peak = max(peak, _rss_mb(pid))
            await asyncio.wait([running], timeout=2)
        running.result()
        await browser.close()
    return sessions, peak


def _percentiles(values: list[float]) -> dict:
    if len(values) < 2:
        return {"n": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50": round(cuts[49]), "p90": round(cuts[89]), "p99": round(cuts[98]),
            "max": round(max(values))}


def run(sessions: int = SESSIONS, seconds: float = SECONDS) -> dict:
    if CHROMIUM is None:
        return {"skipped": "chromium not installed"}
    port = free_port()
    server = start_server(port)
    try:
        before = _rss_mb(server.pid)
        done, peak = asyncio.run(_drive(f"http://127.0.0.1:{port}", server.pid, sessions, seconds))
        after = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    errors = [f"session {s.number} ({s.theme}): {e}" for s in done for e in s.errors]
    every = [t for s in done for times in s.times.values() for t in times]
    return {"sessions": sessions, "seconds": seconds, "sessions_held": sum(s.healthy for s in done),
            "changes": len(every), "errors": len(errors), "error_samples": errors[:20],
            "transient_mismatches": [e for s in done for e in s.transient][:20],
            "ms_per_change": _percentiles(every),
            "ms_per_change_by_kind": {kind: _percentiles([t for s in done for t in s.times[kind]]) for kind in KINDS},
            "server_rss_mb": {"before": before, "peak": peak, "after": after}}


def report(results: dict) -> str:
    if "skipped" in results:
        return f"Load benchmark skipped: {results['skipped']}"
    lines = ["| change | n | p50 ms | p90 ms | p99 ms | max ms |", "|---|---|---|---|---|---|"]
    for kind, figures in [("all", results["ms_per_change"]), *results["ms_per_change_by_kind"].items()]:
        lines.append(f"| {kind} | {figures['n']} | {figures.get('p50', 'n/a')} | {figures.get('p90', 'n/a')} | "
                     f"{figures.get('p99', 'n/a')} | {figures.get('max', 'n/a')} |")
    memory = results["server_rss_mb"]
    lines += ["", f"{results['sessions']} sessions for {results['seconds']} s: {results['sessions_held']} held to the "
              f"end, {results['changes']} changes, {results['errors']} errors. Server memory: {memory['before']} MB "
              f"before, {memory['peak']} MB at peak, {memory['after']} MB after."]
    lines += [f"- {error}" for error in results["error_samples"]]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    options = parser.parse_args()
    publish("load", run(options.sessions, options.seconds), report)
