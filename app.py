"""Entry point: ``streamlit run app.py``. Checks the bundled store, then hands over to the pages."""

import streamlit as st

from childsdg import datastore

st.set_page_config(page_title="Children's SDG progress - Global South", page_icon="🧒", layout="wide")

try:
    datastore.manifest()
except datastore.DataStoreError as problem:
    st.error(f"The dashboard cannot start: {problem}")
    st.stop()

navigation = st.navigation([
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/data_sources.py", title="Data & sources", url_path="data-sources"),
])
navigation.run()
