"""The four languages: catalogues complete and compiled, the language chosen per reader, locale numbers."""

from __future__ import annotations

import threading

import pytest

from childsdg import i18n
from locales import catalogues


def test_every_marked_string_is_translated_and_compiled():
    listed = catalogues.problems()
    assert not listed, f"{len(listed)} problems, e.g.:\n" + "\n".join(listed[:20])


@pytest.mark.parametrize("said, taken", [("fr", "fr"), ("fr-SN", "fr"), ("AR_eg", "ar"), ("es-419", "es"),
                                         ("de", "en"), ("", "en"), (None, "en"), ("<script>", "en")])
def test_a_language_code_is_normalised(said, taken):
    assert i18n.normalise(said) == taken


@pytest.mark.parametrize("header, taken", [
    ("ar-EG,ar;q=0.9,en;q=0.8", "ar"), ("de-DE,de;q=0.9,es;q=0.8,fr;q=0.7", "es"),
    ("en;q=0.5,fr;q=0.9", "fr"), ("de,it", "en"), ("", "en"), (None, "en"), ("fr;q=abc,es", "es")])
def test_the_browser_language_picks_the_first_supported_by_weight(header, taken):
    assert i18n.from_accept_language(header) == taken


def test_each_thread_has_its_own_language():
    seen = {}
    barrier = threading.Barrier(2)

    def reader(language):
        i18n.use(language)
        barrier.wait()
        seen[language] = i18n.current()

    threads = [threading.Thread(target=reader, args=(language,)) for language in ("fr", "ar")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"fr": "fr", "ar": "ar"}
    assert i18n.current() == "en"  # this thread chose nothing


def test_a_string_without_translation_stays_english():
    i18n.use("fr")
    try:
        assert i18n._("A sentence nobody marked for translation") == "A sentence nobody marked for translation"
    finally:
        i18n.use("en")


def test_arabic_is_the_right_to_left_language():
    assert [code for code in i18n.LANGUAGES if i18n.is_right_to_left(code)] == ["ar"]


@pytest.mark.parametrize("language, number, share, change", [
    ("en", "1,234.5", "1,234.5%", "-2.3"),
    ("fr", "1\u202f234,5", "1\u202f234,5\u00a0%", "-2,3"),
    ("es", "1.234,5", "1.234,5\u00a0%", "-2,3"),
    ("ar", "1,234.5", "1,234.5%", "-2.3"),  # Western digits, stated in childsdg/i18n.py
])
def test_numbers_are_written_the_readers_way(language, number, share, change):
    i18n.use(language)
    try:
        assert i18n.decimal(1234.5) == number
        assert i18n.percent(1234.5) == share
        assert i18n.decimal(-2.345, 1, signed=True) == change
        assert i18n.decimal(2.345, 1, signed=True).startswith("+2")
    finally:
        i18n.use("en")
