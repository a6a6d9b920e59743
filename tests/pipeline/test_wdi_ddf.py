"""The wdi_ddf step on a small fake folder, then on the real sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.core import load_meta
from pipeline.steps import wdi_ddf
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context, write_ddf

META = load_meta("wdi_ddf")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    folder = root / "wdi_ddf"
    write_ddf(folder, META["indicators"]["exclusive_breastfeeding"]["code"],
              [("aaa", 2006, 83.0), ("aaa", 2015, 43.12627), ("gbm", 2010, 34.0), ("zzz", 2010, 20.0)],
              entity="geo")
    write_ddf(folder, META["indicators"]["low_birthweight"]["code"],
              [("aaa", 2012, 15.0), ("aaa", 2013, None), ("afe", 2012, 14.0)], entity="geo")
    fasttrack = root / "gapminder_fasttrack"
    fasttrack.mkdir(parents=True)
    pd.DataFrame({"country": ["aaa", "gbm"], "iso3166_1_alpha3": ["AAA", "IMN"]}
                 ).to_csv(fasttrack / "ddf--entities--geo--country.csv", index=False)
    return root


def test_values_kinds_and_codes(sources: Path) -> None:
    obs = wdi_ddf.run(context(sources, "AAA", "IMN")).observations
    ebf = obs[obs["indicator"] == "exclusive_breastfeeding"].sort_values(["iso3", "year"])
    assert list(zip(ebf["iso3"], ebf["year"], ebf["value"])) == [
        ("AAA", 2006, 83.0), ("AAA", 2015, 43.12627), ("IMN", 2010, 34.0)]
    lbw = obs[obs["indicator"] == "low_birthweight"]
    assert list(zip(lbw["iso3"], lbw["year"], lbw["value"])) == [("AAA", 2012, 15.0)]  # no value, no aggregate
    assert set(ebf["kind"]) == {"survey"} and set(lbw["kind"]) == {"modelled"}
    assert set(obs["sex"]) == {"total"} and set(obs["residence"]) == {"total"}


def test_catalogue_targets(sources: Path) -> None:
    indicators = wdi_ddf.run(context(sources, "AAA")).indicators
    assert indicators["exclusive_breastfeeding"]["target_2030"] == 60
    lbw = indicators["low_birthweight"]
    assert (lbw["target_relative_change"], lbw["target_baseline_year"]) == (-30, 2012)
    assert {spec["weight"] for spec in indicators.values()} == {"births"}


@requires_sources
def test_real_folder() -> None:
    from pipeline.steps import classifications

    ctx = context(SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    obs = wdi_ddf.run(ctx).observations
    by_key = obs.set_index(["indicator", "iso3", "year"])["value"]
    assert by_key["exclusive_breastfeeding", "AFG", 2015] == 43.12627  # Afghanistan, line 3
    assert by_key["low_birthweight", "AGO", 2000] == 17.4268  # Angola, line 2
    assert by_key["exclusive_breastfeeding", "IMN", 2010] == 34.17197  # gbm, line 192
