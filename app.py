"""Entry point: ``streamlit run app.py``. Checks the bundled store, then hands over to the pages."""

import streamlit as st

from childsdg.data import datastore, geo
from childsdg.views import navigation

st.set_page_config(page_title="Children's SDG progress - Global South", page_icon="🧒", layout="wide")
navigation.mark_entered()

try:
    datastore.manifest()
    geo.publish_geometry()
except datastore.DataStoreError as problem:
    st.error(f"The dashboard cannot start: {problem}")
    st.stop()

navigation = st.navigation({
    "Dashboard": [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/survival.py", title="Child survival", url_path="survival"),
        st.Page("pages/early_childhood.py", title="Early childhood", url_path="early_childhood"),
        st.Page("pages/environment.py", title="Environment & climate", url_path="environment"),
        st.Page("pages/humanitarian.py", title="Humanitarian", url_path="humanitarian"),
    ],
    "Progress": [
        st.Page("pages/progress.py", title="Progress to 2030", url_path="progress"),
        st.Page("pages/peers.py", title="Peers", url_path="peers"),
    ],
    "Countries": [
        st.Page("pages/country_profile.py", title="Country profile", url_path="country_profile"),
        st.Page("pages/briefing.py", title="Briefing", url_path="briefing"),
    ],
    "About": [
        st.Page("pages/data_sources.py", title="Data & sources", url_path="data_sources"),
    ],
})
navigation.run()
