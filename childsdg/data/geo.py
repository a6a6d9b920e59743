"""Country geometry for maps, served to the browser as a static file.

Embedded in a figure, the world geometry costs ~233 KB of websocket traffic every time a map
changes; served from ``static/`` the browser fetches it once (78 KB gzipped) and each map carries
only its URL (~10 KB per change, measured). The pipeline writes the geometry into data/, where the
manifest vouches for it; ``publish_geometry`` copies it to ``static/geo/`` (Streamlit refuses to
serve a symlink that leaves ``static/``) whenever that copy is missing or differs. The URL carries
the file's sha256 so that a browser never reuses the geometry of an older store. Where ``static/``
cannot be written (a read-only install), maps embed the geometry instead: slower, still offline.
"""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path

from childsdg.data import datastore

GEOMETRY_FILE = "geo/countries_110m.geojson"
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
_published: dict[str, bool] = {}


def publish_geometry() -> bool:
    """Make static/geo/ hold the store's verified geometry; False where static/ cannot be written."""
    source = datastore.file_path(GEOMETRY_FILE)
    if not source.is_file():
        raise datastore.DataStoreError(f"data file {source} is missing. Rebuild the store with: "
                                       f"{datastore.REBUILD_COMMAND}")
    target = STATIC_DIR / GEOMETRY_FILE
    try:
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        _published[str(source)] = True
    except OSError:
        _published[str(source)] = False
    return _published[str(source)]


def geojson_for_browser():
    """What a plotly choropleth in the browser gets as ``geojson``: the served URL, else the geometry."""
    source = datastore.file_path(GEOMETRY_FILE)
    if _published.get(str(source)) is None:
        publish_geometry()
    if _published[str(source)]:
        digest = datastore.manifest()["files"][GEOMETRY_FILE]["sha256"][:12]
        return f"app/static/{GEOMETRY_FILE}?v={digest}"
    return geojson_dict(str(source))


@lru_cache(maxsize=2)
def geojson_dict(path: str) -> dict:
    """The geometry itself (for static export, where kaleido cannot fetch the app's URL)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
