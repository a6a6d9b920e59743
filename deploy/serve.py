"""``make serve WORKERS=N``: N dashboard processes on loopback ports behind one HAProxy.

One Streamlit process runs its pages on one core at most (the GIL), so more readers need more
processes. This supervisor starts ``workers`` Streamlit servers on 127.0.0.1 (ports
``base_port``, ``base_port + 1`` …), writes deploy/haproxy.cfg.template out with their ports,
starts HAProxy in front on ``port``, and then watches: a worker that exits, or whose
``/_stcore/health`` stops answering, is started again on its port. HAProxy pins each reader to one
worker by a cookie and moves the readers of a worker that is down to another one; the browser's
Streamlit client reconnects by itself and the page restores its view from the URL.

Every process writes to ``<run_dir>/logs/`` (``worker-1.log`` …, ``proxy.log``, ``serve.log``).
Ctrl-C (or SIGTERM) stops the proxy and the workers.

``python -m deploy.serve --workers 2 --port 8501``
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
HEALTH_PATH = "/_stcore/health"
START_TIMEOUT_S = 90.0
WATCH_INTERVAL_S = 1.0
HEALTH_FAILURES_BEFORE_RESTART = 5  # a worker busy with a long export may miss one or two checks


class ServeError(RuntimeError):
    """A process could not be started (the message names it and its log)."""


def healthy(port: int, timeout: float = 2.0) -> bool:
    """Whether a Streamlit server answers its health check on 127.0.0.1:port."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH_PATH}", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def haproxy_config(port: int, worker_ports: list[int], bind_address: str = "127.0.0.1") -> str:
    """The proxy's configuration: the template with this run's address and workers."""
    servers = "\n".join(f"    server w{number} 127.0.0.1:{worker_port} check cookie w{number}"
                        for number, worker_port in enumerate(worker_ports, start=1))
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind_address=bind_address, port=port, servers=servers)


@dataclass
class Worker:
    """One Streamlit process and what the supervisor knows of it."""

    number: int
    port: int
    log_path: Path
    process: subprocess.Popen | None = None
    restarts: int = 0
    failed_checks: int = 0
    launched_at: float = 0.0
    up: bool = False  # has answered a health check since it was (re)started

    def due_for_restart(self) -> str | None:
        """Why the worker must be started again, or None: it exited, stopped answering once up, or
        never came up within START_TIMEOUT_S (a worker starting on a busy machine takes seconds)."""
        if self.process.poll() is not None:
            return f"exited with {self.process.returncode}"
        if healthy(self.port):
            self.up, self.failed_checks = True, 0
            return None
        if self.up:
            self.failed_checks += 1
            return f"missed {self.failed_checks} health checks" if (
                self.failed_checks >= HEALTH_FAILURES_BEFORE_RESTART) else None
        if time.monotonic() - self.launched_at > START_TIMEOUT_S:
            return f"did not come up within {START_TIMEOUT_S:.0f} s"
        return None

    @property
    def name(self) -> str:
        return f"w{self.number}"


