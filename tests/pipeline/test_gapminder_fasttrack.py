"""The gapminder_fasttrack step on a small fake folder, then on the real sources.

Fixture countries: AAA gives all nine packed vaccines (nothing moved); BBB gives no BCG, so
Gapminder packed its DTP3 under bcg, its measles first dose under hib3 and so on; CCC lacks one of
its last four antigens, and nothing tells which, so those series must be dropped. ``zzz`` is not a
country; ``kos`` and ``nld_curacao`` are Gapminder's own ids for Kosovo and Curaçao.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import ddf
from pipeline.core import PipelineError, load_meta
from pipeline.steps import gapminder_fasttrack
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context, observations, write_ddf, write_wdi

META = load_meta("gapminder_fasttrack")
ORDER = META["packed_vaccines"]["order"]
CODE = {indicator: spec["code"] for indicator, spec in META["indicators"].items()}
YEARS = (2000, 2001, 2002)
# In AAA, which fills all nine series, PCV3 and rotavirus start in 2002: their first years in WUENIC.
LATE = {"pcv3", "rotac"}


def series(base: int, start: int = 2000) -> list[tuple[int, int]]:
    """A short coverage series with values no other series has: (year, value)."""
    return [(year, base + year - 2000) for year in YEARS if year >= start]


def truth() -> dict[str, dict[str, list[tuple[int, int]]]]:
    """The true WUENIC series of each fixture country, by antigen."""
    aaa = {antigen: series(10 + 5 * i, 2002 if antigen in LATE else 2000) for i, antigen in enumerate(ORDER)}
    bbb = {antigen: series(60 + 3 * i, 2002 if antigen in LATE else 2000) for i, antigen in enumerate(ORDER[1:])}
    ccc_antigens = ORDER[:5] + ["mcv2", "pcv3", "pol3"]  # lacks rotavirus, but no file says so
    ccc = {antigen: series(90 - i, 2002 if antigen in {"mcv2", "pcv3", "pol3"} else 2000)
           for i, antigen in enumerate(ccc_antigens)}
    return {"aaa": aaa, "bbb": bbb, "ccc": ccc}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    folder = root / "gapminder_fasttrack"
    packed = {indicator: [] for indicator in ORDER}
    for geo, antigens in truth().items():
        for slot, values in zip(ORDER, antigens.values()):  # Gapminder's packing: left to right
            packed[slot] += [(geo, year, value) for year, value in values]
    packed["dtp3"].append(("zzz", 2000, 50))
    for indicator, rows in packed.items():
        write_ddf(folder, CODE[indicator], rows)
    write_ddf(folder, CODE["protection_at_birth"], [("aaa", 2001, 88), ("zzz", 2001, 70)])
    population = [("aaa", year, 1000 + year) for year in range(2022, 2027)] + [
        ("kos", 2023, 500), ("nld_curacao", 2023, 300), ("zzz", 2023, 9)]
    write_ddf(folder, CODE["population_0_4"], population, entity="geo")
    write_ddf(folder, CODE["population_0_14"], [("aaa", 2023, 4000), ("aaa", 2024, 4100)], entity="geo")
    pd.DataFrame({"concept": list(CODE.values()),
                  "name": [f"{code} name" for code in CODE.values()],
                  "description": [f"{code} described" for code in CODE.values()]}
                 ).to_csv(folder / "ddf--concepts.csv", index=False)
    pd.DataFrame({"country": ["aaa", "kos", "nld_curacao", "zzz"], "iso3166_1_alpha3": ["AAA", "", "CUW", ""]}
                 ).to_csv(folder / "ddf--entities--geo--country.csv", index=False)
    true = truth()
    for antigen, code in META["packed_vaccines"]["references"].items():
        write_wdi(root, code, [(geo.upper(), year, value) for geo in true for year, value in true[geo][antigen]]
                  + [("WLD", 2000, 70)])
    return root


def run(sources: Path, latest_population_year: int = 2024) -> pd.DataFrame:
    ctx = context(sources, "AAA", "BBB", "CCC", "XKX", "CUW",
                  observations=observations("population", [("AAA", latest_population_year, 1e6)]))
    return gapminder_fasttrack.run(ctx).observations


def values(obs: pd.DataFrame, iso3: str, indicator: str) -> list[tuple[int, float]]:
    rows = obs[(obs["iso3"] == iso3) & (obs["indicator"] == indicator)].sort_values("year")
    return list(zip(rows["year"], rows["value"]))


def test_a_country_with_all_nine_vaccines_keeps_them_as_labelled(sources: Path) -> None:
    obs = run(sources)
    for antigen, expected in truth()["aaa"].items():
        assert values(obs, "AAA", antigen) == expected


def test_packed_series_go_back_under_their_own_antigen(sources: Path) -> None:
    obs = run(sources)
    bbb = truth()["bbb"]
    for antigen in ORDER[1:]:
        assert values(obs, "BBB", antigen) == bbb[antigen]
    assert values(obs, "BBB", "bcg") == []
    # BBB's DTP3 was read from the bcg file: its provenance says so.
    dtp3 = obs[(obs["iso3"] == "BBB") & (obs["indicator"] == "dtp3")]
    assert set(dtp3["source_file"]) == {f"gapminder_fasttrack/ddf--datapoints--{CODE['bcg']}--by--country--time.csv"}


def test_series_whose_antigen_is_ambiguous_are_dropped(sources: Path) -> None:
    obs = run(sources)
    ccc = truth()["ccc"]
    for antigen in ORDER[:5]:  # measles first dose is in place, so nothing before it moved
        assert values(obs, "CCC", antigen) == ccc[antigen]
    assert set(obs.loc[obs["iso3"] == "CCC", "indicator"]) == set(ORDER[:5])


def test_a_reference_no_reading_reproduces_stops_the_build(sources: Path) -> None:
    code = META["packed_vaccines"]["references"]["dtp3"]
    write_wdi(sources, code, [("AAA", year, 99) for year in YEARS])
    with pytest.raises(PipelineError, match="vaccine-packing.*AAA"):
        run(sources)


def test_population_projections_and_unknown_codes_are_dropped(sources: Path) -> None:
    obs = run(sources, latest_population_year=2024)
    assert values(obs, "AAA", "population_0_4") == [(2022, 3022), (2023, 3023), (2024, 3024)]
    assert values(obs, "XKX", "population_0_4") == [(2023, 500)]  # kos, through the meta's alias
    assert values(obs, "CUW", "population_0_4") == [(2023, 300)]  # nld_curacao, through the entity table
    assert values(obs, "AAA", "population_0_14") == [(2023, 4000), (2024, 4100)]
    assert "ZZZ" not in set(obs["iso3"])
    assert values(obs, "AAA", "protection_at_birth") == [(2001, 88)]


def test_rows_are_modelled_totals_of_this_source(sources: Path) -> None:
    obs = run(sources)
    assert set(obs["kind"]) == {"modelled"}
    assert set(obs["sex"]) == {"total"} and set(obs["residence"]) == {"total"}
    assert set(obs["source"]) == {"gapminder_fasttrack"}
    assert not obs.duplicated(["iso3", "indicator", "year"]).any()


def test_catalogue_rows_take_the_concept_file_and_the_meta(sources: Path) -> None:
    ctx = context(sources, "AAA", observations=observations("population", [("AAA", 2024, 1e6)]))
    indicators = gapminder_fasttrack.run(ctx).indicators
    assert indicators["dtp3"]["name"] == "dtp3_vacc name"
    assert indicators["dtp3"]["definition"].startswith("dtp3_vacc described. WHO/UNICEF Estimates")
    assert indicators["protection_at_birth"]["name"].startswith("Protection at birth")  # the meta's own name
    assert indicators["dtp3"]["target_2030"] == 90 and "Immunization Agenda 2030" in indicators["dtp3"]["target_basis"]
    assert {spec["weight"] for name, spec in indicators.items() if name in ORDER} == {"births"}


def test_population_needs_the_wdi_step_first(sources: Path) -> None:
    with pytest.raises(PipelineError, match="step-order"):
        gapminder_fasttrack.run(context(sources, "AAA"))


@requires_sources
def test_real_folder() -> None:
    from pipeline.steps import classifications, wdi

    ctx = context(SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    ctx.observations = wdi.run(ctx).observations
    obs = gapminder_fasttrack.run(ctx).observations
    # India's DTP3 in 2024 is 94 (dtp3_vacc file, line 3037).
    assert values(obs, "IND", "dtp3")[-1] == (2024, 94)
    # The United States gives no BCG: its 2020 DTP3, 93, is on line 7204 of the bcg_vacc file, and the
    # 91 of the dtp3_vacc file (line 7103) is its HepB3. WDI's copy of WUENIC has 93 for DTP3 too.
    assert dict(values(obs, "USA", "dtp3"))[2020] == 93
    assert dict(values(obs, "USA", "hepb3"))[2020] == 91
    assert values(obs, "USA", "bcg") == []
    # India's population aged 0-4 in 2024: 113,658,131 (line 14421); the file runs to 2100, the store
    # stops at WDI's last population year.
    assert dict(values(obs, "IND", "population_0_4"))[2024] == 113658131
    population_years = ctx.observations.loc[ctx.observations["indicator"] == "population", "year"]
    assert obs.loc[obs["indicator"] == "population_0_4", "year"].max() == population_years.max()
    assert dict(values(obs, "XKX", "population_0_4"))[2025] == 96816  # Kosovo, Gapminder id kos
    # Every country's DTP3 found its place: 191 countries, as in the file.
    assert obs.loc[obs["indicator"] == "dtp3", "iso3"].nunique() == 191


def test_antigens_an_ambiguous_country_may_have_are_listed_as_unplaced(sources: Path) -> None:
    ctx = context(sources, "AAA", "BBB", "CCC", observations=observations("population", [("AAA", 2024, 1e6)]))
    unplaced = gapminder_fasttrack.run(ctx).tables["vaccine_series_unplaced"]
    # CCC's last three series are three of mcv2, pcv3, pol3 and rotac: none of the four is certain, so a
    # missing value of any of them may be one the unpacking dropped (not a vaccine not introduced)
    assert sorted(unplaced.loc[unplaced["iso3"] == "CCC", "indicator"]) == ["mcv2", "pcv3", "pol3", "rotac"]
    assert set(unplaced["iso3"]) == {"CCC"}


def test_a_stated_schedule_settles_an_ambiguous_country(sources: Path, monkeypatch) -> None:
    meta = load_meta("gapminder_fasttrack")
    meta["packed_vaccines"]["schedules_lack"] = {"CCC": ["rotac"]}
    monkeypatch.setattr(ddf, "load_meta", lambda name: meta)  # the step reads its meta through ddf.start
    ctx = context(sources, "AAA", "BBB", "CCC", observations=observations("population", [("AAA", 2024, 1e6)]))
    output = gapminder_fasttrack.run(ctx)
    ccc = truth()["ccc"]
    for antigen in ("mcv2", "pcv3", "pol3"):
        assert values(output.observations, "CCC", antigen) == ccc[antigen]
    assert output.tables["vaccine_series_unplaced"].empty
