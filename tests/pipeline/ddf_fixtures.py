"""Small fake source folders for the tests of the steps that read DDF and World Bank files.

Each helper writes one raw file in the layout of ``shared/sources`` under a temporary folder, so a
step runs exactly as it does on the real sources, on a handful of rows whose results are known.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.core import StepContext


def context(sources: Path, *iso3: str, observations: pd.DataFrame | None = None) -> StepContext:
    """A step context over ``sources`` whose countries are just ``iso3``."""
    return StepContext(sources=sources, countries=pd.DataFrame({"iso3": list(iso3)}), observations=observations)


def write_ddf(folder: Path, concept: str, rows: list[tuple], entity: str = "country", time: str = "time") -> Path:
    """A ``ddf--datapoints--<concept>--by--<entity>--<time>.csv`` file with rows (id, year, value)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ddf--datapoints--{concept}--by--{entity}--{time}.csv"
    pd.DataFrame(rows, columns=[entity, time, concept]).to_csv(path, index=False)
    return path


def write_wdi(sources: Path, code: str, rows: list[tuple]) -> None:
    """A ``wdi/<code>/`` folder (data.csv long, datapackage.json) with rows (code, year, value)."""
    folder = sources / "wdi" / code
    folder.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=["Country Code", "Year", "Value"])
    frame.insert(0, "Country Name", frame["Country Code"])
    frame.to_csv(folder / "data.csv", index=False)
    (folder / "datapackage.json").write_text(json.dumps({"title": code, "readme": f"About {code}."}))


def observations(indicator: str, rows: list[tuple]) -> pd.DataFrame:
    """Earlier steps' observations of one indicator, rows (iso3, year, value)."""
    frame = pd.DataFrame(rows, columns=["iso3", "year", "value"])
    return frame.assign(indicator=indicator, sex="total", residence="total")


def write_gapminder_entities(root: Path) -> None:
    """The fast-track folder's country entity table, mapping Gapminder's ``gbm`` to IMN (and ``aaa`` to AAA)."""
    fasttrack = root / "gapminder_fasttrack"
    fasttrack.mkdir(parents=True)
    pd.DataFrame({"country": ["aaa", "gbm"], "iso3166_1_alpha3": ["AAA", "IMN"]}
                 ).to_csv(fasttrack / "ddf--entities--geo--country.csv", index=False)
