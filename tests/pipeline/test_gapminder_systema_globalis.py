"""The gapminder_systema_globalis step on a small fake folder, then on the real sources.

Fixture: AAA with national, urban and rural values; ``gbm`` is Gapminder's id for the Isle of Man
(mapped through the fast-track folder's entity table); ``zzz`` is not a country.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.core import load_meta
from pipeline.steps import gapminder_systema_globalis
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context, write_ddf

META = load_meta("gapminder_systema_globalis")
# (residence, value) for AAA in 2020, per indicator; IMN has a national value only.
AAA_2020 = {"water_basic": {"total": 70.5, "urban": 90.25, "rural": 60.0},
            "sanitation_basic": {"total": 40.0, "urban": 55.5, "rural": 30.125}}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    folder = root / "gapminder_systema_globalis"
    for indicator, spec in META["indicators"].items():
        for residence, code in spec["codes_by_residence"].items():
            rows = [("aaa", 2020, AAA_2020[indicator][residence]), ("aaa", 2021, None), ("zzz", 2020, 50.0)]
            if residence == "total":
                rows.append(("gbm", 2020, 100.0))
            write_ddf(folder, code, rows, entity="geo")
    codes = [code for spec in META["indicators"].values() for code in spec["codes_by_residence"].values()]
    pd.DataFrame({"concept": codes, "description": [f"{code} described" for code in codes]}
                 ).to_csv(folder / "ddf--concepts--subset.csv", index=False)
    fasttrack = root / "gapminder_fasttrack"
    fasttrack.mkdir(parents=True)
    pd.DataFrame({"country": ["aaa", "gbm"], "iso3166_1_alpha3": ["AAA", "IMN"]}
                 ).to_csv(fasttrack / "ddf--entities--geo--country.csv", index=False)
    return root


def test_one_indicator_per_service_with_a_row_per_residence(sources: Path) -> None:
    obs = gapminder_systema_globalis.run(context(sources, "AAA", "IMN")).observations
    for indicator, by_residence in AAA_2020.items():
        rows = obs[(obs["iso3"] == "AAA") & (obs["indicator"] == indicator)]
        assert dict(zip(rows["residence"], rows["value"])) == by_residence
        assert set(rows["year"]) == {2020}  # 2021 has no value
    assert set(obs["sex"]) == {"total"} and set(obs["kind"]) == {"modelled"}
    assert set(obs["source"]) == {"gapminder_systema_globalis"}


def test_gapminder_ids_are_mapped_and_unknown_codes_dropped(sources: Path) -> None:
    obs = gapminder_systema_globalis.run(context(sources, "AAA", "IMN")).observations
    assert set(obs["iso3"]) == {"AAA", "IMN"}
    imn = obs[obs["iso3"] == "IMN"]
    assert set(imn["residence"]) == {"total"} and set(imn["value"]) == {100.0}


def test_definition_is_the_concept_description_then_the_note(sources: Path) -> None:
    indicators = gapminder_systema_globalis.run(context(sources, "AAA")).indicators
    water = indicators["water_basic"]
    assert water["definition"].startswith("at_least_basic_water_source_overall_access_percent described. JMP")
    assert "safely managed" in water["target_basis"] and water["target_2030"] == 100


@requires_sources
def test_real_folder() -> None:
    from pipeline.steps import classifications

    ctx = context(SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    obs = gapminder_systema_globalis.run(ctx).observations
    afg = obs[(obs["iso3"] == "AFG") & (obs["indicator"] == "water_basic") & (obs["year"] == 2000)]
    # Afghanistan 2000, at least basic water: 29.73097 national (overall file, line 19), 57.09683 urban,
    # 21.97727 rural (line 2 of each).
    assert dict(zip(afg["residence"], afg["value"])) == {"total": 29.73097, "urban": 57.09683, "rural": 21.97727}
    # The Isle of Man (gbm), basic sanitation 2000: 100 (overall file, line 1591).
    imn = obs[(obs["iso3"] == "IMN") & (obs["indicator"] == "sanitation_basic") & (obs["year"] == 2000)]
    assert imn["value"].tolist() == [100.0]
    assert obs["year"].between(2000, 2024).all()
