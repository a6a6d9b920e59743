"""The precomputed group values (data/group_values.parquet) are exactly what api.aggregate and
api.headline compute.

The pipeline computes every group's values once (pipeline/group_values.py) and ``api.aggregate`` looks a
standard group up instead of computing it; a lookup that drifted from the computation would show
figures no query of ours gives. Compared to the last bit, every grouping x group x indicator (totals; each
precomputed breakdown in a quarter of the groups) in one question per group, and each indicator alone in two groups (a question of another shape, whose sums
must come out the same), with the computation forced by hiding the file from the API.
"""

from __future__ import annotations

import pandas as pd
import pytest

from childsdg import api
from childsdg.analysis import published_first
from childsdg.data import catalogue, datastore, db


@pytest.fixture()
def computed(monkeypatch):
    """A function that answers api.aggregate's question by computing it, never by the lookup."""
    def compute(*args, **kwargs) -> pd.DataFrame:
        with monkeypatch.context() as patch:
            patch.setattr(datastore, "holds", lambda name: False)
            return api.aggregate(*args, **kwargs)
    return compute


@pytest.fixture()
def computed_headline(monkeypatch):
    """api.headline with every group figure computed, never looked up."""
    def compute(*args, **kwargs) -> dict:
        with monkeypatch.context() as patch:
            patch.setattr(datastore, "holds", lambda name: False)
            api.clear_cache(queries=False)  # the group's series too, not the one the lookup cached
            return api.headline(*args, **kwargs)
    return compute


def standard_groups() -> list[str]:
    return [catalogue.group_spec(grouping, code) for grouping in catalogue.GROUPINGS
            for code in catalogue.group_names(grouping)]


def test_the_bundled_store_holds_group_values():
    assert datastore.holds(api.GROUP_VALUES_FILE)
    assert db.query("group_values", grouping="unicef_region", group_code="ESAR", indicators=["u5mr"],
                    **api.TOTALS).shape[0] > 20


def test_every_group_and_indicator_looked_up_equals_computed(computed):
    ids = list(catalogue.indicators().index)
    for position, group in enumerate(standard_groups()):
        # totals in every group; each breakdown in every fourth group (all of them took ~50 s)
        for breakdown in [api.TOTALS, api.PRECOMPUTED_BREAKDOWNS[1 + position % (len(api.PRECOMPUTED_BREAKDOWNS) - 1)]]:
            looked_up = api.aggregate(ids, group, **breakdown)
            assert not looked_up.empty or breakdown != api.TOTALS, group
            pd.testing.assert_frame_equal(looked_up, computed(ids, group, **breakdown), check_exact=True,
                                          obj=f"{group} {breakdown}")


def test_one_indicator_alone_equals_its_rows_of_the_lookup(computed):
    """A question of another shape (one indicator, not all of them) sums in the same order."""
    ids, groups = list(catalogue.indicators().index), standard_groups()
    for position, indicator in enumerate(ids):
        for group in (groups[position % len(groups)], groups[(position * 7 + 3) % len(groups)]):
            pd.testing.assert_frame_equal(api.aggregate(indicator, group), computed(indicator, group),
                                          check_exact=True, check_dtype=False, obj=f"{indicator} in {group}")


def test_other_questions_are_computed(monkeypatch):
    """A list of countries, another baseline or threshold, sex and residence together are not in the file:
    computed; one category of a breakdown is."""
    asked = []
    original = db.query
    monkeypatch.setattr(db, "query", lambda name, **params: asked.append(name) or original(name, **params))
    api.aggregate("u5mr", "unicef_region:ESAR")
    api.aggregate("u5mr", "unicef_region")
    api.aggregate("u5mr", ["KEN", "UGA"])
    api.aggregate("u5mr", "world", baseline=2010)
    api.aggregate("u5mr", "world", min_coverage=0.0)
    api.aggregate("u5mr", "world", sex="female", residence="urban")
    api.aggregate("u5mr", "world", sex="female")
    aggregates = [name for name in asked if name in ("group_values", "group_aggregates")]
    assert aggregates == ["group_values"] + ["group_aggregates"] * 5 + ["group_values"]


def test_headline_comparisons_looked_up_equal_computed(computed_headline):
    """Every year of a deterministic sample of indicator x group (each indicator once; the whole cross
    takes minutes): the like-for-like comparison the pipeline found is the one headline searches for."""
    ids, groups = list(catalogue.indicators().index), standard_groups()
    for position, indicator in enumerate(ids[::3]):
        group = groups[(position * 5 + 1) % len(groups)]
        years = api.group_series(indicator, group).query("value.notna()")["year"]
        for year in years[years > api.BASELINE_YEAR]:
            looked_up, searched = api.headline(indicator, group, int(year)), computed_headline(indicator, group, int(year))
            assert looked_up.keys() == searched.keys()
            for key, value in looked_up.items():
                assert value == searched[key] or (pd.isna(value) and pd.isna(searched[key])), (
                    f"{indicator} in {group}, {year}: {key} looked up {value!r}, computed {searched[key]!r}")


def test_a_group_nobody_publishes_is_combined_as_when_others_are_published():
    """``published_first.combine`` skips the merge where nothing is published for the group; its table
    must be the merge's: asked beside another indicator the producer does publish, ours reads the same."""
    ours = api.aggregate(["u5mr", "stunting_modelled"], "unicef_region:WCAR")
    alone = published_first.combine(ours[ours["indicator"] == "u5mr"].reset_index(drop=True),
                                    published_first.values(["u5mr"], "unicef_region:WCAR"))
    other = published_first.values(["stunting_modelled"], "wb_region:SSF")
    assert not other.empty
    merged = published_first.combine(ours, other)
    pd.testing.assert_frame_equal(alone, merged[merged["indicator"] == "u5mr"].reset_index(drop=True),
                                  check_exact=True, check_dtype=False)
