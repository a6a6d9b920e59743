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


def _decimals(unit_kind: str) -> int:
    """Decimal places of a value in its unit (``number``'s defaults)."""
    if unit_kind in DECIMAL_FORMATS:
        return DECIMAL_FORMATS[unit_kind][0]
    return 0 if unit_kind in ("count", "currency", "currency_signed") else 2


def _display_column(name: str, values: pd.Series, unit_kind: str) -> list[str]:
    """One numeric column as text, by what its name says it holds (see ``display_table``)."""
    name = str(name).lower()
    if "year" in name:  # year, start_year, data_year_min, years_since_level
        return [years(v, v) if not is_missing(v) else "" for v in values]
    if name.startswith("n_"):
        return [f"{float(v):,.0f}" if not is_missing(v) else "" for v in values]
    if name == "relative_change":
        return [f"{float(v):+.0%}" if not is_missing(v) else "" for v in values]
    if name == "coverage" or name.endswith("_coverage") or name.endswith("_share"):
        return [share(v) if not is_missing(v) else "" for v in values]
    places = _decimals(unit_kind)
    if name in ("change", "difference", "gap") or name.endswith("_change"):
        points = " pp" if unit_kind in ("percent", "gross_ratio") else ""
        return [f"{float(v):+,.{places}f}{points}" if not is_missing(v) else "" for v in values]
    if unit_kind in ("percent", "gross_ratio"):
        return [f"{float(v):,.{places}f}%" if not is_missing(v) else "" for v in values]
    return [f"{float(v):,.{places}f}" if not is_missing(v) else "" for v in values]


def display_table(data: pd.DataFrame, unit_kind: str) -> pd.DataFrame:
    """A chart's table twin as readers see it: every number rounded and written out, nothing missing shown as None.

    Why: a table under a chart showed ``-30.900000000000002`` (the float a subtraction leaves) and
    ``None``; the CSV and Excel downloads keep full precision, this is for the screen. Columns keep
    their names; numeric ones become text by what the name says they hold: years (any name with 'year') as
    years, counts of things ('n_*') as whole numbers, shares ('coverage', '*_coverage', '*_share') and
    'relative_change' as percentages, changes ('change', 'difference', 'gap', '*_change') signed in the
    unit's points, any other number as a value in ``unit_kind`` with its usual decimals. Missing values
    are empty cells. Text columns are kept, with missing ones empty.
    """
    shown = pd.DataFrame(index=data.index)
    for column in data.columns:
        values = data[column]
        if values.dtype == object and all(isinstance(v, (int, float)) for v in values.dropna()):
            values = pd.to_numeric(values)  # numbers in an object column (a mix of floats and None)
        if pd.api.types.is_bool_dtype(values):
            shown[column] = ["yes" if v else "no" for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            shown[column] = _display_column(column, values, unit_kind)
        else:
            shown[column] = ["" if is_missing(v) else str(v) for v in values]
    return shown
