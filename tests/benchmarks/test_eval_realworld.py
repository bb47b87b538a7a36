"""The real-reporting evaluation counts what issue 16's table says it counts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import eval_realworld as ev

import gazetteer


@pytest.mark.parametrize(
    ("coded", "got", "verdict"),
    [
        ({"place_id": "raqqa-batani"}, "raqqa-batani", "right"),
        ({"place_id": "raqqa-batani"}, "raqqa", "coarse"),  # the city holds the district: not wrong, not right
        ({"place_id": "raqqa-batani"}, None, "unresolved"),
        ({"place_id": "raqqa-batani"}, "raqqa-mishlab", "wrong"),
        ({"place_id": "raqqa-batani"}, "romania", "wrong"),
        # a place the gazetteer lacks: the coarse place, or nothing, is all one can ask
        ({"place_id": None, "proposed_id": "raqqa-no-such-square", "coarse_ok": "raqqa"}, "raqqa", "right"),
        ({"place_id": None, "proposed_id": "raqqa-no-such-square", "coarse_ok": "raqqa"}, None, "right"),
        ({"place_id": None, "proposed_id": "raqqa-no-such-square", "coarse_ok": "raqqa"}, "raqqa-batani", "wrong"),
        # an added place is then expected exactly
        ({"place_id": None, "proposed_id": "raqqa-mishlab", "coarse_ok": "raqqa"}, "raqqa", "coarse"),
        # a name inside an organisation's name is no place at all
        ({"not_place": True}, "euphrates", "wrong"),
        ({"not_place": True}, None, "right"),
    ],
)
def test_place_verdicts(gz: gazetteer.Gazetteer, coded: dict, got: str | None, verdict: str) -> None:
    assert ev.place_verdict(gz, coded, got) == verdict


def _gold(**kw) -> dict:
    base = {
        "id": "a-01",
        "article_id": "a",
        "quote": "q",
        "span_start": 0,
        "span_end": 10,
        "event_type": "territory_change",
        "place_id": "raqqa-batani",
        "claimed_by": "SDF",
        "date_start": "2017-06-11",
        "date_end": "2017-06-11",
        "event_key": "k",
        "control": {"actor": "SDF", "from": "Islamic State", "extent": "taken"},
    }
    return {**base, **kw}


def _x(**kw) -> dict:
    base = {
        "id": "x-1",
        "event_id": "ev-1",
        "article_id": "a",
        "quote": "q",
        "span_start": 0,
        "span_end": 10,
        "event_type": "territory_change",
        "place_id": "raqqa-batani",
        "claimed_by": "SDF",
        "date_start": "2017-06-10",
        "date_end": "2017-06-12",
        "control_actor": "SDF",
        "control_from": "Islamic State",
    }
    return {**base, **kw}


def _article(*incidents: dict) -> ev.GoldArticle:
    import datetime as dt

    return ev.GoldArticle("a", "text", dt.date(2017, 6, 14), "Reuters", (), tuple(incidents))


def test_inverted_capture_is_counted(gz: gazetteer.Gazetteer) -> None:
    r = ev.score_incidents(gz, [_article(_gold())], {"a": [_x(control_actor="Islamic State", control_from="SDF")]})
    assert (r["inverted"], r["territory_changes"]) == (1, 1)
    assert r["fully_right"].ok == 0 and r["found"].ok == 1


def test_a_right_report_is_fully_right(gz: gazetteer.Gazetteer) -> None:
    r = ev.score_incidents(gz, [_article(_gold())], {"a": [_x()]})
    assert r["fully_right"].ok == 1 and r["inverted"] == 0 and r["no_incident"] == 0


def test_repeats_in_other_events_are_ungrouped(gz: gazetteer.Gazetteer) -> None:
    g1, g2 = _gold(), _gold(id="a-02", span_start=20, span_end=30)
    x1, x2 = _x(), _x(id="x-2", event_id="ev-2", span_start=20, span_end=30)
    r = ev.score_incidents(gz, [_article(g1, g2)], {"a": [x1, x2]})
    assert (r["repeats_ungrouped"], r["repeats"]) == (1, 1)
    r = ev.score_incidents(gz, [_article(g1, g2)], {"a": [x1, {**x2, "event_id": "ev-1"}]})
    assert (r["repeats_ungrouped"], r["repeats"]) == (0, 1)


def test_reports_of_other_incidents_in_one_event_are_mixed(gz: gazetteer.Gazetteer) -> None:
    g1, g2 = _gold(), _gold(id="a-02", span_start=20, span_end=30, event_key="k2")
    x1, x2 = _x(), _x(id="x-2", span_start=20, span_end=30)  # both in ev-1
    r = ev.score_incidents(gz, [_article(g1, g2)], {"a": [x1, x2]})
    assert (r["mixed"], r["grouped"]) == (2, 2)
    r = ev.score_incidents(gz, [_article(g1, g2)], {"a": [x1, {**x2, "event_id": "ev-2"}]})
    assert (r["mixed"], r["grouped"]) == (0, 0)
    r = ev.score_incidents(gz, [_article(g1, {**g2, "event_key": "k"})], {"a": [x1, x2]})
    assert (r["mixed"], r["grouped"]) == (0, 2)


def test_a_report_with_no_incident_behind_it(gz: gazetteer.Gazetteer) -> None:
    r = ev.score_incidents(gz, [_article(_gold())], {"a": [_x(), _x(id="x-9", span_start=50, span_end=60)]})
    assert (r["no_incident"], r["extracted"]) == (1, 2)
