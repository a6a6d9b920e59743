"""The wb_income_history step: OGHIST's FY89-FY25 classes, completed with FY26 from the classifications."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.core import PipelineError, StepContext
from pipeline.steps import wb_income_history
from tests.conftest import SOURCES, requires_sources


def run(sources: Path, countries: pd.DataFrame) -> pd.DataFrame:
    return wb_income_history.run(StepContext(sources=sources, countries=countries)).tables["income_history"]


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "wb_income_history"
    folder.mkdir(parents=True)
    pd.DataFrame({"iso3": ["AAA", "YEM", "SUN"], "economy": ["A", "Yemen", "USSR"], "FY89": ["L", "LM*", "UM"],
                  "FY90": ["..", "L", "UM"], "FY25": ["LM", "L", ""]}).to_csv(
        folder / "country_analytical_history_fy89_fy25.csv", index=False)
    return tmp_path


def test_classes_by_fiscal_and_gni_year(sources: Path) -> None:
    countries = pd.DataFrame({"iso3": ["AAA", "YEM"], "income_group": ["UMC", None]})
    table = run(sources, countries)
    rows = list(table.itertuples(index=False, name=None))
    # '..' (not classified) dropped, LM* read as LM, SUN (no ISO3 today) dropped, FY26 from the classifications
    assert rows == [("AAA", 1989, 1987, "L"), ("AAA", 2025, 2023, "LM"), ("AAA", 2026, 2024, "UM"),
                    ("YEM", 1989, 1987, "LM"), ("YEM", 1990, 1988, "L"), ("YEM", 2025, 2023, "L")]


def test_an_unknown_class_is_refused(sources: Path) -> None:
    path = sources / "wb_income_history" / "country_analytical_history_fy89_fy25.csv"
    pd.DataFrame({"iso3": ["AAA"], "economy": ["A"], "FY89": ["Rich"]}).to_csv(path, index=False)
    with pytest.raises(PipelineError, match="income-class"):
        run(sources, pd.DataFrame({"iso3": ["AAA"], "income_group": ["LIC"]}))


@requires_sources
def test_real_fy25_counts() -> None:
    """The sources README: FY25 counts L 26 / LM 51 / UM 54 / H 86 (of which some are former or unlisted)."""
    from pipeline.steps import classifications
    from tests.pipeline.ddf_fixtures import context

    countries = classifications.run(context(SOURCES)).tables["countries"]
    table = run(SOURCES, countries)
    fy25 = table[table["fiscal_year"] == 2025]["income_class"].value_counts()
    assert (fy25["L"], fy25["LM"], fy25["UM"], fy25["H"]) == (26, 51, 54, 86)
    assert table[(table["iso3"] == "AFG") & (table["gni_year"] == 2000)]["income_class"].iloc[0] == "L"
