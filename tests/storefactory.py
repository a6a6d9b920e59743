"""Build a tiny but complete store (with manifest) in a temporary folder, for exact-arithmetic tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.aggregates import PUBLISHED_COLUMNS
from pipeline.build import CATALOGUE_COLUMNS
from pipeline.series_notes import NOTE_COLUMNS
from pipeline.steps.classifications import memberships
from pipeline.store import write_manifest, write_observations, write_table
from pipeline.texts import TEXT_COLUMNS

COUNTRY_COLUMNS = ["iso3", "name", "unicef_region", "unicef_region_name", "wb_region", "wb_region_name",
                   "income_group", "income_group_name", "sdg_region", "sdg_region_name", "ldc", "lldc", "sids",
                   "global_south", "fragile", "name_fr", "name_es", "name_ar"]


def country(iso3: str, region: str = "ESAR", **flags) -> dict:
    row = {"iso3": iso3, "name": f"Country {iso3}", "unicef_region": region, "unicef_region_name": f"Region {region}",
           "wb_region": "SSF", "wb_region_name": "Sub-Saharan Africa", "income_group": "LIC",
           "income_group_name": "Low income", "sdg_region": "SSA", "sdg_region_name": "Sub-Saharan Africa",
           "ldc": False, "lldc": False, "sids": False, "global_south": True, "fragile": False}
    row.update(flags)
    return row


def indicator(indicator_id: str, weight: str, kind: str = "modelled", unit_kind: str = "per_1000", **extra) -> dict:
    row = dict.fromkeys(CATALOGUE_COLUMNS, "x")
    row.update({"id": indicator_id, "name": indicator_id, "short_name": indicator_id, "theme": "survival",
                "unit_kind": unit_kind, "polarity": "lower_is_better", "weight": weight, "kind": kind, "sdg": "",
                "target_2030": None, "target_relative_change": None, "target_baseline_year": None, "carry_years": None,
                "zero_when_absent_with": None, "children_total": None, "children_age_known_share": None,
                "source": "test", "peer_drivers": None})
    row.update(extra)
    return row


INCOME_HISTORY_COLUMNS = ["iso3", "fiscal_year", "gni_year", "income_class"]


def make_store(folder: Path, countries: list[dict], indicators: list[dict], rows: list[tuple],
               published: list[tuple] = (), unplaced_vaccines: list[tuple[str, str]] = (),
               notes: list[tuple] = (), income_history: list[tuple] = (), texts: list[tuple] = (),
               group_texts: list[tuple] = ()) -> Path:
    """rows: (iso3, indicator, year, value[, sex[, residence]]); published: the producers' group figures,
    (indicator, grouping, group_code, year, value, producer); unplaced_vaccines: (iso3, indicator);
    notes: (iso3, indicator, year, note, source); income_history: (iso3, fiscal_year, income_class);
    texts: translated indicator texts (id, lang, name, short_name, unit, definition); group_texts:
    translated group names (grouping, group_code, lang, name), beside the English ones of the memberships."""
    folder.mkdir(parents=True, exist_ok=True)
    obs = pd.DataFrame([(*r, "total", "total")[:6] for r in rows],
                       columns=["iso3", "indicator", "year", "value", "sex", "residence"])
    kinds = {i["id"]: i["kind"] for i in indicators}
    obs["source"] = "test"
    obs["kind"] = obs["indicator"].map(kinds)
    frame = pd.DataFrame(countries).reindex(columns=COUNTRY_COLUMNS)
    groups = memberships(frame)
    english_group_names = groups.drop_duplicates(["grouping", "group_code"]).assign(lang="en").rename(
        columns={"group_name": "name"})[["grouping", "group_code", "lang", "name"]]
    written = {
        "observations.parquet": write_observations(obs, folder / "observations.parquet"),
        "indicators.csv": write_table(pd.DataFrame(indicators).reindex(columns=CATALOGUE_COLUMNS),
                                      folder / "indicators.csv"),
        "countries.csv": write_table(frame, folder / "countries.csv"),
        "country_groups.csv": write_table(groups, folder / "country_groups.csv"),
        "indicator_texts.csv": write_table(pd.DataFrame(list(texts), columns=TEXT_COLUMNS),
                                           folder / "indicator_texts.csv"),
        "group_names.csv": write_table(pd.concat([english_group_names, pd.DataFrame(
            list(group_texts), columns=english_group_names.columns)], ignore_index=True), folder / "group_names.csv"),
        "published_aggregates.parquet": write_table(pd.DataFrame(
            [(*r, "test", r[2], "modelled") for r in published], columns=PUBLISHED_COLUMNS).astype(
            {"year": "int64", "value": "float64"}), folder / "published_aggregates.parquet"),
        "vaccine_series_unplaced.csv": write_table(
            pd.DataFrame(list(unplaced_vaccines) or [("", "")], columns=["iso3", "indicator"]),
            folder / "vaccine_series_unplaced.csv"),
        "series_notes.csv": write_table(pd.DataFrame(list(notes), columns=NOTE_COLUMNS), folder / "series_notes.csv"),
        "income_history.csv": write_table(pd.DataFrame(
            [(iso3, fy, fy - 2, income_class) for iso3, fy, income_class in income_history],
            columns=INCOME_HISTORY_COLUMNS), folder / "income_history.csv"),
    }
    write_manifest(folder / "manifest.json", written, {})
    return folder
