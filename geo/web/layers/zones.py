"""Zones such as the Al-Tanaf 55 km de-confliction zone: circles of a radius, or polygons."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import folium

from geo.web.escape import esc
from geo.web.geojson import BrowserGeoJson, display_name, feature_collection, html_tooltip, prepare
from geo.web.theme import ZONE_COLOUR
from geo.web.validate import check_fc, feature_key, is_number

__all__ = ["zone_layer"]


def _zone_style(style: dict, feature: Mapping, *, circle: bool) -> dict:
    # a circle's radius is its own; a polygon is drawn as it is
    return {**style, "radius": float(feature["properties"]["radius_m"])} if circle else style


def zone_layer(zones_fc: Mapping, *, name: str = "Zones") -> folium.FeatureGroup:
    """Circular zones (e.g. the Al-Tanaf 55 km de-confliction zone).

    Point features with ``properties.radius_m`` become circles of that radius
    (metres); Polygon features (a zone already expanded on export) are drawn
    as they are.

    Parameters
    ----------
    zones_fc : dict
        FeatureCollection of zone features.
    name : str, keyword-only

    Raises
    ------
    ValueError
        For a Point zone without a positive ``radius_m``.
    """
    feats = check_fc(zones_fc, "zones_fc")
    circles, polys = [], []
    for i, f in enumerate(feats):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype == "Point":
            r = f["properties"].get("radius_m")
            if not is_number(r) or r <= 0:
                raise ValueError(
                    f"zones_fc: feature {i} ({feature_key(f, i)}): expected radius_m > 0 "
                    f"(metres) for a Point zone, got {r!r}"
                )
            circles.append(f)
        elif gtype in ("Polygon", "MultiPolygon"):
            polys.append(f)
        else:
            raise ValueError(
                f"zones_fc: feature {i} ({feature_key(f, i)}): expected a Point with "
                f"radius_m or a Polygon, got {gtype!r}"
            )
    style = {"color": ZONE_COLOUR, "weight": 2, "dashArray": "10 6", "fill": True,
             "fillColor": ZONE_COLOUR, "fillOpacity": 0.06}
    group = folium.FeatureGroup(name=name)
    for kind, items in (("circle", circles), ("polygon", polys)):
        if not items:
            continue
        prepared = prepare(items, f"zone-{kind}")
        for g in prepared:
            p = g["properties"]
            r = p.get("radius_m")
            size = f" ({esc(round(r / 1000, 1))} km radius)" if is_number(r) else ""
            p["_tooltip"] = f"<b>{esc(display_name(p))}</b>{size}"
        kwargs: dict[str, Any] = {"marker": folium.Circle()} if kind == "circle" else {}
        BrowserGeoJson(
            feature_collection(prepared), name=name,
            style_function=partial(_zone_style, style, circle=kind == "circle"), tooltip=html_tooltip(), control=False,
            **kwargs,
        ).add_to(group)
    return group
