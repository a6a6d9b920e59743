"""Shared test fixtures: where the raw sources and the bundled store are, a tiny store per test module,
and the real server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.storefactory import make_store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
DATA = ROOT / "data"

requires_sources = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"raw sources not found at {SOURCES} (a user's clone has no ../shared/sources; CI has it)")


@pytest.fixture()
def tiny_store(request, tmp_path, monkeypatch) -> Path:
    """The requesting test module's tiny store, made the current store for one test.

    Built by ``storefactory.make_store`` from the module's ``COUNTRIES``, ``INDICATORS`` and ``ROWS``
    (and ``INCOME_HISTORY`` where it has one), so each module states its numbers once and the
    arithmetic in its tests can be checked by hand; ``CHILDSDG_DATA`` points at it for the test only.
    A fresh folder per test: the API's caches are kept per store, so no test sees another's results.
    """
    module = request.module
    folder = make_store(tmp_path / "store", module.COUNTRIES, module.INDICATORS, module.ROWS,
                        income_history=getattr(module, "INCOME_HISTORY", ()))
    monkeypatch.setenv("CHILDSDG_DATA", str(folder))
    return folder


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
