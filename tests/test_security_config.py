"""The security settings SECURITY.md promises are the ones the repository ships.

A setting flipped in .streamlit/config.toml, or a requirement loosened to an open range, would
otherwise go unnoticed until it mattered: these tests read the files themselves, and check that
the environment the tests run in lies inside the pinned ranges (the "ranges the tests passed with").
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
REQUIREMENT_FILES = sorted(ROOT.glob("requirements*.txt"))
MAX_UPLOAD_MB = 10


def requirements() -> list[Requirement]:
    """Every package line of requirements*.txt (comments and ``-r`` includes left out)."""
    lines = [re.sub(r"\s+#.*$", "", line).strip() for path in REQUIREMENT_FILES
             for line in path.read_text(encoding="utf-8").splitlines()]
    return [Requirement(line) for line in lines if line and not line.startswith(("#", "-"))]


def test_xsrf_protection_is_on_and_cors_is_not_switched_off():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert server.get("enableCORS", True) is True, "Streamlit's default (CORS protection on) must stay"


def test_uploads_are_small():
    assert 0 < CONFIG["server"]["maxUploadSize"] <= MAX_UPLOAD_MB


def test_no_usage_statistics_leave_the_machine():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_every_package_is_pinned_with_an_upper_bound():
    assert len(REQUIREMENT_FILES) == 2, REQUIREMENT_FILES
    pins = requirements()
    assert len(pins) >= 10
    for requirement in pins:
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators and "<" in operators, f"{requirement}: needs a lower and an upper bound"


@pytest.mark.parametrize("requirement", requirements(), ids=str)
def test_the_installed_version_lies_in_the_pinned_range(requirement):
    """The tests passing here is what the range claims, so the version they ran with must be inside it."""
    installed = metadata.version(requirement.name)
    assert requirement.specifier.contains(installed, prereleases=True), f"{requirement.name} {installed}"
