"""The catalogue: which indicators, countries and groupings exist, and what each means.

Everything here is read from the bundled store (indicators.csv, countries.csv, country_groups.csv, and
their French, Spanish and Arabic texts: indicator_texts.csv, group_names.csv, countries.csv name_<lang>);
this module adds only the vocabulary that ties them together (which indicator is the weight for
'births', which groupings can be aggregated over) and the checks that turn an unknown code into a
clear ``ValueError`` before it reaches a query.
"""

from __future__ import annotations

from collections.abc import Iterable
import unicodedata
from functools import lru_cache

import pandas as pd

from childsdg import i18n
from childsdg.i18n import N_, _
from childsdg.data import datastore, db
from childsdg.data.vocabularies import BREAKDOWNS, RESIDENCES, SEXES, THEMES, TRANSLATED_LANGUAGES, WEIGHT_INDICATORS  # noqa: F401 - catalogue.X

# The languages the store's texts come in: English, then those translated beside it.
LANGUAGES = ("en", *TRANSLATED_LANGUAGES)
INDICATOR_TEXT_FIELDS = ("name", "short_name", "unit", "definition")

# Counts (weight 'none') are summed over the countries that report (n_countries says how many); their
# coverage, measured in population, is shown but hides nothing.
COUNT_COVERAGE_WEIGHT = "population"

GROUPINGS = {  # English, marked N_: shown as grouping_name(name)
    "world": N_("World"),
    "unicef_region": N_("UNICEF programme regions"),
    "wb_region": N_("World Bank regions"),
    "income_group": N_("World Bank income groups (FY26)"),
    "sdg_region": N_("SDG regions"),
    "ldc": N_("Least developed countries"),
    "lldc": N_("Landlocked developing countries"),
    "sids": N_("Small island developing States"),
    "global_south": N_("Global South"),
    "fragile": N_("Fragile contexts (OECD 2025)"),
}
# The one indicator that stands for each theme on the overview and in briefings.
HEADLINE_INDICATORS = {
    "survival": "u5mr",
    "early_childhood": "stunting_modelled",  # the JME's modelled series, the figure UNICEF quotes
    "environment": "water_basic",
    "humanitarian": "refugees_hosted",
}
# The counts UNICEF leads with, at the top of the overview: a label (English, marked N_; api.lead_numbers
# translates it) and the indicators summed for
# it (children displaced: refugee children hosted and internally displaced children, both UNHCR
# estimates from the known-age share; the first part sets the year).
LEAD_NUMBERS = {
    "under5_deaths": (N_("Children who died before age five"), ["under5_deaths"]),
    "neonatal_deaths": (N_("Newborns who died in their first 28 days"), ["neonatal_deaths"]),
    "zero_dose_children": (N_("Zero-dose children (no DTP1 by age one)"), ["zero_dose_children"]),
    "children_displaced": (N_("Children displaced (refugees hosted and internally displaced)"),
                           ["refugee_children_hosted", "idp_children"]),
}
# Series with gaps (surveys, administrative records): a group figure for a year uses each country's
# value interpolated between its observations, or its last one carried forward at most this many years
# (the usual survey cycle: DHS and MICS run about every 5 years); data_year_min/max say which years.
SURVEY_CARRY_YEARS = 5
# A rate's line starts a new segment when the countries behind it change by more than this share of
# the weight of those with a value in either year (a member entering or leaving moves the figure).
BREAK_SHARE = 0.05


@lru_cache(maxsize=4)
def _indicators(store: str) -> pd.DataFrame:
    return db.query("indicator_catalogue", theme=None).set_index("id", drop=False)


@lru_cache(maxsize=4)
def _countries(store: str) -> pd.DataFrame:
    return db.query("country_classifications").set_index("iso3", drop=False)


@lru_cache(maxsize=4)
def _groups(store: str) -> pd.DataFrame:
    return db.query("group_memberships")


def indicators() -> pd.DataFrame:
    """indicators.csv indexed by id, its texts (name, short_name, unit, definition) in the reader's
    language (``i18n.current()``), English where a text is missing; kept per store and language."""
    return _indicators_in(str(datastore.data_dir()), i18n.current())


@lru_cache(maxsize=16)
def _indicators_in(store: str, lang: str) -> pd.DataFrame:
    table = _indicators(store)
    if lang == "en":
        return table
    translated = table.copy()
    for (indicator_id, text_lang), texts in _indicator_texts(store).items():
        if text_lang == lang and indicator_id in translated.index:
            for field, text in texts.items():
                translated.at[indicator_id, field] = text
    return translated


