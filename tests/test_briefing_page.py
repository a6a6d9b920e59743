"""The Briefing page under AppTest: nothing is built before a click, then only the format clicked.

The writers are replaced by fakes that record what they were asked for (the real files, with their
charts, are tested in test_briefing.py and, downloaded from the page, in tests/browser/), so these
tests need no Chromium and check the page's own behaviour: which file is built when, whether the
second format reuses the prepared pack, and that the progress names each slide.
"""

from __future__ import annotations

import pytest

from childsdg.exports import briefing, chart_files
from tests.test_theme_sections import run_page


@pytest.fixture()
def calls(monkeypatch):
    """Every prepare and write, in order: ('prepare', place) or (fmt, the pack written)."""
    made: list[tuple] = []
    prepare = briefing.prepare

    def counted_prepare(place, *args, **kwargs):
        made.append(("prepare", place))
        return prepare(place, *args, **kwargs)

    def fake_writer(fmt):
        def write(pack, progress_cb=None):
            for number, slide in enumerate(pack.slides, start=1):
                progress_cb(f"{fmt.upper()}: slide {number} of {len(pack.slides)}, {slide.title}")
            made.append((fmt, pack))
            return f"{fmt} of {pack.place.code}".encode()
        return write

    monkeypatch.setattr(briefing, "prepare", counted_prepare)
    monkeypatch.setattr(chart_files, "unavailable_reason", lambda: None)
    for fmt in briefing.WRITERS:
        monkeypatch.setitem(briefing.WRITERS, fmt, fake_writer(fmt))
    return made


def buttons(at) -> dict[str, str]:
    """Label -> kind ('build' or 'download') of the page's buttons (the sidebar has none)."""
    return {**{b.label: "build" for b in at.button}, **{b.label: "download" for b in at.download_button}}


def test_nothing_is_built_before_a_click(calls):
    at = run_page("briefing", place="NGA", indicators=["u5mr", "stunting"])
    assert buttons(at) == {"Build PowerPoint (.pptx)": "build", "Build PDF": "build"}
    assert calls == []
    assert any("Nothing is built until you click" in c.value for c in at.caption)


def test_only_the_clicked_format_is_built_and_the_second_reuses_the_pack(calls):
    at = run_page("briefing", place="NGA", indicators=["u5mr", "stunting"])
    at.button(key="briefing.build.pptx").click().run()
    assert [call[0] for call in calls] == ["prepare", "pptx"]
    assert buttons(at) == {"Download PowerPoint (.pptx)": "download", "Build PDF": "build"}
    (box,) = at.status  # seven slides: title, key figures, two indicators, peers, what moved, sources
    assert box.label == "Briefing pack ready: 7 slides, PowerPoint (.pptx)" and box.state == "complete"
    assert at.get("progress")[0].proto.text.startswith("PPTX: slide 7 of 7, Sources")

    at.button(key="briefing.build.pdf").click().run()
    assert [call[0] for call in calls] == ["prepare", "pptx", "pdf"]  # no second prepare
    assert calls[2][1] is calls[1][1]  # the same prepared pack
    assert buttons(at) == {"Download PowerPoint (.pptx)": "download", "Download PDF": "download"}

    at.run()  # a rerun offers both files without building anything again
    assert len(calls) == 3 and set(buttons(at).values()) == {"download"}


def test_a_new_choice_offers_nothing_until_clicked_again(calls):
    at = run_page("briefing", place="NGA", indicators=["u5mr"])
    at.button(key="briefing.build.pdf").click().run()
    assert buttons(at) == {"Build PowerPoint (.pptx)": "build", "Download PDF": "download"}
    at.multiselect(key="briefing.indicators").select("stunting").run()
    assert buttons(at) == {"Build PowerPoint (.pptx)": "build", "Build PDF": "build"}
    at.button(key="briefing.build.pdf").click().run()
    assert [call[0] for call in calls] == ["prepare", "pdf", "prepare", "pdf"]
    assert calls[-1][1].indicators == ["u5mr", "stunting"]


def test_a_failed_render_says_why_and_offers_the_build_again(calls, monkeypatch):
    def no_browser(pack, progress_cb=None):
        raise chart_files.ExportUnavailable("Image export is unavailable: the browser would not start.")

    monkeypatch.setitem(briefing.WRITERS, "pptx", no_browser)
    at = run_page("briefing", place="NGA", indicators=["u5mr"])
    at.button(key="briefing.build.pptx").click().run()
    assert [e.value for e in at.error] == ["Image export is unavailable: the browser would not start."]
    assert at.status[0].state == "error"
    assert buttons(at) == {"Build PowerPoint (.pptx)": "build", "Build PDF": "build"}
    at.button(key="briefing.build.pdf").click().run()  # the other format still builds, from the same pack
    assert [call[0] for call in calls] == ["prepare", "pdf"]
    assert buttons(at) == {"Build PowerPoint (.pptx)": "build", "Download PDF": "download"}
