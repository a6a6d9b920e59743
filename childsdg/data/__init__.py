"""The data layer: the bundled store (``datastore``), its DuckDB connection and SQL files (``db``), the
catalogue of indicators and countries (``catalogue``) and the map geometry (``geo``). The only layer that
talks to DuckDB; it imports no Streamlit and no plotly."""
