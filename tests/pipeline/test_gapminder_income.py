"""The gapminder_income step on a small fake folder (projections cut, income relative to the world), then
on the real sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.core import PipelineError
from pipeline.steps import gapminder_income
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context, write_ddf, write_gapminder_entities


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    folder = root / "gapminder_income"
    write_ddf(folder, "gdppercapita_us_inflation_adjusted", [("aaa", 1960, 100.0), ("aaa", 2024, 400.0)], entity="geo")
    # 1959 is before the constant-price series, 2025-2026 are Gapminder's projections: all dropped
    write_ddf(folder, "gdp_pcap", [("aaa", 1959, 90.0), ("aaa", 1960, 500.0), ("aaa", 2024, 2000.0),
                                   ("aaa", 2025, 2100.0), ("gbm", 2024, 40000.0)])
    write_ddf(folder, "gdp_pcap", [("world", 1960, 2500.0), ("world", 2024, 20000.0), ("world", 2026, 21000.0)],
              entity="global")
    for name, concept in (("systema_globalis_concept.csv", "gdppercapita_us_inflation_adjusted"),
                          ("fasttrack_concept.csv", "gdp_pcap")):
        pd.DataFrame({"concept": [concept], "description": [f"About {concept}."]}).to_csv(folder / name, index=False)
    write_gapminder_entities(root)
    return root


def test_projections_are_cut_and_income_is_relative_to_the_world(sources: Path) -> None:
    obs = gapminder_income.run(context(sources, "AAA", "IMN")).observations
    ppp = obs[obs["indicator"] == "gdp_per_capita_ppp_long"]
    assert sorted(zip(ppp["iso3"], ppp["year"], ppp["value"])) == [("AAA", 1960, 500.0), ("AAA", 2024, 2000.0),
                                                                   ("IMN", 2024, 40000.0)]
    relative = obs[obs["indicator"] == "income_relative_world"]
    # 500 / 2500 = 0.2 (1960); 2000 / 20000 = 0.1 and 40000 / 20000 = 2 (2024)
    assert sorted(zip(relative["iso3"], relative["year"], relative["value"])) == [
        ("AAA", 1960, 0.2), ("AAA", 2024, 0.1), ("IMN", 2024, 2.0)]
    assert set(relative["kind"]) == {"derived"}


def test_a_missing_world_series_is_refused(sources: Path) -> None:
    write_ddf(sources / "gapminder_income", "gdp_pcap", [("world", 1900, 1.0)], entity="global")
    with pytest.raises(PipelineError, match="world-income"):
        gapminder_income.run(context(sources, "AAA", "IMN"))


@requires_sources
def test_real_sources_stop_at_the_last_observed_year() -> None:
    from pipeline.steps import classifications

    countries = classifications.run(context(SOURCES)).tables["countries"]
    obs = gapminder_income.run(context(SOURCES, *countries["iso3"])).observations
    assert obs["year"].max() == 2024 and obs["year"].min() == 1960
    afg = obs[(obs["indicator"] == "income_relative_world") & (obs["iso3"] == "AFG")].set_index("year")["value"]
    assert 0.05 < afg[2024] < 0.2  # Afghanistan: about a tenth of the world's GDP per capita (PPP)
