"""The dashboard's folium map for a view: which reports go in which layer, in what order.

:func:`build_map` is pure (data in, ``folium.Map`` out); the dashboard renders
it in its map component. :func:`map_html` draws the map of the shipped data with
the default filters as one HTML page (for snapshots and tests).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import folium

from gazetteer import Gazetteer
from geo.records.filters import Filters, select
from geo.records.incidents import to_feature
from geo.records.layers import fc
from geo.web import webmap as W
from geo.web.framing import frame_bounds
from geo.web.geojson import representative_point
from geo.web.layers.labels import METRES_PER_DEGREE_LAT
from geo.web.views import VIEWS

#: a report's fields a marker needs (the rest stays out of the page, which keeps it small at scale)
MARKER_PROPS = ("id", "event_id", "event_type", "munition", "status", "claimed_by", "place_id", "place_name",
                "deaths_low", "deaths_best", "deaths_high", "quote", "outlet", "date_start", "date_end",
                "control_extent", "control_actor", "reviewed", "origin", "article_id")
#: reviewed reports' marker layers, drawn in this order (the last on top): event types, layer name
INCIDENT_LAYERS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"displacement"}), "Displacement & trapped civilians"),
    (frozenset({"armed_clash", "other"}), "Clashes & other"),
    (frozenset({"air_strike", "shelling"}), "Strikes (air, artillery; ◆ incendiary)"),
)
#: a control layer's holder code -> the map's control state (:data:`geo.web.webmap.CONTROL_STATES`)
MAP_CONTROL_STATE = {"is": "is", "contested": "contested", "sdf": "sdf"}
#: place kinds too large for an uncertainty ring
NO_RING_KINDS = frozenset({"country", "governorate", "region"})


def is_candidate(report: Mapping) -> bool:
    """A report nobody has reviewed: ``reviewed`` false, or extracted by machine (an upload)."""
    return not report.get("reviewed", True) or report.get("origin") == "extracted"


def marker_props(report: Mapping) -> dict:
    """What a marker shows of ``report``."""
    return {k: report.get(k) for k in MARKER_PROPS}


def map_control(control_fc: Mapping) -> dict:
    """The control layer (:func:`geo.records.layers.control_features`) with ``state`` as the map colours it.

    A place taken by someone other than IS or the SDF is drawn as ``unknown``.
    """
    out = []
    for f in control_fc["features"]:
        p = f["properties"]
        out.append({**f, "properties": {**p, "state": MAP_CONTROL_STATE.get(p["code"], "unknown")}})
    return fc(out)


def _markers(reports: Sequence[Mapping]) -> dict:
    # the largest claimed toll first, so the smaller markers are drawn over it
    ordered = sorted(reports, key=lambda r: -(r.get("deaths_best") or r.get("deaths_low") or r.get("deaths_high") or 0))
    return fc([{"type": "Feature", "id": r["id"], "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                "properties": marker_props(r)} for r in ordered])


def build_map(reports: Sequence[dict], *, gz: Gazetteer, places_fc: Mapping, countries_fc: Mapping,
              control_fc: Mapping, view: str, day: str, tiles: bool, labels: bool) -> folium.Map:
    """The map of ``reports`` (already filtered) in quick view ``view``, control as of ``day``.

    ``places_fc`` is ``gz.to_geojson()``; ``control_fc`` the control layer on
    ``day``; ``countries_fc`` the offline base map's countries (drawn always:
    with ``tiles``, it is what is left when they cannot load). Reports that
    are not ``reviewed`` (uploads) get their own layer.
    """
    v = VIEWS[view]
    # framed on what it draws: the reports shown and the places whose control it colours
    drawn = [(r["lat"], r["lon"]) for r in reports if r.get("lat") is not None and r.get("lon") is not None]
    drawn += [(f["properties"]["lat"], f["properties"]["lon"]) for f in control_fc["features"]
              if f["properties"].get("lat") is not None and f["properties"].get("lon") is not None]
    zones = [f for f in places_fc["features"]
             if f["properties"].get("kind") == "zone" and f["properties"].get("radius_m")]
    for z in zones:  # a zone's ring whole, where the view reaches it (the theatre), not only its centre
        centre = representative_point(z)
        if centre is None:
            continue
        lat, lon = centre
        r = float(z["properties"]["radius_m"]) / METRES_PER_DEGREE_LAT
        drawn += [(lat + r, lon), (lat - r, lon), (lat, lon + r * 1.25), (lat, lon - r * 1.25)]
    bounds = frame_bounds(gz, view, drawn)
    center = ((bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2)
    m = W.base_map(center=center, zoom=v.zoom, bounds=bounds, tiles=tiles)
    m.options["zoom_snap"] = 0.25  # fit the quick views snugly
    m.options["zoom_delta"] = 0.5
    # drawn with tiles too: under them (the map component's page lowers its pane), it is what
    # stays when the tiles cannot load (offline)
    W.plain_basemap_layer(places_fc, countries_fc=countries_fc).add_to(m)
    W.zone_layer(fc(zones), name="Al-Tanaf 55 km zone").add_to(m)
    control = map_control(control_fc)
    W.control_layer(fc([f for f in control["features"] if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]),
                    name=f"District control on {day}").add_to(m)
    W.control_points_layer(control, name="Control, approximate positions").add_to(m)

    mapped = [r for r in reports if r.get("lat") is not None]
    reviewed = [r for r in mapped if not is_candidate(r)]
    unreviewed = [r for r in mapped if is_candidate(r)]
    used = {r["place_id"] for r in mapped if r.get("place_id")}
    rings = [f for f in places_fc["features"] if f["id"] in used and f["properties"].get("kind") not in NO_RING_KINDS]
    W.uncertainty_layer(fc(rings), name="Approximate positions (rings)").add_to(m)
    # one cluster for every reviewed layer: a stack at one place is counted once, whatever its types
    cluster = W.incident_cluster()
    m.add_child(cluster)
    incident_layers = [
        W.incident_layer(_markers([r for r in reviewed if r["event_type"] in types]), name=name, cluster=cluster)
        for types, name in INCIDENT_LAYERS
    ]
    for layer in incident_layers:
        layer.add_to(m)
    W.advances_layer(fc([to_feature(r) for r in reviewed if r["event_type"] == "territory_change"]),
                     name="Advances (territory changes)").add_to(m)
    if unreviewed:
        stack = W.incident_cluster(candidates=True)
        m.add_child(stack)
        candidates = W.incident_layer(_markers(unreviewed), name="Candidates (uploaded, not reviewed)",
                                      unreviewed=True, cluster=stack)
        candidates.add_to(m)
        incident_layers.append(candidates)
    W.context_places_layer(places_fc, name="Context places", kinds=list(v.context_kinds)).add_to(m)
    if labels:
        W.place_labels_layer(places_fc, name=v.label_layer, min_zoom=v.label_min_zoom, kinds=v.label_kinds).add_to(m)
    # the legend says how approximate the drawn estimates are: rings of places with reports, discs of control
    radii = [float(f["properties"]["uncertainty_m"]) for f in rings if f["properties"].get("uncertainty_m")]
    radii += [float(f["properties"]["uncertainty_m"]) for f in control["features"]
              if f["geometry"]["type"] == "Point" and f["properties"].get("uncertainty_m")]
    W.finish_map(m, collapsed=True, unreviewed=bool(unreviewed), legend_collapsed=True,
                 grouped=any(layer.grouped for layer in incident_layers),
                 approximate_m=(min(radii), max(radii)) if radii else None, clustered=bool(reviewed))
    return m


def map_html(*, view: str, day: str) -> str:
    """The map of the shipped data (default filters, control as of ``day``) rendered as one HTML page."""
    import gazetteer
    from geo.records.incidents import curated_reports
    from geo.records.layers import control_features
    from geo.web.basemap import load_countries

    gz = gazetteer.load()
    reports = curated_reports(gz=gz)
    m = build_map(select(reports, Filters(day=day)), gz=gz, places_fc=gz.to_geojson(),
                  countries_fc=load_countries(), control_fc=control_features(gz, reports, day), view=view, day=day,
                  tiles=False, labels=True)
    return m.get_root().render()
