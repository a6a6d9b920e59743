"""The five tasks of a Niger briefing in real Chromium, Niger picked once on a theme page and never again.

(1) Niger's value against its region, (2) whether Niger is on track, (3) Niger's peers, (4) a chart as
PNG and its data as CSV, (5) a PowerPoint deck for Niger. Pages are switched through the sidebar and
through in-page links, as a reader does; the focal country follows in the URL (``country=NER``). No
request leaves 127.0.0.1 (the ``recorded`` fixture fails the test otherwise).
"""

from __future__ import annotations

import io

from pptx import Presentation

from childsdg import api, formatting
from childsdg.analysis import status
from childsdg.data import catalogue
from tests.browser.conftest import screenshot, wait_for_charts, wait_until_idle
from tests.browser.test_chart_downloads import download

WCAR = "unicef_region:WCAR"


def go_by_sidebar(page, title: str, path: str) -> None:
    page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(f"**/{path}**", timeout=30_000)
    wait_until_idle(page)


def test_five_niger_tasks_with_niger_picked_once(server, recorded):
    page = recorded().page
    page.goto(f"{server}/survival?region=WCAR")
    wait_for_charts(page, 3)
    wait_until_idle(page)

    picker = page.locator("[data-testid='stMultiSelect']").filter(has_text="Compare countries")
    picker.locator("input").click()
    page.keyboard.type("Niger")
    page.get_by_role("option", name=catalogue.country_search_labels()["NER"], exact=True).click()  # Niger · النيجر
    page.keyboard.press("Escape")
    page.wait_for_url("**country=NER**", timeout=30_000)
    wait_until_idle(page)
    wait_for_charts(page, 3)

    # (1) Niger's value beside West and Central Africa's, as the API has them.
    year = int(api.coverage().set_index("id").loc["u5mr", "latest_year"])
    niger = api.latest("u5mr", ["NER"], as_of=year).iloc[0]
    region = api.headline("u5mr", WCAR, year)
    line = (f"Niger, {int(niger['data_year'])}: {formatting.number(niger['value'], 'per_1000')} · "
            f"West and Central Africa, {region['year']}: {formatting.number(region['value'], 'per_1000')}")
    page.get_by_text(line).wait_for(timeout=30_000)

    # (4) the map as PNG, and its data as CSV naming Niger and its region.
    png = download(page, 0, "Image (PNG)")
    assert open(png.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    page.keyboard.press("Escape")
    csv = download(page, 0, "Data (CSV)")
    text = open(csv.path(), encoding="utf-8").read()
    assert "Niger" in text and any("West and Central Africa" in row for row in text.splitlines() if row.startswith("#"))
    screenshot(page, "niger-survival")

    # (2) on track? The Progress page, opened from the sidebar, names Niger's status.
    go_by_sidebar(page, "Progress to 2030", "progress")
    assert "country=NER" in page.url and "region=WCAR" in page.url
    verdict = api.progress("u5mr", ["NER"]).iloc[0]
    page.get_by_text(f"Niger: {status.badge(verdict['status'])}").first.wait_for(timeout=60_000)

    # The profile, from the sidebar: Niger, not the first country by name.
    go_by_sidebar(page, "Country profile", "country_profile")
    page.locator("h1").filter(has_text="Niger").wait_for(timeout=60_000)
    assert "country=NER" in page.url

    # (3) Niger's peers, from the sidebar.
    go_by_sidebar(page, "Peers", "peers")
    page.get_by_text("Niger stands at").wait_for(timeout=60_000)
    first_peer = api.peers("NER", "u5mr").iloc[0]["name"]
    page.get_by_text(first_peer).first.wait_for(state="attached", timeout=30_000)  # a table cell (canvas grid)
    assert "country=NER" in page.url
    screenshot(page, "niger-peers")

    # (5) the deck, through the Peers page's own link to the Briefing.
    page.get_by_role("link", name="Briefing pack for Niger").click()
    page.wait_for_url("**/briefing**place=NER**", timeout=30_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Build PowerPoint").click()
    button = page.get_by_role("button", name="Download PowerPoint")
    button.wait_for(timeout=180_000)
    with page.expect_download(timeout=60_000) as pending:
        button.click()
    deck = Presentation(io.BytesIO(open(pending.value.path(), "rb").read()))
    assert deck.slides[0].shapes.title.text == f"{catalogue.country_names()['NER']}: children and the SDGs"
    assert pending.value.suggested_filename.startswith("briefing-ner-")
