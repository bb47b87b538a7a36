"""Writing layers: RFC 7946 GeoJSON, GeoParquet and CSV, always atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from gazetteer.files import atomic_path, write_text_atomic
from gazetteer.geodesy import rfc7946_geometry


def rfc7946(collection: dict, *, precision: int = 6) -> dict:
    """A copy of a FeatureCollection made RFC 7946-clean.

    Longitude-latitude (as stored), exterior rings counter-clockwise and holes
    clockwise, no ``crs`` member, coordinates rounded to ``precision``
    decimals (6 is about 0.1 m: far finer than any of our positions).
    """

    feats = []
    for f in collection["features"]:
        nf: dict[str, Any] = {"type": "Feature"}
        if f.get("id") is not None:
            nf["id"] = f["id"]
        nf["geometry"] = rfc7946_geometry(f.get("geometry"), precision=precision)
        nf["properties"] = f.get("properties") or {}
        feats.append(nf)
    return {"type": "FeatureCollection", "features": feats}


def geojson_text(collection: dict) -> str:
    """Serialised RFC 7946 GeoJSON (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(rfc7946(collection), ensure_ascii=False) + "\n"


def write_geojson(collection: dict, path: str | os.PathLike) -> None:
    """Write RFC 7946 GeoJSON atomically."""
    write_text_atomic(path, geojson_text(collection))


def write_geoparquet(collection: dict, path: str | os.PathLike) -> None:
    """Write GeoParquet atomically (nested properties as JSON text)."""
    from geo.records.layers import to_gdf

    with atomic_path(path) as tmp:
        to_gdf(collection).to_parquet(tmp)


#: Incident columns for CSV, ACLED/UCDP-like names first.
CSV_COLUMNS = [
    "id",
    "event_id",
    "event_type",
    "acled_event_type",
    "acled_sub_event_type",
    "munition",
    "actor",
    "target",
    "status",
    "claimed_by",
    "date_start",
    "date_end",
    "date_precision",
    "time_precision",
    "date_prec",
    "date_text",
    "place_id",
    "place_name",
    "place_text",
    "lat",
    "lon",
    "geo_precision",
    "place_uncertainty_m",
    "place_geometry_quality",
    "deaths_low",
    "deaths_best",
    "deaths_high",
    "injured_low",
    "injured_high",
    "casualty_group",
    "civilian_harm",
    "control_actor",
    "control_from",
    "control_extent",
    "article_id",
    "outlet",
    "title",
    "published",
    "reviewed",
    "origin",
    "quote",
    "span_start",
    "span_end",
    "notes",
]


def csv_text(reports: list[dict]) -> str:
    """Incident reports as CSV text (one row per report)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in reports:
        w.writerow({k: r.get(k) for k in CSV_COLUMNS})
    return buf.getvalue()


def write_any(collection: dict, path: str | os.PathLike) -> str:
    """Write by extension: ``.geojson``/``.json`` GeoJSON, ``.parquet`` GeoParquet, ``.csv`` CSV. Returns the format."""
    suffix = Path(path).suffix.lower()
    if suffix in (".geojson", ".json"):
        write_geojson(collection, path)
        return "geojson"
    if suffix in (".parquet", ".geoparquet"):
        write_geoparquet(collection, path)
        return "geoparquet"
    if suffix == ".csv":
        write_text_atomic(path, csv_text([f["properties"] for f in collection["features"]]))
        return "csv"
    from geo.exc import InputError

    raise InputError(f"cannot write {str(path)!r}: expected a .geojson, .json, .parquet or .csv file name")
