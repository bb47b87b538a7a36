"""Territorial control: district polygons coloured by who held them; discs for places known only as points."""

from __future__ import annotations

from collections.abc import Mapping

import folium

from geo.web.escape import esc
from geo.web.geojson import (
    BrowserGeoJson,
    display_name,
    feature_collection,
    html_popup,
    html_tooltip,
    prepare,
    representative_point,
)
from geo.web.theme import CONTROL_STATES
from geo.web.validate import check_fc, check_latlon, feature_key, is_number

__all__ = ["control_layer", "control_points_layer"]


def control_layer(control_fc: Mapping, *, name: str = "Territorial control") -> folium.FeatureGroup:
    """Colour district polygons by who held them.

    Parameters
    ----------
    control_fc : dict
        FeatureCollection of polygons with properties ``place_id``, ``name``,
        ``state`` (one of :data:`CONTROL_STATES`), ``since``, ``reports``.
    name : str, keyword-only
        Layer name in the layer control.

    Returns
    -------
    folium.FeatureGroup
        One ``folium.GeoJson`` styled by state, with escaped tooltips and
        popups; features keep their properties (clicks return them).

    Raises
    ------
    ValueError
        For an unknown ``state`` or a non-polygon geometry.
    """
    feats = check_fc(control_fc, "control_fc")
    for i, f in enumerate(feats):
        state = f["properties"].get("state")
        if state not in CONTROL_STATES:
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected state in "
                f"{sorted(CONTROL_STATES)}, got {state!r}"
            )
        gtype = (f.get("geometry") or {}).get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected a Polygon or "
                f"MultiPolygon geometry, got {gtype!r}"
            )
    prepared = prepare(feats, "control")
    for g in prepared:
        p = g["properties"]
        label = CONTROL_STATES[p["state"]][0]
        reports = p.get("reports")
        if isinstance(reports, (list, tuple)):
            items = "".join(f"<li>{esc(r)}</li>" for r in reports)
            reports_html = f"<ul>{items}</ul>" if items else "—"
        else:
            reports_html = esc(reports)
        p["_tooltip"] = f"<b>{esc(display_name(p))}</b><br>{esc(label)}"
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{esc(display_name(p))}</b><br>'
            f"{esc(label)} since {esc(p.get('since'))}<br>Reports: {reports_html}</div>"
        )

    def style(feature: Mapping) -> dict:
        _, fill, border, dashed = CONTROL_STATES[feature["properties"]["state"]]
        return {"fillColor": fill, "color": border, "weight": 1.5, "fillOpacity": 0.45,
                "dashArray": "6 4" if dashed else None}

    group = folium.FeatureGroup(name=name)
    if not prepared:
        return group
    BrowserGeoJson(
        feature_collection(prepared),
        name=name,
        style_function=style,
        highlight_function=lambda f: {"weight": 3, "fillOpacity": 0.6},
        tooltip=html_tooltip(),
        popup=html_popup(),
        control=False,
    ).add_to(group)
    return group


def control_points_layer(control_fc: Mapping, *, name: str = "Territorial control (approximate areas)",
                         min_radius_m: float = 250.0) -> folium.FeatureGroup:
    """Control of places known only as a point: a dashed disc of radius ``uncertainty_m``.

    Many districts have no surveyed outline; drawing a made-up polygon would
    mislead, so they are shown as a disc around their representative point
    (``properties.lat/lon``, else the Point geometry) whose radius is the
    place's ``uncertainty_m`` (at least ``min_radius_m``), coloured by
    ``state`` like :func:`control_layer`, always dashed, and labelled
    "approximate area" in the tooltip. Polygon features are ignored (draw them
    with :func:`control_layer`).

    Raises
    ------
    ValueError
        For an unknown ``state`` or a point feature without a usable point.
    """
    feats = check_fc(control_fc, "control_fc")
    points = []
    for i, f in enumerate(feats):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype in ("Polygon", "MultiPolygon"):
            continue
        p = f["properties"]
        if p.get("state") not in CONTROL_STATES:
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected state in "
                f"{sorted(CONTROL_STATES)}, got {p.get('state')!r}"
            )
        point = representative_point(f)
        if point is None:
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected properties lat/lon "
                f"or a Point geometry, got geometry type {gtype!r}"
            )
        lat, lon = check_latlon(point, f"control_fc: feature {i} ({feature_key(f, i)}) point")
        points.append({**f, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    prepared = prepare(points, "control-point")
    for g in prepared:
        p = g["properties"]
        label = CONTROL_STATES[p["state"]][0]
        u = p.get("uncertainty_m")
        size = ("approximate area" if not is_number(u)
                else f"approximate area: ± {esc(round(u))} m around the reference point")
        p["_tooltip"] = f"<b>{esc(display_name(p))}</b><br>{esc(label)}<br><small>{size}</small>"
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{esc(display_name(p))}</b><br>{esc(label)} since '
            f"{esc(p.get('since'))}<br><small>{size}; no surveyed outline</small></div>"
        )

    def style(feature: Mapping) -> dict:
        _, fill, border, _d = CONTROL_STATES[feature["properties"]["state"]]
        u = feature["properties"].get("uncertainty_m")
        r = max(float(u) if is_number(u) else 0.0, min_radius_m)
        # folium.Circle defaults to fill=False: without "fill" the disc shows its border only
        return {"radius": r, "fill": True, "fillColor": fill, "color": border, "weight": 1.5,
                "fillOpacity": 0.35, "dashArray": "4 4"}

    group = folium.FeatureGroup(name=name)
    if prepared:
        BrowserGeoJson(
            feature_collection(prepared), name=name, marker=folium.Circle(), style_function=style,
            highlight_function=lambda f: {"weight": 3, "fillOpacity": 0.55},
            tooltip=html_tooltip(), popup=html_popup(), control=False,
        ).add_to(group)
    return group
