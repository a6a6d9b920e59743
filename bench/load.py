"""Load: many readers at once on the real server, over Streamlit's own websocket protocol.

``SESSIONS`` readers (each its own websocket, hence its own Streamlit session) use the theme pages
of the real server on 127.0.0.1 for ``SECONDS``, pausing ``THINK_S`` between actions as a reader
does: pick a region, an indicator or a year; go to another theme page (the region follows, and the
year if the reader chose it: one the page fell back to is not carried, each page opens on its own latest);
download a chart's data (CSV) or image (SVG, drawn by the server's Chromium); or open a shared link
in a new session. No browser draws anything (bench/protocol.py says why), so the load is the
server's alone and the time of each action is server time: from the request leaving the reader to
the script's "finished" (or the file's last byte).

After every action the reader checks that what came back is its own: the headline must be the
API's value for *its* region, indicator and year, the URL must carry *its* choices, and a
downloaded file must name its region and indicator. A result meant for another session, an
exception on the page, a closed socket, a timeout, or an error in the server's log counts as an
error. Server memory (resident set size from /proc) is read every second.

With ``--workers N`` the readers go through the proxy of ``make serve`` (deploy/serve.py: N
workers behind HAProxy, each reader pinned to one by a cookie). With ``--kill-after S`` one worker
(the one with the most readers) is killed S seconds into the run: its readers do what the browser's
Streamlit client does — reconnect, through the proxy, to a worker that is up, and ask for the page
at the URL they hold — and the report says how long each took to be served again, whether the view
it got back is the one in its URL, and how many errors the readers of the other workers saw.

With ``--compare-workers 1,2`` one command measures side by side, each through the proxy: 1 reader
and 32 readers (``--compare-readers``) on 1 worker, then on 2, then the kill test (16 readers on the
largest number of workers, the busiest worker killed a third of the way in); one table, written to
bench/results/load_compare.json. Readers served per worker is actions per second per worker: it
stays constant as workers are added when each worker does as much as one did alone (while one worker
is saturated; below that the readers' pauses set the pace) and so does the CPU time per action.

Before readers arrive, each server process opens every theme page once, untimed: a process's first
render loads the store and the chart libraries, a cost of starting it, not of serving.

``python -m bench.load [--sessions N] [--seconds S] [--think S] [--workers N [--kill-after S]]``
``python -m bench.load --compare-workers 1,2 [--compare-readers 1,32] [--seconds S]``
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import functools
import os
import random
import re
import signal
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import websockets

from bench import protocol, publish
from bench.pages import _rss_mb
from bench.protocol import Run, Session
from childsdg import api, formatting
from childsdg.data import catalogue
from childsdg.views import filters, theme_standard_sections
from deploy.serve import Cluster
from tests.server import free_port, start_server

SESSIONS = 16
SECONDS = 90
THINK_S = 2.0  # mean pause between a reader's actions (uniform between 0.5x and 1.5x)
ARRIVAL_GAP_S = 0.25  # readers arrive one after another, not in the same millisecond
THEMES = ["survival", "early_childhood", "environment", "humanitarian"]
GROUPING = filters.DEFAULT_GROUPING
REGIONS = catalogue.group_names(GROUPING)
DEFAULT_REGION = next(iter(REGIONS))
# How often each action comes up, relative to the others: readers mostly move filters.
ACTIONS = {"region": 4, "indicator": 3, "year": 2, "page": 2, "export": 1, "link": 1}
# Every reader starts as someone briefing tomorrow: open the shared link, download the chart.
OPENING = ["link", "export"]
VIEW = ("theme", "region", "indicator", "year")  # what a reader's URL and page hold
SERVER_LOG_PROBLEMS = re.compile(r"Traceback|Error|Exception|WARNING|Rejecting")


@dataclass
class Reader:
    """One simulated reader: its session, what it has asked for, and what it saw."""

    number: int
    rng: random.Random
    session: Session | None = None
    last: Run | None = None
    theme: str = ""
    region: str = DEFAULT_REGION
    indicator: str = ""
    year: int = 0
    year_chosen: bool = False  # by the reader or its link: only then does the year follow to another page
    times: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in ACTIONS})
    exports: dict[str, int] = field(default_factory=lambda: {"csv": 0, "svg": 0})
    errors: list[str] = field(default_factory=list)
    healthy: bool = False
    recovery: dict | None = None  # for a reader of the killed worker: how it was served again
    confirmed: dict = field(default_factory=dict)  # the view of its last answered action (what its URL holds)

    @property
    def worker(self) -> str | None:
        return None if self.session is None else self.session.worker

    def pick(self, choices, avoid=None):
        return self.rng.choice([c for c in choices if c != avoid])


@functools.cache
def indicator_names(theme: str) -> dict[str, str]:
    table = api.indicators(theme)
    return dict(zip(table["id"], table["short_name"]))


@functools.cache
def default_year(indicator: str) -> int:
    """The year a theme page opens on: the indicator's latest in the store."""
    return int(api.coverage().set_index("id").loc[indicator, "latest_year"])


