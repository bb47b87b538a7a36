"""Raqqa incident atlas: the Streamlit dashboard.

Start it from the repository root: ``./run dashboard`` (or
``uv run streamlit run dashboard.py``).

This file only arranges widgets. Everything it shows is computed by pure
functions in ``geo/`` and ``gazetteer/`` (which never import Streamlit),
called through thin ``st.cache_data`` / ``st.cache_resource`` wrappers that
take every input as an argument, so a rerun (a click, a filter) costs little
and panning or zooming the map costs nothing (the map component,
:mod:`app.map_component`, reports only clicks).

Hidden options (environment variables):

``ATLAS_GAZETTEER``            another gazetteer file (default: the shipped one)
``ATLAS_INCIDENTS``            another curated incidents file (default: ``geo/data/incidents.json``)
``ATLAS_SYNTHETIC_INCIDENTS``  add this many generated incidents spread over
                               Raqqa's districts (for benchmarks; never real data)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
from collections import Counter
from pathlib import Path

import streamlit as st

st.set_page_config(page_title="Raqqa incident atlas", page_icon="🗺️", layout="wide")

import gazetteer  # noqa: E402
from app.map_component import map_component  # noqa: E402
from geo.web import panel as P  # noqa: E402
from geo.web import webmap as W  # noqa: E402

ROOT = Path(__file__).resolve().parent
MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAP_HEIGHT = 640
PANEL_MAX_EVENTS = 40

ENV_GAZETTEER = os.environ.get("ATLAS_GAZETTEER") or None
ENV_INCIDENTS = os.environ.get("ATLAS_INCIDENTS") or None
try:
    ENV_SYNTHETIC = max(0, int(os.environ.get("ATLAS_SYNTHETIC_INCIDENTS", "0") or 0))
except ValueError:
    ENV_SYNTHETIC = 0

VIEWS = {
    "city": "Raqqa city",
    "region": "Raqqa region with Tabqa",
    "theatre": "Wider theatre (Al-Tanaf, Mosul)",
}
WINDOWS = {
    "upto": "Up to the chosen day",
    "day": "On the chosen day only",
    "week": "The 7 days up to the chosen day",
    "all": "Whole reporting period",
}
TYPE_LABELS = {k: v[0] for k, v in W.EVENT_COLOURS.items()}
CONTROL_CODE_TO_STATE = {"is": "is", "contested": "contested", "sdf": "sdf"}


# ==========================================================================
# Cached loading (every input is an argument)
# ==========================================================================


@st.cache_resource(show_spinner=False)
def load_gazetteer(path: str | None):
    return gazetteer.load(path)


@st.cache_resource(show_spinner=False)
def load_places_fc(path: str | None) -> dict:
    return load_gazetteer(path).to_geojson()


@st.cache_resource(show_spinner=False)
def load_countries_fc() -> dict:
    from geo.web.basemap import load_countries

    return load_countries()


@st.cache_resource(show_spinner=False)
def load_articles() -> dict:
    from geo.records.articles import articles_by_id

    return articles_by_id()


def _synthetic_reports(gz, n: int, period: tuple[str, str], seed: int = 20170606) -> list[dict]:
    """``n`` generated reports spread over Raqqa's districts (benchmarks only)."""
    from shapely.geometry import Point

    rng = random.Random(seed)
    districts = [p for p in gz if p.parent == "raqqa" and p.kind in ("district", "suburb")]
    d0 = dt.date.fromisoformat("2017-06-06")
    d1 = dt.date.fromisoformat(period[1])
    span = max(0, min((d1 - d0).days, 140))
    types = ["air_strike", "air_strike", "shelling", "armed_clash", "displacement"]
    out = []
    for i in range(n):
        p = districts[i % len(districts)]
        shape = p.shape
        if shape.geom_type in ("Polygon", "MultiPolygon"):
            minx, miny, maxx, maxy = shape.bounds
            for _ in range(20):
                x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
                if shape.contains(Point(x, y)):
                    break
            lat, lon = y, x
        else:
            r = (p.uncertainty_m or 500) / W.METRES_PER_DEGREE_LAT
            lat, lon = p.lat + rng.uniform(-r, r) * 0.7, p.lon + rng.uniform(-r, r) * 0.7
        day = (d0 + dt.timedelta(days=rng.randint(0, span))).isoformat()
        et = types[i % len(types)]
        deaths = rng.choice([None, None, 1, 2, 3, 5, 8, 12, 21])
        out.append({
            "id": f"syn-{i:06d}", "event_id": f"ev-syn-{i:06d}", "article_id": "synthetic",
            "quote": f"Synthetic report {i} (generated for benchmarks; not real).", "span_start": 0, "span_end": 0,
            "event_type": et, "munition": None, "actor": None, "target": None, "status": "reported",
            "claimed_by": "Synthetic generator", "date_text": None, "date_start": day, "date_end": day,
            "date_precision": "day", "deaths_low": deaths, "deaths_best": None, "deaths_high": None,
            "injured_low": None, "injured_high": None, "casualty_group": "civilians" if deaths else None,
            "civilian_harm": bool(deaths), "place_id": p.id, "place_text": p.name, "place_name": p.name,
            "place_kind": p.kind, "place_uncertainty_m": p.uncertainty_m, "place_geometry_quality": p.geometry_quality,
            "lat": round(lat, 6), "lon": round(lon, 6), "geo_precision": 2, "outlet": "Synthetic",
            "title": "Synthetic benchmark data", "published": day, "reviewed": True, "origin": "synthetic",
            "control_actor": None, "control_from": None, "control_extent": None, "notes": "generated",
        })
    return out


