"""The progress engine (METHODS.md §1) against cases worked out by hand, one per rule and edge.

Each test writes out its numbers and the arithmetic. Reminders used throughout:
  continuous ARR over t1 -> t2   = 100 / (t2 - t1) * ln(M_t1 / M_t2)
  discrete reduction (reported)  = 100 * (1 - e^(-ARR/100))  = 100 * (1 - (M_t2/M_t1)^(1/(t2-t1)))
  discrete growth (rising)       = 100 * ((M_t2/M_t1)^(1/(t2-t1)) - 1)
  required (continuous)          = 100 / (2030 - t) * ln(M_t / T)
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from childsdg import api
from childsdg.analysis import progress_engine
from tests.conftest import DATA
from tests.storefactory import country, indicator

COUNTRIES = [country(code) for code in ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH",
                                        "III", "JJJ", "KKK", "LLL", "MMM", "NNN")]
COUNTRIES += [country("PPP", region="WCAR"), country("QQQ", region="WCAR")]
INDICATORS = [
    indicator("u5mr", "births", target_2030=25.0),
    indicator("imr", "births"),  # no target: trends only
    indicator("stunting", "under5_population", kind="survey", unit_kind="percent",
              target_relative_change=-50.0, target_baseline_year=2012),
    indicator("child_labour", "children_0_17", kind="survey", unit_kind="percent", target_2030=0.0),
    indicator("dtp3", "births", unit_kind="percent", polarity="higher_is_better", target_2030=90.0),
    indicator("live_births", "none", unit_kind="count"),
]
ROWS = [
    # u5mr (target 25, annual, end points)
    ("AAA", "u5mr", 2010, 200.0), ("AAA", "u5mr", 2015, 100.0), ("AAA", "u5mr", 2020, 60.0),
    ("BBB", "u5mr", 2015, 40.0), ("BBB", "u5mr", 2024, 20.0),
    ("CCC", "u5mr", 2015, 50.0), ("CCC", "u5mr", 2020, 60.0),
    ("DDD", "u5mr", 2010, 100.0), ("DDD", "u5mr", 2020, 80.0),
    ("FFF", "u5mr", 2010, 70.0),
    ("GGG", "u5mr", 2015, 64.0), ("GGG", "u5mr", 2020, 50.0),
    ("HHH", "u5mr", 2015, 10.0), ("HHH", "u5mr", 2020, 0.0),
    ("PPP", "u5mr", 2015, 100.0), ("PPP", "u5mr", 2020, 50.0),
    ("QQQ", "u5mr", 2015, 60.0), ("QQQ", "u5mr", 2020, 50.0),
    ("PPP", "live_births", 2015, 1000.0), ("PPP", "live_births", 2020, 1000.0),
    ("QQQ", "live_births", 2015, 3000.0), ("QQQ", "live_births", 2020, 3000.0),
    # imr: no target
    ("AAA", "imr", 2015, 50.0), ("AAA", "imr", 2020, 40.0), ("BBB", "imr", 2020, 30.0),
    # dtp3 (higher is better, target 90: ratio method)
    ("III", "dtp3", 2015, 50.0), ("III", "dtp3", 2020, 60.0),
    ("JJJ", "dtp3", 2015, 40.0), ("JJJ", "dtp3", 2020, 80.0),
    ("KKK", "dtp3", 2015, 0.0), ("KKK", "dtp3", 2016, 0.0), ("KKK", "dtp3", 2017, 20.0), ("KKK", "dtp3", 2020, 40.0),
    ("LLL", "dtp3", 2015, 50.0), ("LLL", "dtp3", 2020, 52.0),
    ("MMM", "dtp3", 2015, 50.0), ("MMM", "dtp3", 2020, 0.0),
    ("NNN", "dtp3", 2018, 95.0),
    # stunting (survey; target = half the value nearest 2012, within 3 years)
    ("AAA", "stunting", 2011, 44.0), ("AAA", "stunting", 2014, 42.0),
    ("AAA", "stunting", 2015, 40.0), ("AAA", "stunting", 2016, 40.0), ("AAA", "stunting", 2020, 30.0),
    ("BBB", "stunting", 2010, 30.0), ("BBB", "stunting", 2014, 34.0), ("BBB", "stunting", 2016, 28.0),
    ("CCC", "stunting", 2005, 30.0), ("CCC", "stunting", 2018, 25.0), ("CCC", "stunting", 2021, 20.0),
    ("DDD", "stunting", 2012, 20.0), ("DDD", "stunting", 2019, 9.0),
    # child labour (survey, target 0)
    ("AAA", "child_labour", 2016, 10.0), ("AAA", "child_labour", 2019, 0.0), ("AAA", "child_labour", 2021, 8.0),
    ("BBB", "child_labour", 2016, 5.0), ("BBB", "child_labour", 2020, 0.0),
]


def row(table: pd.DataFrame, iso3: str, indicator_id: str | None = None) -> pd.Series:
    rows = table[(table["iso3"] == iso3) & ((indicator_id is None) | (table["indicator"] == indicator_id))]
    assert len(rows) == 1
    return rows.iloc[0]


def test_on_track_with_every_number_written_out(tiny_store):
    r = row(api.progress("u5mr"), "AAA")
    # window 2015 -> 2020 (the 2010 value is before the window): ARR = 100/5 * ln(100/60) = 10.2165 (continuous)
    assert (r["window_start_year"], r["latest_year"], r["latest_value"], r["n_points"]) == (2015, 2020, 60.0, 2)
    # discrete: 100 * (1 - (60/100)^(1/5)) = 100 * (1 - 0.902880) = 9.7120% a year
    assert r["rate_observed"] == pytest.approx(9.711955)
    assert r["rate_observed"] == pytest.approx(100 * (1 - math.exp(-(20 * math.log(100 / 60)) / 100)))
    # required: 100/(2030-2020) * ln(60/25) = 8.7547 continuous; discrete 100 * (1 - (25/60)^(1/10)) = 8.3824%
    assert r["rate_required"] == pytest.approx(8.382407)
    # 10.2165 >= 8.7547: on track
    assert (r["status"], r["severe"], r["grade"], r["method"], r["fit"]) == ("on_track", False, "on_track", "arr",
                                                                            "endpoints")
    # projection: 60 * exp(-10.2165/100 * 10) = 60 * (60/100)^2 = 21.6
    assert r["projection_2030"] == pytest.approx(21.6)
    # year: 2020 + 100 * ln(60/25) / 10.2165 = 2020 + 8.569 = 2028.57 -> first whole year 2029
    assert r["year_target_reached"] == 2029
    assert r["target"] == 25.0


def test_acceleration_needed_and_more_than_double_the_pace(tiny_store):
    table = api.progress("u5mr")
    ggg = row(table, "GGG")
    # ARR = 100/5 * ln(64/50) = 4.9372; required = 10 * ln(50/25) = 6.9315; 6.9315 / 4.9372 = 1.40 <= 2
    assert (ggg["status"], ggg["severe"], ggg["grade"]) == ("acceleration_needed", False, "acceleration_needed")
    # projection 50 * (50/64)^2 = 30.5176; year 2020 + 69.315 / 4.9372 = 2034.04 -> 2035
    assert ggg["projection_2030"] == pytest.approx(30.517578125)
    assert ggg["year_target_reached"] == 2035
    # DDD from 2010: ARR = 10 * ln(100/80) = 2.2314; required = 10 * ln(80/25) = 11.6315; 11.63/2.23 = 5.2 > 2
    ddd = row(api.progress("u5mr", start=2010), "DDD")
    assert (ddd["status"], ddd["severe"], ddd["grade"]) == ("acceleration_needed", True, "pace_must_double")
    assert ddd["window_start_year"] == 2010


def test_target_already_met(tiny_store):
    r = row(api.progress("u5mr"), "BBB")
    # 20 <= 25: met; the rate is still reported: 100 * (1 - (20/40)^(1/9)) = 7.4125%
    assert (r["status"], r["severe"], r["grade"]) == ("target_met", False, "target_met")
    assert r["rate_observed"] == pytest.approx(7.412529)
    assert math.isnan(r["rate_required"]) and pd.isna(r["year_target_reached"])


def test_rising_trend_of_a_falling_indicator_is_severe(tiny_store):
    r = row(api.progress("u5mr"), "CCC")
    # ARR = 100/5 * ln(50/60) = -3.646 <= 0; discrete 100 * (1 - (60/50)^(1/5)) = -3.7137%
    assert r["rate_observed"] == pytest.approx(-3.713729)
    assert (r["status"], r["severe"], r["grade"]) == ("acceleration_needed", True, "deterioration")
    # projection rises: 60 * (60/50)^2 = 86.4; never reaches the target
    assert r["projection_2030"] == pytest.approx(86.4)
    assert pd.isna(r["year_target_reached"])


def test_single_point_and_windows_without_data(tiny_store):
    table = api.progress("u5mr")
    # DDD has 2010 and 2020: from 2015 only 2020 is in the window
    assert (row(table, "DDD")["status"], row(table, "DDD")["n_points"]) == ("insufficient_data", 1)
    assert math.isnan(row(table, "DDD")["rate_observed"])
    # FFF's only value (2010) predates the window; EEE has none at all: both no_data, with a row each
    for code in ("EEE", "FFF"):
        assert (row(table, code)["status"], row(table, code)["n_points"]) == ("no_data", 0)
    assert set(table["iso3"]) == {c["iso3"] for c in COUNTRIES}
    assert row(api.progress("u5mr", start=2000), "FFF")["status"] == "insufficient_data"


def test_zero_latest_value_meets_a_falling_target(tiny_store):
    r = row(api.progress("u5mr"), "HHH")
    # 0 <= 25: met. ln(10/0) is infinite: the discrete reduction is 100 * (1 - 0^(1/5)) = 100%
    assert r["status"] == "target_met"
    assert r["rate_observed"] == pytest.approx(100.0)


def test_no_target_gives_rates_but_no_classification(tiny_store):
    table = api.progress("imr")
    # AAA: 100 * (1 - (40/50)^(1/5)) = 4.3648%
    assert row(table, "AAA")["rate_observed"] == pytest.approx(4.364750)
    assert (row(table, "AAA")["status"], row(table, "AAA")["grade"]) == ("no_target", "no_target")
    assert math.isnan(row(table, "AAA")["rate_required"]) and math.isnan(row(table, "AAA")["target"])
    assert row(table, "BBB")["status"] == "insufficient_data"


def test_ratio_method_for_rising_coverage(tiny_store):
    table = api.progress("dtp3")
    iii = row(table, "III")
    # growth observed (60/50)^(1/5) - 1 = 3.7137%; needed (90/60)^(1/10) - 1 = 4.1380%; R = 0.8975
    assert iii["rate_observed"] == pytest.approx(3.713729)
    assert iii["rate_required"] == pytest.approx(4.137974)
    assert iii["ratio"] == pytest.approx(0.897475)
    # 60% <= R < 95%: acceleration needed, not severe
    assert (iii["method"], iii["status"], iii["severe"], iii["grade"]) == ("ratio", "acceleration_needed", False,
                                                                           "acceleration_needed")
    # projection 60 * 1.2^2 = 86.4; year 2020 + ln(1.5) / (ln(1.2)/5) = 2031.12 -> 2032
    assert iii["projection_2030"] == pytest.approx(86.4)
    assert iii["year_target_reached"] == 2032
    jjj = row(table, "JJJ")
    # 2^(1/5) - 1 = 14.87% against (90/80)^(1/10) - 1 = 1.18%: on track; 80 * 2^2 = 320 is capped at 100%
    assert (jjj["status"], jjj["projection_2030"]) == ("on_track", 100.0)
    lll = row(table, "LLL")
    # (52/50)^(1/5) - 1 = 0.7875%; (90/52)^(1/10) - 1 = 5.6389%; R = 0.1397 < 60%: limited progress, severe
    assert lll["ratio"] == pytest.approx(0.1396544)
    assert (lll["status"], lll["severe"], lll["grade"]) == ("acceleration_needed", True, "limited_progress")
    assert (row(table, "NNN")["status"], row(table, "NNN")["n_points"]) == ("target_met", 1)


def test_zeros_before_a_first_value_are_skipped_and_a_fall_to_zero_is_a_fall(tiny_store):
    table = api.progress("dtp3")
    kkk = row(table, "KKK")
    # 2015 and 2016 are 0 (not yet introduced): the rate runs 2017 -> 2020: 2^(1/3) - 1 = 25.99%
    assert (kkk["window_start_year"], kkk["n_points"]) == (2017, 2)
    assert kkk["rate_observed"] == pytest.approx(25.992105)
    assert kkk["status"] == "on_track"
    mmm = row(table, "MMM")
    # 50 -> 0: (0/50)^(1/5) - 1 = -100% a year; infinite growth needed; R < 0: deterioration
    assert mmm["rate_observed"] == pytest.approx(-100.0)
    assert (mmm["status"], mmm["severe"], mmm["grade"]) == ("acceleration_needed", True, "deterioration")


def test_survey_regression_with_gaps_and_a_relative_target(tiny_store):
    r = row(api.progress("stunting"), "AAA")
    # baseline: nearest to 2012 within 3 years: 2011 (1 year) beats 2014 (2 years): 44 -> target 44 * 0.5 = 22
    assert (r["target_baseline_year"], r["target_baseline_value"], r["target"]) == (2011, 44.0, 22.0)
    # fit over 2015, 2016, 2020 (gap of four years): mean year 2017, deviations -2, -1, 3, sum of squares 14
    # b = (-2 ln 40 - 1 ln 40 + 3 ln 30) / 14 = (3/14) ln(3/4) = -0.0616462
    # AARR = (1 - e^b) * 100 = 5.9784% (two end points would say 100 * (1 - 0.75^(1/5)) = 5.59%)
    assert r["rate_observed"] == pytest.approx(5.978448)
    assert (r["method"], r["fit"], r["n_points"], r["window_start_year"]) == ("aarr", "regression", 3, 2015)
    # required 10 * ln(30/22) = 3.1015 < 6.1646 (= -100 b): on track
    assert r["status"] == "on_track"
    # projection 30 * e^(10 b) = 16.1955; year 2020 + 31.0155 / 6.16462 = 2025.03 -> 2026
    assert r["projection_2030"] == pytest.approx(16.195538)
    assert r["year_target_reached"] == 2026


def test_relative_target_baselines_ties_and_absence(tiny_store):
    table = api.progress("stunting")
    # BBB: 2010 and 2014 are both 2 years from 2012: the earlier, 30 -> target 15; one point in the window
    bbb = row(table, "BBB")
    assert (bbb["target_baseline_year"], bbb["target"], bbb["status"]) == (2010, 15.0, "insufficient_data")
    # CCC: nothing in 2009-2015: no target for it
    ccc = row(table, "CCC")
    assert (ccc["status"], ccc["grade"]) == ("insufficient_data", "no_baseline")
    assert math.isnan(ccc["target"])
    # DDD: 2012 = 20 -> target 10; its one value in the window (9, 2019) meets it: met needs no trend
    assert (row(table, "DDD")["target"], row(table, "DDD")["status"]) == (10.0, "target_met")


def test_zero_target_and_zero_survey_points(tiny_store):
    table = api.progress("child_labour")
    aaa = row(table, "AAA")
    # the 2019 zero is left out of the fit: 2016 (10) and 2021 (8): 100 * (1 - 0.8^(1/5)) = 4.3648%
    assert (aaa["n_points"], aaa["rate_observed"]) == (2, pytest.approx(4.364750))
    # a target of 0 needs 100% a year on the discrete basis (infinite in logs): pace must more than double
    assert aaa["rate_required"] == pytest.approx(100.0)
    assert (aaa["status"], aaa["severe"], aaa["grade"]) == ("acceleration_needed", True, "pace_must_double")
    assert pd.isna(aaa["year_target_reached"])
    # BBB's latest value is 0: target met, though one positive point leaves no rate
    assert row(table, "BBB")["status"] == "target_met"
    assert math.isnan(row(table, "BBB")["rate_observed"])


def test_several_indicators_in_one_call_and_progress_all(tiny_store):
    every = api.progress_all()
    # u5mr, stunting (relative target), child_labour, dtp3 have targets; imr and live_births do not
    assert set(every["indicator"]) == {"u5mr", "stunting", "child_labour", "dtp3"}
    assert len(every) == 4 * len(COUNTRIES)
    assert list(every.columns[:3]) == ["indicator", "iso3", "name"]
    assert list(every.columns[3:]) == progress_engine.COLUMNS[2:]
    pair = api.progress(["dtp3", "u5mr"], ["III", "AAA"])
    assert list(zip(pair["indicator"], pair["iso3"])) == [("dtp3", "III"), ("dtp3", "AAA"), ("u5mr", "III"),
                                                          ("u5mr", "AAA")]
    assert row(pair, "III", "dtp3")["rate_observed"] == row(every, "III", "dtp3")["rate_observed"]
    with pytest.raises(ValueError, match="nope"):
        api.progress("nope")
    with pytest.raises(ValueError, match="XXX"):
        api.progress("u5mr", ["XXX"])


def test_group_progress_uses_the_weighted_series(tiny_store):
    r = api.group_progress("u5mr", "unicef_region:WCAR").iloc[0]
    # 2015: (100 x 1000 + 60 x 3000) / 4000 = 70; 2020: (50 x 1000 + 50 x 3000) / 4000 = 50
    # ARR = 100/5 * ln(70/50) = 6.7294 < required 10 * ln(50/25) = 6.9315, ratio 1.03 <= 2
    assert (r["group_code"], r["latest_value"], r["coverage"]) == ("WCAR", 50.0, 1.0)
    assert r["rate_observed"] == pytest.approx(100 * (1 - (50 / 70) ** (1 / 5)))
    assert (r["status"], r["severe"]) == ("acceleration_needed", False)


def test_counts_per_group_and_status(tiny_store):
    counts = api.progress_counts(["u5mr"], "unicef_region:WCAR")
    # PPP: 100 -> 50 on track (ARR 13.9 >= 6.9); QQQ: 60 -> 50, ARR 3.65 < 6.93: acceleration, not severe
    by_status = counts.set_index("status")
    assert by_status.loc["on_track", "n_countries"] == 1
    assert tuple(by_status.loc["acceleration_needed", ["n_countries", "n_severe"]]) == (1, 0)
    assert by_status["n_countries"].sum() == 2
    assert list(counts["status"]) == list(progress_engine.STATUSES)
    assert set(counts["group_name"]) == {"Region WCAR"}


def test_discrete_conversion_is_the_methods_formula():
    # METHODS.md §1: discrete = 100 * (1 - e^(-continuous/100)); 10% continuous -> 9.5163% discrete
    assert progress_engine.discrete(10.0, -1) == pytest.approx(100 * (1 - math.exp(-0.1)))
    # rising indicators: 10% continuous growth -> e^0.1 - 1 = 10.517% compound growth
    assert progress_engine.discrete(10.0, 1) == pytest.approx(100 * (math.exp(0.1) - 1))


@pytest.mark.skipif(not (DATA / "manifest.json").is_file(), reason="no bundled store")
def test_real_store_niger_under5_mortality_matches_the_formula():
    values = api.series("u5mr", "NER", 2015).set_index("year")["value"]
    r = row(api.progress("u5mr", "NER"), "NER")
    first, last = values.index.min(), values.index.max()
    arr = 100 / (last - first) * math.log(values[first] / values[last])
    assert r["rate_observed"] == pytest.approx(100 * (1 - math.exp(-arr / 100)))
    required = 100 / (2030 - last) * math.log(values[last] / 25)
    assert r["status"] == ("on_track" if arr >= required else "acceleration_needed")
    every = api.progress_all()
    assert set(every["status"]) <= set(progress_engine.STATUSES)
    assert set(every["grade"]) <= set(progress_engine.GRADES)
    assert (every.loc[every["status"] == "target_met", "grade"] == "target_met").all()


def _specs(**extra) -> pd.DataFrame:
    """One catalogue row (u5mr-like: lower is better, target 25, annual) for calling the engine directly."""
    row = {"polarity": "lower_is_better", "kind": "modelled", "unit_kind": "per_1000", "target_2030": 25.0,
           "target_relative_change": float("nan"), "target_baseline_year": float("nan")}
    row.update(extra)
    return pd.DataFrame([row], index=["x"])


def _assess(rows: list[tuple], **extra) -> pd.Series:
    observations = pd.DataFrame(rows, columns=["key", "year", "value"]).assign(indicator="x")
    return progress_engine.assess(observations, _specs(**extra), 2015, ["A"]).iloc[0]


@pytest.mark.parametrize("kind", ["modelled", "survey"])
def test_two_values_of_the_same_year_are_no_trend(kind):
    # two surveys (or a duplicated year) in 2020: one year, no line through it
    row = _assess([("A", 2020, 60.0), ("A", 2020, 50.0)], kind=kind)
    assert (row["status"], row["grade"]) == ("insufficient_data", "insufficient_data")
    assert pd.isna(row["rate_observed"])


@pytest.mark.parametrize("polarity, values, target", [("lower_is_better", (60.0, 50.0), 25.0),
                                                      ("higher_is_better", (50.0, 60.0), 90.0)])
def test_a_latest_year_at_or_after_2030(polarity, values, target):
    # 2025 -> 2031, target not met: no years left, so no required rate (it would be negative) and no
    # projection to 2030; the target was missed
    row = _assess([("A", 2025, values[0]), ("A", 2031, values[1])], polarity=polarity, target_2030=target)
    assert pd.isna(row["rate_required"]) and pd.isna(row["projection_2030"]) and pd.isna(row["ratio"])
    assert (row["status"], row["grade"], row["severe"]) == ("acceleration_needed", "target_missed", True)
    assert row["rate_observed"] > 0
    # at 2030 itself too; a value meeting the target is still target_met
    assert _assess([("A", 2025, 60.0), ("A", 2030, 50.0)])["grade"] == "target_missed"
    assert _assess([("A", 2025, 60.0), ("A", 2031, 20.0)])["status"] == "target_met"