@functools.cache
def expected_headline(indicator: str, region: str, year: int) -> tuple[str, str]:
    """The headline metric's label and value the page must show for this reader's choices."""
    figures = api.headline(indicator, f"{GROUPING}:{region}", year, baseline=theme_standard_sections.BASELINE_YEAR)
    return (f"{REGIONS[region]}, {figures['year']}",
            formatting.number(figures["value"], catalogue.indicator(indicator)["unit_kind"]))


def mismatches(reader: Reader, run: Run) -> list[str]:
    """What ``run`` shows that this reader did not ask for (empty when everything is its own)."""
    problems = [f"exception on the page: {text}" for text in run.exceptions]
    metrics = run.of_kind("metric")
    shown = (metrics[0].label, metrics[0].body) if metrics else None
    wanted = expected_headline(reader.indicator, reader.region, reader.year)
    if shown != wanted:
        problems.append(f"headline {shown} on {reader.theme}, expected {wanted} for {reader.region}/"
                        f"{reader.indicator}/{reader.year}")
    for key, value, default in (("region", reader.region, DEFAULT_REGION),
                                ("indicator", reader.indicator, catalogue.HEADLINE_INDICATORS[reader.theme]),
                                ("year", str(reader.year), str(default_year(reader.indicator)))):
        expected = None if value == default else [value]
        if run.query.get(key) != expected:
            problems.append(f"URL has {key}={run.query.get(key)}, expected {expected}")
    return problems


def file_mismatches(reader: Reader, content: bytes, fmt: str) -> list[str]:
    """A downloaded file must name this reader's region and indicator, and link to its own view."""
    text = content.decode("utf-8", errors="replace")
    problems = []
    if f"Group: {REGIONS[reader.region]}" not in text:
        problems.append(f"{fmt} file does not name {REGIONS[reader.region]!r}")
    if catalogue.indicator(reader.indicator)["name"] not in text and \
            indicator_names(reader.theme)[reader.indicator] not in text:
        problems.append(f"{fmt} file does not name indicator {reader.indicator!r}")
    if fmt == "csv":
        link = next((line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("# Link to this view")), "")
        if parse_qs(urlparse(link).query).get("region", [DEFAULT_REGION])[0] != reader.region:
            problems.append(f"csv links to {link!r}, not to region {reader.region}")
    return problems


async def _link(reader: Reader, base: str) -> None:
    """Open a shared link (theme, region, indicator, sometimes a year) in a new session."""
    if reader.session is not None:
        await reader.session.close()
    reader.theme = reader.pick(THEMES)
    reader.region = reader.pick(REGIONS)
    reader.indicator = reader.pick(indicator_names(reader.theme))
    query = {"region": reader.region, "indicator": reader.indicator}
    if reader.rng.random() < 0.5:
        query["year"] = str(reader.rng.randint(2005, 2022))
    reader.year = int(query.get("year", default_year(reader.indicator)))
    reader.year_chosen = "year" in query
    reader.session = Session(base)
    reader.last = await reader.session.open(reader.theme, "&".join(f"{k}={v}" for k, v in query.items()))


