"""Every page under AppTest, with default and non-default filters: what is shown equals what the API says."""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from childsdg import api, formatting
from childsdg.data import catalogue
from tests.conftest import ROOT
from tests.test_theme_sections import chart, chart_keys, decoded, run_page

THEMES = ["survival", "early_childhood", "environment", "humanitarian"]


def metric(at, position: int):
    return at.metric[position]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("params", [
    {},
    {"region": "WCAR", "year": "2015", "countries": ["NGA", "GHA"]},
    {"grouping": "income_group", "region": "LIC", "years": ["2005", "2020"]},
])
def test_theme_page_headline_map_and_trend_equal_the_api(theme, params):
    at = run_page(theme, **params)
    indicator = catalogue.HEADLINE_INDICATORS[theme]
    row = catalogue.indicator(indicator)
    grouping = params.get("grouping", "unicef_region")
    group = params.get("region", next(iter(catalogue.group_names(grouping))))
    spec = f"{grouping}:{group}"
    year = int(params.get("year", api.coverage().set_index("id").loc[indicator, "latest_year"]))
    expected = api.headline(indicator, spec, year)

    assert metric(at, 0).value == formatting.number(expected["value"], row["unit_kind"])
    assert metric(at, 0).label.endswith(str(expected["year"]))
    if expected["published"]:  # the producer's figure first, ours beside it
        assert metric(at, 2).label.startswith("Our ")
        assert metric(at, 2).value == formatting.number(expected["own_value"], row["unit_kind"])
        assert any(expected["label"] in c.value for c in at.caption)
    else:  # a count shows how many countries report (it is summed over them); a rate its coverage
        assert metric(at, 2).value == (f"{expected['n_countries']} of {expected['n_members']}"
                                       if row["unit_kind"] == "count" else formatting.share(expected["coverage"]))

    latest = api.latest(indicator, catalogue.group_members(spec), as_of=year).set_index("iso3")
    shown = chart(at, "map")["data"][0]
    values = dict(zip(shown["locations"], decoded(shown["z"])))
    assert set(values) == set(latest.index)
    for iso3, value in values.items():
        assert value == pytest.approx(latest.loc[iso3, "value"])

    trend = chart(at, "trend")["data"]
    names = {t["name"] for t in trend}
    for iso3 in params.get("countries", []):
        assert catalogue.country_names()[iso3] in names
    group_line = next(t for t in trend if t["name"].endswith(("(weighted)", "published)")))
    start, end = (int(y) for y in params.get("years", ["2000", str(year)]))
    aggregate = api.group_series(indicator, spec, start=start).dropna(subset=["value"])
    drawn = dict(zip(decoded(group_line["x"]), decoded(group_line["y"])))
    for row_ in aggregate.itertuples():
        if row_.year in drawn:
            assert drawn[row_.year] == pytest.approx(row_.value)
    assert drawn, "the group's weighted line is drawn"


def test_overview_headlines_equal_the_group_snapshot():
    for params, spec in (({}, "unicef_region:EAPR"), ({"region": "ESAR"}, "unicef_region:ESAR"),
                         ({"grouping": "world"}, "world")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # the overview is the root URL
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        snapshot = api.group_snapshot(spec, list(catalogue.HEADLINE_INDICATORS.values()))
        shown = [m.value for m in at.metric][len(catalogue.LEAD_NUMBERS):][:4]  # after the lead numbers
        expected = [formatting.number(v, u) for v, u in zip(snapshot["value"], snapshot["unit_kind"])]
        assert shown == expected


def test_country_profile_shows_the_countrys_latest_values():
    at = run_page("country_profile", country="NGA")
    assert at.title[0].value == "Nigeria"
    profile = api.profile("NGA").set_index("indicator")
    shown = next(d.value for d in at.dataframe if "Latest" in d.value.columns)
    u5mr = profile.loc["u5mr"]
    assert shown["Indicator"].iloc[0] == u5mr["short_name"], "the theme's headline indicator comes first"
    survival = shown.set_index("Indicator")
    assert survival.loc[u5mr["short_name"], "Latest"] == formatting.compact(u5mr["value"], u5mr["unit_kind"])
    assert survival.loc[u5mr["short_name"], "Unit"] == u5mr["unit"]
    assert survival.loc[u5mr["short_name"], "Year"] == str(int(u5mr["data_year"]))
    region = formatting.compact(u5mr["region_value"], u5mr["unit_kind"])
    assert survival.loc[u5mr["short_name"], "Region"] == region and not math.isnan(u5mr["region_value"])
    groups = {key: catalogue.group_label(spec) for key, spec in api.comparison_groups("NGA").items()}
    assert groups == {"region": "West and Central Africa", "income": "Lower middle income"}
    assert any(f"Region = {groups['region']}, income group = {groups['income']}" in c.value for c in at.caption)


def test_country_profile_builds_only_the_open_tab():
    at = run_page("country_profile", country="NGA")
    assert chart_keys(at) == ["profile-trend-survival"]
    at.session_state["profile-theme"] = catalogue.THEMES["humanitarian"]
    at.run()
    assert chart_keys(at) == ["profile-trend-humanitarian"]
    shown = next(d.value for d in at.dataframe if "Latest" in d.value.columns)
    profile = api.profile("NGA")
    assert set(shown["Indicator"]) == set(profile.loc[profile["theme"] == "humanitarian", "short_name"])


def test_data_sources_search_and_theme_filter():
    at = run_page("data_sources", q="mortality", theme="survival")
    table = at.dataframe[0].value
    # the rates, and the counts derived from them (their source names the rate)
    derived_counts = ["under5_deaths", "neonatal_deaths", "maternal_deaths", "zero_dose_children"]
    assert len(table) and table["id"].isin(["u5mr", "nmr", "imr", "mmr", *derived_counts]).all()
    assert set(table["id"]) == set(api.coverage(search="mortality", theme="survival")["id"])
    expanders = [e.label for e in at.expander]
    assert any("UNHCR" in label for label in expanders) and any("CC0" in label for label in expanders)


@pytest.mark.parametrize("theme", ["survival", "humanitarian"])
def test_the_trend_years_end_by_default_at_the_indicators_latest_year(theme):
    """Not at the store's latest: under-5 mortality ends in 2024, and a trend titled 2000-2025 looked wrong."""
    at = run_page(theme)
    indicator = catalogue.HEADLINE_INDICATORS[theme]
    latest = int(api.coverage().set_index("id").loc[indicator, "latest_year"])
    years = next(s for s in at.slider if s.label == "Years (trends)")
    assert tuple(years.value) == (2000, latest)
