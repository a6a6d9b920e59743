"""What the steps that read DDF folders share: their start, Gapminder's geo ids, one indicator's files.

Five source folders are Open Numbers / Gapminder DDF (gapminder_fasttrack, gapminder_systema_globalis,
gapminder_income, wdi_ddf, uis): one file per concept, ``ddf--datapoints--<concept>--by--<entity>--<time>.csv``
(``core.read_ddf_datapoints`` reads one), with the concepts' names and descriptions in a concepts
table. The Gapminder-vocabulary folders name countries with Gapminder's geo ids, which are lower-case
ISO3 codes except for a few of its own (``nld_curacao``, ``gbm`` for the Isle of Man, ``kos``);
``geo_iso3`` maps those from one table, the fast-track folder's, so that no area is lost to a
spelling in any of them. A series split by sex or residence comes as one file per category, read
into one indicator with a row per category (``read_indicator``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.core import StepContext, StepOutput, load_meta

GEO_FOLDER = "gapminder_fasttrack"  # the folder (and step meta) holding Gapminder's country entity table
COUNTRY_ENTITIES_FILE = "ddf--entities--geo--country.csv"


def start(ctx: StepContext, step: str, geo_ids: bool = True) -> tuple[dict, StepOutput, dict[str, str] | None]:
    """A DDF step's start: its meta, an output carrying the meta's catalogue rows, and, for a folder
    that names countries with Gapminder's geo ids, the id -> ISO3 map (its table counted as read)."""
    meta = load_meta(step)
    output = StepOutput(indicators=meta["indicators"])
    if not geo_ids:
        return meta, output, None
    iso3_of, entities_path = geo_iso3(ctx)
    output.files_read.append(entities_path)
    return meta, output, iso3_of


def geo_iso3(ctx: StepContext) -> tuple[dict[str, str], Path]:
    """Gapminder geo id -> ISO3 code for the ids that are not simply the code in lower case.

    Built from the country entity table's ``iso3166_1_alpha3`` column, plus the fast-track meta's
    ``geo_aliases`` for areas the table leaves without a code (Kosovo). Returns the table's path too,
    for the ``files_read`` of the step that uses it.
    """
    path = ctx.path(GEO_FOLDER, COUNTRY_ENTITIES_FILE)
    entities = pd.read_csv(path, dtype=str, keep_default_na=False)
    codes = {geo: iso3 for geo, iso3 in zip(entities["country"], entities["iso3166_1_alpha3"])
             if iso3 and iso3.lower() != geo}
    codes.update(load_meta(GEO_FOLDER)["geo_aliases"])
    return codes, path


def described(description: str, note: str | None) -> str:
    """A catalogue definition: the source's own concept description, then the meta's note."""
    description = description.strip()
    if description and not description.endswith("."):
        description += "."
    return " ".join(filter(None, [description, note]))


def read_indicator(ctx: StepContext, output: StepOutput, step: str, indicator: str, spec: dict,
                   iso3_of: dict[str, str] | None = None, by: str = "sex") -> list[pd.DataFrame]:
    """One indicator's observations from its DDF files: one file per category of the meta's
    ``codes_by_<by>`` (``by`` is 'sex' or 'residence'), each category's rows labelled with it, or
    the one file of ``code`` (totals). Counted in the output's rows and files read."""
    codes = spec.get(f"codes_by_{by}") or {"total": spec["code"]}
    return [output.read_ddf(ctx, step, code, iso3_of, indicator=indicator, source=step, kind=spec["kind"],
                            **{by: category})
            for category, code in codes.items()]
