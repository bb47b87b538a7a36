"""The offline basemap's country outlines (geo/data/basemap, Natural Earth 1:110m)."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from gazetteer.exc import DataError
from geo.web import webmap as W
from geo.web.basemap import COUNTRIES_PATH, load_countries

ISO = {"syria": "SYR", "iraq": "IRQ", "jordan": "JOR"}


def test_shipped_outlines_cover_the_theatre():
    fc = load_countries()
    by_iso = {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in fc["features"]}
    assert {"SYR", "IRQ", "JOR", "TUR", "LBN", "SAU"} <= set(by_iso)
    assert all(g.is_valid for g in by_iso.values())


def test_gazetteer_places_fall_in_their_country(gz):
    # 1:110m borders are generalised: a place may sit a few km outside its country's outline
    # (the Al-Tanf crossing, Kobani on the Turkish border); never more than 10 km
    by_iso = {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in load_countries()["features"]}
    checked = 0
    for p in gz:
        lineage = [a.id for a in gz.ancestors(p.id)]
        country = next((c for c in lineage if c in ISO), None)
        if country is None:
            continue
        km = by_iso[ISO[country]].distance(Point(p.lon, p.lat)) * 111.0
        assert km < 10, f"{p.id} is {km:.1f} km outside {country}'s outline"
        checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], r"expected a FeatureCollection"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [0, 0]},
                        "properties": {"name": "x"},
                    }
                ],
            },
            r"feature 0.*geometry.type.*Polygon or MultiPolygon.*'Point'",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {}}],
            },
            r"feature 0.*properties.name",
        ),
    ],
)
def test_broken_outlines_file_names_every_problem(tmp_path, data, message):
    p = tmp_path / "countries.geojson"
    p.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match=message) as e:
        load_countries(p)
    assert str(p) in str(e.value)


def test_basemap_draws_countries_first_and_inertly():
    places = {"type": "FeatureCollection", "features": []}
    group = W.plain_basemap_layer(places, countries_fc=load_countries())
    layers = [c for c in group._children.values() if hasattr(c, "data")]
    assert layers[0].data["features"][0]["properties"]["name"]
    assert layers[0].options["interactive"] is False
    style = layers[0].style_function(layers[0].data["features"][0])
    assert style["fill"] is True and style["weight"] <= 1


def test_basemap_rejects_point_countries():
    bad = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": "syria", "geometry": {"type": "Point", "coordinates": [38, 35]}, "properties": {}}
        ],
    }
    with pytest.raises(
        ValueError, match=r"countries_fc: feature 0 \(syria\): expected a Polygon or MultiPolygon geometry, got 'Point'"
    ):
        W.plain_basemap_layer({"type": "FeatureCollection", "features": []}, countries_fc=bad)


def test_file_is_where_the_readme_says():
    assert COUNTRIES_PATH.exists() and (COUNTRIES_PATH.parent / "README.md").exists()
