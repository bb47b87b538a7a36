"""Pure tests of the folium maps that geo.web builds (through its entry point geo.web.webmap) (no browser, no network).

They read the HTML/JS that ``m.get_root().render()`` produces: no CDN URL may
survive, article text must reach HTML only escaped, and bad input must fail
with a message that says what was expected and what was got.
"""

from __future__ import annotations

import copy
import pickle
import re

import branca.element
import folium
import folium.plugins
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.records.vocab import (
    CONTROL_STATE_LABELS,
    EVENT_TYPE_LABELS,
    EXTENT_LABELS,
    MUNITION_LABELS,
)
from geo.web import webmap as W
from geo.web.elements import Verbatim
from geo.web.escape import esc
from geo.web.layers.advances import short_span
from geo.web.layers.incidents import lowest_toll_per_event
from geo.web.resources import TEMPLATES, static_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
]


def sq(x: float, y: float, d: float = 0.01) -> dict:
    return {"type": "Polygon",
            "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def pt(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def fc(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def places_fc(text: str = "al-Mishlab", url: str = "https://airwars.org/x") -> dict:
    return fc(
        {"type": "Feature", "id": "raqqa", "geometry": sq(38.95, 35.93, 0.08),
         "properties": {"name": "Raqqa", "kind": "city", "parent": "raqqa-governorate",
                        "lat": 35.95, "lon": 39.0, "uncertainty_m": 500,
                        "geometry_quality": "approximate", "sources": []}},
        {"type": "Feature", "id": "raqqa-mishlab", "geometry": sq(39.03, 35.94),
         "properties": {"name": text, "kind": "district", "parent": "raqqa",
                        "lat": 35.945, "lon": 39.035, "uncertainty_m": 800,
                        "geometry_quality": "approximate", "notes": text,
                        "sources": [{"ref": text, "url": url, "supports": "point", "note": text}]}},
        {"type": "Feature", "id": "raqqa-old-city", "geometry": sq(38.99, 35.95),
         "properties": {"name": "Old City", "kind": "district", "parent": "raqqa",
                        "lat": 35.955, "lon": 38.995, "uncertainty_m": 300,
                        "geometry_quality": "surveyed", "sources": []}},
        {"type": "Feature", "id": "euphrates",
         "geometry": {"type": "LineString", "coordinates": [[38.9, 35.93], [39.1, 35.94]]},
         "properties": {"name": "Euphrates", "kind": "river", "geometry_quality": "approximate"}},
        {"type": "Feature", "id": "tabqa", "geometry": pt(38.55, 35.83),
         "properties": {"name": "Tabqa", "kind": "town", "lat": 35.83, "lon": 38.55,
                        "uncertainty_m": 1000, "geometry_quality": "single_source"}},
    )


def control_fc(text: str = "al-Mishlab") -> dict:
    return fc(
        {"type": "Feature", "geometry": sq(39.03, 35.94),
         "properties": {"place_id": "raqqa-mishlab", "name": text, "state": "sdf",
                        "since": "2017-06-08", "reports": ["r-003-01", text]}},
        {"type": "Feature", "geometry": sq(38.99, 35.95),
         "properties": {"place_id": "raqqa-old-city", "name": "Old City", "state": "is",
                        "since": text, "reports": text}},
        {"type": "Feature", "geometry": sq(39.00, 35.94),
         "properties": {"place_id": "raqqa-x", "name": "X", "state": "contested",
                        "since": None, "reports": []}},
        {"type": "Feature", "geometry": sq(39.01, 35.94),
         "properties": {"place_id": "raqqa-y", "name": "Y", "state": "unknown",
                        "since": None, "reports": []}},
    )


def incident(i: int, *, text: str = "a quote", munition=None, event_type="air_strike",
             deaths=(21, None, None), geometry=None) -> dict:
    lo, best, hi = deaths
    return {"type": "Feature", "geometry": geometry if geometry is not None else pt(39.035, 35.945),
            "properties": {"id": f"r-001-{i:02d}", "event_id": "ev-x", "event_type": event_type,
                           "munition": munition, "status": "alleged", "claimed_by": text,
                           "place_id": "raqqa-mishlab", "place_name": text, "deaths_low": lo,
                           "deaths_best": best, "deaths_high": hi, "quote": text,
                           "outlet": text, "url": text,
                           "date_start": "2017-06-08", "date_end": "2017-06-09"}}


def incidents_fc(text: str = "a quote") -> dict:
    return fc(
        incident(1, text=text),
        incident(2, text=text, munition="white_phosphorus", deaths=(None, None, None)),
        incident(3, text=text, event_type="shelling", deaths=(1, 3, 8)),
        {**incident(4, text=text), "geometry": None},  # unresolved place: skipped
    )


def zones_fc(text: str = "Al-Tanaf de-confliction zone") -> dict:
    return fc({"type": "Feature", "id": "al-tanf-zone", "geometry": pt(38.61778, 33.50583),
               "properties": {"name": text, "kind": "zone", "radius_m": 55000,
                              "lat": 33.50583, "lon": 38.61778, "uncertainty_m": 1000}})


def full_map(text: str = "al-Mishlab", *, tiles: bool = False, url: str = "https://a.org/x"):
    m = W.base_map(center=(35.95, 39.01), zoom=13, tiles=tiles,
                   bounds=((35.90, 38.90), (36.00, 39.10)))
    W.plain_basemap_layer(places_fc(text, url)).add_to(m)
    W.zone_layer(zones_fc(text)).add_to(m)
    W.control_layer(control_fc(text)).add_to(m)
    W.uncertainty_layer(places_fc(text, url)).add_to(m)
    W.context_places_layer(places_fc(text, url)).add_to(m)
    W.incident_layer(incidents_fc(text), cluster=W.incident_cluster().add_to(m)).add_to(m)
    return W.finish_map(m)


def render(m) -> str:
    return m.get_root().render()


URL_RE = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'<>)\\]*""")


# ---------------------------------------------------------------- offline assets


@pytest.mark.parametrize("tiles", [False, True])
def test_no_remote_url_in_rendered_map(tiles):
    html_text = render(full_map(tiles=tiles))
    urls = set(URL_RE.findall(html_text))
    allowed = {"https://a.org/x"}  # the place's source link we put in a popup
    if tiles:
        allowed |= {W.OSM_TILES, "https://www.openstreetmap.org/copyright"}
    assert urls <= allowed, f"expected only {sorted(allowed)}, got {sorted(urls - allowed)}"
    assert "//cdn" not in html_text
    assert ("tile.openstreetmap.org" in html_text) is tiles


def test_every_script_and_stylesheet_is_local():
    html_text = render(full_map())
    refs = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html_text)
    assert refs, "expected <script src> / <link href> tags, got none"
    bad = [r for r in refs if not r.startswith(W.VENDOR_URL_PREFIX + "/")]
    assert not bad, f"expected every asset under {W.VENDOR_URL_PREFIX}/, got {bad}"
    assert set(refs) <= set(W.vendored_asset_urls().values())


