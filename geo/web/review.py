"""The review page's HTML: a candidate's sentence in its article, events it could join,
a record's history, a stale edit's two versions, an event's grade, and the candidate's small map.

No Streamlit (the page is :mod:`app.review`). Every value comes from articles
or reviewers and is escaped by the templates (:mod:`geo.web.html`); links pass
:func:`geo.web.escape.safe_href` (http and https only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from gazetteer import Gazetteer
from geo.records.layers import fc
from geo.records.review import EDITABLE
from geo.records.vocab import EVENT_TYPE_LABELS
from geo.web import webmap as W
from geo.web.escape import safe_href
from geo.web.html import render, static_text
from geo.web.mapview import marker_props
from geo.web.panel import fmt_dates, highlight

__all__ = [
    "REVIEW_CSS",
    "conflict_html",
    "events_html",
    "grade_html",
    "history_html",
    "sentence_html",
    "small_map_html",
]

#: The review page's styles, one ``<style>`` block for ``st.html``.
REVIEW_CSS = f"<style>\n{static_text('review.css')}</style>"
_LABELS = {f.key: f.label for f in EDITABLE} | {
    "review_status": "Review status", "reviewed": "Reviewed", "event_id": "Event", "grade": "Grade",
    "grade_why": "Reason of the grade",
}


def _occurrences(haystack: str, needle: str | None) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    i = haystack.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = haystack.find(needle, i + len(needle))
    return out


def sentence_html(
    text: str,
    *,
    span_start: int | None,
    span_end: int | None,
    place_text: str | None = None,
    context: int = 700,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    byline: str | None = None,
    url: str | None = None,
    archive_url: str | None = None,
) -> str:
    """The candidate's sentence highlighted in its article, ``context`` characters either side.

    The sentence is ``text[span_start:span_end]`` (``mark.quote``), the place name
    inside it ``mark.place``; the excerpt starts and ends at a line or word break.
    Offsets that do not fit the text mark nothing and say so. Links are shown only
    when they are http(s).
    """
    if not isinstance(text, str):
        raise TypeError(f"sentence_html: expected text to be a str, got {type(text).__name__}")
    n = len(text)
    ok = isinstance(span_start, int) and isinstance(span_end, int) and 0 <= span_start < span_end <= n
    if ok:
        assert span_start is not None and span_end is not None  # for mypy: ok says so
        a, b = max(0, span_start - context), min(n, span_end + context)
        # widen to a break so that no word is cut (at most 80 characters more)
        for stop in ("\n", " "):
            i = text.rfind(stop, max(0, a - 80), a + 1)
            if a > 0 and i >= 0:
                a = i + 1
                break
        for stop in ("\n", " "):
            j = text.find(stop, b, min(n, b + 80))
            if b < n and j >= 0:
                b = j
                break
        quote = text[span_start:span_end]
        spans = [(span_start - a, span_end - a, "quote")]
        spans += [(span_start - a + s, span_start - a + e, "place") for s, e in _occurrences(quote, place_text)]
        body, cut_before, cut_after = highlight(text[a:b], spans), a > 0, b < n
    else:
        body, cut_before, cut_after = highlight(text[: 2 * context], []), False, n > 2 * context
    return render(
        "review_sentence.html.j2", title=title, outlet=outlet, published=published, byline=byline,
        url=Markup(safe_href(url)) if safe_href(url) else None,
        archive_url=Markup(safe_href(archive_url)) if safe_href(archive_url) else None,
        bad_span=None if ok else (span_start, span_end), length=n, body=Markup(body),
        cut_before=cut_before, cut_after=cut_after,
    )


def events_html(events: Sequence[Mapping[str, Any]], *, days: int = 3) -> str:
    """The events a candidate could join (:func:`geo.records.review.possible_events`) as a table."""
    rows = [
        {**e, "dates": Markup(fmt_dates(e["date_start"], e["date_end"])),
         "types": ", ".join(EVENT_TYPE_LABELS.get(t, t) for t in e["event_types"])}
        for e in events
    ]
    return render("review_events.html.j2", events=rows, days=days)


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    """The first of ``names`` that ``obj`` has (a mapping's key or an attribute)."""
    for n in names:
        if isinstance(obj, Mapping):
            if n in obj:
                return obj[n]
        elif hasattr(obj, n):
            return getattr(obj, n)
    return default


def _when(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S") if value.tzinfo else value.strftime(
            "%Y-%m-%d %H:%M:%S")
    return str(value or "")


def history_rows(changes: Iterable[Any]) -> list[dict[str, Any]]:
    """A record's changes as rows: id, when, who, what, fields (name, before, after), why, undone.

    A change is a mapping or an object (:class:`geo.store.Change`) with ``id``, ``at``,
    ``by``, ``action``, ``before``/``after`` (field -> value), ``why`` and ``undone_of``
    (the change an undo undid); oldest first. A change some later undo undid is ``undone``.
    """
    changes = list(changes)
    undone = {_get(c, "undone_of") for c in changes} - {None}
    rows = []
    for c in changes:
        before = _get(c, "before", default={}) or {}
        after = _get(c, "after", default={}) or {}
        names = list(dict.fromkeys([*before, *after]))
        rows.append({
            "id": _get(c, "id", "change_id"),
            "at": _when(_get(c, "at", "when", "created")),
            "by": _get(c, "by", "who"),
            "action": _get(c, "action", "kind", "what"),
            "why": _get(c, "why", "reason"),
            "undone": _get(c, "id") in undone,
            "undoes": _get(c, "undone_of"),
            "fields": [{"name": _LABELS.get(k, k), "before": before.get(k), "after": after.get(k)} for k in names],
        })
    return rows


def history_html(changes: Iterable[Any]) -> str:
    """A record's history as a table (:func:`history_rows`)."""
    return render("review_history.html.j2", rows=history_rows(changes))


def conflict_html(
    mine: Mapping[str, Any], stored: Mapping[str, Any], *, yours: int | None, stored_version: int | None,
    stored_by: str | None = None, keys: Sequence[str] | None = None,
) -> str:
    """A stale edit: the reviewer's values beside the stored ones (every editable field; differing rows marked)."""
    keys = list(keys or [f.key for f in EDITABLE])
    rows = [{"label": _LABELS.get(k, k), "mine": mine.get(k), "stored": stored.get(k),
             "differs": mine.get(k) != stored.get(k)} for k in keys]
    return render("review_conflict.html.j2", rows=rows, yours=yours, stored=stored_version, stored_by=stored_by)


def grade_html(grade: str | None, *, why: str | None = None, by: str | None = None, at: Any = None) -> str:
    """An event's grade (Airwars' scale) with its reason."""
    return render("review_grade.html.j2", grade=grade, why=why, by=by, at=_when(at) if at else None)


def small_map_html(report: Mapping[str, Any], *, gz: Gazetteer, places_fc: Mapping, countries_fc: Mapping) -> str:
    """A small offline map of one candidate at its place (with the place's uncertainty ring), as a full page.

    An unresolved candidate gets the city's map with no marker: never a guessed point.
    """
    pid = report.get("place_id")
    place = gz.get(pid) if pid and pid in gz else None
    center = (place.lat, place.lon) if place else (35.95, 39.01)  # Raqqa's centre when there is nothing to show
    m = W.base_map(center=center, zoom=14 if place and place.uncertainty_m < 3000 else 11, tiles=False)
    W.plain_basemap_layer(places_fc, countries_fc=countries_fc).add_to(m)
    if place:
        ring = [f for f in places_fc["features"] if f["id"] == place.id]
        W.uncertainty_layer(fc(ring), name="Location uncertainty").add_to(m)
        marker = {"type": "Feature", "id": report.get("id"),
                  "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                  "properties": {**marker_props(report), "place_name": place.name, "reviewed": False}}
        W.incident_layer(fc([marker]), name="This candidate", unreviewed=True).add_to(m)
    W.finish_map(m, collapsed=True, unreviewed=bool(place), legend_collapsed=True, grouped=False)
    return m.get_root().render()
