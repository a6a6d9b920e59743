"""The focal country: chosen once on any page, the same country on every page, in the URL (``?country=NER``).

Pages are switched as the sidebar does it (the query string is dropped), so what follows the reader
is the session's choice, not the link's. The browser twin is tests/browser/test_niger_tasks.py.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from childsdg import api, formatting
from childsdg.data import catalogue
from childsdg.views import filters, page_registry
from tests.conftest import ROOT


def open_app(page: str, **params) -> AppTest:
    """A new session opening ``page`` from a link with ``params`` (the overview is the app's root URL)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page:
        at.run()
        return switch(at, page, **params)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def switch(at: AppTest, page: str, **params) -> AppTest:
    """Open another page as the sidebar does: the link's parameters only, nothing of the previous URL."""
    for key in list(at.query_params):
        del at.query_params[key]
    at.switch_page(page_registry.file(page))
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def selected(at: AppTest, label: str):
    return next(box.value for box in at.selectbox if box.label == label)


def link(at: AppTest, starting: str):
    return next(item.proto for item in at.get("page_link") if item.proto.label.startswith(starting))


def test_niger_picked_on_a_theme_page_is_niger_on_every_page():
    at = open_app("survival", region="WCAR", countries="NER")
    assert at.query_params["country"] == "NER"
    assert any(m.value.startswith("**Niger, ") for m in at.markdown), "the focal value beside the group's"
    switch(at, "country_profile")
    assert at.title[0].value == "Niger" and at.query_params["country"] == "NER"
    switch(at, "peers")
    assert selected(at, "Country") == "NER" and at.query_params["country"] == "NER"
    switch(at, "progress")
    verdict = api.progress("u5mr", ["NER"]).iloc[0]
    assert any(m.value.startswith("**Niger: ") and status_words(verdict["status"]) in m.value for m in at.markdown)
    assert at.query_params["country"] == "NER" and at.query_params["region"] == "WCAR"
    switch(at, "briefing")
    assert selected(at, "Country or group") == "NER" and at.query_params["place"] == "NER"
    switch(at, "")
    assert link(at, "Niger's profile").query_string == "country=NER"
    switch(at, "environment")
    assert at.multiselect[0].value[0] == "NER" and at.query_params["country"] == "NER"
    assert at.query_params["region"] == "WCAR"


def status_words(code: str) -> str:
    from childsdg.analysis import status
    return formatting.plain(status.badge(code))


def test_a_country_chosen_on_the_profile_leads_the_next_comparison_on_its_region():
    at = open_app("survival", countries="NGA")  # East Asia and Pacific, the default region, with Nigeria
    switch(at, "country_profile", country="MLI")
    switch(at, "early_childhood")
    assert at.multiselect[0].value == ["MLI", "NGA"], "the focal country first, the comparison kept"
    assert at.query_params["region"] == "WCAR", "the reader's region did not hold Mali: Mali's region"
    assert at.query_params["country"] == "MLI"


def test_a_page_opened_on_its_default_country_makes_no_country_focal():
    at = open_app("country_profile")
    assert at.title[0].value == catalogue.country_names()[catalogue.default_country()]
    switch(at, "survival")
    assert at.multiselect[0].value == [] and "country" not in at.query_params


def test_emptying_the_comparison_leaves_no_focal_country():
    at = open_app("survival", countries="NER")
    at.multiselect[0].set_value([]).run()
    assert "country" not in at.query_params
    switch(at, "country_profile")
    assert at.title[0].value == catalogue.country_names()[catalogue.default_country()]


@pytest.mark.parametrize("first, expected", [
    ({}, "grouping=unicef_region&region=WCAR"),  # the default region does not hold Niger: Niger's own
    ({"grouping": "income_group", "region": "LIC"}, "grouping=income_group&region=LIC"),  # the reader's holds it
])
def test_compare_with_peers_opens_the_theme_page_on_a_region_that_holds_the_country(first, expected):
    at = open_app("survival", **first)
    switch(at, "peers", country="NER")
    compare = link(at, "Compare Niger with")
    assert compare.page == "survival"
    assert compare.query_string.startswith("indicator=u5mr&countries=NER&")
    assert compare.query_string.endswith(f"&country=NER&{expected}")
    trend = link(at, "Briefing pack for Niger")
    assert "place=NER" in trend.query_string


def test_the_profile_links_keep_the_country_and_its_region():
    at = open_app("country_profile", country="NER")
    theme_link = link(at, "Open Under-5 mortality on the Child survival page")
    assert theme_link.query_string == "indicator=u5mr&countries=NER&country=NER&grouping=unicef_region&region=WCAR"
    assert link(at, "How the status is decided").query_string == "country=NER&grouping=unicef_region&region=WCAR"


@pytest.mark.parametrize("page", ["", "survival", "progress", "country_profile", "peers"])
def test_an_unknown_country_in_the_link_is_named_and_nothing_breaks(page):
    at = open_app(page, country="ZZZ")
    assert any("country=ZZZ" in w.value for w in at.warning)
    assert "country" not in at.query_params or at.query_params["country"] != "ZZZ"


def test_a_focal_country_outside_the_global_south_is_explained_on_peers():
    at = open_app("survival", countries="FRA")
    switch(at, "peers")
    assert any("France is not a Global South country" in i.value for i in at.info)
    switch(at, "country_profile")
    assert at.title[0].value == "France", "visiting Peers did not change the focal country"


def test_the_profile_lists_each_theme_headline_first():
    table = api.profile("NER")
    themes = [theme for theme in dict.fromkeys(table["theme"])]
    assert themes == [theme for theme in catalogue.THEMES if theme in themes]
    for theme, indicator in catalogue.HEADLINE_INDICATORS.items():
        rows = table[table["theme"] == theme]
        if indicator in set(rows["indicator"]):
            assert rows["indicator"].iloc[0] == indicator


@pytest.mark.parametrize("count, noun, expected", [
    (1, "country", "1 country"), (2, "country", "2 countries"), (0, "peer", "0 peers"), (1234, "day", "1,234 days"),
    (1, "slide", "1 slide")])
def test_plural(count, noun, expected):
    assert formatting.plural(count, noun) == expected


def test_the_focal_parameter_is_one_the_app_knows():
    assert filters.FOCAL in filters.APP_PARAMS and filters.FOCAL in filters.SHARED_PARAMS


def test_a_year_the_page_fell_back_to_follows_the_indicator_until_the_reader_moves_it():
    """The map year and trend years of a newly chosen indicator are its own (CCRI data end later than
    water's), unless the reader chose them."""
    at = open_app("environment")
    latest = api.coverage().set_index("id")["latest_year"].astype(int)
    at.selectbox(key="environment.indicator").set_value("ccri_score").run()
    assert at.slider(key="environment.year").value == latest["ccri_score"]
    assert tuple(at.slider(key="environment.years").value) == (filters.TREND_START, latest["ccri_score"])
    at.slider(key="environment.year").set_value(2015).run()
    at.selectbox(key="environment.indicator").set_value("water_basic").run()
    assert at.slider(key="environment.year").value == 2015, "the reader's year stays"
    assert at.query_params["year"] == "2015"
