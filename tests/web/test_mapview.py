"""The dashboard's map for a view: its framing, its layers, which reports go where."""

from __future__ import annotations

import json

import pytest

from geo.records.filters import Filters, select
from geo.records.layers import control_features
from geo.web.mapview import (
    INCIDENT_LAYERS,
    build_map,
    map_control,
    map_html,
    marker_props,
)
from geo.web.views import FALLBACK_BOUNDS, VIEWS, view_bounds
from geo.web.webmap import CONTROL_STATES, EVENT_COLOURS

DAY = "2017-06-11"


@pytest.fixture(scope="module")
def curated(gz):
    from geo.records.incidents import curated_reports

    return curated_reports(gz=gz)


@pytest.fixture(scope="module")
def countries():
    from geo.web.basemap import load_countries

    return load_countries()


def draw(gz, reports, countries, *, view="city", day=DAY, tiles=False, labels=True) -> str:
    m = build_map(reports, gz=gz, places_fc=gz.to_geojson(), countries_fc=countries,
                  control_fc=control_features(gz, reports, day), view=view, day=day, tiles=tiles, labels=labels)
    return m.get_root().render()


def inside(bounds, lat, lon) -> bool:
    (s, w), (n, e) = bounds
    return s <= lat <= n and w <= lon <= e


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_view_frames_its_places(gz, view):
    b = view_bounds(gz, view)
    for pid in VIEWS[view].frame:
        minx, miny, maxx, maxy = gz.get(pid).shape.bounds
        assert inside(b, miny, minx) and inside(b, maxy, maxx), pid


def test_views_nest_city_region_theatre(gz):
    city, region, theatre = (view_bounds(gz, v) for v in ("city", "region", "theatre"))
    for small, large in ((city, region), (region, theatre)):
        assert inside(large, *small[0]) and inside(large, *small[1])


def test_a_view_with_none_of_its_places_falls_back(small):
    assert "tabqa" not in small and "hazima" not in small
    assert view_bounds(small, "city") != [list(FALLBACK_BOUNDS[0]), list(FALLBACK_BOUNDS[1])]  # raqqa is there
    import gazetteer

    empty_of_views = gazetteer.Gazetteer([p for p in small if p.id not in {i for v in VIEWS.values() for i in v.frame}])
    assert view_bounds(empty_of_views, "region") == [list(FALLBACK_BOUNDS[0]), list(FALLBACK_BOUNDS[1])]


def test_every_incident_layer_type_is_a_known_event_type():
    drawn = set().union(*(types for types, _ in INCIDENT_LAYERS))
    assert drawn | {"territory_change"} == set(EVENT_COLOURS)  # advances have their own layer


def test_map_control_colours_by_holder(gz, curated):
    cfc = control_features(gz, curated, DAY)
    mapped = map_control(cfc)
    assert [f["id"] for f in mapped["features"]] == [f["id"] for f in cfc["features"]]
    for before, after in zip(cfc["features"], mapped["features"], strict=True):
        assert after["properties"]["state"] in CONTROL_STATES
        code = before["properties"]["code"]
        assert after["properties"]["state"] == {"other": "unknown"}.get(code, code)
        assert list(after["properties"]) == list(before["properties"])  # same fields, same order
    assert cfc["features"][0]["properties"]["state"] in ("held", "contested", "taken")  # input untouched
    other = {"type": "FeatureCollection", "features": [{**cfc["features"][0], "properties": {
        **cfc["features"][0]["properties"], "code": "other"}}]}
    assert map_control(other)["features"][0]["properties"]["state"] == "unknown"


def test_marker_props_keep_only_what_a_marker_shows(curated):
    p = marker_props(curated[0])
    assert p["id"] == curated[0]["id"] and "notes" not in p and "span_start" not in p


def test_the_map_shows_the_chosen_reports_and_day(gz, curated, countries):
    shown = select(curated, Filters(day=DAY, types=("air_strike",)))
    html = draw(gz, shown, countries)
    assert f"District control on {DAY}" in html
    assert "Strikes (air, artillery" in html and "Candidates (uploaded, not reviewed)" not in html
    for r in shown:
        if r.get("lat") is not None:
            assert json.dumps(r["id"]) in html
    hidden = [r for r in curated if r["event_type"] == "displacement" and r.get("lat") is not None]
    assert hidden and all(json.dumps(r["id"]) not in html for r in hidden)
    assert "cdn.jsdelivr" not in html and "tile.openstreetmap.org" not in html


def test_unreviewed_reports_get_their_own_layer(gz, curated, countries):
    upload = [{**r, "id": f"upload-{r['id']}", "reviewed": False} for r in curated if r.get("lat") is not None][:3]
    html = draw(gz, curated + upload, countries)
    assert "Candidates (uploaded, not reviewed)" in html


def test_labels_and_tiles_are_the_users_choice(gz, curated, countries):
    plain = draw(gz, curated, countries, labels=False)
    assert "District names" in draw(gz, curated, countries) and "District names" not in plain
    assert "tile.openstreetmap.org" in draw(gz, curated, countries, tiles=True)


@pytest.mark.parametrize("view", list(VIEWS))
def test_map_html_of_the_shipped_data(view):
    html = map_html(view=view, day=DAY)
    assert html.startswith("<!DOCTYPE html>") and f"District control on {DAY}" in html
    assert ("District names" in html) == (view == "city")


def test_place_choices_are_every_place_those_with_reports_first(gz, curated):
    from geo.web.views import place_choices

    with_reports = {r["place_id"] for r in curated if r.get("place_id")}
    ids = place_choices(gz, with_reports | {"atlantis"})
    assert "atlantis" not in ids and set(ids) == {p.id for p in gz}
    assert set(ids[: len(with_reports)]) == with_reports  # places with reports come first
    for part in (ids[: len(with_reports)], ids[len(with_reports):]):
        names = [gz.get(i).name.casefold() for i in part]
        assert names == sorted(names)


@pytest.mark.parametrize(
    ("typed", "place_id"),
    # spellings a reader types (issue 18 found these returned nothing), and an Arabic name
    [("Harqal", "heraqla"), ("Meshleb", "raqqa-mishlab"), ("Tanaf", "al-tanf"), ("المشلب", "raqqa-mishlab")],
)
def test_the_picker_finds_a_place_by_any_spelling(gz, curated, typed, place_id):
    from geo.web.views import place_choices, place_label

    labels = {i: place_label(gz, i, 0) for i in place_choices(gz, set())}
    # Streamlit's select box keeps the options whose label contains what is typed (case-insensitive)
    assert place_id in [i for i, lab in labels.items() if typed.casefold() in lab.casefold()]


def test_every_spelling_of_every_place_is_in_its_label(gz):
    from geo.web.views import place_label

    for p in gz:
        label = place_label(gz, p.id, 2).casefold()
        assert p.name.casefold() in label and "2 reports" in label
        assert all(a.casefold() in label for a in p.aliases)
