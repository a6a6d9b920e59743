"""Classifications step: the country spine (``countries.csv``) and group memberships.

Reads the joined master table (one row per ISO3), the UN M49 names in French, Spanish and Arabic
(names_multilingual), the OCHA taxonomy for Russian and Chinese names and for the areas M49 does not name,
and the OECD 2025 fragile-contexts list. Group names in those languages come from this step's meta.yml. Every other step keeps only the ISO3 codes this
step writes, which is how World Bank aggregates (WLD, SSF, ...) and UNHCR's 'Unknown' are dropped.

Global South rule (there is no official list): a country or area is in the Global South when it is
a member of the Group of 77 (with China), or the World Bank classifies it as low or middle income
(FY26). This is the proxy the classifications source documents; high-income G77 members (Gulf
states, Singapore, Chile, Uruguay ...) are in, high-income non-members (Republic of Korea) are out.
"""

from __future__ import annotations

import pandas as pd

from childsdg.data.vocabularies import TRANSLATED_LANGUAGES
from pipeline.core import PipelineError, StepContext, StepOutput, load_meta, read_csv_rows

NAME = "classifications"
GROUPINGS = ("world", "unicef_region", "wb_region", "income_group", "sdg_region", "ldc", "lldc", "sids",
             "global_south", "fragile")
FLAG_GROUP_NAMES = {
    "ldc": ("LDC", "Least developed countries"),
    "lldc": ("LLDC", "Landlocked developing countries"),
    "sids": ("SIDS", "Small island developing States"),
    "global_south": ("GS", "Global South"),
    "fragile": ("FRAGILE", "Fragile contexts (OECD 2025)"),
}
UN_LANGUAGES = {"fr": "French Short", "es": "Spanish Short", "ru": "Russian Short", "zh": "Chinese Short",
                "ar": "Arabic Short"}


def english_names(master: pd.DataFrame, taxonomy: pd.DataFrame) -> pd.Series:
    """Each country's English name: the master's, unless the UN's M49 English name (in the OCHA taxonomy)
    is another word, not only another typography.

    The master takes OCHA's English short name, which for Nauru is its own-language name "Naoero";
    M49 says "Nauru". Differences of case or apostrophe ("Côte d'Ivoire" / "Côte d’Ivoire") keep the
    master's, which readers type.
    """
    m49 = taxonomy[taxonomy["ISO 3166-1 Alpha 3-Codes"].ne("")].drop_duplicates("ISO 3166-1 Alpha 3-Codes").set_index(
        "ISO 3166-1 Alpha 3-Codes")["M49 English"]
    m49 = master["iso3"].map(m49).fillna("")

    def typed(names: pd.Series) -> pd.Series:
        return names.str.replace("’", "'").str.casefold()
    other_word = m49.ne("") & typed(m49).ne(typed(master["name"]))
    return master["name"].where(~other_word, m49)


