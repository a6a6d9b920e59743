"""The counts UNICEF leads with: derived by hand on tiny inputs, summed on a tiny store, and the real
store's world totals against what the producers publish."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from childsdg import api, formatting
from childsdg.data import catalogue
from pipeline.core import StepContext
from pipeline.steps import derived
from tests.conftest import ROOT
from tests.storefactory import country, indicator


def observation(iso3: str, name: str, year: int, value: float) -> dict:
    return {"iso3": iso3, "indicator": name, "year": year, "value": value, "sex": "total", "residence": "total",
            "source": "test", "kind": "modelled", "source_file": f"{name}.csv", "source_row": 2}


def test_deaths_and_zero_dose_are_derived_as_the_definitions_say(tmp_path):
    inputs = [
        # AAA, 2024: 30 births per 1,000 people x 1,000,000 people = 30,000 births
        ("AAA", "crude_birth_rate", 2024, 30.0), ("AAA", "population", 2024, 1_000_000),
        ("AAA", "u5mr", 2024, 50.0), ("AAA", "nmr", 2024, 20.0), ("AAA", "imr", 2024, 40.0),
        ("AAA", "mmr", 2024, 300.0), ("AAA", "dtp1", 2024, 90.0),
        # BBB: births but no DTP1 (no zero-dose count) and no mortality in 2023 (no deaths that year)
        ("BBB", "crude_birth_rate", 2023, 10.0), ("BBB", "population", 2023, 2_000_000),
        ("BBB", "crude_birth_rate", 2024, 10.0), ("BBB", "population", 2024, 2_000_000),
        ("BBB", "u5mr", 2024, 5.0), ("BBB", "nmr", 2024, 2.0), ("BBB", "imr", 2024, 4.0), ("BBB", "mmr", 2024, 10.0),
    ]
    context = StepContext(sources=tmp_path, observations=pd.DataFrame([observation(*row) for row in inputs]))
    out = derived.run(context).observations.set_index(["indicator", "iso3", "year"])["value"]
    assert out[("live_births", "AAA", 2024)] == 30_000
    assert out[("under5_deaths", "AAA", 2024)] == 1_500       # 50 x 30,000 / 1,000
    assert out[("neonatal_deaths", "AAA", 2024)] == 600       # 20 x 30,000 / 1,000
    assert out[("maternal_deaths", "AAA", 2024)] == 90        # 300 x 30,000 / 100,000
    # surviving infants 30,000 x (1 - 40/1,000) = 28,800; without DTP1: 28,800 x (1 - 0.90) = 2,880
    assert out[("zero_dose_children", "AAA", 2024)] == 2_880
    assert out[("live_births", "BBB", 2023)] == 20_000 and out[("under5_deaths", "BBB", 2024)] == 100
    assert ("under5_deaths", "BBB", 2023) not in out.index
    assert ("zero_dose_children", "BBB", 2024) not in out.index
    assert set(derived.run(context).observations["kind"]) == {"derived"}


def test_derived_counts_are_labelled_and_summed():
    rows = api.indicators().set_index("id").loc[["under5_deaths", "neonatal_deaths", "maternal_deaths",
                                                 "zero_dose_children"]]
    assert set(rows["kind"]) == {"derived"} and set(rows["weight"]) == {"none"} and set(rows["unit_kind"]) == {"count"}
    assert rows.loc[["under5_deaths", "neonatal_deaths", "maternal_deaths"], "source_name"].str.startswith(
        "derived: rate × live births").all()
    assert set(rows["theme"]) == {"survival"}


LEAD_IDS = [i for _, parts in catalogue.LEAD_NUMBERS.values() for i in parts]


# The tiny store of this module (conftest's tiny_store fixture builds it).
COUNTRIES = [country("AAA"), country("BBB"), country("CCC")]
INDICATORS = [indicator(i, "none", kind="derived", unit_kind="count") for i in LEAD_IDS]
INDICATORS.append(indicator("population", "none", unit_kind="count"))
ROWS = [("AAA", "population", 2024, 1000), ("BBB", "population", 2024, 1000), ("CCC", "population", 2024, 8000),
        ("AAA", "population", 2025, 1000), ("BBB", "population", 2025, 1000), ("CCC", "population", 2025, 8000),
        ("AAA", "under5_deaths", 2024, 100), ("BBB", "under5_deaths", 2024, 50), ("CCC", "under5_deaths", 2024, 10),
        ("AAA", "under5_deaths", 2023, 120),
        ("AAA", "neonatal_deaths", 2024, 40), ("BBB", "neonatal_deaths", 2024, 20),
        ("AAA", "zero_dose_children", 2024, 7),
        # displaced: refugee children in 2024 and 2025; IDP children only in AAA, only in 2024
        ("AAA", "refugee_children_hosted", 2025, 300), ("BBB", "refugee_children_hosted", 2025, 200),
        ("AAA", "refugee_children_hosted", 2024, 250), ("AAA", "idp_children", 2024, 900)]


def test_lead_numbers_sum_the_countries_reporting_whatever_their_share(tiny_store):
    lead = api.lead_numbers(["AAA", "BBB", "CCC"]).set_index("indicator")
    assert lead.loc["under5_deaths", ["year", "value", "n_countries", "n_members"]].tolist() == [2024, 160, 3, 3]
    assert lead.loc["neonatal_deaths", ["value", "n_countries"]].tolist() == [60, 2]
    # AAA holds 10% of the population: a rate would not be shown, a count is, with "1 of 3 reporting"
    assert lead.loc["zero_dose_children", ["value", "n_countries"]].tolist() == [7, 1]
    # children displaced: the refugee part sets the year (2025); no IDP child is reported in 2025
    assert lead.loc["refugee_children_hosted", ["year", "value", "n_countries"]].tolist() == [2025, 500, 2]
    assert lead.loc["idp_children", "year"] == 2025 and math.isnan(lead.loc["idp_children", "value"])
    assert lead.loc["idp_children", "n_countries"] == 0


# Published world figures: (indicator, year, value, publication, tolerance, why a wider one).
PUBLISHED = [
    ("under5_deaths", 2024, 4.9e6, "UN IGME, Levels and trends in child mortality, report 2025", 0.05, ""),
    ("neonatal_deaths", 2024, 2.3e6, "UN IGME, Levels and trends in child mortality, report 2025", 0.05, ""),
    ("zero_dose_children", 2024, 14.3e6, "WHO/UNICEF WUENIC 2024 release (July 2025)", 0.05, ""),
    # The MMEIG's 260,000 rests on its own births (WPP 2024); crude birth rate x population gives a
    # births-weighted world MMR of 186 against its 197: the same 5.7% (derived.meta.yml says so).
    ("maternal_deaths", 2023, 260_000, "UN MMEIG, Trends in maternal mortality 2000 to 2023 (2025)", 0.07,
     "births estimated as crude birth rate x population, not the MMEIG's own"),
]


@pytest.mark.parametrize(("indicator_id", "year", "published", "publication", "tolerance", "why"), PUBLISHED)
def test_world_totals_agree_with_the_producers(indicator_id, year, published, publication, tolerance, why):
    world = api.aggregate(indicator_id, "world", start=year, end=year).iloc[0]
    assert world["value"] == pytest.approx(published, rel=tolerance), (publication, why)
    assert world["n_countries"] >= 190


def test_overview_leads_with_the_counts_for_world_and_a_region():
    for params, spec in (({"grouping": "world"}, "world"), ({"region": "WCAR"}, "unicef_region:WCAR")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception
        lead = api.lead_numbers(spec)
        expected = [formatting.number(rows["value"].sum(min_count=1), "count")
                    for _, rows in lead.groupby("lead", sort=False)]
        assert [m.value for m in at.metric][:len(expected)] == expected
        assert at.metric[0].label.startswith("2024 · derived")
        captions = " ".join(c.value for c in at.caption)
        assert "derived: rate × live births" in captions
        under5 = lead.set_index("indicator").loc["under5_deaths"]
        assert f"{under5['n_countries']} of {under5['n_members']} countries reporting" in captions
