"""The bundled store and the API on it: contract, values against the raw files, aggregates against the producers'."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from childsdg import api
from childsdg.data import catalogue, datastore
from tests.conftest import DATA, SOURCES, requires_sources

REQUIRED_INDICATORS = {
    "survival": ["nmr", "imr", "u5mr", "mmr", "skilled_birth_attendance", "antenatal_care", "dtp3", "mcv1", "mcv2",
                 "pcv3", "live_births"],
    "early_childhood": ["stunting", "wasting", "severe_wasting", "overweight", "underweight", "anaemia_children",
                        "low_birthweight", "exclusive_breastfeeding", "participation_pre_primary", "ecd_on_track",
                        "preprimary_enrolment", "birth_registration"],
    "environment": ["pm25", "air_pollution_mortality", "water_basic", "sanitation_basic", "hygiene_basic",
                    "electricity_access", "ccri_score", "ccri_exposure", "ccri_vulnerability",
                    "children_exposed_1plus_hazards", "children_exposed_2plus_hazards"],
    "humanitarian": ["refugees_by_origin", "refugees_hosted", "asylum_seekers_by_origin", "asylum_seekers_hosted",
                     "idps", "stateless", "idps_conflict_idmc", "refugee_children_by_origin",
                     "refugee_children_hosted", "refugees_age_known_share_hosted", "refugees_per_1000"],
    "context": ["population", "population_0_4", "population_0_14", "gdp_per_capita_ppp", "gni_per_capita",
                "extreme_poverty", "adolescent_fertility", "urban_share"],
}


def test_every_indicator_the_issue_asks_for_is_catalogued_in_its_theme_and_has_data():
    table = api.coverage().set_index("id")
    for theme, ids in REQUIRED_INDICATORS.items():
        for indicator_id in ids:
            assert indicator_id in table.index, indicator_id
            assert table.loc[indicator_id, "theme"] == theme, indicator_id
            assert table.loc[indicator_id, "n_countries"] > 0, indicator_id
    hazards = [i for i in table.index if i.startswith("children_exposed_") and not i.endswith("_pct")]
    assert len(hazards) >= 16


def test_catalogue_rows_are_complete_and_cite_their_source():
    table = api.indicators()
    for column in ("name", "short_name", "unit", "source_name", "source_code", "licence", "citation", "vintage",
                   "definition"):
        assert table[column].notna().all() and (table[column].astype(str).str.strip() != "").all(), column
    assert table.loc[table["id"] == "u5mr", "source_code"].item() == "SH.DYN.MORT"
    assert table.loc[table["id"] == "u5mr", "target_2030"].item() == 25


def test_observations_file_keeps_the_contract():
    parquet = pq.ParquetFile(DATA / "observations.parquet")
    assert parquet.schema_arrow.names[:8] == ["iso3", "indicator", "year", "value", "sex", "residence", "source", "kind"]
    sizes = [parquet.metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)]
    assert all(size == 100_000 for size in sizes[:-1]) and sizes[-1] <= 100_000
    frame = parquet.read().to_pandas()
    keys = list(zip(frame["indicator"], frame["iso3"], frame["year"]))
    assert keys == sorted(keys)
    assert set(frame["sex"]) <= {"total", "female", "male"}
    assert set(frame["residence"]) <= {"total", "urban", "rural"}
    assert set(frame["kind"]) <= {"modelled", "survey", "administrative", "derived"}
    assert not frame.duplicated(["iso3", "indicator", "year", "sex", "residence"]).any()


def test_manifest_matches_the_files_and_names_every_source():
    manifest = json.loads((DATA / "manifest.json").read_text())
    assert datastore.verified_manifest(DATA) == manifest
    sources = set(pd.read_csv(DATA / "sources.csv")["id"])
    assert {"wdi", "unhcr", "ccri", "uis", "gapminder_fasttrack", "classifications", "geo"} <= sources
    assert all(entry["files"] for key, entry in manifest["sources"].items() if key != "derived")


def test_global_south_rule_holds_for_every_country():
    table = api.countries()
    middle_or_low = table["income_group"].isin(["LIC", "LMC", "UMC"])
    assert (table["global_south"] == (table["g77"] | middle_or_low)).all()
    flagged = table.set_index("iso3")["global_south"]
    assert flagged["CHN"] and flagged["SGP"] and not flagged["KOR"] and not flagged["DEU"]


def test_latest_value_and_its_year_come_from_the_series():
    latest = api.latest("stunting", ["KEN", "NGA"], as_of=2020).set_index("iso3")
    series = api.series("stunting", ["KEN", "NGA"], end=2020)
    for iso3 in ("KEN", "NGA"):
        last = series[series["iso3"] == iso3].iloc[-1]
        assert latest.loc[iso3, "data_year"] == last["year"]
        assert latest.loc[iso3, "value"] == last["value"]
        assert latest.loc[iso3, "kind"] == "survey"


def test_group_codes_published_by_the_api_are_the_groupings_members():
    esar = catalogue.group_members("unicef_region:ESAR")
    assert "KEN" in esar and "NGA" not in esar
    assert len(catalogue.group_members("world")) == len(api.countries())


@requires_sources
@pytest.mark.parametrize("indicator, folder", [("u5mr", "sh.dyn.mort"), ("stunting", "sh.sta.stnt.zs"),
                                               ("mmr", "sh.sta.mmrt"), ("electricity_access", "eg.elc.accs.zs")])
def test_api_values_equal_the_world_bank_files(indicator, folder):
    raw = pd.read_csv(SOURCES / "wdi" / folder / "data.csv")
    for iso3, year in (("KEN", 2015), ("BGD", 2019), ("BRA", 2010), ("NER", 2012), ("IND", 2021)):
        expected = raw[(raw["Country Code"] == iso3) & (raw["Year"] == year)]["Value"]
        got = api.series(indicator, [iso3], start=year, end=year)["value"]
        assert list(got) == pytest.approx(list(expected)), (iso3, year)


@requires_sources
@pytest.mark.parametrize("indicator, folder, tolerance", [
    # births-weighted mortality: our live births are crude birth rate x population
    ("u5mr", "sh.dyn.mort", 0.02), ("nmr", "sh.dyn.nmrt", 0.02), ("imr", "sp.dyn.imrt.in", 0.02),
    # population-weighted coverage and exposure
    ("electricity_access", "eg.elc.accs.zs", 0.02), ("urban_share", "sp.urb.totl.in.zs", 0.02),
    ("pm25", "en.atm.pm25.mc.m3", 0.03),
])
def test_regional_aggregates_match_the_world_banks_own(indicator, folder, tolerance):
    """WDI files carry the Bank's regional aggregates (SSF, SAS, ...) before the pipeline drops them."""
    raw = pd.read_csv(SOURCES / "wdi" / folder / "data.csv")
    for year in (2010, 2015, 2022):
        ours = api.aggregate(indicator, "wb_region", start=year, end=year).set_index("group_code")["value"]
        theirs = raw[raw["Year"] == year].set_index("Country Code")["Value"]
        for code in ours.index:
            assert ours[code] == pytest.approx(theirs[code], rel=tolerance), (code, year)
