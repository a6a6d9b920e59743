"""Captions shared by every page section: where a chart's numbers come from, which years, what kind."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from childsdg import formatting


def source_note(row: pd.Series, years: pd.Series, kinds: pd.Series) -> None:
    """'Source: ... Data years: 2015-2024. Values: survey points.' under a chart."""
    years = pd.Series(years).dropna()
    kinds = sorted(set(pd.Series(kinds).dropna()))
    kind_text = {"modelled": "modelled estimates", "survey": "survey points (household surveys)",
                 "administrative": "administrative records", "derived": "derived here from other series"}
    span = formatting.years(years.min(), years.max()) if len(years) else formatting.NO_DATA
    st.caption(f"Source: {row['source_name']} ({row['licence']}). Data years: {span}. "
               f"Values: {', '.join(kind_text.get(k, k) for k in kinds) or formatting.NO_DATA}.")
