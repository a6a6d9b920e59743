"""Translated texts in the pipeline: indicator_texts refuses gaps, raw codes and stray ids; group names
and country names come out complete."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.core import PipelineError
from pipeline.steps.classifications import group_names
from pipeline.texts import TEXT_COLUMNS, indicator_texts

CATALOGUE = pd.DataFrame({"id": ["u5mr", "population"], "source_code": ["SH.DYN.MORT", "SP.POP.TOTL"]})


def entry(name: str) -> dict:
    return {"name": name, "short_name": name, "unit": "u", "definition": f"{name}, defined."}


def complete() -> dict:
    return {indicator: {lang: entry(f"{indicator} {lang}".title()) for lang in ("fr", "es", "ar")}
            for indicator in CATALOGUE["id"]}


def test_complete_texts_become_one_row_per_indicator_and_language():
    frame = indicator_texts(CATALOGUE, complete())
    assert list(frame.columns) == TEXT_COLUMNS
    assert list(zip(frame["id"], frame["lang"])) == [("population", "ar"), ("population", "es"), ("population", "fr"),
                                                     ("u5mr", "ar"), ("u5mr", "es"), ("u5mr", "fr")]


def test_a_missing_language_or_field_is_named():
    texts = complete()
    del texts["u5mr"]["ar"]
    texts["population"]["es"]["unit"] = " "
    with pytest.raises(PipelineError, match=r"rule indicator-texts: 2 problems") as caught:
        indicator_texts(CATALOGUE, texts)
    assert "u5mr [ar]: no name, short_name, unit, definition" in str(caught.value)
    assert "population [es]: no unit" in str(caught.value)


def test_a_raw_code_left_as_text_is_refused_but_a_capitalised_word_is_not():
    texts = complete()
    texts["u5mr"]["fr"]["short_name"] = "u5mr"
    texts["population"]["es"]["name"] = "SP.POP.TOTL"
    texts["population"]["fr"]["short_name"] = "Population"
    with pytest.raises(PipelineError) as caught:
        indicator_texts(CATALOGUE, texts)
    message = str(caught.value)
    assert "u5mr [fr]: short_name is a raw code" in message and "population [es]: name is a raw code" in message
    assert "population [fr]" not in message


def test_texts_for_an_indicator_the_catalogue_lacks_are_refused():
    with pytest.raises(PipelineError, match="texts for u6mr, which is not in the catalogue"):
        indicator_texts(CATALOGUE, {**complete(), "u6mr": {}})


def test_group_names_carry_english_and_every_translation_or_name_the_gap():
    groups = pd.DataFrame({"iso3": ["AAA", "BBB"], "grouping": ["world", "world"], "group_code": ["WLD", "WLD"],
                           "group_name": ["World", "World"]})
    names = group_names(groups, {"world": {"WLD": {"fr": "Monde", "es": "Mundo", "ar": "العالم"}}})
    assert list(zip(names["lang"], names["name"])) == [("ar", "العالم"), ("en", "World"), ("es", "Mundo"), ("fr", "Monde")]
    with pytest.raises(PipelineError, match=r"rule group-names: no name for \['world:WLD \[ar\]'\]"):
        group_names(groups, {"world": {"WLD": {"fr": "Monde", "es": "Mundo"}}})
