"""A geopy-compatible geocoder over the curated gazetteer.

Honours geopy's duck-typed ``Geocoder`` contract: ``geocode`` and ``reverse``
return a :class:`geopy.location.Location`, or ``None`` for no result, so
``geopandas.tools.geocode(names, provider=AtlasGeocoder)`` works unchanged.
Nothing here touches the network.
"""

from __future__ import annotations

import re

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point as GeopyPoint

from .gazetteer import Gazetteer
from .place import Place


class AtlasGeocoder(Geocoder):
    """Geocode against the curated gazetteer, offline.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the shipped data (:func:`gazetteer.load`).

    Notes
    -----
    An ambiguous name (``Romania``) geocodes to ``None`` with
    ``exactly_one=True``: a wrong point is worse than none. Ask with
    ``exactly_one=False`` to see every candidate.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        if gazetteer is None:
            from . import load

            gazetteer = load()
        self.gazetteer = gazetteer

    def _location(self, place: Place) -> Location:
        raw = place.to_json()
        raw["address"] = self.gazetteer.address(place)
        return Location(raw["address"], GeopyPoint(place.lat, place.lon), raw)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None, **kwargs):  # noqa: ARG002
        """Forward geocode a place name.

        Returns
        -------
        Location, list of Location, or None
            ``None`` when the name is unknown (or ambiguous with ``exactly_one``).
        """
        if not isinstance(query, str):
            raise ValueError(f"could not geocode {query!r}: expected a place name (str)")
        found = self.gazetteer.candidates(query.strip())
        if not found:
            return None
        if exactly_one:
            return self._location(found[0]) if len(found) == 1 else None
        return [self._location(p) for p in found]

    def reverse(self, query, *, exactly_one: bool = True, timeout=None, **kwargs):  # noqa: ARG002
        """The smallest place containing a point.

        Parameters
        ----------
        query : (lat, lon), "lat, lon" or geopy Point
        """
        lat, lon = _coerce_point(query)
        p = self.gazetteer.reverse(lat, lon)
        if p is None:
            return None
        loc = self._location(p)
        return loc if exactly_one else [loc]


def _coerce_point(query) -> tuple[float, float]:
    if isinstance(query, GeopyPoint):
        return query.latitude, query.longitude
    if isinstance(query, str):
        parts = [x for x in re.split(r"[,\s]+", query.strip()) if x]
        if len(parts) == 2:
            try:
                return float(parts[0]), float(parts[1])
            except ValueError:
                pass
        raise ValueError(f"could not reverse geocode {query!r}: expected 'lat, lon'")
    try:
        lat, lon = (float(v) for v in query)
    except (TypeError, ValueError):
        raise ValueError(f"could not reverse geocode {query!r}: expected (lat, lon)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"could not reverse geocode {query!r}: latitude or longitude out of range")
    return lat, lon
