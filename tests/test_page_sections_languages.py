"""The page sections in French and Arabic (issue 14): no English sentence of the themes and progress
catalogues is left on the pages that use them, and a known translation is shown.

The reader's language is set for the whole page run by giving ``i18n`` a language variable whose
default is the language tested (a Streamlit script runs in a thread of its own, which starts with
the variable's default), and by ``?lang=`` for the app once it reads it.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar

import pytest
from babel.messages.pofile import read_po

from childsdg import i18n
from locales import catalogues
from tests.conftest import ROOT
from tests.test_theme_sections import run_page

AREAS = ("themes", "progress")
# Areas whose words other parts of the code write (page titles, filters, charts): a phrase of ours that
# those files also write is theirs to translate, and tested with them.
OTHER_AREAS = ("common", "charts", "briefing")
# Proto fields that hold data or a chart rather than words of ours (the charts area is tested on its own).
NOT_WORDS = {"spec", "config", "id", "form_id", "arrow_data", "data", "url", "page", "page_script_hash", "icon",
             "theme", "selection_mode", "default", "value", "raw_values", "type"}
PAGES = [  # page, parameters, a translation each language must show (from the themes or progress catalogue)
    ("survival", {}, {"fr": "Variation depuis", "ar": "التغير منذ"}),
    ("", {}, {"fr": "Les effectifs sont des sommes", "ar": "الأعداد مجاميع"}),
    ("progress", {}, {"fr": "Début de la période", "ar": "بداية الفترة"}),
    ("peers", {"country": "NGA"}, {"fr": "Les pairs se situaient à", "ar": "كان النظراء ضمن"}),
    ("country_profile", {"country": "NGA"}, {"fr": "Progrès vers 2030", "ar": "التقدم نحو عام 2030"}),
    ("briefing", {"place": "NGA", "indicators": ["u5mr"]}, {"fr": "Pays ou groupe", "ar": "البلد أو المجموعة"}),
]


def other_areas_source() -> str:
    """The code of the other areas, as text."""
    files = []
    for area in OTHER_AREAS:
        for part in catalogues.AREAS[area]:
            path = ROOT / part
            files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return "\n".join(file.read_text(encoding="utf-8") for file in files)


def english_phrases() -> dict[str, str]:
    """Each msgid's literal runs of at least two words (between placeholders and markup) -> its msgid,
    but those the other areas' code also writes."""
    others = other_areas_source()
    phrases = {}
    for area in AREAS:
        with (ROOT / "locales" / f"{area}.pot").open("rb") as handle:
            for message in read_po(handle):
                for msgid in (message.id if isinstance(message.id, tuple) else (message.id,)):
                    for run in re.split(r"\{\w*\}|\*\*|[()'`]", msgid):
                        run = run.strip(" .,;:—·-")
                        if len(run) >= 12 and " " in run and run not in others:
                            phrases[run] = msgid
    return phrases


def words(node) -> list[str]:
    """Every string of an element tree node and its children, but data and chart specs."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        found.extend(_strings(proto))
    for child in getattr(node, "children", {}).values():
        found.extend(words(child))
    return found


def _strings(proto) -> list[str]:
    found = []
    for field, value in proto.ListFields():
        if field.name in NOT_WORDS:
            continue
        repeated = hasattr(value, "__iter__") and not isinstance(value, (str, bytes)) and not hasattr(value, "ListFields")
        values = list(value) if repeated else [value]
        for item in values:
            if field.name == "columns" and isinstance(item, str):  # column config: English keys, shown labels
                found.extend(str(config.get(part, "")) for config in json.loads(item or "{}").values()
                             if isinstance(config, dict) for part in ("label", "help"))
            elif isinstance(item, str):
                found.append(item)
            elif hasattr(item, "ListFields"):
                found.extend(_strings(item))
    return found


@pytest.fixture()
def language(request, monkeypatch):
    """The page runs in ``request.param`` (threads start with the variable's default)."""
    monkeypatch.setattr(i18n, "_language", ContextVar("language", default=request.param))
    return request.param


@pytest.mark.parametrize("language", ["fr", "ar"], indirect=True)
@pytest.mark.parametrize("page, params, expected", PAGES, ids=[p[0] or "overview" for p in PAGES])
def test_page_sections_speak_the_readers_language(language, page, params, expected):
    at = run_page(page, clean=False, lang=language, **params)
    shown = "\n".join(words(at._tree))
    assert expected[language] in shown
    left = {phrase: [line for line in shown.splitlines() if phrase in line][:2]
            for phrase, msgid in english_phrases().items()
            if phrase in shown and phrase not in i18n.catalogue(language).gettext(msgid)}
    assert not left, left
