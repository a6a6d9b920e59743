"""Plotly figures built from ``api`` tables: the house style and the standard charts (``common_charts``),
each theme's own charts (``theme_charts``) and the progress charts (``progress_charts``). No Streamlit."""
