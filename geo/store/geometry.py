"""The report's point: a GeoPackage geometry blob on SQLite, a PostGIS geometry on PostgreSQL.

GeoPackage geometry (OGC 12-128r18, 2.1.3) is a small header (``GP``, version,
flags, SRS id) before ordinary WKB. Writing it ourselves means the embedded file
needs no SpatiaLite at run time, while GDAL and QGIS read it as they read any
GeoPackage. On PostgreSQL the same column is GeoAlchemy2's ``Geometry``.
"""

from __future__ import annotations

import struct

import shapely

#: WGS 84, the only reference system of the atlas.
SRID = 4326
# GP, version 0, flags 0b00000001: little-endian header, no envelope, not empty, standard WKB
_HEADER = struct.Struct("<2sBBi")


def gpkg_blob(lon: float, lat: float) -> bytes:
    """The GeoPackage geometry blob of a WGS 84 point."""
    return _HEADER.pack(b"GP", 0, 1, SRID) + shapely.to_wkb(shapely.Point(lon, lat), byte_order=1)


def gpkg_point(blob: bytes) -> tuple[float, float] | None:
    """``(lon, lat)`` of a GeoPackage point blob (any envelope), ``None`` for an empty one."""
    magic, _version, flags, _srid = _HEADER.unpack_from(blob)
    if magic != b"GP":
        raise ValueError(f"not a GeoPackage geometry: starts with {blob[:2]!r}")
    if flags & 0b10000:
        return None
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0b111]
    geom = shapely.from_wkb(blob[_HEADER.size + envelope :])
    return (geom.x, geom.y)
