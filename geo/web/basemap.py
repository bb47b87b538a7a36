"""The offline basemap's country outlines (Natural Earth 1:110m; see ``data/basemap/README.md``)."""

from __future__ import annotations

import os
from pathlib import Path

from gazetteer.exc import DataError, Problem
from gazetteer.files import read_json

__all__ = ["COUNTRIES_PATH", "load_countries"]

from geo.settings import COUNTRIES_PATH


def load_countries(path: str | os.PathLike | None = None) -> dict:
    """The country outlines as a GeoJSON FeatureCollection.

    Raises
    ------
    DataError
        When the file is not a FeatureCollection of (Multi)Polygons with a name.
    """
    p = Path(path or COUNTRIES_PATH)
    fc = read_json(p)
    problems = []
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection" or not isinstance(fc.get("features"), list):
        got = fc.get("type") if isinstance(fc, dict) else type(fc).__name__
        raise DataError(str(p), [Problem("<file>", "type", "a FeatureCollection", repr(got))])
    for i, f in enumerate(fc["features"]):
        gtype = ((f or {}).get("geometry") or {}).get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(f"feature {i}", "geometry.type", "Polygon or MultiPolygon", repr(gtype)))
        if not ((f or {}).get("properties") or {}).get("name"):
            problems.append(
                Problem(
                    f"feature {i}", "properties.name", "a name", repr(((f or {}).get("properties") or {}).get("name"))
                )
            )
    if problems:
        raise DataError(str(p), problems)
    return fc
