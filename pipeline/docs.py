"""data/README.md, written by the pipeline from the same metadata that built the store.

Generated rather than hand-written so that the data dictionary can never drift from the files: the
indicator list comes from the catalogue, the side tables from their steps' meta.yml, the sources
from each step's source block.
"""

from __future__ import annotations

import pandas as pd

OBSERVATION_DICTIONARY = {
    "iso3": "ISO 3166-1 alpha-3 code of the country or area (a key of countries.csv)",
    "indicator": "indicator id (a key of indicators.csv)",
    "year": "reference year of the value",
    "value": "the value, in the indicator's unit",
    "sex": "total, female or male",
    "residence": "total, urban or rural",
    "source": "source id (a key of sources.csv)",
    "kind": "modelled (annual estimates from a model), survey (a household-survey point), "
            "administrative (registers, censuses, school or refugee records) or derived (computed here)",
}
CATALOGUE_DICTIONARY = {
    "id": "short snake_case id used everywhere (URLs, API, observations)",
    "name / short_name": "full name and a label short enough for a chart axis",
    "theme": "survival, early_childhood, environment, humanitarian or context",
    "unit / unit_kind": "unit in words; unit_kind drives validation ranges (percent 0-100, per_1000 0-1000, count >= 0 ...)",
    "sdg": "SDG indicator number, blank if none",
    "polarity": "lower_is_better, higher_is_better or neutral",
    "target_2030 / target_basis": "the 2030 target where one exists, and what it rests on (SDG or programme target)",
    "target_relative_change / target_baseline_year": "for relative targets (e.g. stunting -50% from 2012)",
    "weight": "denominator for group aggregates: births, under5_population, children_0_14 (proxy for women 15-19), population, children_0_17; none = counts, summed",
    "kind": "what most values are (see observations.kind)",
    "carry_years": "how far a country's last value may be carried forward in a group figure, values between two observations being interpolated (blank: 5 for survey and administrative rates, else 0)",
    "children_total": "for children among displaced people: the count they are part of (group figures apply the group's share of children among people of known age to it, as UNHCR does)",
    "children_age_known_share": "for children among displaced people: the indicator giving the share of that count whose age is known",
    "zero_when_absent_with": "in group figures, a country with a value of this indicator in a year but none of this one counts as 0 (WUENIC: a vaccine not yet introduced)",
    "source / source_name / source_code": "source id, producer and dataset, the producer's own code",
    "licence / citation / vintage / definition": "as the source publishes them",
    "producer": "the organisation that produces the estimates (UN IGME, WUENIC, JMP ...), credited beside the distributor",
    "peer_drivers": "for headline indicators: the indicators whose change over a peer's decade is shown beside it "
                    "(\"what moved with it\", space-separated ids)",
}


def _table(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join("" if pd.isna(v) else str(v).replace("|", "/") for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def _dictionary(entries: dict[str, str]) -> str:
    return _table(pd.DataFrame({"column": list(entries), "meaning": list(entries.values())}))


def data_readme(catalogue: pd.DataFrame, sources: pd.DataFrame, tables: dict[str, dict],
                written: dict[str, int]) -> str:
    """The whole data/README.md text."""
    files = pd.DataFrame({"file": sorted(written), "rows": [f"{written[f]:,}" for f in sorted(written)]})
    descriptions = {spec["file"]: " ".join(spec["description"].split()) for spec in tables.values()}
    descriptions.update({
        "observations.parquet": "every observation, long format (below); sorted by indicator, iso3, year; ~100k-row groups",
        "indicators.csv": "the indicator catalogue (below)",
        "sources.csv": "each source: id, name, licence, citation, origin (repository @ commit), vintage",
        "indicator_texts.csv": "each indicator's name, short_name, unit and definition in French, Spanish and Arabic "
                               "(id, lang fr/es/ar, then the texts), from the steps' <step>.texts.yml",
        "group_values.parquet": "api.aggregate's columns for every group of every grouping, indicator and year "
                                "with the default options, plus grouping and api.headline's like-for-like "
                                "comparison (headline_*); computed by the app's own query from this store "
                                "(pipeline/group_values.py), looked up instead of computed",
        "series_notes.csv": "why a country series jumps from one year to the next (iso3, indicator, year, note, source), "
                            "from the steps' series_notes; pipeline/series_notes.py finds the jumps and prints those "
                            "no note explains",
    })
    files["what"] = files["file"].map(descriptions).fillna("")
    indicator_list = catalogue[["id", "short_name", "theme", "unit", "sdg", "weight", "kind", "source_name"]]
    parts = [
        "# The bundled store: data dictionary",
        "",
        "Written by `python -m pipeline` from `../shared/sources`; do not edit by hand. `manifest.json` holds "
        "each file's sha256 and row count and the sha256 of every raw file read; the app refuses to start on "
        "a missing or damaged file and names the rebuild command.",
        "",
        "## Files",
        "",
        _table(files),
        "",
        "## observations.parquet",
        "",
        _dictionary(OBSERVATION_DICTIONARY),
        "",
        "## indicators.csv",
        "",
        _dictionary(CATALOGUE_DICTIONARY),
        "",
        "## Indicators",
        "",
        _table(indicator_list),
        "",
        "## Sources, citations and licences",
        "",
        _table(sources[["id", "name", "licence", "citation", "origin", "vintage"]]),
        "",
    ]
    return "\n".join(parts)
