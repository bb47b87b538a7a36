"""The embedded store is a GeoPackage that GDAL (what QGIS reads with) opens as it is, with no SpatiaLite."""

from __future__ import annotations

import sqlite3

import pyogrio
import pytest

from geo.store import open_store
from geo.store.geometry import gpkg_blob, gpkg_point


def test_gdal_reads_the_reports_layer_of_the_file(tmp_path, gz, article_of):
    path = tmp_path / "atlas.gpkg"
    s = open_store(path, gz=gz)
    (res,) = s.add_articles([article_of("t01_old_city_wall")], by="ann")
    s.accept(res.candidate_ids[0], by="bob")
    every = {r.id: r for r in s.reports(status=("accepted", "candidate"))}
    s.close()
    assert pyogrio.list_layers(path).tolist()[0] == ["reports", "Point"]
    info = pyogrio.read_info(path, layer="reports")
    assert info["driver"] == "GPKG" and info["crs"] == "EPSG:4326" and info["fid_column"] == "fid"
    df = pyogrio.read_dataframe(path, layer="reports")
    assert len(df) == len(every)
    for rid, geom, status in zip(df["id"], df.geometry, df["review_status"], strict=True):
        r = every[rid]
        assert status == ("candidate" if rid.startswith("a-") and rid != res.candidate_ids[0] else "accepted")
        if r.has_point:
            assert (geom.x, geom.y) == (r.lon, r.lat)
        else:
            assert geom is None
    arts = pyogrio.read_dataframe(path, layer="articles")
    assert res.article_id in set(arts["id"])


def test_the_file_says_it_is_a_geopackage(tmp_path, gz):
    path = tmp_path / "atlas.gpkg"
    open_store(path, gz=gz).close()
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert c.execute("PRAGMA user_version").fetchone()[0] == 10200
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cols = c.execute("SELECT table_name, column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns")
        assert cols.fetchall() == [("reports", "geom", "POINT", 4326)]


@pytest.mark.parametrize(("lon", "lat"), [(39.00788, 35.95283), (-180.0, -90.0), (0.0, 0.0)])
def test_geopackage_point_blobs_round_trip(lon, lat):
    blob = gpkg_blob(lon, lat)
    assert blob[:2] == b"GP" and gpkg_point(blob) == (lon, lat)
