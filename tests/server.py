"""The real dashboard server on 127.0.0.1, for the browser tests, the load test and the benchmarks.

Kept apart from tests/browser/ because starting the server needs no browser: the load test speaks
Streamlit's websocket protocol itself and must run where Chromium is absent.
"""

from __future__ import annotations

import concurrent.futures
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, env: dict | None = None) -> subprocess.Popen:
    """``streamlit run app.py`` on 127.0.0.1:port, returned once /_stcore/health answers.

    The server's output is read as it comes into ``process.log`` (a list of lines): a pipe nobody
    reads fills up and stalls the server, and tests want to look for tracebacks in it.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    process.log = []
                    threading.Thread(target=_collect, args=(process,), daemon=True).start()
                    return process
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stdout.read().decode()[-2000:]}")
    process.kill()
    raise RuntimeError("streamlit did not answer /_stcore/health within 60 s")


def _collect(process: subprocess.Popen) -> None:
    for line in process.stdout:
        process.log.append(line.decode(errors="replace").rstrip())


def in_own_thread(function, *args, **kwargs):
    """``function(*args, **kwargs)`` in a thread of its own, for code that calls ``asyncio.run``.

    The browser tests' Playwright (sync API, one browser for the whole run) keeps an event loop
    running in the main thread, where ``asyncio.run`` refuses to start another.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