@st.cache_resource(show_spinner="Loading the curated reports…")
def load_reports(gz_path: str | None, incidents_path: str | None, synthetic: int) -> list[dict]:
    """Curated reports (+ generated ones when asked). Read-only: never mutate."""
    from geo.records.incidents import curated_reports

    gz = load_gazetteer(gz_path)
    reports = curated_reports(gz=gz, curated=incidents_path)
    for r in reports:
        r.setdefault("event_id", r["id"])
    if synthetic:
        from geo.records.layers import reporting_period

        reports = reports + _synthetic_reports(gz, synthetic, reporting_period(reports))
    return reports


@st.cache_resource(show_spinner=False)
def control_states(gz_path: str | None, incidents_path: str | None, day: str) -> list[dict]:
    """Control of every covered place on ``day``, from the curated reports only."""
    from geo.records.control import state_on

    gz = load_gazetteer(gz_path)
    return state_on(gz, load_reports(gz_path, incidents_path, 0), day)


@st.cache_data(show_spinner="Extracting incidents from the article…", max_entries=32)
def extract_upload(text: str, article_id: str, published: str, outlet: str, title: str | None,
                   gz_path: str | None) -> list[dict]:
    from geo.extraction.extract import extract_text

    reports = extract_text(text, article_id=article_id, published=published, outlet=outlet,
                           title=title, gz=load_gazetteer(gz_path))
    for r in reports:
        r["event_id"] = r.get("event_id") or r["id"]
        r["reviewed"] = False
    return reports


