"""How a progress status reads wherever it is shown: its words, a symbol and a marker shape.

One place, so that the Progress page, the country profile, the theme tables and the overview say
the same thing the same way. Colour never carries the status alone: every use prints the symbol and
the words (tables, hovers, legends, badges) or draws the marker shape (scatter). The colours belong to
the charts (``charts.palette.STATUS``, measured for contrast and colour-blindness there): green and blue
mean the target is met or within reach, orange that the pace must rise, greys and purple no verdict.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from childsdg.analysis import progress_engine
from childsdg.data import catalogue, datastore
from childsdg.i18n import N_, _


class Style(NamedTuple):
    label: str  # English, marked N_: shown as ``_(style.label)`` (``badge`` does)
    symbol: str
    marker: str  # plotly marker symbol


STYLES = {
    "target_met": Style(N_("target met"), "✔", "circle"),
    "on_track": Style(N_("on track"), "↗", "triangle-up"),
    "acceleration_needed": Style(N_("acceleration needed"), "⚠", "diamond"),
    "insufficient_data": Style(N_("insufficient trend data"), "…", "square-open"),
    "no_data": Style(N_("no data in the window"), "–", "x-thin-open"),
    "no_target": Style(N_("no 2030 target"), "·", "circle-open"),
}
assert set(STYLES) == set(progress_engine.STATUSES), "every status of the engine needs a style"
# Severe acceleration_needed (engine.SEVERE_GRADES) keeps the status's colour and adds its grade's note to
# its words: one colour per status keeps the map readable, and the exact severity is in the text.
SEVERE_NOTES = {
    "pace_must_double": N_("the pace must more than double"),
    "limited_progress": N_("rising at less than 60% of the pace needed"),
    "no_progress": N_("no change"),
    "deterioration": N_("worsening"),
    "target_missed": N_("the 2030 deadline has passed"),
}
assert set(SEVERE_NOTES) == set(progress_engine.SEVERE_GRADES), "every severe grade needs its note"


def badge(status: str, grade: str | None = None) -> str:
    """'✔ target met', '⚠ acceleration needed (the pace must more than double)': the grade's note
    is added where the grade is severe."""
    style = STYLES[status]
    text = f"{style.symbol} {_(style.label)}"
    return f"{text} ({_(SEVERE_NOTES[grade])})" if status == "acceleration_needed" and grade in SEVERE_NOTES else text


def badges(table: pd.DataFrame) -> list[str]:
    """The badge of each row of a progress table (columns status, grade)."""
    return [badge(s, g) for s, g in zip(table["status"], table["grade"])]


def grade_text(grade: str) -> str:
    """The engine's one-sentence explanation of a grade, in the reader's language."""
    return _(progress_engine.GRADES[grade]) if grade in progress_engine.GRADES else grade


def targeted_indicators() -> pd.DataFrame:
    """Catalogue rows of the indicators with a 2030 target (absolute or relative), which get a status.

    Kept per store, like ``catalogue.indicators()`` (and likewise not to be changed by callers): pages ask
    on every run, and filtering the catalogue costs ~2 ms.
    """
    return _targeted(str(datastore.data_dir()))


@lru_cache(maxsize=4)
def _targeted(store: str) -> pd.DataFrame:
    specs = catalogue.indicators()
    return specs[progress_engine.has_target(specs)]
