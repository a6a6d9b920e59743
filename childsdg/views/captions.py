"""Captions shared by every page section: where a chart's numbers come from, which years, what kind."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from childsdg import formatting
from childsdg.i18n import N_, _

# How each kind of value was produced, in words (English, marked N_: shown as ``_(KIND_WORDS[kind])``).
KIND_WORDS = {"modelled": N_("modelled estimates"), "survey": N_("survey points (household surveys)"),
              "administrative": N_("administrative records"), "derived": N_("derived here from other series")}


def source_note(row: pd.Series, years: pd.Series, kinds: pd.Series) -> None:
    """'Source: ... Data years: 2015-2024. Values: survey points.' under a chart."""
    years = pd.Series(years).dropna()
    kinds = sorted(set(pd.Series(kinds).dropna()))
    span = formatting.years(years.min(), years.max()) if len(years) else formatting.no_data()
    values = _(", ").join(_(KIND_WORDS[k]) if k in KIND_WORDS else k for k in kinds) or formatting.no_data()
    st.caption(_("Source: {source} ({licence}). Data years: {years}. Values: {kinds}.").format(
        source=row["source_name"], licence=row["licence"], years=span, kinds=values))
