"""Early childhood development: filters, then the standard sections, then what this theme needs of its own."""

import streamlit as st

from childsdg import entry, filters, theme_page, theme_sections

entry.require_app()

st.title("Early childhood development")
st.caption("Nutrition, early learning, development and birth registration.")

view = filters.theme_view("early_childhood")
theme_page.standard_sections(view)
theme_sections.sex_differences(view)
