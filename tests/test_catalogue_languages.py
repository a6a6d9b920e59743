"""The catalogue in French, Spanish and Arabic: indicator texts, group names and country names, each
falling back to English where a store has no translation (tiny store), and complete in the bundled one."""

from __future__ import annotations

import pandas as pd
import pytest

from childsdg.data import catalogue
from tests.conftest import DATA, SOURCES, requires_sources
from tests.storefactory import country, indicator

COUNTRIES = [country("AAA", name_fr="Pays A", name_ar="البلد أ"), country("BBB")]
INDICATORS = [indicator("u5mr", "births", name="Under-5 mortality", short_name="U5MR", unit="deaths per 1,000",
                        definition="Probability of dying before age 5."),
              indicator("nmr", "births", name="Neonatal mortality", short_name="NMR", unit="deaths per 1,000",
                        definition="Probability of dying in the first 28 days.")]
ROWS = [("AAA", "u5mr", 2020, 50.0), ("AAA", "nmr", 2020, 20.0)]
TEXTS = [("u5mr", "fr", "Mortalité des moins de 5 ans", "TMM5", "décès pour 1 000", "Probabilité de mourir avant 5 ans."),
         ("u5mr", "es", "Mortalidad de menores de 5 años", "TMM5", "", "Probabilidad de morir antes de los 5 años.")]


@pytest.fixture()
def store(tmp_path, monkeypatch):
    from tests.storefactory import make_store

    folder = make_store(tmp_path / "store", COUNTRIES, INDICATORS, ROWS, texts=TEXTS,
                        group_texts=[("unicef_region", "ESAR", "fr", "Afrique de l'Est et australe")])
    monkeypatch.setenv("CHILDSDG_DATA", str(folder))
    return folder


def test_indicator_text_is_the_translation_with_english_for_each_missing_field(store):
    assert catalogue.indicator_text("u5mr", "fr") == {
        "name": "Mortalité des moins de 5 ans", "short_name": "TMM5", "unit": "décès pour 1 000",
        "definition": "Probabilité de mourir avant 5 ans."}
    assert catalogue.indicator_text("u5mr", "es")["unit"] == "deaths per 1,000"  # blank in the store
    assert catalogue.indicator_text("u5mr", "ar")["name"] == "Under-5 mortality"  # no Arabic row at all
    assert catalogue.indicator_text("nmr", "fr")["definition"] == "Probability of dying in the first 28 days."
    assert catalogue.indicator_text("u5mr")["name"] == "Under-5 mortality"


def test_indicator_text_is_a_copy_the_caller_may_change(store):
    catalogue.indicator_text("u5mr", "fr")["name"] = "changed"
    assert catalogue.indicator_text("u5mr", "fr")["name"] == "Mortalité des moins de 5 ans"


def test_unknown_indicator_or_language_is_named(store):
    with pytest.raises(ValueError, match="unknown indicator 'u6mr'"):
        catalogue.indicator_text("u6mr", "fr")
    with pytest.raises(ValueError, match="unknown language 'de'; use one of en, fr, es, ar"):
        catalogue.indicator_text("u5mr", "de")
    with pytest.raises(ValueError, match="unknown language"):
        catalogue.country_names("pt")


def test_group_names_are_translated_with_english_fallback(store):
    assert catalogue.group_name("unicef_region", "ESAR", "fr") == "Afrique de l'Est et australe"
    assert catalogue.group_name("unicef_region", "ESAR", "es") == "Region ESAR"
    assert catalogue.group_name("unicef_region", "ESAR") == "Region ESAR"
    assert catalogue.group_names("income_group", "ar") == {"LIC": "Low income"}
    with pytest.raises(ValueError, match="unknown group 'WCAR'"):
        catalogue.group_name("unicef_region", "WCAR", "fr")


def test_country_names_are_translated_with_english_fallback(store):
    assert catalogue.country_names("fr") == {"AAA": "Pays A", "BBB": "Country BBB"}
    assert catalogue.country_name("aaa", "ar") == "البلد أ"
    assert catalogue.country_name("AAA", "es") == "Country AAA"
    assert catalogue.country_names() == {"AAA": "Country AAA", "BBB": "Country BBB"}
    with pytest.raises(ValueError, match="unknown country code"):
        catalogue.country_name("ZZZ", "fr")


# The bundled store.

@pytest.fixture()
def bundled(monkeypatch):
    monkeypatch.delenv("CHILDSDG_DATA", raising=False)


@pytest.mark.parametrize("lang", catalogue.TRANSLATED_LANGUAGES)
def test_every_indicator_has_every_text_in_every_language(bundled, lang):
    texts = pd.read_csv(DATA / "indicator_texts.csv", keep_default_na=False)
    ids = set(catalogue.indicators().index)
    in_lang = texts[texts["lang"] == lang]
    assert set(in_lang["id"]) == ids and len(in_lang) == len(ids)
    for field in catalogue.INDICATOR_TEXT_FIELDS:
        assert (in_lang[field].str.strip() != "").all(), f"{lang} {field} blank"
    english = catalogue.indicators().set_index("id")["name"]
    same_as_english = [i for i in ids if catalogue.indicator_text(i, lang)["name"] == english[i]]
    assert not same_as_english, f"names in {lang} left in English: {same_as_english}"


def test_the_headline_texts_read_as_un_publications_do(bundled):
    assert catalogue.indicator_text("u5mr", "fr")["name"].startswith("Taux de mortalité des moins de 5 ans")
    assert catalogue.indicator_text("u5mr", "es")["name"].startswith("Tasa de mortalidad de menores de 5 años")
    assert catalogue.indicator_text("u5mr", "ar")["name"].startswith("معدل وفيات الأطفال دون سن الخامسة")
    assert catalogue.group_name("unicef_region", "WCAR", "fr") == "Afrique de l'Ouest et du Centre"
    assert catalogue.group_name("income_group", "LMC", "es") == "Ingreso mediano bajo"
    assert catalogue.group_name("world", "WLD", "ar") == "العالم"


@pytest.mark.parametrize("lang", catalogue.TRANSLATED_LANGUAGES)
def test_every_group_is_named_in_every_language(bundled, lang):
    for grouping in catalogue.GROUPINGS:
        english = catalogue.group_names(grouping)
        translated = catalogue.group_names(grouping, lang)
        assert translated.keys() == english.keys()
        assert all(translated[code] != code for code in translated), grouping


@requires_sources
@pytest.mark.parametrize("lang", catalogue.TRANSLATED_LANGUAGES)
def test_every_country_has_a_name_and_it_is_the_un_name_where_the_un_gives_one(bundled, lang):
    names = catalogue.country_names(lang)
    stored = pd.read_csv(DATA / "countries.csv", keep_default_na=False).set_index("iso3")[f"name_{lang}"]
    assert (stored != "").all(), f"countries without a {lang} name: {list(stored[stored == ''].index)}"
    un = pd.read_csv(SOURCES / "names_multilingual" / "country_names_en_fr_es_ar.csv",
                     keep_default_na=False).set_index("iso3")[f"name_{lang}"]
    differing = {iso3: (names[iso3], name) for iso3, name in un.items() if name and names[iso3] != name}
    assert not differing, differing
