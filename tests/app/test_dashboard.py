"""The dashboard script under Streamlit's AppTest (no browser, no server).

AppTest runs dashboard.py as Streamlit would and lets us read and drive its
widgets. It cannot click inside the map (an iframe component); the browser
tests do that.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
TIMEOUT = 90
EVENT_TYPES = ("air_strike", "shelling", "armed_clash", "territory_change", "displacement", "other")


def run(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def summary(at: AppTest) -> str:
    found = [m.value for m in at.markdown if "Control as of" in m.value]
    assert found, "expected the control summary"
    return found[0]


def shown_count(at: AppTest) -> int:
    for c in at.caption:
        m = re.match(r"([\d,]+) report\(s\) shown", c.value)
        if m:
            return int(m.group(1).replace(",", ""))
    raise AssertionError("expected the 'N report(s) shown' caption")


def html_bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def panel(at: AppTest) -> str:
    bodies = [b for b in html_bodies(at) if 'class="atlas-panel"' in b]
    assert bodies, "expected the incident panel"
    return bodies[0]


@pytest.fixture(scope="module")
def app() -> AppTest:
    return run()


def test_runs_without_exceptions_and_says_claims_not_facts(app):
    assert app.title[0].value == "Raqqa incident atlas"
    assert any("Claims, not facts" in c.value for c in app.caption)
    assert not app.get("error")


def test_widgets_exist(app):
    day = app.slider(key="day")
    assert isinstance(day.value, dt.date)
    views = ["Raqqa city", "Raqqa region with Tabqa", "Wider theatre (Al-Tanaf, Mosul)"]
    assert app.selectbox(key="view").options == views
    assert len(app.radio(key="window").options) == 4
    for key in ("f_types", "f_claimants", "f_outlets", "f_statuses"):
        assert app.multiselect(key=key) is not None
    assert app.checkbox(key="f_civ").value is False
    assert app.toggle(key="tiles").value is False, "tiles must be opt-in (offline first)"
    assert app.selectbox(key="place") is not None
    labels = [d.proto.label for d in app.get("download_button")]
    assert any("Incidents (GeoJSON)" in x for x in labels)
    assert any("Events (GeoJSON)" in x for x in labels)
    assert any(x.startswith("Control on") for x in labels)
    assert any("Places (GeoJSON)" in x for x in labels)
    assert any("CSV" in x for x in labels)


def test_upload_form_appears_when_asked_for():
    at = run()
    # hidden at first: its browser code (file uploader, date field) is not fetched on every load
    assert len(at.get("file_uploader")) == 0
    at.toggle(key="upload_open").set_value(True).run()
    assert len(at.get("file_uploader")) == 1
    assert at.date_input(key="rv_add_date") is not None
    for key in ("rv_add_outlet", "rv_add_title", "rv_add_url", "rv_add_archive", "rv_add_byline", "reviewer"):
        assert at.text_input(key=key) is not None
    assert at.text_area(key="rv_add_text") is not None  # paste instead of a file
    assert not at.get("error")


def test_map_component_is_offline_and_asks_only_for_clicks(app):
    comps = app.get("bidi_component")
    assert comps, "expected the map component"
    assert comps[0].proto.component_name == "raqqa_atlas.map"
    # the one value its front end sends back is the clicked feature: pan and zoom rerun nothing
    assert re.findall(r'set(?:State|Trigger)Value\("(\w+)"', comps[0].proto.js_content) == ["clicked"]
    args = str(comps[0].proto)
    assert "cdn.jsdelivr" not in args and "cdnjs" not in args and "code.jquery" not in args
    assert "/app/static/vendor/leaflet/leaflet.js" in args
    assert "tile.openstreetmap.org" not in args  # no tiles unless asked


def test_changing_the_date_changes_the_control_summary():
    at = run()
    at.slider(key="day").set_value(dt.date(2017, 6, 5)).run()
    before = summary(at)
    assert "Mon 5 Jun 2017" in before
    assert "al-Mishlab" not in before  # held by IS, like every district, before the SDF broke in
    at.slider(key="day").set_value(dt.date(2017, 6, 8)).run()
    after = summary(at)
    assert "Thu 8 Jun 2017" in after and after != before
    assert re.search(r"taken by the SDF \([^)]*al-Mishlab", after), after


def test_filters_narrow_the_incidents():
    at = run()
    at.radio(key="window").set_value("all").run()
    everything = shown_count(at)
    assert everything > 20
    at.multiselect(key="f_types").set_value(["air_strike"]).run()
    strikes = shown_count(at)
    assert 0 < strikes < everything
    at.checkbox(key="f_civ").check().run()
    civ = shown_count(at)
    assert 0 < civ <= strikes
    at.multiselect(key="f_types").set_value(list(EVENT_TYPES)).run()
    at.checkbox(key="f_civ").uncheck().run()
    assert shown_count(at) == everything
    # options are shown as "AFP (12)"; the values are the outlet names
    outlet = at.multiselect(key="f_outlets").options[0].rsplit(" (", 1)[0]
    at.multiselect(key="f_outlets").set_value([outlet]).run()
    assert 0 < shown_count(at) < everything


def test_quick_views_each_build_a_map():
    at = run()
    seen = set()
    for view in ("city", "region", "theatre"):
        at.selectbox(key="view").set_value(view).run()
        assert not at.exception
        args = str(at.get("bidi_component")[0].proto)
        seen.add(hash(args))
    assert len(seen) == 3


def test_place_picker_fills_the_panel_with_competing_mishlab_claims():
    at = run()
    at.radio(key="window").set_value("all").run()
    at.selectbox(key="place").set_value("raqqa-mishlab").run()
    html = panel(at)
    assert "al-Mishlab" in html
    assert "broke into the eastern" in html and '<mark class="place">Al-Meshleb</mark>' in html
    assert "atlas-competing" in html  # AFP Tue-Wed vs SDF via Reuters Friday
    assert "Fri 9 Jun 2017" in html and "Tue 6 Jun 2017" in html
    assert "approximate outline" in html  # the place's geometry quality
    # the article view highlights the sentence
    at.toggle(key="show_article").set_value(True).run()
    arts = [b for b in html_bodies(at) if 'class="atlas-article"' in b]
    assert arts and '<mark class="quote' in arts[0]


def test_place_from_a_shared_link():
    at = run(place="raqqa-mishlab")
    assert at.selectbox(key="place").value == "raqqa-mishlab"
    assert "al-Mishlab" in panel(at)


def test_upload_of_hostile_article_is_escaped_and_unreviewed():
    at = run()
    # AppTest cannot drive st.file_uploader: paste the text instead (the same path after decoding)
    at.toggle(key="upload_open").set_value(True).run()
    at.text_input(key="reviewer").set_value("Test Reviewer")
    hostile = (ROOT / "tests" / "data" / "hostile_article.txt").read_text(encoding="utf-8")
    at.text_area(key="rv_add_text").set_value(hostile)
    at.text_input(key="rv_add_outlet").set_value("Test <i>Wire</i>")
    at.text_input(key="rv_add_title").set_value("hostile <b>name</b>")
    at.date_input(key="rv_add_date").set_value(dt.date(2017, 6, 8))
    next(b for b in at.button if b.label.startswith("Add the article")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    at.radio(key="window").set_value("all").run()
    assert not at.exception
    bodies = "".join(html_bodies(at))
    assert "<b>name</b>" not in bodies and "&lt;b&gt;name&lt;/b&gt;" in bodies
    assert "Unresolved place names" in bodies and "Tayar" in bodies
    args = str(at.get("bidi_component")[0].proto)
    assert "Candidates (uploaded, not reviewed)" in args
    # the markers themselves say so (popups), not only the layer name and the legend row
    assert args.count("Candidate from an uploaded article, not reviewed") > 0
    assert "<script>window.__xss" not in args and "onerror=\\\"window" not in args
    at.selectbox(key="place").set_value("raqqa-mishlab").run()
    html = panel(at)
    assert "candidate, not reviewed" in html
    assert "<img" not in html and "<script" not in html


def test_synthetic_reports_from_the_environment_add_reports_not_control(monkeypatch):
    at = run()
    at.radio(key="window").set_value("all").run()
    curated, control = shown_count(at), summary(at)
    monkeypatch.setenv("ATLAS_SYNTHETIC_INCIDENTS", "200")
    at = run()
    at.radio(key="window").set_value("all").run()
    assert shown_count(at) == curated + 200
    assert summary(at) == control  # control comes from the curated reports only


def test_the_warm_up_fills_what_a_first_visit_needs(monkeypatch):
    """serve.py's warm-up at start-up and the dashboard's first visit use one cache entry: the visit builds no map."""
    import streamlit as st

    import geo.web.mapview
    from app.data import environment, warm_up

    st.cache_resource.clear()
    env, error = environment()  # as serve.py builds it: with the store's version, as the dashboard does
    assert error is None and env.store_version is not None
    assert warm_up(env) > 0
    built = []
    real = geo.web.mapview.build_map
    monkeypatch.setattr(geo.web.mapview, "build_map", lambda *a, **k: built.append(k["day"]) or real(*a, **k))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()  # a first visit, no link: the default day, view and filters
    assert not at.exception
    assert built == []  # the warm-up's map was the visit's map
    at.slider(key="day").set_value(dt.date(2017, 6, 8)).run()
    assert built == ["2017-06-08"]  # a day not warmed is built (so the check above can fail)


def test_the_chosen_day_stays_when_the_slider_is_reframed(monkeypatch, tmp_path):
    """The slider spans the weeks with reports under the filters; a filter that moves those ends keeps the day."""
    monkeypatch.setenv("ATLAS_STORE", str(tmp_path / "seeds-only.gpkg"))  # the seeds alone: no module upload
    at = run(day="2017-06-08")
    before = (at.slider(key="day").min, at.slider(key="day").max)
    at.multiselect(key="f_types").set_value(["air_strike"]).run()
    after = (at.slider(key="day").min, at.slider(key="day").max)
    assert after != before  # the frame moved (so the day could have been lost)
    assert at.slider(key="day").value == dt.date(2017, 6, 8)
    assert "Thu 8 Jun 2017" in summary(at)


def test_time_buttons_step_between_days_with_reports():
    at = run(day="2017-06-11")
    at.button(key="t_prev_report").click().run()
    assert "Sat 10 Jun 2017" in summary(at)
    at.button(key="t_back").click().run()
    assert "Fri 9 Jun 2017" in summary(at)
    at.button(key="t_fwd").click().run()
    assert "Sat 10 Jun 2017" in summary(at)
    at.date_input(key="day_box").set_value(dt.date(2017, 6, 6)).run()
    assert "Tue 6 Jun 2017" in summary(at)
    assert at.query_params["day"] in ("2017-06-06", ["2017-06-06"])


def test_a_place_a_reviewer_adds_is_on_the_map_picker_and_in_the_export(monkeypatch, tmp_path):
    """A place added in the store (here by another process's hand) is in the picker and the places layer."""
    from app.data import atlas_places_fc, environment
    from geo.store import open_store
    from tests.store.test_places import NEW_PLACE

    url = tmp_path / "added.gpkg"
    monkeypatch.setenv("ATLAS_STORE", str(url))
    assert not [o for o in run().selectbox(key="place").options if o.startswith("Test Street")]
    with open_store(url) as other:
        other.add_place(NEW_PLACE, by="ann", why="named in an article")
    at = run(place="raqqa-test-street")
    assert [o for o in at.selectbox(key="place").options if o.startswith("Test Street (street)")]
    assert at.selectbox(key="place").value == "raqqa-test-street"
    assert "Test Street" in panel(at)
    env, _ = environment()
    assert "raqqa-test-street" in {f["id"] for f in atlas_places_fc(env)["features"]}
