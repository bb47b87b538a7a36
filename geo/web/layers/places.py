"""Context places: small clickable dots for gazetteer places, with their sources in the popup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import folium

from geo.records.vocab import GEOMETRY_QUALITY_LABELS
from geo.web.escape import esc, safe_href
from geo.web.geojson import BrowserGeoJson, feature_collection, html_popup, html_tooltip, prepare, representative_point
from geo.web.validate import check_fc, check_latlon, feature_key

__all__ = ["context_places_layer"]


def context_places_layer(
    places_fc: Mapping, *, name: str = "Places", kinds: Iterable[str] | None = None
) -> folium.FeatureGroup:
    """Small labelled dots for gazetteer places (towns, landmarks, districts...).

    Each place is drawn at its representative point (``properties.lat/lon``,
    else its Point geometry); clicking one returns its properties, which
    include ``id``.

    Parameters
    ----------
    places_fc : dict
        Gazetteer FeatureCollection.
    name : str, keyword-only
    kinds : iterable of str, optional, keyword-only
        Only these ``kind`` values (default: all but ``country``, ``region``,
        ``governorate``, ``river`` and ``zone``).

    Raises
    ------
    ValueError
        For a place with no usable point.
    """
    feats = check_fc(places_fc, "places_fc")
    wanted = set(kinds) if kinds is not None else None
    skip = {"country", "region", "governorate", "river", "zone"}
    points: list[dict] = []
    for i, f in enumerate(feats):
        p = f["properties"]
        kind = p.get("kind")
        if (wanted is not None and kind not in wanted) or (wanted is None and kind in skip):
            continue
        point = representative_point(f)
        if point is None:
            raise ValueError(
                f"places_fc: feature {i} ({feature_key(f, i)}): expected properties lat/lon "
                f"or a Point geometry, got lat={p.get('lat')!r}, lon={p.get('lon')!r}, "
                f"geometry type {(f.get('geometry') or {}).get('type')!r}"
            )
        lat, lon = check_latlon(point, f"places_fc: feature {i} ({feature_key(f, i)}) point")
        points.append({**f, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    prepared = prepare(points, "place")
    for g in prepared:
        p = g["properties"]
        kind = str(p.get("kind") or "").replace("_", " ")
        p["_tooltip"] = f"<b>{esc(p.get('name'))}</b> <small>({esc(kind)})</small>"
        srcs = []
        for s in p.get("sources") or []:
            if not isinstance(s, Mapping):
                continue
            href = safe_href(s.get("url"))
            ref = esc(s.get("ref"))
            srcs.append(
                f'<li><a href="{href}" target="_blank" rel="noopener noreferrer">{ref}</a></li>'
                if href else f"<li>{ref}</li>"
            )
        quality = GEOMETRY_QUALITY_LABELS.get(str(p.get("geometry_quality")), p.get("geometry_quality"))
        u = p.get("uncertainty_m")
        # the curators' notes on how a position was worked out stay in the gazetteer and the exports
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{esc(p.get("name"))}</b> ({esc(kind)})<br>'
            f"Position: {esc(quality)}, ± {esc(round(u) if isinstance(u, (int, float)) else u)} m"
            + (f"<br>Sources:<ul>{''.join(srcs)}</ul>" if srcs else "")
            + "</div>"
        )
    group = folium.FeatureGroup(name=name)
    if prepared:
        BrowserGeoJson(
            feature_collection(prepared),
            name=name,
            marker=folium.CircleMarker(),
            style_function=lambda f: {"radius": 4, "color": "#333", "weight": 1,
                                      "fill": True, "fillColor": "#ffffff", "fillOpacity": 1},
            tooltip=html_tooltip(),
            popup=html_popup(),
            control=False,
        ).add_to(group)
    return group
