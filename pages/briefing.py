"""Briefing: a PowerPoint deck and a PDF for one country or group, built in one click."""

import streamlit as st

from childsdg import formatting
from childsdg.exports import chart_files
from childsdg.i18n import _
from childsdg.views import briefing_page, navigation

navigation.require_app()

st.title(_("Briefing pack"))
st.caption(_("A deck and a PDF for a minister, a donor or a delegation: key figures, a chart and a reading per "
              "indicator, peers, and every source with its licence — all generated from the data shown here."))

choice, url = briefing_page.choose()
url.notice()
reason = chart_files.unavailable_reason()
if reason:
    st.info(_("{reason} The rest of the dashboard works; its charts' toolbars still download SVGs.").format(
        reason=formatting.plain(reason)))
    st.stop()
briefing_page.build_and_offer(choice)
