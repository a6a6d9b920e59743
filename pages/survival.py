"""Child survival: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg.i18n import _
from childsdg.views import filters, navigation, theme_specific_sections, theme_standard_sections

navigation.require_app()

st.title(_("Child survival"))
st.caption(_("Mortality of newborns, infants, children under five and mothers; care at birth; vaccination."))

view = filters.theme_view("survival")
theme_standard_sections.standard_sections(view)
theme_specific_sections.sdg32_targets(view)
