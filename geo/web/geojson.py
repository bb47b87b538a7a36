"""GeoJSON layers as the page gets them: prepared features, escaped tooltips and popups, trimmed properties."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import folium

from geo.web.elements import VerbatimMacro
from geo.web.validate import feature_key, is_number

__all__ = [
    "BROWSER_PROPERTIES",
    "BrowserGeoJson",
    "display_name",
    "feature_collection",
    "html_popup",
    "html_tooltip",
    "prepare",
    "representative_point",
]


def prepare(features: Sequence[Mapping], layer: str) -> list[dict]:
    """Deep-copy features; give each a unique top-level id and ``properties.id``.

    The original properties are kept; ``id`` is added only when missing
    (copied from the feature's top-level id), so clicks can be traced back.
    """
    out: list[dict] = []
    seen: dict[str, int] = {}
    for i, f in enumerate(features):
        g = copy.deepcopy(dict(f))
        g["properties"] = dict(g.get("properties") or {})
        key = feature_key(g, i)
        g["properties"].setdefault("id", key)
        n = seen.get(key, 0)
        seen[key] = n + 1
        g["id"] = f"{layer}:{key}" if n == 0 else f"{layer}:{key}#{n}"
        out.append(g)
    return out



def representative_point(f: Mapping) -> tuple[float, float] | None:
    """(lat, lon) from ``properties.lat/lon`` (the gazetteer's marker point),
    else from a Point geometry, else None."""
    p = f.get("properties") or {}
    if is_number(p.get("lat")) and is_number(p.get("lon")):
        return float(p["lat"]), float(p["lon"])
    geom = f.get("geometry") or {}
    if geom.get("type") == "Point":
        coords = geom.get("coordinates") or []
        if len(coords) >= 2 and is_number(coords[0]) and is_number(coords[1]):
            return float(coords[1]), float(coords[0])
    return None


def feature_collection(features: list[dict]) -> dict:
    """A FeatureCollection of ``features``."""
    return {"type": "FeatureCollection", "features": features}


#: The feature properties a page needs: the pre-rendered tooltip and popup, and
#: the ids a click hands back to the dashboard (``place_id`` or ``id``).
BROWSER_PROPERTIES = frozenset({"id", "place_id", "event_id", "name", "kind", "_tooltip", "_popup"})


class BrowserGeoJson(folium.GeoJson, VerbatimMacro):
    """A ``folium.GeoJson`` that sends the page only :data:`BROWSER_PROPERTIES`.

    Styles are worked out here from the full properties, per feature id; the
    page then gets each feature's geometry, ids and its escaped tooltip and
    popup, not the gazetteer's sources and notes or a second copy of every
    quote (the city map's script went from 266 kB to about half, which the
    browser parses before it draws). Layers whose features lack unique ids
    are sent whole. Its output is placed verbatim (:mod:`geo.web.elements`).
    """

    def __init__(self, data: Any, *, style_function: Callable | None = None,
                 highlight_function: Callable | None = None, **kwargs: Any) -> None:
        super().__init__(data, style_function=style_function, highlight_function=highlight_function, **kwargs)
        feats = self.data.get("features") or []
        ids = [f.get("id") for f in feats]
        if None in ids or len(set(ids)) != len(ids):
            return
        if style_function is not None:
            styles = {f["id"]: style_function(f) for f in feats}
            self.style_function = lambda f: styles[f["id"]]
        if highlight_function is not None:
            highlights = {f["id"]: highlight_function(f) for f in feats}
            self.highlight_function = lambda f: highlights[f["id"]]
        self.data = {**self.data, "features": [
            {**f, "properties": {k: v for k, v in (f.get("properties") or {}).items() if k in BROWSER_PROPERTIES}}
            for f in feats
        ]}


def html_tooltip() -> folium.GeoJsonTooltip:
    """The tooltip that shows a feature's pre-built, escaped ``_tooltip`` HTML."""
    return folium.GeoJsonTooltip(fields=["_tooltip"], labels=False, sticky=True)


def html_popup() -> folium.GeoJsonPopup:
    """The popup that shows a feature's pre-built, escaped ``_popup`` HTML."""
    return folium.GeoJsonPopup(fields=["_popup"], labels=False, max_width=360)


def display_name(props: Mapping) -> Any:
    """The name to show for a feature: its name, place name, place id or id."""
    return props.get("name") or props.get("place_name") or props.get("place_id") or props.get("id")