def countries() -> pd.DataFrame:
    """countries.csv indexed by iso3 (cached per store)."""
    return _countries(str(datastore.data_dir()))


def groups() -> pd.DataFrame:
    """Membership rows (iso3, grouping, group_code, group_name)."""
    return _groups(str(datastore.data_dir()))


@lru_cache(maxsize=4096)
def _indicator_row(store: str, lang: str, indicator_id: str) -> pd.Series:
    return _indicators_in(store, lang).loc[indicator_id]


def indicator(indicator_id: str) -> pd.Series:
    """The catalogue row of one indicator (a copy, free to change), its texts in the reader's language;
    ValueError names an unknown id.

    Rows are kept per store and language: a page asks for the same row dozens of times a run, and
    pandas builds a row of mixed types in ~0.25 ms.
    """
    table = _indicators(str(datastore.data_dir()))
    if not isinstance(indicator_id, str) or indicator_id not in table.index:
        raise ValueError(f"unknown indicator {indicator_id!r}; known indicators: {', '.join(sorted(table.index))}")
    return _indicator_row(str(datastore.data_dir()), i18n.current(), indicator_id).copy()


def check_iso3s(iso3s: Iterable[str] | str | None) -> list[str] | None:
    """Upper-cased, de-duplicated ISO3 codes in the given order; ValueError names unknown codes."""
    if iso3s is None:
        return None
    if isinstance(iso3s, str):
        iso3s = [iso3s]
    codes = list(dict.fromkeys(str(code).strip().upper() for code in iso3s))
    known = countries().index
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValueError(f"unknown country code(s) {', '.join(unknown)}: use ISO3 codes from countries.csv")
    return codes


