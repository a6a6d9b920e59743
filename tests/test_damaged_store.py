"""A missing or damaged data file stops the app with a message naming the file and the rebuild command."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from childsdg.data import datastore
from tests.conftest import DATA, ROOT

STORE_FILES = sorted(datastore.verified_manifest(DATA)["files"]) + ["manifest.json"]


def damaged_copy(tmp_path, name: str, how: str):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / name
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 2)])
    elif how == "corrupt":
        content = bytearray(path.read_bytes())
        middle = len(content) // 2
        content[middle:middle + 16] = b"\x00garbage\xff\xfe\x00!!!!!!"[:16]
        path.write_bytes(bytes(content))
    return folder


def run_app(folder, monkeypatch) -> AppTest:
    monkeypatch.setenv("CHILDSDG_DATA", str(folder))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


@pytest.mark.parametrize("how", ["delete", "truncate", "corrupt"])
@pytest.mark.parametrize("name", STORE_FILES)
def test_app_names_the_damaged_file_and_the_rebuild_command(tmp_path, monkeypatch, name, how):
    at = run_app(damaged_copy(tmp_path, name, how), monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    messages = " ".join(e.value for e in at.error)
    assert name.split("/")[-1] in messages
    assert datastore.REBUILD_COMMAND in messages
    assert not at.get("plotly_chart"), "no chart should be drawn from a damaged store"


def test_the_intact_store_starts(monkeypatch, tmp_path):
    at = run_app(damaged_copy(tmp_path, "README.md", "keep"), monkeypatch)
    assert not at.exception and not at.error
    assert at.metric, "the overview shows its headline figures"
