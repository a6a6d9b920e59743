"""The peer finder (METHODS.md §3) on constructed series whose answers are known, then on the real store.

Focal country FOC: under-5 mortality 110 in 2015, 100 in 2024 (its level L = 100; band ±15% = 85-115).
Its own rate 2015-2024: 100 * (1 - (100/110)^(1/9)) = 1.0534% a year; a peer must beat it. FOC now:
20 million people, income 0.10 of the world's (band within 3x: 0.033-0.30), World Bank class L.
Candidates fall exponentially (value = 100 x f^k), so the least-squares rate on the log is exactly
100 x (1 - f) % a year.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from childsdg import api
from childsdg.analysis import peer_finder
from childsdg.analysis.peer_finder import Criteria
from tests.conftest import DATA
from tests.storefactory import country, indicator

COUNTRIES = [country(code) for code in ("FOC", "SML", "PAA", "PRC", "PSM", "POL", "PSP", "PRB", "PCC", "PHH",
                                        "PEE", "PNP", "SFF", "SAA")]
COUNTRIES += [country("PBB", region="WCAR", fragile=True, lldc=True),
              country("PGG", global_south=False, region="ECAR", income_group="HIC", income_group_name="High income")]
INDICATORS = [
    indicator("u5mr", "births", target_2030=25.0, peer_drivers="dtp3 gdp_per_capita_growth"),
    indicator("stunting", "under5_population", kind="survey", unit_kind="percent", target_2030=20.0),
    indicator("dtp3", "births", unit_kind="percent", polarity="higher_is_better", target_2030=90.0,
              short_name="DTP3 coverage"),
    indicator("gdp_per_capita_growth", "population", unit_kind="percent_change", polarity="neutral",
              short_name="GDP per capita growth"),
    indicator("population", "none", unit_kind="count"),
    indicator("income_relative_world", "population", unit_kind="rate", polarity="neutral"),
    indicator("gdp_per_capita_ppp_long", "population", unit_kind="currency", polarity="neutral"),
    indicator("live_births", "none", unit_kind="count"),
]


def falling(iso3: str, start: int, factor: float, years: int = 10, first: float = 100.0) -> list[tuple]:
    """An annual u5mr series first x factor^k over ``years`` years: its fitted rate is 100 x (1 - factor)."""
    return [(iso3, "u5mr", start + k, first * factor ** k) for k in range(years + 1)]


def context(iso3: str, year: int, population: float, income: float) -> list[tuple]:
    return [(iso3, "population", year, population), (iso3, "income_relative_world", year, income)]


ROWS = [
    ("FOC", "u5mr", 2015, 110.0), ("FOC", "u5mr", 2020, 104.0), ("FOC", "u5mr", 2024, 100.0),
    *context("FOC", 2024, 20e6, 0.10),
    # SML: FOC's twin with 3 million people: a tenth of it (300,000) is below 1 million
    ("SML", "u5mr", 2015, 110.0), ("SML", "u5mr", 2024, 100.0), *context("SML", 2024, 3e6, 0.10),
    # PAA: 100 in 2000, -10% a year to 2010 (then 20 in 2012, past the horizon): the fastest comparable peer
    *falling("PAA", 2000, 0.90), ("PAA", "u5mr", 2012, 20.0), *context("PAA", 2000, 5e6, 0.20),
    # PBB: -5% a year from 2000; fragile, landlocked, another region; lower-middle income then
    *falling("PBB", 2000, 0.95), *context("PBB", 2000, 5e6, 0.25),
    # PRC: -15% a year, but 0.5 of the world's income then: 5x FOC's now
    *falling("PRC", 2000, 0.85), *context("PRC", 2000, 5e6, 0.50),
    # PSM: -12% a year, 500,000 people then
    *falling("PSM", 2000, 0.88), *context("PSM", 2000, 5e5, 0.20),
    # POL: -13% a year from 1975: before the era
    *falling("POL", 1975, 0.87), *context("POL", 1975, 5e6, 0.20),
    # PSP: 60 until a one-year spike to 100 in 2005 (in the band), then 60 falling 1% a year: the fit through
    # 2005-2015 says 3.23% a year (faster than FOC), but without 2005 it is 1.00%: one odd year, no peer
    ("PSP", "u5mr", 2003, 60.0), ("PSP", "u5mr", 2004, 60.0), ("PSP", "u5mr", 2005, 100.0),
    *[("PSP", "u5mr", 2006 + k, 60.0 * 0.99 ** k) for k in range(10)], *context("PSP", 2005, 5e6, 0.20),
    # PRB: 60 in 2003, a crisis to 100 in 2005, then -10% a year: a real fall, but a rebound: ranked last
    ("PRB", "u5mr", 2003, 60.0), *falling("PRB", 2005, 0.90), *context("PRB", 2005, 5e6, 0.20),
    # PCC: -0.5% a year: slower than FOC
    *falling("PCC", 2000, 0.995), *context("PCC", 2000, 5e6, 0.20),
    # PGG: fast, but not in the Global South
    *falling("PGG", 2000, 0.80), *context("PGG", 2000, 5e6, 0.20),
    # PHH: at the level only in 2020: fewer than 5 years of record after it
    ("PHH", "u5mr", 2020, 100.0), ("PHH", "u5mr", 2024, 50.0), *context("PHH", 2020, 5e6, 0.20),
    # PEE: 120 is 20% above L: outside ±15%
    ("PEE", "u5mr", 2000, 120.0), ("PEE", "u5mr", 2010, 50.0), *context("PEE", 2000, 5e6, 0.20),
    # PNP: fast, but no population figure for its year
    *falling("PNP", 2000, 0.89), ("PNP", "income_relative_world", 2000, 0.20),
    # drivers: PAA's DTP3 80 (2003) -> 93 (2010) and growth 4, 6, 8 (mean 6); FOC's DTP3 60 (2024), growth 1, 3
    ("PAA", "dtp3", 2003, 80.0), ("PAA", "dtp3", 2005, 62.0), ("PAA", "dtp3", 2010, 93.0), ("FOC", "dtp3", 2024, 60.0),
    ("PAA", "gdp_per_capita_growth", 2000, 4.0), ("PAA", "gdp_per_capita_growth", 2005, 6.0),
    ("PAA", "gdp_per_capita_growth", 2010, 8.0), ("FOC", "gdp_per_capita_growth", 2015, 1.0),
    ("FOC", "gdp_per_capita_growth", 2024, 3.0),
    # stunting (survey): focal SFF at 40; SAA measured 40 (2000), 33 (2002), 30 (2006)
    ("SFF", "stunting", 2018, 40.0), ("SAA", "stunting", 2000, 40.0), ("SAA", "stunting", 2002, 33.0),
    ("SAA", "stunting", 2006, 30.0), *context("SAA", 2000, 5e6, 0.2), *context("SFF", 2024, 5e6, 0.1),
]
INCOME_HISTORY = [("FOC", 2026, "L"), ("PAA", 2002, "L"), ("PBB", 2002, "LM")]


def by_iso3(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("iso3")


def test_comparable_peers_by_default(tiny_store):
    found = api.peers("FOC", "u5mr")
    # PAA 10%, PBB 5%; PRB 10% is a rebound: after the others
    assert list(found["iso3"]) == ["PAA", "PBB", "PRB"]
    paa = by_iso3(found).loc["PAA"]
    assert (paa["year_at_level"], paa["value_at_level"], paa["years_followed"]) == (2000, 100.0, 10)
    assert paa["rate_achieved"] == pytest.approx(10.0)
    # first value <= 25 (FOC's target): 20 in 2012, 12 years after 2000
    assert (paa["target_year_reached"], paa["years_to_target"]) == (2012, 12)
    assert (paa["population"], paa["income_relative"]) == (5e6, 0.2)
    assert by_iso3(found).loc["PRB", "rebound"]
    assert found["focal_rate"].iloc[0] == pytest.approx(100 * (1 - (100 / 110) ** (1 / 9)))
    assert (found["level"].iloc[0], found["level_year"].iloc[0], found["target"].iloc[0]) == (100.0, 2024, 25.0)


def test_each_criterion_excludes_its_country(tiny_store):
    screening = api.peer_screening("FOC", "u5mr")
    # stood at the level with 5 years after: PAA PBB PRC PSM POL PSP PRB PCC PNP SML (PHH: too late; PEE: 120)
    assert screening["candidates"] == 10
    # era: POL (1975); income: PRC (0.5 = 5x) and SML (110 in 2015, no income figure for 2015); population:
    # PSM (500,000), PNP and SML (no figure for the year)
    assert screening["excluded"] == {"era": 1, "income": 2, "population": 3, "region": 0, "fragile": 0,
                                     "landlocked": 0, "small_island": 0}
    assert (screening["comparable"], screening["peers"]) == (5, 3)  # PCC too slow, PSP one odd year
    fastest = api.peers("FOC", "u5mr", criteria=Criteria.regardless())
    # regardless of context: PRC (15%), POL (13%), PSM (12%), PNP (11%), PAA, PBB, then the rebound
    assert list(fastest["iso3"]) == ["PRC", "POL", "PSM", "PNP", "PAA", "PBB", "PRB"]


def test_income_within_the_factor_and_by_class(tiny_store):
    # within 5x: PRC's 0.5 is 5x FOC's 0.1
    assert "PRC" in set(api.peers("FOC", "u5mr", criteria=Criteria(income_factor=5))["iso3"])
    assert "PRC" not in set(api.peers("FOC", "u5mr", criteria=Criteria(income_factor=4.9))["iso3"])
    # World Bank class for the GNI of the year at the level (2000 -> FY02): PAA L like FOC now; PBB LM
    by_class = set(api.peers("FOC", "u5mr", criteria=Criteria(income_measure="class"))["iso3"])
    assert "PAA" in by_class and "PBB" not in by_class and "PRB" not in by_class  # PRB: unclassified
    with pytest.raises(ValueError, match="income_measure"):
        Criteria(income_measure="wealth")


def test_population_floor_is_a_tenth_of_a_small_focal_country(tiny_store):
    # SML has 3 million people: peers need 300,000, so PSM (500,000) is one
    assert "PSM" in set(api.peers("SML", "u5mr")["iso3"])
    assert "PSM" not in set(api.peers("FOC", "u5mr")["iso3"])
    assert api.peer_screening("SML", "u5mr")["population_floor"] == pytest.approx(3e5)
    assert "PSM" in set(api.peers("FOC", "u5mr", criteria=Criteria(min_population=None))["iso3"])


def test_era_and_optional_filters(tiny_store):
    assert "POL" in set(api.peers("FOC", "u5mr", criteria=Criteria(since=1970))["iso3"])
    assert set(api.peers("FOC", "u5mr", criteria=Criteria(same_region=True))["iso3"]) == {"PAA", "PRB"}
    assert set(api.peers("FOC", "u5mr", criteria=Criteria(fragile=True))["iso3"]) == {"PBB"}
    assert set(api.peers("FOC", "u5mr", criteria=Criteria(landlocked=True))["iso3"]) == {"PBB"}
    assert api.peers("FOC", "u5mr", criteria=Criteria(small_island=True)).empty
    assert api.peer_screening("FOC", "u5mr", criteria=Criteria(small_island=True))["excluded"]["small_island"] == 10


def test_one_odd_year_does_not_make_a_peer(tiny_store):
    everyone = by_iso3(api.peers("FOC", "u5mr", criteria=Criteria.regardless(), tolerance=0.15))
    assert "PSP" not in everyone.index
    candidates = peer_finder.find(api.series("u5mr", ["PSP"]), 100.0, "lower_is_better", 25.0, 1.0534)
    psp = by_iso3(candidates).loc["PSP"]
    # the fit through the spike says 3.23% a year, faster than FOC; without 2005, 1.00%: slower
    assert psp["year_at_level"] == 2005 and psp["rebound"]
    years = np.arange(2005, 2016)
    values = np.r_[100.0, 60 * 0.99 ** np.arange(10)]
    slope = np.polyfit(years, np.log(values), 1)[0]
    assert psp["rate_achieved"] == pytest.approx(100 * (1 - math.exp(slope)))
    assert psp["rate_achieved"] > 3.2 and psp["rate_robust"] == pytest.approx(1.0)
    assert not psp["faster"]


def test_survey_peers_use_observed_points_and_the_regression(tiny_store):
    saa = by_iso3(api.peers("SFF", "stunting")).loc["SAA"]
    # SAA's points: 40 (2000, in the band 34-46), 33 (2002, outside), 30 (2006). Fit 2000-2006:
    # b = (-8 ln 40 - 2 ln 33 + 10 ln 30) / 56; AARR = (1 - e^b) * 100 = 4.7786%
    b = (-8 * math.log(40) - 2 * math.log(33) + 10 * math.log(30)) / 56
    assert saa["rate_achieved"] == pytest.approx(100 * (1 - math.exp(b)))
    # the slowest with one point left out: 33 (2002) -> 30 (2006)
    assert saa["rate_robust"] == pytest.approx(100 * (1 - (30 / 33) ** 0.25))
    assert (saa["year_at_level"], saa["years_followed"]) == (2000, 6)
    assert pd.isna(saa["target_year_reached"])


def test_rebound_rule_on_a_rising_indicator(tiny_store):
    # rising: PAA's dtp3 was 80 in 2003, more than 10% above 62 (2005): rebound. Two points: 62 -> 93 in 5 years
    dtp3 = by_iso3(api.peers("FOC", "dtp3", criteria=Criteria(min_population=None, income_factor=None))).loc["PAA"]
    assert dtp3["rate_achieved"] == pytest.approx(100 * ((93 / 62) ** 0.2 - 1))
    assert (dtp3["rebound"], dtp3["rebound_year"], dtp3["target_year_reached"]) == (True, 2003, 2010)


def test_trajectories_stop_at_the_horizon(tiny_store):
    lines = api.peer_trajectories("FOC", "u5mr", ["PAA"])
    focal = lines[lines["role"] == "focal"]
    assert list(focal["years_since_level"]) == [-9, -4, 0]
    # PAA from 2000 to 2010: 0..10; its 2012 value is past the horizon its rate was fitted on
    assert list(lines.loc[lines["iso3"] == "PAA", "years_since_level"]) == list(range(11))


def test_what_moved_with_it(tiny_store):
    moved = api.peers_moved("FOC", "u5mr", ["PAA"]).set_index("indicator")
    dtp3 = moved.loc["dtp3"]
    # nearest to 2000 within 3 years: 80 (2003); to 2010: 93 (2010)
    assert (dtp3["start_year"], dtp3["start_value"], dtp3["end_year"], dtp3["end_value"]) == (2003, 80.0, 2010, 93.0)
    assert dtp3["text"] == "Country PAA 2003-2010: DTP3 coverage 80.0% → 93.0% (Country FOC, latest: 60.0% in 2024)"
    growth = moved.loc["gdp_per_capita_growth"]
    assert (growth["summary"], growth["mean_value"], growth["focal_value"]) == ("mean", 6.0, 2.0)
    assert growth["text"] == ("Country PAA 2000-2010: GDP per capita growth averaged +6.0% a year "
                              "(Country FOC, 2015-2024: +2.0% a year)")


def test_readings(tiny_store):
    found = by_iso3(api.peers("FOC", "u5mr"))
    assert found.loc["PAA", "reading"] == (
        "Country PAA stood at Country FOC's current level in 2000 (100.0 per 1,000; Country FOC now: "
        "100.0 per 1,000) and then reduced it by 10.0% a year over 10 years (fitted trend), and reached "
        "25.0 per 1,000, Country FOC's 2030 target, in 2012.")
    assert found.loc["PBB", "reading"].endswith("it had not reached 25.0 per 1,000, Country FOC's 2030 target, by its "
                                                "latest data (2010).")
    assert "recovery" in found.loc["PRB", "reading"]


def test_no_data_and_no_direction(tiny_store):
    assert api.peers("PCC", "dtp3").empty
    assert api.peer_trajectories("PCC", "dtp3").empty
    with pytest.raises(ValueError, match="direction"):
        api.peers("FOC", "gdp_per_capita_ppp_long")
    with pytest.raises(ValueError, match="tolerance"):
        api.peers("FOC", "u5mr", tolerance=1.5)


REAL = pytest.mark.skipif(not (DATA / "manifest.json").is_file(), reason="no bundled store")


@REAL
@pytest.mark.parametrize("iso3", ["AFG", "NER", "TCD", "ETH", "PAK"])
@pytest.mark.parametrize("indicator", ["u5mr", "stunting"])
def test_real_store_default_top_peers_are_comparable(iso3, indicator):
    """Every default top-5 peer had at least 1 million people (or a tenth of the focal country's) and an
    income then within 3x of the focal country's now, relative to the world's in each year."""
    found = api.peers(iso3, indicator).head(5)
    screening = api.peer_screening(iso3, indicator)
    assert not found.empty
    population = api.series("population", list(found["iso3"])).set_index(["iso3", "year"])["value"]
    income = api.series("income_relative_world", list(found["iso3"])).set_index(["iso3", "year"])["value"]
    focal_income = api.latest("income_relative_world", iso3)["value"].iloc[0]
    for peer in found.itertuples():
        people = population[(peer.iso3, int(peer.year_at_level))]
        assert people >= min(1e6, screening["focal"]["population"] / 10), (peer.iso3, people)
        ratio = income[(peer.iso3, int(peer.year_at_level))] / focal_income
        assert 1 / 3 <= ratio <= 3, (peer.iso3, ratio)
        assert peer.year_at_level >= 1990
        bar = max(peer.focal_rate, 0) if not pd.isna(peer.focal_rate) else 0  # no trend of its own: any progress
        assert peer.rate_achieved > bar and peer.rate_robust > bar


@REAL
def test_real_store_niger_under5_mortality():
    """Niger's under-5 mortality was 110.7 per 1,000 in 2024 (band 94-127). Its comparable peers, after
    looking at the data: Cambodia (112 in 1999) and Rwanda (104.5 in 2005) lead; Oman (1980, income then
    over 3x Niger's now and before 1990), Lebanon, DPR Korea and Armenia (crisis rebounds) are not comparable.
    """
    found = by_iso3(api.peers("NER", "u5mr"))
    assert list(found.index[:2]) == ["KHM", "RWA"]
    assert not {"OMN", "LBN", "ARM"} & set(found.index)
    assert not found["rebound"].head(5).any()
    level = api.latest("u5mr", "NER")["value"].iloc[0]
    assert ((found["value_at_level"] - level).abs() <= 0.15 * level).all()
    rwa = api.series("u5mr", "RWA").set_index("year")["value"]
    years = np.arange(2005, 2016)
    slope = np.polyfit(years, np.log(rwa[years].to_numpy()), 1)[0]
    assert found.loc["RWA", "year_at_level"] == 2005
    assert found.loc["RWA", "rate_achieved"] == pytest.approx(100 * (1 - math.exp(slope)))
    fastest = by_iso3(api.peers("NER", "u5mr", criteria=Criteria.regardless()))
    assert {"OMN", "LBN", "PRK", "ARM"} <= set(fastest.index)
