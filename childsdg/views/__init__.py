"""What the pages show: Streamlit lives here and only here (with ``pages/`` and ``app.py``). Filters read
the URL (``filters``), page sections draw ``api`` tables with ``charts`` (``*_page``, ``theme_*_sections``),
``navigation`` holds the page registry, ``downloads`` builds files on click."""
