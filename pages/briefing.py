"""Briefing: a PowerPoint deck and a PDF for one country or group, built in one click."""

import streamlit as st

from childsdg import briefing_page, entry, export, formatting

entry.require_app()

st.title("Briefing pack")
st.caption("A deck and a PDF for a minister, a donor or a delegation: key figures, a chart and a reading per "
           "indicator, peers, and every source with its licence — all generated from the data shown here.")

choice, url = briefing_page.choose()
url.notice()
reason = export.unavailable_reason()
if reason:
    st.info(f"{formatting.plain(reason)} The rest of the dashboard works; its charts' toolbars still download SVGs.")
    st.stop()
briefing_page.build_and_offer(choice)
