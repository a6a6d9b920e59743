"""The Briefing page in real Chromium: build the deck only, download it, open it with python-pptx."""

from __future__ import annotations

import io

from pptx import Presentation

from childsdg.data import catalogue
from tests.browser.conftest import screenshot, wait_until_idle

SLIDES = 5 + len(catalogue.HEADLINE_INDICATORS)  # title, key figures, one per headline indicator, peers, what moved, sources


def test_build_and_download_the_nigeria_deck(server, recorded):
    view = recorded()
    page = view.page
    page.goto(f"{server}/briefing?place=NGA")
    page.get_by_role("button", name="Build PowerPoint").click()
    download_button = page.get_by_role("button", name="Download PowerPoint")
    download_button.wait_for(timeout=180_000)
    wait_until_idle(page)
    assert page.get_by_text(f"Briefing pack ready: {SLIDES} slides, PowerPoint").count() == 1
    # Only the deck was built: the PDF is still offered as a build, not as a file.
    assert page.get_by_role("button", name="Build PDF").count() == 1
    assert page.get_by_role("button", name="Download PDF").count() == 0
    with page.expect_download(timeout=60_000) as pending:
        download_button.click()
    download = pending.value
    assert download.suggested_filename.startswith("briefing-nga-") and download.suggested_filename.endswith(".pptx")
    deck = Presentation(io.BytesIO(open(download.path(), "rb").read()))
    assert len(deck.slides) == SLIDES
    assert deck.slides[0].shapes.title.text == "Nigeria: children and the SDGs"
    screenshot(page, "briefing-built")