def check_choice(value: str, allowed: Iterable[str], what: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")
    return value


def weight_indicator(indicator_id: str) -> str:
    """The indicator whose values weight ``indicator_id`` in group aggregates (coverage too, for counts)."""
    weight = indicator(indicator_id)["weight"]
    return COUNT_COVERAGE_WEIGHT if weight == "none" else WEIGHT_INDICATORS[weight]


def carry_years(indicator_id: str) -> int:
    """How far a country's latest value may be carried forward into a group figure.

    The catalogue's ``carry_years`` where it sets one (snapshot files holding each country's latest
    estimate); else SURVEY_CARRY_YEARS for rates from surveys and administrative records (series with
    gaps, interpolated between their values), 0 for annual modelled series and for counts, which
    must not be summed across years.
    """
    row = indicator(indicator_id)
    if "carry_years" in row.index and not pd.isna(row["carry_years"]):
        return int(row["carry_years"])
    return SURVEY_CARRY_YEARS if row["kind"] in ("survey", "administrative") and row["weight"] != "none" else 0


def reported_with(indicator_id: str) -> str | None:
    """The indicator whose value says a country reports at all, for rates where a missing value then counts
    as 0 in group figures (the catalogue's ``zero_when_absent_with``: WUENIC's rule for vaccines not yet
    introduced, with DTP3 as the report); None for every other indicator."""
    return _blank_as_none(indicator(indicator_id).get("zero_when_absent_with"))


def _blank_as_none(value) -> str | None:
    """A catalogue cell that names an indicator, or None where it is blank."""
    return None if value is None or pd.isna(value) or value == "" else str(value)


@lru_cache(maxsize=1024)
def _aggregation(store: str, indicator_id: str) -> tuple[str, bool, int, str | None, str | None, str | None]:
    row = indicator(indicator_id)
    return (weight_indicator(indicator_id), bool(row["weight"] == "none"), carry_years(indicator_id),
            reported_with(indicator_id), _blank_as_none(row.get("children_total")),
            _blank_as_none(row.get("children_age_known_share")))


def aggregation(indicator_id: str) -> tuple[str, bool, int, str | None, str | None, str | None]:
    """How group aggregates treat an indicator: (weight indicator, summed as a count, default carry years,
    the indicator whose presence makes a missing value 0, and for children among displaced people the
    count and the known-age share they are estimated from, as UNHCR does, for the group as a whole).

    Kept per store: a country profile aggregates every indicator of the catalogue at once, and three
    look-ups of its row per indicator cost ~10 ms. ValueError names an unknown id.
    """
    if not isinstance(indicator_id, str):
        indicator(indicator_id)  # raises, naming it
    return _aggregation(str(datastore.data_dir()), indicator_id)


def parse_grouping(grouping) -> tuple[str, str | None, list[str]]:
    """'unicef_region' | 'unicef_region:ESAR' | a list of ISO3 -> (grouping, group_code, custom codes)."""
    if isinstance(grouping, (list, tuple, set, frozenset, pd.Index, pd.Series)):
        codes = check_iso3s(list(grouping))
        if not codes:
            raise ValueError("a user-defined group needs at least one ISO3 code")
        return "custom", None, codes
    if not isinstance(grouping, str):
        raise ValueError(f"grouping must be a grouping name or a list of ISO3 codes, not {type(grouping).__name__}")
    name, _, code = grouping.partition(":")
    check_choice(name, GROUPINGS, "grouping")
    if code:
        known = _group_names(str(datastore.data_dir()), name)
        if code not in known:
            raise ValueError(f"unknown group {code!r} in {name}; use one of {', '.join(sorted(known))}")
    return name, code or None, []


@lru_cache(maxsize=64)
def _members(store: str, name: str, code: str | None) -> tuple[str, ...]:
    rows = _groups(store)[_groups(store)["grouping"] == name]
    if code:
        rows = rows[rows["group_code"] == code]
    return tuple(sorted(rows["iso3"]))


def group_spec(grouping: str, group: str | None) -> str:
    """The grouping argument ``api`` takes for a group chosen in two steps: 'world', or 'unicef_region:ESAR'."""
    return grouping if grouping == "world" else f"{grouping}:{group}"


def group_members(grouping: str) -> list[str]:
    """ISO3 codes of one group ('unicef_region:ESAR', 'world', ...) or of a custom list (kept per store)."""
    name, code, custom = parse_grouping(grouping)
    if name == "custom":
        return custom
    return list(_members(str(datastore.data_dir()), name, code))


@lru_cache(maxsize=16)
def _group_names(store: str, grouping: str) -> dict[str, str]:
    rows = _groups(store)[_groups(store)["grouping"] == grouping].drop_duplicates("group_code")
    return dict(zip(rows["group_code"], rows["group_name"]))


@lru_cache(maxsize=4)
def _translated_group_names(store: str) -> dict[tuple[str, str, str], str]:
    rows = db.query("group_names_by_language")
    rows = rows[rows["name"].notna()]
    return dict(zip(zip(rows["grouping"], rows["group_code"], rows["lang"]), rows["name"]))


def group_names(grouping: str, lang: str | None = None) -> dict[str, str]:
    """group_code -> group name in ``lang`` (the reader's language when not given) for one grouping, in code order; English where the store has
    no name in that language (kept per store)."""
    check_choice(grouping, GROUPINGS, "grouping")
    lang = check_language(lang)
    store = str(datastore.data_dir())
    english = _group_names(store, grouping)
    if lang == "en":
        return dict(english)
    translated = _translated_group_names(store)
    return {code: translated.get((grouping, code, lang)) or name for code, name in english.items()}


def group_name(grouping: str, group_code: str, lang: str | None = None) -> str:
    """One group's name in ``lang`` ('unicef_region', 'WCAR', 'fr' -> "Afrique de l'Ouest et du Centre"),
    English where there is no translation; ValueError names an unknown grouping, group or language."""
    names = group_names(grouping, lang)
    if group_code not in names:
        raise ValueError(f"unknown group {group_code!r} in {grouping}; use one of {', '.join(sorted(names))}")
    return names[group_code]


@lru_cache(maxsize=16)
def _country_names(store: str, lang: str) -> dict[str, str]:
    table = _countries(store)
    english = table["name"]
    column = f"name_{lang}"
    if lang == "en" or column not in table.columns:
        return english.to_dict()
    return table[column].where(table[column].notna() & table[column].ne(""), english).to_dict()


def country_names(lang: str | None = None) -> dict[str, str]:
    """iso3 -> short name in ``lang``, the reader's language when not given (UN names; English where the store has none in that language). Kept
    per store and language: pages ask for it for every chart."""
    return dict(_country_names(str(datastore.data_dir()), check_language(lang)))


def country_name(iso3: str, lang: str | None = None) -> str:
    """One country's short name in ``lang``, English where there is none; ValueError names an unknown code."""
    (code,) = check_iso3s(iso3)
    return _country_names(str(datastore.data_dir()), check_language(lang))[code]


def check_language(lang: str | None) -> str:
    """``lang`` when the store's texts come in it (LANGUAGES), the reader's language for None; ValueError
    names the choices."""
    return check_choice(i18n.current() if lang is None else lang, LANGUAGES, "language")


def group_label(spec: str) -> str:
    """A group's name for readers, from its spec: 'unicef_region:WCAR' -> 'West and Central Africa'."""
    name, code, _ = parse_grouping(spec)
    return group_names(name)[code] if code else grouping_name(name)


def grouping_name(grouping: str) -> str:
    """A grouping's name in the reader's language: 'unicef_region' -> 'UNICEF programme regions'."""
    return _(GROUPINGS[grouping])


def theme_name(theme: str) -> str:
    """A theme's name in the reader's language: 'survival' -> 'Child survival'."""
    return _(THEMES[theme])


def reading_order(indicator_ids) -> list[int]:
    """Each indicator's place when one country's indicators are listed: theme by theme (THEMES' order),
    each theme's headline indicator first, then the catalogue's order."""
    table = indicators()
    themes, headlines = list(THEMES), set(HEADLINE_INDICATORS.values())
    catalogue_order = {indicator_id: position for position, indicator_id in enumerate(table.index)}
    keys = [(themes.index(table.loc[i, "theme"]), i not in headlines, catalogue_order[i]) for i in indicator_ids]
    return sorted(range(len(keys)), key=keys.__getitem__)


@lru_cache(maxsize=4)
def _indicator_texts(store: str) -> dict[tuple[str, str], dict[str, str]]:
    rows = db.query("indicator_texts")
    return {(row["id"], row["lang"]): {field: row[field] for field in INDICATOR_TEXT_FIELDS if not pd.isna(row[field])}
            for row in rows.to_dict("records")}


def indicator_text(indicator_id: str, lang: str | None = None) -> dict[str, str]:
    """An indicator's name, short_name, unit and definition in ``lang`` (a new dict), each falling back to
    the English catalogue row where the store has no text in that language; ValueError names an unknown
    indicator or language."""
    indicator(indicator_id)  # ValueError for an unknown id
    row = _indicators(str(datastore.data_dir())).loc[indicator_id]
    english = {field: "" if pd.isna(row[field]) else str(row[field]) for field in INDICATOR_TEXT_FIELDS}
    lang = check_language(lang)
    if lang == "en":
        return english
    translated = _indicator_texts(str(datastore.data_dir())).get((indicator_id, lang), {})
    return {field: translated.get(field) or text for field, text in english.items()}


SEARCH_LANGUAGES = ("name_fr", "name_es", "name_ar")  # other UN languages a reader may type a country in


def _folded(name: str) -> str:
    """A name as a search compares it: lower case, no accents (nor Arabic hamza or vowel marks), straight
    apostrophes. Letters outside the Latin alphabet are kept, so Arabic names sort among themselves."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=16)
def _country_search_labels(store: str, lang: str) -> dict[str, str]:
    table = _countries(store)
    first = "name" if lang == i18n.DEFAULT_LANGUAGE else f"name_{lang}"
    shown = table[first].where(table[first].notna() & (table[first].astype(str).str.strip() != ""), table["name"])
    labels = {}
    for iso3 in table.index[shown.map(_folded).argsort()]:  # by name in the reader's language, as readers browse
        row = table.loc[iso3]
        names = [str(shown[iso3]).strip()]
        for column in ("name", *SEARCH_LANGUAGES):
            other = row[column]
            if isinstance(other, str) and other.strip() and _folded(other) not in {_folded(n) for n in names}:
                names.append(other.strip())
        labels[iso3] = " · ".join(names)
    return labels


def country_search_labels() -> dict[str, str]:
    """iso3 -> 'Chad · Tchad · تشاد', in the order of the names in the reader's language: that name first,
    then the English, French, Spanish and Arabic names that differ from it (accents and case aside), so
    that a picker, which matches what it shows, finds a country by any."""
    return dict(_country_search_labels(str(datastore.data_dir()), i18n.current()))


def default_country() -> str:
    """The country a page opens on when the link names none: the first Global South country by name."""
    table = countries()
    return table[table["global_south"]].sort_values("name")["iso3"].iloc[0]
