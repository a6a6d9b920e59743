"""Entry point: ``streamlit run app.py``. Checks the bundled store, then hands over to the pages."""

import streamlit as st

from childsdg.data import datastore, geo
from childsdg.i18n import _
from childsdg.views import navigation

navigation.choose_language()  # before any word is written: every text below is in the reader's language
st.set_page_config(page_title=_("Children's SDG progress - Global South"), page_icon="🧒", layout="wide")
navigation.text_direction()
navigation.mark_entered()

try:
    datastore.manifest()
    geo.publish_geometry()
except datastore.DataStoreError as problem:
    st.error(_("The dashboard cannot start: {problem}").format(problem=problem))
    st.stop()

navigation.menu().run()
