"""Layers and exports: RFC 7946, read back by geopandas/pyogrio, validated independently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas
import pytest
from geojson_validator import validate_geometries, validate_structure

from geo.records.layers import LAYERS

ROOT = Path(__file__).resolve().parents[2]


def geo_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    r = geo_cli("build", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def assert_rfc7946(path: Path) -> dict:
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert validate_structure(fc) == {}, path.name
    located = {"type": "FeatureCollection", "features": [f for f in fc["features"] if f["geometry"]]}
    if located["features"]:
        v = validate_geometries(located)
        assert v["invalid"] == {}, (path.name, v["invalid"])
    for f in located["features"]:
        lon, lat = _first_coord(f["geometry"]["coordinates"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    return fc


def _first_coord(c):
    while isinstance(c[0], list):
        c = c[0]
    return c[0], c[1]


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_every_layer_is_rfc7946_and_reads_back(built, layer):
    path = built / f"{layer}.geojson"
    fc = assert_rfc7946(path)
    if fc["features"]:
        gdf = geopandas.read_file(path, engine="pyogrio")
        assert len(gdf) == len(fc["features"])
        assert gdf.crs.to_epsg() == 4326
        pq = geopandas.read_parquet(built / f"{layer}.parquet")
        assert len(pq) == len(fc["features"])


def test_build_writes_manifest_timeline_and_csv(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["layers"]) == set(LAYERS)
    timeline = json.loads((built / "control_timeline.json").read_text(encoding="utf-8"))
    assert "raqqa-mishlab" in timeline
    header = (built / "incidents.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,event_id,event_type")


def test_incidents_link_quote_and_source(built, seed_texts):
    fc = json.loads((built / "incidents.geojson").read_text(encoding="utf-8"))
    for f in fc["features"]:
        p = f["properties"]
        assert seed_texts[p["article_id"][:3]][p["span_start"] : p["span_end"]] == p["quote"]
        assert p["outlet"] and p["title"] and p["published"]
        if f["geometry"] is None:
            assert p["lat"] is None  # unresolved: no point, never a guess
        else:
            assert f["geometry"]["coordinates"] == [pytest.approx(p["lon"]), pytest.approx(p["lat"])]


def test_tanf_zone_is_a_55km_circle(built):
    from pyproj import Geod

    fc = json.loads((built / "zones.geojson").read_text(encoding="utf-8"))
    zone = next(f for f in fc["features"] if f["id"] == "al-tanf-zone")
    p = zone["properties"]
    lons, lats = zip(*zone["geometry"]["coordinates"][0], strict=True)
    _, _, d = Geod(ellps="WGS84").inv([p["lon"]] * len(lons), [p["lat"]] * len(lats), lons, lats)
    assert min(d) == pytest.approx(55000, rel=1e-3) and max(d) == pytest.approx(55000, rel=1e-3)


def test_export_filters(tmp_path, gz):
    out = tmp_path / "strikes.geojson"
    r = geo_cli(
        "export",
        "--layer",
        "incidents",
        "--type",
        "air_strike",
        "--from",
        "2017-06-05",
        "--to",
        "2017-06-11",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    fc = assert_rfc7946(out)
    assert fc["features"]
    for f in fc["features"]:
        p = f["properties"]
        assert p["event_type"] == "air_strike" and p["date_end"] >= "2017-06-05" and p["date_start"] <= "2017-06-11"


def test_export_place_includes_sub_places(tmp_path):
    out = tmp_path / "raqqa.geojson"
    r = geo_cli("export", "--layer", "incidents", "--place", "raqqa", "--out", str(out))
    assert r.returncode == 0, r.stderr
    ids = {f["properties"]["place_id"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    assert "raqqa" in ids and "raqqa-mishlab" in ids and "mosul" not in ids


@pytest.mark.parametrize(("fmt", "reader"), [("parquet", geopandas.read_parquet), ("csv", None)])
def test_export_other_formats(tmp_path, fmt, reader):
    out = tmp_path / f"incidents.{fmt}"
    r = geo_cli("export", "--layer", "incidents", "--out", str(out))
    assert r.returncode == 0, r.stderr
    if reader:
        assert len(reader(out)) > 0
    else:
        assert out.read_text(encoding="utf-8").count("\n") > 1


def test_export_control_on_a_day(tmp_path):
    out = tmp_path / "control.geojson"
    r = geo_cli("export", "--layer", "control", "--to", "2017-06-05", "--out", str(out))
    assert r.returncode == 0, r.stderr
    fc = assert_rfc7946(out)
    states = {f["id"]: f["properties"]["code"] for f in fc["features"]}
    assert states["raqqa-mishlab"] == "is"  # before the SDF broke in on 6 June


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "bogus"], "unknown layer 'bogus'"),
        (["--layer", "incidents", "--from", "2017-13-45"], "'2017-13-45'"),
        (["--layer", "incidents", "--to", "June 7"], "'June 7'"),
        (["--layer", "incidents", "--from", "2017-06-10", "--to", "2017-06-01"], "before --from"),
        (["--layer", "incidents", "--type", "picnic"], "'picnic'"),
        (["--layer", "incidents", "--place", "atlantis"], "'atlantis'"),
    ],
)
def test_export_bad_options_are_named(tmp_path, args, message):
    out = tmp_path / "x.geojson"
    r = geo_cli("export", *args, "--out", str(out))
    assert r.returncode == 2 and message in r.stderr
    assert not out.exists()


def test_export_bad_extension(tmp_path):
    out = tmp_path / "x.shp"
    r = geo_cli("export", "--layer", "incidents", "--out", str(out))
    assert r.returncode == 2 and "x.shp" in r.stderr and not out.exists()


@pytest.fixture(scope="module")
def curated(gz):
    from geo.records.incidents import curated_reports

    return curated_reports(gz=gz)


def test_control_layer_is_what_build_writes(built, gz, curated):
    from geo.records.layers import control_features, reporting_period

    written = json.loads((built / "control.geojson").read_text(encoding="utf-8"))
    assert written == control_features(gz, curated, reporting_period(curated)[1])


@pytest.mark.parametrize("day", ["2017-06-05", "2017-06-07", "2017-06-11", "2017-08-30"])
def test_control_layer_draws_large_areas_first_and_no_city_wide_claim(gz, curated, day):
    from geo.records.layers import control_features

    feats = control_features(gz, curated, day)["features"]
    assert feats
    radii = [f["properties"]["uncertainty_m"] or 0 for f in feats]
    assert radii == sorted(radii, reverse=True)  # small places last: drawn on top, so they stay clickable
    kinds = {f["properties"]["kind"] for f in feats}
    assert not kinds & {"country", "governorate", "region", "city"}, kinds
    assert "raqqa" not in {f["id"] for f in feats}
    for f in feats:
        p = f["properties"]
        place = gz.get(f["id"])
        assert (p["lat"], p["lon"], p["kind"], p["day"]) == (place.lat, place.lon, place.kind, day)
        assert p["n_claims"] == len(p["claims"]) and all(c["date_end"] <= day for c in p["claims"])
        assert p["state"] in ("held", "contested", "taken") and p["code"] in ("is", "contested", "sdf", "other")


def test_control_layer_changes_with_the_day(gz, curated):
    from geo.records.layers import control_features

    def codes(day):
        return {f["id"]: f["properties"]["code"] for f in control_features(gz, curated, day)["features"]}

    assert codes("2017-06-05")["raqqa-mishlab"] == "is"
    assert codes("2017-06-07")["raqqa-mishlab"] == "sdf"


def test_reports_at_a_place_include_its_parts_and_unplaced_mentions(gz, curated):
    from geo.records.layers import place_scope, reports_at

    city = reports_at(gz, curated, "raqqa")
    mishlab = reports_at(gz, curated, "raqqa-mishlab")
    assert mishlab and {id(r) for r in mishlab} <= {id(r) for r in city}  # a district is inside the city
    scope = place_scope(gz, "raqqa")
    for r in city:
        assert r.get("place_id") in scope or (r.get("lat") is None and "raqqa" in r["places_mentioned"])
    unplaced = {**curated[0], "place_id": None, "lat": None, "lon": None, "places_mentioned": ["raqqa-mishlab"]}
    assert reports_at(gz, [unplaced], "raqqa-mishlab") == [unplaced]
    assert reports_at(gz, [unplaced], "raqqa-jazra") == []
