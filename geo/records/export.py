"""Writing layers: RFC 7946 GeoJSON, GeoParquet and CSV, always atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from gazetteer.files import atomic_path
from gazetteer.geodesy import rfc7946_geometry


def rfc7946(collection: dict, *, precision: int = 6) -> dict:
    """A copy of a FeatureCollection made RFC 7946-clean.

    Longitude-latitude (as stored), exterior rings counter-clockwise and holes
    clockwise, no ``crs`` member, coordinates rounded to ``precision``
    decimals (6 is about 0.1 m: far finer than any of our positions).
    """

    return {"type": "FeatureCollection", "features": [_rfc7946_feature(f, precision) for f in collection["features"]]}


def _rfc7946_feature(f: dict, precision: int) -> dict[str, Any]:
    nf: dict[str, Any] = {"type": "Feature"}
    if f.get("id") is not None:
        nf["id"] = f["id"]
    nf["geometry"] = rfc7946_geometry(f.get("geometry"), precision=precision)
    nf["properties"] = f.get("properties") or {}
    return nf


def iter_geojson(collection: dict, *, precision: int = 6) -> Iterator[str]:
    """RFC 7946 GeoJSON text in pieces, one feature at a time (what :func:`geojson_text` joins).

    A large layer is written without its whole text, or a cleaned copy of it, held in memory.
    """
    yield '{"type": "FeatureCollection", "features": ['
    for i, f in enumerate(collection["features"]):
        yield (", " if i else "") + json.dumps(_rfc7946_feature(f, precision), ensure_ascii=False)
    yield "]}\n"


def geojson_text(collection: dict) -> str:
    """Serialised RFC 7946 GeoJSON (UTF-8 text, not ASCII-escaped)."""
    return "".join(iter_geojson(collection))


def write_geojson(collection: dict, path: str | os.PathLike) -> None:
    """Write RFC 7946 GeoJSON atomically, streamed feature by feature."""
    _write_pieces(path, iter_geojson(collection))


def _write_pieces(path: str | os.PathLike, pieces: Iterable[str]) -> None:
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for piece in pieces:
            f.write(piece)
        f.flush()
        os.fsync(f.fileno())


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


#: Columns a report has only when it has them: the links back to its article, its event's grade.
OPTIONAL_CSV_COLUMNS = ["url", "archive_url", "grade", "grade_why"]


def csv_columns(reports: Iterable[dict]) -> list[str]:
    """:data:`CSV_COLUMNS`, then each of :data:`OPTIONAL_CSV_COLUMNS` some report has."""
    have = set().union(*(r.keys() for r in reports))
    return CSV_COLUMNS + [c for c in OPTIONAL_CSV_COLUMNS if c in have]


def iter_csv(reports: Iterable[dict], *, columns: Sequence[str] = CSV_COLUMNS) -> Iterator[str]:
    """Incident reports as CSV text in pieces: the header, then one row per report."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in reports:
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
        w.writerow({k: r.get(k) for k in columns})
    yield buf.getvalue()


def csv_text(reports: list[dict]) -> str:
    """Incident reports as CSV text (one row per report)."""
    return "".join(iter_csv(reports, columns=csv_columns(reports)))


def write_csv(reports: Iterable[dict], path: str | os.PathLike, *, columns: Sequence[str] = CSV_COLUMNS) -> None:
    """Write incident reports as CSV atomically, streamed row by row."""
    _write_pieces(path, iter_csv(reports, columns=columns))


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
        props = [f["properties"] for f in collection["features"]]
        write_csv(props, path, columns=csv_columns(props))
        return "csv"
    from geo.exc import InputError

    raise InputError(f"cannot write {str(path)!r}: expected a .geojson, .json, .parquet or .csv file name")
