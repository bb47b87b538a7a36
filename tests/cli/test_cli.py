"""The command line, in the exact forms users script with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gazetteer", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_lookup_prints_place_json():
    r = run("lookup", "Al-Meshleb")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["id"] == "raqqa-mishlab"
    assert {"id", "name", "kind", "lat", "lon", "uncertainty_m", "sources"} <= set(out)
    assert out["sources"] and all(s["ref"] for s in out["sources"])


@pytest.mark.parametrize(("name", "message"), [("Atlantis", "unknown place: 'Atlantis'"), ("Romania", "ambiguous")])
def test_lookup_unknown_or_ambiguous_exits_1(name, message):
    r = run("lookup", name)
    assert r.returncode == 1
    assert message in r.stderr and r.stdout == ""


def test_mentions_over_the_seeds():
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    r = run("mentions", *files)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {m["file"] for m in out} == set(files)
    keys = {"file", "text", "start", "end", "place_id", "name", "lat", "lon", "uncertainty_m"}
    texts = {f: (ROOT / f).read_text(encoding="utf-8", errors="replace") for f in files}
    for m in out:
        assert keys <= set(m)
        assert texts[m["file"]][m["start"] : m["end"]] == m["text"]
        if m["place_id"] is None:
            assert m["lat"] is None and m["lon"] is None and m["name"] is None
    assert any(m["place_id"] == "raqqa-mishlab" and m["text"] == "Al-Meshleb" for m in out)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n", "empty"), (b"Raqqa\x00\x01", "binary"), (b"Raqqa \xff\xfe city", "not UTF-8")],
)
def test_mentions_bad_file_names_the_file(tmp_path, content, message):
    f = tmp_path / "bad article.txt"
    f.write_bytes(content)
    r = run("mentions", str(f))
    assert r.returncode == 2
    assert str(f) in r.stderr and message in r.stderr


def test_mentions_missing_file(tmp_path):
    r = run("mentions", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "nope.txt" in r.stderr


def test_check_passes_and_prints_distances():
    r = run("check")
    assert r.returncode == 0, r.stdout + r.stderr
    for words in ("tabqa", "heraqla", "raqqa-division-17", "raqqa-jazra", "al-tanf-zone", " km"):
        assert words in r.stdout


def test_check_json_has_numbers():
    r = run("check", "--json")
    rep = json.loads(r.stdout)
    claims = {(c["subject"], c["target"]): c for c in rep["distance_claims"]}
    assert claims[("al-tanf-zone", "al-tanf")]["computed_km"] == pytest.approx(55, abs=0.5)
    tabqa = claims[("tabqa", "raqqa")]["computed_km"]
    assert 38 < tabqa < 50  # the town is ~43-44 km from the centre (reference/places.md)
    assert all(c["consistent"] is not None for c in rep["distance_claims"])


def test_check_fails_on_broken_data(tmp_path):
    data = json.loads((ROOT / "tests/data/places_small.geojson").read_text(encoding="utf-8"))
    data["features"][0]["properties"]["kind"] = "planet"
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(data), encoding="utf-8")
    r = run("--data", str(bad), "check")
    assert r.returncode == 1
    assert "'planet'" in r.stdout and "kind" in r.stdout


def test_export_writes_rfc7946(tmp_path):
    out = tmp_path / "places.geojson"
    r = run("export", "--out", str(out))
    assert r.returncode == 0, r.stderr
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write leaves no temporary file
    from geojson_validator import validate_geometries, validate_structure

    assert validate_structure(fc) == {}
    assert validate_geometries(fc)["invalid"] == {}
    import geopandas

    gdf = geopandas.read_file(out)
    assert len(gdf) == len(fc["features"]) and gdf.geometry.is_valid.all()
    zone = next(f for f in fc["features"] if f["id"] == "al-tanf-zone")
    assert zone["geometry"]["type"] == "Polygon"
