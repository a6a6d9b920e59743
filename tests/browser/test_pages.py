"""Every page in real Chromium: charts drawn (the map's country shapes too), nothing fetched from outside."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_charts, wait_until_idle

PAGES = [
    # (url path, charts expected at least, has a map)
    ("", 0, False),
    ("survival", 3, True),
    ("early_childhood", 3, True),
    ("environment", 3, True),
    ("humanitarian", 3, True),
    ("country_profile?country=KEN", 1, False),
    ("progress", 3, True),
    ("peers?country=NGA", 1, False),
    ("data_sources", 0, False),
]


@pytest.mark.parametrize("path, charts, has_map", PAGES)
def test_page_draws_its_charts_offline(server, recorded, path, charts, has_map):
    page = recorded().page
    page.goto(f"{server}/{path}")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    if charts:
        wait_for_charts(page, charts)
    wait_until_idle(page)
    assert not page.locator("[data-testid='stException']").count(), page.locator("[data-testid='stException']").first.inner_text()
    if has_map:
        # the map draws its shapes after its SVG frame, once the browser has the geometry file
        page.wait_for_function("() => document.querySelectorAll("
                               "\"[data-testid='stPlotlyChart'] path.choroplethlocation\").length >= 7",
                               timeout=60_000)
    screenshot(page, f"page-{path.split('?')[0] or 'overview'}")
