"""Published figures reproduced through the API: what a briefing can quote must be what the producers publish.

Each row: indicator, group, year, the published figure, where it is published, and its basis:

- ``file``: the producer's aggregate row in ``../shared/sources`` (the World Bank's rows in WDI for UN
  IGME, MMEIG, WUENIC and JME series; the JME modelled and JMP national files; UIS's files by global and
  income group). The literal was read from that file, and ``test_file_figures_are_the_source_rows``
  reads the row again; the API must give it within 2%.
- ``report``: a figure quoted in the producer's report (headline numbers known with certainty); within 5%.

``api.headline`` is asked for the group and year and must answer with that year's published
aggregate, labelled as the producer's. No exception is needed: where a producer's aggregate has
another composition than our group (maternal mortality, birth attendance, antenatal care and birth
registration by World Bank region), no published figure is shown and our weighted one is labelled as
ours (``test_regions_of_another_composition_show_ours``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from childsdg import api
from pipeline.core import load_meta
from tests.conftest import SOURCES, requires_sources

FILE, REPORT = 0.02, 0.05
WDI = "World Bank WDI July 2026 (source file row)"
FIGURES = [
    # indicator, group, year, published figure, publication, tolerance
    ("u5mr", "world", 2024, 37.4, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "wb_region:SSF", 2024, 71.2, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "wb_region:SAS", 2024, 26.8, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "wb_region:EAS", 2024, 13.2, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "wb_region:LCN", 2024, 15.4, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "income_group:LIC", 2024, 68.8, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "world", 2015, 42.9, f"UN IGME 2025 via {WDI}", FILE),
    ("u5mr", "world", 2000, 76.7, f"UN IGME 2025 via {WDI}", FILE),
    ("nmr", "world", 2024, 17.2, f"UN IGME 2025 via {WDI}", FILE),
    ("nmr", "wb_region:SSF", 2024, 26.6, f"UN IGME 2025 via {WDI}", FILE),
    ("imr", "world", 2024, 27.7, f"UN IGME 2025 via {WDI}", FILE),
    ("mmr", "world", 2023, 197.0, f"UN MMEIG 2025 via {WDI}", FILE),
    ("mmr", "world", 2015, 228.0, f"UN MMEIG 2025 via {WDI}", FILE),
    ("mmr", "income_group:LIC", 2023, 346.0, f"UN MMEIG 2025 via {WDI}", FILE),
    ("mmr", "income_group:HIC", 2023, 10.0, f"UN MMEIG 2025 via {WDI}", FILE),
    ("dtp3", "world", 2024, 84.78, f"WUENIC 2024 via {WDI}", FILE),
    ("dtp3", "wb_region:SSF", 2024, 73.95, f"WUENIC 2024 via {WDI}", FILE),
    ("dtp3", "income_group:LIC", 2024, 70.18, f"WUENIC 2024 via {WDI}", FILE),
    ("mcv1", "world", 2024, 84.30, f"WUENIC 2024 via {WDI}", FILE),
    ("mcv1", "wb_region:SSF", 2024, 69.07, f"WUENIC 2024 via {WDI}", FILE),
    ("stunting_modelled", "world", 2020, 22.01, "JME modelled (jme_modelled file)", FILE),
    ("stunting_modelled", "world", 2015, 24.36, "JME modelled (jme_modelled file)", FILE),
    ("stunting_modelled", "world", 2012, 26.21, "JME modelled (jme_modelled file)", FILE),
    ("stunting_modelled", "world", 2000, 33.07, "JME modelled (jme_modelled file)", FILE),
    ("stunting_modelled", "wb_region:SSF", 2020, 32.37, "JME modelled (jme_modelled file)", FILE),
    ("stunting_modelled", "wb_region:SAS", 2020, 31.77, "JME modelled (jme_modelled file)", FILE),
    ("stunting_modelled", "income_group:LIC", 2020, 35.08, "JME modelled (jme_modelled file)", FILE),
    ("overweight_modelled", "world", 2022, 5.59, "JME modelled (jme_modelled file)", FILE),
    ("wasting", "world", 2024, 6.6, f"JME via {WDI}", FILE),
    ("wasting", "wb_region:SAS", 2024, 15.65, f"JME via {WDI}", FILE),
    ("wasting", "wb_region:SSF", 2024, 5.86, f"JME via {WDI}", FILE),
    ("severe_wasting", "world", 2024, 1.89, f"JME via {WDI}", FILE),
    ("underweight", "world", 2024, 12.18, f"JME via {WDI}", FILE),
    ("hygiene_basic", "world", 2022, 72.16, "JMP national (jmp_national file)", FILE),
    ("hygiene_basic", "world", 2020, 70.84, "JMP national (jmp_national file)", FILE),
    ("hygiene_basic", "wb_region:SSF", 2022, 23.45, "JMP national (jmp_national file)", FILE),
    ("water_safely_managed", "world", 2020, 74.27, "JMP national (jmp_national file)", FILE),
    ("water_safely_managed", "world", 2015, 70.20, "JMP national (jmp_national file)", FILE),
    ("water_safely_managed", "wb_region:SSF", 2020, 30.17, "JMP national (jmp_national file)", FILE),
    ("participation_pre_primary", "world", 2023, 74.68, "UIS (uis file by global)", FILE),
    ("participation_pre_primary", "income_group:HIC", 2023, 89.16, "UIS (uis file by income_group)", FILE),
    ("electricity_access", "world", 2023, 91.60, f"Tracking SDG 7 via {WDI}", FILE),
    ("electricity_access", "wb_region:SSF", 2023, 53.25, f"Tracking SDG 7 via {WDI}", FILE),
    ("skilled_birth_attendance", "world", 2019, 83.27, f"UNICEF/WHO joint database via {WDI}", FILE),
    ("anaemia_children", "world", 2019, 40.52, f"WHO GHO via {WDI}", FILE),
    # Figures quoted in the producers' reports.
    ("u5mr", "world", 2024, 37.0, "UN IGME, Levels and trends in child mortality, report 2025", REPORT),
    ("nmr", "world", 2024, 17.0, "UN IGME, Levels and trends in child mortality, report 2025", REPORT),
    ("mmr", "world", 2023, 197.0, "WHO et al., Trends in maternal mortality 2000-2023 (MMEIG, 2025)", REPORT),
    ("dtp3", "world", 2024, 85.0, "WHO/UNICEF WUENIC 2024 release (July 2025)", REPORT),
    ("mcv1", "world", 2024, 84.0, "WHO/UNICEF WUENIC 2024 release (July 2025)", REPORT),
    ("stunting_modelled", "world", 2020, 22.0, "UNICEF/WHO/World Bank JME, 2021 edition", REPORT),
    ("wasting", "world", 2024, 6.6, "UNICEF/WHO/World Bank JME, 2025 edition", REPORT),
    ("water_safely_managed", "world", 2020, 74.0, "WHO/UNICEF JMP, Progress on household drinking water 2000-2020 (2021)", REPORT),
]


@pytest.mark.parametrize("indicator, group, year, figure, publication, tolerance", FIGURES,
                         ids=[f"{i}-{g}-{y}-{'file' if t == FILE else 'report'}" for i, g, y, _, _, t in FIGURES])
def test_the_api_gives_the_published_figure(indicator, group, year, figure, publication, tolerance):
    shown = api.headline(indicator, group, year)
    assert shown["year"] == year, publication
    assert shown["published"] and shown["label"].endswith("published aggregate"), publication
    assert shown["value"] == pytest.approx(figure, rel=tolerance), publication


def test_there_are_at_least_40_figures():
    assert len(FIGURES) >= 40 and len({(i, g, y) for i, g, y, *_ in FIGURES}) >= 40


def raw_rows(indicator: str) -> tuple[pd.Series, str]:
    """The published rows of an indicator's source file (code -> value by year) and the code column."""
    wdi = {**load_meta("wdi")["indicators"], **load_meta("wdi")["published_only"]}
    if indicator in wdi:
        frame = pd.read_csv(SOURCES / "wdi" / wdi[indicator]["code"] / "data.csv")
        return frame.set_index(["Country Code", "Year"])["Value"], "wdi"
    for folder in ("jme_modelled", "jmp_national"):
        specs = load_meta(folder)["indicators"]
        if indicator in specs:
            code = specs[indicator]["code"]
            frame = pd.read_csv(SOURCES / folder / f"ddf--datapoints--{code}--by--economy--year.csv")
            return frame.assign(economy=frame["economy"].str.upper()).set_index(["economy", "year"])[code], folder
    frames = [pd.read_csv(SOURCES / "uis" / f"ddf--datapoints--nera_agm1_cp--by--{e}--year.csv").rename(
        columns={e: "code"}) for e in ("global", "income_group")]
    frame = pd.concat(frames)
    codes = {"world": "WLD", "high_income": "HIC", "low_income": "LIC", "lower_middle_income": "LMC",
             "upper_middle_income": "UMC"}
    return frame.assign(code=frame["code"].map(codes)).set_index(["code", "year"])["nera_agm1_cp"], "uis"


