"""The ccri step on small fixture files laid out like shared/sources/ccri, then on the real folder.

The fixtures hold three countries (AAA, BBB, CCC), a code the countries table lacks (ZZZ), a
disputed area coded like the real files (xJK) and a World Bank aggregate (AFE); AAA has a second
polygon, as Spain has the Canary Islands.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import build, validate
from pipeline.core import OBSERVATION_COLUMNS, PipelineError, StepContext, load_meta
from pipeline.steps import ccri, classifications
from tests.conftest import SOURCES, requires_sources

META = load_meta("ccri")
HAZARDS = list(META["hazards"])
P2_FILES = sorted({spec["file"] for spec in META["indicators"].values()
                   if spec.get("file", "").startswith("p2_vulnerability/")})
COUNTRIES = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"]})
EXPOSURE_HEADER = ("iso3,wfp_id,adm0_name,type,hazard,child_population_exposed,child_population_total,"
                   "population_total,area")
# (code, wfp_id, exposed, children): AAA has 1,200 children in two polygons, 400 of them exposed.
POLYGONS = [("AAA", 1, 300.0, 1000.0), ("AAA", 2, 100.0, 200.0), ("BBB", 3, 0.0, 500.0), ("CCC", 4, 50.0, 50.0),
            ("xJK", 5, 10.0, 20.0)]
# Children exposed to 1+ hazard topics; CCC's 60 exceed its 50 children, as happens in the real files.
MULTI_HAZARD = {"AAA": 1050.0, "BBB": 100.0, "CCC": 60.0, "xJK": 20.0}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def exposure_file(hazard: str, polygons=POLYGONS) -> str:
    rows = [f"{code},{wfp},{code} {wfp},State,{hazard},{exposed},{children},{children * 4},1.0"
            for code, wfp, exposed, children in polygons]
    return "\n".join([EXPOSURE_HEADER, *rows]) + "\n"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    folder = root / "ccri"
    write(folder / "results" / "p1_p2_avg_ccri.csv",
          "iso3,P1_geometric_avg,P2_arithmetic_avg,P1_P2_geometric_avg,rank_reverse\n"
          "AAA,6.0,6.0,6.0,1.0\nBBB,4.0,1.0,2.0,2.0\nCCC,3.0,,,\nZZZ,1.0,1.0,1.0,3.0\n")
    for hazard in HAZARDS:
        write(folder / "p1_exposure" / f"{hazard}_exposure_adm0.csv", exposure_file(hazard))
    for n in (1, 2, 3):
        rows = [f"{code},{code} land,{code}_V1,{exposed / n}" for code, exposed in MULTI_HAZARD.items()]
        write(folder / "results" / f"child_pop_exposed_ge{n}_topics.csv",
              "\n".join(["ISO3,name,ucode,pop_exposed", *rows, "AAA,AAA island,AAA1_V1,0.0"]) + "\n")
    for file in P2_FILES:
        text = "iso3,time_period,value\nAAA,2019,12.5\nBBB,2022,30.0\nAFE,2022,40.0\nCCC,2021,\n"
        if file.endswith("Basic_hygiene.csv"):
            text = "\n".join(line + (",data_source" if i == 0 else ",WHO/UNICEF Joint Monitoring Programme ()")
                             for i, line in enumerate(text.splitlines())) + "\n"
        write(folder / file, text)
    write(folder / "misc" / "p2_indicator_sdmx_links.csv",
          'indicator,URL_str\nBasic_hygiene,"https://sdmx.data.unicef.org/ws/public/sdmxapi/rest/data/'
          'UNICEF,WASH_HOUSEHOLDS,1.0/{iso3}.WS_PPL_H-B.HYG._T._T?format=sdmx-json"\n')
    return root


def run(sources: Path):
    return ccri.run(StepContext(sources=sources, countries=COUNTRIES))


def value(obs: pd.DataFrame, iso3: str, indicator: str) -> float:
    rows = obs[(obs["iso3"] == iso3) & (obs["indicator"] == indicator)]
    assert len(rows) == 1, f"{iso3} {indicator}: {len(rows)} rows"
    return float(rows["value"].iloc[0])


def year(obs: pd.DataFrame, iso3: str, indicator: str) -> int:
    return int(obs.loc[(obs["iso3"] == iso3) & (obs["indicator"] == indicator), "year"].iloc[0])


def test_tidy_output_keeps_known_countries_only(sources):
    out = run(sources)
    obs = out.observations
    assert set(OBSERVATION_COLUMNS) <= set(obs.columns)
    assert set(obs["iso3"]) == {"AAA", "BBB", "CCC"}  # ZZZ, xJK and AFE are dropped
    assert set(obs["source"]) == {"ccri"} and set(obs["sex"]) == {"total"}
    # Basic hygiene is JMP's rural series: stored as residence rural, its catalogue row is jmp_national's.
    assert set(obs.loc[obs["indicator"] == "hygiene_basic", "residence"]) == {"rural"}
    assert set(obs.loc[obs["indicator"] != "hygiene_basic", "residence"]) == {"total"}
    assert set(obs["indicator"]) == set(out.indicators) | {"hygiene_basic"}  # every catalogue entry has data
    obs = obs[obs["indicator"] != "hygiene_basic"]
    assert obs["value"].notna().all() and not obs.duplicated(["iso3", "indicator", "year"]).any()
    assert len(out.files_read) == len(set(out.files_read)) == len(HAZARDS) + len(P2_FILES) + 5
    catalogue = pd.DataFrame(build.catalogue_rows("ccri", out.indicators)).reindex(columns=build.CATALOGUE_COLUMNS)
    validate.check_catalogue(catalogue)
    validate.check_observations(obs, catalogue, {"AAA", "BBB", "CCC"})


def test_each_hazard_gives_a_count_and_a_share_of_the_summed_polygons(sources):
    obs = run(sources).observations
    assert value(obs, "AAA", "child_population") == 1200.0  # 1,000 + 200 from the second polygon
    assert year(obs, "AAA", "child_population") == META["indicators"]["child_population"]["year"]
    for hazard, spec in META["hazards"].items():
        count, share = f"children_exposed_{spec['id']}", f"children_exposed_{spec['id']}_pct"
        assert value(obs, "AAA", count) == 400.0
        assert value(obs, "AAA", share) == pytest.approx(400 / 1200 * 100)
        assert value(obs, "BBB", share) == 0.0
        assert value(obs, "CCC", share) == 100.0
        assert year(obs, "AAA", count) == year(obs, "AAA", share) == int(hazard[-4:])
    assert set(obs.loc[obs["indicator"].str.endswith("_pct"), "kind"]) == {"derived"}


def test_multi_hazard_shares_are_capped_where_the_count_exceeds_the_children(sources):
    obs = run(sources).observations
    assert value(obs, "AAA", "children_exposed_1plus_hazards") == 1050.0
    assert value(obs, "AAA", "children_exposed_1plus_hazards_pct") == pytest.approx(1050 / 1200 * 100)
    assert value(obs, "BBB", "children_exposed_2plus_hazards_pct") == pytest.approx(50 / 500 * 100)
    assert value(obs, "CCC", "children_exposed_1plus_hazards") == 60.0  # the count stays as published
    assert value(obs, "CCC", "children_exposed_1plus_hazards_pct") == 100.0


def test_index_and_pillars(sources):
    obs = run(sources).observations
    assert value(obs, "AAA", "ccri_score") == 6.0 and value(obs, "BBB", "ccri_vulnerability") == 1.0
    assert year(obs, "AAA", "ccri_score") == META["indicators"]["ccri_score"]["year"]
    assert value(obs, "CCC", "ccri_exposure") == 3.0  # no vulnerability pillar, hence no score
    assert obs[(obs["iso3"] == "CCC") & obs["indicator"].isin(["ccri_score", "ccri_vulnerability"])].empty


def test_vulnerability_files_keep_their_year_and_name_their_series(sources):
    out = run(sources)
    obs = out.observations
    assert value(obs, "AAA", "hygiene_basic") == 12.5 and year(obs, "AAA", "hygiene_basic") == 2019
    assert year(obs, "BBB", "child_labour") == 2022
    assert obs[(obs["iso3"] == "CCC") & (obs["indicator"] == "child_labour")].empty  # no value, no row
    assert set(obs.loc[obs["indicator"] == "hygiene_basic", "residence"]) == {"rural"}
    assert "hygiene_basic" not in out.indicators  # its catalogue row (national and rural) is jmp_national's
    labour_files = set(obs.loc[obs["indicator"] == "child_labour", "source_file"])
    assert labour_files == {"ccri/p2_vulnerability/P2_Child_labor.csv"}


def test_a_hazard_file_the_meta_does_not_describe_fails(sources):
    write(sources / "ccri" / "p1_exposure" / "landslide_nasa_2024_exposure_adm0.csv",
          exposure_file("landslide_nasa_2024"))
    with pytest.raises(PipelineError, match=r"rule hazard-in-catalogue: \['landslide_nasa_2024_exposure_adm0.csv'\]"):
        run(sources)


def test_a_file_naming_another_hazard_fails(sources):
    write(sources / "ccri" / "p1_exposure" / f"{HAZARDS[0]}_exposure_adm0.csv", exposure_file(HAZARDS[1]))
    with pytest.raises(PipelineError, match=rf"{HAZARDS[0]}_exposure_adm0.csv: rule hazard-name: rows \[2, 3, 4, 5"):
        run(sources)


def test_files_disagreeing_on_the_child_population_fail(sources):
    polygons = [(code, wfp, exposed, children + (wfp == 3)) for code, wfp, exposed, children in POLYGONS]
    write(sources / "ccri" / "p1_exposure" / f"{HAZARDS[-1]}_exposure_adm0.csv",
          exposure_file(HAZARDS[-1], polygons))
    with pytest.raises(PipelineError, match=r"rule same-child-population: .* \[3\]"):
        run(sources)


def test_a_scored_country_without_children_fails(sources):
    polygons = [(code, wfp, 0.0 if code == "BBB" else exposed, 0.0 if code == "BBB" else children)
                for code, wfp, exposed, children in POLYGONS]
    for hazard in HAZARDS:
        write(sources / "ccri" / "p1_exposure" / f"{hazard}_exposure_adm0.csv", exposure_file(hazard, polygons))
    with pytest.raises(PipelineError, match=r"rule weight-coverage: .*\['BBB'\]"):
        run(sources)


@pytest.fixture(scope="module")
def real():
    ctx = StepContext(sources=SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    return ctx.countries, ccri.run(ctx).observations


@requires_sources
def test_values_checked_by_hand_in_the_raw_files(real):
    _, obs = real
    # results/p1_p2_avg_ccri.csv, lines AFG and MDG (Madagascar has the highest score, rank_reverse 1).
    assert value(obs, "AFG", "ccri_score") == pytest.approx(5.887729387237774)
    assert value(obs, "MDG", "ccri_score") == pytest.approx(7.758473496360822)
    assert year(obs, "AFG", "ccri_score") == 2025
    assert obs[(obs["iso3"] == "NIC") & (obs["indicator"] == "ccri_score")].empty  # P1 only
    # p1_exposure/river_flood_100yr_jrc_2024_exposure_adm0.csv: Nigeria; Spain plus the Canary Islands;
    # Egypt plus Bi'r Tawil (0 exposed, 250.06 children).
    assert value(obs, "NGA", "child_population") == pytest.approx(110642672.82595988)
    assert value(obs, "ESP", "child_population") == pytest.approx(7175342.692773336 + 310648.56691154774)
    assert value(obs, "EGY", "children_exposed_river_flood") == pytest.approx(21845996.482678905)
    assert value(obs, "EGY", "children_exposed_river_flood_pct") == pytest.approx(
        21845996.482678905 / (43437953.591449335 + 250.06046407669783) * 100)
    # Maldives: 119,246 children in the exposure files, 5.26 in results/child_pop_sum_adm0.csv.
    assert value(obs, "MDV", "child_population") == pytest.approx(119246.1257247496)
    # Pakistan, air pollution (period 1998-2023): 107,698,641 of 107,750,534 children.
    assert value(obs, "PAK", "children_exposed_air_pollution_pct") == pytest.approx(99.95183, abs=1e-5)
    assert year(obs, "PAK", "children_exposed_air_pollution") == 2023
    # results/child_pop_exposed_ge1_topics.csv: Afghanistan; Tokelau counts 787 of 628 children.
    assert value(obs, "AFG", "children_exposed_1plus_hazards") == pytest.approx(2.04775696666798e7)
    assert value(obs, "TKL", "children_exposed_1plus_hazards_pct") == 100.0
    # p2_vulnerability: Afghanistan's basic hygiene (2024) and child labour (2023).
    assert value(obs, "AFG", "hygiene_basic") == pytest.approx(48.87176012)
    assert year(obs, "AFG", "hygiene_basic") == 2024
    assert value(obs, "AFG", "child_labour") == 19.3 and year(obs, "AFG", "child_labour") == 2023


@requires_sources
def test_the_files_rank_is_the_rank_of_the_score(real):
    """Why rank_reverse is not stored: it adds nothing the score does not say."""
    raw = pd.read_csv(SOURCES / "ccri" / "results" / "p1_p2_avg_ccri.csv").dropna()
    assert (raw["P1_P2_geometric_avg"].rank(ascending=False, method="min") == raw["rank_reverse"]).all()


@requires_sources
def test_regional_thresholds_file_agrees_with_our_child_population(real):
    """results/child_pop_by_thresholds_unicef_region.csv counts the children of each UNICEF programme
    region in grid cells above a CCRI, P1 or P2 threshold: never more than the region's children, and
    in South Asia and West and Central Africa every child lives above the mean CCRI."""
    countries, obs = real
    children = obs[obs["indicator"] == "child_population"].set_index("iso3")["value"]
    ours = children.groupby(countries.set_index("iso3")["unicef_region_name"]).sum()
    regional = pd.read_csv(SOURCES / "ccri" / "results" / "child_pop_by_thresholds_unicef_region.csv",
                           index_col="Region")
    assert set(regional.index) == set(ours.index)
    assert (regional.max(axis=1) <= ours.loc[regional.index] * 1.01).all()
    for region in ("South Asia", "West and Central Africa"):
        assert regional.loc[region, "CCRI_mean"] == pytest.approx(ours[region], rel=0.005)
