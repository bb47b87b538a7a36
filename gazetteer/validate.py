"""Validation of gazetteer data: collect every problem, report them in one error.

As osmnx's ``_validate.py``: nothing stops at the first problem, so a curator
fixes a broken file in one pass.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, cast

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from .exc import DataError, Problem
from .normalize import name_key
from .place import GEOMETRY_QUALITIES, KINDS, Place

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_GEOMETRY_TYPES = {"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
_SUPPORTS = {"point", "outline", "line", "identity", "radius"}

#: How far (km) a place may sit outside a parent known only as a point, by the parent's kind.
PARENT_REACH_KM = {"country": 900, "region": 400, "governorate": 250, "city": 15, "town": 10, "zone": 60}


def _short(value: Any, limit: int = 60) -> str:
    r = repr(value)
    return r if len(r) <= limit else r[: limit - 3] + "..."


def _iter_coords(coords: Any) -> Iterable[tuple[float, float]]:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        yield coords  # type: ignore[misc]
    elif isinstance(coords, (list, tuple)):
        for c in coords:
            yield from _iter_coords(c)


def parse_places(data: Any, *, source: str = "<data>") -> list[Place]:
    """Turn a GeoJSON FeatureCollection into places, or raise one :class:`DataError` listing every problem.

    Checks the schema of each record, geometry validity, coordinate ranges and
    order, unique ids, parents, sources, and that an alias is shared by two
    places only when both declare themselves ambiguous.

    Parameters
    ----------
    data : dict
        Parsed GeoJSON.
    source : str, keyword-only
        Where the data came from, for messages.
    """
    places, problems = collect_places(data, source=source)
    if problems:
        raise DataError(source, problems)
    return places


def collect_places(data: Any, *, source: str = "<data>") -> tuple[list[Place], list[Problem]]:
    """The places that pass every check, and every problem found: :func:`parse_places` without the raise.

    ``gazetteer check`` uses it to run the checks that need whole places (a
    place within its parent) on the good ones in the same pass.
    """
    feats = _features(data, source)
    problems: list[Problem] = []

    def add(pid: str, fld: str, exp: str, found: str) -> None:
        problems.append(Problem(pid, fld, exp, found))

    places: list[Place] = []
    seen: dict[str, int] = {}
    for n, f in enumerate(feats):
        place = _parse_feature(n, f, seen, add)
        if place is not None:
            places.append(place)
    by_id = {p.id: p for p in places}
    for p in places:
        if p.parent is not None and p.parent not in seen:
            add(p.id, "parent", "the id of a place in the gazetteer", _short(p.parent))
    _check_cycles(by_id, add)
    _check_aliases(places, add)
    ok = {p.id for p in places} - {pr.place_id for pr in problems}
    return [p for p in places if p.id in ok], problems


def _features(data: Any, source: str) -> list[Any]:
    """The file's features, or one :class:`DataError` when it is no FeatureCollection at all."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = _short(data.get("type") if isinstance(data, dict) else type(data).__name__)
        raise DataError(source, [Problem("<file>", "type", "a GeoJSON FeatureCollection", found)])
    feats = data.get("features")
    if not isinstance(feats, list) or not feats:
        raise DataError(source, [Problem("<file>", "features", "a non-empty list of Features", _short(feats))])
    return feats


class _Fields:
    """Reads one feature's properties, recording a problem for each field that is not as expected."""

    def __init__(self, label: str, props: dict[str, Any], add: Callable[[str, str, str, str], None]) -> None:
        self.label, self.props, self._add = label, props, add
        self.count = 0

    def add(self, fld: str, expected: str, found: str) -> None:
        self.count += 1
        self._add(self.label, fld, expected, found)

    def add_for_label(self, label: str, fld: str, expected: str, found: str) -> None:
        self.count += 1
        self._add(label, fld, expected, found)

    def need(self, fld: str, typ: type | tuple[type, ...], expected: str, *, optional: bool = False) -> Any:
        v = self.props.get(fld)
        if v is None and optional:
            return None
        if isinstance(v, bool) and typ in (int, float, (int, float)):
            self.add(fld, expected, _short(v))
            return None
        if not isinstance(v, typ) or (isinstance(v, str) and not v.strip()):
            self.add(fld, expected, "missing" if fld not in self.props else _short(v))
            return None
        return v

    def one_of(self, fld: str, allowed: Iterable[str]) -> Any:
        expected = f"one of {', '.join(allowed)}"
        v = self.need(fld, str, expected)
        if v is not None and v not in allowed:
            self.add(fld, expected, _short(v))
        return v

    def in_range(self, fld: str, lo: float, hi: float, what: str) -> Any:
        v = self.need(fld, (int, float), f"a {what} in degrees")
        if v is not None and not lo <= v <= hi:
            self.add(fld, f"a {what} in [{lo:g}, {hi:g}]", _short(v))
            return None
        return v


