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
