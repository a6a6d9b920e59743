"""The country spine's names: English, as the UN's M49 writes them, in the bundled store."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATA, SOURCES, requires_sources

pytestmark = requires_sources


def test_every_name_is_the_un_english_name_but_for_typography():
    """Checked against M49 English (the OCHA taxonomy's column), with the master's name as it was read:
    only Nauru was another word ("Naoero", its own language); apostrophes and case are kept as typed."""
    taxonomy = pd.read_csv(SOURCES / "classifications" / "hdx_countries_territories_taxonomy.csv", dtype=str,
                           keep_default_na=False)
    m49 = taxonomy[taxonomy["ISO 3166-1 Alpha 3-Codes"].ne("")].drop_duplicates("ISO 3166-1 Alpha 3-Codes").set_index(
        "ISO 3166-1 Alpha 3-Codes")["M49 English"]
    names = pd.read_csv(DATA / "countries.csv", dtype=str, keep_default_na=False).set_index("iso3")["name"]
    master = pd.read_csv(SOURCES / "classifications" / "country_classification_master.csv", dtype=str,
                         keep_default_na=False).set_index("iso3")["name"]

    def typed(text: str) -> str:
        return text.replace("’", "'").casefold()
    differ = {iso3: (name, m49[iso3]) for iso3, name in names.items()
              if m49.get(iso3, "") and typed(name) != typed(m49[iso3])}
    assert differ == {}
    assert names["NRU"] == "Nauru" and master["NRU"] == "Naoero"
    assert names["CIV"] == master["CIV"] == "Côte d'Ivoire"
    changed = sorted(iso3 for iso3 in names.index if names[iso3] != master[iso3])
    assert changed == ["NRU"]