@pytest.mark.parametrize("cls", [folium.Map, folium.plugins.MarkerCluster,
                                 folium.plugins.FastMarkerCluster])
def test_folium_asset_urls_are_all_vendored(cls):
    urls = [u for _, u in list(cls.default_js) + list(cls.default_css)]
    missing = [u for u in urls if u not in W.CDN_TO_VENDOR]
    assert not missing, (
        f"folium {folium.__version__} {cls.__name__}: expected every asset URL in "
        f"CDN_TO_VENDOR, got unknown {missing} (folium upgraded? update package.json, "
        f"tools/vendor_assets.py and CDN_TO_VENDOR)"
    )


def test_clusters_added_after_base_map_are_localized_on_render():
    m = W.base_map(center=(35.95, 39.0), zoom=12)
    folium.plugins.MarkerCluster().add_to(m)
    folium.plugins.FastMarkerCluster([[35.9, 39.0], [35.91, 39.01]]).add_to(m)
    html_text = render(m)
    assert "cdnjs" not in html_text
    assert f"{W.VENDOR_URL_PREFIX}/leaflet.markercluster/leaflet.markercluster.js" in html_text
    assert '"maxZoom": 18' in html_text  # clusters need a maxZoom when there are no tiles


def test_localize_is_idempotent_and_leaves_folium_classes_alone():
    cdn_js = list(folium.Map.default_js)
    m = W.base_map(center=(35.95, 39.0), zoom=12)
    first = list(m.default_js)
    W.localize_assets(m)
    W.localize_assets(m)
    assert m.default_js == first
    assert folium.Map.default_js == cdn_js
    assert all(u.startswith(W.VENDOR_URL_PREFIX) for _, u in m.default_js + m.default_css)


def test_unvendored_plugin_is_refused_by_name():
    m = W.base_map(center=(35.95, 39.0), zoom=12)
    folium.plugins.Fullscreen().add_to(m)
    with pytest.raises(W.UnvendoredAssetError, match=r"Fullscreen\.default_js .*expected .*got "
                       r"'https://cdn\.jsdelivr\.net/npm/leaflet\.fullscreen"):
        render(m)


def test_require_vendored_assets_names_missing_file_and_fix(tmp_path):
    with pytest.raises(W.MissingAssetError) as err:
        W.require_vendored_assets(tmp_path)
    msg = str(err.value)
    assert "leaflet/leaflet.js" in msg and "got no such file" in msg
    assert "npm ci --ignore-scripts" in msg and "tools/vendor_assets.py" in msg
    for rel in W.CDN_TO_VENDOR.values():
        (tmp_path / "vendor" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "vendor" / rel).write_text("x")
    W.require_vendored_assets(tmp_path)
    assert W.missing_vendored_assets(tmp_path) == []


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_article_text_reaches_html_only_escaped(text):
    html_text = render(full_map(text, url=text))
    assert "<script>alert" not in html_text
    assert "<img src=x" not in html_text
    assert "onerror=alert(1)>" not in html_text
    # no link or image built from article data may carry a javascript: URL,
    # whether the quote is plain or JSON-escaped inside the script
    assert not re.search(r"""(?:href|src)\s*=\s*(?:\\u0022|\\"|"|'|\\u0027)?\s*javascript:""",
                         html_text, re.IGNORECASE)
    if text.startswith("<"):
        # The popup HTML holds the html.escape()d text, JSON-escaped by tojson.
        assert "\\u0026lt;" in html_text


def test_hostile_text_in_ids_and_names_of_control_states():
    bad = fc({"type": "Feature", "id": HOSTILE[0], "geometry": sq(39.0, 35.9),
              "properties": {"place_id": HOSTILE[1], "name": HOSTILE[0], "state": "is"}})
    m = W.base_map(center=(35.95, 39.0), zoom=12)
    W.control_layer(bad).add_to(m)
    html_text = render(m)
    assert "<script>alert" not in html_text and "<img src=x" not in html_text


def test_unsafe_source_url_gets_no_link_but_http_does():
    safe = render(full_map(url="https://airwars.org/cs1"))
    # html.escape()d attribute quotes, then JSON-escaped inside the script
    assert 'href=\\"https://airwars.org/cs1\\"' in safe
    unsafe = render(full_map(url="javascript:alert(1)"))
    assert 'href=\\"javascript' not in unsafe


# ---------------------------------------------------------------- properties kept


def _geojsons(group: folium.FeatureGroup) -> list[folium.GeoJson]:
    return [c for c in group._children.values() if isinstance(c, folium.GeoJson)]