def _wait_until_healthy(process: subprocess.Popen, port: int, timeout_s: float, name: str, log: Path) -> None:
    """Return once ``port`` answers the health check; fail, naming the log, when the process exits or time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeError(f"{name} exited with {process.returncode}: see {log}")
        if healthy(port):
            return
        time.sleep(0.2)
    raise ServeError(f"{name} did not answer {HEALTH_PATH} on port {port} within {timeout_s:.0f} s: see {log}")


@dataclass
class Cluster:
    """The workers and the proxy of one ``serve`` run."""

    worker_ports: list[int]
    port: int
    run_dir: Path
    bind_address: str = "127.0.0.1"
    workers: list[Worker] = field(default_factory=list)
    proxy: subprocess.Popen | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)
    _watcher: threading.Thread | None = None
    # One secret for every worker: Streamlit signs its XSRF cookie with it, and a reader moved to
    # another worker must still be recognised.
    _cookie_secret: str = field(default_factory=lambda: secrets.token_hex(32))

    @property
    def logs(self) -> Path:
        return self.run_dir / "logs"

    def start(self) -> "Cluster":
        """Start every worker, wait until each answers its health check, then start the proxy."""
        haproxy = shutil.which("haproxy")
        if haproxy is None:
            raise ServeError("haproxy is not installed: `apt-get install haproxy` (make serve does it as root)")
        self.logs.mkdir(parents=True, exist_ok=True)
        self.workers = [Worker(number, worker_port, self.logs / f"worker-{number}.log")
                        for number, worker_port in enumerate(self.worker_ports, start=1)]
        for worker in self.workers:
            self._launch(worker)
        for worker in self.workers:
            self._wait_healthy(worker)
        config = self.run_dir / "haproxy.cfg"
        config.write_text(haproxy_config(self.port, [w.port for w in self.workers], self.bind_address),
                          encoding="utf-8")
        check = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise ServeError(f"haproxy refused {config}: {check.stdout}{check.stderr}")
        self.proxy = subprocess.Popen([haproxy, "-db", "-f", str(config)], stdout=self._log_file("proxy.log"),
                                      stderr=subprocess.STDOUT)
        self._wait_proxy()
        self._log(f"serving http://{self.bind_address}:{self.port} with {len(self.workers)} workers "
                  f"(ports {', '.join(str(w.port) for w in self.workers)}); logs in {self.logs}")
        self._watcher = threading.Thread(target=self._watch, name="serve-watch", daemon=True)
        self._watcher.start()
        return self

    def stop(self) -> None:
        """Stop watching, then the proxy, then the workers (politely, then firmly)."""
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        for process in [self.proxy, *(w.process for w in self.workers)]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [self.proxy, *(w.process for w in self.workers)]:
            if process is not None:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self._log("stopped")

    def worker_by_name(self, name: str) -> Worker:
        return next(w for w in self.workers if w.name == name)

    def _launch(self, worker: Worker) -> None:
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
                   "--server.port", str(worker.port), "--server.headless", "true",
                   "--browser.gatherUsageStats", "false"]
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": self._cookie_secret}
        worker.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self._log_file(worker.log_path.name),
                                          stderr=subprocess.STDOUT)
        worker.failed_checks, worker.up, worker.launched_at = 0, False, time.monotonic()

    def _wait_healthy(self, worker: Worker) -> None:
        _wait_until_healthy(worker.process, worker.port, START_TIMEOUT_S, f"worker {worker.name}", worker.log_path)

    def _wait_proxy(self) -> None:
        _wait_until_healthy(self.proxy, self.port, 15, "haproxy", self.logs / "proxy.log")

    def _watch(self) -> None:
        """Restart a worker that exited or stopped answering; the proxy stops sending it readers meanwhile."""
        while not self._stopping.wait(WATCH_INTERVAL_S):
            for worker in self.workers:
                if self._stopping.is_set():
                    return
                reason = worker.due_for_restart()
                if reason is None:
                    continue
                self._log(f"worker {worker.name} {reason}: restarting it on port {worker.port}")
                if worker.process.poll() is None:
                    worker.process.kill()
                    worker.process.wait()
                worker.restarts += 1
                self._launch(worker)
            if self.proxy.poll() is not None and not self._stopping.is_set():
                self._log(f"haproxy exited with {self.proxy.returncode}: see {self.logs / 'proxy.log'}")

    def _log_file(self, name: str):
        return (self.logs / name).open("ab")

    def _log(self, text: str) -> None:
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {text}"
        print(line, flush=True)
        with (self.logs / "serve.log").open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port, the one readers open")
    parser.add_argument("--base-port", type=int, default=8601, help="first worker's port (loopback only)")
    parser.add_argument("--bind", default="127.0.0.1", help="the proxy's address (0.0.0.0 in a container)")
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".serve", help="configuration and logs")
    options = parser.parse_args(argv)
    if options.workers < 1:
        parser.error("--workers must be at least 1")
    worker_ports = [options.base_port + offset for offset in range(options.workers)]
    cluster = Cluster(worker_ports, options.port, options.run_dir, options.bind)
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    try:
        cluster.start()
        stop.wait()
    except ServeError as problem:
        print(f"serve: {problem}", file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
