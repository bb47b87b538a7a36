"""The incident table's rows and the links that open the dashboard on a report or an event."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.records.incidents import curated_reports
from geo.records.table import (
    COLUMNS,
    candidate_count,
    event_link,
    focus_of,
    incident_rows,
    report_link,
)


@pytest.fixture(scope="module")
def curated(gz) -> list[dict]:
    return curated_reports(gz=gz)


def test_every_report_is_a_row_in_user_words(gz, curated):
    rows = incident_rows(curated, gz=gz)
    assert len(rows) == len(curated) and {r["id"] for r in rows} == {r["id"] for r in curated}
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    for row in rows:
        assert set(COLUMNS) <= set(row)
        assert "_" not in row["type"]  # a label, not the code ("Air strike", not "air_strike")
        assert not row["place"].startswith("raqqa-")  # a name, not an id
        assert row["link"] == report_link(row["id"])


def test_tolls_read_as_claimed(gz):
    base = {"id": "x", "quote": "q", "event_type": "air_strike", "status": "reported", "claimed_by": "SOHR"}
    cases = [
        ({"deaths_best": 12}, "12"),
        ({"deaths_low": 5, "deaths_high": 7}, "5–7"),
        ({"deaths_low": 25}, "at least 25"),
        ({"deaths_high": 30}, "up to 30"),
        ({}, ""),
    ]
    for counts, shown in cases:
        assert incident_rows([{**base, **counts}], gz=gz)[0]["deaths"] == shown


def test_a_place_not_in_the_gazetteer_says_so(gz):
    row = incident_rows([{"id": "x", "quote": "q", "place_id": None, "place_text": "Souq al-Hal"}], gz=gz)[0]
    assert row["place"] == "Souq al-Hal (not mapped)"


def test_a_report_link_focuses_its_day_and_place(curated):
    r = next(r for r in curated if r.get("place_id") and r["date_start"])
    f = focus_of({"report": r["id"]}, curated)
    assert f is not None
    assert (f.report_id, f.event_id, f.place_id) == (r["id"], r["event_id"], r["place_id"])
    assert f.day == dt.date.fromisoformat(r["date_start"])


def test_an_event_link_focuses_its_earliest_day(curated):
    eid = max({r["event_id"] for r in curated}, key=lambda e: sum(r["event_id"] == e for r in curated))
    reps = [r for r in curated if r["event_id"] == eid]
    f = focus_of({"event": eid}, curated)
    assert f is not None and f.event_id == eid and f.report_id in {r["id"] for r in reps}
    assert f.day == min(dt.date.fromisoformat(r["date_start"]) for r in reps)


@given(st.text(max_size=40))
def test_a_link_to_nothing_known_focuses_nothing(curated, junk):
    known = {r["id"] for r in curated} | {r["event_id"] for r in curated}
    if junk in known:
        return
    assert focus_of({"report": junk, "event": junk}, curated) is None


@given(st.text(min_size=1, max_size=30))
def test_links_quote_any_id(rid):
    from urllib.parse import parse_qs

    assert parse_qs(report_link(rid)[1:])["report"] == [rid]
    assert parse_qs(event_link(rid)[1:])["event"] == [rid]


def test_candidates_hidden_by_the_filters_are_counted():
    every = [{"id": "a", "reviewed": True}, {"id": "b", "reviewed": False}, {"id": "c", "reviewed": False}]
    c = candidate_count(every, every[:2])
    assert (c.total, c.hidden, c.shown) == (2, 1, 1)
    assert candidate_count(every, every).hidden == 0
