"""Filters travel in the URL: a change redraws the chart and the link, and a copied link restores the view."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_for_charts, wait_until_idle


def choose(page, label: str, option: str) -> None:
    """Pick an option of the Streamlit selectbox whose label is ``label``."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label)
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()


def selected(page, label: str) -> str:
    """The option a selectbox shows."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label)
    return box.inner_text().replace(label, "").strip() or box.locator("input").input_value()


def headline(page) -> str:
    return page.locator("[data-testid='stMetricValue']").first.inner_text()


def trend_legend(page) -> list[str]:
    return page.locator("[data-testid='stPlotlyChart'] .legendtext").all_inner_texts()


def test_filter_change_updates_chart_and_url_and_the_link_restores_it(server, recorded):
    first = recorded().page
    first.goto(f"{server}/survival")
    wait_for_charts(first, 3)
    wait_until_idle(first)
    before = headline(first)

    choose(first, "Region or group", "West and Central Africa")
    first.wait_for_url("**region=WCAR**", timeout=30_000)
    wait_until_idle(first)
    wait_for_charts(first, 3)
    after = headline(first)
    assert after != before, "the headline did not change with the region"

    choose(first, "Indicator", "Neonatal mortality")
    first.wait_for_url("**indicator=nmr**", timeout=30_000)
    wait_until_idle(first)
    link = first.url
    shown = (headline(first), first.locator("h1").first.inner_text())
    screenshot(first, "url-state-changed")

    second = recorded().page  # a fresh browser context: nothing shared but the link
    second.goto(link)
    wait_for_charts(second, 3)
    wait_until_idle(second)
    assert (headline(second), second.locator("h1").first.inner_text()) == shown
    assert selected(second, "Region or group") == "West and Central Africa"
    assert selected(second, "Indicator") == "Neonatal mortality"
    screenshot(second, "url-state-restored")


def test_a_bad_link_shows_a_notice_and_the_defaults(server, recorded):
    page = recorded().page
    page.goto(f"{server}/survival?region=<script>alert(1)</script>&year=99999&countries=ZZZ")
    wait_for_charts(page, 3)
    wait_until_idle(page)
    notice = page.locator("[data-testid='stAlert']").first.inner_text()
    assert "were ignored" in notice and "year=99999" in notice
    assert not page.locator("[data-testid='stException']").count()


def test_the_region_follows_the_reader_to_another_theme(server, recorded):
    page = recorded().page
    page.goto(f"{server}/survival?region=WCAR&countries=NGA")
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stMetricLabel\"]')]"
                           ".some(e => e.innerText.includes('West and Central Africa'))", timeout=60_000)
    wait_until_idle(page)
    page.get_by_role("link", name="Environment & climate").click()
    page.wait_for_url("**/environment**", timeout=30_000)
    wait_for_charts(page, 3)
    wait_until_idle(page)
    assert page.locator("h1").first.inner_text() == "Environment & climate"
    assert "West and Central Africa" in headline_label(page)
    page.wait_for_url("**region=WCAR**", timeout=30_000)


def headline_label(page) -> str:
    return page.locator("[data-testid='stMetricLabel']").first.inner_text()
