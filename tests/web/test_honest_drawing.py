"""The map draws what is known as it is known, on the shipped seeds: estimates as uncertainty,
disputed control as disputed, popups that agree with the panel, credits in readers' words."""

from __future__ import annotations

import re
from functools import cache

import folium
import pytest

import gazetteer
from geo.records.control import state_on
from geo.records.incidents import curated_reports
from geo.records.layers import control_features
from geo.web import webmap as W
from geo.web.credit import claim_credit, outlet_credit, report_credit
from geo.web.mapview import map_control


@cache
def _seeds():
    gz = gazetteer.load()
    return gz, curated_reports(gz=gz)


def _polygons(day: str) -> dict:
    gz, reports = _seeds()
    control = map_control(control_features(gz, reports, day))
    return {**control, "features": [f for f in control["features"] if f["geometry"]["type"] != "Point"]}


def _control(day: str) -> tuple[folium.GeoJson, dict[str, dict]]:
    layer = W.control_layer(_polygons(day))
    (gj,) = [c for c in layer._children.values() if isinstance(c, folium.GeoJson)]
    return gj, {f["properties"]["place_id"]: f for f in gj.data["features"]}


def test_disputed_districts_are_striped_with_both_claims_in_their_tooltip():
    gj, feats = _control("2017-06-11")
    sabahia = feats["raqqa-sabahia"]
    style = gj.style_function(sabahia)
    assert "atlas-disputed" in style["className"] and "atlas-hatch-contested-sdf" in style["className"]
    tip = sabahia["properties"]["_tooltip"]
    # the SDF says taken, the Observatory more than half: both, with who says so
    assert re.search(r"SDF \(Reuters, via The Jerusalem Post\): <b>taken</b>", tip)
    assert re.search(r"Syrian Observatory for Human Rights \(Reuters, via The Jerusalem Post\): <b>partly taken</b>",
                     tip)
    assert "Disputed" in tip
    # an undisputed district is filled plainly
    assert "className" not in gj.style_function(feats["raqqa-rumaila"])


def test_disputed_pattern_is_in_the_page_and_fills_the_path():
    gz, reports = _seeds()
    m = W.base_map(center=(35.95, 39.0), zoom=13)
    W.control_layer(_polygons("2017-06-11")).add_to(m)
    html = m.get_root().render()
    assert '<pattern id="atlas-hatch-contested-sdf"' in html
    assert "path.atlas-hatch-contested-sdf { fill: url(#atlas-hatch-contested-sdf); }" in html


def test_no_stripes_where_every_claimant_agrees():
    gz, reports = _seeds()
    disputed = {s["place_id"] for s in state_on(gz, reports, "2017-06-06") if s["disputed"]}
    gj, feats = _control("2017-06-06")
    striped = {pid for pid, f in feats.items() if "className" in gj.style_function(f)}
    assert striped == disputed


@pytest.mark.parametrize("day", ["2017-06-06", "2017-06-11"])
def test_control_popups_list_the_claims_the_panel_lists(day):
    gz, reports = _seeds()
    states = {s["place_id"]: s for s in state_on(gz, reports, day)}
    _, feats = _control(day)
    assert feats
    for pid, f in feats.items():
        popup = f["properties"]["_popup"]
        assert "Reports: —" not in popup
        claims = states[pid]["claims"]
        assert popup.count("<li>") == len(claims), pid
        for c in claims:
            assert claim_credit(c["claimed_by"], c["outlet"]).split(" (")[0] in popup


def test_mishlab_credits_afp_once():
    _, feats = _control("2017-06-11")
    tip = feats["raqqa-mishlab"]["properties"]["_tooltip"]
    assert "AFP: <b>entered</b>" in tip and "AFP via AFP" not in tip and "AFP (AFP)" not in tip
    assert "SDF (AFP): <b>taken</b>" in tip


def test_estimated_places_are_rings_under_everything_on_the_seed_map():
    gz, reports = _seeds()
    layer = W.control_points_layer(map_control(control_features(gz, reports, "2017-06-11")))
    (gj,) = [c for c in layer._children.values() if isinstance(c, folium.GeoJson)]
    by_id = {f["properties"]["place_id"]: f for f in gj.data["features"]}
    div17 = by_id["raqqa-division-17"]
    style = gj.style_function(div17)
    assert style["fillOpacity"] <= 0.1 and style["dashArray"] and style["pane"] == "atlasUncertainty"
    assert style["radius"] == 2500
    assert "approximate position (±2.5 km)" in div17["properties"]["_tooltip"]


@pytest.mark.parametrize(("outlet", "wire", "want"), [
    ("The Jerusalem Post", "Reuters", "Reuters, via The Jerusalem Post"),
    ("AFP", "AFP", "AFP"),
    ("VOA", None, "VOA"),
    (None, None, None),
])
def test_outlet_credit(outlet, wire, want):
    assert outlet_credit(outlet, wire) == want


def test_seed_wire_stories_are_credited_to_the_agency_via_the_paper():
    _, reports = _seeds()
    credits = {report_credit(r) for r in reports}
    assert "Reuters, via The Jerusalem Post" in credits
    assert "The Jerusalem Post" not in credits  # every JPost seed report is its Reuters story
    assert "AFP" in credits and not any("AFP, via" in c for c in credits if c)


