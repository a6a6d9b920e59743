"""Overview: what the bundled store holds, theme by theme."""

import streamlit as st

from childsdg import api, catalogue, entry

entry.require_app()

st.title("Children's SDG progress in the Global South")
st.caption("South-South learning on child survival, early childhood, environment and humanitarian action, "
           "from open data bundled with the dashboard.")

table = api.coverage()
countries = api.countries()
columns = st.columns(4)
columns[0].metric("Indicators", f"{len(table):,}")
columns[1].metric("Countries and areas with data", f"{table['n_countries'].max():,}")
columns[2].metric("Global South countries", f"{int(countries['global_south'].sum()):,}")
columns[3].metric("Values", f"{int(table['n_observations'].sum()):,}")

for theme, label in catalogue.THEMES.items():
    rows = table[table["theme"] == theme]
    if rows.empty:
        continue
    st.subheader(f"{label} ({len(rows)} indicators)")
    st.dataframe(rows, hide_index=True, width="stretch", column_order=[
        "short_name", "sdg", "unit", "n_countries", "first_year", "latest_year", "kinds", "source_name"],
        column_config={"short_name": "Indicator", "sdg": "SDG", "unit": "Unit", "n_countries": "Countries",
                       "first_year": st.column_config.NumberColumn("From", format="%d"),
                       "latest_year": st.column_config.NumberColumn("Latest", format="%d"),
                       "kinds": "Kind of values", "source_name": "Source"})
