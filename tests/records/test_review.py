"""The review form's fields and checks, and the events a candidate could join (geo/records/review.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from geo.records import review as R
from geo.records.incidents import curated_reports


@pytest.fixture(scope="module")
def reports(gz):
    return curated_reports(gz=gz)


@pytest.fixture(scope="module")
def mishlab(reports):
    return next(r for r in reports if r["place_id"] == "raqqa-mishlab" and r["event_type"] == "territory_change")


def test_unchanged_form_changes_nothing(reports, gz):
    for r in reports:
        assert R.changes(r, R.form_values(r), gz=gz) == {}, r["id"]


def test_two_edited_fields_come_back_typed(mishlab, gz):
    values = {**R.form_values(mishlab), "status": "confirmed", "date_end": mishlab["date_end"], "deaths_best": "4"}
    assert R.changes(mishlab, values, gz=gz) == {"status": "confirmed", "deaths_best": 4}


def test_place_may_be_left_unresolved(mishlab, gz):
    assert R.changes(mishlab, {"place_id": None}, gz=gz) == {"place_id": None}


@pytest.mark.parametrize(
    ("values", "field", "expected"),
    [
        ({"place_id": "raqqa-nowhere"}, "place_id", "gazetteer place"),
        ({"deaths_low": 9, "deaths_high": 3}, "deaths_high", "at least deaths_low"),
        ({"deaths_low": -1}, "deaths_low", "whole number"),
        ({"date_end": dt.date(2017, 1, 1)}, "date_end", "on or after date_start"),
        ({"date_start": "9 June"}, "date_start", "YYYY-MM-DD"),
        ({"status": "rumoured"}, "status", "one of reported"),
        ({"claimed_by": "  "}, "claimed_by", "may not be empty"),
        ({"control_extent": None}, "control_extent", "territory change"),
        ({"colour": "red"}, "colour", "a field of the review form"),
    ],
)
def test_bad_values_name_record_field_expected_found(mishlab, gz, values, field, expected):
    with pytest.raises(R.BadValue) as e:
        R.changes(mishlab, values, gz=gz)
    assert e.value.field == field and e.value.record == mishlab["id"]
    assert expected in e.value.expected
    assert str(e.value).startswith(f"record {mishlab['id']!r}: {field}: expected ")


@given(st.one_of(st.integers(), st.text(max_size=5), st.none(), st.booleans(), st.floats(allow_nan=False)))
@example("²")  # a digit int() refuses: hypothesis found it
@example("\u0663")  # an Arabic-Indic three is a decimal digit: 3
def test_a_count_is_a_whole_number_or_nothing(mishlab, gz, value):
    try:
        out = R.changes(mishlab, {"deaths_low": value, "deaths_best": None, "deaths_high": None}, gz=gz)
    except R.BadValue as e:
        assert e.field == "deaths_low" and e.found == value
    else:
        v = out.get("deaths_low", mishlab["deaths_low"])
        assert v is None or (type(v) is int and v >= 0)


def test_possible_events_same_place_near_date(mishlab, reports, gz):
    candidate = {**mishlab, "id": "x-new-01", "event_id": "x-new-01"}
    events = R.possible_events(candidate, reports, gz=gz, days=3)
    assert events and events[0]["event_id"] == mishlab["event_id"]
    assert all(e["days_apart"] <= 3 for e in events)
    far = {**candidate, "date_start": "2017-09-01", "date_end": "2017-09-01"}
    assert mishlab["event_id"] not in {e["event_id"] for e in R.possible_events(far, reports, gz=gz, days=3)}


def test_unresolved_candidate_matches_by_the_name_as_written(reports, gz):
    base = next(r for r in reports if r["place_id"] == "raqqa-mishlab")
    known = {**base, "id": "k", "event_id": "ev-k", "place_id": None, "place_text": "Tal Abyad Road"}
    new = {**known, "id": "n", "event_id": "n"}
    assert [e["event_id"] for e in R.possible_events(new, [known], gz=gz)] == ["ev-k"]
    assert R.unresolved_names([known, new, base]) == {"Tal Abyad Road": [known, new]}


def test_place_label_carries_every_spelling(gz):
    p = gz.get("raqqa-mishlab")
    label = R.place_label(p, gz)
    assert all(n in label for n in p.names)
    assert "in Raqqa" in label


def test_events_carry_their_grades(reports):
    from geo.records.events import group_events

    events = group_events(reports)
    eid = events[0]["event_id"]
    out = R.with_grades(events, {eid: ("contested", "two claimants")})
    assert (out[0]["grade"], out[0]["grade_why"]) == ("contested", "two claimants")
    assert all(e["grade"] is None and e["grade_why"] is None for e in out[1:])
    assert R.GRADES == ("confirmed", "fair", "weak", "contested", "discounted")


def test_reports_of_a_graded_event_carry_the_grade_for_export(reports):
    eid = reports[0]["event_id"]
    out = R.graded_reports(reports, {eid: ("fair", "two sources")})
    assert all((r["grade"], r["grade_why"]) == ("fair", "two sources") for r in out if r["event_id"] == eid)
    assert all("grade" not in r for r in out if r["event_id"] != eid)
    assert all("grade" not in r for r in reports)  # the cached reports are not changed


def test_a_new_place_feature_is_one_the_store_accepts(gz, tmp_path):
    from geo.store import open_store

    f = R.new_place_feature(name="Tal Abyad Road", kind="street", lat=35.962, lon=39.012, uncertainty_m=300,
                            geometry_quality="estimate", source_ref="t01's description", parent="raqqa",
                            aliases=["Tal Abyad Road", "Tell Abyad road"], gz=gz)
    assert f["id"] == "raqqa-tal-abyad-road" and f["properties"]["aliases"] == ["Tell Abyad road"]
    assert f["geometry"]["coordinates"] == [39.012, 35.962]
    with open_store(str(tmp_path / "a.gpkg"), gz=gz) as s:
        assert s.add_place(f, by="ann") == "raqqa-tal-abyad-road"
        assert "Tell Abyad road" in s.gz.get("raqqa-tal-abyad-road").names
