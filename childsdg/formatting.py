"""Numbers and labels for people: thousands separators, units, data years, 'no data', in the reader's language.

English is written with Python's own formats, exactly as before the other languages came (tests and the
published figures they are checked against compare these strings). Other languages take the number
already rounded by Python, so every language shows the same digits, and Babel writes it with the
locale's separators and percent sign (``i18n.decimal``, ``i18n.percent``): '1 234,5', '35,0 %'.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from childsdg import i18n
from childsdg.i18n import N_, _, ngettext

NO_DATA = N_("no data")  # English; shown as ``no_data()`` (or ``_(NO_DATA)``)
PERCENT = None  # the words of a unit written as a percentage: the locale's percent sign
# Unit kinds written as a decimal number: (default decimals, sign always shown, the number in its words).
DECIMAL_FORMATS = {"percent": (1, False, PERCENT), "gross_ratio": (1, False, PERCENT),
                   "per_1000": (1, False, N_("{value} per 1,000")),
                   "per_100000": (0, False, N_("{value} per 100,000")), "percent_change": (1, True, PERCENT),
                   "years": (1, False, N_("{value} years"))}


def no_data() -> str:
    """'no data' in the reader's language."""
    return _(NO_DATA)


def decimal(value: float, places: int, signed: bool = False) -> str:
    """A number with ``places`` decimals and the reader's separators: '1,234.5', '1 234,5' (fr)."""
    if i18n.current() == i18n.DEFAULT_LANGUAGE:
        return f"{value:{'+' if signed else ''},.{places}f}"
    return i18n.decimal(float(f"{value:.{places}f}"), places, signed)


def percent(value: float, places: int, signed: bool = False) -> str:
    """A value already in percent (35.0) as a percentage: '35.0%', '35,0 %' (fr)."""
    if i18n.current() == i18n.DEFAULT_LANGUAGE:
        return f"{value:{'+' if signed else ''},.{places}f}%"
    return i18n.percent(float(f"{value:.{places}f}"), places, signed)


def ratio(fraction: float, signed: bool = False) -> str:
    """A fraction as a whole percentage: 0.873 -> '87%', '+12%' signed; '87 %' (fr)."""
    if i18n.current() == i18n.DEFAULT_LANGUAGE:
        return f"{fraction:{'+' if signed else ''}.0%}"
    return i18n.percent(float(f"{fraction * 100:.0f}"), 0, signed)


def _in_words(value: float, unit_kind: str, places: int) -> str:
    """A value of a DECIMAL_FORMATS unit with its words: '42.1 per 1,000', '35.0%'."""
    signed, words = DECIMAL_FORMATS[unit_kind][1:]
    if words is PERCENT:
        return percent(value, places, signed)
    return _(words).format(value=decimal(value, places, signed))


def is_missing(value) -> bool:
    """None, NaN, pd.NA or NaT (a scalar)."""
    return value is None or bool(pd.isna(value))


def number(value, unit_kind: str, digits: int | None = None) -> str:
    """A value in its unit: '42.1 per 1,000', '35.0%', '1,234,567', '4.2 million', 'no data'."""
    if is_missing(value):
        return no_data()
    value = float(value)
    if unit_kind == "count":
        # The count decides the noun's number where a language inflects it ('1,8 million', '4,2 millions').
        if abs(value) >= 1e9:
            return ngettext("{value} billion", "{value} billion", int(abs(value) / 1e9)).format(
                value=decimal(value / 1e9, 2))
        if abs(value) >= 1e6:
            return ngettext("{value} million", "{value} million", int(abs(value) / 1e6)).format(
                value=decimal(value / 1e6, 1))
        return decimal(value, 0)
    if unit_kind in DECIMAL_FORMATS:
        return _in_words(value, unit_kind, DECIMAL_FORMATS[unit_kind][0] if digits is None else digits)
    if unit_kind == "currency":
        return decimal(value, 0)
    if unit_kind == "currency_signed":
        return ("-" if value < 0 else "") + _("US${value}").format(value=decimal(abs(value), 0))
    return decimal(value, 2 if digits is None else digits)


