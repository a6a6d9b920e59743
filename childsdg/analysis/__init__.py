"""Analysis on plain tables: progress towards 2030 (``progress_engine``), South-South peers
(``peer_finder``), producers' published aggregates first (``published_first``) and how a progress status
reads (``status``). No SQL of its own (``api`` hands it the tables) and no Streamlit."""
