"""Data & sources: the searchable catalogue, every source with citation and licence, and downloads."""

import streamlit as st

from childsdg import api, formatting
from childsdg.data import catalogue, datastore
from childsdg.i18n import _
from childsdg.views import filters, navigation

navigation.require_app()

st.title(_("Data & sources"))
st.caption(_("Every number in this dashboard comes from the bundled files below, built by `python -m pipeline` "
              "from open data. Nothing is fetched from the internet while you use it."))

url = filters.UrlFilters("data_sources")
search = url.text(_("Search indicators"), "q", placeholder=_("e.g. mortality, 3.2.1, UNHCR"))
theme = url.select(_("Theme"), ["all", *catalogue.THEMES], "theme", "all",
                   {"all": _("All themes"), **{code: catalogue.theme_name(code) for code in catalogue.THEMES}})
url.notice()

table = api.coverage(search=search, theme=None if theme == "all" else theme)
table["theme"] = table["theme"].map(catalogue.theme_name)  # the theme's name, not its code
st.subheader(_("Indicators ({count})").format(count=len(table)))
if table.empty:
    st.info(_("No indicator matches this search."))
else:
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "id": _("Id"), "short_name": _("Indicator"), "name": None, "theme": _("Theme"), "unit": _("Unit"),
        "sdg": _("SDG"), "source": None, "source_name": _("Source"), "licence": _("Licence"), "vintage": _("Vintage"),
        "n_countries": st.column_config.NumberColumn(_("Countries"), format="%d"),
        "first_year": st.column_config.NumberColumn(_("From"), format="%d"),
        "latest_year": st.column_config.NumberColumn(_("Latest"), format="%d"),
        "n_observations": st.column_config.NumberColumn(_("Values"), format="%d"),
        "kinds": _("Kind of values"),
    })

st.subheader(_("Sources, citations and licences"))
for source in api.sources().itertuples():
    with st.expander(f"{source.name} — {source.licence}"):
        st.markdown(_("**Cite as:** {citation}").format(citation=source.citation))
        st.markdown(_("**Origin:** {origin}  \n**Vintage:** {vintage}  \n**Indicators from this source:** {count}").format(
            origin=source.origin, vintage=source.vintage, count=source.n_indicators))

st.subheader(_("Download the bundled data"))
st.caption(_("The same files the dashboard reads; `data/README.md` is their data dictionary."))
for name, listing in sorted(datastore.manifest()["files"].items()):
    st.download_button(_("{file} ({rows} rows, {size} KB)").format(
                           file=name, rows=formatting.decimal(listing["rows"], 0),
                           size=formatting.decimal(listing["bytes"] / 1024, 0)),
                       data=datastore.reader(name),
                       file_name=name.replace("/", "_"), key=f"download-{name}", on_click="ignore")