def test_page_gets_only_the_properties_it_uses_and_input_is_not_mutated():
    data = incidents_fc("q")
    before = copy.deepcopy(data)
    group = W.incident_layer(data)
    assert data == before
    drawn = [f for g in _geojsons(group) for f in g.data["features"]]
    assert len(drawn) == 3  # the null-geometry report is skipped
    originals = {f["properties"]["id"]: f["properties"] for f in before["features"]}
    for f in drawn:
        assert set(f["properties"]) <= W.BROWSER_PROPERTIES
        assert {"_tooltip", "_popup", "id", "place_id"} <= set(f["properties"])
        full = originals[f["properties"]["id"]]
        assert {k: v for k, v in f["properties"].items() if not k.startswith("_")} == {
            k: v for k, v in full.items() if k in W.BROWSER_PROPERTIES}
    html_text = render(W.base_map(center=(35.95, 39.0), zoom=12).add_child(group))
    assert '"quote"' not in html_text and '"claimed_by"' not in html_text  # in the popup, not twice


def test_styles_come_from_the_full_properties():
    # control colours depend on the holder, which the page no longer receives
    group = W.control_layer(control_fc())
    (gj,) = _geojsons(group)
    colours = {f["properties"]["place_id"]: gj.style_function(f)["fillColor"] for f in gj.data["features"]}
    states = {f["properties"]["place_id"]: f["properties"]["state"] for f in control_fc()["features"]}
    assert len(set(states.values())) == 4
    for pid, state in states.items():
        assert colours[pid] == W.CONTROL_STATES[state][1], (pid, state)
    assert "state" not in gj.data["features"][0]["properties"]


def test_control_features_get_an_id_property_and_keep_place_id():
    group = W.control_layer(control_fc())
    (gj,) = _geojsons(group)
    for f in gj.data["features"]:
        assert f["properties"]["id"] == f["properties"]["place_id"]
        assert f["id"].startswith("control:")


def test_places_get_properties_id_from_feature_id():
    group = W.context_places_layer(places_fc())
    (gj,) = _geojsons(group)
    ids = [f["properties"]["id"] for f in gj.data["features"]]
    assert ids == ["raqqa", "raqqa-mishlab", "raqqa-old-city", "tabqa"]  # no river


# ---------------------------------------------------------------- layer content


def test_layers_are_named_for_the_layer_control():
    html_text = render(full_map())
    for name in ("Territorial control", "Reported incidents", "Location uncertainty",
                 "Places", "Zones"):
        assert f'"{name}"' in html_text, f"expected layer {name!r} in the layer control"
    assert "L.control.layers" in html_text
    assert "atlas-legend" in html_text


def test_base_map_without_tiles_has_no_tile_layer():
    html_text = render(W.base_map(center=(35.95, 39.0), zoom=12))
    assert "L.tileLayer" not in html_text
    assert '"maxZoom": 18' in html_text


def test_base_map_with_tiles_has_osm_and_attribution():
    html_text = render(W.base_map(center=(35.95, 39.0), zoom=12, tiles=True))
    assert W.OSM_TILES in html_text and "OpenStreetMap" in html_text


def test_plain_basemap_is_non_interactive_and_dashes_approximate_districts():
    group = W.plain_basemap_layer(places_fc())
    outlines, river = _geojsons(group)
    assert outlines.options["interactive"] is False and river.options["interactive"] is False
    styles = {f["properties"]["id"]: outlines.style_function(f) for f in outlines.data["features"]}
    assert styles["raqqa-mishlab"]["dashArray"] == "4 4"
    assert styles["raqqa-old-city"]["dashArray"] is None
    assert styles["raqqa"]["weight"] > styles["raqqa-old-city"]["weight"]
    assert [f["properties"]["id"] for f in river.data["features"]] == ["euphrates"]
    assert group.control is False


@pytest.mark.parametrize("state", sorted(W.CONTROL_STATES))
def test_control_style_by_state(state):
    data = fc({"type": "Feature", "geometry": sq(39.0, 35.9),
               "properties": {"place_id": "p", "name": "n", "state": state}})
    (gj,) = _geojsons(W.control_layer(data))
    style = gj.style_function(gj.data["features"][0])
    assert style["fillColor"] == W.CONTROL_STATES[state][1]


@pytest.mark.parametrize("state", sorted(W.CONTROL_STATES))
def test_control_points_are_faint_dashed_rings_not_territory(state):
    # a place known only as a point (Jazra) is an estimate: a dashed ring of its uncertainty in the state's
    # border colour, barely tinted, in the pane under every overlay, never a filled disc
    data = fc({"type": "Feature", "geometry": pt(38.95, 35.94),
               "properties": {"place_id": "raqqa-jazra", "name": "Jazra", "state": state, "uncertainty_m": 1200}},
              {"type": "Feature", "geometry": sq(39.0, 35.9),
               "properties": {"place_id": "p", "name": "n", "state": state}})
    (gj,) = _geojsons(W.control_points_layer(data))
    assert [f["properties"]["place_id"] for f in gj.data["features"]] == ["raqqa-jazra"]  # polygons are control_layer's
    style = gj.style_function(gj.data["features"][0])
    assert style["color"] == W.CONTROL_STATES[state][2] and style["fillOpacity"] <= 0.1
    assert style["radius"] == 1200 and style["dashArray"] and style["pane"] == "atlasUncertainty"
    m = folium.Map(location=[35.95, 39.0], zoom_start=13, tiles=None)
    W.control_points_layer(data).add_to(m)
    assert "approximate position (±1.2 km)" in gj.data["features"][0]["properties"]["_tooltip"]
    html = render(m)
    assert 'createPane("atlasUncertainty")' in html and "zIndex = 360" in html