def _as_bool(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip().str.lower().map({"true": True, "false": False}).fillna(False).astype(bool)


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    master_path = ctx.path("classifications", "country_classification_master.csv")
    master = read_csv_rows(master_path, dtype=str, keep_default_na=False)
    taxonomy_path = ctx.path("classifications", "hdx_countries_territories_taxonomy.csv")
    taxonomy = pd.read_csv(taxonomy_path, dtype=str, keep_default_na=False)
    fragile_path = ctx.path("ccri", "misc", "List_of_fragile_context_2025.csv")
    fragile = pd.read_csv(fragile_path, dtype=str, encoding="utf-8-sig")
    un_names_path = ctx.path("names_multilingual", "country_names_en_fr_es_ar.csv")
    un_names = pd.read_csv(un_names_path, dtype=str, keep_default_na=False).set_index("iso3")

    bad = master[~master["iso3"].str.fullmatch(r"[A-Z]{3}")]
    if len(bad):
        raise PipelineError(
            f"{ctx.relative(master_path)}: rule iso3-format: rows {bad['source_row'].tolist()[:10]} "
            "have a code that is not three capital letters")
    dupes = master[master["iso3"].duplicated(keep=False)]
    if len(dupes):
        raise PipelineError(
            f"{ctx.relative(master_path)}: rule duplicate-key: rows {dupes['source_row'].tolist()[:10]} "
            f"repeat ISO3 codes {sorted(set(dupes['iso3']))[:10]}")

    alpha2 = taxonomy[taxonomy["ISO 3166-1 Alpha 3-Codes"].ne("")].set_index("ISO 3166-1 Alpha 3-Codes")[
        "ISO 3166-1 Alpha 2-Codes"].replace("", pd.NA)
    alpha2 = alpha2[~alpha2.index.duplicated()]
    codes = meta["group_codes"]
    income = master["wb_income_fy26"].str.strip()
    g77 = _as_bool(master["g77"])
    countries = pd.DataFrame({
        "iso3": master["iso3"],
        "name": english_names(master, taxonomy),
        # The master file lost Namibia's code "NA" to a missing-value reader; the OCHA taxonomy has it.
        "iso2": master["iso2"].replace("", pd.NA).fillna(master["iso3"].map(alpha2)),
        "m49_code": pd.to_numeric(master["m49_code"], errors="coerce").astype("Int64"),
        "unicef_region": master["unicef_prog_region_short"].replace("", pd.NA),
        "unicef_region_name": master["unicef_prog_region"].replace("", pd.NA),
        "wb_region": master["wb_region_fy26"].map(codes["wb_region"]),
        "wb_region_name": master["wb_region_fy26"].replace("", pd.NA),
        "income_group": income.map(codes["income_group"]),
        "income_group_name": income.str.capitalize().replace("", pd.NA),
        "sdg_region": master["sdg_region"].map(codes["sdg_region"]),
        "sdg_region_name": master["sdg_region"].replace("", pd.NA),
        "m49_region": master["un_region"].replace("", pd.NA),
        "m49_subregion": master["un_subregion"].replace("", pd.NA),
        "ldc": _as_bool(master["ldc"]),
        "lldc": _as_bool(master["lldc"]),
        "sids": _as_bool(master["sids"]),
        "g77": g77,
        "fragile": master["iso3"].isin(set(fragile["ISO3"].str.strip())),
        "global_south": g77 | income.isin(["low income", "lower middle income", "upper middle income"]),
        "lat": pd.to_numeric(master["lat"], errors="coerce").round(4),
        "lon": pd.to_numeric(master["lon"], errors="coerce").round(4),
    })
    unmapped = master.loc[countries["wb_region"].isna() & master["wb_region_fy26"].ne(""), "wb_region_fy26"]
    unmapped = pd.concat([unmapped, master.loc[countries["sdg_region"].isna() & master["sdg_region"].ne(""), "sdg_region"]])
    if len(unmapped):
        raise PipelineError(f"{ctx.relative(master_path)}: rule group-code: no code in "
                            f"classifications.meta.yml for {sorted(set(unmapped))}")

    names = taxonomy[taxonomy["ISO 3166-1 Alpha 3-Codes"].ne("")].drop_duplicates("ISO 3166-1 Alpha 3-Codes")
    names = names.set_index("ISO 3166-1 Alpha 3-Codes")
    for lang, column in UN_LANGUAGES.items():
        countries[f"name_{lang}"] = countries["iso3"].map(names[column].replace("", pd.NA))
    for lang in TRANSLATED_LANGUAGES:
        # UN M49 first (the names UN publications print); then OCHA's; then the meta's for areas neither names.
        un = countries["iso3"].map(un_names[f"name_{lang}"].replace("", pd.NA))
        own = countries["iso3"].map({iso3: by_lang[lang] for iso3, by_lang in meta["country_names"].items()})
        countries[f"name_{lang}"] = un.fillna(countries[f"name_{lang}"]).fillna(own)
    unnamed = {lang: countries.loc[countries[f"name_{lang}"].isna(), "iso3"].tolist() for lang in TRANSLATED_LANGUAGES}
    if any(unnamed.values()):
        raise PipelineError(f"{ctx.relative(un_names_path)}: rule country-names: no name for {unnamed}; "
                            "add them under country_names in classifications.meta.yml")

    countries = countries.sort_values("iso3").reset_index(drop=True)
    groups = memberships(countries)
    return StepOutput(
        tables={"countries": countries, "country_groups": groups,
                "group_names": group_names(groups, meta["group_names"])},
        rows_read=len(master) + len(taxonomy) + len(fragile) + len(un_names),
        files_read=[master_path, taxonomy_path, fragile_path, un_names_path],
    )


def group_names(groups: pd.DataFrame, translations: dict[str, dict[str, dict[str, str]]]) -> pd.DataFrame:
    """(grouping, group_code, lang, name) for every group in English and each translated language.

    English is the name in country_groups.csv; the others come from the meta's group_names (grouping ->
    code -> language -> name). A group without a name in some language stops the build, naming it.
    """
    english = groups.drop_duplicates(["grouping", "group_code"])[["grouping", "group_code", "group_name"]]
    rows, missing = [], []
    for grouping, code, name in english.itertuples(index=False):
        rows.append((grouping, code, "en", name))
        for lang in TRANSLATED_LANGUAGES:
            text = translations.get(grouping, {}).get(code, {}).get(lang)
            if not text:
                missing.append(f"{grouping}:{code} [{lang}]")
            rows.append((grouping, code, lang, text))
    if missing:
        raise PipelineError(f"pipeline/steps/classifications.meta.yml: rule group-names: no name for {missing}")
    frame = pd.DataFrame(rows, columns=["grouping", "group_code", "lang", "name"])
    return frame.sort_values(["grouping", "group_code", "lang"]).reset_index(drop=True)


def memberships(countries: pd.DataFrame) -> pd.DataFrame:
    """One row per (country, group) for every grouping the API aggregates over."""
    parts = [pd.DataFrame({"iso3": countries["iso3"], "grouping": "world", "group_code": "WLD",
                           "group_name": "World"})]
    for grouping in ("unicef_region", "wb_region", "income_group", "sdg_region"):
        part = countries[["iso3", grouping, f"{grouping}_name"]].dropna()
        parts.append(pd.DataFrame({"iso3": part["iso3"], "grouping": grouping, "group_code": part[grouping],
                                   "group_name": part[f"{grouping}_name"]}))
    for flag, (code, label) in FLAG_GROUP_NAMES.items():
        part = countries.loc[countries[flag], ["iso3"]]
        parts.append(pd.DataFrame({"iso3": part["iso3"], "grouping": flag, "group_code": code, "group_name": label}))
    groups = pd.concat(parts, ignore_index=True)
    return groups.sort_values(["grouping", "group_code", "iso3"]).reset_index(drop=True)