@requires_sources
@pytest.mark.parametrize("indicator, group, year, figure", [(i, g, y, f) for i, g, y, f, _, t in FIGURES if t == FILE])
def test_file_figures_are_the_source_rows(indicator, group, year, figure):
    rows, _ = raw_rows(indicator)
    code = "WLD" if group == "world" else group.split(":")[1]
    assert rows[(code, year)] == pytest.approx(figure, abs=0.006)


@pytest.mark.parametrize("indicator", ["mmr", "skilled_birth_attendance", "antenatal_care", "birth_registration"])
def test_regions_of_another_composition_show_ours(indicator):
    shown = api.headline(indicator, "wb_region:SAS", 2024)
    assert not shown["published"] and shown["label"] == "our weighted estimate"


def test_a_published_line_is_never_mixed_with_ours():
    """World stunting: the JME's modelled line ends in 2020; later years are empty, not our estimate."""
    line = api.group_series("stunting_modelled", "world", start=2000)
    assert line["published"].all()
    assert line.loc[line["value"].notna(), "year"].max() == 2020
    shown = api.headline("stunting_modelled", "world", 2024)
    assert shown["year"] == 2020 and shown["last_year"] == 2020
    assert shown["label"] == "UNICEF/WHO/World Bank JME published aggregate"
    assert shown["own_value"] == pytest.approx(line.loc[line["year"] == 2020, "own_value"].iloc[0])
    assert shown["difference"] == pytest.approx(shown["own_value"] - shown["value"])


def test_groups_nobody_publishes_show_ours_with_coverage():
    shown = api.headline("u5mr", "unicef_region:ESAR", 2024)
    assert not shown["published"] and shown["value"] == shown["own_value"] and shown["coverage"] > 0.5
    table = api.aggregate("u5mr", "world", start=2024, end=2024)  # aggregate itself stays ours
    assert table["value"].iloc[0] == pytest.approx(api.headline("u5mr", "world", 2024)["own_value"])
