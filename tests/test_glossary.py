"""The glossary of official terms (locales/glossary.csv) and the catalogue's texts cannot drift apart.

The glossary fixes the French, Spanish and Arabic renderings that UN and UNICEF publications use for
terms such as 'under-five mortality rate', 'stunting' or 'West and Central Africa' (its source column
says where each comes from). Wherever an indicator's English name or short name contains a glossary
term (a whole word or phrase, any case), its translation must contain the glossary's rendering (any case);
wherever a group's English name is a glossary term, its translation is that rendering. Renderings are
written in the form the catalogue's grammar keeps: 'réfugié' matches 'réfugiés', Arabic 'لاجئ' matches
'اللاجئون' and 'اللاجئين'.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from childsdg.data import catalogue
from tests.conftest import ROOT

GLOSSARY = pd.read_csv(ROOT / "locales" / "glossary.csv", keep_default_na=False)
LANGS = catalogue.TRANSLATED_LANGUAGES


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("CHILDSDG_DATA", raising=False)


def mentions(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def test_the_glossary_is_complete_and_names_its_sources():
    assert list(GLOSSARY.columns) == ["term_en", "term_fr", "term_es", "term_ar", "source"]
    assert (GLOSSARY.map(str.strip) != "").all().all(), GLOSSARY[(GLOSSARY.map(str.strip) == "").any(axis=1)]
    assert not GLOSSARY["term_en"].str.lower().duplicated().any()
    required = ["under-five mortality rate", "neonatal mortality rate", "infant mortality rate", "maternal mortality ratio",
                "stunting", "wasting", "overweight", "immunization", "DTP3", "measles", "zero-dose children",
                "birth registration", "early childhood education", "early childhood development index",
                "safely managed drinking water services", "basic sanitation services", "basic hygiene", "PM2.5", "refugee",
                "internally displaced", "asylum-seekers", "Sustainable Development Goals", "on track",
                "acceleration needed", "target met", "annual rate of reduction", "low income", "lower middle income",
                "upper middle income", "high income", "Global South", "South-South cooperation",
                "West and Central Africa", "Eastern and Southern Africa", "Middle East and North Africa", "South Asia",
                "East Asia and Pacific", "Latin America and the Caribbean", "Europe and Central Asia",
                "Sub-Saharan Africa", "North America", "Middle East, North Africa, Afghanistan and Pakistan"]
    assert not set(required) - set(GLOSSARY["term_en"])
    u5mr = GLOSSARY.set_index("term_en").loc["under-five mortality rate"]
    assert (u5mr["term_fr"], u5mr["term_es"], u5mr["term_ar"]) == (
        "taux de mortalité des moins de 5 ans", "tasa de mortalidad de menores de 5 años", "معدل وفيات الأطفال دون سن الخامسة")


def glossary_misses(english: dict[str, str], translated: dict[str, str], lang: str) -> list[str]:
    """One line for each glossary term an English text uses and its translation (same key) lacks."""
    misses = []
    for row in GLOSSARY.itertuples(index=False):
        rendering = getattr(row, f"term_{lang}")
        for field, text in english.items():
            if mentions(text, row.term_en) and rendering.lower() not in translated[field].lower():
                misses.append(f"{field} uses {row.term_en!r}, {lang} lacks {rendering!r}: {translated[field]}")
    return misses


@pytest.mark.parametrize("lang", LANGS)
def test_every_indicator_text_uses_the_glossary_terms(lang):
    misses = {}
    for indicator_id in catalogue.indicators().index:
        english = {field: catalogue.indicator_text(indicator_id)[field] for field in ("name", "short_name")}
        found = glossary_misses(english, catalogue.indicator_text(indicator_id, lang), lang)
        if found:
            misses[indicator_id] = found
    assert not misses, misses


@pytest.mark.parametrize("lang", LANGS)
def test_every_group_named_in_the_glossary_has_its_rendering(lang):
    terms = {row.term_en.lower(): getattr(row, f"term_{lang}") for row in GLOSSARY.itertuples(index=False)}
    checked, wrong = 0, {}
    for grouping in catalogue.GROUPINGS:
        translated = catalogue.group_names(grouping, lang)
        for code, english in catalogue.group_names(grouping).items():
            if english.lower() in terms:
                checked += 1
                if translated[code].lower() != terms[english.lower()].lower():
                    wrong[f"{grouping}:{code}"] = (translated[code], terms[english.lower()])
    assert checked >= 20 and not wrong, wrong


def test_mentions_matches_whole_words_only():
    assert mentions("Mortality rate, under-5 (per 1,000 live births)", "live births")
    assert not mentions("Children under 18 (WorldPop 2024)", "World")
    assert not mentions("Prevalence of underweight", "overweight")
