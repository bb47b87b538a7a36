"""A plain basemap from our own data (countries, city, districts, the Euphrates), drawn in its own low pane."""

from __future__ import annotations

from collections.abc import Mapping

import folium

from geo.web.geojson import BrowserGeoJson, feature_collection, prepare
from geo.web.panes import BASEMAP_PANE, Pane
from geo.web.validate import check_fc, feature_key

__all__ = ["plain_basemap_layer"]


_APPROXIMATE = frozenset({"approximate", "estimate", "unsourced"})


def _outlines_and_rivers(feats: list[dict]) -> tuple[list[dict], list[dict]]:
    """City, district and suburb polygons (cities first), and river lines."""
    polys: list[dict] = []
    rivers: list[dict] = []
    for f in feats:
        geom = f.get("geometry") or {}
        kind = (f.get("properties") or {}).get("kind")
        gtype = geom.get("type")
        if kind in ("city", "district", "suburb") and gtype in ("Polygon", "MultiPolygon"):
            polys.append(f)
        elif kind == "river" and gtype in ("LineString", "MultiLineString"):
            rivers.append(f)
    # Cities first so district outlines draw over them.
    polys.sort(key=lambda f: 0 if f["properties"].get("kind") == "city" else 1)
    return polys, rivers


def plain_basemap_layer(places_fc: Mapping, *, countries_fc: Mapping | None = None,
                        name: str = "Basemap") -> folium.FeatureGroup:
    """Draw a plain basemap from our own data: countries, city, districts, the Euphrates.

    Polygons of ``kind == "city"`` are drawn as a solid outline, ``district``
    and ``suburb`` polygons as thin outlines (dashed when their
    ``geometry_quality`` is ``approximate``/``estimate``/``unsourced``),
    ``river`` lines in blue. Other features are ignored. The layer is not
    interactive, sits in its own pane below every other layer, and is not
    listed in the layer control.

    Parameters
    ----------
    places_fc : dict
        Gazetteer FeatureCollection (properties ``kind``, ``geometry_quality``...).
    countries_fc : dict, optional, keyword-only
        Country outlines (:func:`geo.web.basemap.load_countries`), drawn first as
        pale land with thin grey borders: orientation for the wider views.
    name : str, keyword-only
        Layer name.

    Returns
    -------
    folium.FeatureGroup
    """
    feats = check_fc(places_fc, "places_fc")
    countries = check_fc(countries_fc, "countries_fc") if countries_fc is not None else []
    for i, f in enumerate(countries):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"countries_fc: feature {i} ({feature_key(f, i)}): expected a Polygon or "
                             f"MultiPolygon geometry, got {gtype!r}")
    polys, rivers = _outlines_and_rivers(feats)

    def poly_style(feature: Mapping) -> dict:
        p = feature["properties"]
        if p.get("kind") == "city":
            return {"color": "#555", "weight": 2.5, "fill": True, "fillColor": "#f7f6f2",
                    "fillOpacity": 0.8}
        dashed = p.get("geometry_quality") in _APPROXIMATE
        return {"color": "#8a8a8a", "weight": 1, "fill": False,
                "dashArray": "4 4" if dashed else None}

    group = folium.FeatureGroup(name=name, control=False, show=True)
    group.add_child(Pane(BASEMAP_PANE, layer="plain_basemap_layer"))
    if countries:
        BrowserGeoJson(
            feature_collection(prepare(countries, "country")),
            name=f"{name} countries",
            style_function=lambda f: {"color": "#a0a0a0", "weight": 1, "fill": True,
                                      "fillColor": "#f1efe8", "fillOpacity": 1.0},
            interactive=False,
            pane=BASEMAP_PANE,
            control=False,
        ).add_to(group)
    if polys:
        BrowserGeoJson(
            feature_collection(prepare(polys, "basemap")),
            name=f"{name} outlines",
            style_function=poly_style,
            interactive=False,
            pane=BASEMAP_PANE,
            control=False,
        ).add_to(group)
    if rivers:
        BrowserGeoJson(
            feature_collection(prepare(rivers, "river")),
            name=f"{name} rivers",
            style_function=lambda f: {"color": "#6fa8dc", "weight": 4, "opacity": 0.9},
            interactive=False,
            pane=BASEMAP_PANE,
            control=False,
        ).add_to(group)
    return group