def compact(value, unit_kind: str) -> str:
    """A value without its unit words, for chart labels: '42.1', '35.0%', '4.2M'."""
    if is_missing(value):
        return no_data()
    value = float(value)
    if unit_kind == "count":
        for size, suffix in ((1e9, N_("{value}B")), (1e6, N_("{value}M")), (1e3, N_("{value}k"))):
            if abs(value) >= size:
                return _(suffix).format(value=decimal(value / size, 1))
        return decimal(value, 0)
    if unit_kind in ("percent", "gross_ratio"):
        return percent(value, 1)
    if unit_kind in ("per_100000", "currency", "currency_signed"):
        return decimal(value, 0)
    if unit_kind == "percent_change":
        return percent(value, 1, signed=True)
    return decimal(value, 1)


def change(start, end, unit_kind: str) -> str:
    """'-12.3 (-24%)': absolute change in the unit's points and relative change."""
    if is_missing(start) or is_missing(end):
        return no_data()
    absolute = float(end) - float(start)
    relative = f" ({ratio(absolute / float(start), signed=True)})" if float(start) else ""
    if unit_kind == "count":
        return decimal(absolute, 0, signed=True) + relative
    return points(absolute, 1, unit_kind) + relative


def points(value: float, places: int, unit_kind: str) -> str:
    """A signed difference in the unit: '+1.5 pp' for percentages (percentage points), '-12.3' otherwise."""
    text = decimal(value, places, signed=True)
    return _("{value} pp").format(value=text) if unit_kind in ("percent", "gross_ratio") else text


def plural(count, noun: str, nouns: str | None = None) -> str:
    """'1 country', '12 countries', '0 peers': a count with its noun, in the singular only for one.

    nouns: the plural where adding 's' (or 'y' -> 'ies' after a consonant) is wrong.
    The nouns of ``COUNTED`` are translated with the plural forms of the reader's language (Arabic has
    six); any other noun is English.
    """
    count = int(count)
    if noun in COUNTED:
        return COUNTED[noun](count).format(count=decimal(count, 0))
    if count == 1:
        return f"1 {noun}"
    if nouns is None:
        nouns = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{count:,} {nouns}"


# The nouns the dashboard counts, each with its singular and plural in every language (``ngettext``).
COUNTED = {
    "country": lambda n: ngettext("{count} country", "{count} countries", n),
    "indicator": lambda n: ngettext("{count} indicator", "{count} indicators", n),
    "peer": lambda n: ngettext("{count} peer", "{count} peers", n),
    "chosen peer": lambda n: ngettext("{count} chosen peer", "{count} chosen peers", n),
    "slide": lambda n: ngettext("{count} slide", "{count} slides", n),
}


def share(fraction) -> str:
    """0.873 -> '87%'."""
    return no_data() if is_missing(fraction) else ratio(float(fraction))


def years(first, last) -> str:
    """'2019' or '2015-2022'."""
    if is_missing(first):
        return no_data()
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
        return [decimal(float(v), 0) if not is_missing(v) else "" for v in values]
    if name == "relative_change":
        return [ratio(float(v), signed=True) if not is_missing(v) else "" for v in values]
    if name == "coverage" or name.endswith("_coverage") or name.endswith("_share"):
        return [share(v) if not is_missing(v) else "" for v in values]
    places = _decimals(unit_kind)
    if name in ("change", "difference", "gap") or name.endswith("_change"):
        return [points(float(v), places, unit_kind) if not is_missing(v) else "" for v in values]
    if unit_kind in ("percent", "gross_ratio"):
        return [percent(float(v), places) if not is_missing(v) else "" for v in values]
    return [decimal(float(v), places) if not is_missing(v) else "" for v in values]


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
            shown[column] = [_("yes") if v else _("no") for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            shown[column] = _display_column(column, values, unit_kind)
        else:
            shown[column] = ["" if is_missing(v) else str(v) for v in values]
    return shown