def _map(reports, day: str = "2017-06-11", view: str = "city") -> folium.Map:
    from geo.web.basemap import load_countries
    from geo.web.mapview import build_map

    gz, _ = _seeds()
    return build_map(reports, gz=gz, places_fc=gz.to_geojson(), countries_fc=load_countries(),
                     control_fc=control_features(gz, reports, day), view=view, day=day, tiles=False, labels=True)


def _walk(el):
    yield el
    for child in el._children.values():
        yield from _walk(child)


def test_stacked_reports_share_one_local_marker_cluster():
    import folium.plugins

    from geo.records.filters import Filters, select

    _, reports = _seeds()
    shown = select(reports, Filters(day="2017-06-11"))
    m = _map(shown)
    html = m.get_root().render()
    clusters = [el for el in _walk(m) if isinstance(el, folium.plugins.MarkerCluster)]
    assert len(clusters) == 1  # every reviewed layer stacks in the same one: one count per place
    assert '/app/static/vendor/leaflet.markercluster/leaflet.markercluster.js"' in html
    assert "cdnjs" not in html and "L.markerClusterGroup(" in html
    assert re.search(r'"maxZoom": 18\b', html)  # markercluster needs it on a map without tiles
    # every reviewed report at the city's point is a marker in the cluster, with its own texts
    in_cluster = [g for g in clusters[0]._children.values() if isinstance(g, folium.GeoJson)]
    ids = {f["properties"]["id"] for g in in_cluster for f in g.data["features"]}
    at_city = {r["id"] for r in shown if r.get("place_id") == "raqqa" and r["event_type"] != "territory_change"}
    assert len(at_city) >= 20 and at_city <= ids
    assert all(g.on_each_feature and "bindTooltip" in str(g.on_each_feature) for g in in_cluster)


def test_candidates_stand_out_on_top_with_a_tooltip():
    _, reports = _seeds()
    upload = [{**r, "id": f"x-upload-{i}", "reviewed": False, "origin": "extracted"}
              for i, r in enumerate(r for r in reports if r.get("lat") is not None and r["event_type"] == "air_strike")]
    m = _map(reports + upload[:3])
    import folium.plugins

    layers = [el for el in _walk(m) if getattr(el, "layer_name", "") == "Candidates (uploaded, not reviewed)"]
    assert len(layers) == 1
    # their own stack, in their pane over every marker, apart from the reviewed reports' stack
    stacks = [el for el in _walk(m) if isinstance(el, folium.plugins.MarkerCluster)]
    assert len(stacks) == 2
    (stack,) = [c for c in stacks if c.options.get("clusterPane") == "atlasCandidates"]
    geojsons = [c for c in stack._children.values() if isinstance(c, folium.GeoJson)]
    assert "atlas-cluster-candidates" in stack.icon_create_function
    assert sum(len(g.data["features"]) for g in geojsons) == 3
    for gj in geojsons:
        for f in gj.data["features"]:
            if isinstance(gj.marker, folium.CircleMarker):
                style = gj.style_function(f)
                assert style["pane"] == "atlasCandidates" and style["radius"] >= 8 and style["fillColor"] == "#ffffff"
                assert style["dashArray"] and style["weight"] >= 3
            else:  # an incendiary allegation's diamond, hollow and on top as well
                assert gj.marker.options["pane"] == "atlasCandidates"
            assert "Candidate from an uploaded article, not reviewed" in f["properties"]["_tooltip"]
            assert "x-upload" not in f["properties"]["_tooltip"] + f["properties"]["_popup"]
    assert "zIndex = 620" in m.get_root().render()


def test_incident_popups_show_no_ids_and_credit_the_wire():
    from geo.web.layers.incidents import incident_layer
    from geo.web.mapview import _markers

    _, reports = _seeds()
    jpost = [r for r in reports if r["outlet"] == "The Jerusalem Post" and r.get("lat") is not None]
    layer = incident_layer(_markers(jpost))
    texts = " ".join(f["properties"]["_popup"] + f["properties"]["_tooltip"]
                     for c in layer._children.values() if isinstance(c, folium.GeoJson) for f in c.data["features"])
    assert "Reuters, via The Jerusalem Post" in texts
    assert not re.search(r"\br-\d{3}-\d+", texts) and "None" not in texts


@pytest.mark.parametrize("view", ["city", "region", "theatre"])
def test_every_view_is_framed_on_what_it_draws(view):
    from geo.web.framing import frame_bounds
    from geo.web.views import view_bounds

    gz, reports = _seeds()
    points = [(r["lat"], r["lon"]) for r in reports if r.get("lat") is not None]
    (s, w), (n, e) = frame_bounds(gz, view, points)
    (s0, w0), (n0, e0) = view_bounds(gz, view)
    assert s0 <= s < n <= n0 and w0 <= w < e <= e0
    inside = [(lat, lon) for lat, lon in points if s0 <= lat <= n0 and w0 <= lon <= e0]
    assert inside and all(s <= lat <= n and w <= lon <= e for lat, lon in inside)
    minx, miny, maxx, maxy = gz.get("raqqa").shape.bounds
    assert s <= miny and maxy <= n and w <= minx and maxx <= e  # the city, whole
    if view == "region":  # no longer three quarters empty: the frame is at most half the old one's area
        assert (n - s) * (e - w) <= 0.5 * (n0 - s0) * (e0 - w0)