def _parse_feature(n: int, f: Any, seen: dict[str, int], add: Callable[[str, str, str, str], None]) -> Place | None:
    """One feature as a :class:`Place`, or ``None`` after recording its problems."""
    pid = f.get("id") if isinstance(f, dict) else None
    label = pid if isinstance(pid, str) and pid else f"feature #{n}"
    if not isinstance(f, dict) or f.get("type") != "Feature":
        add(label, "type", "'Feature'", _short(f.get("type") if isinstance(f, dict) else f))
        return None
    if not isinstance(pid, str) or not _ID.match(pid):
        add(label, "id", "a lowercase id of [a-z0-9-]", _short(pid))
    elif pid in seen:
        add(label, "id", "a unique id", f"duplicate of feature #{seen[pid]}")
    else:
        seen[pid] = n
    props = f.get("properties")
    if not isinstance(props, dict):
        add(label, "properties", "an object", _short(props))
        return None
    r = _Fields(label, props, add)
    name = r.need("name", str, "a non-empty string")
    kind = r.one_of("kind", KINDS)
    lat = r.in_range("lat", -90, 90, "latitude")
    lon = r.in_range("lon", -180, 180, "longitude")
    unc = r.need("uncertainty_m", (int, float), "a positive number of metres")
    if unc is not None and not (unc > 0 and math.isfinite(unc)):
        r.add("uncertainty_m", "a positive number of metres", _short(unc))
    parent = r.need("parent", str, "a place id or null", optional=True)
    if parent is None and kind not in (None, "country"):
        r.add("parent", "the id of the containing place (only countries have none)", "null")
    aliases = props.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        r.add("aliases", "a list of non-empty strings", _short(aliases))
        aliases = []
    name_ar = r.need("name_ar", str, "an Arabic name or null", optional=True)
    quality = r.one_of("geometry_quality", GEOMETRY_QUALITIES)
    notes = props.get("notes") or ""
    if quality == "unsourced" and not notes.strip():
        r.add("notes", "an explanation of why the position is unsourced", "empty notes")
    sources = _sources(r)
    ambiguous = props.get("ambiguous", False)
    if not isinstance(ambiguous, bool):
        r.add("ambiguous", "true or false", _short(ambiguous))
        ambiguous = False
    radius = props.get("radius_m")
    if radius is not None and (isinstance(radius, bool) or not isinstance(radius, (int, float)) or radius <= 0):
        r.add("radius_m", "a positive radius in metres or null", _short(radius))
        radius = None
    geom = f.get("geometry")
    g = _geometry(r, geom, radius=radius)
    if g is not None and lat is not None and lon is not None:
        _check_point_vs_geometry(label, g, lat, lon, unc or 0, r.add_for_label)
    if r.count or not isinstance(pid, str):
        return None
    return Place(
        id=pid,
        name=name,
        kind=kind,
        lat=float(lat),
        lon=float(lon),
        uncertainty_m=float(unc),
        parent=parent,
        aliases=tuple(aliases),
        name_ar=name_ar,
        geometry=cast(dict, geom),  # checked by _geometry: no problem was recorded
        geometry_quality=quality,
        sources=tuple(sources),
        notes=notes,
        ambiguous=ambiguous,
        radius_m=None if radius is None else float(radius),
    )


def _sources(r: _Fields) -> list[Any]:
    sources = r.props.get("sources")
    if not isinstance(sources, list) or not sources:
        r.add("sources", "at least one source for the coordinates", _short(sources))
        return []
    for i, s in enumerate(sources):
        if not isinstance(s, dict) or not isinstance(s.get("ref"), str) or not s["ref"].strip():
            r.add(f"sources[{i}].ref", "a non-empty reference", _short(s))
        elif s.get("supports") not in _SUPPORTS:
            r.add(f"sources[{i}].supports", f"one of {', '.join(sorted(_SUPPORTS))}", _short(s.get("supports")))
    return sources


def _geometry(r: _Fields, geom: Any, *, radius: Any) -> BaseGeometry | None:
    """The feature's geometry as a valid shapely shape, or ``None`` after recording why not."""
    if not isinstance(geom, dict) or geom.get("type") not in _GEOMETRY_TYPES:
        found = _short(geom.get("type") if isinstance(geom, dict) else geom)
        r.add("geometry", f"a GeoJSON geometry of type {', '.join(sorted(_GEOMETRY_TYPES))}", found)
        return None
    g = _shape(r, geom)
    if radius is not None and geom.get("type") != "Point":
        r.add("radius_m", "a Point geometry when a radius is set", str(geom.get("type")))
    return g


