"""Shared test fixtures: where the raw sources and the bundled store are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
DATA = ROOT / "data"

requires_sources = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"raw sources not found at {SOURCES} (a user's clone has no ../shared/sources; CI has it)")


@pytest.fixture(scope="session")
def live_server():
    """The real server on 127.0.0.1, shared by the tests that speak its websocket protocol.

    Yields (base URL, the server's log lines so far: a list that grows as the server writes).
    """
    from tests.server import free_port, start_server

    port = free_port()
    process = start_server(port)
    yield f"http://127.0.0.1:{port}", process.log
    process.terminate()
    process.wait(timeout=20)
