"""Progress to 2030: for one indicator with a target, every country's status, the numbers behind it, and how
much the verdict depends on the window."""

import streamlit as st

from childsdg.i18n import _
from childsdg.views import navigation, progress_page

navigation.require_app()

st.title(_("Progress to 2030"))
st.caption(_("Is each country on track to reach the 2030 target at the pace it has kept since the window started?"))

choice = progress_page.choose()
table = progress_page.assess(choice)
with st.expander(_("How the status is decided"), expanded=False):
    progress_page.method_note(choice)

st.subheader(_("{indicator} in {group}").format(indicator=choice.row["short_name"], group=choice.group_name))
progress_page.focal_status(choice)
progress_page.status_map(choice, table)
st.subheader(_("Every country's status and the numbers behind it"))
progress_page.status_table(choice, table)
st.subheader(_("Countries per status"))
progress_page.counts_by_group(choice)
st.subheader(_("Observed against required pace"))
progress_page.pace_chart(choice, table)
st.subheader(_("Does the verdict depend on the window?"))
progress_page.window_sensitivity(choice)
