"""Aggregation maths on a tiny store whose answers are worked out by hand (METHODS.md §2)."""

from __future__ import annotations

import math

import pytest

from childsdg import api
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


@pytest.fixture()
def tiny_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CHILDSDG_DATA", str(make_store(tmp_path / "store", COUNTRIES, INDICATORS, ROWS)))


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


def test_counts_are_summed_and_coverage_is_measured_in_population(tiny_store):
    row = one(api.aggregate("refugees", "unicef_region:ESAR"), 2020)
    # 10 + 20 = 30; AAA and BBB hold 4,000 of the group's 10,000 people: 40% < 50% -> hidden
    assert row["coverage"] == pytest.approx(0.4)
    assert math.isnan(row["value"])
    shown = one(api.aggregate("refugees", "unicef_region:ESAR", min_coverage=0.0), 2020)
    assert shown["value"] == pytest.approx(30.0)
    assert shown["weight"] == "population"


def test_survey_values_are_carried_forward_at_most_five_years(tiny_store):
    row = one(api.aggregate("stunting", "unicef_region:ESAR", start=2019, end=2019), 2019)
    # 2019 uses AAA 2015 (4 years old), BBB 2018, CCC 2019; weights = under-5 population 2019
    # (30 x 100 + 20 x 300 + 40 x 600) / 1000 = (3000 + 6000 + 24000) / 1000 = 33.0
    assert row["value"] == pytest.approx(33.0)
    assert (row["data_year_min"], row["data_year_max"]) == (2015, 2019)
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
