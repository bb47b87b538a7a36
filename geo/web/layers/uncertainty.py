"""Location uncertainty: a dashed ring of radius ``uncertainty_m`` around each located point."""

from __future__ import annotations

from collections.abc import Mapping

import folium

from geo.web.geojson import BrowserGeoJson, feature_collection, prepare, representative_point
from geo.web.panes import UNCERTAINTY_PANE, Pane
from geo.web.theme import UNCERTAINTY_COLOUR
from geo.web.validate import check_fc, feature_key, is_number

__all__ = ["uncertainty_layer"]


def uncertainty_layer(
    points_fc: Mapping, *, name: str = "Location uncertainty", colour: str = UNCERTAINTY_COLOUR
) -> folium.FeatureGroup:
    """Dashed circles of radius ``uncertainty_m`` around point features.

    The ring is centred on the representative point ``properties.lat/lon``
    (districts are polygons with such a point), else on a Point geometry.
    Features with neither, or with ``uncertainty_m`` null or 0, are skipped. The rings are not interactive
    and sit in the uncertainty pane, under every other overlay: an estimate of
    where a place is, drawn faint, never over the markers it is about.

    Parameters
    ----------
    points_fc : dict
        FeatureCollection; properties need ``uncertainty_m`` (metres).
    name : str, keyword-only
    colour : str, keyword-only
        Ring colour (CSS).

    Raises
    ------
    ValueError
        For a negative or non-numeric ``uncertainty_m``.
    """
    feats = check_fc(points_fc, "points_fc")
    kept = []
    for i, f in enumerate(feats):
        u = f["properties"].get("uncertainty_m")
        if u is not None and (not is_number(u) or u < 0):
            raise ValueError(
                f"points_fc: feature {i} ({feature_key(f, i)}): expected uncertainty_m "
                f"to be a number >= 0 or null, got {u!r}"
            )
        point = representative_point(f)
        if u and point is not None:
            kept.append({**f, "geometry": {"type": "Point", "coordinates": [point[1], point[0]]}})
    group = folium.FeatureGroup(name=name)
    if kept:
        group.add_child(Pane(UNCERTAINTY_PANE, layer="uncertainty_layer"))
        BrowserGeoJson(
            feature_collection(prepare(kept, "uncertainty")),
            name=name,
            marker=folium.Circle(),
            style_function=lambda f: {
                "radius": float(f["properties"]["uncertainty_m"]),
                "color": colour, "weight": 1, "opacity": 0.6, "dashArray": "4 6",
                "fill": True, "fillColor": colour, "fillOpacity": 0.03, "pane": UNCERTAINTY_PANE,
                # copied into each ring's options before it is created
                "interactive": False,
            },
            interactive=False,
            control=False,
        ).add_to(group)
    return group
