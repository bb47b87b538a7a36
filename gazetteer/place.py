"""The :class:`Place` record: one curated gazetteer entry."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

#: Kinds a place may have, from largest to smallest (used to order candidates).
KINDS: tuple[str, ...] = (
    "country",
    "region",
    "governorate",
    "zone",
    "river",
    "city",
    "town",
    "village",
    "district",
    "suburb",
    "military_site",
    "dam",
    "border_crossing",
    "street",
    "square",
    "landmark",
)

#: Kinds that sit inside a city (used to prefer the local reading of an ambiguous name).
SUB_CITY_KINDS = frozenset({"district", "suburb", "street", "square", "landmark", "zone"})

GEOMETRY_QUALITIES = ("surveyed", "single_source", "approximate", "estimate", "unsourced")


@dataclass(frozen=True)
class Place:
    """A curated place.

    Attributes
    ----------
    id : str
        Stable id (``raqqa-mishlab``).
    name : str
        Canonical English name.
    kind : str
        One of :data:`KINDS`.
    lat, lon : float
        Representative point (WGS84): where a marker goes.
    uncertainty_m : float
        Radius within which the representative point is believed to be.
    parent : str or None
        Id of the containing place.
    aliases : tuple of str
        Latin spellings seen in reporting.
    name_ar : str or None
        Arabic name.
    geometry : dict
        GeoJSON geometry as stored (``[lon, lat]``).
    geometry_quality : str
        How well the geometry is known (see :data:`GEOMETRY_QUALITIES`).
    sources : tuple of dict
        ``{ref, url, supports, note}`` for every coordinate.
    notes : str
        Doubts and caveats.
    ambiguous : bool
        One of its aliases is shared, by declaration, with another place.
    radius_m : float or None
        For circular zones: the radius around the point geometry.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    uncertainty_m: float
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    name_ar: str | None = None
    geometry: dict = field(default_factory=dict, compare=False, repr=False)
    geometry_quality: str = "unsourced"
    sources: tuple[dict, ...] = field(default=(), compare=False, repr=False)
    notes: str = field(default="", compare=False, repr=False)
    ambiguous: bool = False
    radius_m: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias, without repeats."""
        seen: dict[str, None] = {self.name: None}
        for a in self.aliases:
            seen.setdefault(a, None)
        return tuple(seen)

    @property
    def shape(self) -> BaseGeometry:
        """The stored geometry as a shapely object (lon/lat)."""
        return shape(self.geometry)

    @property
    def point(self) -> tuple[float, float]:
        """``(lat, lon)`` of the representative point, geopy order."""
        return (self.lat, self.lon)

    @property
    def is_approximate(self) -> bool:
        """True unless two independent sources agree on the position."""
        return self.geometry_quality != "surveyed"

    def to_json(self) -> dict[str, Any]:
        """The summary the command line prints for a place."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "uncertainty_m": self.uncertainty_m,
            "geometry_quality": self.geometry_quality,
            "parent": self.parent,
            "name_ar": self.name_ar,
            "aliases": list(self.aliases),
            "sources": [dict(s) for s in self.sources],
            "notes": self.notes,
        }

    def to_feature(self) -> dict[str, Any]:
        """The place as a GeoJSON Feature, geometry as stored."""
        props = self.to_json()
        props.pop("id")
        props["ambiguous"] = self.ambiguous
        props["radius_m"] = self.radius_m
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": json.loads(json.dumps(self.geometry)),
            "properties": props,
        }
