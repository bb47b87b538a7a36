"""Map layers as GeoJSON FeatureCollections (and GeoDataFrames), from reports and the gazetteer.

Pure result-shaping: no I/O here (see :mod:`geo.records.export` for writing).
"""

from __future__ import annotations

import datetime as dt
import json

from gazetteer import Gazetteer
from geo.records.control import state_on
from geo.records.events import event_feature, group_events
from geo.records.incidents import to_feature

#: Layers ``python -m geo build`` writes, with what each holds.
LAYERS = {
    "incidents": "every incident report (one claim from one article); null geometry when the place is unresolved",
    "events": "reports grouped into real-world events, competing claims side by side",
    "strikes": "air strikes and shelling, with the casualties claimed",
    "incendiary": "alleged white-phosphorus and incendiary use",
    "advances": "territory changes (advances, captures, repelled assaults) with their dates",
    "displacement": "displacement and trapped civilians",
    "control": "state of each Raqqa district on a day (held by IS, contested, taken by the SDF)",
    "places": "the gazetteer: every place with its geometry, uncertainty and sources",
    "zones": "zones such as the Al-Tanaf 55 km de-confliction zone, as geodesic polygons",
}

INCENDIARY = frozenset({"white_phosphorus", "incendiary"})


def fc(features: list[dict]) -> dict:
    """A FeatureCollection."""
    return {"type": "FeatureCollection", "features": features}


def select(
    reports: list[dict],
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    event_type: str | None = None,
    place_ids: set[str] | None = None,
) -> list[dict]:
    """Reports whose date range overlaps ``[date_from, date_to]``, of a type, at some places."""
    out = []
    for r in reports:
        if date_from and r["date_end"] < date_from:
            continue
        if date_to and r["date_start"] > date_to:
            continue
        if event_type and r["event_type"] != event_type:
            continue
        if place_ids is not None and r.get("place_id") not in place_ids:
            continue
        out.append(r)
    return out


def place_scope(gz: Gazetteer, place_id: str) -> set[str]:
    """A place and every place inside it (a district's report includes its streets and squares)."""
    return {place_id} | {p.id for p in gz.descendants(place_id)}


def reports_at(gz: Gazetteer, reports: list[dict], place_id: str) -> list[dict]:
    """Reports at a place or inside it, and reports with no mapped place that mention it."""
    scope = place_scope(gz, place_id)
    return [
        r
        for r in reports
        if r.get("place_id") in scope or (r.get("lat") is None and place_id in (r.get("places_mentioned") or []))
    ]


def report_layers(reports: list[dict]) -> dict[str, dict]:
    """The report-based layers."""
    feats = [to_feature(r) for r in reports]
    by = lambda pred: fc([f for f, r in zip(feats, reports, strict=True) if pred(r)])  # noqa: E731
    return {
        "incidents": fc(feats),
        "events": fc([event_feature(e) for e in group_events(reports)]),
        "strikes": by(lambda r: r["event_type"] in ("air_strike", "shelling")),
        "incendiary": by(lambda r: r.get("munition") in INCENDIARY),
        "advances": by(lambda r: r["event_type"] == "territory_change"),
        "displacement": by(lambda r: r["event_type"] == "displacement"),
    }


def control_features(gz: Gazetteer, reports: list[dict], day: dt.date | str) -> dict:
    """Every covered place with its control state on ``day``: the one control layer.

    ``geo build``, ``geo export control`` and the dashboard (its map and its
    export) all draw this. Properties: :func:`geo.records.control.state_on`'s
    (``state`` is ``held``/``contested``/``taken``, ``code`` the holder's short
    code), then ``day``, the place's ``lat``, ``lon``, ``uncertainty_m`` (a place
    known only as a point is drawn as a disc of that radius) and ``kind``, and
    ``n_claims`` beside the ``claims`` themselves. Only district-scale places are
    covered (:data:`geo.records.control.CONTROL_KINDS`): a city-wide claim is not
    a district's state. Largest areas come first, so a map draws small ones on
    top, where they stay clickable.
    """
    d = day if isinstance(day, str) else day.isoformat()
    places = {p["id"]: p for p in gz.to_geojson()["features"]}
    feats = []
    for s in state_on(gz, reports, day):
        place = gz.get(s["place_id"])
        props = {k: v for k, v in s.items() if k != "claims"}
        props.update(
            day=d,
            lat=place.lat,
            lon=place.lon,
            uncertainty_m=place.uncertainty_m,
            kind=place.kind,
            n_claims=len(s["claims"]),
            claims=s["claims"],
        )
        feats.append(
            {"type": "Feature", "id": s["place_id"], "geometry": places[s["place_id"]]["geometry"], "properties": props}
        )
    feats.sort(key=lambda f: -(f["properties"]["uncertainty_m"] or 0))
    return fc(feats)


def place_layers(gz: Gazetteer) -> dict[str, dict]:
    """The gazetteer layers: every place, and the zones."""
    allp = gz.to_geojson()
    zones = [f for f in allp["features"] if f["properties"]["kind"] == "zone" and f["properties"].get("radius_m")]
    return {"places": allp, "zones": fc(zones)}


def build_layers(gz: Gazetteer, reports: list[dict], *, day: dt.date | str) -> dict[str, dict]:
    """Every layer, control as of ``day``."""
    out = report_layers(reports)
    out["control"] = control_features(gz, reports, day)
    out.update(place_layers(gz))
    return out


def reporting_period(reports: list[dict]) -> tuple[str, str]:
    """First and last day any report covers."""
    return min(r["date_start"] for r in reports), max(r["date_end"] for r in reports)


def to_gdf(collection: dict):
    """A FeatureCollection as a GeoDataFrame (EPSG:4326); nested properties become JSON text."""
    import geopandas
    from shapely.geometry import shape

    rows, geoms = [], []
    for f in collection["features"]:
        props = {
            k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
            for k, v in f["properties"].items()
        }
        rows.append(props)
        geoms.append(shape(f["geometry"]) if f.get("geometry") else None)
    return geopandas.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
