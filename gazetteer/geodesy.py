"""Geodesic measures on WGS84 (pyproj's Geod: exact, and fast on arrays)."""

from __future__ import annotations

import math

from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points

GEOD = Geod(ellps="WGS84")


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in metres."""
    _, _, d = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(d)


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360)."""
    az, _, _ = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(az) % 360.0


def distance_to_geometry_m(lat: float, lon: float, geom: BaseGeometry) -> float:
    """Geodesic distance in metres from a point to the nearest point of ``geom`` (0 inside it).

    The nearest point is found in lon/lat space, then measured geodesically:
    good to well under a percent at the scale of a city or a governorate.
    """
    p = Point(lon, lat)
    if geom.covers(p):
        return 0.0
    q = nearest_points(geom, p)[0]
    return distance_m(lat, lon, q.y, q.x)


def distance_to_boundary_m(lat: float, lon: float, geom: BaseGeometry) -> float:
    """Distance in metres to the boundary of a polygon (outside or inside)."""
    q = nearest_points(geom.boundary, Point(lon, lat))[0]
    return distance_m(lat, lon, q.y, q.x)


def circle(lat: float, lon: float, radius_m: float, *, n: int = 72) -> Polygon:
    """A geodesic circle as a counter-clockwise polygon (lon/lat)."""
    az = [i * 360.0 / n for i in range(n)]
    lons, lats, _ = GEOD.fwd([lon] * n, [lat] * n, az, [radius_m] * n)
    ring = list(zip(lons, lats, strict=True))
    ring.reverse()  # fwd walks clockwise from north; RFC 7946 wants exterior rings counter-clockwise
    return Polygon(ring)


def area_m2(geom: BaseGeometry) -> float:
    """Geodesic area in square metres (0 for points and lines)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return abs(GEOD.geometry_area_perimeter(geom)[0])
    return 0.0


def disc_area_m2(radius_m: float) -> float:
    """Area of a disc, for comparing point places by their uncertainty."""
    return math.pi * radius_m * radius_m


def rfc7946_geometry(geom: dict | BaseGeometry | None, *, precision: int = 6) -> dict | None:
    """A GeoJSON geometry made RFC 7946-clean: exterior rings counter-clockwise, holes
    clockwise, coordinates rounded to ``precision`` decimals (6 is about 0.1 m)."""
    if geom is None:
        return None
    g = shape(geom) if isinstance(geom, dict) else geom
    if g.geom_type == "Polygon":
        g = orient(g, 1.0)
    elif g.geom_type == "MultiPolygon":
        g = MultiPolygon([orient(p, 1.0) for p in g.geoms])
    m = mapping(g)

    def r(c):
        return round(float(c), precision) if isinstance(c, (int, float)) else [r(x) for x in c]

    return {"type": m["type"], "coordinates": r(m["coordinates"])}