@pytest.mark.parametrize(("deaths", "radius"), [
    (None, 5.0), (0, 5.0), (1, 5.0), (4, 5.0), (9, 6.6), (100, 22.0), (10_000, 28.0), (2.25, 5.0),
])
def test_marker_radius_sqrt_scale(deaths, radius):
    assert W.marker_radius(deaths) == pytest.approx(radius)


@pytest.mark.parametrize("deaths", [-1, "3", float("nan"), True])
def test_marker_radius_rejects(deaths):
    with pytest.raises(ValueError, match=r"deaths: expected a number >= 0 or None, got"):
        W.marker_radius(deaths)


def test_incendiary_reports_get_their_own_symbol():
    group = W.incident_layer(incidents_fc())
    plain, wp = _geojsons(group)
    assert isinstance(plain.marker, folium.CircleMarker)
    assert isinstance(wp.marker, folium.Marker)
    assert [f["properties"]["id"] for f in wp.data["features"]] == ["r-001-02"]  # the white-phosphorus report
    assert "white phosphorus" in wp.data["features"][0]["properties"]["_popup"]
    radii = [plain.style_function(f)["radius"] for f in plain.data["features"]]
    assert radii == [W.marker_radius(21), W.marker_radius(3)]  # deaths_best before deaths_low


def test_many_points_use_fast_marker_cluster_without_popups():
    data = fc(*[incident(i, geometry=pt(39 + i / 1000, 35.9)) for i in range(6)])
    group = W.incident_layer(data, cluster_threshold=5)
    kids = list(group._children.values())
    assert len(kids) == 1 and isinstance(kids[0], folium.plugins.FastMarkerCluster)
    assert "a quote" not in render(kids[0].add_to(W.base_map(center=(35.9, 39.0), zoom=10)))


def test_uncertainty_rings_use_representative_points_and_metres():
    (gj,) = _geojsons(W.uncertainty_layer(places_fc()))
    got = {f["properties"]["id"]: (f["geometry"]["coordinates"], gj.style_function(f))
           for f in gj.data["features"]}
    assert set(got) == {"raqqa", "raqqa-mishlab", "raqqa-old-city", "tabqa"}  # river has none
    coords, style = got["raqqa-mishlab"]
    assert coords == [39.035, 35.945]
    assert style["radius"] == 800.0 and style["dashArray"] and style["interactive"] is False


def test_zone_layer_draws_55_km_circle():
    (gj,) = _geojsons(W.zone_layer(zones_fc()))
    assert isinstance(gj.marker, folium.Circle)
    assert gj.style_function(gj.data["features"][0])["radius"] == 55000.0
    assert "55.0 km" in gj.data["features"][0]["properties"]["_tooltip"]


# ---------------------------------------------------------------- invalid input


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"center": (95, 39), "zoom": 12}, r"center: expected \(lat, lon\).*got \(95, 39\)"),
    ({"center": (35, 200), "zoom": 12}, r"center: expected .*got \(35, 200\)"),
    ({"center": (35,), "zoom": 12}, r"center: expected .*got \(35,\)"),
    ({"center": "35,39", "zoom": 12}, r"center: expected .*got '35,39'"),
    ({"center": (35, 39), "zoom": 19}, r"zoom: expected an int in 0\.\.18, got 19"),
    ({"center": (35, 39), "zoom": 12.5}, r"zoom: expected an int in 0\.\.18, got 12\.5"),
    ({"center": (35, 39), "zoom": 5, "max_zoom": 0}, r"max_zoom: expected an int in 1\.\.22, got 0"),
    ({"center": (35, 39), "zoom": 5, "bounds": ((36, 38), (35, 39))},
     r"bounds: expected south <= north and west <= east, got"),
    ({"center": (35, 39), "zoom": 5, "bounds": ((36, 38),)},
     r"bounds: expected \(\(south, west\), \(north, east\)\), got"),
    ({"center": (35, 39), "zoom": 5, "bounds": ((36, 38), (95, 39))},
     r"bounds\[1\] \(north, east\): expected .*got \(95, 39\)"),
])
def test_base_map_rejects(kwargs, message):
    with pytest.raises(ValueError, match=message):
        W.base_map(**kwargs)


def test_base_map_flags_are_keyword_only_and_typed():
    with pytest.raises(TypeError):
        W.base_map((35, 39), 12)  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"tiles: expected True or False, got 'yes'"):
        W.base_map(center=(35, 39), zoom=5, tiles="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("valid", [
    {"center": (35.95, 39.0), "zoom": 0},
    {"center": [35.95, 39.0], "zoom": 18},
    {"center": (-90, -180), "zoom": 3, "bounds": [[-1, -1], [1, 1]]},
    {"center": (35.95, 39.0), "zoom": 12, "tiles": True, "max_zoom": 19},
])
def test_base_map_accepts(valid):
    assert isinstance(W.base_map(**valid), folium.Map)


ONE = {"type": "Feature", "geometry": sq(39, 35), "properties": {"place_id": "p", "state": "is"}}


