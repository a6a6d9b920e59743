"""Aggregation maths on a tiny store whose answers are worked out by hand (METHODS.md §2)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from childsdg import api
from tests.conftest import DATA, SOURCES
from tests.storefactory import country, indicator, make_store

# Region ESAR = AAA, BBB, CCC; region WCAR = DDD.
COUNTRIES = [country("AAA"), country("BBB"), country("CCC"), country("DDD", region="WCAR", global_south=False)]
INDICATORS = [
    indicator("u5mr", "births"),
    indicator("stunting", "under5_population", kind="survey", unit_kind="percent"),
    indicator("refugees", "none", unit_kind="count"),
    indicator("live_births", "none", unit_kind="count"),
    indicator("population_0_4", "none", unit_kind="count"),
    indicator("population", "none", unit_kind="count"),
]
ROWS = [
    # weights: births in 2020-2021 only; under-5 population in 2019; population in 2020
    ("AAA", "live_births", 2020, 1000), ("BBB", "live_births", 2020, 3000), ("CCC", "live_births", 2020, 1000),
    ("AAA", "live_births", 2021, 2000), ("BBB", "live_births", 2021, 2000), ("CCC", "live_births", 2021, 1000),
    ("DDD", "live_births", 2020, 500),
    ("AAA", "population_0_4", 2019, 100), ("BBB", "population_0_4", 2019, 300), ("CCC", "population_0_4", 2019, 600),
    ("AAA", "population", 2020, 1_000), ("BBB", "population", 2020, 3_000), ("CCC", "population", 2020, 6_000),
    ("DDD", "population", 2020, 500),
    # u5mr: 2020 AAA and BBB; 2021 only AAA; 2019 and 2022 AAA, BBB (weights from the nearest years)
    ("AAA", "u5mr", 2020, 100.0), ("BBB", "u5mr", 2020, 50.0), ("AAA", "u5mr", 2021, 90.0),
    ("AAA", "u5mr", 2019, 110.0), ("BBB", "u5mr", 2019, 60.0), ("AAA", "u5mr", 2022, 80.0), ("BBB", "u5mr", 2022, 40.0),
    ("DDD", "u5mr", 2020, 30.0),
    # stunting: survey points in different years
    ("AAA", "stunting", 2015, 30.0), ("BBB", "stunting", 2018, 20.0), ("CCC", "stunting", 2019, 40.0),
    # refugees hosted: counts
    ("AAA", "refugees", 2020, 10.0), ("BBB", "refugees", 2020, 20.0),
]


def one(frame, year, group="ESAR"):
    row = frame[(frame["year"] == year) & (frame["group_code"] == group)]
    assert len(row) == 1
    return row.iloc[0]


def test_rates_are_weighted_by_births_and_report_coverage(tiny_store):
    result = api.aggregate("u5mr", "unicef_region:ESAR")
    row = one(result, 2020)
    # (100 x 1000 + 50 x 3000) / (1000 + 3000) = 250000 / 4000 = 62.5; unweighted it would be 75
    assert row["value"] == pytest.approx(62.5)
    # births with data 4000 of 5000 in the group
    assert row["coverage"] == pytest.approx(0.8)
    assert (row["n_countries"], row["n_members"]) == (2, 3)
    assert row["weight"] == "live_births"


def test_below_half_coverage_the_value_is_null_not_a_number(tiny_store):
    row = one(api.aggregate("u5mr", "unicef_region:ESAR"), 2021)
    # only AAA reports: 2000 of 5000 births = 40% < 50%
    assert row["coverage"] == pytest.approx(0.4)
    assert math.isnan(row["value"])
    relaxed = one(api.aggregate("u5mr", "unicef_region:ESAR", min_coverage=0.4), 2021)
    assert relaxed["value"] == pytest.approx(90.0)


def test_weights_come_from_the_nearest_year_when_the_year_has_none(tiny_store):
    result = api.aggregate("u5mr", "unicef_region:ESAR")
    # 2022: births of 2021 (2000, 2000): (80 x 2000 + 40 x 2000) / 4000 = 60; coverage 4000 / 5000
    assert one(result, 2022)["value"] == pytest.approx(60.0)
    assert one(result, 2022)["coverage"] == pytest.approx(0.8)
    # 2019 precedes every weight: births of 2020 (1000, 3000): (110 x 1000 + 60 x 3000) / 4000 = 72.5
    assert one(result, 2019)["value"] == pytest.approx(72.5)


def test_counts_are_summed_over_the_countries_that_report_whatever_their_population(tiny_store):
    row = one(api.aggregate("refugees", "unicef_region:ESAR"), 2020)
    # 10 + 20 = 30 from 2 countries reporting; they hold 4,000 of the group's 10,000 people (40%), which
    # no longer hides the sum (it did before: a count is what the reporting countries hold)
    assert row["value"] == pytest.approx(30.0)
    assert row["n_countries"] == 2
    assert row["coverage"] == pytest.approx(0.4)
    assert row["weight"] == "population"


def test_survey_values_are_carried_forward_at_most_five_years(tiny_store):
    row = one(api.aggregate("stunting", "unicef_region:ESAR", start=2019, end=2019), 2019)
    # 2019 uses AAA 2015 (4 years old), BBB 2018, CCC 2019; weights = under-5 population 2019
    # (30 x 100 + 20 x 300 + 40 x 600) / 1000 = (3000 + 6000 + 24000) / 1000 = 33.0
    assert row["value"] == pytest.approx(33.0)
    assert (row["data_year_min"], row["data_year_max"]) == (2015, 2019)
    assert (row["n_carried"], row["n_interpolated"]) == (2, 0)
    strict = one(api.aggregate("stunting", "unicef_region:ESAR", start=2019, end=2019, carry_years=3), 2019)
    # AAA's 2015 survey is now too old: (20 x 300 + 40 x 600) / 900 = 30000 / 900 = 33.33; coverage 900/1000
    assert strict["value"] == pytest.approx(30000 / 900)
    assert strict["coverage"] == pytest.approx(0.9)


def test_whole_grouping_user_defined_group_and_world(tiny_store):
    regions = api.aggregate("u5mr", "unicef_region", start=2020, end=2020)
    assert sorted(regions["group_code"]) == ["ESAR", "WCAR"]
    assert one(regions, 2020, "WCAR")["value"] == pytest.approx(30.0)
    custom = api.aggregate("u5mr", ["aaa", "DDD"], start=2020, end=2020)
    # (100 x 1000 + 30 x 500) / 1500 = 115000 / 1500 = 76.67
    assert one(custom, 2020, "CUSTOM")["value"] == pytest.approx(115000 / 1500)
    world = one(api.aggregate("u5mr", "world", start=2020, end=2020), 2020, "WLD")
    # (100 x 1000 + 50 x 3000 + 30 x 500) / 4500 = 265000 / 4500; coverage 4500 / 5500
    assert world["value"] == pytest.approx(265000 / 4500)
    assert world["coverage"] == pytest.approx(4500 / 5500)
    south = api.aggregate("u5mr", "global_south", start=2020, end=2020)
    assert one(south, 2020, "GS")["n_members"] == 3


@pytest.mark.parametrize("call, message", [
    (lambda: api.aggregate("nope", "world"), "unknown indicator 'nope'"),
    (lambda: api.aggregate("u5mr", "continent"), "unknown grouping 'continent'"),
    (lambda: api.aggregate("u5mr", "unicef_region:XYZ"), "unknown group 'XYZ'"),
    (lambda: api.aggregate("u5mr", ["AAA", "ZZZ"]), "unknown country code\\(s\\) ZZZ"),
    (lambda: api.aggregate("u5mr", []), "at least one ISO3"),
    (lambda: api.series("u5mr", ["AAA"], sex="girls"), "unknown sex 'girls'"),
    (lambda: api.series("u5mr", ["AAA"], start="1900s"), "start must be a year"),
    (lambda: api.latest("u5mr", as_of=3000), "as_of 3000 is outside"),
])
def test_bad_arguments_raise_value_errors_that_name_them(tiny_store, call, message):
    with pytest.raises(ValueError, match=message):
        call()


# Gaps, panels and vaccines (README: "where we depart from the producers") ---------------------------

GAP_COUNTRIES = [country("AAA"), country("BBB"), country("CCC")]
GAP_INDICATORS = [
    indicator("stunting", "under5_population", kind="survey", unit_kind="percent"),
    indicator("dtp3", "births", unit_kind="percent"),
    indicator("hib3", "births", unit_kind="percent", zero_when_absent_with="dtp3"),
    indicator("pcv3", "births", unit_kind="percent", zero_when_absent_with="dtp3"),
    indicator("idps", "none", unit_kind="count"),
    indicator("idp_children", "none", unit_kind="count", children_total="idps",
              children_age_known_share="idps_age_known_share"),
    indicator("idps_age_known_share", "population", unit_kind="percent"),
    indicator("live_births", "none", unit_kind="count"),
    indicator("population_0_4", "none", unit_kind="count"),
    indicator("population", "none", unit_kind="count"),
]
GAP_ROWS = [
    # IDP children 2015: AAA's ages known for 50% of its 1,000,000, 40% of them children (200,000 known
    # children, estimate 400,000); BBB's ages are unknown (no estimate, no share)
    ("AAA", "idp_children", 2015, 400_000), ("AAA", "idps_age_known_share", 2015, 50.0),
    ("AAA", "population_0_4", 2010, 100), ("BBB", "population_0_4", 2010, 100), ("CCC", "population_0_4", 2010, 800),
    ("AAA", "live_births", 2010, 100), ("BBB", "live_births", 2010, 300), ("CCC", "live_births", 2010, 600),
    ("AAA", "population", 2010, 1000), ("BBB", "population", 2010, 1000), ("CCC", "population", 2010, 8000),
    # AAA surveyed in 2010 and 2014; BBB in 2012 only; CCC (80% of the weight) in 2010 and 2020
    ("AAA", "stunting", 2010, 40.0), ("AAA", "stunting", 2014, 30.0), ("BBB", "stunting", 2012, 20.0),
    ("CCC", "stunting", 2010, 50.0), ("CCC", "stunting", 2020, 30.0),
    # vaccines in 2015: all report DTP3; BBB has no Hib3 (not introduced: 0); CCC's PCV3 is unplaced
    ("AAA", "dtp3", 2015, 90.0), ("BBB", "dtp3", 2015, 80.0), ("CCC", "dtp3", 2015, 70.0),
    ("AAA", "hib3", 2015, 90.0), ("CCC", "hib3", 2015, 60.0), ("AAA", "pcv3", 2015, 50.0),
    # IDPs: only AAA and BBB (20% of the population) report
    ("AAA", "idps", 2015, 1_000_000), ("BBB", "idps", 2015, 2_500_000), ("AAA", "idps", 2020, 3_000_000),
]


@pytest.fixture()
def gap_store(tmp_path, monkeypatch):
    folder = make_store(tmp_path / "gaps", GAP_COUNTRIES, GAP_INDICATORS, GAP_ROWS,
                        unplaced_vaccines=[("CCC", "pcv3")])
    monkeypatch.setenv("CHILDSDG_DATA", str(folder))


def test_survey_values_are_interpolated_between_surveys(gap_store):
    table = api.aggregate("stunting", "unicef_region:ESAR").set_index("year")
    # 2012: AAA 40 -> 30 over 2010-2014 gives 35; BBB observed 20; CCC 50 -> 30 over 2010-2020 gives 46
    # (35 x 100 + 20 x 100 + 46 x 800) / 1000 = (3500 + 2000 + 36800) / 1000 = 42.3
    assert table.loc[2012, "value"] == pytest.approx(42.3)
    assert (table.loc[2012, "n_interpolated"], table.loc[2012, "n_carried"]) == (2, 0)
    assert (table.loc[2012, "data_year_min"], table.loc[2012, "data_year_max"]) == (2010, 2020)
    # 2014: AAA observed 30, BBB carried 20 (2 years), CCC 50 - 20 x 4/10 = 42: (3000 + 2000 + 33600) / 1000
    assert table.loc[2014, "value"] == pytest.approx(38.6)


def test_a_line_breaks_where_the_countries_behind_it_change(gap_store):
    table = api.aggregate("stunting", "unicef_region:ESAR").set_index("year")
    # 2010 -> 2012: BBB (100 of 1,000 under-5s) enters: 10% of the weight > 5% -> new segment
    assert table.loc[2012, "composition_change"] == pytest.approx(0.1)
    assert table.loc[2012, "segment"] == table.loc[2010, "segment"] + 1
    # 2012 -> 2014: nobody enters or leaves
    assert table.loc[2014, "composition_change"] == 0
    assert table.loc[2014, "segment"] == table.loc[2012, "segment"]


def test_change_since_the_baseline_compares_the_same_countries(gap_store):
    table = api.aggregate("stunting", "unicef_region:ESAR", baseline=2010).set_index("year")
    # 2020 vs 2010: AAA's 2014 survey is 6 years old in 2020 and BBB's 8: only CCC has both ends
    # (80% of the weight): 50 in 2010, 30 in 2020
    assert table.loc[2020, "panel_n_countries"] == 1
    assert table.loc[2020, "panel_coverage"] == pytest.approx(0.8)
    assert (table.loc[2020, "panel_baseline_value"], table.loc[2020, "panel_value"]) == (50.0, 30.0)
    # 2014 vs 2010: AAA and CCC (BBB's survey is from 2012): 2010 (4000 + 40000) / 900, 2014 (3000 + 33600) / 900
    assert table.loc[2014, "panel_baseline_value"] == pytest.approx(44000 / 900)
    assert table.loc[2014, "panel_value"] == pytest.approx(36600 / 900)
    figures = api.headline("stunting", "unicef_region:ESAR", 2020, baseline=2010)
    assert (figures["baseline_year"], figures["change"], figures["panel_n_countries"]) == (2010, -20.0, 1)


def test_a_vaccine_not_introduced_counts_as_zero_unless_its_series_was_unplaced(gap_store):
    hib3 = one(api.aggregate("hib3", "unicef_region:ESAR"), 2015)
    # BBB reports DTP3 but no Hib3: 0. (90 x 100 + 0 x 300 + 60 x 600) / 1000 = 45
    assert hib3["value"] == pytest.approx(45.0)
    assert (hib3["n_countries"], hib3["n_zero"]) == (3, 1)
    pcv3 = one(api.aggregate("pcv3", "unicef_region:ESAR", min_coverage=0), 2015)
    # BBB counts 0; CCC's PCV3 may have been lost in unpacking: left out. (50 x 100 + 0 x 300) / 400
    assert pcv3["value"] == pytest.approx(12.5)
    assert pcv3["coverage"] == pytest.approx(0.4)
    assert (pcv3["n_countries"], pcv3["n_zero"]) == (2, 1)


def test_children_among_a_count_take_the_groups_known_age_share_as_unhcr_does(gap_store):
    row = one(api.aggregate("idp_children", "unicef_region:ESAR"), 2015)
    # 200,000 children among 500,000 people of known age (40%), applied to all 3,500,000 IDPs of the group:
    # 1,400,000, where summing the countries' own estimates gives 400,000 (BBB's IDPs count for nothing)
    assert row["value"] == pytest.approx(1_400_000)
    assert row["n_countries"] == 2


def test_counts_show_with_any_reporting_country_and_change_between_totals(gap_store):
    table = api.aggregate("idps", "unicef_region:ESAR").set_index("year")
    assert table.loc[2015, "value"] == 3_500_000 and table.loc[2015, "n_countries"] == 2
    assert table.loc[2015, "coverage"] == pytest.approx(0.2)  # shown although 20% < 50%
    figures = api.headline("idps", "unicef_region:ESAR", 2020)
    # totals at both ends: BBB reports none in 2020
    assert (figures["baseline_value"], figures["value"], figures["change"]) == (3_500_000, 3_000_000, -500_000)


# The bundled store against the producers' own figures ----------------------------------------------

requires_store = pytest.mark.skipif(not (DATA / "manifest.json").is_file(), reason="no bundled store")


@requires_store
def test_world_idps_2023_read_the_unhcr_total():
    # UNHCR Global Trends: 63.25 million IDPs of concern in 2023 (displacement_world.csv: 63,251,367)
    world = pd.read_csv(DATA / "displacement_world.csv").set_index(["population", "year"])["total"]
    figures = api.headline("idps", "world", 2023)
    assert figures["value"] == pytest.approx(63.3e6, rel=0.005)
    assert figures["value"] == pytest.approx(world["idps", 2023], rel=1e-9)


@requires_store
@pytest.mark.parametrize("indicator, population", [("refugee_children_hosted", "refugees"), ("idp_children", "idps")])
def test_world_children_among_the_displaced_equal_unhcrs_world_estimate(indicator, population):
    # displacement_world.csv: UNHCR's method on the world's rows (the known-age share of the world)
    world = pd.read_csv(DATA / "displacement_world.csv").set_index(["population", "year"])["children_0_17"]
    table = api.aggregate(indicator, "world", start=2015, end=2024).set_index("year")
    for year in (2015, 2020, 2024):
        assert table.loc[year, "value"] == pytest.approx(world[population, year], rel=1e-6)


@requires_store
@pytest.mark.parametrize("vaccine, published, tolerance", [
    ("hib3", 78, 0.02), ("rotac", 59, 0.02), ("hepb3", 84, 0.02), ("mcv2", 76, 0.02),
    # 11 countries whose PCV3 or MCV2 series the unpacking could not place (vaccine_series_unplaced) are
    # left out, not counted as 0: some of them have no PCV3, which lifts ours (68.4) over WUENIC's
    ("pcv3", 67, 0.025)])
def test_world_vaccine_coverage_2024_follows_wuenic(vaccine, published, tolerance):
    # WUENIC 2024 global coverage (July 2025 release); countries without the vaccine count as 0%
    row = one(api.aggregate(vaccine, "world", start=2024, end=2024), 2024, "WLD")
    assert row["value"] == pytest.approx(published, rel=tolerance)


@requires_store
def test_world_pre_primary_participation_has_no_composition_jump_and_moves_with_uis():
    table = api.aggregate("participation_pre_primary", "world", start=2015).set_index("year")
    shown = table[table["value"].notna()]
    # Within a segment, countries entering or leaving hold at most 5% of the weight: no jump over 3 points
    same = shown["segment"].diff() == 0
    assert (shown["value"].diff().abs()[same] <= 3).all(), shown[["value", "segment"]]
    uis = pd.read_csv(SOURCES / "uis" / "ddf--datapoints--nera_agm1_cp--by--global--year.csv").set_index("year")
    published = uis["nera_agm1_cp"]
    # The headline shows UIS's own world figure (published first) ...
    figures = api.headline("participation_pre_primary", "world", 2023)
    assert figures["published"] and figures["value"] == pytest.approx(published[2023])
    # ... and our own like-for-like change, from the first year whose panel holds half the weight, has its sign.
    for since in range(2015, 2023):
        ours = api.aggregate("participation_pre_primary", "world", start=2023, end=2023, baseline=since).iloc[0]
        if not math.isnan(ours["panel_value"]):
            break
    assert ours["panel_n_countries"] > 100
    assert math.copysign(1, ours["panel_value"] - ours["panel_baseline_value"]) == math.copysign(
        1, published[2023] - published[since])
