"""Peers: Global South countries that once stood where the chosen country stands now, in comparable
circumstances, and then did better."""

import streamlit as st

from childsdg import api
from childsdg.views import navigation, peers_page

navigation.require_app()

st.title("Peers: who stood here before, and did better?")
st.caption("South-South learning: countries whose past matches this country's present, ranked by the progress "
           "they made next.")

choice, url = peers_page.choose()
notice = st.container()  # the link's notice goes above the page, once the briefing picker has read the URL
found = api.peers(choice.iso3, choice.indicator, choice.tolerance, choice.criteria)
if found.empty:
    with notice:
        url.notice()
    if api.latest(choice.indicator, choice.iso3).empty:
        st.info(f"No peers: {choice.name} has no data on {choice.row['short_name'].lower()}.")
    else:
        peers_page.criteria_statement(choice)
        st.info(f"No peers for {choice.name} on {choice.row['short_name']}: no comparable Global South country once "
                "stood at its level and then improved faster than it does now. Loosen a criterion or widen the "
                "tolerance in the sidebar.")
    st.stop()

peers_page.summary(choice, found)
peers_page.criteria_statement(choice)
st.subheader("Ranked peers")
peers_page.peers_table(choice, found)
briefing = peers_page.briefing_picker(url, found)
with notice:
    url.notice()
peers_page.take_further(choice, found, briefing)
st.subheader("What moved with their progress")
peers_page.what_moved(choice, found, briefing)
st.subheader("Trajectories from the same level")
peers_page.trajectory_chart(choice, found, briefing)
st.subheader("What the peers did")
peers_page.readings(found)
with st.expander("The rebound rule: when a fast improvement is a recovery", expanded=False):
    peers_page.rebound_rule(choice)
