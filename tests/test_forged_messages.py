"""Forged websocket messages: every widget of every page given values the browser never sends.

The browser offers only valid choices, but anyone can speak Streamlit's protocol directly
(bench/protocol.py does) and send a selectbox a label it does not have, a slider a year out of
range or three values, a multiselect unknown, repeated or too many codes, a text box 20,000
characters, a chart a selection that is not one. The page must answer without an exception, and the
server must log no traceback.
"""

from __future__ import annotations

import asyncio

import pytest
import websockets

from bench.protocol import Session
from tests.server import in_own_thread

PAGES = ["", "survival", "early_childhood", "environment", "humanitarian", "progress", "peers",
         "country_profile", "briefing", "data_sources"]
HOSTILE_TEXT = ["<script>alert(1)</script>", "'; DROP TABLE observations; --", "x" * 20_000, ""]
HOSTILE = {
    "Selectbox": HOSTILE_TEXT,
    "Radio": HOSTILE_TEXT,
    "TextInput": HOSTILE_TEXT + ["![x](http://example.com/x.png)"],
    "Slider": [[99_999], [-5], [1995, 2000, 2010], [2030, 1900]],
    "MultiSelect": [["ZZZ", "<script>"], ["Nigeria"] * 50, ["Nigeria", "Kenya", "Ghana", "Mali", "Chad", "Niger",
                                                         "Benin", "Togo", "Senegal", "Gambia", "Guinea", "Liberia"]],
    # A selection's shape, as Streamlit requires: anything else fails in Streamlit's own code before
    # the page runs, for that session only (test_garbage_breaks_only_the_session_that_sent_it).
    "PlotlyChart": ['{"selection": {"points": ["x", 1, null, {"location": "ZZZ"}, {"location": ["NGA"]}]}}',
                    '{"selection": {"points": [{"location": "<script>"}], "box": "x"}, "extra": [1, 2]}'],
}


def _widgets(run) -> dict[str, str]:
    """Key -> widget kind for the widgets this test can forge (download buttons are not forged)."""
    found = {}
    for element in run.elements:
        widget = getattr(element, element.WhichOneof("type"))
        kind = type(widget).__name__
        if kind in HOSTILE and "-" in getattr(widget, "id", ""):
            found[widget.id.rsplit("-", 1)[1]] = kind
    return found


async def _forge_every_widget(base_url: str, path: str) -> tuple[list[str], int]:
    session = Session(base_url)
    run = await session.open(path)
    problems, sent = list(run.exceptions), 0
    for key, kind in _widgets(run).items():
        for value in HOSTILE[kind]:
            try:
                forged = await session.change({key: value}, run)
            except KeyError:  # the widget went away after an earlier forged value changed the page
                break
            sent += 1
            problems += [f"{path or 'overview'}: {key}={str(value)[:40]!r}: {text}" for text in forged.exceptions]
            if not forged.elements:
                problems.append(f"{path or 'overview'}: {key}={str(value)[:40]!r}: the page drew nothing")
            run = forged
    await session.close()
    return problems, sent


@pytest.mark.parametrize("path", PAGES)
def test_forged_widget_values_never_break_a_page(live_server, path):
    base_url, log = live_server
    before = len(log)
    problems, sent = in_own_thread(asyncio.run, _forge_every_widget(base_url, path))
    assert sent >= 1
    assert problems == []
    tracebacks = [line for line in log[before:] if "Traceback" in line or "Error" in line]
    assert tracebacks == []


def test_garbage_breaks_only_the_session_that_sent_it(live_server):
    """Text that is not JSON as a chart selection, bytes that are not a message: the sender's session
    gets Streamlit's error or a closed socket; a reader in another session notices nothing."""
    base_url, _ = live_server

    async def garbage_beside_a_reader():
        reader, vandal, wrecker = Session(base_url), Session(base_url), Session(base_url)
        page = await reader.open("survival", "region=WCAR")
        vandal_page = await vandal.open("survival")
        broken = await vandal.change({"map": "not json"}, vandal_page)
        await wrecker.open("survival")
        await wrecker._socket.send(b"\x00\xffnot a protobuf")
        with pytest.raises(websockets.ConnectionClosed):
            while True:  # what the server still had to say about the page, then the close
                await asyncio.wait_for(wrecker._socket.recv(), 30)
        after = await reader.change({"survival.region": "South Asia"}, page)
        for session in (reader, vandal, wrecker):
            await session.close()
        return broken, after

    broken, after = in_own_thread(asyncio.run, garbage_beside_a_reader())
    assert any("JSONDecodeError" in text for text in broken.exceptions)
    assert after.exceptions == [] and after.of_kind("metric")[0].label.startswith("South Asia, ")
