"""The theme pages' own sections, run through app.py with AppTest, against numbers worked out independently.

Each test opens a page with the default filters or with a link's filters (region, year, countries),
finds a section's chart by its key, and compares what the chart carries (its rows' ISO3 codes, kept
as trace ids, and its values) with the same numbers asked of the store another way: the public API
(``api.series``/``api.latest``/``api.aggregate``) or the raw Parquet file read with pandas, and the
target lines with the catalogue.
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from childsdg import api, formatting
from childsdg.data import catalogue
from childsdg.views import filters, page_registry, theme_specific_sections
from tests.conftest import DATA, ROOT

LINK = {"region": "WCAR", "year": "2020", "countries": ["NGA", "GHA"]}
WCAR = "unicef_region:WCAR"


# Running pages and reading their charts -------------------------------------------------------------

def run_page(page: str, clean: bool = True, **params) -> AppTest:
    """The page opened with ``params``; with ``clean``, every parameter must have been understood."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page_registry.file(page))
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if clean:
        assert not at.warning, [w.value for w in at.warning]  # every parameter of the link was understood
    return at


def decoded(values) -> list:
    """A plotly array as a list: plotly >= 6 sends numbers as {"dtype", "bdata"} (base64)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


def chart(at: AppTest, key: str) -> dict:
    """The plotly spec of the chart with this key (its element id ends with '-key')."""
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, f"no chart {key!r}; charts: {[c.proto.id for c in at.get('plotly_chart')]}"
    return json.loads(found[0].proto.spec)


def chart_keys(at: AppTest) -> list[str]:
    return [c.proto.id.split("-", 2)[-1] for c in at.get("plotly_chart")]


def trace(spec: dict, name: str, **match) -> dict:
    found = [t for t in spec["data"] if t.get("name") == name and all(t.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"{len(found)} traces named {name!r}"
    return found[0]


def by_id(data: dict, field: str = "x") -> dict:
    """{trace id: value} of one trace (NaN where the value is missing)."""
    return {i: (float("nan") if v is None else float(v)) for i, v in zip(data["ids"], decoded(data[field]))}


def vlines(spec: dict) -> list[float]:
    return sorted(s["x0"] for s in spec["layout"].get("shapes", []) if s["x0"] == s["x1"])


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def close(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9, abs=1e-9)


def default_view(theme: str) -> tuple[str, int]:
    """The group and year a theme page opens on: the first UNICEF region, the headline's latest year."""
    group = next(iter(catalogue.group_names(filters.DEFAULT_GROUPING)))
    indicator = catalogue.HEADLINE_INDICATORS[theme]
    year = int(api.coverage().set_index("id").loc[indicator, "latest_year"])
    return f"{filters.DEFAULT_GROUPING}:{group}", year


# Survival: both SDG 3.2 targets ---------------------------------------------------------------------

@pytest.mark.parametrize("params", [{}, LINK], ids=["default", "WCAR-2020-NGA-GHA"])
def test_survival_shows_both_sdg32_targets_once_at_the_catalogues_values(params):
    at = run_page("survival", **params)
    group_spec, _ = default_view("survival") if not params else (WCAR, int(params["year"]))
    group_name = catalogue.group_names("unicef_region")[group_spec.split(":")[1]]
    start, end = filters.TREND_START, filters.store_years()[1]
    chosen = params.get("indicator", catalogue.HEADLINE_INDICATORS["survival"])
    drawn = [indicator for indicator in theme_specific_sections.SDG32_INDICATORS if indicator != chosen]
    above = [s["y0"] for s in chart(at, "trend")["layout"]["shapes"] if s["y0"] == s["y1"]]
    assert above == [catalogue.indicator(chosen)["target_2030"]], "the chosen one's target is in the trend above"
    for indicator in drawn:  # the chosen one is not drawn twice
        spec = chart(at, f"sdg32-{indicator}")
        target = catalogue.indicator(indicator)["target_2030"]
        lines = [s["y0"] for s in spec["layout"]["shapes"] if s["y0"] == s["y1"]]
        assert lines == [target], f"{indicator}: target lines at {lines}, catalogue says {target}"
        group = api.aggregate(indicator, group_spec, start, end).dropna(subset=["value"])
        shown = trace(spec, f"{group_name} (weighted)")
        assert decoded(shown["x"]) == group["year"].tolist()
        assert decoded(shown["y"]) == pytest.approx(group["value"].tolist())
        names = catalogue.country_names()
        for iso3 in params.get("countries", []):
            series = api.series(indicator, [iso3], start, end)
            line = trace(spec, names[iso3])
            assert decoded(line["x"]) == series["year"].tolist()
            assert decoded(line["y"]) == pytest.approx(series["value"].tolist())
    assert len(at.get("plotly_chart")) == 3 + len(drawn)


