"""Child survival: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg import entry, filters, theme_page, theme_sections

entry.require_app()

st.title("Child survival")
st.caption("Mortality of newborns, infants, children under five and mothers; care at birth; vaccination.")

view = filters.theme_view("survival")
theme_page.standard_sections(view)
theme_sections.sdg32_targets(view)
