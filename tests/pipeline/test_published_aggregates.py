"""The producers' own group figures: the wdi, jme_modelled and jmp_national steps on small fake folders,
the table's rules, and the real files' world figures.

A fake WDI file mixes two countries with the World Bank's WLD, SSF, SSA ("excluding high income"),
LIC and IDA rows: WLD, SSF and LIC must become published rows of world, wb_region and income_group,
SSA and IDA (no grouping of ours) must not, and no aggregate may become an observation.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import aggregates, validate
from pipeline.core import PipelineError, load_meta
from pipeline.steps import jme_modelled, jmp_national, wdi
from tests.conftest import SOURCES, requires_sources
from tests.pipeline.ddf_fixtures import context, write_ddf, write_wdi

WDI_META = load_meta("wdi")
MIXED = [("AAA", 2020, 10.0), ("BBB", 2020, 30.0), ("WLD", 2020, 20.0), ("SSF", 2020, 25.0),
         ("SSA", 2020, 26.0), ("LIC", 2020, 28.0), ("IDA", 2020, 27.0)]


@pytest.fixture
def wdi_sources(tmp_path: Path) -> Path:
    for spec in WDI_META["indicators"].values():
        for code in (spec.get("codes_by_sex") or {"total": spec["code"]}).values():
            write_wdi(tmp_path, code, MIXED)
    for spec in WDI_META["published_only"].values():
        write_wdi(tmp_path, spec["code"], MIXED)
    return tmp_path


def test_wdi_keeps_the_banks_aggregates_of_our_groups_only(wdi_sources: Path) -> None:
    output = wdi.run(context(wdi_sources, "AAA", "BBB"))
    assert set(output.observations["iso3"]) == {"AAA", "BBB"}
    u5mr = output.published[output.published["indicator"] == "u5mr"].set_index("source_code")
    assert set(u5mr.index) == {"WLD", "SSF", "LIC"}  # not SSA (excluding high income), not IDA
    assert tuple(u5mr.loc["SSF", ["grouping", "group_code", "value"]]) == ("wb_region", "SSF", 25.0)
    assert tuple(u5mr.loc["LIC", ["grouping", "group_code"]]) == ("income_group", "LIC")
    assert u5mr.loc["WLD", "producer"] == "UN IGME / World Bank" and u5mr.loc["WLD", "source"] == "wdi"


def test_wdi_skips_regions_whose_producer_uses_another_composition(wdi_sources: Path) -> None:
    published = wdi.run(context(wdi_sources, "AAA", "BBB")).published
    assert set(published.loc[published["indicator"] == "mmr", "grouping"]) == {"world", "income_group"}
    # DTP3 comes from WUENIC's release in gapminder_fasttrack; only its aggregates are read from WDI.
    assert set(published.loc[published["indicator"] == "dtp3", "producer"]) == {"WHO/UNICEF WUENIC / World Bank"}
    assert "out_of_school_primary" not in set(published["indicator"])  # summed by sex: no single aggregate


@pytest.mark.parametrize("step, name", [(jme_modelled, "jme_modelled"), (jmp_national, "jmp_national")])
def test_economy_files_split_into_countries_and_published_rows(tmp_path: Path, step, name: str) -> None:
    meta = load_meta(name)
    for spec in meta["indicators"].values():
        write_ddf(tmp_path / name, spec["code"], [("wld", 2020, 22.0), ("ssf", 2020, 31.5), ("ida", 2020, 30.0),
                                                   ("aaa", 2020, 100.0000034), ("zzz", 2020, 5.0)],
                  entity="economy", time="year")
    output = step.run(context(tmp_path, "AAA"))
    assert set(output.observations["iso3"]) == {"AAA"}
    assert set(output.observations["kind"]) == {"modelled"}
    assert set(zip(output.published["grouping"], output.published["group_code"])) == {("world", "WLD"),
                                                                                       ("wb_region", "SSF")}
    assert set(output.published["indicator"]) == set(meta["indicators"]) == set(output.indicators)
    assert set(output.published["producer"]) == {step.PRODUCER}
    if name == "jmp_national":  # rounding noise over 100 is capped where the meta says so
        water = output.observations[output.observations["indicator"] == "water_safely_managed"]
        assert water["value"].tolist() == [100.0]


def table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([(i, g, c, y, v, "P", "s", c, "modelled") for i, g, c, y, v in rows],
                        columns=aggregates.PUBLISHED_COLUMNS)


CATALOGUE = pd.DataFrame({"id": ["u5mr"], "unit_kind": ["per_1000"]})
GROUPS = pd.DataFrame({"grouping": ["world"], "group_code": ["WLD"]})


@pytest.mark.parametrize("rows, message", [
    ([("u5mr", "world", "WLD", 2020, 1200.0)], "per_1000 values must lie in"),
    ([("u5mr", "world", "WLD", 2020, 37.0), ("u5mr", "world", "WLD", 2020, 38.0)], "more than one value"),
    ([("nope", "world", "WLD", 2020, 1.0)], "indicators missing from the catalogue"),
    ([("u5mr", "wb_region", "XXX", 2020, 1.0)], "groups missing from country_groups.csv"),
])
def test_the_table_is_refused_when_it_breaks_a_rule(rows, message) -> None:
    with pytest.raises(PipelineError, match=message):
        aggregates.check(table(rows), CATALOGUE, GROUPS, validate.UNIT_RANGES)
    aggregates.check(table([("u5mr", "world", "WLD", 2020, 37.0)]), CATALOGUE, GROUPS, validate.UNIT_RANGES)


@requires_sources
def test_the_real_files_give_the_producers_world_figures() -> None:
    known = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "countries.csv")["iso3"]
    ctx = context(SOURCES, *known)
    jme = jme_modelled.run(ctx).published.set_index(["indicator", "group_code", "year"])["value"]
    assert jme[("stunting_modelled", "WLD", 2020)] == pytest.approx(22.0, abs=0.05)  # JME: 22.0% in 2020
    jmp = jmp_national.run(ctx).published.set_index(["indicator", "group_code", "year"])["value"]
    assert jmp[("hygiene_basic", "WLD", 2022)] == pytest.approx(72.16, abs=0.01)
    assert jmp[("water_safely_managed", "WLD", 2020)] == pytest.approx(74.27, abs=0.01)