@pytest.mark.parametrize(("builder", "data", "exc", "message"), [
    (W.control_layer, [], TypeError, r"control_fc: expected a GeoJSON FeatureCollection dict, got list"),
    (W.control_layer, {"type": "Feature"}, ValueError, r"expected type 'FeatureCollection', got 'Feature'"),
    (W.control_layer, {"type": "FeatureCollection"}, ValueError, r"expected 'features' to be a list, got NoneType"),
    (W.control_layer, fc({"type": "Point"}), ValueError, r"feature 0: expected type 'Feature', got 'Point'"),
    (W.control_layer, fc({**ONE, "properties": None}), ValueError,
     r"expected 'properties' to be an object, got NoneType"),
    (W.control_layer, fc({**ONE, "properties": {"place_id": "p", "state": "ISIS"}}), ValueError,
     r"feature 0 \(p\): expected state in \['contested', 'is', 'sdf', 'unknown'\], got 'ISIS'"),
    (W.control_layer, fc({**ONE, "geometry": pt(39, 35)}), ValueError,
     r"expected a Polygon or MultiPolygon geometry, got 'Point'"),
    (W.incident_layer, fc(incident(1, event_type="strike")), ValueError,
     r"feature 0 \(r-001-01\): expected event_type in \[.*'air_strike'.*\], got 'strike'"),
    (W.incident_layer, fc(incident(1, deaths=(-2, None, None))), ValueError,
     r"expected deaths_low to be a number >= 0 or null, got -2"),
    (W.incident_layer, fc(incident(1, deaths=(None, "many", None))), ValueError,
     r"expected deaths_best to be a number >= 0 or null, got 'many'"),
    (W.incident_layer, fc(incident(1, geometry=sq(39, 35))), ValueError,
     r"expected a Point geometry or null, got 'Polygon'"),
    (W.zone_layer, fc({"type": "Feature", "id": "z", "geometry": pt(38, 33), "properties": {"radius_m": None}}),
     ValueError, r"feature 0 \(z\): expected radius_m > 0 \(metres\) for a Point zone, got None"),
    (W.zone_layer, fc({"type": "Feature", "id": "z", "geometry": {"type": "LineString", "coordinates": []},
                       "properties": {}}), ValueError,
     r"expected a Point with radius_m or a Polygon, got 'LineString'"),
    (W.uncertainty_layer, fc({"type": "Feature", "id": "u", "geometry": pt(38, 33),
                              "properties": {"uncertainty_m": -5}}), ValueError,
     r"feature 0 \(u\): expected uncertainty_m to be a number >= 0 or null, got -5"),
    (W.context_places_layer, fc({"type": "Feature", "id": "c", "geometry": None,
                                 "properties": {"kind": "town"}}), ValueError,
     r"feature 0 \(c\): expected properties lat/lon or a Point geometry, got lat=None"),
    (W.context_places_layer, fc({"type": "Feature", "id": "c", "geometry": pt(38, 33),
                                 "properties": {"kind": "town", "lat": 95, "lon": 38}}), ValueError,
     r"feature 0 \(c\) point: expected \(lat, lon\).*got \(95\.0, 38\.0\)"),
    (W.plain_basemap_layer, {"type": "FeatureCollection", "features": "x"}, ValueError,
     r"places_fc: expected 'features' to be a list, got str"),
])
def test_layer_builders_reject(builder, data, exc, message):
    with pytest.raises(exc, match=message):
        builder(data)


@pytest.mark.parametrize(("builder", "data"), [
    (W.control_layer, fc()),
    (W.incident_layer, fc()),
    (W.zone_layer, fc()),
    (W.uncertainty_layer, fc()),
    (W.context_places_layer, fc()),
    (W.plain_basemap_layer, fc()),
    (W.incident_layer, fc({**incident(1), "geometry": None})),
    (W.uncertainty_layer, fc({"type": "Feature", "geometry": pt(38, 33), "properties": {"uncertainty_m": None}})),
    (W.zone_layer, fc({"type": "Feature", "geometry": sq(38, 33), "properties": {"name": "polygon zone"}})),
])
def test_layer_builders_accept_empty_and_edge_inputs(builder, data):
    group = builder(data)
    m = W.base_map(center=(35.95, 39.0), zoom=10)
    group.add_to(m)
    assert "<html>" in render(m).lower() or render(m)


def test_legend_position_is_checked():
    with pytest.raises(ValueError, match=r"position: expected one of \[.*\], got 'middle'"):
        W.legend(position="middle")


TEMPLATE_SYNTAX = [
    "{{ 7*7 }}",
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "{% raw %}",
    "{{ unbalanced",
    "{# comment #}",
    "{#",
    "{%- if true %}yes{%- endif %}",
    "{{{{ 7*7 }}}}",
    "{{ {{ 7 }} }}",
]


def hostile_map(text: str) -> folium.Map:
    """A map with ``text`` in a quote, a place name, a claimant, a label and a control polygon."""
    m = folium.Map(location=[35.95, 39.0], zoom_start=12, tiles=None)
    W.incident_layer(incidents_fc(f"Strike {text} here")).add_to(m)
    W.control_layer(control_fc(text)).add_to(m)
    W.place_labels_layer(places_fc(f"Place {text} name"), kinds=("district",)).add_to(m)
    W.context_places_layer(places_fc(f"Place {text} name")).add_to(m)
    return m


@pytest.mark.parametrize("text", TEMPLATE_SYNTAX)
def test_article_text_is_never_evaluated_as_a_template(text):
    # branca re-renders macro output as a Jinja2 template unless it is placed verbatim
    # (geo/web/elements.py): {{ }} from an article would run on the server, {% raw %} or
    # {# would break the whole map
    out = render(hostile_map(text))
    assert f"Strike {text} here" in out  # as written: not evaluated, not dropped
    assert f"Place {text} name" in out
    assert "Strike 49 here" not in out and "/work" not in out


# braces, percent and hash signs around words: every Jinja delimiter and their mixes
JINJA_TEXT = st.text(alphabet="{}%#-+ ab7*", max_size=24)


@settings(max_examples=40, deadline=None)
@given(quote=JINJA_TEXT, place=JINJA_TEXT, claimant=JINJA_TEXT)
def test_braces_in_quotes_places_and_claimants_reach_the_map_as_written(quote, place, claimant):
    feats = incidents_fc(f"q[{quote}]")
    for f in feats["features"]:
        f["properties"].update(claimed_by=f"c[{claimant}]", place_name=f"p[{place}]")
    m = folium.Map(location=[35.95, 39.0], zoom_start=12, tiles=None)
    W.incident_layer(feats).add_to(m)
    W.place_labels_layer(places_fc(f"p[{place}]"), kinds=("district",)).add_to(m)
    out = render(m)
    # tojson writes ' as \u0027; nothing else in this alphabet is escaped on the way
    for text in (f"q[{quote}]", f"p[{place}]", f"c[{claimant}]"):
        assert text.replace("'", "\\u0027") in out


