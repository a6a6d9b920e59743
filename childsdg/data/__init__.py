"""The data layer: the bundled store (``datastore``), its DuckDB connection and SQL files (``db``), the
catalogue of indicators and countries (``catalogue``), the words the store is written in, shared with the
pipeline (``vocabularies``), and the map geometry (``geo``). The only layer that talks to DuckDB; it
imports no Streamlit and no plotly."""
