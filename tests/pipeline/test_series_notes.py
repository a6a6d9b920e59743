"""The series-notes check on constructed series: a jump is found, a noted one is not listed as unexplained."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.core import PipelineError
from pipeline.series_notes import find_jumps, inherit_notes, notes_from_meta, series_notes, unexplained

UNIT_KINDS = pd.Series({"u5mr": "per_1000", "refugees": "count", "deaths": "count"})


def frame(rows):
    return pd.DataFrame([{"iso3": iso3, "indicator": ind, "year": year, "value": value, "sex": "total",
                          "residence": "total"} for iso3, ind, year, value in rows])


OBSERVATIONS = frame([
    # AAA: a one-year spike in 2002 (98 -> 250 -> 95): two jumps, into and out of 2002
    ("AAA", "u5mr", 2000, 100.0), ("AAA", "u5mr", 2001, 98.0), ("AAA", "u5mr", 2002, 250.0), ("AAA", "u5mr", 2003, 95.0),
    # BBB: +75% but only 6 per 1,000 (below the floor), then a gap of five years (not year-on-year)
    ("BBB", "u5mr", 2000, 8.0), ("BBB", "u5mr", 2001, 14.0), ("BBB", "u5mr", 2006, 60.0),
    # CCC: refugees fall from 303,436 to 320 (a count beyond 50% and 50,000)
    ("CCC", "refugees", 2021, 303_436.0), ("CCC", "refugees", 2022, 320.0),
    # AAA deaths, derived from u5mr, jump with it
    ("AAA", "deaths", 2001, 98_000.0), ("AAA", "deaths", 2002, 250_000.0),
])
META = {"wdi": {"source": {"name": "WDI"}, "series_notes": [
    {"iso3": "AAA", "indicators": ["u5mr"], "years": [2002], "note": "Crisis deaths of 2002.", "source": "UN IGME"}]}}


def test_jumps_beyond_the_unit_thresholds_are_found():
    jumps = find_jumps(OBSERVATIONS, UNIT_KINDS)
    found = set(zip(jumps["iso3"], jumps["indicator"], jumps["from_year"], jumps["to_year"]))
    assert found == {("AAA", "u5mr", 2001, 2002), ("AAA", "u5mr", 2002, 2003), ("CCC", "refugees", 2021, 2022),
                     ("AAA", "deaths", 2001, 2002)}


def test_a_noted_jump_is_explained_and_its_derived_twin_inherits_the_note():
    notes = notes_from_meta(META)
    assert notes.to_dict("records") == [{"iso3": "AAA", "indicator": "u5mr", "year": 2002,
                                         "note": "Crisis deaths of 2002.", "source": "UN IGME"}]
    jumps = find_jumps(OBSERVATIONS, UNIT_KINDS)
    assert len(unexplained(jumps, pd.DataFrame(columns=notes.columns))) == 4
    left = unexplained(jumps, notes)  # both ends of the 2002 spike are explained by one note
    assert set(zip(left["iso3"], left["indicator"])) == {("CCC", "refugees"), ("AAA", "deaths")}
    inherited = inherit_notes(notes, {"deaths": ["u5mr"]}, pd.Series({"u5mr": "Under-5 mortality"}))
    assert inherited.loc[inherited["indicator"] == "deaths", "note"].tolist() == [
        "In its input, Under-5 mortality: Crisis deaths of 2002."]
    assert unexplained(jumps, inherited)[["iso3", "indicator"]].values.tolist() == [["CCC", "refugees"]]


def test_the_build_lists_the_unexplained_and_refuses_a_stale_note():
    catalogue = pd.DataFrame({"id": list(UNIT_KINDS.index), "unit_kind": list(UNIT_KINDS),
                              "short_name": list(UNIT_KINDS.index)})
    log = []
    notes = series_notes(OBSERVATIONS, catalogue, META, {"deaths": ["u5mr"]}, log.append)
    assert set(notes["indicator"]) == {"u5mr", "deaths"}
    assert any("4 year-on-year jumps" in line and "1 unexplained" in line for line in log), log
    assert any("unexplained: CCC refugees 2021 -> 2022" in line for line in log), log
    stale = {"wdi": {"source": {"name": "WDI"}, "series_notes": [
        {"iso3": "AAA", "indicators": ["u5mr"], "years": [1990], "note": "No such year."}]}}
    with pytest.raises(PipelineError, match="series-note-target"):
        series_notes(OBSERVATIONS, catalogue, stale, {}, log.append)