async def _reconnect(reader: Reader, base: str, killed_at: float) -> None:
    """After its worker died: reconnect and ask for the page at the URL held, as the browser does.

    The cookie still names the dead worker; the proxy sends the reader to another one and rewrites
    it. The browser retries the connection until it succeeds; so does this, every half second.
    """
    view = {"query": reader.confirmed.get("query", reader.session.query_string), "from": reader.worker}
    cookies = dict(reader.session.cookies)
    for name in VIEW:  # an action cut off by the crash is lost, as in a browser
        setattr(reader, name, reader.confirmed.get(name, getattr(reader, name)))
    reader.year_chosen = "year=" in view["query"]  # the new session knows only what the URL holds
    while True:
        reader.session = Session(base)
        reader.session.cookies = dict(cookies)
        try:
            reader.last = await reader.session.open(reader.theme, view["query"])
            break
        except (OSError, protocol.ProtocolError, websockets.WebSocketException):
            await asyncio.sleep(0.5)
    problems = await asyncio.to_thread(mismatches, reader, reader.last)
    reader.recovery = {"from": view["from"], "to": reader.worker,
                       "served_again_s": round(time.monotonic() - killed_at, 2),
                       "view_restored": not problems and reader.session.query_string == view["query"],
                       "problems": problems}


async def _widget(reader: Reader, kind: str) -> None:
    """Move one filter through its widget."""
    if kind == "region":
        reader.region = reader.pick(REGIONS, reader.region)
        value = REGIONS[reader.region]
    elif kind == "indicator":
        reader.indicator = reader.pick(indicator_names(reader.theme), reader.indicator)
        value = indicator_names(reader.theme)[reader.indicator]
        if not reader.year_chosen:  # the page's year follows the indicator's latest until the reader picks one
            reader.year = default_year(reader.indicator)
    else:
        reader.year = value = reader.pick(range(2000, filters.store_years()[1] + 1), reader.year)
        reader.year_chosen = True
    reader.last = await reader.session.change({f"{reader.theme}.{kind}": value}, reader.last)


async def _page(reader: Reader) -> None:
    """Go to another theme page: the region and a chosen year follow the reader, the indicator is the page's own."""
    reader.theme = reader.pick(THEMES, reader.theme)
    reader.indicator = catalogue.HEADLINE_INDICATORS[reader.theme]
    if not reader.year_chosen:
        reader.year = default_year(reader.indicator)
    reader.last = await reader.session.switch(reader.theme)


async def _export(reader: Reader) -> list[str]:
    """Download a chart's data (CSV) or image (SVG): the trend's, else the map's or the ranking's.

    Where the server has no Chromium the images are not offered, and the data is downloaded instead.
    """
    wanted = reader.pick(["csv", "csv", "svg"])
    for fmt in dict.fromkeys([wanted, "csv"]):
        for chart in ("trend", "map", "ranking"):
            try:
                button = reader.last.widget(f"export.{chart}.{fmt}")
            except KeyError:
                continue
            reader.exports[fmt] += 1
            return file_mismatches(reader, await reader.session.download(button), fmt)
    return [f"no chart to download on {reader.theme} for {reader.region}/{reader.indicator}"]


async def _act(reader: Reader, kind: str, base: str) -> list[str]:
    """Do one action; return what was wrong with its answer."""
    if kind == "link":
        await _link(reader, base)
    elif kind == "page":
        await _page(reader)
    elif kind == "export":
        return await _export(reader)
    else:
        await _widget(reader, kind)
    return await asyncio.to_thread(mismatches, reader, reader.last)