def test_verbatim_text_survives_deepcopy_and_pickle():
    # st.cache_data pickles maps; a copy must still render the text as it is
    el = Verbatim("{{ 7*7 }} {% raw %}")
    assert copy.deepcopy(el).render() == el.text
    assert pickle.loads(pickle.dumps(el)).render() == el.text
    m = hostile_map("{{ 7*7 }}")
    assert "Strike {{ 7*7 }} here" in render(copy.deepcopy(m))


def test_map_css_and_scripts_come_from_their_files_as_written():
    out = render(full_map())
    assert f"<style>\n{static_text('map.css')}</style>" in out
    m = W.base_map(center=(35.95, 39.01), zoom=13)
    W.place_labels_layer(places_fc()).add_to(m)
    W.plain_basemap_layer(places_fc()).add_to(m)
    W.incident_layer(incidents_fc(), cluster=W.incident_cluster().add_to(m)).add_to(m)
    out = render(W.finish_map(m))
    name = m.get_name()
    for template in sorted(TEMPLATES.glob("*.js.j2")):
        # every line of the script's JavaScript, with this map's name in its slot, as written
        lines = [line.replace("{{ this.map_name }}", name)
                 for line in template.read_text(encoding="utf-8").splitlines()[1:-1]]
        fixed = [line for line in lines if line.strip() and "{{" not in line]
        assert fixed and all(line in out for line in fixed), template.name


@pytest.mark.parametrize("layer", [W.place_labels_layer, W.plain_basemap_layer])
def test_map_scripts_need_a_map_above_them(layer):
    fig = branca.element.Figure()
    fig.add_child(layer(places_fc()))
    with pytest.raises(ValueError, match=r"expected the layer to be added to a folium.Map before rendering"):
        fig.render()


def test_map_page_loads_leaflet_and_markercluster_alone_unless_a_layer_uses_folium_icon():
    refs = lambda m: re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', render(m))  # noqa: E731
    plain = refs(full_map())  # its incidents are clustered: Leaflet.markercluster, served by the app
    assert sorted(plain) == [f"{W.VENDOR_URL_PREFIX}/{rel}" for rel in (
        "leaflet.markercluster/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.css",
        "leaflet.markercluster/leaflet.markercluster.js", "leaflet/leaflet.css", "leaflet/leaflet.js")]
    m = W.base_map(center=(35.95, 39.0), zoom=12)
    folium.Marker([35.95, 39.0], icon=folium.Icon()).add_to(m)
    with_icon = refs(m)
    assert f"{W.VENDOR_URL_PREFIX}/leaflet.awesome-markers/leaflet.awesome-markers.js" in with_icon
    assert f"{W.VENDOR_URL_PREFIX}/fontawesome-free/css/all.min.css" in with_icon
    assert all(r.startswith(W.VENDOR_URL_PREFIX) for r in with_icon)


def test_large_layers_are_grouped_by_place_and_type():
    # 400 reports: two events at al-Mishlab (one retold by 199 outlets), shelling
    # at the Old City, and one white-phosphorus allegation
    feats = [incident(i, deaths=(21, None, None)) for i in range(200)]
    for i, f in enumerate(feats):
        f["properties"].update(id=f"r-a-{i}", event_id="ev-a" if i else "ev-b", claimed_by=f"outlet {i % 7}",
                               quote="the verbatim sentence",
                               deaths_low=21 if i else 5, date_start=f"2017-06-{1 + i % 9:02d}",
                               date_end=f"2017-06-{2 + i % 9:02d}")
    shelling = [incident(i, event_type="shelling", deaths=(None, None, None), geometry=pt(38.995, 35.955))
                for i in range(199)]
    for i, f in enumerate(shelling):
        f["properties"].update(id=f"r-b-{i}", event_id=f"ev-s{i}", place_id="raqqa-old-city")
    wp = incident(999, munition="white_phosphorus", text="<script>alert(1)</script>")
    group = W.incident_layer(fc(*feats, *shelling, wp))
    plain, inc = _geojsons(group)
    got = {f["id"]: f["properties"] for f in plain.data["features"]}
    assert list(got) == ["incident:group:raqqa-mishlab:air_strike", "incident:group:raqqa-old-city:shelling"]
    assert [f["id"] for f in inc.data["features"]] == ["incident:group:raqqa-mishlab:air_strike:incendiary"]
    mishlab = got["incident:group:raqqa-mishlab:air_strike"]
    assert set(mishlab) == W.BROWSER_PROPERTIES - {"event_id", "name", "kind"}  # no quotes, no per-report fields
    # each event counted once, at its lowest claim: 21 (ev-a, retold 199 times) + 5 (ev-b)
    assert "<b>200 air strike report(s)</b>" in mishlab["_tooltip"]
    assert "at least 26 deaths" in mishlab["_tooltip"] and "2 event(s)" in mishlab["_tooltip"]
    assert "1 Jun 2017 – 10 Jun 2017" in mishlab["_popup"] and "7 claimant(s)" in mishlab["_popup"]
    assert "no toll claimed" in got["incident:group:raqqa-old-city:shelling"]["_tooltip"]
    style = plain.style_function(plain.data["features"][0])
    assert style["color"] == "#222222" and style["radius"] == W.marker_radius(26)
    html = render(group.add_to(W.base_map(center=(35.9, 39.0), zoom=10)))
    assert "<script>alert(1)" not in html and "\\u0026lt;script\\u0026gt;" in html  # escaped, then JSON-escaped
    assert "the verbatim sentence" not in html  # quotes stay in the panel


