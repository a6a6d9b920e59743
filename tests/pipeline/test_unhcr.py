"""The unhcr step: sums by origin and asylum, UNHCR's known-age method, refugees per 1,000, codes that
are not countries, on small raw files written here (every expected number is worked out by hand in
the comments); then a few figures of the real sources, checked by hand in the raw files."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import pandas as pd
import pytest

from pipeline.core import PipelineError, StepContext, load_meta
from pipeline.steps import unhcr
from tests.conftest import SOURCES, requires_sources

POPULATION_HEADER = ["year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso", "refugees", "asylum_seekers",
                     "returned_refugees", "idps", "returned_idps", "stateless", "ooc", "oip", "hst"]
BANDS = ["0_4", "5_11", "12_17", "18_59", "60", "other", "total"]
DEMOGRAPHICS_HEADER = (["year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso", "pop_type"]
                       + [f"{sex}_{band}" for sex in "fm" for band in BANDS]
                       + ["total", "children_0_17", "age_known_total"])
KNOWN = ["AAA", "BBB", "CCC", "DDD"]

# (year, origin, asylum, refugees, asylum_seekers, returned_refugees, idps, stateless, oip); oip None = empty cell
POPULATION = [
    (2022, "AAA", "BBB", 700, 0, 0, 0, 0, None),  # no asylum-seeker anywhere yet: the category starts in 2023
    (2023, "AAA", "BBB", 800, 20, 0, 0, 0, None),
    (2024, "AAA", "BBB", 1000, 100, 0, 0, 0, None),
    (2024, "AAA", "CCC", 500, 0, 0, 0, 0, 300),
    (2024, "CCC", "BBB", 200, 50, 0, 0, 0, None),
    (2024, "UNK", "BBB", 40, 10, 0, 0, 0, None),  # unknown origin: in BBB's and the world's totals only
    (2024, "DDD", "BBB", 0, 5, 0, 0, 0, None),  # DDD: asylum-seekers abroad, no refugees (a reported 0)
    (2024, "XXA", "CCC", 0, 0, 0, 0, 70, None),  # stateless people living in CCC
    (2024, "AAA", "AAA", 0, 0, 0, 2000, 0, None),  # IDPs: origin = asylum
    (2024, "AAA", "DDD", 0, 0, 25, 0, 0, None),  # refugees who went home to AAA from DDD
]
# (year, origin, asylum, pop_type, total, age_known_total, children_0_17)
DEMOGRAPHICS = [
    (2024, "AAA", "BBB", "REF", 1000, 800, 400),
    (2024, "AAA", "CCC", "REF", 500, 500, 100),
    (2024, "AAA", "CCC", "OIP", 300, 100, 60),
    (2024, "CCC", "BBB", "REF", 200, 0, 0),  # nobody's age known
    (2024, "UNK", "BBB", "REF", 40, 40, 10),
    (2024, "AAA", "BBB", "ASY", 100, 100, 30),  # asylum-seekers: not part of refugee children
    (2024, "AAA", "AAA", "IDP", 2000, 1000, 550),
]
# (year, code, conflict IDPs)
IDMC = [(2008, "UNK", 100000), (2024, "AAA", 2500), (2024, "UNK", 7)]
# WDI population; BBB has none for 2023
WDI_POPULATION = [("AAA", 2024, 1_000_000), ("BBB", 2024, 124_000), ("CCC", 2024, 400_000), ("AAA", 2023, 990_000)]


def write_gzip_csv(path: Path, frame: pd.DataFrame) -> None:
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        frame.to_csv(fh, index=False)


def population_file() -> pd.DataFrame:
    rows = [{"year": y, "coo_name": o, "coo": o, "coo_iso": o, "coa_name": a, "coa": a, "coa_iso": a, "refugees": r,
             "asylum_seekers": s, "returned_refugees": ret, "idps": i, "returned_idps": 0, "stateless": st, "ooc": 0,
             "oip": oip, "hst": 0} for y, o, a, r, s, ret, i, st, oip in POPULATION]
    return pd.DataFrame(rows, columns=POPULATION_HEADER)


def demographics_file() -> pd.DataFrame:
    """Age bands consistent with the three numbers the step reads: children in f_0_4, the other
    people of known age in f_18_59, people of unknown age in f_other."""
    rows = []
    for y, o, a, pop_type, total, known, children in DEMOGRAPHICS:
        row = dict.fromkeys(DEMOGRAPHICS_HEADER, 0)
        row.update({"year": y, "coo_name": o, "coo": o, "coo_iso": o, "coa_name": a, "coa": a, "coa_iso": a,
                    "pop_type": pop_type, "f_0_4": children, "f_18_59": known - children, "f_other": total - known,
                    "f_total": total, "total": total, "children_0_17": children, "age_known_total": known})
        rows.append(row)
    return pd.DataFrame(rows, columns=DEMOGRAPHICS_HEADER)


@pytest.fixture()
def ctx(tmp_path: Path) -> StepContext:
    folder = tmp_path / "sources" / "unhcr"
    folder.mkdir(parents=True)
    write_gzip_csv(folder / unhcr.POPULATION_FILE, population_file())
    write_gzip_csv(folder / unhcr.DEMOGRAPHICS_FILE, demographics_file())
    pd.DataFrame([{"year": y, "coo_name": c, "coo": c, "coo_iso": c, "coa_name": c, "coa": c, "coa_iso": c, "total": t}
                  for y, c, t in IDMC]).to_csv(folder / unhcr.IDMC_FILE, index=False)
    observations = pd.DataFrame([{"iso3": c, "indicator": "population", "year": y, "value": float(v), "sex": "total",
                                  "residence": "total", "source": "wdi", "kind": "modelled"}
                                 for c, y, v in WDI_POPULATION])
    return StepContext(sources=tmp_path / "sources", countries=pd.DataFrame({"iso3": KNOWN}), observations=observations)


def values(output, indicator: str) -> dict[tuple[str, int], float]:
    rows = output.observations[output.observations["indicator"] == indicator]
    return {(r.iso3, r.year): r.value for r in rows.itertuples()}


def test_counts_are_summed_by_origin_and_by_asylum(ctx):
    out = unhcr.run(ctx)
    # refugees + oip from AAA in 2024: 1000 (BBB) + 500 + 300 (CCC) = 1800; CCC 200; DDD listed with none: 0
    assert values(out, "refugees_by_origin") == {("AAA", 2022): 700, ("AAA", 2023): 800, ("AAA", 2024): 1800,
                                                 ("CCC", 2024): 200, ("DDD", 2024): 0}
    # hosted in BBB 2024: 1000 (AAA) + 200 (CCC) + 40 (unknown origin) + 0 (DDD) = 1240; CCC: 500 + 300 oip = 800;
    # AAA and DDD are listed (IDP and return rows) but host none
    hosted = values(out, "refugees_hosted")
    assert hosted[("BBB", 2024)] == 1240 and hosted[("CCC", 2024)] == 800
    assert hosted[("AAA", 2024)] == 0 and hosted[("DDD", 2024)] == 0
    # asylum-seekers hosted by BBB 2024: 100 + 50 + 10 + 5 = 165; none before 2023, when the category starts
    assert values(out, "asylum_seekers_hosted") == {("BBB", 2023): 20, ("BBB", 2024): 165, ("CCC", 2024): 0,
                                                    ("AAA", 2024): 0, ("DDD", 2024): 0}
    assert values(out, "asylum_seekers_by_origin")[("DDD", 2024)] == 5
    # IDPs, stateless people and returns: only where positive
    assert values(out, "idps") == {("AAA", 2024): 2000}
    assert values(out, "stateless") == {("CCC", 2024): 70}
    assert values(out, "returned_refugees") == {("AAA", 2024): 25}
    assert values(out, "idps_conflict_idmc") == {("AAA", 2024): 2500}


def test_codes_that_are_not_countries_leave_only_the_country_series(ctx):
    out = unhcr.run(ctx)
    assert set(out.observations["iso3"]) <= set(KNOWN)
    assert not out.observations.duplicated(["iso3", "indicator", "year", "sex", "residence"]).any()
    world = out.tables["displacement_world"].set_index(["population", "year"])
    # world refugees 2024 = all rows: 1000 + 500 + 300 + 200 + 40 = 2040 (the by-origin series add up to 2000)
    assert world.loc[("refugees", 2024), "total"] == 2040
    assert world.loc[("stateless", 2024), "total"] == 70
    # IDMC: 2500 + 7 (unknown) in 2024; 2008 is a world figure only
    assert world.loc[("idps_conflict_idmc", 2024), "total"] == 2507
    assert world.loc[("idps_conflict_idmc", 2008), "total"] == 100000
    assert ("asylum_seekers", 2022) not in world.index  # not collected yet
    pairs = out.tables["displacement_pairs"]
    unknown = pairs[pairs["origin_iso3"] == "UNK"].iloc[0]
    assert not unknown["origin_in_countries"] and unknown["asylum_in_countries"] and unknown["refugees"] == 40


def test_children_follow_the_known_age_share(ctx):
    out = unhcr.run(ctx)
    # by origin AAA 2024, REF + OIP pairs: children 400 + 100 + 60 = 560 of 800 + 500 + 100 = 1400 of known age;
    # share 560 / 1400 = 0.4, x 1800 refugees = 720; age known for 1400 / 1800 = 77.78%
    assert values(out, "refugee_children_by_origin") == {("AAA", 2024): pytest.approx(720)}
    assert values(out, "refugees_age_known_share_by_origin") == {("AAA", 2024): pytest.approx(1400 / 1800 * 100)}
    # hosted by BBB 2024: AAA 400/800, CCC 0/0, UNK 10/40 (ASY rows left out): 410 / 840 x 1240 = 605.24;
    # hosted by CCC: REF 100/500 + OIP 60/100 = 160 / 600 x 800 = 213.33; nothing before 2024 (no age data)
    children = values(out, "refugee_children_hosted")
    assert children == {("BBB", 2024): pytest.approx(410 / 840 * 1240), ("CCC", 2024): pytest.approx(160 / 600 * 800)}
    assert values(out, "refugees_age_known_share_hosted")[("BBB", 2024)] == pytest.approx(840 / 1240 * 100)
    # CCC's refugees abroad have no known age: no estimate rather than a guess
    assert ("CCC", 2024) not in values(out, "refugee_children_by_origin")
    # IDPs in AAA: 550 / 1000 x 2000 = 1100, half of them of known age
    assert values(out, "idp_children") == {("AAA", 2024): pytest.approx(1100)}
    assert values(out, "idps_age_known_share") == {("AAA", 2024): pytest.approx(50)}
    # world refugees 2024: (400 + 100 + 60 + 0 + 10) / (800 + 500 + 100 + 0 + 40) x 2040 = 570 / 1440 x 2040
    world = out.tables["displacement_world"].set_index(["population", "year"])
    assert world.loc[("refugees", 2024), "children_0_17"] == pytest.approx(570 / 1440 * 2040)
    assert world.loc[("refugees", 2024), "age_known_share"] == pytest.approx(1440 / 2040)


def test_pairs_estimate_children_with_their_own_share(ctx):
    pairs = unhcr.run(ctx).tables["displacement_pairs"].set_index(["year", "origin_iso3", "asylum_iso3"])
    # refugees, oip or asylum-seekers only: the stateless, IDP and return rows are not displacement pairs
    assert sorted(pairs.loc[2024].index) == [("AAA", "BBB"), ("AAA", "CCC"), ("CCC", "BBB"), ("DDD", "BBB"),
                                             ("UNK", "BBB")]
    assert sorted(pairs.index.get_level_values("year").unique()) == [2022, 2023, 2024]
    # AAA -> CCC: (100 + 60) / (500 + 100) x (500 + 300) = 213.33, age known 600 / 800
    row = pairs.loc[(2024, "AAA", "CCC")]
    assert (row["refugees"], row["oip"], row["asylum_seekers"]) == (500, 300, 0)
    assert row["children_0_17"] == pytest.approx(160 / 600 * 800) and row["age_known_share"] == pytest.approx(0.75)
    # AAA -> BBB: 400 / 800 x 1000 = 500; an empty oip cell is none
    assert pairs.loc[(2024, "AAA", "BBB"), "children_0_17"] == pytest.approx(500)
    assert pairs.loc[(2024, "AAA", "BBB"), "oip"] == 0
    # no known age (CCC -> BBB) or no refugees (DDD -> BBB): blank
    assert math.isnan(pairs.loc[(2024, "CCC", "BBB"), "children_0_17"])
    assert math.isnan(pairs.loc[(2024, "DDD", "BBB"), "age_known_share"])


def test_refugees_per_1000_use_the_same_year_population(ctx):
    out = unhcr.run(ctx)
    # BBB 2024: 1240 / 124,000 x 1000 = 10; CCC: 800 / 400,000 x 1000 = 2; AAA hosts none: 0;
    # BBB 2022-2023 have refugees but no population that year: missing, not taken from another year
    assert values(out, "refugees_per_1000") == {("BBB", 2024): pytest.approx(10), ("CCC", 2024): pytest.approx(2),
                                                ("AAA", 2024): 0}


def test_rows_keep_their_provenance_and_catalogue(ctx):
    out = unhcr.run(ctx)
    row = out.observations[(out.observations["indicator"] == "refugees_by_origin") & (out.observations["year"] == 2024)
                           & (out.observations["iso3"] == "AAA")].iloc[0]
    # AAA's first 2024 row (AAA -> BBB) is the third data line: line 4 of the file, after the header
    assert (row["source_file"], row["source_row"]) == ("unhcr/population.csv.gz", 4)
    assert set(out.observations["source"]) == {"unhcr"}
    assert set(out.indicators) == set(out.observations["indicator"]) == set(load_meta("unhcr")["indicators"])
    assert out.rows_read == len(POPULATION) + len(DEMOGRAPHICS) + len(IDMC)


def test_missing_wdi_population_is_a_clear_error(ctx):
    ctx.observations = ctx.observations.iloc[0:0]
    with pytest.raises(PipelineError, match="wdi step must run before"):
        unhcr.run(ctx)


@pytest.fixture(scope="module")
def real():
    from pipeline.steps import classifications, wdi

    context = StepContext(sources=SOURCES)
    context.countries = classifications.run(context).tables["countries"]
    context.observations = wdi.run(context).observations
    return unhcr.run(context)


@requires_sources
def test_real_counts_match_the_raw_files(real):
    # Summed by hand (csv module) over population.csv.gz, year 2024:
    # refugees from the Syrian Arab Republic: refugees 5,952,174 + oip 0
    assert values(real, "refugees_by_origin")[("SYR", 2024)] == 5_952_174
    # refugees hosted by Türkiye: 2,940,735 (no OIP); asylum-seekers 154,083
    assert values(real, "refugees_hosted")[("TUR", 2024)] == 2_940_735
    assert values(real, "asylum_seekers_hosted")[("TUR", 2024)] == 154_083
    # Colombia: 1,306 refugees + 2,779,604 OIP (Venezuelans) = 2,780,910
    assert values(real, "refugees_hosted")[("COL", 2024)] == 2_780_910
    # Lebanon: 758,642 hosted / 5,805,962 inhabitants (WDI sp.pop.totl 2024) x 1000 = 130.67
    assert values(real, "refugees_per_1000")[("LBN", 2024)] == pytest.approx(758_642 / 5_805_962 * 1000)


@requires_sources
def test_real_children_match_a_hand_computation(real):
    # demographics 2024, pop_type REF + OIP, origin SYR: 2,666,988 children of 5,797,099 of known age;
    # x 5,952,174 refugees = 2,738,331; age known for 97.4%
    syria = ("SYR", 2024)
    assert values(real, "refugee_children_by_origin")[syria] == pytest.approx(2_666_988 / 5_797_099 * 5_952_174)
    assert values(real, "refugees_age_known_share_by_origin")[syria] == pytest.approx(5_797_099 / 5_952_174 * 100)
    # Uganda 2024: every refugee's age known, 965,340 children of 1,759,492
    assert values(real, "refugee_children_hosted")[("UGA", 2024)] == pytest.approx(965_340)
    assert values(real, "refugees_age_known_share_hosted")[("UGA", 2024)] == pytest.approx(100)
    # the sources README: at end-2025 age is known for 55% of IDPs and 82% of refugees; the 82% counts
    # refugees under UNHCR's mandate only (pop_type REF: 0.819 by hand); OIP, of whom 73% have a known
    # age, bring refugees + OIP to 0.80
    world = real.tables["displacement_world"].set_index(["population", "year"])
    assert world.loc[("idps", 2025), "age_known_share"] == pytest.approx(0.55, abs=0.005)
    assert world.loc[("refugees", 2025), "age_known_share"] == pytest.approx(0.80, abs=0.005)


@requires_sources
def test_real_totals_match_global_trends_2024(real):
    """UNHCR Global Trends 2024 (end-2024), in millions rounded to one decimal: 31.0 refugees under
    UNHCR's mandate, 5.9 other people in need of international protection, 8.4 asylum-seekers;
    largest hosts Iran 3.5, Türkiye 2.9, Colombia 2.8, Germany 2.7 (refugees and OIP)."""
    pairs = real.tables["displacement_pairs"]
    end_2024 = pairs[pairs["year"] == 2024][["refugees", "oip", "asylum_seekers"]].sum() / 1e6
    assert [round(end_2024[c], 1) for c in ("refugees", "oip", "asylum_seekers")] == [31.0, 5.9, 8.4]
    world = real.tables["displacement_world"].set_index(["population", "year"])
    assert world.loc[("refugees", 2024), "total"] / 1e6 == pytest.approx(end_2024["refugees"] + end_2024["oip"])
    hosted = values(real, "refugees_hosted")
    assert [round(hosted[(c, 2024)] / 1e6, 1) for c in ("IRN", "TUR", "COL", "DEU")] == [3.5, 2.9, 2.8, 2.7]
