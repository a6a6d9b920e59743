"""The whole pipeline: byte-identical rebuilds, and bad sources refused with file, rows and rule."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.core import PipelineError
from tests.conftest import DATA, SOURCES, requires_sources

pytestmark = requires_sources


def sources_with_changed_file(tmp_path: Path, relative: str) -> tuple[Path, Path]:
    """A sources folder of links to the real one, except ``relative``, which is a writable copy."""
    root = tmp_path / "sources"
    target = Path(relative)
    real, fake = SOURCES, root
    for part in target.parts[:-1]:
        fake.mkdir(parents=True, exist_ok=True)
        for entry in real.iterdir():
            if entry.name != part and not (fake / entry.name).exists():
                (fake / entry.name).symlink_to(entry)
        real, fake = real / part, fake / part
    fake.mkdir(parents=True, exist_ok=True)
    for entry in real.iterdir():
        if entry.name != target.name:
            (fake / entry.name).symlink_to(entry)
    shutil.copyfile(real / target.name, fake / target.name)
    return root, fake / target.name


def test_rebuild_is_byte_identical_to_the_bundled_store(tmp_path):
    build(SOURCES, tmp_path / "data", log=lambda *_: None)
    for path in sorted(DATA.rglob("*")):
        if path.is_file():
            rebuilt = tmp_path / "data" / path.relative_to(DATA)
            assert rebuilt.read_bytes() == path.read_bytes(), f"{path.relative_to(DATA)} differs"


def build_fails(sources: Path, tmp_path: Path) -> str:
    with pytest.raises(PipelineError) as caught:
        build(sources, tmp_path / "out", log=lambda *_: None)
    assert not (tmp_path / "out" / "observations.parquet").exists(), "nothing may be written"
    return str(caught.value)


def test_a_rate_out_of_range_is_refused_naming_file_line_and_rule(tmp_path):
    sources, copy = sources_with_changed_file(tmp_path, "wdi/sh.dyn.mort/data.csv")
    lines = copy.read_text().splitlines()
    line_number = next(i for i, line in enumerate(lines, start=1) if line.startswith("Kenya,KEN,2020,"))
    lines[line_number - 1] = "Kenya,KEN,2020,1500"
    copy.write_text("\n".join(lines) + "\n")
    message = build_fails(sources, tmp_path)
    assert f"wdi/sh.dyn.mort/data.csv: rule value-range: 1 rows (lines {line_number})" in message


def test_a_duplicated_row_is_refused(tmp_path):
    sources, copy = sources_with_changed_file(tmp_path, "wdi/sh.dyn.nmrt/data.csv")
    lines = copy.read_text().splitlines()
    duplicate = next(line for line in lines if line.startswith("Ghana,GHA,2019,"))
    copy.write_text("\n".join(lines + [duplicate]) + "\n")
    message = build_fails(sources, tmp_path)
    assert "wdi/sh.dyn.nmrt/data.csv: rule duplicate-key: 2 rows" in message


def test_a_negative_count_is_refused(tmp_path):
    sources, copy = sources_with_changed_file(tmp_path, "unhcr/idmc.csv")
    lines = copy.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if ",SDN," in line and line.startswith("2024,"))
    fields = lines[index].split(",")
    fields[-1] = "-5"
    lines[index] = ",".join(fields)
    copy.write_text("\n".join(lines) + "\n")
    message = build_fails(sources, tmp_path)
    assert "unhcr/idmc.csv: rule value-range" in message and f"lines {index + 1}" in message


@pytest.mark.parametrize("relative, damage", [
    ("wdi/sh.sta.stnt.zs/data.csv", lambda path: path.write_bytes(b"\x00\x01garbage without columns\n")),
    ("unhcr/population.csv.gz", lambda path: path.write_bytes(gzip.compress(b"")[:5])),
    ("classifications/country_classification_master.csv", lambda path: path.write_text("")),
])
def test_unreadable_source_files_are_named(tmp_path, relative, damage):
    sources, copy = sources_with_changed_file(tmp_path, relative)
    damage(copy)
    message = build_fails(sources, tmp_path)
    assert message.startswith(relative), message


def test_a_missing_source_file_is_named(tmp_path):
    sources, copy = sources_with_changed_file(tmp_path, "uis/ddf--datapoints--ontrack_three_domains--by--country--year.csv")
    copy.unlink()
    message = build_fails(sources, tmp_path)
    assert "ontrack_three_domains" in message and "missing" in message