def test_small_layers_are_not_grouped_and_grouping_can_be_turned_off():
    small = fc(*[incident(i) for i in range(W.GROUP_THRESHOLD)])
    (gj,) = _geojsons(W.incident_layer(small))
    assert len(gj.data["features"]) == W.GROUP_THRESHOLD
    big = fc(*[incident(i) for i in range(W.GROUP_THRESHOLD + 1)])
    (gj,) = _geojsons(W.incident_layer(big, group_threshold=None))
    assert len(gj.data["features"]) == W.GROUP_THRESHOLD + 1


@pytest.mark.parametrize("grouped", [True, False])
def test_legend_explains_grouped_markers_only_when_there_are_some(grouped):
    html = render(W.legend(grouped=grouped).add_to(W.base_map(center=(35.9, 39.0), zoom=10)))
    assert ("many reports at one place, grouped" in html) is grouped


def test_reports_spread_over_a_place_group_at_their_mean_and_placeless_ones_only_where_they_coincide():
    spread = [incident(i, geometry=pt(39.00 + 0.002 * (i % 3), 35.95)) for i in range(W.GROUP_THRESHOLD)]
    placeless = [incident(1000 + i, geometry=pt(38.9, 35.9 + 0.01 * (i % 2))) for i in range(4)]
    for f in placeless:
        f["properties"]["place_id"] = None
    (gj,) = _geojsons(W.incident_layer(fc(*spread, *placeless)))
    by_id = {f["id"]: f for f in gj.data["features"]}
    assert len(by_id) == 3  # one for the place, two for the two distinct placeless points
    mishlab = by_id["incident:group:raqqa-mishlab:air_strike"]
    assert mishlab["geometry"]["coordinates"] == pytest.approx([39.002, 35.95])
    assert mishlab["properties"]["place_id"] == "raqqa-mishlab"
    counts = sorted(int(f["properties"]["_tooltip"].split("<b>")[1].split()[0].replace(",", ""))
                    for f in by_id.values())
    assert counts == [2, 2, W.GROUP_THRESHOLD]


@pytest.mark.parametrize(("claims", "expected"), [
    ([(5, 8, 12), (7, None, None)], (5, 1)),      # one event: the lowest lower bound of its reports
    ([(None, 8, None), (None, 6, None)], (6, 1)),  # a single figure is its own lower bound
    ([(None, None, 10)], (None, 0)),               # "up to 10" bounds nothing from below
    ([(0, None, None)], (0, 1)),                   # "no one was killed" is a toll
])
def test_lowest_toll_per_event_takes_each_reports_lower_bound(claims, expected):
    props = [incident(i, deaths=d)["properties"] for i, d in enumerate(claims)]
    assert lowest_toll_per_event(props) == expected


# --------------------------------------------------------------------------
# advances: one flag per place, every claim in its tooltip


@pytest.mark.parametrize(("spans", "label"), [
    ([], ""),
    (["9 Jun"], "9 Jun"),
    (["6–7 Jun", "9 Jun"], "6–7 Jun / 9 Jun"),
    (["6 Jun", "7 Jun", "9 Jun"], "6 Jun / 7 Jun +1"),
    (["28 May–10 Jun", "6 Jun", "7 Jun", "10 Jun"], "28 May–10 Jun / 6 Jun +2"),
])
def test_advance_label_names_two_spans_then_counts(spans, label):
    assert W.advance_label(spans) == label


def _advance_features(gz) -> dict:
    from geo.records.incidents import curated_reports

    feats = []
    for r in curated_reports(gz=gz):
        if r["event_type"] != "territory_change":
            continue
        geom = None if r.get("lat") is None else pt(r["lon"], r["lat"])
        feats.append({"type": "Feature", "id": r["id"], "geometry": geom, "properties": r})
    return fc(*feats)


def test_advances_merge_a_place_s_claims_into_one_flag_with_every_claim_listed(gz):
    data = _advance_features(gz)
    mishlab = [f for f in data["features"] if f["properties"]["place_id"] == "raqqa-mishlab"]
    assert len(mishlab) >= 3, "the seeds hold competing claims of al-Mishlab's capture"
    group = W.advances_layer(data)
    (layer,) = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    flags = {f["properties"]["place_id"]: f["properties"] for f in layer.data["features"]}
    flag = flags["raqqa-mishlab"]
    assert sorted(flag["report_ids"]) == sorted(f["id"] for f in mishlab)
    # every claim, with its claimant and outlet, in the tooltip, whatever the label shows
    for f in mishlab:
        p = f["properties"]
        assert short_span(p["date_start"], p["date_end"]) in flag["_tooltip"]
        assert esc(p["claimed_by"]) in flag["_tooltip"] and esc(p["outlet"]) in flag["_tooltip"]
    spans = list(dict.fromkeys(short_span(f["properties"]["date_start"], f["properties"]["date_end"])
                               for f in sorted(mishlab, key=lambda f: f["properties"]["date_start"])))
    assert flag["_label"] == W.advance_label(spans)
    # one flag per place; reports with no mapped place get none
    located = {f["properties"]["place_id"] for f in data["features"] if f["geometry"] is not None}
    assert set(flags) == located


def test_advance_tooltip_escapes_claimant_text():
    f = {"type": "Feature", "id": "r-1", "geometry": pt(39.02, 35.95),
         "properties": {"place_id": "p", "place_name": "<b>x</b>", "date_start": "2017-06-06",
                        "date_end": "2017-06-06", "control_extent": "full", "control_actor": "SDF",
                        "claimed_by": HOSTILE[1], "outlet": HOSTILE[0]}}
    group = W.advances_layer(fc(f))
    (layer,) = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    tip = layer.data["features"][0]["properties"]["_tooltip"]
    # the tooltip is shown as HTML: only our <b> and <br> tags, the article's text as text
    assert set(re.findall(r"<(/?\w+)", tip)) <= {"b", "/b", "br"}
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip and "&lt;script&gt;" in tip and "&lt;b&gt;x&lt;/b&gt;" in tip
    html_text = render(W.base_map(center=(35.95, 39.02), zoom=13).add_child(group))
    for raw in ("<img src=x", "<script>alert", "\\u003cimg src=x", "\\u003cscript\\u003ealert"):
        assert raw not in html_text


