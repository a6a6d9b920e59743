"""Overview: the state of children in the chosen group across the four themes, at a glance."""

import streamlit as st

from childsdg.data import catalogue
from childsdg.i18n import _
from childsdg.views import filters, navigation, overview_page

navigation.require_app()

st.title(_("Children's SDG progress in the Global South"))
st.caption(_("South-South learning on child survival, early childhood, environment and humanitarian action, "
              "from open data bundled with the dashboard."))

url = filters.UrlFilters("overview")
grouping, group, group_name = filters.group_filters(url)
focal = url.focal_country()
url.notice()
filters.sidebar_summary(group_name)
group_spec = catalogue.group_spec(grouping, group)
overview_page.focal_links(focal)

st.subheader(_("{group}: the numbers UNICEF leads with").format(group=group_name))
overview_page.lead_numbers(group_spec)
st.subheader(_("{group}: one headline per theme").format(group=group_name))
overview_page.theme_cards(group_spec, group_name)
overview_page.headline_map(catalogue.group_members(group_spec), group_name, focal)
st.subheader(_("{group} against the 2030 targets").format(group=group_name))
overview_page.targets_table(group_spec)