def test_survival_says_how_many_countries_meet_each_target():
    at = run_page("survival", **LINK)
    members = catalogue.group_members(WCAR)
    for indicator in theme_specific_sections.SDG32_INDICATORS:
        latest = api.latest(indicator, members, as_of=2020)
        met = int((latest["value"] <= catalogue.indicator(indicator)["target_2030"]).sum())
        assert f"Up to 2020, {met} of the {len(latest)} countries of West and Central Africa" in captions(at)


# Gaps: girls and boys, urban and rural -------------------------------------------------------------

def independent_pairs(indicator: str, iso3s: list[str], as_of: int, by: str) -> pd.DataFrame:
    """Each country's latest year with both categories, from api.series of each category separately."""
    first, second = catalogue.BREAKDOWNS[by]
    frames = [api.series(indicator, iso3s, end=as_of, **{by: c})[["iso3", "year", "value"]].rename(
        columns={"value": c}) for c in (first, second)]
    both = frames[0].merge(frames[1], on=["iso3", "year"]).sort_values("year").groupby("iso3").tail(1)
    return both.assign(gap=both[first] - both[second]).set_index("iso3")


def independent_group_values(indicator: str, group_spec: str, year: int, by: str) -> tuple[float, float] | None:
    """The group's weighted value of each category in the latest year (up to ``year``) that has both."""
    first, second = catalogue.BREAKDOWNS[by]
    values = {c: api.aggregate(indicator, group_spec, year - api.GROUP_LOOKBACK, year, **{by: c})
              .dropna(subset=["value"]).set_index("year")["value"] for c in (first, second)}
    common = sorted(set(values[first].index) & set(values[second].index))
    return (values[first][common[-1]], values[second][common[-1]]) if common else None


def theme_indicators_split_by(theme: str, by: str) -> set[str]:
    first, second = catalogue.BREAKDOWNS[by]
    return {i for i in api.indicators(theme)["id"] if {first, second} <= set(api.breakdowns(i)[by])}


def check_gap_chart(at: AppTest, indicator: str, by: str, group_spec: str, year: int, selected: list[str]) -> None:
    first, second = catalogue.BREAKDOWNS[by]
    spec = chart(at, f"gap-{by}-{indicator}")
    dots = {c: trace(spec, theme_specific_sections.CATEGORY_STYLE[c][0].capitalize()) for c in (first, second)}
    shown = {c: by_id(dots[c]) for c in (first, second)}
    expected = independent_pairs(indicator, catalogue.group_members(group_spec), year, by)
    assert dots[first]["ids"] == dots[second]["ids"]
    for iso3 in dots[first]["ids"]:
        assert shown[first][iso3] == pytest.approx(expected.loc[iso3, first])
        assert shown[second][iso3] == pytest.approx(expected.loc[iso3, second])
    # the largest gaps, largest first; the reader's countries (with data) are added
    ids = dots[first]["ids"]
    extra = [i for i in ids[theme_specific_sections.MAX_ROWS:]]
    assert set(extra) <= set(selected)
    assert set(selected) & set(expected.index) <= set(ids)
    labels = dict(zip(ids, dots[first]["y"]))
    assert all(labels[i].startswith("<b>") == (i in selected) for i in ids), "the reader's countries are in bold"
    top = expected["gap"].abs().loc[ids[:theme_specific_sections.MAX_ROWS]]
    assert list(top) == sorted(top, reverse=True)
    left_out = expected["gap"].abs().drop(index=ids)
    assert left_out.empty or left_out.max() <= top.min()
    group = independent_group_values(indicator, group_spec, year, by)
    assert vlines(spec) == (pytest.approx(sorted(group)) if group else [])


