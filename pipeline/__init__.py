"""Build the bundled store in data/ from the raw open sources in ../shared/sources."""