async def _read(reader: Reader, base: str, deadline: float, think_s: float, kill: dict) -> None:
    """Act until ``deadline``; after a failure start again from a link, as a reader would reload.

    A failure because the reader's worker was killed (``kill``: the worker's name and when) is not
    an error of the run: the reader reconnects and its recovery is recorded instead.
    """
    await asyncio.sleep(reader.number * ARRIVAL_GAP_S)
    planned = list(OPENING)
    while time.monotonic() < deadline:
        kind = planned.pop(0) if planned else reader.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
        started = time.perf_counter()
        try:
            problems = await _act(reader, kind, base)
        except Exception as exc:  # a failed action is an error to count, not the end of the run
            if kill.get("worker") and reader.worker == kill["worker"] and reader.recovery is None:
                await _reconnect(reader, base, kill["at"])
                continue
            problems = [f"{kind} failed: {exc.__class__.__name__}: {str(exc)[:200]}"]
        elapsed = (time.perf_counter() - started) * 1000
        reader.errors.extend(f"{kind}: {problem}" for problem in problems)
        reader.healthy = not problems
        if problems:
            planned = ["link"]
        else:
            reader.times[kind].append(elapsed)
            reader.confirmed = {**{name: getattr(reader, name) for name in VIEW}, "query": reader.session.query_string}
            if reader.number in kill.get("readers", ()) and reader.recovery is None and reader.worker != kill["worker"]:
                # A reader of the killed worker that opened a shared link before its next action failed: the
                # link's new session went to a live worker, which served the view of the link's URL.
                reader.recovery = {"from": kill["worker"], "to": reader.worker, "by": kind,
                                   "served_again_s": round(time.monotonic() - kill["at"], 2), "view_restored": True,
                                   "problems": []}
        await asyncio.sleep(think_s * reader.rng.uniform(0.5, 1.5))
    if reader.session is not None:
        await reader.session.close()


async def _warm(urls: list[str]) -> None:
    """Each server process opens every theme page once, untimed (the module's docstring says why)."""
    for url in urls:
        session = Session(url)
        await session.open(THEMES[0])
        for theme in THEMES[1:]:
            await session.switch(theme)
        await session.close()


async def _drive(base: str, servers: "Servers", count: int, seconds: float, think_s: float,
                 kill_after: float | None) -> tuple[list[Reader], dict, dict]:
    """All readers at once; returns them, the servers' memory (MB) seen meanwhile, and the kill's facts."""
    readers = [Reader(number, random.Random(number)) for number in range(count)]
    memory = {"before": servers.rss_mb(), "peak": servers.rss_mb()}
    started = time.monotonic()
    deadline = started + seconds
    kill: dict = {}
    running = asyncio.gather(*(_read(reader, base, deadline, think_s, kill) for reader in readers))
    while not running.done():
        memory["peak"] = max(memory["peak"], servers.rss_mb())
        memory["with_sessions"] = servers.rss_mb()  # last reading while every reader was still connected
        if kill_after is not None and not kill and time.monotonic() - started >= kill_after:
            kill.update(servers.kill_busiest([r.worker for r in readers]))
            kill["readers"] = sorted(r.number for r in readers if r.worker == kill["worker"])
        await asyncio.wait([running], timeout=1)
    running.result()
    await asyncio.sleep(5)  # let the server drop the closed sessions
    memory["after_close"] = servers.rss_mb()
    return readers, memory, kill


class Servers:
    """The server(s) under load: one Streamlit process, or ``make serve``'s workers behind HAProxy."""

    def __init__(self, workers: int):
        self.cluster = None
        if workers:
            self.cluster = Cluster([free_port() for _ in range(workers)], free_port(),
                                   Path(tempfile.mkdtemp(prefix="load-serve-"))).start()
            self.url = f"http://127.0.0.1:{self.cluster.port}"
        else:
            port = free_port()
            self.single = start_server(port)
            self.url = f"http://127.0.0.1:{port}"

    def worker_urls(self) -> list[str]:
        """Each server process's own address (behind the proxy: each worker's loopback port)."""
        if self.cluster is None:
            return [self.url]
        return [f"http://127.0.0.1:{w.port}" for w in self.cluster.workers]

    def pids(self) -> dict[str, int]:
        if self.cluster is None:
            return {"server": self.single.pid}
        return {**{w.name: w.process.pid for w in self.cluster.workers}, "proxy": self.cluster.proxy.pid}

    def rss_mb(self) -> float:
        """Resident memory of every worker (the proxy is reported on its own)."""
        return round(sum(_rss_mb(pid) for name, pid in self.pids().items() if name != "proxy"), 1)

    def cpu_seconds(self) -> dict[str, float]:
        return {name: _cpu_seconds(pid) for name, pid in self.pids().items()}

    def kill_busiest(self, workers_of_readers: list[str | None]) -> dict:
        """SIGKILL the worker serving the most readers, as a crash would; the supervisor restarts it."""
        name = max(sorted(self.cluster.workers, key=lambda w: w.name),
                   key=lambda w: workers_of_readers.count(w.name)).name
        worker = self.cluster.worker_by_name(name)
        os.kill(worker.process.pid, signal.SIGKILL)
        return {"worker": name, "at": time.monotonic()}

    def restarts(self) -> dict[str, int]:
        """How often the supervisor started each worker again (a killed one: once)."""
        return {} if self.cluster is None else {w.name: w.restarts for w in self.cluster.workers}

    def stop(self) -> list[str]:
        """Stop every process; the server log lines of every worker."""
        if self.cluster is not None:
            self.cluster.stop()
            return [line for w in self.cluster.workers
                    for line in w.log_path.read_text(encoding="utf-8", errors="replace").splitlines()]
        self.single.terminate()
        self.single.wait(timeout=20)
        return list(self.single.log)