@pytest.mark.parametrize("params", [{}, LINK], ids=["default", "WCAR-2020-NGA-GHA"])
def test_early_childhood_compares_girls_and_boys_where_the_data_splits_by_sex(params):
    at = run_page("early_childhood", **params)
    group_spec, year = default_view("early_childhood") if not params else (WCAR, int(params["year"]))
    split = theme_indicators_split_by("early_childhood", "sex")
    assert {"participation_pre_primary", "ecd_on_track"} <= split
    assert {k.removeprefix("gap-sex-") for k in chart_keys(at) if k.startswith("gap-sex-")} == split
    for indicator in split:
        check_gap_chart(at, indicator, "sex", group_spec, year, params.get("countries", []))


@pytest.mark.parametrize("params", [{}, {"grouping": "income_group", "region": "LIC", "year": "2015"}],
                         ids=["default", "LIC-2015"])
def test_environment_compares_urban_and_rural_water_and_sanitation(params):
    at = run_page("environment", **params)
    group_spec, year = (default_view("environment") if not params
                        else (f"income_group:{params['region']}", int(params["year"])))
    split = theme_indicators_split_by("environment", "residence")
    assert split == {"water_basic", "sanitation_basic"}
    for indicator in split:
        check_gap_chart(at, indicator, "residence", group_spec, year, [])
    assert "data year where it is not" in captions(at)


def test_a_year_before_the_data_shows_no_data_notices_instead_of_charts():
    at = run_page("early_childhood", year="1990")
    assert not [k for k in chart_keys(at) if k.startswith("gap-sex-")]
    notices = [i.value for i in at.info]
    for indicator in theme_indicators_split_by("early_childhood", "sex"):
        assert any(catalogue.indicator(indicator)["short_name"] in n and "up to 1990" in n for n in notices), notices


# Environment: climate hazards -----------------------------------------------------------------------

@pytest.mark.parametrize("params", [{}, {"region": "WCAR"}], ids=["default", "WCAR"])
def test_hazard_bars_sum_the_groups_children_exposed(params):
    at = run_page("environment", **params)
    group_spec = default_view("environment")[0] if not params else WCAR
    members = catalogue.group_members(group_spec)
    spec = chart(at, "hazards")
    bars = spec["data"][0]
    exposed = by_id(bars)
    hazards = [i for i in api.indicators("environment")["id"]
               if i.startswith("children_exposed_") and catalogue.indicator(i)["unit_kind"] == "count"
               and "plus_hazards" not in i]
    assert set(exposed) == set(hazards)
    children = api.latest("child_population", members)
    for hazard, label, text in zip(bars["ids"], bars["y"], bars["text"]):
        latest = api.latest(hazard, members)
        assert exposed[hazard] == pytest.approx(latest["value"].sum())
        assert label == f"{catalogue.indicator(hazard)['short_name'].split(': ', 1)[-1]} ({latest['data_year'].max()})"
        share = 100 * latest["value"].sum() / children.loc[children["iso3"].isin(latest["iso3"]), "value"].sum()
        # the CCRI's own shares, weighted by children under 18, give the same group share
        weighted = api.aggregate(f"{hazard}_pct", group_spec).dropna(subset=["value"])["value"].iloc[-1]
        assert share == pytest.approx(weighted, rel=1e-6)
        assert text.endswith(f"({share:.1f}%)")
    sizes = decoded(bars["x"])
    assert sizes == sorted(sizes, reverse=True)


# Humanitarian ---------------------------------------------------------------------------------------

def value_in(indicator: str, iso3s: list[str], year: int) -> pd.Series:
    return api.series(indicator, iso3s, year, year).set_index("iso3")["value"]


@pytest.mark.parametrize("params", [{}, {"region": "WCAR", "year": "2020", "countries": ["NGA"]}],
                         ids=["default", "WCAR-2020-NGA"])
