"""Humanitarian: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg.i18n import _
from childsdg.views import filters, navigation, theme_specific_sections, theme_standard_sections

navigation.require_app()

st.title(_("Humanitarian"))
st.caption(_("Children and families forced from their homes: refugees, asylum-seekers, internally displaced and stateless people."))

view = filters.theme_view("humanitarian")
theme_standard_sections.standard_sections(view)
theme_specific_sections.displacement(view)
theme_specific_sections.movements(view)
