"""The review page under Streamlit's AppTest, on a throwaway store (tests/app/conftest.py).

A second reviewer is the store itself, written to between two runs of the page:
the stale edit must show both versions and write nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
ARTICLE = ROOT / "tests" / "data" / "articles" / "t02_sinaa_rumaila.txt"


def store():
    from geo.store import open_store

    return open_store(os.environ["ATLAS_STORE"])


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


@pytest.fixture(scope="module")
def at() -> AppTest:
    """The review page after one article was added (pasted) by 'Ann'."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["page"] = "Review"
    ok(at.run())
    at.text_input(key="reviewer").set_value("Ann")
    at.text_area(key="rv_add_text").set_value(ARTICLE.read_text(encoding="utf-8"))
    at.text_input(key="rv_add_outlet").set_value("Test Wire")
    at.text_input(key="rv_add_url").set_value("https://example.org/sinaa")
    at.date_input(key="rv_add_date").set_value(dt.date(2017, 7, 2))
    ok(button(at, "Add the article").click().run())
    assert not at.error, [e.value for e in at.error]
    return at


def current(at: AppTest) -> str:
    return at.session_state["rv_current"]


def test_adding_shows_the_queue_with_its_count(at):
    n = len(store().candidates())
    assert n >= 3
    assert any(f"Candidate 1 of {n}" in m.value for m in at.markdown)
    assert "mark class=\"quote" in html(at)


def test_the_same_article_twice_is_recognised(at):
    n = len(store().candidates())
    at.text_area(key="rv_add_text").set_value(ARTICLE.read_text(encoding="utf-8"))
    ok(button(at, "Add the article").click().run())
    assert any("already in the store" in s.value for s in at.success)
    assert len(store().candidates()) == n


def test_reject_needs_a_reason_and_then_keeps_it(at):
    rid = current(at)
    at.radio(key=f"rv_dec_{rid}").set_value("reject")
    ok(button(at, "Save decision").click().run())
    assert any("needs a reason" in w.value for w in at.warning)
    assert store().get(rid)[2] == "candidate"
    at.text_input(key=f"rv_why_{rid}").set_value("a duplicate of the wire's earlier story")
    ok(button(at, "Save decision").click().run())
    _, _, status = store().get(rid)
    assert status == "rejected"
    assert "a duplicate of the wire" in html(at) or any("Rejected" in s.value for s in at.success)


def test_a_bad_value_saves_nothing_and_names_the_field(at):
    rid = current(at)
    version = store().get(rid)[1]
    at.number_input(key=f"rv_f_{rid}_deaths_low").set_value(9)
    at.number_input(key=f"rv_f_{rid}_deaths_high").set_value(2)
    ok(button(at, "Save decision").click().run())
    assert any("deaths_high" in e.value and "expected at least deaths_low" in e.value for e in at.error)
    assert store().get(rid)[1] == version
    at.number_input(key=f"rv_f_{rid}_deaths_high").set_value(9)  # a valid claim again, for what follows


def test_a_stale_edit_shows_both_versions_and_writes_nothing(at):
    rid = current(at)
    s = store()
    report, version, _ = s.get(rid)
    at.selectbox(key=f"rv_f_{rid}_status").set_value("denied")  # (a form: sent with the click below)
    # meanwhile Bob accepts it with another status
    s.accept(rid, changes={"status": "confirmed"}, by="Bob", why="seen the video", expected_version=version)
    ok(button(at, "Save decision").click().run())
    body = html(at)
    assert "NOT saved" in body and "denied" in body and "confirmed" in body
    stored, v2, status = s.get(rid)
    assert (stored.status, v2, status) == ("confirmed", version + 1, "accepted")
    # my values are still in the form
    assert at.selectbox(key=f"rv_f_{rid}_status").value == "denied"
    ok(button(at, "Drop my edit").click().run())
    assert "NOT saved" not in html(at)


def test_merge_into_a_possible_event(at):
    rid = current(at)
    target = next(iter(at.selectbox(key=f"rv_ev_{rid}").options))
    at.radio(key=f"rv_dec_{rid}").set_value("merge")
    at.selectbox(key=f"rv_ev_{rid}").set_value(target)
    ok(button(at, "Save decision").click().run())
    report, _, status = store().get(rid)
    assert status == "accepted" and report.event_id == target
    assert [c for c in store().history(rid)]


def test_accepted_report_reaches_the_map_page(at):
    rid = current(at)
    at.text_input(key=f"rv_f_{rid}_claimed_by").set_value("Checked claimant")
    ok(button(at, "Save decision").click().run())
    assert store().get(rid)[2] == "accepted"
    at.session_state["page"] = "Map"
    ok(at.run())
    ok(at.radio(key="window").set_value("all").run())
    args = str(at.get("bidi_component")[0].proto)
    assert rid in args  # a marker of the map, among the reviewed ones
    assert "Checked claimant" in args


def test_grade_an_event_then_see_it_in_the_panel(at):
    from geo.records.incidents import curated_reports

    r = next(r for r in curated_reports() if r["place_id"] == "raqqa-mishlab")
    at.session_state["page"] = "Review"
    ok(at.run())
    ok(at.selectbox(key="rv_grade_event").set_value(r["event_id"]).run())
    at.radio(key="rv_grade_grade").set_value("fair")
    at.text_input(key="rv_grade_why").set_value("two credible sources")
    ok(button(at, "Save the grade").click().run())
    assert store().event_grades()[r["event_id"]] == ("fair", "two credible sources")
    assert "atlas-grade-fair" in html(at)
    at.session_state["page"] = "Map"
    ok(at.run())
    ok(at.selectbox(key="place").set_value("raqqa-mishlab").run())
    assert "two credible sources" in html(at)


def test_an_unresolved_name_becomes_an_alias_and_then_a_choice(at):
    at.session_state["page"] = "Review"
    ok(at.run())
    # an article naming a place the gazetteer lacks (Tayar)
    at.text_area(key="rv_add_text").set_value((ROOT / "tests" / "data" / "hostile_article.txt").read_text("utf-8"))
    at.text_input(key="rv_add_outlet").set_value("Test Wire")
    ok(button(at, "Add the article").click().run())
    assert any("Tayar" in o for o in at.selectbox(key="rv_un_name").options)
    name = "Tayar"
    ok(at.selectbox(key="rv_un_name").set_value(name).run())
    at.selectbox(key=f"rv_alias_place_{name}").set_value("raqqa-old-city")
    at.text_input(key=f"rv_alias_why_{name}").set_value("the same quarter, by the article's description")
    ok(button(at, "Add the name").click().run())
    assert any(f"Added the name {name!r}" in s.value for s in at.success), [e.value for e in at.error]
    assert name in store().gz.get("raqqa-old-city").names
    assert [f["id"] for f in store().gazetteer_additions()["features"]] == ["raqqa-old-city"]


def test_undo_from_a_record_panel_puts_the_fields_back(at):
    s = store()
    rid = next(r["id"] for r in s.review_rows(status=("rejected",)))
    at.session_state["page"] = "Review"
    ok(at.run())
    ok(at.text_input(key="rv_find").set_value(rid).run())
    assert "a duplicate of the wire" in html(at)  # the rejection's reason, in the history
    last = s.history(rid)[-1]
    ok(button(at, f"Undo change #{last.id}").click().run())
    _, _, status = s.get(rid)
    assert status == "candidate"
    undo = s.history(rid)[-1]
    assert (undo.action, undo.undone_of, undo.by) == ("undo", last.id, "Ann")
    assert "(undone)" in html(at)
