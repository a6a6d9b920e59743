"""Country profile: every theme for one country against its region and income group."""

import streamlit as st

from childsdg import api
from childsdg.data import catalogue
from childsdg.i18n import _
from childsdg.views import filters, navigation, profile_page

navigation.require_app()

iso3 = filters.country_choice("country_profile", default=catalogue.default_country())
groups = profile_page.identity(iso3)
profile_page.peers_section(iso3)
table = api.profile(iso3)
if table.empty:
    st.info(_("No indicator has data for {country}.").format(country=catalogue.country_names()[iso3]))
    st.stop()

# Tabs that rerun on a switch, so that only the open tab's table and trend chart are built (a fifth of the work).
for tab, theme in zip(st.tabs([catalogue.theme_name(theme) for theme in catalogue.THEMES], key="profile-theme", on_change="rerun"),
                      catalogue.THEMES):
    if not tab.open:
        continue
    with tab:
        rows = table[table["theme"] == theme]
        if rows.empty:
            st.info(_("No data on the theme {theme} for {country}.").format(theme=catalogue.theme_name(theme),
                                                                              country=catalogue.country_names()[iso3]))
            continue
        profile_page.theme_table(rows, groups)
        profile_page.theme_trend(iso3, theme, rows, groups)
