"""A chart's download buttons in real Chromium: the PNG and the CSV arrive and say what they are."""

from __future__ import annotations

import struct

from tests.browser.conftest import wait_for_charts, wait_until_idle


def download(page, popover_index: int, button: str):
    page.locator("[data-testid='stPopover'] button").nth(popover_index).click()
    with page.expect_download(timeout=90_000) as caught:
        page.get_by_role("button", name=button).click()
    return caught.value


def test_map_png_and_csv_downloads(server, recorded):
    page = recorded().page
    page.goto(f"{server}/survival?region=WCAR")
    wait_for_charts(page, 3)
    wait_until_idle(page)

    png = download(page, 0, "Image (PNG)")
    content = open(png.path(), "rb").read()
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", content[16:24])
    assert (width, height) == (2400, 1350)
    assert png.suggested_filename.endswith(".png") and "west-and-central-africa" in png.suggested_filename

    page.keyboard.press("Escape")
    csv = download(page, 0, "Data (CSV)")
    text = open(csv.path(), encoding="utf-8").read()
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("West and Central Africa" in line for line in header)
    assert any("region=WCAR" in line for line in header), header
    assert "Nigeria" in text and "Ghana" in text