@pytest.mark.parametrize("extent", list(EXTENT_LABELS))
def test_advance_tooltip_names_the_extent_with_the_vocabulary_s_label(extent):
    f = {"type": "Feature", "id": "r-1", "geometry": pt(39.02, 35.95),
         "properties": {"place_id": "p", "place_name": "X", "date_start": "2017-06-06",
                        "control_extent": extent, "control_actor": "SDF", "claimed_by": "c", "outlet": "o"}}
    (layer,) = [c for c in W.advances_layer(fc(f))._children.values() if isinstance(c, folium.GeoJson)]
    assert f"6 Jun: {EXTENT_LABELS[extent]} by SDF" in layer.data["features"][0]["properties"]["_tooltip"]


def test_map_and_legend_use_the_vocabulary_s_labels():
    # one label per code everywhere: the legend, the popups and the panel say the same
    assert {k: v[0] for k, v in W.EVENT_COLOURS.items()} == dict(EVENT_TYPE_LABELS)
    assert {k: v[0] for k, v in W.CONTROL_STATES.items()} == dict(CONTROL_STATE_LABELS)
    out = render(full_map())
    legend_html = re.search(r"div.innerHTML = (\".*?\");", out).group(1)
    for label in (*EVENT_TYPE_LABELS.values(), *CONTROL_STATE_LABELS.values()):
        assert f"\\u003e{label}\\u003c" in legend_html
    m = folium.Map(location=[35.95, 39.0], zoom_start=12, tiles=None)
    W.incident_layer(fc(incident(1, event_type="displacement", munition="white_phosphorus"))).add_to(m)
    popup = render(m)
    assert EVENT_TYPE_LABELS["displacement"] in popup and MUNITION_LABELS["white_phosphorus"] in popup


def test_advance_with_a_polygon_is_refused_naming_the_feature():
    f = {"type": "Feature", "id": "r-9", "geometry": sq(39.0, 35.9), "properties": {"place_id": "p"}}
    with pytest.raises(ValueError, match=r"feature 0 \(r-9\): expected a Point geometry or null, got 'Polygon'"):
        W.advances_layer(fc(f))


def test_advance_labels_hide_below_their_zoom_and_flags_stay(gz):
    data = _advance_features(gz)
    html_text = render(W.base_map(center=(35.95, 39.02), zoom=13).add_child(W.advances_layer(data)))
    assert ".atlas-adv-lowzoom .atlas-adv-label { display: none; }" in html_text
    assert re.search(r'getZoom\(\) < 11\.5\) \{ c\.classList\.add\("atlas-adv-lowzoom"\)', html_text)
    always = render(W.base_map(center=(35.95, 39.02), zoom=13).add_child(W.advances_layer(data, label_min_zoom=None)))
    assert 'classList.add("atlas-adv-lowzoom")' not in always and "atlas-adv-flag" in always


@pytest.mark.parametrize(("radius", "lat"), [
    (55_000, 33.50583 - 55_000 / 111_320),  # the al-Tanf zone: named below its 55 km ring
    (None, 33.50583), (0, 33.50583),        # a point place: named at its point
])
def test_a_ring_zone_is_labelled_at_its_southern_edge(radius, lat):
    f = {"type": "Feature", "id": "z", "geometry": pt(38.61778, 33.50583),
         "properties": {"kind": "zone", "name": "al-Tanf de-confliction zone", "lat": 33.50583, "lon": 38.61778,
                        "radius_m": radius}}
    group = W.place_labels_layer(fc(f), kinds=("zone",), min_zoom=0)
    (marker,) = [c for c in group._children.values() if isinstance(c, folium.Marker)]
    assert marker.location == pytest.approx([lat, 38.61778])


@pytest.mark.parametrize(("kind", "rank"), [("city", 0), ("town", 1), ("military_site", 2), ("dam", 2),
                                            ("district", 3), ("zone", 4), ("river", 5), (None, 5)])
def test_each_place_label_carries_its_rank_for_decluttering(kind, rank):
    f = {"type": "Feature", "id": "p", "geometry": pt(39.0, 35.95),
         "properties": {"kind": kind, "name": "A <b>place</b>", "lat": 35.95, "lon": 39.0}}
    group = W.place_labels_layer(fc(f), kinds=(kind,), min_zoom=0)
    (marker,) = [c for c in group._children.values() if isinstance(c, folium.Marker)]
    html_text = marker.icon.options["html"]
    assert html_text == f'<div class="atlas-label" data-rank="{rank}">A &lt;b&gt;place&lt;/b&gt;</div>'


def test_the_declutter_script_is_installed_once_per_map():
    places = fc(*[{"type": "Feature", "id": k, "geometry": pt(39.0, 35.95),
                   "properties": {"kind": k, "name": k, "lat": 35.95, "lon": 39.0}} for k in ("city", "zone")])
    m = W.base_map(center=(35.95, 39.0), zoom=6)
    W.place_labels_layer(places, kinds=("city",), min_zoom=0).add_to(m)
    W.place_labels_layer(places, kinds=("zone",), min_zoom=0).add_to(m)
    html_text = render(m)
    # each layer renders the script; the map-level flag makes the second a no-op
    assert html_text.count("m._atlasDeclutter = true;") == 2 and "if (m._atlasDeclutter) { return; }" in html_text
    assert ".atlas-label-clash { visibility: hidden; }" in html_text
    assert W.LABEL_RANK["city"] < W.LABEL_RANK["military_site"] < W.LABEL_RANK["zone"]

