"""The peer finder (METHODS.md §3) on constructed series whose answers are known, then on the real store.

Focal country FOC: under-5 mortality 110 in 2015, 100 in 2024 (its level L = 100; band ±15% = 85-115).
Its own rate 2015-2024: 100 * (1 - (100/110)^(1/9)) = 1.0534% a year; a peer must beat it.
Rates below are discrete: 100 * (1 - (M_end/M_start)^(1/years)).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from childsdg import api, peers
from tests.conftest import DATA
from tests.storefactory import country, indicator, make_store

COUNTRIES = [country(code) for code in ("FOC", "PAA", "PBB", "PCC", "PDD", "PEE", "PFF", "PHH", "PII", "SFF",
                                        "SAA")]
COUNTRIES += [country("PGG", global_south=False, region="ECAR", income_group="HIC", income_group_name="High income"),
              country("PJJ", region="WCAR", fragile=True)]
INDICATORS = [
    indicator("u5mr", "births", target_2030=25.0),
    indicator("stunting", "under5_population", kind="survey", unit_kind="percent", target_2030=20.0),
    indicator("dtp3", "births", unit_kind="percent", polarity="higher_is_better", target_2030=90.0),
    indicator("population", "none", unit_kind="count"),
    indicator("gdp_per_capita_ppp", "population", unit_kind="currency", polarity="neutral"),
    indicator("live_births", "none", unit_kind="count"),
]
ROWS = [
    ("FOC", "u5mr", 2015, 110.0), ("FOC", "u5mr", 2020, 104.0), ("FOC", "u5mr", 2024, 100.0),
    # PAA: at 104 in 2001 (the 130 of 2000 is outside the band); 2001 -> 2011 (10-year horizon; 2012 is past it)
    ("PAA", "u5mr", 2000, 130.0), ("PAA", "u5mr", 2001, 104.0), ("PAA", "u5mr", 2011, 26.0),
    ("PAA", "u5mr", 2012, 24.0),
    ("PAA", "population", 2001, 5_000_000.0), ("PAA", "gdp_per_capita_ppp", 2001, 1_500.0),
    # PBB: 100 -> 81 in 10 years: slower than PAA, faster than FOC
    ("PBB", "u5mr", 2000, 100.0), ("PBB", "u5mr", 2010, 81.0),
    # PCC: 100 -> 95 in 10 years = 0.51% a year: slower than FOC, not a peer
    ("PCC", "u5mr", 2000, 100.0), ("PCC", "u5mr", 2010, 95.0),
    # PDD: 60 in 2003, a spike to 110 in 2005, then 40 in 2015: a rebound
    ("PDD", "u5mr", 2003, 60.0), ("PDD", "u5mr", 2005, 110.0), ("PDD", "u5mr", 2015, 40.0),
    # PEE: 120 is 20% above L: outside ±15%, inside ±25%
    ("PEE", "u5mr", 2000, 120.0), ("PEE", "u5mr", 2010, 50.0),
    # PFF: two visits to the band (1990; 1995-1996) with 130 in between: the last visit counts, and in it
    # the value nearest 100 (98 in 1996, not 105 in 1995)
    ("PFF", "u5mr", 1990, 100.0), ("PFF", "u5mr", 1992, 130.0), ("PFF", "u5mr", 1995, 105.0),
    ("PFF", "u5mr", 1996, 98.0), ("PFF", "u5mr", 2000, 70.0), ("PFF", "u5mr", 2006, 50.0),
    # PGG: fast, but not in the Global South
    ("PGG", "u5mr", 2000, 100.0), ("PGG", "u5mr", 2010, 20.0),
    # PHH: at the level only in 2020: fewer than 5 years of record after it
    ("PHH", "u5mr", 2020, 100.0), ("PHH", "u5mr", 2024, 50.0),
    # PII: 95 (2000) and 105 (2001) are equally far from 100: the later year counts
    ("PII", "u5mr", 2000, 95.0), ("PII", "u5mr", 2001, 105.0), ("PII", "u5mr", 2011, 50.0),
    # PJJ: stood at the level in 2010, 6 years of record: a horizon shorter than 10 years
    ("PJJ", "u5mr", 2010, 100.0), ("PJJ", "u5mr", 2016, 60.0),
    # stunting (survey): focal SFF at 40; SAA measured 40 (2000), 33 (2002), 30 (2006)
    ("SFF", "stunting", 2018, 40.0), ("SAA", "stunting", 2000, 40.0), ("SAA", "stunting", 2002, 33.0),
    ("SAA", "stunting", 2006, 30.0),
    # dtp3 (rising): focal FOC at 60; PAA at 62 in 2005, 80 in 2010, a higher 80 in 2003 before (a rebound)
    ("FOC", "dtp3", 2024, 60.0), ("PAA", "dtp3", 2003, 80.0), ("PAA", "dtp3", 2005, 62.0), ("PAA", "dtp3", 2010, 93.0),
]


@pytest.fixture()
def tiny_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CHILDSDG_DATA", str(make_store(tmp_path / "store", COUNTRIES, INDICATORS, ROWS)))


def by_iso3(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("iso3")


def test_peers_ranked_by_the_rate_achieved_after_standing_at_the_level(tiny_store):
    found = api.peers("FOC", "u5mr")
    # PAA 12.94, PDD 9.62, PII 7.15, PJJ 8.16, PFF 6.51, PBB 2.09 (see below); fastest first
    assert list(found["iso3"]) == ["PAA", "PDD", "PJJ", "PII", "PFF", "PBB"]
    paa = by_iso3(found).loc["PAA"]
    # 104 (2001) -> 26 (2011): 100 * (1 - (26/104)^(1/10)) = 100 * (1 - 0.25^0.1) = 12.9449%
    assert (paa["year_at_level"], paa["value_at_level"], paa["years_followed"]) == (2001, 104.0, 10)
    assert paa["rate_achieved"] == pytest.approx(100 * (1 - 0.25 ** 0.1))
    # first value <= 25 (FOC's target): 24 in 2012, 11 years after 2001
    assert (paa["target_year_reached"], paa["years_to_target"]) == (2012, 11)
    # context in 2001, today's classifications
    assert (paa["population"], paa["gdp_per_capita"]) == (5_000_000.0, 1_500.0)
    assert (paa["region"], paa["income_group"], paa["fragile"]) == ("ESAR", "LIC", False)
    # PBB: 100 -> 81 in 10 years: 100 * (1 - 0.81^0.1) = 2.0851%, > FOC's 1.0534%; never reaches 25
    pbb = by_iso3(found).loc["PBB"]
    assert pbb["rate_achieved"] == pytest.approx(100 * (1 - 0.81 ** 0.1))
    assert pd.isna(pbb["target_year_reached"]) and pd.isna(pbb["years_to_target"])
    # the focal country's own numbers ride along for the page
    assert found["focal_rate"].iloc[0] == pytest.approx(100 * (1 - (100 / 110) ** (1 / 9)))
    assert (found["level"].iloc[0], found["level_year"].iloc[0], found["target"].iloc[0]) == (100.0, 2024, 25.0)


def test_who_is_not_a_peer(tiny_store):
    found = set(api.peers("FOC", "u5mr")["iso3"])
    # FOC itself, PCC (0.51% a year is slower than FOC), PGG (not Global South), PHH (level in 2020: no
    # 5-year record), PEE (120 is outside ±15%)
    assert not found & {"FOC", "PCC", "PGG", "PHH", "PEE"}


def test_tolerance_widens_the_band(tiny_store):
    wide = by_iso3(api.peers("FOC", "u5mr", tolerance=0.25))
    # PEE's 120 is within ±25%: 120 -> 50 in 10 years: 100 * (1 - (50/120)^(1/10)) = 8.3824%
    assert wide.loc["PEE", "rate_achieved"] == pytest.approx(100 * (1 - (50 / 120) ** 0.1))
    narrow = api.peers("FOC", "u5mr", tolerance=0.03)
    # within ±3% (97-103): PBB (100), PFF (98, 1996), PJJ (100)
    assert set(narrow["iso3"]) == {"PBB", "PFF", "PJJ"}
    with pytest.raises(ValueError, match="tolerance"):
        api.peers("FOC", "u5mr", tolerance=1.5)


def test_the_last_visit_and_the_nearest_value_count(tiny_store):
    found = by_iso3(api.peers("FOC", "u5mr"))
    # PFF was at 100 in 1990 too, but went back up to 130: its last visit (1995-96) counts, and 98 is nearer
    # than 105. 98 (1996) -> 50 (2006): 100 * (1 - (50/98)^(1/10)) = 6.5079%
    assert (found.loc["PFF", "year_at_level"], found.loc["PFF", "value_at_level"]) == (1996, 98.0)
    assert found.loc["PFF", "rate_achieved"] == pytest.approx(100 * (1 - (50 / 98) ** 0.1))
    # PII: 95 and 105 are both 5 away: the later year, 2001; 105 -> 50: 100 * (1 - (50/105)^0.1) = 7.1508%
    assert found.loc["PII", "year_at_level"] == 2001
    assert found.loc["PII", "rate_achieved"] == pytest.approx(100 * (1 - (50 / 105) ** 0.1))
    # PJJ: 100 (2010) -> 60 (2016): a 6-year record, 100 * (1 - 0.6^(1/6)) = 8.1592%
    assert (found.loc["PJJ", "years_followed"], found.loc["PJJ", "fragile"]) == (6, True)
    assert found.loc["PJJ", "rate_achieved"] == pytest.approx(100 * (1 - 0.6 ** (1 / 6)))


def test_rebound_rule(tiny_store):
    found = by_iso3(api.peers("FOC", "u5mr"))
    # PDD: in 2003 (within 5 years before 2005) it stood at 60, more than 10% below its 110 of 2005
    # (60 < 110 x 0.9 = 99): the fall 110 -> 40 (100 * (1 - (40/110)^0.1) = 9.6205%) is partly recovery
    pdd = found.loc["PDD"]
    assert pdd["rate_achieved"] == pytest.approx(100 * (1 - (40 / 110) ** 0.1))
    assert (pdd["rebound"], pdd["rebound_year"], pdd["rebound_value"]) == (True, 2003, 60.0)
    assert "recovery" in pdd["reading"]
    # PAA's value before 2001 (130 in 2000) was higher, not lower: no rebound
    assert not found.loc["PAA", "rebound"] and pd.isna(found.loc["PAA", "rebound_year"])
    # rising indicator: PAA's dtp3 was 80 in 2003, more than 10% above 62 (2005): rebound
    dtp3 = by_iso3(api.peers("FOC", "dtp3")).loc["PAA"]
    # 62 -> 93 in 5 years: (93/62)^(1/5) - 1 = 8.4472% a year; 93 >= 90 in 2010
    assert dtp3["rate_achieved"] == pytest.approx(100 * ((93 / 62) ** 0.2 - 1))
    assert (dtp3["rebound"], dtp3["rebound_year"], dtp3["target_year_reached"]) == (True, 2003, 2010)


def test_survey_peers_use_observed_points_and_the_regression(tiny_store):
    saa = by_iso3(api.peers("SFF", "stunting")).loc["SAA"]
    # SAA's points: 40 (2000, in the band 34-46), 33 (2002, outside), 30 (2006). Fit 2000-2006:
    # mean year 2002.667; deviations -8/3, -2/3, 10/3; sum of squares 168/9
    # b = (-8 ln 40 - 2 ln 33 + 10 ln 30) / 56 = -0.048966; AARR = (1 - e^b) * 100 = 4.7786%
    b = (-8 * math.log(40) - 2 * math.log(33) + 10 * math.log(30)) / 56
    assert saa["rate_achieved"] == pytest.approx(100 * (1 - math.exp(b)))
    assert (saa["year_at_level"], saa["years_followed"]) == (2000, 6)
    # never at or below the target of 20
    assert pd.isna(saa["target_year_reached"])


def test_trajectories_are_aligned_on_the_year_at_level(tiny_store):
    lines = api.peer_trajectories("FOC", "u5mr", ["PAA", "PDD"])
    focal = lines[lines["role"] == "focal"]
    # FOC: its last 10 years up to 2024 -> 2015 (-9), 2020 (-4), 2024 (0)
    assert list(focal["years_since_level"]) == [-9, -4, 0]
    paa = lines[lines["iso3"] == "PAA"]
    # PAA from 2001 on: 0, 10, 11
    assert list(paa["years_since_level"]) == [0, 10, 11]
    assert set(lines["iso3"]) == {"FOC", "PAA", "PDD"}
    assert lines.loc[lines["iso3"] == "PDD", "rebound"].all()


def test_readings(tiny_store):
    found = by_iso3(api.peers("FOC", "u5mr"))
    assert found.loc["PAA", "reading"] == (
        "Country PAA stood at Country FOC's current level in 2001 (104.0 per 1,000; Country FOC now: "
        "100.0 per 1,000) and then reduced it by 12.9% a year for 10 years, reaching the 2030 target "
        "(25.0 per 1,000) in 2012.")
    assert found.loc["PBB", "reading"].endswith("it had not reached the 2030 target (25.0 per 1,000) by its latest "
                                                "data (2010).")
    dtp3 = api.peers("FOC", "dtp3").iloc[0]["reading"]
    assert "raised it by 8.4% a year for 5 years" in dtp3 and "higher than in 2005" in dtp3


def test_no_data_and_no_direction(tiny_store):
    # PCC has no dtp3: no level, no peers
    assert api.peers("PCC", "dtp3").empty
    assert api.peer_trajectories("PCC", "dtp3").empty
    with pytest.raises(ValueError, match="direction"):
        api.peers("FOC", "gdp_per_capita_ppp")


@pytest.mark.skipif(not (DATA / "manifest.json").is_file(), reason="no bundled store")
def test_real_store_niger_under5_mortality():
    """Niger's under-5 mortality was 110.7 per 1,000 in 2024 (band 94-127), falling 1.4% a year since 2015.

    Expected peers, after looking at the data: Cambodia (112 in 1999, then -8% a year; target 2018),
    Oman (113 in 1980, -10% a year) and Rwanda (104.5 in 2005, -7.6% a year) improved steadily. Lebanon
    (1982 war: 73 in 1981, 126 in 1982), DPR Korea (1990s famine: 41 in 1990, 108 in 1995), Armenia (the 1988
    earthquake: 55 in 1987, 102 in 1988) and Myanmar (cyclone Nargis: 71 in 2007, 102 in 2008) fell fast from
    a crisis spike: rebounds. Rwanda's 1994 genocide spike is 11 years before 2005: not a rebound.
    """
    found = by_iso3(api.peers("NER", "u5mr"))
    level = api.latest("u5mr", "NER")["value"].iloc[0]
    assert {"KHM", "OMN", "RWA", "LBN", "PRK", "ARM", "MMR"} <= set(found.index)
    assert found.loc[["LBN", "PRK", "ARM", "MMR"], "rebound"].all()
    assert not found.loc[["KHM", "OMN", "RWA"], "rebound"].any()
    assert list(found.index[:3]) == ["LBN", "PRK", "ARM"]  # the three fastest are all rebounds
    assert ((found["value_at_level"] - level).abs() <= 0.15 * level).all()
    assert (found["rate_achieved"] > found["focal_rate"]).all()
    assert "NER" not in found.index
    south = api.countries().set_index("iso3")["global_south"]
    assert south.reindex(found.index).astype(bool).all()
    # Rwanda by hand: 2005 -> 2015 from its own series
    rwa = api.series("u5mr", "RWA").set_index("year")["value"]
    assert found.loc["RWA", "year_at_level"] == 2005
    assert found.loc["RWA", "rate_achieved"] == pytest.approx(100 * (1 - (rwa[2015] / rwa[2005]) ** 0.1))
    assert found.loc["KHM", "target_year_reached"] == 2018


@pytest.mark.skipif(not (DATA / "manifest.json").is_file(), reason="no bundled store")
def test_real_store_nigeria_under5_mortality():
    """Nigeria stands at 115.6 (2024, band 98-133) and fell only 0.2% a year since 2015.

    Oman (113 in 1980) and Rwanda (117.5 in 2004) are steady peers; Algeria reached 123 in 1982 and took 33
    years to reach 25; Lebanon and DPR Korea again lead as rebounds.
    """
    found = by_iso3(api.peers("NGA", "u5mr"))
    assert {"OMN", "RWA", "DZA", "LBN", "PRK"} <= set(found.index)
    assert (found.loc["RWA", "year_at_level"], found.loc["DZA", "years_to_target"]) == (2004, 33)
    assert not found.loc[["OMN", "RWA", "DZA"], "rebound"].any()
