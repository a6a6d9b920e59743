"""Numbers and labels for people: thousands separators, units, data years, 'no data'."""

from __future__ import annotations

import datetime as dt

import pandas as pd

NO_DATA = "no data"
# Unit kinds written as a decimal number: (default decimals, sign always shown, words after the number).
DECIMAL_FORMATS = {"percent": (1, False, "%"), "gross_ratio": (1, False, "%"), "per_1000": (1, False, " per 1,000"),
                   "per_100000": (0, False, " per 100,000"), "percent_change": (1, True, "%"),
                   "years": (1, False, " years")}


def is_missing(value) -> bool:
    """None, NaN, pd.NA or NaT (a scalar)."""
    return value is None or bool(pd.isna(value))


def number(value, unit_kind: str, digits: int | None = None) -> str:
    """A value in its unit: '42.1 per 1,000', '35.0%', '1,234,567', '4.2 million', 'no data'."""
    if is_missing(value):
        return NO_DATA
    value = float(value)
    if unit_kind == "count":
        if abs(value) >= 1e9:
            return f"{value / 1e9:,.2f} billion"
        if abs(value) >= 1e6:
            return f"{value / 1e6:,.1f} million"
        return f"{value:,.0f}"
    if unit_kind in DECIMAL_FORMATS:
        places, signed, words = DECIMAL_FORMATS[unit_kind]
        return f"{value:{'+' if signed else ''},.{places if digits is None else digits}f}{words}"
    if unit_kind == "currency":
        return f"{value:,.0f}"
    if unit_kind == "currency_signed":
        return f"{'-' if value < 0 else ''}US${abs(value):,.0f}"
    return f"{value:,.{2 if digits is None else digits}f}"


def compact(value, unit_kind: str) -> str:
    """A value without its unit words, for chart labels: '42.1', '35.0%', '4.2M'."""
    if is_missing(value):
        return NO_DATA
    value = float(value)
    if unit_kind == "count":
        for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                return f"{value / size:,.1f}{suffix}"
        return f"{value:,.0f}"
    if unit_kind in ("percent", "gross_ratio"):
        return f"{value:,.1f}%"
    if unit_kind in ("per_100000", "currency", "currency_signed"):
        return f"{value:,.0f}"
    if unit_kind == "percent_change":
        return f"{value:+,.1f}%"
    return f"{value:,.1f}"


def change(start, end, unit_kind: str) -> str:
    """'-12.3 (-24%)': absolute change in the unit's points and relative change."""
    if is_missing(start) or is_missing(end):
        return NO_DATA
    absolute = float(end) - float(start)
    relative = f" ({absolute / float(start):+.0%})" if float(start) else ""
    suffix = " pp" if unit_kind in ("percent", "gross_ratio") else ""
    if unit_kind == "count":
        return f"{absolute:+,.0f}{relative}"
    return f"{absolute:+,.1f}{suffix}{relative}"


def plural(count, noun: str, nouns: str | None = None) -> str:
    """'1 country', '12 countries', '0 peers': a count with its noun, in the singular only for one.

    nouns: the plural where adding 's' (or 'y' -> 'ies' after a consonant) is wrong.
    """
    count = int(count)
    if count == 1:
        return f"1 {noun}"
    if nouns is None:
        nouns = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{count:,} {nouns}"


def share(fraction) -> str:
    """0.873 -> '87%'."""
    return NO_DATA if is_missing(fraction) else f"{float(fraction):.0%}"


def years(first, last) -> str:
    """'2019' or '2015-2022'."""
    if is_missing(first):
        return NO_DATA
    first, last = int(first), int(last if not is_missing(last) else first)
    return str(first) if first == last else f"{first}-{last}"


MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$"


def plain(text: str) -> str:
    """Text shown literally in Streamlit's markdown (links, images, HTML and LaTeX neutralised).

    URL parameters are echoed in notices: unescaped, ``![x](http://...)`` would make the browser
    fetch from outside, and ``[a](javascript:...)`` would be a link.
    """
    cleaned = "".join(ch for ch in str(text) if ch.isprintable())
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in cleaned)


def today() -> str:
    """Today's date in UTC as YYYY-MM-DD: the date a chart file or briefing pack says it was made."""
    return dt.datetime.now(dt.timezone.utc).date().isoformat()