def test_refugees_by_origin_and_asylum_with_the_children_among_them(params):
    at = run_page("humanitarian", **params)
    group_spec, year = default_view("humanitarian") if not params else (WCAR, int(params["year"]))
    members = catalogue.group_members(group_spec)
    spec = chart(at, "displacement-countries")
    ids = spec["data"][0]["ids"]
    for side, axis in (("by_origin", "x"), ("hosted", "x2")):
        refugees = value_in(f"refugees_{side}", members, year)
        children = value_in(f"refugee_children_{side}", members, year)
        known = value_in(f"refugees_age_known_share_{side}", members, year)
        parts = {t["name"]: by_id(t) for t in spec["data"] if t["type"] == "bar" and t["xaxis"] == axis}
        for iso3 in ids:
            kids, adults, unknown = (parts[n].get(iso3) for n in ("Children under 18 (estimated)",
                                                                   "Adults (estimated)", "No age known"))
            total = refugees.get(iso3, 0.0)
            if iso3 in children.index:
                assert kids == pytest.approx(children[iso3]) and kids + adults == pytest.approx(total)
                assert math.isnan(unknown)
            else:
                assert math.isnan(kids) and unknown == pytest.approx(total)
        dots = by_id(next(t for t in spec["data"] if t["type"] == "scatter" and t["name"].endswith(
            "fled from" if side == "by_origin" else "hosted")))
        assert all(close(dots[i], known.get(i, float("nan"))) for i in ids)
    largest = (pd.concat([value_in("refugees_by_origin", members, year), value_in("refugees_hosted", members, year)],
                         axis=1).max(axis=1).sort_values(ascending=False))
    assert set(largest.index[:theme_specific_sections.MAX_ROWS]) <= set(ids)
    assert set(params.get("countries", [])) <= set(ids)
    text = captions(at)
    assert "known-age method" in text and "Age known" in spec["layout"]["annotations"][2]["text"]
    (origin_total,) = [m.value for m in at.metric if m.label.startswith("Refugees from")]
    assert origin_total == formatting.number(value_in("refugees_by_origin", members, year).sum(), "count")


@pytest.mark.parametrize("params", [{}, {"region": "WCAR", "year": "2020"}], ids=["default", "WCAR-2020"])
def test_largest_movements_are_the_top_pairs_of_the_unhcr_table(params):
    at = run_page("humanitarian", **params)
    group_spec, year = default_view("humanitarian") if not params else (WCAR, int(params["year"]))
    members = set(catalogue.group_members(group_spec))
    pairs = pd.read_parquet(DATA / "displacement_pairs.parquet")
    pairs = pairs[(pairs["year"] == year) & (pairs["origin_iso3"].isin(members) | pairs["asylum_iso3"].isin(members))]
    pairs = pairs.assign(total=pairs["refugees"] + pairs["oip"], id=pairs["origin_iso3"] + "-" + pairs["asylum_iso3"])
    top = (pairs[pairs["total"] > 0].sort_values(["total", "origin_iso3", "asylum_iso3"], ascending=[False, True, True])
           .head(theme_specific_sections.TOP_MOVEMENTS))
    spec = chart(at, "movements")
    bars = {t["name"]: by_id(t) for t in spec["data"] if t["type"] == "bar"}
    assert spec["data"][0]["ids"] == top["id"].tolist()
    for row in top.itertuples():
        parts = [bars[name][row.id] for name in bars]
        assert np.nansum(parts) == pytest.approx(row.total)
        assert close(bars["Children under 18 (estimated)"][row.id], row.children_0_17)
    assert "Asylum-seekers are not included" in captions(at)


@pytest.mark.parametrize("params", [{}, {"region": "WCAR", "year": "2020", "countries": ["NGA"]}],
                         ids=["default", "WCAR-2020-NGA"])
def test_hosting_per_1000_ranks_the_groups_largest_hosts_of_one_year(params):
    at = run_page("humanitarian", **params)
    group_spec, year = default_view("humanitarian") if not params else (WCAR, int(params["year"]))
    history = api.series("refugees_per_1000", catalogue.group_members(group_spec), end=year)
    latest_year = int(history["year"].max())  # the newest UNHCR year may have no population figures yet
    values = history[history["year"] == latest_year].set_index("iso3")["value"]
    spec = chart(at, "hosting")
    shown = by_id(spec["data"][0])
    largest = values.sort_values(ascending=False).index[:theme_specific_sections.MAX_ROWS]
    assert set(largest) <= set(shown) and set(shown) - set(largest) <= set(params.get("countries", []))
    assert all(shown[i] == pytest.approx(values[i]) for i in shown)
    assert str(latest_year) in spec["layout"]["title"]["text"]
    group = api.aggregate("refugees_per_1000", group_spec, latest_year, latest_year)["value"].dropna()
    assert vlines(spec) == pytest.approx(group.tolist())


def test_movements_before_the_unhcr_pairs_begin_say_so():
    first = int(pd.read_parquet(DATA / "displacement_pairs.parquet", columns=["year"])["year"].min())
    at = run_page("humanitarian", year=str(first - 1))
    assert "movements" not in chart_keys(at)
    assert any("no refugees moving" in i.value for i in at.info)
