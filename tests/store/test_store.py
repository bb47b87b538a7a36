"""The review store on both back ends (the embedded GeoPackage file and PostGIS): seeds, articles, review."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.records.incidents import curated_reports
from geo.store import BadChange, ConflictError, open_store
from geo.store.records import normalise_text, text_sha256


def test_first_use_imports_the_seeds_curated_records(store):
    assert [r.to_dict() for r in store.reports()] == curated_reports()
    assert store.counts() == {"candidate": 0, "accepted": len(curated_reports()), "rejected": 0}
    from geo.records.articles import load_catalog

    assert {a.id for a in load_catalog()} <= store.article_ids()
    (imported,) = store.history("r-000-01")
    assert (imported.action, imported.by, imported.after) == ("import", "seed import", {"review_status": "accepted"})


def test_reopening_keeps_everything_and_imports_the_seeds_once(store_url, gz):
    s = open_store(store_url, gz=gz)
    s.reject("r-000-01", why="test", by="ann")
    s.close()
    s = open_store(store_url, gz=gz)
    try:
        assert s.counts()["accepted"] + s.counts()["rejected"] == len(curated_reports())
        assert s.get("r-000-01")[2] == "rejected"
    finally:
        s.close()


def test_open_without_create_refuses_a_missing_file(tmp_path):
    from geo.store import StoreError

    with pytest.raises(StoreError, match="store init"):
        open_store(tmp_path / "none.gpkg", create=False)
    assert not (tmp_path / "none.gpkg").exists()


def test_added_articles_get_deterministic_ids_and_are_never_doubled(store, article_of):
    a = article_of("t01_old_city_wall", url="https://example.org/a", outlet="Outlet A", title="Old city")
    (res,) = store.add_articles([a], by="ann")
    want = "a-" + hashlib.sha256(normalise_text(a.text).encode()).hexdigest()[:16]
    assert res.article_id == want and res.created and res.duplicate_of is None
    assert res.candidate_ids == tuple(f"{want}-c{n:03d}" for n in range(1, len(a.candidates) + 1))
    assert [r.id for r in store.candidates()] == list(res.candidate_ids)
    # the same text with other spacing, the same URL with another text, and twice in one batch
    respaced = dataclasses.replace(a, text="  " + a.text.replace(" ", "  ") + "\n", url=None, candidates=())
    other_text_same_url = article_of("t02_sinaa_rumaila", url="https://example.org/a")
    t03 = article_of("t03_hospital_stadium")
    got = store.add_articles([respaced, other_text_same_url, t03, t03], by="bob")
    assert [(g.created, g.duplicate_of) for g in got[:2]] == [(False, want), (False, want)]
    assert got[2].created and got[3] == dataclasses.replace(got[2], created=False, duplicate_of=got[2].article_id,
                                                           candidate_ids=())  # fmt: skip
    assert store.find_article(url="https://example.org/a") == want
    assert store.find_article(text=respaced.text) == want
    assert store.find_article(url="https://example.org/nothing") is None
    stored = store.article(want)
    assert (stored.url, stored.outlet, stored.title, stored.added_by) == ("https://example.org/a", "Outlet A",
                                                                          "Old city", "ann")  # fmt: skip


def test_a_batch_is_all_or_nothing(store, article_of):
    good = article_of("t01_old_city_wall")
    broken = article_of("t02_sinaa_rumaila")
    bad_cand = dataclasses.replace(broken.candidates[0], date_start="June 2017")  # not a date: cannot be stored
    broken = dataclasses.replace(broken, candidates=(bad_cand,))
    before = store.article_ids()
    with pytest.raises(ValueError):
        store.add_articles([good, broken], by="ann")
    assert store.article_ids() == before
    assert store.candidates() == []


def test_accepting_with_changes_makes_a_reviewed_record_with_its_history(store, article_of):
    (res,) = store.add_articles([article_of("t01_old_city_wall", url="https://example.org/t01")], by="ann")
    cid = res.candidate_ids[1]
    cand, version, status = store.get(cid)
    assert (version, status, cand.reviewed) == (1, "candidate", False)
    assert cand not in store.reports()
    v = store.accept(cid, changes={"deaths_low": 4, "deaths_best": 4, "deaths_high": 4}, by="bob", why="the toll")
    assert v == 2
    rec, version, status = store.get(cid)
    assert (version, status, rec.reviewed, rec.deaths_best) == (2, "accepted", True, 4)
    assert rec.url == "https://example.org/t01" and rec.to_dict()["url"] == "https://example.org/t01"
    assert rec in store.reports()
    last = store.history(cid)[-1]
    assert (last.action, last.by, last.why) == ("accept", "bob", "the toll")
    assert last.before == {"deaths_low": None, "deaths_best": None, "deaths_high": None,
                           "review_status": "candidate", "reviewed": False}  # fmt: skip
    assert last.after == {"deaths_low": 4, "deaths_best": 4, "deaths_high": 4,
                          "review_status": "accepted", "reviewed": True}  # fmt: skip


def test_a_new_place_brings_the_gazetteers_position(store, gz):
    store.accept("r-000-01", changes={"place_id": "raqqa-old-city", "place_text": "the city"}, by="ann")
    rec = store.get("r-000-01")[0]
    place = gz.get("raqqa-old-city")
    assert (rec.place_id, rec.place_name, rec.lat, rec.lon) == ("raqqa-old-city", place.name, place.lat, place.lon)
    store.accept("r-000-01", changes={"place_id": None}, by="ann")
    rec = store.get("r-000-01")[0]
    assert (rec.place_id, rec.lat, rec.lon, rec.place_name) == (None, None, None, "the city")


def test_rejected_reports_stay_with_their_reason(store):
    store.reject("r-000-01", why="duplicate of r-000-02", by="ann")
    rec, version, status = store.get("r-000-01")
    assert (version, status) == (2, "rejected")
    assert "r-000-01" not in {r.id for r in store.reports()}
    assert [r.id for r in store.reports(status=("rejected",))] == ["r-000-01"]
    assert store.review_rows(status=("rejected",))[0]["review_why"] == "duplicate of r-000-02"
    with pytest.raises(BadChange, match="why: expected the reason"):
        store.reject("r-000-02", why=" ", by="ann")


def test_two_reviewers_on_one_record_the_second_gets_a_conflict_and_nothing_is_lost(store):
    _, seen_by_ann, _ = store.get("r-000-01")
    _, seen_by_bob, _ = store.get("r-000-01")
    store.accept("r-000-01", changes={"actor": "US-led coalition aircraft"}, by="ann", expected_version=seen_by_ann)
    history = store.history("r-000-01")
    with pytest.raises(ConflictError) as err:
        store.accept("r-000-01", changes={"actor": "the coalition"}, by="bob", expected_version=seen_by_bob)
    e = err.value
    assert (e.expected_version, e.stored_version) == (1, 2)
    assert e.stored["actor"] == "US-led coalition aircraft" and e.changes == {"actor": "the coalition"}
    assert "found 2" in str(e) and "nothing was written" in str(e)
    assert store.get("r-000-01")[0].actor == "US-led coalition aircraft"
    assert store.history("r-000-01") == history
    with pytest.raises(ConflictError):
        store.reject("r-000-01", why="x", by="bob", expected_version=1)


BAD = [
    # (report id, changes, field named, what the message says was found)
    ("r-nope", {}, "id", "'r-nope'"),
    ("r-000-01", {"colour": "red"}, "colour", "'colour'"),
    ("r-000-01", {"deaths_best": "five"}, "deaths_best", "'five'"),
    ("r-000-01", {"civilian_harm": "yes"}, "civilian_harm", "'yes'"),
    ("r-000-01", {"date_start": "2017-06-31"}, "date_start", "'2017-06-31'"),
    ("r-000-01", {"place_id": "atlantis"}, "place_id", "'atlantis'"),
    ("r-000-01", {"event_type": "bombing"}, "event_type", "'bombing'"),
    ("r-000-01", {"span_start": 0}, "quote", "'"),
    ("r-000-01", {"id": "r-other"}, "id", "'id'"),
]


@pytest.mark.parametrize(("rid", "changes", "field", "found"), BAD)
def test_bad_input_names_record_field_expected_found_and_changes_nothing(store, rid, changes, field, found):
    before = [r.to_dict() for r in store.reports()]
    history = store.history("r-000-01")
    with pytest.raises(BadChange) as err:
        store.accept(rid, changes=changes, by="ann")
    msg = str(err.value)
    assert msg.startswith(f"record {rid!r}: {field}: expected ") and f"found {found}" in msg, msg
    assert [r.to_dict() for r in store.reports()] == before
    assert store.history("r-000-01") == history


def test_merge_joins_an_existing_event(store, article_of):
    (res,) = store.add_articles([article_of("t01_old_city_wall")], by="ann")
    cid = res.candidate_ids[0]
    store.merge(cid, "ev-wp-raqqa-2017-06-08", by="bob")
    rec, _, status = store.get(cid)
    assert (rec.event_id, status, rec.reviewed) == ("ev-wp-raqqa-2017-06-08", "accepted", True)
    assert store.history(cid)[-1].action == "merge"
    with pytest.raises(BadChange, match="event_id: expected the id of an event in the store"):
        store.merge(res.candidate_ids[1], "ev-nothing", by="bob")


def test_undo_writes_a_new_change_that_puts_the_fields_back(store, article_of):
    (res,) = store.add_articles([article_of("t01_old_city_wall")], by="ann")
    cid = res.candidate_ids[0]
    original = store.get(cid)[0]
    store.accept(cid, changes={"actor": "SDF fighters"}, by="bob")
    accepted = store.history(cid)[-1]
    store.undo(accepted.id, by="carol", why="accepted by mistake")
    rec, version, status = store.get(cid)
    assert (rec, version, status) == (original, 3, "candidate")
    undo = store.history(cid)[-1]
    assert (undo.action, undo.by, undo.undone_of, undo.before, undo.after) == (
        "undo", "carol", accepted.id, accepted.after, accepted.before
    )  # fmt: skip
    assert len(store.history(cid)) == 3  # add, accept, undo: nothing removed
    with pytest.raises(BadChange, match="a later change must be undone first"):
        store.undo(accepted.id, by="carol")


def test_events_are_graded_with_a_reason_and_the_grade_can_be_undone(store):
    cid = store.grade_event("ev-wp-raqqa-2017-06-08", "contested", why="coalition denies", by="ann")
    assert store.event_grades() == {"ev-wp-raqqa-2017-06-08": ("contested", "coalition denies")}
    store.grade_event("ev-wp-raqqa-2017-06-08", "fair", why="second source", by="bob")
    with pytest.raises(BadChange, match="a later change must be undone first"):
        store.undo(cid, by="carol")
    store.undo(store.event_history("ev-wp-raqqa-2017-06-08")[-1].id, by="carol")
    assert store.event_grades()["ev-wp-raqqa-2017-06-08"] == ("contested", "coalition denies")
    with pytest.raises(BadChange, match="grade: expected one of confirmed, fair, weak, contested, discounted"):
        store.grade_event("ev-wp-raqqa-2017-06-08", "likely", why="x", by="ann")
    with pytest.raises(BadChange, match="id: expected the id of an event"):
        store.grade_event("ev-nothing", "weak", why="x", by="ann")


def test_the_migrations_make_exactly_the_schema_the_code_uses(store):
    from sqlalchemy import text

    from geo.store.schema import metadata

    with store.engine.connect() as conn:
        if store.backend == "postgis":
            from alembic.autogenerate import compare_metadata
            from alembic.runtime.migration import MigrationContext

            ctx = MigrationContext.configure(
                conn, opts={"include_name": lambda name, type_, parent: type_ != "table" or name in metadata.tables}
            )
            assert compare_metadata(ctx, metadata) == []
            return
        # SQLite: GeoAlchemy2's reflection looks for SpatiaLite's tables, which a GeoPackage has not;
        # compare what SQLite says of each table instead
        for name, table in metadata.tables.items():
            got = [(r[1], r[2], bool(r[3])) for r in conn.execute(text(f"PRAGMA table_info({name})"))]
            want = [(c.name, c.type.compile(conn.dialect), not c.nullable) for c in table.columns]
            assert got == want, name
            got_ix = {r[1] for r in conn.execute(text(f"PRAGMA index_list({name})")) if r[1].startswith("ix_")}
            assert got_ix == {ix.name for ix in table.indexes if ix.name != "ix_reports_geom"}, name


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
       st.sampled_from([" ", "  ", "\n", "\t", " \n "]))  # fmt: skip
def test_the_text_hash_ignores_spacing(text, space):
    words = text.split()
    assert text_sha256(" ".join(words)) == text_sha256(space + space.join(words) + space)


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(notes=st.text(max_size=200), actor=st.text(min_size=1, max_size=40))
def test_any_text_a_reviewer_types_is_kept_exactly_or_refused_by_name(store, notes, actor):
    _, version, _ = store.get("r-000-02")
    if "\x00" in notes + actor:
        with pytest.raises(BadChange, match="without NUL characters"):
            store.accept("r-000-02", changes={"notes": notes, "actor": actor}, by="ann")
        assert store.get("r-000-02")[1] == version
        return
    store.accept("r-000-02", changes={"notes": notes, "actor": actor}, by="ann", expected_version=version)
    rec, v, _ = store.get("r-000-02")
    assert (rec.notes, rec.actor, v) == (notes, actor, version + 1)
    assert store.history("r-000-02")[-1].after.get("notes", rec.notes) == notes


@given(n=st.integers(min_value=0, max_value=10**9), text=st.text(max_size=30))
def test_set_values_are_read_as_their_fields_kind(n, text):
    from geo.store.edits import parse_value

    assert parse_value("deaths_best", str(n)) == n
    assert parse_value("deaths_best", "null") is None
    assert parse_value("civilian_harm", "true") is True
    assert parse_value("notes", text) == (None if text.strip() in ("", "null") else text)
