"""Country geometry for maps, served to the browser as a static file.

Embedding a world GeoJSON in every chart costs ~435 KB per rerun; served from ``static/`` the
browser fetches it once and each chart carries only its URL (STACK_NOTES). The pipeline writes the
geometry into data/ (the store is what the manifest vouches for); ``publish_geometry`` copies it to
``static/geo/`` when that copy is missing or differs, so the served file is always the verified one.
"""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path

from childsdg import datastore

GEOMETRY_FILE = "geo/countries_110m.geojson"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
STATIC_URL = "app/static/" + GEOMETRY_FILE


def publish_geometry() -> Path:
    """Make static/geo/ hold the store's verified geometry; return the served file's path."""
    source = datastore.file_path(GEOMETRY_FILE)
    if not source.is_file():
        raise datastore.DataStoreError(f"data file {source} is missing. Rebuild the store with: "
                                       f"{datastore.REBUILD_COMMAND}")
    target = STATIC_DIR / GEOMETRY_FILE
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target


def geojson_url() -> str:
    """What a plotly choropleth in the browser gets as ``geojson``: the served file's URL."""
    return STATIC_URL


@lru_cache(maxsize=2)
def geojson_dict(store: str | None = None) -> dict:
    """The geometry itself, for static export (kaleido cannot fetch the app's URL)."""
    return json.loads(datastore.file_path(GEOMETRY_FILE).read_text(encoding="utf-8"))
