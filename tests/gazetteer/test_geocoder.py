"""The geopy Geocoder contract, exercised through geopandas.tools.geocode unchanged."""

from __future__ import annotations

import geopandas
import pandas as pd
import pytest
from geopy.location import Location
from shapely.geometry import Point

from gazetteer.geocoder import AtlasGeocoder


def test_geopandas_geocode_with_our_provider(gz):
    df = geopandas.tools.geocode(["al-Mishlab", "Al-Meshleb", "Romania", "Atlantis"], provider=AtlasGeocoder)
    assert isinstance(df, geopandas.GeoDataFrame)
    assert df.crs.to_epsg() == 4326
    mishlab = gz.get("raqqa-mishlab")
    for i in (0, 1):
        assert df.geometry[i].x == pytest.approx(mishlab.lon) and df.geometry[i].y == pytest.approx(mishlab.lat)
        assert df.address[i].startswith("al-Mishlab, Raqqa")
    # ambiguous and unknown: no point rather than a guess
    assert df.geometry[2].is_empty and pd.isna(df.address[2])
    assert df.geometry[3].is_empty and pd.isna(df.address[3])


def test_geopandas_reverse_geocode_smallest_place(gz):
    mishlab = gz.get("raqqa-mishlab")
    df = geopandas.tools.reverse_geocode([Point(mishlab.lon, mishlab.lat), Point(0.0, 0.0)], provider=AtlasGeocoder)
    assert df.address[0].startswith("al-Mishlab")
    assert pd.isna(df.address[1])


def test_geocode_returns_location_or_none(gz):
    g = AtlasGeocoder(gazetteer=gz)
    loc = g.geocode("Tabqa")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == gz.get("tabqa").point
    assert loc.raw["id"] == "tabqa" and loc.raw["sources"]
    assert g.geocode("Atlantis") is None
    assert g.geocode("Romania") is None
    both = g.geocode("Romania", exactly_one=False)
    assert {loc.raw["id"] for loc in both} == {"romania", "raqqa-romania"}


@pytest.mark.parametrize("query", [(35.946, 39.040), "35.946, 39.040", "35.946 39.040"])
def test_reverse_accepts_geopy_forms(gz, query):
    loc = AtlasGeocoder(gazetteer=gz).reverse(query)
    assert loc.raw["id"] == gz.reverse(35.946, 39.040).id


@pytest.mark.parametrize("query", ["north of Raqqa", (95, 0), ("a", "b"), None])
def test_reverse_rejects_bad_points(gz, query):
    with pytest.raises(ValueError, match="could not reverse geocode"):
        AtlasGeocoder(gazetteer=gz).reverse(query)


def test_reverse_prefers_the_smallest_containing_place(gz):
    raqqa = gz.get("raqqa")
    inner = gz.reverse(raqqa.lat, raqqa.lon)
    assert inner is not None
    chain = {inner.id} | {a.id for a in gz.ancestors(inner.id)}
    assert "raqqa" in chain
    # a point in the open desert near Al-Tanaf falls inside the 55 km zone only
    tanf = gz.get("al-tanf")
    assert gz.reverse(tanf.lat + 0.3, tanf.lon).id == "al-tanf-zone"
