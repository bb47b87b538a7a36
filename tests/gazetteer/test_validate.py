"""The data check: every problem reported at once, naming place, field, expected and found."""

from __future__ import annotations

import copy
import json

import pytest

from gazetteer import DataError
from gazetteer.validate import check_parents, parse_places


def _feature(data: dict, pid: str) -> dict:
    return next(f for f in data["features"] if f["id"] == pid)


def test_fixture_is_valid(small_data):
    places = parse_places(small_data)
    assert {p.id for p in places} >= {"raqqa", "raqqa-mishlab", "romania"}
    assert check_parents(places) == []


def _set(path: str, value):
    def mutate(data):
        pid, _, field = path.partition(".")
        f = _feature(data, pid)
        if field == "geometry":
            f["geometry"] = value
        elif field == "id":
            f["id"] = value
        elif value is KeyError:
            del f["properties"][field]
        else:
            f["properties"][field] = value
        return data

    return mutate


INVALID = [
    # (mutation, place id named in the error, field named, text in the message)
    (_set("raqqa-mishlab.kind", "neighbourhood"), "raqqa-mishlab", "kind", "'neighbourhood'"),
    (_set("raqqa-mishlab.lat", 95.0), "raqqa-mishlab", "lat", "95.0"),
    (_set("raqqa-mishlab.lon", "39.04"), "raqqa-mishlab", "lon", "'39.04'"),
    (_set("raqqa-mishlab.uncertainty_m", -5), "raqqa-mishlab", "uncertainty_m", "-5"),
    (_set("raqqa-mishlab.uncertainty_m", KeyError), "raqqa-mishlab", "uncertainty_m", "missing"),
    (_set("raqqa-mishlab.sources", []), "raqqa-mishlab", "sources", "[]"),
    (
        _set("raqqa-mishlab.sources", [{"ref": "x", "supports": "vibes"}]),
        "raqqa-mishlab",
        "sources[0].supports",
        "'vibes'",
    ),
    (_set("raqqa-mishlab.parent", "atlantis"), "raqqa-mishlab", "parent", "'atlantis'"),
    (_set("raqqa-mishlab.parent", None), "raqqa-mishlab", "parent", "null"),
    (_set("raqqa-mishlab.geometry_quality", "exact"), "raqqa-mishlab", "geometry_quality", "'exact'"),
    (_set("raqqa-mishlab.aliases", "Meshleb"), "raqqa-mishlab", "aliases", "'Meshleb'"),
    (_set("raqqa-mishlab.radius_m", 0), "raqqa-mishlab", "radius_m", "0"),
    (_set("raqqa-mishlab.id", "Raqqa Mishlab"), "Raqqa Mishlab", "id", "'Raqqa Mishlab'"),
    (_set("raqqa-mishlab.id", "raqqa"), "raqqa", "id", "duplicate"),
    # coordinates swapped in the geometry: the point falls far from the stated lat/lon
    (_set("mosul.geometry", {"type": "Point", "coordinates": [36.335, 43.11889]}), "mosul", "lat/lon", "swapped"),
    (
        _set("raqqa-mishlab.geometry", {"type": "Point", "coordinates": [200, 35.9]}),
        "raqqa-mishlab",
        "geometry.coordinates",
        "200",
    ),
    (
        _set("raqqa-mishlab.geometry", {"type": "Circle", "coordinates": [39, 35.9]}),
        "raqqa-mishlab",
        "geometry",
        "'Circle'",
    ),
    # a self-intersecting ("bow-tie") polygon
    (
        _set(
            "raqqa-mishlab.geometry",
            {
                "type": "Polygon",
                "coordinates": [[[39.03, 35.94], [39.05, 35.95], [39.05, 35.94], [39.03, 35.95], [39.03, 35.94]]],
            },
        ),
        "raqqa-mishlab",
        "geometry",
        "Self-intersection",
    ),
    # a representative point outside its own polygon
    (_set("raqqa-mishlab.lat", 35.90), "raqqa-mishlab", "lat/lon", "m away"),
    # an alias shared with another place without declaring it
    (_set("raqqa-mishlab.aliases", ["Raqa"]), "raqqa-mishlab", "aliases", "'raqa'"),
    (_set("raqqa-mishlab.geometry_quality", "unsourced"), "raqqa-mishlab", "notes", "empty notes"),
]


