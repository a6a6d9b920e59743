"""Each validation rule fires on data built to break it, and names the file, rows and rule."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import validate
from pipeline.core import PipelineError

CATALOGUE = pd.DataFrame([
    {"id": "u5mr", "name": "Under-5 mortality", "short_name": "U5MR", "theme": "survival", "unit": "per 1,000",
     "unit_kind": "per_1000", "polarity": "lower_is_better", "weight": "births", "source_name": "UN IGME",
     "source_code": "SH.DYN.MORT", "licence": "CC BY 4.0", "citation": "c", "vintage": "2026", "definition": "d"},
    {"id": "water", "name": "Basic water", "short_name": "Water", "theme": "environment", "unit": "%",
     "unit_kind": "percent", "polarity": "higher_is_better", "weight": "population", "source_name": "JMP",
     "source_code": "W", "licence": "CC BY 4.0", "citation": "c", "vintage": "2025", "definition": "d"},
    {"id": "refugees", "name": "Refugees", "short_name": "Refugees", "theme": "humanitarian", "unit": "people",
     "unit_kind": "count", "polarity": "neutral", "weight": "none", "source_name": "UNHCR",
     "source_code": "R", "licence": "CC BY 4.0", "citation": "c", "vintage": "2025", "definition": "d"},
])
KNOWN = {"KEN", "UGA"}


def observations(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (iso3, indicator, year, value[, sex]) from a file 'raw/test.csv', lines 2, 3, ..."""
    frame = pd.DataFrame([(*r, "total")[:5] for r in rows], columns=["iso3", "indicator", "year", "value", "sex"])
    frame["residence"] = "total"
    frame["source"] = "test"
    frame["kind"] = "modelled"
    frame["source_file"] = "raw/test.csv"
    frame["source_row"] = range(2, 2 + len(frame))
    return frame


def test_valid_observations_pass():
    validate.check_observations(observations([("KEN", "u5mr", 2020, 42.1), ("UGA", "water", 2020, 56.0),
                                              ("KEN", "refugees", 2020, 0.0)]), CATALOGUE, KNOWN)


@pytest.mark.parametrize("rows, rule, lines", [
    ([("KEN", "u5mr", 2020, 42.1), ("KEN", "u5mr", 2020, 43.0)], "duplicate-key", "lines 2, 3"),
    ([("KEN", "u5mr", 2020, 1001.0)], "value-range", "lines 2"),
    ([("KEN", "u5mr", 2020, 10.0), ("KEN", "water", 2020, 100.5)], "value-range", "lines 3"),
    ([("KEN", "refugees", 2020, -1.0)], "value-range", "lines 2"),
    ([("KEN", "stunting", 2020, 20.0)], "indicator-in-catalogue", "lines 2"),
    ([("KEN", "u5mr", 2020, 40.0), ("WLD", "u5mr", 2020, 37.0)], "iso3-in-countries", "lines 3"),
    ([("KEN", "u5mr", 2020, 40.0, "girls")], "sex-value", "lines 2"),
    ([("KEN", "u5mr", 2020, float("inf"))], "value-range", "lines 2"),
])
def test_each_rule_fires_and_names_file_rows_and_rule(rows, rule, lines):
    with pytest.raises(PipelineError) as caught:
        validate.check_observations(observations(rows), CATALOGUE, KNOWN)
    message = str(caught.value)
    assert f"raw/test.csv: rule {rule}" in message
    assert lines in message


def test_message_counts_rows_beyond_those_it_lists():
    rows = [("KEN", "water", 2000 + i, 150.0) for i in range(12)]
    with pytest.raises(PipelineError, match=r"12 rows \(lines 2, 3, 4, 5, 6, 7, 8, 9 and 4 more\)"):
        validate.check_observations(observations(rows), CATALOGUE, KNOWN)


def test_catalogue_rules():
    validate.check_catalogue(CATALOGUE)
    broken = CATALOGUE.copy()
    broken.loc[0, "weight"] = "children"
    broken.loc[1, "citation"] = ""
    with pytest.raises(PipelineError) as caught:
        validate.check_catalogue(broken)
    assert "weight must be one of" in str(caught.value) and "u5mr" in str(caught.value)
    assert "citation is blank for ['water']" in str(caught.value)
    with pytest.raises(PipelineError, match="defined twice"):
        validate.check_catalogue(pd.concat([CATALOGUE, CATALOGUE.iloc[[0]]]))
