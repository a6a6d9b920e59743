"""Humanitarian: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg import entry, filters, theme_page, theme_sections

entry.require_app()

st.title("Humanitarian")
st.caption("Children and families forced from their homes: refugees, asylum-seekers, internally displaced and stateless people.")

view = filters.theme_view("humanitarian")
theme_page.standard_sections(view)
theme_sections.displacement(view)
theme_sections.movements(view)
