"""Series notes reach the reader: the bundled store explains the cliffs of the default views, and the
trend chart, its caption and the table twin carry the note."""

from __future__ import annotations

import pytest

from childsdg import api
from tests.test_theme_sections import chart, decoded, run_page


@pytest.mark.parametrize(("iso3", "indicator", "year", "before", "after"), [
    ("CAF", "u5mr", 2022, 178.7, 424.6),
    ("CHN", "refugees_hosted", 2022, 303_436, 320),
])
def test_the_store_explains_the_cliffs_a_reader_meets(iso3, indicator, year, before, after):
    values = api.series(indicator, [iso3], year - 1, year).set_index("year")["value"]
    assert values.tolist() == pytest.approx([before, after])  # the cliff is in the data
    notes = api.series_notes(indicator, [iso3], year, year)
    assert len(notes) == 1 and notes["source"].iloc[0]


def test_derived_deaths_carry_their_rates_note():
    note = api.series_notes("under5_deaths", ["CAF"], 2022, 2022)["note"].iloc[0]
    assert note.startswith("In its input, Under-5 mortality:")


def notes_shown(at, key="trend") -> tuple[list, str]:
    """The chart's note markers and the page's captions."""
    spec = chart(at, key)
    markers = [t for t in spec["data"] if t.get("name", "").startswith("Series note")]
    captions = " ".join(c.value for c in at.caption)
    return markers, captions


@pytest.mark.parametrize(("page", "params", "iso3", "year", "words"), [
    ("survival", {"region": "WCAR", "countries": ["CAF", "NGA"]}, "CAF", 2022, "crisis deaths"),
    ("humanitarian", {"region": "EAPR", "countries": ["CHN"]}, "CHN", 2022, "Viet Nam"),
])
def test_the_trend_chart_caption_and_table_carry_the_note(page, params, iso3, year, words):
    at = run_page(page, **params)
    markers, captions = notes_shown(at)
    assert len(markers) == 1
    assert year in decoded(markers[0]["x"])
    hover = markers[0]["customdata"][decoded(markers[0]["x"]).index(year)]
    assert words in hover.replace("<br>", " ")
    assert "◇ Note" in captions and words in captions
    table = next(d.value for d in at.dataframe if "notes" in d.value.columns)
    assert words in table.set_index("iso3").loc[iso3, "notes"]


def test_no_marker_without_a_noted_country():
    at = run_page("survival", region="WCAR", countries=["NGA"])
    markers, captions = notes_shown(at)
    assert markers == [] and "◇ Note" not in captions