def _shape(r: _Fields, geom: dict[str, Any]) -> BaseGeometry | None:
    coords = list(_iter_coords(geom.get("coordinates")))
    bad = [c for c in coords if len(c) < 2 or not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90)]
    if not coords or bad:
        found = _short(bad[0] if bad else geom.get("coordinates"))
        r.add("geometry.coordinates", "[longitude, latitude] pairs in range", found)
        return None
    try:
        g = shape(geom)
    except Exception as e:  # shapely raises several types for malformed input
        r.add("geometry", "a well-formed geometry", f"{type(e).__name__}: {e}")
        return None
    if not g.is_valid:
        r.add("geometry", "a valid geometry", explain_validity(g))
        return None
    return g


def _check_point_vs_geometry(label: str, g, lat: float, lon: float, unc: float, add) -> None:
    from .geodesy import distance_to_geometry_m

    d = distance_to_geometry_m(lat, lon, g)
    tolerance = max(unc, 50.0)
    if d <= tolerance:
        return
    swapped = distance_to_geometry_m(lon, lat, g) if -90 <= lon <= 90 else math.inf
    if swapped <= tolerance:
        add(label, "lat/lon", "the representative point on the geometry", f"lat and lon swapped ({lat}, {lon})")
    else:
        add(label, "lat/lon", f"a point within {tolerance:.0f} m of the geometry", f"({lat}, {lon}) is {d:,.0f} m away")


def _check_cycles(by_id: dict[str, Place], add) -> None:
    for p in by_id.values():
        seen = {p.id}
        q = p.parent
        while q is not None and q in by_id:
            if q in seen:
                add(p.id, "parent", "a chain of parents that ends at a country", f"a cycle through {q!r}")
                break
            seen.add(q)
            q = by_id[q].parent


def _check_aliases(places: list[Place], add) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for p in places:
        for n in p.names:
            k = name_key(n)
            if k:
                owners[k].add(p.id)
        if p.name_ar:
            owners[name_key(p.name_ar)].add(p.id)
    by_id = {p.id: p for p in places}
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and not all(by_id[i].ambiguous for i in ids):
            undeclared = sorted(i for i in ids if not by_id[i].ambiguous)
            for i in undeclared:
                others = sorted(ids - {i})
                add(
                    i,
                    "aliases",
                    f"a name not shared with {', '.join(others)} unless both set ambiguous: true",
                    f"shared name key {key!r}",
                )


def check_parents(places: list[Place]) -> list[Problem]:
    """Each place within (or near, for point-only parents) its parent.

    Returns problems rather than raising: ``check`` reports them with the rest.
    """
    by_id = {p.id: p for p in places}
    out: list[Problem] = []
    for p in places:
        parent = by_id.get(p.parent) if p.parent else None
        if parent is None:
            continue
        off, allowed, expected = _parent_reach(p, parent)
        d = off(p.lat, p.lon)
        if d <= allowed:
            continue
        if -90 <= p.lon <= 90 and off(p.lon, p.lat) <= allowed:
            # swapped in the geometry and the properties alike: only the parent shows it
            found = f"lat and lon swapped ({p.lat}, {p.lon}), in the geometry too"
        elif parent.shape.geom_type in _AREAS:
            found = f"{d:,.0f} m outside"
        else:
            found = f"{d / 1000:,.1f} km away"
        out.append(Problem(p.id, "parent", expected, found))
    return out


_AREAS = ("Polygon", "MultiPolygon")


def _parent_reach(p: Place, parent: Place) -> tuple[Callable[[float, float], float], float, str]:
    """How far a point is from ``parent`` (metres), how far ``p`` may be, and that as words."""
    from .geodesy import distance_m, distance_to_geometry_m

    pg = parent.shape
    if pg.geom_type in _AREAS:
        allowed = p.uncertainty_m + parent.uncertainty_m
        return (
            lambda lat, lon: distance_to_geometry_m(lat, lon, pg),
            allowed,
            f"a point inside {parent.id!r} or within {allowed:,.0f} m of it",
        )
    allowed = PARENT_REACH_KM.get(parent.kind, 50) * 1000 + p.uncertainty_m + parent.uncertainty_m
    if parent.radius_m:
        allowed = parent.radius_m + p.uncertainty_m
    return (
        lambda lat, lon: distance_m(lat, lon, parent.lat, parent.lon),
        allowed,
        f"within {allowed / 1000:,.0f} km of {parent.id!r}",
    )


def point_in(lat: float, lon: float, geometry: dict) -> bool:
    """True if ``(lat, lon)`` lies in a GeoJSON polygon geometry."""
    return shape(geometry).covers(Point(lon, lat))
