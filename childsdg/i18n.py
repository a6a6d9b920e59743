"""The reader's language: English, French, Spanish or Arabic, for every word the dashboard writes.

Words are looked up in gettext catalogues: ``locales/<lang>/LC_MESSAGES/<area>.po``, written by the
team, compiled to ``.mo`` with Babel (``make translations``) and committed beside them; a test checks
the ``.mo`` files are the compiled ``.po`` files and that every string in the code has a translation.
One catalogue per area of the code (``views``, ``charts`` …) so that people translating different
parts never edit the same file; the areas of a language are chained into one lookup.

Why a context variable and not an argument: the language is the reader's, chosen once per page run
(``use`` at the top of the run, from ``?lang=``), and the words are written far below, in chart and
export code shared by all readers. Streamlit runs each reader's script in a thread of its own, and a
context variable set in one thread is not seen by another, so two readers in two languages never
mix. A thread started by our code sees the default (English) unless it copies the context
(``contextvars.copy_context().run``). Caches of anything holding words must key on ``current()``.

Numbers: Babel writes them per locale ("1 234,5" in French, "1.234,5" in Spanish). Arabic keeps the
Western digits 0-9, as Babel's ``ar`` locale does by default and as UN Arabic-language statistical
tables print them, with the Arabic comma and decimal marks of that locale.
"""

from __future__ import annotations

import functools
import gettext as gnu_gettext
from contextvars import ContextVar
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal

LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
DEFAULT_LANGUAGE = "en"
RIGHT_TO_LEFT = frozenset({"ar"})
LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def normalise(code: str | None) -> str:
    """A supported language code from what a URL or a browser says ('fr-SN' -> 'fr'); English otherwise."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def use(code: str | None) -> str:
    """Make ``code`` the language of this thread's page run; returns the language taken."""
    language = normalise(code)
    _language.set(language)
    return language


def current() -> str:
    """The language of this thread's page run."""
    return _language.get()


def is_right_to_left(language: str | None = None) -> bool:
    return (language or current()) in RIGHT_TO_LEFT


def from_accept_language(header: str | None) -> str:
    """The first supported language of a browser's Accept-Language header ('ar-EG,ar;q=0.9,en' -> 'ar').

    Entries are taken in the order of their q weights, as RFC 9110 says; a header naming none of the
    four languages gives English.
    """
    weighted = []
    for position, entry in enumerate((header or "").split(",")):
        tag, _sep, params = entry.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        weighted.append((-weight, position, tag.strip()))
    for _weight, _position, tag in sorted(weighted):
        base = tag.lower().split("-")[0]
        if base in LANGUAGES:
            return base
    return DEFAULT_LANGUAGE


@functools.cache
def catalogue(language: str) -> gnu_gettext.NullTranslations:
    """Every area's compiled catalogue of ``language`` chained into one; English is the source text."""
    chained: gnu_gettext.NullTranslations = gnu_gettext.NullTranslations()
    if language == DEFAULT_LANGUAGE:
        return chained
    for compiled in sorted((LOCALES_DIR / language / "LC_MESSAGES").glob("*.mo")):
        with compiled.open("rb") as handle:
            area = gnu_gettext.GNUTranslations(handle)
        area.add_fallback(chained)
        chained = area
    return chained


def _(message: str) -> str:
    """``message`` in the reader's language (English when a translation is missing, never a key)."""
    return catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` in the reader's language (Arabic has six forms)."""
    return catalogue(current()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a string for translation where it is defined (a module constant) without translating it:
    the code calls ``_(constant)`` where the reader's language is known."""
    return message


def decimal(value: float, places: int = 1, signed: bool = False) -> str:
    """``value`` with the reader's separators: 1234.5 -> '1,234.5', '1 234,5' (fr), '1.234,5' (es)."""
    return _format(value, _digits(places), signed)


def percent(value: float, places: int = 1, signed: bool = False) -> str:
    """A value already in percent (35.0) as the reader's locale writes a percentage: '35.0%', '35,0 %'."""
    locale_pattern = Locale.parse(current()).percent_formats[None].pattern.split(";")[0]
    return _format(value / 100, locale_pattern.replace("#,##0", _digits(places), 1), signed)


def _digits(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def _format(value: float, pattern: str, signed: bool) -> str:
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=current(), decimal_quantization=True)
