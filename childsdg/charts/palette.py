"""Every colour the charts use, in one place, with the arithmetic that checks them (WCAG 2.1, colour-blindness).

Why these colours: each must read on white for everyone. WCAG 2.1 asks 4.5:1 for text (1.4.3) and 3:1
for the parts of a chart that carry meaning (1.4.11: lines, bars, markers, map fills). The Okabe-Ito
colours the charts used before are colour-blind-safe but light: on white, sky blue 2.31:1, orange
2.25:1, yellow 1.32:1. The colours below keep the same hue families (blue, orange, green, reddish purple)
darkened until they pass, and were chosen by searching each family for the set whose closest pair stays
furthest apart (CIE76 colour difference) in normal vision and as simulated for deuteranopia and
protanopia (Machado, Oliveira and Fernandes 2009, severity 1). ``tests/test_palette.py`` recomputes
every ratio and difference, so a colour changed here that breaks one fails the tests.

Colour is never the only cue: statuses also have a symbol, words and a marker shape (``analysis.status``),
lines end in their name, the focal country is black and thick, the target is dotted and labelled.
"""

from __future__ import annotations

import math

WHITE = "#FFFFFF"
TEXT = "#222222"          # chart text: 15.9:1 on white
MUTED_TEXT = "#555555"    # notes, axis annotations, export footers: 7.5:1
DARK_TEXT = "#111111"     # text on light fills (text_on)
AXIS_LINE = "#767676"     # axis lines and reference lines: 4.5:1
GRID = "#E5E5E5"          # grid lines: a reading aid drawn behind the data, deliberately faint
CONNECTOR = "#8C8C8C"     # the bar of a dumbbell between its two dots: 3.4:1

# Lines, bars and dots of countries and categories, in the order they are handed out. All reach 4.5:1,
# so that a line's end label can be written in the line's own colour. (hue name, colour).
NAMED = {
    "blue": "#04599A",
    "orange": "#A75501",
    "green": "#036442",
    "reddish purple": "#873365",
    "violet": "#5939BE",
    "olive": "#504A14",
}
LINES = list(NAMED.values())
LIGHT_BLUE = "#4F8FCB"    # survey bars beside modelled ones, adults beside children: 3.4:1, lighter than blue
FOCAL = "#000000"         # the country the page is about: black, drawn thicker than the others
AGGREGATE = "#595959"     # a group's line, dashed: 7.0:1, lighter than the focal country's black
TARGET = "#B83A00"        # the 2030 target (dotted line and its label): vermillion at 5.8:1
NOT_ESTIMATED = "#8C8C8C" # a bar part whose breakdown is unknown (no age known): 3.4:1

# Progress statuses (analysis.status names them; these are their fills, markers and legend swatches).
STATUS = {
    "target_met": "#118347",           # green, 4.8:1
    "on_track": "#1A49B9",             # blue, 7.8:1
    "acceleration_needed": "#C16611",  # orange, 4.1:1
    "insufficient_data": "#4C4C4C",    # dark grey, 8.6:1
    "no_data": "#898989",              # mid grey, 3.5:1
    "no_target": "#622A6F",            # dark purple, 10.1:1
}

# Maps: darker is worse. Viridis from its darkest purple up to its teal-green (plotly's ten-step viridis,
# first six steps): the lightest class is 3.3:1 on white and 3.0:1 against the land of countries
# without data. Full viridis ended in a yellow at 1.09:1 against that land.
SEQUENTIAL = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89"]
MAP_LAND = "#F5F5F5"      # countries without data: the base map's land
MAP_COAST = "#B0B0B0"     # the outline of that land, so that countries without data keep their shape
MAP_BORDER = WHITE        # between countries with data

# Colour-blindness simulation matrices in linear RGB (Machado, Oliveira and Fernandes 2009, severity 1.0).
MACHADO_2009 = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def sequential_scale(reverse: bool = False) -> list[list]:
    """A plotly colorscale through SEQUENTIAL (dark first; ``reverse``: light first)."""
    colours = SEQUENTIAL[::-1] if reverse else SEQUENTIAL
    return [[i / (len(colours) - 1), colour] for i, colour in enumerate(colours)]


def line_colour(position: int) -> str:
    """The ``position``-th line's colour, round the palette."""
    return LINES[position % len(LINES)]


def _channels(colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three numbers from 0 to 1."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"colour {colour!r} is not #RRGGBB")
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _linear(channel: float) -> float:
    """sRGB companding undone (WCAG 2.1's definition, with its 0.04045 threshold)."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance: 0 for black, 1 for white."""
    red, green, blue = (_linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """DARK_TEXT or white, whichever contrasts more with ``fill`` (a label inside a bar)."""
    return DARK_TEXT if contrast_ratio(fill, DARK_TEXT) >= contrast_ratio(fill, WHITE) else WHITE


def simulate(colour: str, deficiency: str) -> str:
    """How ``colour`` looks with a colour-vision deficiency (a key of MACHADO_2009), as '#RRGGBB'."""
    linear = [_linear(c) for c in _channels(colour)]
    seen = [min(1.0, max(0.0, sum(w * c for w, c in zip(row, linear)))) for row in MACHADO_2009[deficiency]]
    encoded = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in seen]
    return "#" + "".join(f"{round(c * 255):02X}" for c in encoded)


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65 white) of an sRGB colour."""
    red, green, blue = (_linear(c) for c in _channels(colour))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def colour_difference(first: str, second: str) -> float:
    """CIE76 colour difference (Euclidean distance in CIELAB): about 2.3 is just noticeable."""
    return math.dist(_lab(first), _lab(second))
