"""Places and aliases reviewers add: checked by the rules of ``gazetteer check``, kept, exported as places.geojson."""

from __future__ import annotations

import copy

import pytest

from geo.store import BadChange

# a street in Raqqa as a reviewer would add it: a point inside the city, with its source
NEW_PLACE = {
    "type": "Feature",
    "id": "raqqa-test-street",
    "geometry": {"type": "Point", "coordinates": [39.0105, 35.9525]},
    "properties": {
        "name": "Test Street",
        "aliases": ["Shari al-Test"],
        "kind": "street",
        "parent": "raqqa",
        "lat": 35.9525,
        "lon": 39.0105,
        "uncertainty_m": 150,
        "geometry_quality": "estimate",
        "sources": [{"ref": "reviewer's reading of the article", "url": None, "supports": "point", "note": "test"}],
        "notes": "added in a test",
        "ambiguous": False,
        "radius_m": None,
    },
}


def test_a_checked_place_is_kept_usable_and_exported(store):
    assert store.add_place(NEW_PLACE, by="ann", why="named in t01") == "raqqa-test-street"
    assert "raqqa-test-street" in store.gz
    store.accept("r-000-01", changes={"place_id": "raqqa-test-street"}, by="ann")
    assert store.get("r-000-01")[0].lat == 35.9525
    store.add_alias("raqqa-old-city", "Rafiqa old town", by="bob")
    out = store.gazetteer_additions()
    assert [f["id"] for f in out["features"]] == ["raqqa-test-street", "raqqa-old-city"]
    assert out["features"][0] == NEW_PLACE
    assert out["features"][1]["properties"]["aliases"][-1] == "Rafiqa old town"
    # proposed back: the shipped file with the exported features put in passes the gazetteer's check
    from gazetteer.validate import parse_places
    from geo.store.places import shipped_places

    shipped = shipped_places()
    by_id = {f["id"]: f for f in shipped["features"]} | {f["id"]: f for f in out["features"]}
    merged = {**shipped, "features": list(by_id.values())}
    assert len(parse_places(merged)) == len(shipped["features"]) + 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda f: f["properties"].update(kind="planet"), "kind"),
        (lambda f: f["properties"].update(lat=95.0), "lat"),
        (lambda f: f["properties"].update(sources=[]), "sources"),
        (lambda f: f["properties"].update(parent="atlantis"), "parent"),
        (lambda f: f.update(id="raqqa"), "id"),
    ],
)
def test_a_place_that_fails_the_gazetteer_check_is_refused_with_its_field(store, change, field):
    bad = copy.deepcopy(NEW_PLACE)
    change(bad)
    with pytest.raises(BadChange) as err:
        store.add_place(bad, by="ann")
    assert any(f": {field}: expected " in p for p in err.value.problems), err.value.problems
    assert store.gazetteer_additions()["features"] == []


def test_an_alias_of_an_unknown_place_or_taken_by_another_is_refused(store):
    with pytest.raises(BadChange, match="id: expected the id of a place in the gazetteer"):
        store.add_alias("atlantis", "Atlantis", by="ann")
    with pytest.raises(BadChange, match="alias"):
        store.add_alias("raqqa-old-city", "Raqqa", by="ann")  # the city's own name
    assert store.gazetteer_additions()["features"] == []


def test_unresolved_names_are_listed_with_their_sentences(store, article_of):
    import dataclasses

    art = article_of("t01_old_city_wall")
    # two candidates whose place the gazetteer could not resolve, as the extractor leaves them
    first, second, *rest = art.candidates
    unplaced = [
        dataclasses.replace(r, place_id=None, place_text=r.quote.split()[1], lat=None, lon=None, place_name=None)
        for r in (first, second)
    ]
    (res,) = store.add_articles([dataclasses.replace(art, candidates=(*unplaced, *rest))], by="ann")
    cands = [store.get(c)[0] for c in res.candidate_ids]
    want = sorted({r.place_text for r in cands if r.place_id is None and r.place_text is not None})
    assert set(want) >= {r.place_text for r in unplaced}
    got = store.unresolved()
    assert sorted(n["place_text"] for n in got) == want
    for n in got:
        for r in n["reports"]:
            rec = store.get(r["report_id"])[0]
            assert (rec.place_text, rec.place_id, rec.quote) == (n["place_text"], None, r["quote"])
    curated = [r for r in store.reports() if r.place_id is None and r.place_text is not None]
    assert sum(len(n["reports"]) for n in store.unresolved(status=("accepted",))) == len(curated)


def test_the_version_grows_with_every_write_and_only_then(store):
    """What the dashboard keys its caches on: a review and a place added by anyone make them stale."""
    seen = [store.version()]
    store.reports(), store.candidates(), store.gazetteer_additions()  # reads
    assert store.version() == seen[-1]
    for write in (
        lambda: store.accept("r-000-01", changes={"deaths_best": 3}, by="ann"),
        lambda: store.add_place(NEW_PLACE, by="ann"),
        lambda: store.add_alias("raqqa-old-city", "Rafiqa old town", by="bob"),
        lambda: store.undo(store.history("r-000-01")[-1].id, by="bob"),
        lambda: store.grade_event(store.get("r-000-01")[0].event_id, "fair", why="two sources", by="ann"),
    ):
        write()
        seen.append(store.version())
    assert seen == sorted(set(seen)), seen
