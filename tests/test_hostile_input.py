"""Hostile links never break a page: arbitrary query parameters on every page, driven by hypothesis.

Every generated value is one no page can use (unknown codes, wrong types, years out of range, script
tags, SQL fragments, very long or repeated values), so each run must show the notice, keep the
defaults and raise nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from childsdg import formatting
from childsdg.views import filters, page_registry
from tests.conftest import ROOT

PAGES = [page_registry.file(path) for path in ("", "survival", "early_childhood", "environment", "humanitarian",
                                                 "country_profile", "data_sources")]
HOSTILE_TEXT = ["<script>alert(1)</script>", "![x](http://example.org/x.png)", "[a](javascript:alert(1))", "'; DROP TABLE observations; --", "1 OR 1=1", "$indicator",
                "../../etc/passwd", "\u202e\u0000", "NaN", "-1", "99999999999999999999", "2015.5", " ", "KEN'--",
                "%27%20OR%201=1", "{{7*7}}", "🧒" * 30]
hostile_value = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=101, max_size=3000),
    st.integers(min_value=2101, max_value=10**30).map(str),
    st.integers(max_value=1949).map(str),
)
parameters = st.dictionaries(
    keys=st.one_of(st.sampled_from(sorted(filters.APP_PARAMS - {"q"})),
                   st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)),
    values=st.lists(hostile_value, min_size=1, max_size=4),
    min_size=1, max_size=6,
).filter(lambda params: not any(key == "q" for key in params))


def open_page(page: str, params: dict[str, list[str]]) -> AppTest:
    """The page opened from a link carrying ``params`` (the overview is the app's root URL)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page != page_registry.file(""):
        at.run()
        at.switch_page(page)
    for key, values in params.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    return at.run()


def defaults_of(page: str) -> tuple[list[str], list[str]]:
    at = open_page(page, {})
    return [t.value for t in at.title], [m.label for m in at.metric]


# The parameters each page reads; other parameters of the app are dropped quietly (they come from
# another page when the reader switches pages), anything else is named in the notice.
PAGE_PARAMS = {
    # lang: read by app.py, which AppTest runs for the Overview only (switch_page runs a page's script alone)
    page_registry.file(""): {"grouping", "region", "country", "lang"},
    page_registry.file("country_profile"): {"country"},
    page_registry.file("data_sources"): {"q", "theme"},
}
# (sex and residence are read only for indicators that have those breakdowns, so they may be dropped quietly)
THEME_PARAMS = {"grouping", "region", "indicator", "year", "years", "countries", "country"}
BREAKDOWN_PARAMS = {"sex", "residence"}  # named in the notice when the page's indicator has the breakdown
DEFAULTS: dict[str, tuple[list[str], list[str]]] = {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=parameters, page=st.sampled_from(PAGES))
def test_hostile_links_show_a_notice_and_the_defaults(params, page):
    at = open_page(page, params)
    assert not at.exception, [e.value for e in at.exception]
    if page not in DEFAULTS:
        DEFAULTS[page] = defaults_of(page)
    titles, metric_labels = DEFAULTS[page]
    assert [t.value for t in at.title] == titles
    assert [m.label for m in at.metric] == metric_labels
    notice = " ".join(w.value for w in at.warning)
    reads = PAGE_PARAMS.get(page, THEME_PARAMS)
    flagged = [key for key in params if key in reads or key not in filters.APP_PARAMS]
    for key in flagged:
        assert f"{formatting.plain(key)}=" in notice, (key, notice)
    if not flagged and not set(params) & BREAKDOWN_PARAMS:
        assert "were ignored" not in notice
    assert not re.search(r"(?<!\\)(<|\]\()", notice), f"link values must not become markup: {notice}"


def test_no_sql_is_built_from_strings():
    """SQL lives in queries/*.sql with $parameters; Python only names a query and passes values."""
    python = list((ROOT / "childsdg").rglob("*.py")) + list((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
    literal_sql = re.compile(r"\.(execute|sql)\(\s*f?[\"']")
    formatted_sql = re.compile(r"f[\"'][^\"']*\b(SELECT|INSERT|UPDATE|DELETE|CREATE|WHERE)\b")
    named_query = re.compile(r"\bquery\(\s*(f?)[\"']([^\"']*)[\"']")
    for path in python:
        text = path.read_text()
        assert not formatted_sql.search(text), f"{path.name} builds SQL in an f-string"
        assert not literal_sql.search(text), f"{path.name} runs SQL text directly"
        for prefix, name in named_query.findall(text):
            assert not prefix and (ROOT / "queries" / f"{name}.sql").is_file(), f"{path.name}: query {name!r}"
    assert "execute(sql(name), params)" in (ROOT / "childsdg" / "data" / "db.py").read_text()
    for query in (ROOT / "queries").glob("*.sql"):
        text = query.read_text()
        assert "{" not in text and "%s" not in text, f"{query.name} has a template placeholder"


def test_no_unsafe_html_anywhere():
    for path in list((ROOT / "childsdg").rglob("*.py")) + list((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]:
        assert "unsafe_allow_html" not in Path(path).read_text(), path.name
