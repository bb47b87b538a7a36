"""The review page's HTML (geo/web/review.py): the sentence in its article, history, conflict, grade, small map."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.records.articles import articles_by_id
from geo.records.incidents import curated_reports
from geo.web import review as V

HOSTILE = (Path(__file__).resolve().parents[1] / "data" / "hostile_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def mishlab(gz):
    return next(r for r in curated_reports(gz=gz) if r["place_id"] == "raqqa-mishlab")


def test_sentence_is_marked_in_its_article(mishlab):
    art = articles_by_id()[mishlab["article_id"]]
    out = V.sentence_html(art.text, span_start=mishlab["span_start"], span_end=mishlab["span_end"],
                          place_text=mishlab["place_text"], outlet=art.outlet, url="https://example.org/a?b=1&c=2")
    marked = re.findall(r'<mark class="quote(?: place)?">(.*?)</mark>', out)
    assert html.unescape("".join(marked)).replace("<br>", "\n") == mishlab["quote"]
    assert f'<mark class="quote place">{mishlab["place_text"]}</mark>' in out
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out


def test_offsets_outside_the_text_mark_nothing_and_say_so():
    out = V.sentence_html("short text", span_start=50, span_end=60)
    assert "<mark" not in out and "lies outside this text" in out


@given(st.sampled_from(["javascript:alert(1)", "data:text/html,<b>x", " vbscript:x", "//evil.example"]))
def test_only_http_links(url):
    out = V.sentence_html("x", span_start=0, span_end=1, url=url, archive_url=url)
    assert "href" not in out


def test_hostile_article_shows_as_text():
    i = HOSTILE.index("al-Mishlab")
    out = V.sentence_html(HOSTILE, span_start=max(0, i - 40), span_end=i + 40, place_text="al-Mishlab",
                          title="<script>t()</script>", byline="<img src=x onerror=alert(1)>")
    assert "<script" not in out and "<img" not in out and "&lt;img src=x onerror=" in out
    tags = set(re.findall(r"</?([a-zA-Z]+)", out))
    assert tags <= {"div", "mark", "br", "p", "span", "a"}, tags


def test_history_rows_show_fields_before_and_after():
    rows = V.history_rows([
        {"id": 7, "at": "2026-12-06T22:00:00Z", "by": "ann", "action": "accept", "before": {"status": "reported"},
         "after": {"status": "confirmed"}, "why": "<b>two sources</b>"},
    ])
    assert rows[0]["fields"] == [{"name": "Status", "before": "reported", "after": "confirmed"}]
    out = V.history_html([{"id": 7, "by": "ann", "before": {}, "after": {}, "why": "<b>x</b>"}])
    assert "&lt;b&gt;x&lt;/b&gt;" in out


def test_conflict_shows_both_versions_and_marks_the_differences():
    out = V.conflict_html({"status": "confirmed", "actor": "SDF"}, {"status": "denied", "actor": "SDF"},
                          yours=3, stored_version=4, stored_by="bob", keys=["status", "actor"])
    assert out.count('class="differs"') == 1
    assert "confirmed" in out and "denied" in out and "bob" in out and "NOT saved" in out


def test_grade_is_shown_with_its_reason():
    out = V.grade_html("contested", why="two outlets disagree", by="ann")
    assert "atlas-grade-contested" in out and "two outlets disagree" in out
    assert "Not graded" in V.grade_html(None)


def test_small_map_places_a_resolved_candidate_and_never_guesses(gz, mishlab):
    from geo.web.basemap import load_countries

    kw = {"gz": gz, "places_fc": gz.to_geojson(), "countries_fc": load_countries()}
    page = V.small_map_html(mishlab, **kw)
    p = gz.get("raqqa-mishlab")
    assert f"{p.lon}" in page and "This candidate" in page
    unresolved = V.small_map_html({**mishlab, "place_id": None}, **kw)
    assert "This candidate" not in unresolved


def test_the_place_panel_shows_an_event_grade_with_its_reason(gz, mishlab):
    from geo.web.panel import place_panel_html

    p = gz.get("raqqa-mishlab")
    info = {"name": p.name, "kind": p.kind, "uncertainty_m": p.uncertainty_m, "geometry_quality": p.geometry_quality}
    out = place_panel_html(info, [mishlab], grades={mishlab["event_id"]: ("weak", "one <i>source</i>")})
    assert "atlas-grade-weak" in out and "one &lt;i&gt;source&lt;/i&gt;" in out
    assert "atlas-grade" not in place_panel_html(info, [mishlab])


def test_a_report_links_back_to_its_article_over_http_only(mishlab):
    from geo.web.panel import report_html

    out = report_html({**mishlab, "url": "https://example.org/a?x=1&y=<b>", "archive_url": "javascript:alert(1)"})
    assert 'href="https://example.org/a?x=1&amp;y=&lt;b&gt;"' in out
    assert "javascript" not in out and "archived copy" not in out
    assert "href" not in report_html(mishlab)