@st.cache_resource(show_spinner=False, max_entries=64)
def select_reports(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets,
                   statuses, civilians_only, day, window) -> list[dict]:
    """The reports the filters let through (curated, generated and uploaded)."""
    reports = list(load_reports(gz_path, incidents_path, synthetic))
    for u in uploads:
        reports.extend(u["reports"])
    d = dt.date.fromisoformat(day)
    lo = {"upto": None, "day": d, "week": d - dt.timedelta(days=6), "all": None}[window]
    hi = None if window == "all" else d
    lo_s = lo.isoformat() if lo else None
    hi_s = hi.isoformat() if hi else None
    ts, cs, os_, ss = set(types), set(claimants), set(outlets), set(statuses)
    out = []
    for r in reports:
        if r["event_type"] not in ts or r["status"] not in ss:
            continue
        if cs and r["claimed_by"] not in cs:
            continue
        if os_ and r["outlet"] not in os_:
            continue
        if civilians_only and not r.get("civilian_harm"):
            continue
        if hi_s and r["date_start"] > hi_s:
            continue
        if lo_s and r["date_end"] < lo_s:
            continue
        out.append(r)
    return out


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _point_feature(r: dict) -> dict:
    geom = None
    if r.get("lat") is not None and r.get("lon") is not None:
        geom = {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
    return {"type": "Feature", "id": r["id"], "geometry": geom, "properties": r}


def _map_props(r: dict) -> dict:
    """What a marker needs (keeps the map page small at scale)."""
    keys = ("id", "event_id", "event_type", "munition", "status", "claimed_by", "place_id", "place_name",
            "deaths_low", "deaths_best", "deaths_high", "quote", "outlet", "date_start", "date_end",
            "control_extent", "control_actor", "reviewed")
    return {k: r.get(k) for k in keys}


def control_fc(gz_path: str | None, incidents_path: str | None, day: str) -> dict:
    """Control on ``day`` as a FeatureCollection (large areas first, so small ones stay clickable)."""
    gz = load_gazetteer(gz_path)
    places = {f["id"]: f for f in load_places_fc(gz_path)["features"]}
    feats = []
    for s in control_states(gz_path, incidents_path, day):
        f = places.get(s["place_id"])
        if f is None or s["place_id"] in ("syria",):
            continue
        place = gz.get(s["place_id"])
        if place.kind in ("country", "governorate", "region", "city"):
            continue  # a city-wide claim is not one district's state
        props = {k: v for k, v in s.items() if k != "claims"}
        props["state"] = CONTROL_CODE_TO_STATE.get(s["code"], "unknown")
        props["day"] = day
        props["lat"], props["lon"] = place.lat, place.lon
        props["uncertainty_m"] = place.uncertainty_m
        props["kind"] = place.kind
        props["n_claims"] = len(s["claims"])
        props["claims"] = s["claims"]
        feats.append({"type": "Feature", "id": s["place_id"], "geometry": f["geometry"], "properties": props})
    feats.sort(key=lambda f: -(f["properties"]["uncertainty_m"] or 0))
    return _fc(feats)


def view_bounds(gz_path: str | None, view: str) -> list[list[float]]:
    gz = load_gazetteer(gz_path)

    def box(ids: list[str], pad: float) -> list[list[float]]:
        xs, ys = [], []
        for pid in ids:
            if pid not in gz:
                continue
            p = gz.get(pid)
            minx, miny, maxx, maxy = p.shape.bounds
            r = (p.radius_m or 0) / W.METRES_PER_DEGREE_LAT
            xs += [minx - r * 1.25, maxx + r * 1.25]
            ys += [miny - r, maxy + r]
        if not xs:
            return [[35.90, 38.93], [36.00, 39.10]]
        dx, dy = (max(xs) - min(xs)) * pad + 0.005, (max(ys) - min(ys)) * pad + 0.005
        return [[min(ys) - dy, min(xs) - dx], [max(ys) + dy, max(xs) + dx]]

    if view == "region":
        return box(["raqqa", "tabqa", "tabqa-dam", "hazima", "ain-issa"], 0.08)
    if view == "theatre":
        return box(["raqqa", "al-tanf-zone", "mosul", "tabqa"], 0.05)
    return box(["raqqa"], 0.03)


def build_map(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets, statuses,
              civilians_only, day, window, view, tiles, labels):
    """The folium map for these inputs."""
    places = load_places_fc(gz_path)
    reports = select_reports(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets,
                             statuses, civilians_only, day, window)
    bounds = view_bounds(gz_path, view)
    center = ((bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2)
    zoom = {"city": 13, "region": 10, "theatre": 6}[view]
    m = W.base_map(center=center, zoom=zoom, bounds=bounds, tiles=tiles)
    m.options["zoom_snap"] = 0.25  # fit the quick views snugly
    m.options["zoom_delta"] = 0.5
    if not tiles:
        W.plain_basemap_layer(places, countries_fc=load_countries_fc()).add_to(m)
    zones = [f for f in places["features"] if f["properties"].get("kind") == "zone" and f["properties"].get("radius_m")]
    W.zone_layer(_fc(zones), name="Al-Tanaf 55 km zone").add_to(m)
    cfc = control_fc(gz_path, incidents_path, day)
    W.control_layer(_fc([f for f in cfc["features"] if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]),
                    name=f"District control on {day}").add_to(m)
    W.control_points_layer(cfc, name="Control, approximate areas").add_to(m)

    reviewed = [r for r in reports if r.get("reviewed", True) and r.get("lat") is not None]
    unreviewed = [r for r in reports if not r.get("reviewed", True) and r.get("lat") is not None]

    def feats(rs):
        rs = sorted(rs, key=lambda r: -(r.get("deaths_best") or r.get("deaths_low") or r.get("deaths_high") or 0))
        return _fc([{"type": "Feature", "id": r["id"], "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                     "properties": _map_props(r)} for r in rs])

    used = {r["place_id"] for r in reports if r.get("place_id") and r.get("lat") is not None}
    ring_feats = [f for f in places["features"] if f["id"] in used and f["properties"].get("kind") not in ("country", "governorate", "region")]
    W.uncertainty_layer(_fc(ring_feats), name="Location uncertainty (rings)").add_to(m)
    layers = [
        ([r for r in reviewed if r["event_type"] == "displacement"], "Displacement & trapped civilians"),
        ([r for r in reviewed if r["event_type"] in ("armed_clash", "other")], "Clashes & other"),
        ([r for r in reviewed if r["event_type"] in ("air_strike", "shelling")], "Strikes (air, artillery; ◆ incendiary)"),
    ]
    incident_layers = [W.incident_layer(feats(rs), name=name).add_to(m) for rs, name in layers]
    W.advances_layer(_fc([_point_feature(r) for r in reviewed if r["event_type"] == "territory_change"]),
                     name="Advances (territory changes)").add_to(m)
    if unreviewed:
        incident_layers.append(W.incident_layer(feats(unreviewed), name="Uploaded, UNREVIEWED", unreviewed=True).add_to(m))
    W.context_places_layer(places, name="Context places",
                           kinds=["town", "village", "city", "military_site", "dam", "border_crossing", "landmark"]
                           if view != "city" else ["landmark", "military_site", "dam", "square"]).add_to(m)
    if labels:
        if view == "city":
            W.place_labels_layer(places, name="District names").add_to(m)
        else:
            W.place_labels_layer(places, name="Place names", min_zoom=0,
                                 kinds=("city", "military_site", "dam", "zone") if view == "theatre"
                                 else ("city", "town", "dam", "military_site")).add_to(m)
    W.finish_map(m, collapsed=True, unreviewed=bool(unreviewed), legend_collapsed=True,
                 grouped=any(layer.grouped for layer in incident_layers))
    return m


@st.cache_resource(show_spinner="Drawing the map…", max_entries=24)
def map_page(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets, statuses,
             civilians_only, day, window, view, tiles, labels) -> str:
    """The map as one full HTML page, rendered once per map (every visitor of that map shares it)."""
    return build_map(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets, statuses,
                     civilians_only, day, window, view, tiles, labels).get_root().render()


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_counts(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets, statuses,
                    civilians_only) -> dict:
    """Reports and claimed deaths per day by type (whole period, filters applied)."""
    from geo.web.timeline import daily_counts

    return daily_counts(select_reports(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets,
                                       statuses, civilians_only, "2100-01-01", "all"))


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_charts(counts: dict, day: str, period: tuple[str, str]) -> tuple[str, str]:
    from geo.web.timeline import timeline_html

    return tuple(
        timeline_html(counts, metric=metric, colours=W.EVENT_COLOURS, title=title, day=day, period=period,
                      with_css=i == 0)  # the page's styles are shared: the first chart carries them
        for i, (metric, title) in enumerate((("reports", "Reports per day by type"),
                                             ("deaths", "Reported deaths per day by type (claims; may double-count)")))
    )


@st.cache_data(show_spinner=False, max_entries=32)
def export_texts(kind: str, gz_path, incidents_path, synthetic, uploads, types, claimants, outlets,
                 statuses, civilians_only, day, window) -> str:
    from geo.records.events import event_feature, group_events
    from geo.records.export import csv_text, geojson_text

    reports = select_reports(gz_path, incidents_path, synthetic, uploads, types, claimants, outlets,
                             statuses, civilians_only, day, window)
    if kind == "incidents":
        return geojson_text(_fc([_point_feature(r) for r in reports]))
    if kind == "events":
        return geojson_text(_fc([event_feature(e) for e in group_events(reports)]))
    if kind == "control":
        return geojson_text(control_fc(gz_path, incidents_path, day))
    if kind == "places":
        return geojson_text(load_places_fc(gz_path))
    if kind == "csv":
        return csv_text(reports)
    raise ValueError(f"export kind: expected incidents, events, control, places or csv, got {kind!r}")


# ==========================================================================
# Page
# ==========================================================================

st.markdown(
    """<style>
    .block-container { padding-top: 1.2rem; }
    </style>""",
    unsafe_allow_html=True,
)
st.html(P.PANEL_CSS)

st.title("Raqqa incident atlas")
st.caption(
    "The 2017 battle for Raqqa as the news reported it. **Claims, not facts**: every marker is a claim "
    "by a named party in a dated article, placed at the named place's reference point (with its uncertainty), "
    "never at a surveyed impact site. Competing claims stay side by side."
)

try:
    W.require_vendored_assets()
except W.MissingAssetError as e:
    st.error(f"The map cannot be drawn offline: {e}")
    st.stop()

try:
    GZ = load_gazetteer(ENV_GAZETTEER)
    REPORTS = load_reports(ENV_GAZETTEER, ENV_INCIDENTS, ENV_SYNTHETIC)
except Exception as e:  # noqa: BLE001 - show the data problem instead of a traceback
    st.error(f"The atlas data could not be loaded: {type(e).__name__}: {e}")
    st.info("Expected `gazetteer/data/places.geojson` and `geo/data/incidents.json` (see their README files).")
    st.stop()

from geo.records.layers import place_scope, reporting_period  # noqa: E402

PERIOD = reporting_period(REPORTS)
P0, P1 = dt.date.fromisoformat(PERIOD[0]), dt.date.fromisoformat(PERIOD[1])
if "uploads" not in st.session_state:
    st.session_state["uploads"] = []
UPLOADS: list[dict] = st.session_state["uploads"]
UPLOAD_KEY = tuple(UPLOADS)  # hashed by value for the caches

# -------------------------------------------------------------- sidebar
with st.sidebar:
    st.header("When")
    default_day = min(max(dt.date(2017, 6, 11), P0), P1)
    day = st.slider("Day (control as of this day)", min_value=P0, max_value=P1, value=default_day,
                    step=dt.timedelta(days=1), format="ddd D MMM YYYY", key="day", bind="query-params")
    window = st.radio("Incidents shown", list(WINDOWS), format_func=WINDOWS.get, key="window", horizontal=False)
    st.header("Filters")
    all_types = list(W.EVENT_COLOURS)
    types = st.multiselect("Event type", all_types, default=all_types, format_func=TYPE_LABELS.get, key="f_types")
    claimant_counts = Counter(r["claimed_by"] for r in REPORTS)
    claimants = st.multiselect("Claimant (empty: all)", sorted(claimant_counts), key="f_claimants",
                               format_func=lambda c: f"{c} ({claimant_counts[c]})")
    outlet_counts = Counter(r["outlet"] for r in REPORTS)
    outlets = st.multiselect("Outlet (empty: all)", sorted(outlet_counts), key="f_outlets",
                             format_func=lambda c: f"{c} ({outlet_counts[c]})")
    from geo.records.incidents import STATUSES  # noqa: E402

    statuses = st.multiselect("Status", list(STATUSES), default=list(STATUSES), key="f_statuses")
    civilians_only = st.checkbox("Civilian harm only", key="f_civ")
    st.header("Map")
    tiles = st.toggle("OpenStreetMap tiles (needs the internet)", value=False, key="tiles",
                      help="Off: a plain basemap drawn from our own data (city outline, districts, river); works offline.")
    labels = st.toggle("District names", value=True, key="labels")

day_s = day.isoformat()
ARGS = (ENV_GAZETTEER, ENV_INCIDENTS, ENV_SYNTHETIC, UPLOAD_KEY, tuple(types), tuple(claimants), tuple(outlets),
        tuple(statuses), bool(civilians_only))
shown = select_reports(*ARGS, day_s, window)

if "view" not in st.session_state and st.query_params.get("view") in VIEWS:
    st.session_state["view"] = st.query_params.get("view")  # a shared link names the view
view = st.radio("Quick view", list(VIEWS), format_func=VIEWS.get, horizontal=True, key="view")
if view != "city":
    st.query_params["view"] = view
elif "view" in st.query_params:
    del st.query_params["view"]

# -------------------------------------------------------------- control summary
states = control_states(ENV_GAZETTEER, ENV_INCIDENTS, day_s)
cfc = control_fc(ENV_GAZETTEER, ENV_INCIDENTS, day_s)
codes = Counter(f["properties"]["state"] for f in cfc["features"])
contested = sorted(f["properties"]["name"] for f in cfc["features"] if f["properties"]["state"] == "contested")
taken = sorted(f["properties"]["name"] for f in cfc["features"] if f["properties"]["state"] == "sdf")
summary = (
    f"**Control as of {day:%a %-d %b %Y}** (claimed): {codes.get('is', 0)} places held by the Islamic State, "
    f"{codes.get('contested', 0)} contested" + (f" ({', '.join(contested)})" if contested else "")
    + f", {codes.get('sdf', 0)} taken by the SDF" + (f" ({', '.join(taken)})" if taken else "") + "."
)
n_unres = sum(1 for r in shown if r.get("lat") is None)
st.markdown(summary)
st.caption(
    f"{len(shown):,} report(s) shown ({WINDOWS[window].lower()}), {n_unres} without a mapped place "
    f"(listed below the map). Reporting period {PERIOD[0]} – {PERIOD[1]}."
)

# -------------------------------------------------------------- map + panel
col_map, col_panel = st.columns([5, 3], gap="medium")
with col_map:
    clicked = map_component(map_page(*ARGS, day_s, window, view, bool(tiles), bool(labels)),
                            key="atlas_map", height=MAP_HEIGHT)
    st.html(P.legend_strip_html(W.CONTROL_STATES, W.EVENT_COLOURS,
                                unreviewed=any(not r.get("reviewed", True) for r in shown)))
    if tiles:
        st.caption("Tiles © OpenStreetMap contributors. With tiles on, the map asks tile.openstreetmap.org for images.")

if clicked:
    props = clicked.get("properties") or {}
    pid = props.get("place_id") or props.get("id")
    click_sig = f"{clicked.get('id')}|{pid}"
    if pid in GZ and st.session_state.get("_last_click") != click_sig:
        st.session_state["_last_click"] = click_sig
        st.session_state["place"] = pid

with col_panel:
    with_reports = Counter(r.get("place_id") for r in REPORTS if r.get("place_id"))
    for u in UPLOADS:
        with_reports.update(r.get("place_id") for r in u["reports"] if r.get("place_id"))
    pick_ids = sorted(
        {p.id for p in GZ if p.parent == "raqqa"} | {pid for pid in with_reports if pid in GZ},
        key=lambda i: GZ.get(i).name.lower(),
    )
    if "place" not in st.session_state and st.query_params.get("place") in pick_ids:
        st.session_state["place"] = st.query_params.get("place")  # a shared link names the place
    if st.session_state.get("place") not in (None, "", *pick_ids):
        st.session_state["place"] = None
    place_id = st.selectbox(
        "Place (or click the map)", pick_ids, index=None, key="place",
        placeholder="Choose a district or place…",
        format_func=lambda i: f"{GZ.get(i).name} ({GZ.get(i).kind}) — {with_reports.get(i, 0)} report(s)",
    )
    whole = st.toggle("Whole reporting period in the panel", value=True, key="panel_whole",
                      help="Off: only the reports the map shows (the chosen day and window).")
    if place_id and st.query_params.get("place") != place_id:
        st.query_params["place"] = place_id  # shareable link
    elif not place_id and "place" in st.query_params:
        del st.query_params["place"]
    if place_id:
        scope = place_scope(GZ, place_id)
        pool = select_reports(*ARGS, day_s, "all") if whole else shown
        rs = [r for r in pool if r.get("place_id") in scope
              or (r.get("lat") is None and place_id in (r.get("places_mentioned") or []))]
        place = GZ.get(place_id)
        pinfo = {"name": place.name, "kind": place.kind, "uncertainty_m": place.uncertainty_m,
                 "geometry_quality": place.geometry_quality, "notes": place.notes, "address": GZ.address(place)}
        ctl = next((s for s in states if s["place_id"] == place_id), None)
        subs = sorted(GZ.get(i).name for i in scope if i != place_id)
        st.html(P.place_panel_html(pinfo, rs, day=day_s, control=ctl, max_events=PANEL_MAX_EVENTS, sub_places=subs))
        art_reports = [r for r in rs if r.get("article_id") not in (None, "synthetic")][:300]
        if art_reports and st.toggle("Read the full article, sentence highlighted", key="show_article"):
            with st.container(border=True):
                rid = st.selectbox(
                    "Report", [r["id"] for r in art_reports], key="article_report",
                    format_func=lambda i: next(
                        f"{r['date_start']} · {r['outlet']} · {TYPE_LABELS.get(r['event_type'])} · {i}"
                        for r in art_reports if r["id"] == i),
                )
                r = next(r for r in art_reports if r["id"] == rid)
                articles = load_articles()
                up = next((u for u in UPLOADS if u["article_id"] == r["article_id"]), None)
                if up is not None:
                    text, title, outlet, published, reviewed = up["text"], up["title"], up["outlet"], up["published"], False
                elif r["article_id"] in articles:
                    a = articles[r["article_id"]]
                    text, title, outlet, published, reviewed = a.text, a.title, a.outlet, a.published, True
                else:
                    text = None
                if text is None:
                    st.warning(f"The article {r['article_id']!r} is not available.")
                else:
                    st.html(P.article_html(text, span_start=r.get("span_start"), span_end=r.get("span_end"),
                                           place_text=r.get("place_text"), title=title, outlet=outlet,
                                           published=published, reviewed=reviewed))
    else:
        st.info("Click a district or a marker on the map, or choose a place above, to read every sourced "
                "report there (and in its sub-places), grouped by event, with competing claims side by side.")

# -------------------------------------------------------------- unresolved
unresolved = [r for r in shown if r.get("lat") is None]
with st.expander(f"Reports with no mapped location ({len(unresolved)}): listed, not mapped"):
    st.html(P.unresolved_html(unresolved))

# -------------------------------------------------------------- timeline
st.subheader("Timeline")
tl = timeline_counts(*ARGS)
if tl:
    # plain HTML bars, not a Vega chart: Streamlit's chart code is 0.8 MB of JavaScript the
    # browser had to compile before the page settled (see geo/web/timeline.py)
    c1, c2 = st.columns(2)
    span = (min(PERIOD[0], min(tl)), max(PERIOD[1], max(tl)))  # uploads may fall outside the curated period
    for col, chart in zip((c1, c2), timeline_charts(tl, day_s, span)):
        with col:
            st.html(chart)
    st.caption("Each report is counted on the first day of its date range. Several reports of one event are "
               "counted separately: these are claims in the press, not a casualty count. Hover a bar for its figures.")
else:
    st.info("No report matches the filters.")

# -------------------------------------------------------------- export
st.subheader("Export what is shown")
EXPORTS = [
    ("incidents", "Incidents (GeoJSON)", "raqqa-incidents.geojson", "application/geo+json"),
    ("events", "Events (GeoJSON)", "raqqa-events.geojson", "application/geo+json"),
    ("control", f"Control on {day_s} (GeoJSON)", f"raqqa-control-{day_s}.geojson", "application/geo+json"),
    ("places", "Places (GeoJSON)", "raqqa-places.geojson", "application/geo+json"),
    ("csv", "Incidents (CSV)", "raqqa-incidents.csv", "text/csv"),
]
cols = st.columns(len(EXPORTS))
for c, (kind, label, fname, mime) in zip(cols, EXPORTS):
    with c:
        st.download_button(
            label, data=(lambda k=kind: export_texts(k, *ARGS, day_s, window)), file_name=fname, mime=mime,
            key=f"dl_{kind}", on_click="ignore", width="stretch",
        )
st.caption("RFC 7946 GeoJSON (WGS84 longitude-latitude); reports with no resolved place have a null geometry.")

# -------------------------------------------------------------- upload
st.subheader("Add an article")
st.caption(f"Plain text (.txt), at most {MAX_UPLOAD_MB} MB. Its incidents are extracted automatically and shown "
           "as UNREVIEWED (hollow dashed markers); nothing is saved on the server.")
# behind a toggle: the form's widgets (file uploader, date field) are about 230 kB of
# browser code that every page load would fetch and compile before the map, for a rare action
if st.toggle("Add an article", key="upload_open",
             help="Upload a plain-text article; its incidents are extracted and shown as unreviewed."):
    with st.form("upload_form", clear_on_submit=False):
        up_file = st.file_uploader("Article (.txt)", type=["txt"], key="upload_file", max_upload_size=MAX_UPLOAD_MB)
        u1, u2, u3 = st.columns(3)
        with u1:
            up_date = st.date_input("Publication date", value=dt.date(2017, 6, 11), min_value=dt.date(2014, 1, 1),
                                    max_value=dt.date(2019, 12, 31), key="upload_date")
        with u2:
            up_outlet = st.text_input("Outlet", value="", max_chars=120, key="upload_outlet",
                                      placeholder="e.g. Reuters")
        with u3:
            up_title = st.text_input("Title (optional)", value="", max_chars=300, key="upload_title")
        submitted = st.form_submit_button("Extract incidents")
    if submitted:
        if up_file is None:
            st.warning("Choose a .txt file first.")
        elif up_file.size > MAX_UPLOAD_BYTES:
            st.error(f"That file is {up_file.size / 1024 / 1024:.1f} MB: the limit is {MAX_UPLOAD_MB} MB.")
        elif not up_outlet.strip():
            st.warning("Say which outlet published the article (it is the claimant of unattributed sentences).")
        else:
            raw = up_file.getvalue()
            if len(raw) > MAX_UPLOAD_BYTES:
                st.error(f"That file is {len(raw) / 1024 / 1024:.1f} MB: the limit is {MAX_UPLOAD_MB} MB.")
            else:
                text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
                digest = hashlib.sha256(raw).hexdigest()[:12]
                article_id = f"upload-{digest}"
                try:
                    import geo.extraction.extract  # noqa: F401
                except Exception as e:  # noqa: BLE001 - missing or broken extractor: say so, keep the app
                    st.error(f"The extractor is not available ({type(e).__name__}: {e}): the article cannot be coded. "
                             "Extractor not available.")
                else:
                    try:
                        reps = extract_upload(text, article_id, up_date.isoformat(), up_outlet.strip(),
                                              up_title.strip() or None, ENV_GAZETTEER)
                    except Exception as e:  # noqa: BLE001 - say what failed, keep the app alive
                        st.error(f"Extraction failed: {type(e).__name__}: {e}")
                    else:
                        mentions = GZ.mentions(text)
                        unresolved_names = sorted({m.text for m in mentions if m.place is None})
                        entry = {"article_id": article_id, "name": up_file.name, "outlet": up_outlet.strip(),
                                 "published": up_date.isoformat(), "title": up_title.strip() or up_file.name,
                                 "text": text, "reports": reps, "unresolved": unresolved_names}
                        st.session_state["uploads"] = [u for u in UPLOADS if u["article_id"] != article_id] + [entry]
                        st.rerun()

for u in st.session_state["uploads"]:
    n_loc = sum(1 for r in u["reports"] if r.get("lat") is not None)
    with st.container(border=True):
        st.html(
            f'<div><b>{P.esc(u["name"])}</b> — {P.esc(u["outlet"])}, {P.esc(u["published"])}: '
            f'{len(u["reports"])} incident(s) extracted, {n_loc} mapped '
            f'<span class="atlas-unrev">unreviewed</span></div>'
            + (f'<div class="atlas-dim">Unresolved place names (not mapped): {P.esc(", ".join(u["unresolved"]))}</div>'
               if u["unresolved"] else '<div class="atlas-dim">Every place name was resolved.</div>')
            + '<details class="atlas-upload-text"><summary>Show the article text (first extracted sentence highlighted)</summary>'
            + P.article_html(u["text"], span_start=(u["reports"][0]["span_start"] if u["reports"] else None),
                             span_end=(u["reports"][0]["span_end"] if u["reports"] else None),
                             place_text=(u["reports"][0].get("place_text") if u["reports"] else None),
                             title=u["title"], outlet=u["outlet"], published=u["published"], reviewed=False)
            + "</details>"
        )
        if st.button("Remove", key=f"rm_{u['article_id']}"):
            st.session_state["uploads"] = [x for x in st.session_state["uploads"] if x["article_id"] != u["article_id"]]
            st.rerun()

st.caption("Sources: five news articles (seeds/), coded by hand; the gazetteer gazetteer/data/places.geojson. "
           "Positions are reference points with stated uncertainty; outlines marked approximate are drawn "
           "from written descriptions.")