@pytest.mark.parametrize(("mutate", "pid", "field", "found"), INVALID)
def test_invalid_record_is_named(small_data, mutate, pid, field, found):
    with pytest.raises(DataError) as e:
        parse_places(mutate(small_data), source="fixture.geojson")
    match = [p for p in e.value.problems if p.place_id == pid and p.field == field]
    assert match, f"no problem for {pid}.{field} in {e.value.problems}"
    assert found in match[0].found or found in str(match[0])
    assert "fixture.geojson" in str(e.value)


def test_every_problem_is_reported_at_once(small_data):
    data = copy.deepcopy(small_data)
    _feature(data, "raqqa-mishlab")["properties"]["kind"] = "hood"
    _feature(data, "mosul")["properties"]["lat"] = "north"
    _feature(data, "al-tanf")["properties"]["sources"] = []
    with pytest.raises(DataError) as e:
        parse_places(data)
    named = {(p.place_id, p.field) for p in e.value.problems}
    assert {("raqqa-mishlab", "kind"), ("mosul", "lat"), ("al-tanf", "sources")} <= named
    text = str(e.value)
    assert "3 problem(s)" in text or len(e.value.problems) >= 3
    assert "expected" in text and "found" in text


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ({"type": "Feature"}, "'Feature'"),
        ([], "'list'"),
        ({"type": "FeatureCollection", "features": []}, "[]"),
    ],
)
def test_not_a_feature_collection(data, found):
    with pytest.raises(DataError) as e:
        parse_places(data)
    assert found in str(e.value)


def test_declared_ambiguity_is_allowed(small_data):
    # both Romanias declare ambiguous: true in the fixture; undeclaring one is an error
    parse_places(small_data)
    _feature(small_data, "romania")["properties"]["ambiguous"] = False
    with pytest.raises(DataError) as e:
        parse_places(small_data)
    assert any(p.place_id == "romania" and p.field == "aliases" for p in e.value.problems)


def test_place_far_from_parent_is_reported(small_data):
    f = _feature(small_data, "raqqa-mishlab")
    f["geometry"] = {"type": "Point", "coordinates": [38.0, 35.0]}
    f["properties"].update(lat=35.0, lon=38.0)
    problems = check_parents(parse_places(small_data))
    assert [(p.place_id, p.field) for p in problems] == [("raqqa-mishlab", "parent")]
    assert "outside" in problems[0].found


def test_broken_file_names_the_file(tmp_path):
    import gazetteer

    bad = tmp_path / "places.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataError) as e:
        gazetteer.load(bad)
    assert str(bad) in str(e.value) and "JSON" in str(e.value)
    bad.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(DataError, match="UTF-8"):
        gazetteer.load(bad)
    with pytest.raises(DataError, match="readable"):
        gazetteer.load(tmp_path / "missing.geojson")


def test_shipped_data_passes(gz):
    from gazetteer import DEFAULT_PATH

    places = parse_places(json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))
    assert check_parents(places) == []
    assert len(places) == len(gz)


def test_check_lists_a_place_swapped_everywhere_with_the_other_faults_in_one_pass(tmp_path, capsys):
    """lat and lon swapped in the geometry and the properties alike agree with each other:
    only the parent shows it, and ``check`` must list it beside every other fault at once."""
    import gazetteer
    from gazetteer.__main__ import main

    data = json.loads(gazetteer.DEFAULT_PATH.read_text(encoding="utf-8"))
    mishlab = _feature(data, "raqqa-mishlab")
    lat, lon = mishlab["properties"]["lat"], mishlab["properties"]["lon"]
    mishlab["properties"].update(lat=lon, lon=lat)
    mishlab["geometry"] = {"type": "Point", "coordinates": [lat, lon]}
    _feature(data, "raqqa-jazra")["properties"]["kind"] = "hamlet"  # an ordinary fault beside it
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--data", str(path), "check", "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert {(e["place_id"], e["field"]) for e in errors} == {("raqqa-jazra", "kind"), ("raqqa-mishlab", "parent")}
    swapped = next(e for e in errors if e["place_id"] == "raqqa-mishlab")
    assert swapped["found"].startswith("lat and lon swapped")
