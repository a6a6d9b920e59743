"""Peers: Global South countries that once stood where the chosen country stands now, in comparable
circumstances, and then did better."""

import streamlit as st

from childsdg import api
from childsdg.i18n import _
from childsdg.views import navigation, peers_page

navigation.require_app()

st.title(_("Peers: who stood here before, and did better?"))
st.caption(_("South-South learning: countries whose past matches this country's present, ranked by the progress "
              "they made next."))

choice, url = peers_page.choose()
notice = st.container()  # the link's notice goes above the page, once the briefing picker has read the URL
found = api.peers(choice.iso3, choice.indicator, choice.tolerance, choice.criteria)
if found.empty:
    with notice:
        url.notice()
    if api.latest(choice.indicator, choice.iso3).empty:
        st.info(_("No peers: {country} has no data on {indicator}.").format(country=choice.name,
                                                                          indicator=choice.row["short_name"]))
    else:
        peers_page.criteria_statement(choice)
        st.info(_("No peers for {country} on {indicator}: no comparable Global South country once stood at its "
                  "level and then improved faster than it does now. Loosen a criterion or widen the tolerance in "
                  "the sidebar.").format(country=choice.name, indicator=choice.row["short_name"]))
    st.stop()

peers_page.summary(choice, found)
peers_page.criteria_statement(choice)
st.subheader(_("Ranked peers"))
peers_page.peers_table(choice, found)
briefing = peers_page.briefing_picker(url, found)
with notice:
    url.notice()
peers_page.take_further(choice, found, briefing)
st.subheader(_("What moved with their progress"))
peers_page.what_moved(choice, found, briefing)
st.subheader(_("Trajectories from the same level"))
peers_page.trajectory_chart(choice, found, briefing)
st.subheader(_("What the peers did"))
peers_page.readings(found)
with st.expander(_("The rebound rule: when a fast improvement is a recovery"), expanded=False):
    peers_page.rebound_rule(choice)