def test_a_view_with_nothing_drawn_outside_its_city_frames_the_city():
    from geo.web.framing import frame_bounds

    gz, _ = _seeds()
    (s, w), (n, e) = frame_bounds(gz, "region", [(10.0, 10.0)])  # a point far outside is ignored
    minx, miny, maxx, maxy = gz.get("raqqa").shape.bounds
    assert s < miny and n > maxy and (n - s) < 0.1


#: words for developers that a user must never read in the panel, popups, tooltips or legend
DEVELOPER_WORDS = re.compile(r"Coder|Seed \d{3}|\(guess\)|cues:|event_type:|\br-\d{3}-\d+|\bx-[\w-]+-\d{2}\b|"
                             r"\bev-[\w-]+|x-upload|AFP via AFP|AFP \(AFP\)|unreviewed extraction")
#: a machine date; the panel says "Sat 10 Jun 2017" (a source's citation on the map may carry one)
ISO_DAY = re.compile(r"\b\d{4}-\d\d-\d\d\b")


def _visible(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]*>", " ", fragment))


def test_seed_panels_speak_to_users():
    from geo.web.panel import place_panel_html

    gz, reports = _seeds()
    states = {s["place_id"]: s for s in state_on(gz, reports, "2017-06-11")}
    by_place: dict[str, list[dict]] = {}
    for r in reports:
        by_place.setdefault(r.get("place_id") or "", []).append(r)
    seen_reuters = False
    for pid, rs in by_place.items():
        if not pid:
            continue
        p = gz.get(pid)
        place = {"name": p.name, "kind": p.kind, "uncertainty_m": p.uncertainty_m,
                 "geometry_quality": p.geometry_quality, "notes": p.notes, "address": gz.address(p)}
        text = _visible(place_panel_html(place, rs, day="2017-06-11", control=states.get(pid)))
        assert not DEVELOPER_WORDS.search(text), (pid, DEVELOPER_WORDS.search(text))
        assert not ISO_DAY.search(text), (pid, ISO_DAY.search(text))
        assert "military_site" not in text
        seen_reuters |= "Reuters, via The Jerusalem Post" in text
    assert seen_reuters


def test_an_uploaded_articles_candidates_speak_to_users():
    from geo.extraction.extract import extract_text
    from geo.records.articles import articles_by_id
    from geo.web.panel import place_panel_html

    gz, _ = _seeds()
    art = articles_by_id()["003_ebdecad3bcd8edbe"]
    cands = extract_text(art.text, article_id="upload-afp", published="2017-06-07", outlet="AFP", gz=gz)
    assert cands and any("cues:" in (r.get("notes") or "") for r in cands)  # what the panel must not show
    located = [r for r in cands if r.get("place_id")]
    place = {"name": "somewhere", "kind": "district", "uncertainty_m": 500, "geometry_quality": "approximate"}
    text = _visible(place_panel_html(place, located, day="2017-06-11"))
    assert not DEVELOPER_WORDS.search(text), DEVELOPER_WORDS.search(text)
    assert not ISO_DAY.search(text), ISO_DAY.search(text)
    assert "candidate, not reviewed" in text
    undated = [r for r in located if not r.get("date_text")]
    if undated:
        assert "inferred from publication" in text


@pytest.mark.parametrize(("view", "day"), [("city", "2017-06-06"), ("city", "2017-06-11"), ("region", "2017-06-11")])
def test_seed_map_texts_speak_to_users(view, day):
    from geo.web.mapview import map_html

    page = map_html(view=view, day=day)
    texts = re.findall(r'"_(?:tooltip|popup)": "((?:[^"\\]|\\.)*)"', page)
    legend = re.search(r'div\.innerHTML = "((?:[^"\\]|\\.)*)"', page)
    assert texts and legend
    import json

    shown = " ".join(_visible(json.loads(f'"{t}"')) for t in [*texts, legend.group(1)])
    assert not DEVELOPER_WORDS.search(shown), DEVELOPER_WORDS.search(shown)
    assert "approximate position (±" in shown and "Reports: —" not in shown


def test_the_theatre_frames_the_al_tanaf_zone_whole():
    from geo.web.mapview import map_html

    gz, _ = _seeds()
    zone = gz.get("al-tanf-zone")
    south_edge = zone.lat - zone.radius_m / 111_320.0
    page = map_html(view="theatre", day="2017-06-11")
    m = re.search(r"fitBounds\(\s*\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", page)
    assert m, "the view is fitted to its bounds"
    south = float(m.group(1))
    assert south < south_edge  # the 55 km ring is not cut at the bottom of the map
    assert re.search(r'"padding": \[44, 44\]', page)  # and kept clear of the controls in the corners
