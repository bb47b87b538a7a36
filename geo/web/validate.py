"""Checks of the map builders' inputs: each error says what was expected and what was got."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["check_fc", "check_latlon", "feature_key", "is_number"]


def is_number(x: Any) -> bool:
    """A finite int or float (not a bool)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_latlon(value: Any, what: str) -> tuple[float, float]:
    """``(lat, lon)`` as floats, in range; ``what`` names the argument in the error."""
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(is_number(v) for v in value)
        or not -90 <= value[0] <= 90
        or not -180 <= value[1] <= 180
    ):
        raise ValueError(
            f"{what}: expected (lat, lon) numbers with -90 <= lat <= 90 and "
            f"-180 <= lon <= 180, got {value!r}"
        )
    return float(value[0]), float(value[1])


def check_fc(fc: Any, what: str) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, each with properties and a geometry or null."""
    if not isinstance(fc, Mapping):
        raise TypeError(f"{what}: expected a GeoJSON FeatureCollection dict, got {type(fc).__name__}")
    if fc.get("type") != "FeatureCollection":
        raise ValueError(f"{what}: expected type 'FeatureCollection', got {fc.get('type')!r}")
    feats = fc.get("features")
    if not isinstance(feats, list):
        raise ValueError(f"{what}: expected 'features' to be a list, got {type(feats).__name__}")
    for i, f in enumerate(feats):
        if not isinstance(f, Mapping) or f.get("type") != "Feature":
            got = f.get("type") if isinstance(f, Mapping) else type(f).__name__
            raise ValueError(f"{what}: feature {i}: expected type 'Feature', got {got!r}")
        if not isinstance(f.get("properties"), Mapping):
            raise ValueError(
                f"{what}: feature {i}: expected 'properties' to be an object, "
                f"got {type(f.get('properties')).__name__}"
            )
        geom = f.get("geometry")
        if geom is not None and (not isinstance(geom, Mapping) or "type" not in geom):
            raise ValueError(f"{what}: feature {i}: expected a geometry object or null, got {geom!r}")
    return feats


def feature_key(f: Mapping, i: int) -> str:
    """A feature's id for messages and click tracing: its id, else ``properties.id``/``place_id``, else its index."""
    props = f.get("properties") or {}
    for k in (f.get("id"), props.get("id"), props.get("place_id")):
        if k is not None:
            return str(k)
    return f"feature-{i}"
