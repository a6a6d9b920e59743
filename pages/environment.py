"""Environment & climate: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg.i18n import _
from childsdg.views import filters, navigation, theme_specific_sections, theme_standard_sections

navigation.require_app()

st.title(_("Environment & climate"))
st.caption(_("Clean air, water, sanitation, hygiene, energy, and children's exposure to climate hazards."))

view = filters.theme_view("environment")
theme_standard_sections.standard_sections(view)
theme_specific_sections.urban_rural_gap(view)
theme_specific_sections.climate_hazards(view)
