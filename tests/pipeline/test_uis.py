"""The uis step on a small fake folder, then on the real sources.

The fixture folder also holds UIS's aggregate files (by global, by income_group), which must never
become observations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core import load_meta
from pipeline.steps import uis
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context, write_ddf

META = load_meta("uis")
# AAA's 2020 value of each series by sex.
PARTICIPATION = {"total": 80.5, "female": 82.0, "male": 79.0}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources" / "uis"
    for indicator, spec in META["indicators"].items():
        for sex, code in (spec.get("codes_by_sex") or {"total": spec["code"]}).items():
            value = PARTICIPATION[sex] if indicator == "participation_pre_primary" else 50.0
            write_ddf(folder, code, [("aaa", 2020, value), ("aaa", 2021, None), ("zzz", 2020, 1.0)], time="year")
    write_ddf(folder, "nera_agm1_cp", [("world", 2020, 75.0)], entity="global", time="year")
    (folder / "ddf--datapoints--nera_agm1_cp--by--income_group--year.csv").write_text(
        "year,nera_agm1_cp,income_group\n2020,40.0,low_income\n")
    return tmp_path / "sources"


def test_sexes_come_from_their_own_files(sources: Path) -> None:
    obs = uis.run(context(sources, "AAA")).observations
    rows = obs[obs["indicator"] == "participation_pre_primary"]
    assert dict(zip(rows["sex"], rows["value"])) == PARTICIPATION
    assert set(rows["year"]) == {2020}
    ecd = obs[obs["indicator"] == "ecd_on_track"]
    assert sorted(ecd["sex"]) == ["female", "male", "total"]
    assert set(obs.loc[obs["indicator"] == "preprimary_net_enrolment", "sex"]) == {"total"}


def test_countries_are_observations_and_aggregates_published_rows(sources: Path) -> None:
    output = uis.run(context(sources, "AAA"))
    assert set(output.observations["iso3"]) == {"AAA"}
    published = output.published.set_index(["grouping", "group_code"])
    assert published.loc[("world", "WLD"), "value"] == 75.0 and published.loc[("income_group", "LIC"), "value"] == 40.0
    assert set(published["indicator"]) == {"participation_pre_primary"} and set(published["year"]) == {2020}
    assert set(published["producer"]) == {uis.PRODUCER} and set(published["source_code"]) == {"WORLD", "LOW_INCOME"}


def test_kinds_and_catalogue(sources: Path) -> None:
    output = uis.run(context(sources, "AAA"))
    kinds = output.observations.groupby("indicator")["kind"].first().to_dict()
    assert kinds == {"participation_pre_primary": "administrative", "ecd_on_track": "survey",
                     "preprimary_net_enrolment": "administrative", "attendance_pre_primary": "survey"}
    assert {spec["weight"] for spec in output.indicators.values()} == {"under5_population"}
    assert not any("target_2030" in spec for spec in output.indicators.values())  # SDG 4.2 has no number


@requires_sources
def test_real_folder() -> None:
    from pipeline.steps import classifications

    ctx = context(SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    obs = uis.run(ctx).observations
    by_key = obs.set_index(["indicator", "iso3", "year", "sex"])["value"]
    # Aruba 2000, participation one year before primary (line 2 of each file).
    assert by_key["participation_pre_primary", "ABW", 2000, "total"] == pytest.approx(92.99320220947266)
    assert by_key["participation_pre_primary", "ABW", 2000, "female"] == pytest.approx(93.68863677978516)
    assert by_key["participation_pre_primary", "ABW", 2000, "male"] == pytest.approx(92.3381805419922)
    # Afghanistan 2023, developmentally on track: 29.3, girls 30.8, boys 27.9 (line 2 of each file).
    assert [by_key["ecd_on_track", "AFG", 2023, sex] for sex in ("total", "female", "male")] == [29.3, 30.8, 27.9]
    assert "WORLD" not in set(obs["iso3"])
