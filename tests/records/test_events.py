"""Events from typed reports: every report in one event, competing claims kept, dicts unchanged."""

from __future__ import annotations

import pytest

from geo.records.events import Event, event_feature, events_of, group_events, link_events
from geo.records.incidents import curated_reports
from geo.records.report import Report


@pytest.fixture(scope="module")
def reports(gz) -> list[dict]:
    return curated_reports(gz=gz)


@pytest.fixture(scope="module")
def events(reports) -> list[Event]:
    return events_of(Report.from_dict(r, source="curated") for r in reports)


def test_the_dict_boundary_gives_the_events_as_dicts(reports, events):
    assert group_events(reports) == [e.to_dict() for e in events]
    assert [event_feature(e.to_dict()) for e in events] == [e.to_feature() for e in events]


def test_every_report_is_in_exactly_one_event(reports, events):
    ids = [rid for e in events for rid in e.report_ids]
    assert sorted(ids) == sorted(r["id"] for r in reports)
    assert sum(e.n_reports for e in events) == len(reports)
    assert [(e.date_start, e.event_id) for e in events] == sorted((e.date_start, e.event_id) for e in events)


def test_competing_claims_are_kept_side_by_side(reports, events):
    by_id = {r["id"]: r for r in reports}
    assert any(e.competing for e in events)
    for e in events:
        assert len(e.dates) == e.n_reports
        if "deaths" in e.competing:
            assert len({(c.low, c.best, c.high) for c in e.deaths}) > 1
        for c in e.deaths:
            assert (c.low, c.best, c.high) == tuple(
                by_id[c.report_id][k] for k in ("deaths_low", "deaths_best", "deaths_high")
            )


def test_an_event_sits_at_its_most_specific_located_place(reports, events):
    by_id = {r["id"]: r for r in reports}
    for e in events:
        located = [by_id[i] for i in e.report_ids if by_id[i]["lat"] is not None]
        if not located:
            assert e.lat is None and e.to_feature()["geometry"] is None
            continue
        best = min(r["place_uncertainty_m"] or 1e12 for r in located)
        assert e.place_uncertainty_m == best or (e.place_uncertainty_m is None and best == 1e12)
        assert e.to_feature()["geometry"]["coordinates"] == [e.lon, e.lat]


def test_a_dict_that_is_no_report_is_named(reports):
    from geo.exc import CuratedDataError

    with pytest.raises(CuratedDataError, match="status: expected one of"):
        group_events([dict(reports[0], status="rumoured")])


def test_linking_never_touches_a_curated_event(reports):
    # the curated seeds are reviewed: their events are the coder's, whatever links them
    curated = [Report.from_dict(r, source="test") for r in reports]
    assert link_events(curated) == curated


def test_linking_joins_two_articles_on_the_same_day_and_district_only(reports):
    from dataclasses import replace

    base = next(
        Report.from_dict(r, source="test")
        for r in reports
        if r["place_kind"] == "district" and r["event_type"] != "territory_change"
    )
    one = replace(base, id="x-a-01", event_id="ev-x-a-01", article_id="a", reviewed=False, date_text="on Monday")
    two = replace(one, id="x-b-01", event_id="ev-x-b-01", article_id="b", deaths_low=99)
    far = replace(
        two, id="x-c-01", event_id="ev-x-c-01", article_id="c", date_start="2016-01-01", date_end="2016-01-01"
    )
    undated = replace(two, id="x-d-01", event_id="ev-x-d-01", article_id="d", date_text=None)
    got = {r.id: r.event_id for r in link_events([one, two, far, undated])}
    assert got["x-a-01"] == got["x-b-01"] == "ev-x-a-01"
    assert got["x-c-01"] == "ev-x-c-01" and got["x-d-01"] == "ev-x-d-01"


def test_a_change_of_control_joins_however_vaguely_each_story_dates_it(reports):
    """"The SDF took al-Mishlab on Tuesday" and, in another story, "al-Mishlab is in SDF hands" since
    the offensive began: one change of control of a district to one party, over overlapping dates."""
    from dataclasses import replace

    base = next(
        Report.from_dict(r, source="test")
        for r in reports
        if r["place_kind"] == "district" and r["event_type"] == "territory_change" and r["control_actor"]
    )
    took = replace(
        base, id="x-a-01", event_id="ev-x-a-01", article_id="a", reviewed=False, date_text="on Tuesday",
        date_start="2017-06-06", date_end="2017-06-06",
    )  # fmt: skip
    held = replace(
        took, id="x-b-01", event_id="ev-x-b-01", article_id="b", date_text=None, date_start="2017-06-06",
        date_end="2017-06-26",
    )  # fmt: skip
    other_winner = replace(held, id="x-c-01", event_id="ev-x-c-01", article_id="c", control_actor="Islamic State")
    before = replace(
        held, id="x-d-01", event_id="ev-x-d-01", article_id="d", date_start="2017-05-01", date_end="2017-06-05"
    )
    city = [
        replace(took, id="x-e-01", event_id="ev-x-e-01", article_id="e", place_id="raqqa", place_kind="city"),
        replace(held, id="x-f-01", event_id="ev-x-f-01", article_id="f", place_id="raqqa", place_kind="city"),
    ]
    got = {r.id: r.event_id for r in link_events([took, held, other_winner, before, *city])}
    assert got["x-a-01"] == got["x-b-01"] == "ev-x-a-01"
    assert got["x-c-01"] == "ev-x-c-01"  # another winner: another change
    assert got["x-d-01"] == "ev-x-d-01"  # dates that do not meet
    assert got["x-f-01"] == "ev-x-f-01"  # a whole city: vague dates never join
