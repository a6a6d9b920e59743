"""Early childhood development: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg.i18n import _
from childsdg.views import filters, navigation, theme_specific_sections, theme_standard_sections

navigation.require_app()

st.title(_("Early childhood development"))
st.caption(_("Nutrition, early learning, development and birth registration."))

view = filters.theme_view("early_childhood")
theme_standard_sections.standard_sections(view)
theme_specific_sections.sex_differences(view)
