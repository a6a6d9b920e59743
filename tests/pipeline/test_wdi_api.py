"""The wdi_api step on a small fake World Bank API export, then on the real sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core import load_meta
from pipeline.steps import wdi_api
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context

SPEC = load_meta("wdi_api")["indicators"]["air_pollution_mortality"]
NAME = "Mortality rate attributed to household and ambient air pollution"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources" / "wdi_api"
    folder.mkdir(parents=True)
    code = SPEC["code"]
    # The layout of the API's bulk CSV: a byte-order mark, four preamble lines, a trailing comma.
    lines = ['\ufeff"Data Source","World Development Indicators",', "",
             '"Last Updated Date","2026-02-24",', "",
             '"Country Name","Country Code","Indicator Name","Indicator Code","2018","2019","2020",',
             f'"Aaa","AAA","{NAME}","{code}","","265.7","",',
             f'"Africa Eastern and Southern","AFE","{NAME}","{code}","","158.4","",',
             f'"Bbb","BBB","{NAME}","{code}","","","",',
             f'"Zzz","ZZZ","{NAME}","{code}","","12.0","",']
    (folder / SPEC["file"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / SPEC["metadata_file"]).write_text(
        '\ufeff"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\n'
        f'"{code}","{NAME}","Deaths from the joint effects of air pollution.","WHO",\n', encoding="utf-8")
    return tmp_path / "sources"


def test_wide_file_becomes_long_without_aggregates(sources: Path) -> None:
    obs = wdi_api.run(context(sources, "AAA", "BBB")).observations
    assert list(zip(obs["iso3"], obs["year"], obs["value"])) == [("AAA", 2019, 265.7)]
    assert obs["source_row"].tolist() == [6]  # header on line 5
    assert (obs["kind"].tolist(), obs["sex"].tolist(), obs["residence"].tolist()) == (["modelled"], ["total"], ["total"])


def test_name_and_definition_come_from_the_metadata_file(sources: Path) -> None:
    spec = wdi_api.run(context(sources, "AAA")).indicators["air_pollution_mortality"]
    assert spec["name"] == NAME
    assert spec["definition"] == "Deaths from the joint effects of air pollution."


@requires_sources
def test_real_folder() -> None:
    from pipeline.steps import classifications

    ctx = context(SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    obs = wdi_api.run(ctx).observations
    # Afghanistan 2019: 265.7 deaths per 100,000 (line 8); the aggregates (AFE, WLD ...) are gone.
    afg = obs[obs["iso3"] == "AFG"]
    assert list(zip(afg["year"], afg["value"], afg["source_row"])) == [(2019, 265.7, 8)]
    assert not {"AFE", "WLD"} & set(obs["iso3"])
    assert set(obs["year"]) == {2019}
