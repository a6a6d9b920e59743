"""Every page in French, Spanish and Arabic shows no English sentence of the catalogues; Arabic reads right
to left; the language follows the reader from page to page.

What counts as English left over: a text of the page (a line of what the browser renders, or one text
node) that equals an English string of any area's catalogue (locales/*.pot) whose translation in that
language differs, or that a catalogue sentence with values fills ("{group}: one headline per theme"
matches "West and Central Africa: one headline per theme"). Proper names, codes and numbers are not
catalogue strings, so they never count; strings still untranslated are tests/test_translations.py's
business.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from childsdg import i18n
from childsdg.views.page_registry import PAGES
from tests.browser.conftest import wait_until_idle

LOCALES = Path(__file__).resolve().parents[2] / "locales"
LANGUAGES = ("fr", "es", "ar")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
MIN_TEMPLATE_LETTERS = 8  # a sentence with values is matched only if its own words are this long: "{a} in {b}" is not

# Every text the page renders: its lines (as a reader sees them) and its text nodes (a bold word apart).
TEXTS = """() => {
  const texts = document.body.innerText.split('\\n');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) texts.push(node.textContent);
  }
  return texts.map(t => t.trim()).filter(t => t.length > 1);
}"""


@cache
def english(language: str) -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """The English strings of every area that ``language`` writes differently: plain ones, and the
    sentences with values as patterns."""
    plain, templates = set(), []
    for template in sorted(LOCALES.glob("*.pot")):
        with template.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            for msgid in (message.id if isinstance(message.id, tuple) else (message.id,)):
                if not msgid or i18n.catalogue(language).gettext(msgid) == msgid:
                    continue
                if not PLACEHOLDER.search(msgid):
                    plain.add(msgid.strip())
                elif sum(ch.isalpha() for ch in PLACEHOLDER.sub("", msgid)) >= MIN_TEMPLATE_LETTERS:
                    parts = PLACEHOLDER.split(msgid.strip())
                    templates.append(re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL))
    return frozenset(plain), tuple(templates)


def leftovers(texts: list[str], language: str) -> list[str]:
    plain, templates = english(language)
    return sorted({text for text in texts if text in plain or any(t.fullmatch(text) for t in templates)})


def open_page(recorded, server: str, path: str, language: str):
    page = recorded().page
    page.goto(f"{server}/{path}?lang={language}")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    page.wait_for_selector("[data-testid='stSidebar'] a", timeout=60_000)  # the menu, drawn by app.py
    wait_until_idle(page)
    page.wait_for_timeout(1_500)  # charts draw their SVG after the run
    wait_until_idle(page)
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_sentence_is_left_on_any_page(server, recorded, language):
    found = {}
    for entry in PAGES:
        page = open_page(recorded, server, entry.url_path, language)
        assert not page.locator("[data-testid='stException']").count(), \
            page.locator("[data-testid='stException']").first.inner_text()
        assert f"lang={language}" in page.url, f"{entry.url_path}: ?lang= dropped from the URL ({page.url})"
        english_left = leftovers(page.evaluate(TEXTS), language)
        if english_left:
            found[entry.url_path or "overview"] = english_left
        page.context.close()
    assert not found, f"English left in {language}: {found}"


def test_the_leftover_check_finds_english(server, recorded):
    """The check is not blind: the English page holds catalogue strings that French translates."""
    page = open_page(recorded, server, "survival", "en")
    left = leftovers(page.evaluate(TEXTS), "fr")
    assert "Compare within" in left and "Child survival" in left
    assert any(text.startswith("Showing ") for text in left), left  # a sentence with values


def test_arabic_reads_right_to_left_and_charts_left_to_right(server, recorded):
    page = open_page(recorded, server, "survival", "ar")
    direction = page.evaluate("""() => ['stMain', 'stSidebar'].map(id =>
        getComputedStyle(document.querySelector(`[data-testid="${id}"]`)).direction)""")
    assert direction == ["rtl", "rtl"]
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    charts = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .map(chart => getComputedStyle(chart).direction)""")
    assert charts and set(charts) == {"ltr"}


def test_the_language_follows_the_reader_to_another_page(server, recorded):
    page = open_page(recorded, server, "", "fr")
    assert page.locator("[data-testid='stSidebar']").get_by_text("Langue", exact=True).count()
    page.locator("[data-testid='stSidebar'] a").filter(has_text="Survie de l'enfant").first.click()
    page.wait_for_url("**/survival?**lang=fr**", timeout=30_000)
    page.wait_for_selector("[data-testid='stMain'] h1:has-text(\"Survie de l'enfant\")", timeout=60_000)