def percentiles(values: list[float]) -> dict:
    if len(values) < 2:
        return {"n": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50": round(cuts[49]), "p90": round(cuts[89]), "p99": round(cuts[98]),
            "max": round(max(values))}


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (/proc/<pid>/stat, clock ticks of 1/100 s)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


def run(sessions: int = SESSIONS, seconds: float = SECONDS, think_s: float = THINK_S, workers: int = 0,
        kill_after: float | None = None) -> dict:
    """One load run; ``workers`` > 0 goes through ``make serve``'s proxy, ``kill_after`` kills a worker."""
    if kill_after is not None and workers < 2:
        raise ValueError("killing a worker needs at least 2 workers")
    servers = Servers(workers)
    try:
        asyncio.run(_warm(servers.worker_urls()))
        cpu_before = servers.cpu_seconds()
        proxy_rss = {"before": _rss_mb(servers.pids()["proxy"])} if workers else {}
        started = time.monotonic()
        readers, memory, kill = asyncio.run(_drive(servers.url, servers, sessions, seconds, think_s, kill_after))
        wall = time.monotonic() - started
        cpu_used = {name: seconds_now - cpu_before.get(name, 0.0) for name, seconds_now in servers.cpu_seconds().items()}
        cpu = {name: round(used / wall, 2) for name, used in cpu_used.items()}
        if workers:
            proxy_rss["end"] = _rss_mb(servers.pids()["proxy"])
            worker_rss = {name: _rss_mb(pid) for name, pid in servers.pids().items() if name != "proxy"}
        restarts = servers.restarts()
    finally:
        log = servers.stop()
    server_errors = [line.strip()[:300] for line in log if SERVER_LOG_PROBLEMS.search(line)]
    errors = [f"reader {r.number}: {e}" for r in readers for e in r.errors] + \
             [f"server log: {line}" for line in server_errors]
    every = [t for r in readers for kind, times in r.times.items() if kind != "export" for t in times]
    per_worker = {}
    if workers:
        for r in readers:
            per_worker.setdefault(r.worker or "none", {"readers": 0, "actions": 0})
            per_worker[r.worker or "none"]["readers"] += 1
            per_worker[r.worker or "none"]["actions"] += sum(len(t) for t in r.times.values())
    victims = [r for r in readers if r.recovery is not None]
    return {"sessions": sessions, "seconds": seconds, "think_s": think_s, "workers": workers,
            "per_worker_at_end": per_worker, "proxy_rss_mb": proxy_rss, "worker_restarts": restarts,
            "worker_rss_mb_at_end": worker_rss if workers else {}, "server_cpu_share_by_process": cpu,
            "kill": None if not kill else {
                "worker": kill["worker"], "after_s": kill_after, "readers_on_it": len(kill["readers"]),
                "served_again_s": [r.recovery["served_again_s"] for r in victims],
                "views_restored": sum(r.recovery["view_restored"] for r in victims),
                "errors_of_other_readers": sum(len(r.errors) for r in readers if r.number not in kill["readers"]),
                "recoveries": [{"reader": r.number, **r.recovery} for r in victims]},
            "sessions_held": sum(r.healthy for r in readers),
            "actions": sum(len(times) for r in readers for times in r.times.values()),
            "exports": {fmt: sum(r.exports[fmt] for r in readers) for fmt in ("csv", "svg")},
            "errors": len(errors), "error_samples": errors[:20],
            "server_ms_per_page_action": percentiles(every),
            "server_ms_by_action": {kind: percentiles([t for r in readers for t in r.times[kind]]) for kind in ACTIONS},
            "server_cpu_share": round(sum(share for name, share in cpu.items() if name != "proxy"), 2),
            "server_cpu_seconds": round(sum(used for name, used in cpu_used.items() if name != "proxy"), 1),
            "server_rss_mb": memory}


