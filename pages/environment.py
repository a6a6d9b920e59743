"""Environment & climate: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg import entry, filters, theme_page, theme_sections

entry.require_app()

st.title("Environment & climate")
st.caption("Clean air, water, sanitation, hygiene, energy, and children's exposure to climate hazards.")

view = filters.theme_view("environment")
theme_page.standard_sections(view)
theme_sections.urban_rural_gap(view)
theme_sections.climate_hazards(view)
