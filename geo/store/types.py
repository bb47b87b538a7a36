"""Column types that read the same on both back ends, and that GDAL reads in the GeoPackage.

GeoPackage names its column types (OGC 12-128r15, table 1): ``TEXT``, not
``VARCHAR(n)``; a point column is declared ``POINT``; JSON is ``TEXT``. On
PostgreSQL the same columns are ``VARCHAR(n)``, ``JSON`` and PostGIS
``geometry(POINT,4326)``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import shapely
from geoalchemy2 import Geometry
from sqlalchemy import JSON, DateTime, String, Text
from sqlalchemy.types import LargeBinary, TypeDecorator, TypeEngine, UserDefinedType

from geo.store.geometry import SRID, gpkg_blob, gpkg_point


def Str(length: int) -> TypeEngine[str]:  # noqa: N802 (a column type, named like one)
    """``VARCHAR(length)`` on PostgreSQL, ``TEXT`` in the GeoPackage."""
    return String(length).with_variant(Text(), "sqlite")


class JsonText(TypeDecorator[Any]):
    """JSON kept as text (the GeoPackage's ``TEXT``)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> Any:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: Any, dialect) -> Any:
        return None if value is None else json.loads(value)


#: JSON on PostgreSQL, JSON text in the GeoPackage.
Json = JSON().with_variant(JsonText(), "sqlite")


class GpkgPoint(UserDefinedType[bytes]):
    """The GeoPackage's declared type of a point column: ``POINT`` (the values are GeoPackage blobs)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "POINT"


class Point4326(TypeDecorator[tuple[float, float]]):
    """A WGS 84 point given as ``(lon, lat)``: GeoPackage blob on SQLite, ``geometry(POINT,4326)`` on PostGIS."""

    impl = LargeBinary
    cache_ok = True
    # what GeoAlchemy2's table events read of a geometry type: the migration makes the GiST index itself
    geometry_type = "POINT"
    srid = SRID
    dimension = 2
    spatial_index = False
    use_N_D_index = False  # noqa: N815 (GeoAlchemy2's name)
    use_typmod = None
    nullable = True

    def load_dialect_impl(self, dialect) -> TypeEngine[Any]:
        if dialect is None:  # GeoAlchemy2 asks without a dialect whether this is one of its types
            return Geometry("POINT", srid=SRID, spatial_index=False)
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Geometry("POINT", srid=SRID, spatial_index=False))
        return dialect.type_descriptor(GpkgPoint())

    def process_bind_param(self, value: Any, dialect) -> Any:
        if value is None:
            return None
        lon, lat = value
        if dialect.name == "postgresql":
            # EWKT: GeoAlchemy2's Geometry binds it through ST_GeomFromEWKT
            return f"SRID={SRID};POINT({float(lon)!r} {float(lat)!r})"
        return gpkg_blob(float(lon), float(lat))

    def process_result_value(self, value: Any, dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "postgresql":
            geom = shapely.from_wkb(bytes(value.data) if hasattr(value, "data") else value)
            return (geom.x, geom.y)
        return gpkg_point(bytes(value))


class _GpkgDatetime(UserDefinedType[str]):
    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "DATETIME"


class Timestamp(TypeDecorator[dt.datetime]):
    """An aware UTC time: ``timestamptz`` on PostgreSQL, GeoPackage's ``DATETIME`` text
    (``YYYY-MM-DDTHH:MM:SS.SSSZ``) in the embedded file."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_GpkgDatetime())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: Any, dialect) -> Any:
        if value is None:
            return None
        value = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
        return value

    def process_result_value(self, value: Any, dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