def report(results: dict) -> str:
    lines = ["| action | n | p50 ms | p90 ms | p99 ms | max ms |", "|---|---|---|---|---|---|"]
    for kind, figures in [("all but exports", results["server_ms_per_page_action"]),
                          *results["server_ms_by_action"].items()]:
        lines.append(f"| {kind} | {figures['n']} | {figures.get('p50', 'n/a')} | {figures.get('p90', 'n/a')} | "
                     f"{figures.get('p99', 'n/a')} | {figures.get('max', 'n/a')} |")
    memory = results["server_rss_mb"]
    lines += ["", f"{results['sessions']} sessions for {results['seconds']} s (pause {results['think_s']} s on "
              f"average): {results['sessions_held']} held to the end, {results['actions']} actions "
              f"({results['exports']['csv']} CSV and {results['exports']['svg']} SVG downloads), "
              f"{results['errors']} errors. Server CPU {results['server_cpu_share']:.0%} of one core. Server "
              f"memory: {memory['before']} MB before, {memory['peak']} MB at peak, {memory.get('with_sessions')} MB "
              f"with every session open, {memory['after_close']} MB after they closed."]
    if results.get("workers"):
        lines.append(f"Through the proxy to {results['workers']} workers: readers and actions per worker "
                     f"{results['per_worker_at_end']}; CPU share per process {results['server_cpu_share_by_process']}; "
                     f"proxy memory {results['proxy_rss_mb']} MB.")
    if results.get("kill"):
        kill = results["kill"]
        lines.append(f"Killed {kill['worker']} after {kill['after_s']} s with {kill['readers_on_it']} readers on it: "
                     f"served again after {kill['served_again_s']} s, {kill['views_restored']} views restored from "
                     f"the URL, {kill['errors_of_other_readers']} errors for the readers of the other workers.")
    lines += [f"- {error}" for error in results["error_samples"]]
    return "\n".join(lines)


COMPARE_READERS = (1, 32)
COMPARE_SECONDS = 60
KILL_READERS = 16


def _row(results: dict) -> dict:
    """One line of the side-by-side table from one run's results."""
    workers = max(results["workers"], 1)
    page = results["server_ms_per_page_action"]
    rss = results["worker_rss_mb_at_end"]
    return {"readers": results["sessions"], "workers": results["workers"], "actions": results["actions"],
            "errors": results["errors"], "held": results["sessions_held"],
            "p50_ms": page.get("p50"), "p90_ms": page.get("p90"), "p99_ms": page.get("p99"),
            "actions_per_s_per_worker": round(results["actions"] / results["seconds"] / workers, 2),
            "cpu_cores": results["server_cpu_share"],
            "cpu_ms_per_action": round(results["server_cpu_seconds"] * 1000 / results["actions"]) if results["actions"] else None,
            "rss_mb_per_worker": round(sum(rss.values()) / len(rss), 1) if rss else None,
            "proxy_rss_mb": results["proxy_rss_mb"].get("end")}


