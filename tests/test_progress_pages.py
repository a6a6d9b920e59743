"""The Progress to 2030 and Peers pages, run through app.py with AppTest, checked against the public API.

Each test opens a page with the default filters or a link's filters, reads the table or chart the page
shows, and compares it with the same question asked of ``api`` directly: the statuses of named
countries (``api.progress``), the counts per region (``api.progress_counts``), the peers
(``api.peers``). Bad link parameters must give the page's notice.
"""

from __future__ import annotations

import pandas as pd
import pytest

from childsdg import api, formatting
from childsdg.analysis import status
from childsdg.charts import progress_charts
from childsdg.data import catalogue
from tests.test_theme_sections import chart, decoded, run_page

TABLES = {"progress-table": "Points", "progress-windows": "from 2000", "peers-table": "Rebound?"}


def frame(at, key: str) -> pd.DataFrame:
    """The table a page shows, found by a column only it has (AppTest gives dataframes no key)."""
    found = [d.value for d in at.dataframe if TABLES[key] in d.value.columns]
    assert len(found) == 1, f"no table {key!r}"
    return found[0]


@pytest.mark.parametrize("params, indicator, start, group", [
    ({}, "u5mr", 2015, "unicef_region:EAPR"),
    ({"indicator": "water_basic", "window": "2000", "region": "WCAR"}, "water_basic", 2000, "unicef_region:WCAR"),
])
def test_progress_table_equals_the_api(params, indicator, start, group):
    at = run_page("progress", **params)
    shown = frame(at, "progress-table").set_index("ISO3")
    expected = api.progress(indicator, catalogue.group_members(group), start=start).set_index("iso3")
    assert sorted(shown.index) == sorted(expected.index)
    assert list(shown.loc[expected.index, "Status"]) == status.badges(expected)
    named = expected.index[expected["rate_observed"].notna()][:3]
    assert len(named) == 3
    for iso3 in named:
        assert shown.loc[iso3, "Observed (% a year)"] == pytest.approx(expected.loc[iso3, "rate_observed"])
        assert shown.loc[iso3, "Points"] == expected.loc[iso3, "n_points"]


def test_progress_named_countries_and_counts():
    at = run_page("progress", region="WCAR")
    shown = frame(at, "progress-table").set_index("ISO3")
    for iso3 in ("NGA", "GHA", "SEN"):
        row = api.progress("u5mr", [iso3]).iloc[0]
        assert shown.loc[iso3, "Status"] == status.badge(row["status"], row["grade"])
    counts = api.progress_counts(["u5mr"], grouping="unicef_region")
    spec = chart(at, "progress-counts")
    for style_code, style in status.STYLES.items():
        bars = [t for t in spec["data"] if t["name"] == f"{style.symbol} {style.label}"]
        expected = counts[counts["status"] == style_code].set_index("group_name")["n_countries"]
        if not expected.sum():
            assert not bars
            continue
        (bar,) = bars
        assert dict(zip(bar["y"], decoded(bar["x"]))) == expected.to_dict()


def test_progress_map_and_pace_carry_every_status_in_words():
    at = run_page("progress")
    expected = api.progress("u5mr", catalogue.group_members("unicef_region:EAPR")).set_index("iso3")
    traces = chart(at, "progress-map")["data"]
    for trace in traces:
        code = next(c for c, s in status.STYLES.items() if trace["name"].startswith(f"{s.symbol} {s.label}"))
        assert set(trace["locations"]) == set(expected.index[expected["status"] == code])
    pace = chart(at, "progress-pace")["data"]
    assert {t["marker"]["symbol"] for t in pace} <= {s.marker for s in status.STYLES.values()}
    assert len({t["marker"]["symbol"] for t in pace}) == len(pace)  # one shape per status


def test_window_sensitivity_counts_each_window():
    at = run_page("progress", region="ESAR")
    table = frame(at, "progress-windows")
    members = catalogue.group_members("unicef_region:ESAR")
    for start in (2000, 2010, 2015):
        counts = api.progress("u5mr", members, start=start)["status"].value_counts()
        assert table.loc[status.badge("target_met"), f"from {start}"] == counts.get("target_met", 0)
        assert table.loc[status.badge("acceleration_needed"), f"from {start}"] == counts.get("acceleration_needed", 0)


@pytest.mark.parametrize("params, iso3, indicator, tolerance", [
    ({}, catalogue.default_country(), "u5mr", 0.15),
    ({"country": "NGA", "indicator": "nmr", "tolerance": "0.2"}, "NGA", "nmr", 0.2),
])
def test_peers_table_equals_the_api(params, iso3, indicator, tolerance):
    at = run_page("peers", **params)
    shown = frame(at, "peers-table")
    expected = api.peers(iso3, indicator, tolerance)
    assert len(expected) > 0
    assert list(shown["ISO3"]) == list(expected["iso3"])
    assert list(shown["Rebound?"] == "⚠ rebound") == list(expected["rebound"])
    assert list(shown["Rate achieved (% a year)"]) == pytest.approx(list(expected["rate_achieved"]))
    readings = [line for m in at.markdown if m.value.startswith("- ") for line in m.value.split("\n")]
    assert readings == [f"- {formatting.plain(text)}" for text in expected["reading"]]


def test_peers_briefing_selection_draws_those_peers_and_links_them():
    found = api.peers("NGA", "u5mr")
    picked = list(found["iso3"].iloc[[1, 3]])
    at = run_page("peers", country="NGA", peers=picked)
    lines = [t for t in chart(at, "peers-chart")["data"] if t.get("legendgroup") != progress_charts.TARGET_GROUP]
    drawn = {t["name"].removesuffix(" (rebound)").removesuffix(" (now)") for t in lines}
    names = catalogue.country_names()
    assert drawn == {names["NGA"], *(names[c] for c in picked)}
    assert at.session_state["peers.peers"] == picked
    link = [p for p in at.get("page_link") if "Compare" in p.proto.label][0]
    assert "countries=NGA" in link.proto.page or "countries=NGA" in str(link.proto)


@pytest.mark.parametrize("page, params, named", [
    ("progress", {"indicator": "u5mr_x", "window": "1999"}, ["indicator=u5mr_x", "window=1999"]),
    ("peers", {"country": "ZZZ", "tolerance": "0.9", "peers": "XXX"}, ["country=ZZZ", "tolerance=0.9", "peers=XXX"]),
])
def test_bad_parameters_give_the_notice(page, params, named):
    at = run_page(page, clean=False, **params)
    (warning,) = at.warning
    for text in named:
        assert formatting.plain(text) in warning.value
