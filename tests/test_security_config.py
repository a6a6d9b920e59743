"""The security settings SECURITY.md promises are the ones the repository ships.

A setting flipped in .streamlit/config.toml would otherwise go unnoticed until it mattered: these
tests read the file itself. The pinned ranges and the lock are tests/test_dependencies.py's.
"""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
MAX_UPLOAD_MB = 10


def test_xsrf_protection_is_on_and_cors_is_not_switched_off():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert server.get("enableCORS", True) is True, "Streamlit's default (CORS protection on) must stay"


def test_uploads_are_small():
    assert 0 < CONFIG["server"]["maxUploadSize"] <= MAX_UPLOAD_MB


def test_no_usage_statistics_leave_the_machine():
    assert CONFIG["browser"]["gatherUsageStats"] is False