def compare(worker_counts: list[int], reader_counts: list[int], seconds: float = COMPARE_SECONDS,
            think_s: float = THINK_S) -> dict:
    """Every reader count on every worker count, through the proxy, then the kill test on the most workers."""
    started = time.monotonic()
    load_before = os.getloadavg()
    runs = [run(sessions, seconds, think_s, workers) for workers in worker_counts for sessions in reader_counts]
    most = max(worker_counts)
    kill_run = run(KILL_READERS, seconds, think_s, most, round(seconds / 3)) if most >= 2 else None
    return {"measured_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
            "seconds_per_run": seconds, "think_s": think_s, "wall_s": round(time.monotonic() - started),
            "table": [_row(r) for r in runs], "kill": None if kill_run is None else {
                "workers": most, "readers": KILL_READERS, **kill_run["kill"], "errors": kill_run["errors"],
                "error_samples": kill_run["error_samples"]},
            "runs": runs}


def _scaling(table: list[dict]) -> list[str]:
    """How close readers served per worker stays to one worker's, for each reader count."""
    lines = []
    for readers in sorted({row["readers"] for row in table}):
        rows = sorted((row for row in table if row["readers"] == readers), key=lambda row: row["workers"])
        if len(rows) > 1 and rows[0]["actions_per_s_per_worker"]:
            ratios = ", ".join(f"{row['workers']} workers {row['actions_per_s_per_worker'] / rows[0]['actions_per_s_per_worker']:.0%}"
                               for row in rows[1:])
            cpu = ", ".join(f"{row['workers']} workers {row['cpu_ms_per_action']}" for row in rows)
            lines.append(f"{readers} readers: actions per second per worker, against {rows[0]['workers']} worker(s): "
                         f"{ratios}; CPU ms per action: {cpu}")
    return lines


def compare_report(results: dict) -> str:
    columns = ["readers", "workers", "actions", "errors", "held", "p50_ms", "p90_ms", "p99_ms",
               "actions_per_s_per_worker", "cpu_cores", "cpu_ms_per_action", "rss_mb_per_worker", "proxy_rss_mb"]
    lines = [f"Measured {results['measured_at']} on {results['cpus']} CPUs (load average before "
             f"{results['load_average_before'][0]}), {results['seconds_per_run']} s per run, pause "
             f"{results['think_s']} s; {results['wall_s']} s in all. Server time per action (exports excluded).", "",
             "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in results["table"]]
    lines += ["", *_scaling(results["table"])]
    kill = results["kill"]
    if kill:
        restored = kill["views_restored"]
        lines.append(f"Kill test ({kill['readers']} readers, {kill['workers']} workers): {kill['worker']} killed after "
                     f"{kill['after_s']} s with {kill['readers_on_it']} readers on it; each served again after "
                     f"{kill['served_again_s']} s; views restored from the URL: {restored} of "
                     f"{len(kill['served_again_s'])}; errors for the readers of the other workers: "
                     f"{kill['errors_of_other_readers']}; errors in the run: {kill['errors']}.")
    for row, run_results in zip(results["table"], results["runs"]):
        lines += [f"- {row['readers']} readers, {row['workers']} workers: {error}" for error in run_results["error_samples"][:3]]
    return "\n".join(lines)


def _counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--seconds", type=float, default=None,
                        help=f"length of each run (default {SECONDS}, {COMPARE_SECONDS} per run when comparing)")
    parser.add_argument("--think", type=float, default=THINK_S, help="mean pause between a reader's actions, s")
    parser.add_argument("--workers", type=int, default=0, help="through make serve's proxy with N workers (0: one server)")
    parser.add_argument("--kill-after", type=float, default=None, help="kill the busiest worker after S seconds")
    parser.add_argument("--compare-workers", type=_counts, default=None,
                        help="side by side through the proxy, e.g. 1,2: every --compare-readers count on each, "
                             "then the kill test")
    parser.add_argument("--compare-readers", type=_counts, default=list(COMPARE_READERS))
    options = parser.parse_args()
    if options.compare_workers:
        publish("load_compare", compare(options.compare_workers, options.compare_readers,
                                        options.seconds or COMPARE_SECONDS, options.think), compare_report)
        raise SystemExit(0)
    name = f"load_{options.sessions}" + (f"_w{options.workers}" if options.workers else "") + \
        ("_kill" if options.kill_after is not None else "")
    publish(name, run(options.sessions, options.seconds or SECONDS, options.think, options.workers, options.kill_after),
            report)
