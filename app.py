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

navigation.menu().run()
