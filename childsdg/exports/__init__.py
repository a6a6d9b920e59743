"""Files a reader takes away: chart images, CSV and Excel with their header block (``chart_files``) and
briefing packs, PowerPoint and PDF (``briefing``). No Streamlit: the download buttons live in ``views``."""
