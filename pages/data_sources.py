"""Data & sources: the searchable catalogue, every source with citation and licence, and downloads."""

import streamlit as st

from childsdg import api
from childsdg.data import catalogue, datastore
from childsdg.views import filters, navigation

navigation.require_app()

st.title("Data & sources")
st.caption("Every number in this dashboard comes from the bundled files below, built by `python -m pipeline` "
           "from open data. Nothing is fetched from the internet while you use it.")

url = filters.UrlFilters("data_sources")
search = url.text("Search indicators", "q", placeholder="e.g. mortality, 3.2.1, UNHCR")
theme = url.select("Theme", ["all", *catalogue.THEMES], "theme", "all", {"all": "All themes", **catalogue.THEMES})
url.notice()

table = api.coverage(search=search, theme=None if theme == "all" else theme)
st.subheader(f"Indicators ({len(table)})")
if table.empty:
    st.info("No indicator matches this search.")
else:
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "id": "Id", "short_name": "Indicator", "name": None, "theme": "Theme", "unit": "Unit", "sdg": "SDG",
        "source": None, "source_name": "Source", "licence": "Licence", "vintage": "Vintage",
        "n_countries": st.column_config.NumberColumn("Countries", format="%d"),
        "first_year": st.column_config.NumberColumn("From", format="%d"),
        "latest_year": st.column_config.NumberColumn("Latest", format="%d"),
        "n_observations": st.column_config.NumberColumn("Values", format="%d"),
        "kinds": "Kind of values",
    })

st.subheader("Sources, citations and licences")
for source in api.sources().itertuples():
    with st.expander(f"{source.name} — {source.licence}"):
        st.markdown(f"**Cite as:** {source.citation}")
        st.markdown(f"**Origin:** {source.origin}  \n**Vintage:** {source.vintage}  \n"
                    f"**Indicators from this source:** {source.n_indicators}")

st.subheader("Download the bundled data")
st.caption("The same files the dashboard reads; `data/README.md` is their data dictionary.")
for name, listing in sorted(datastore.manifest()["files"].items()):
    st.download_button(f"{name} ({listing['rows']:,} rows, {listing['bytes'] / 1024:,.0f} KB)",
                       data=datastore.reader(name),
                       file_name=name.replace("/", "_"), key=f"download-{name}", on_click="ignore")
