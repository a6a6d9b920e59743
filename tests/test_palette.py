"""The charts' colours and the app's theme, measured: WCAG 2.1 contrast and colour-blind distinctness.

Thresholds: text 4.5:1 (WCAG 1.4.3), meaningful graphics 3:1 (1.4.11), both against white. Colours
that must be told apart (the statuses; the line colours; light blue against blue) differ by at least
STATUS_DISTINCT / LINE_DISTINCT in CIE76 ΔE in normal vision and as simulated for deuteranopia and
protanopia (Machado 2009); about 2.3 is a just-noticeable difference, and 20 is two colours no one
confuses at a glance. Lines also carry their name at their end, so they ask less than the statuses.
"""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import pytest

from childsdg.charts import palette

WHITE = palette.WHITE
STATUS_DISTINCT = 20.0
LINE_DISTINCT = 15.0
VISIONS = (None, "deuteranopia", "protanopia")
CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def seen(colour: str, vision: str | None) -> str:
    return colour if vision is None else palette.simulate(colour, vision)


def test_luminance_and_contrast_match_wcag_reference_values():
    assert palette.relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert palette.relative_luminance("#000000") == pytest.approx(0.0)
    assert palette.contrast_ratio("#000000", WHITE) == pytest.approx(21.0)
    assert palette.contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the well-known AA grey
    # The measurements of the old colours, reproduced: the functions measure what axe measures.
    assert palette.contrast_ratio("#828180", WHITE) == pytest.approx(3.88, abs=0.01)
    assert palette.contrast_ratio("#F0E442", WHITE) == pytest.approx(1.32, abs=0.01)   # Okabe-Ito yellow
    assert palette.contrast_ratio("#56B4E9", WHITE) == pytest.approx(2.31, abs=0.01)   # sky blue (on track)
    assert palette.contrast_ratio("#FDE725", "#EEEEEE") == pytest.approx(1.09, abs=0.01)  # viridis end on the land


def test_simulation_matches_machado_for_pure_red_and_keeps_greys():
    assert palette.simulate("#808080", "deuteranopia") == "#808080"
    # Red seen by a deuteranope is a dark olive (Machado 2009, severity 1).
    red = palette.simulate("#FF0000", "deuteranopia")
    assert palette.colour_difference(red, "#A39000") < 3


@pytest.mark.parametrize("name", ["TEXT", "MUTED_TEXT", "TARGET", *[f"LINE {i}" for i in range(len(palette.LINES))]])
def test_text_colours_reach_4_5_to_1_on_white(name):
    colour = palette.LINES[int(name.split()[1])] if name.startswith("LINE") else getattr(palette, name)
    assert palette.contrast_ratio(colour, WHITE) >= 4.5, name


@pytest.mark.parametrize("name", ["AXIS_LINE", "CONNECTOR", "LIGHT_BLUE", "AGGREGATE", "NOT_ESTIMATED", "FOCAL"])
def test_graphics_reach_3_to_1_on_white(name):
    assert palette.contrast_ratio(getattr(palette, name), WHITE) >= 3.0, name


@pytest.mark.parametrize("code", list(palette.STATUS))
def test_every_status_reaches_3_to_1_and_its_label_4_5_to_1(code):
    fill = palette.STATUS[code]
    assert palette.contrast_ratio(fill, WHITE) >= 3.0
    assert palette.contrast_ratio(fill, palette.text_on(fill)) >= 4.5  # the count written inside a bar


@pytest.mark.parametrize("vision", VISIONS)
def test_statuses_stay_distinct_with_colour_blindness(vision):
    for (a, first), (b, second) in itertools.combinations(palette.STATUS.items(), 2):
        difference = palette.colour_difference(seen(first, vision), seen(second, vision))
        assert difference >= STATUS_DISTINCT, f"{a} and {b}: ΔE {difference:.1f} ({vision or 'normal vision'})"


@pytest.mark.parametrize("vision", VISIONS)
def test_lines_stay_distinct_from_each_other_and_the_focal_black(vision):
    for first, second in itertools.combinations([*palette.LINES, palette.FOCAL], 2):
        assert palette.colour_difference(seen(first, vision), seen(second, vision)) >= LINE_DISTINCT, (first, second)
    # Light blue (survey bars, adults) against blue (modelled bars, children) and the grey of "no age known".
    for other in (palette.NAMED["blue"], palette.NOT_ESTIMATED):
        assert palette.colour_difference(seen(palette.LIGHT_BLUE, vision), seen(other, vision)) >= STATUS_DISTINCT


def test_map_classes_read_on_white_and_against_the_land_without_data():
    lightest = palette.SEQUENTIAL[-1]
    assert palette.contrast_ratio(lightest, WHITE) >= 3.0
    assert palette.contrast_ratio(lightest, palette.MAP_LAND) >= 3.0
    luminances = [palette.relative_luminance(c) for c in palette.SEQUENTIAL]
    assert luminances == sorted(luminances), "darker must mean one end of the scale"
    assert palette.sequential_scale()[0] == [0.0, palette.SEQUENTIAL[0]]
    assert palette.sequential_scale(reverse=True)[-1] == [1.0, palette.SEQUENTIAL[0]]


def test_the_theme_makes_captions_reach_4_5_to_1():
    """Streamlit writes captions in the theme's text colour at 60% opacity, on white and on the sidebar."""
    text = tomllib.loads(CONFIG.read_text())["theme"]["textColor"]
    for background in (WHITE, "#F8F8F7"):  # the page, and the sidebar / secondary background
        blended = "#" + "".join(f"{round(0.6 * t + 0.4 * b):02X}" for t, b in zip(
            (int(text[i:i + 2], 16) for i in (1, 3, 5)), (int(background[i:i + 2], 16) for i in (1, 3, 5))))
        assert palette.contrast_ratio(blended, background) >= 4.5, (blended, background)


def test_every_progress_status_has_a_colour():
    from childsdg.analysis import status

    assert set(palette.STATUS) == set(status.STYLES)
