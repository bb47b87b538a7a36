"""The dashboard's incident panel and article view: values in Python, HTML in templates (no Streamlit).

Everything here returns a string of HTML that the dashboard hands to
``st.html`` / ``st.markdown(..., unsafe_allow_html=True)``. The functions
choose what to show; the markup is in ``templates/*.html.j2``, rendered by
:mod:`geo.web.html`. Article text, quotes, place names, claimants and outlets
are untrusted (they come from news articles, some uploaded by users), so:

* every value a template prints goes through :func:`esc` (``html.escape``
  plus numeric entities for the characters Markdown, Streamlit's
  ``:colour[...]`` directives and LaTeX give a meaning), by construction,
* newlines become ``<br>`` and the output never holds a blank line, so a
  Markdown renderer sees one raw-HTML block and parses nothing inside it,
* the only tags are our own (``<mark>``, ``<div>``, ``<table>``...), with
  fixed class names; no attribute ever carries article text unescaped.

Claims, not facts: each report is shown with who claims it, its status and
its precision; reports of one event that disagree are laid out side by side.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from geo.records.vocab import (
    DATE_PRECISION_LABELS,
    EVENT_TYPE_LABELS,
    EXTENT_LABELS,
    GEOMETRY_QUALITY_LABELS,
    MUNITION_LABELS,
)
from geo.web.credit import claim_credit, report_credit, wire_of
from geo.web.escape import safe_href
from geo.web.html import css_class, esc, render, static_text
from geo.web.theme import CONTROL_STATE_COLOURS

__all__ = [
    "PANEL_CSS",
    "EVENT_LABELS",
    "article_html",
    "competing_html",
    "esc",
    "fmt_count",
    "fmt_dates",
    "highlight",
    "legend_strip_html",
    "place_panel_html",
    "quote_html",
    "report_html",
    "unresolved_html",
]

#: Exported under its old name; the labels are defined once, in :mod:`geo.records.vocab`.
EVENT_LABELS = EVENT_TYPE_LABELS
#: Where a report's point lies, by ``geo_precision``.
LOCATED_AT = {1: "the place itself", 2: "near / part of it", 3: "a larger area"}
#: Column titles of the competing-claims table, by field.
COMPETING_LABELS = {"date": "Date", "deaths": "Killed", "injured": "Injured", "extent": "Control"}

#: The panel's and the legend strip's styles, one ``<style>`` block for ``st.html``.
#: The control states' colours come from the map's theme, so panel and map agree.
_CONTROL_CSS = "".join(
    f".atlas-control-{state} {{ border-color: {style.fill}; }}\n"
    for state, style in CONTROL_STATE_COLOURS.items()
    if state != "unknown"
)
PANEL_CSS = f"<style>\n{static_text('panel.css')}{_CONTROL_CSS}</style>"


# --------------------------------------------------------------------------
# Highlighting
# --------------------------------------------------------------------------


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap the given character spans in ``<mark>``.

    Parameters
    ----------
    text : str
        Untrusted text.
    spans : iterable of (start, end, css_class)
        Python ``str`` offsets (``text[start:end]`` is marked). Spans may nest
        or overlap: each run of characters gets one ``<mark>`` whose classes
        are those of every span covering it. Out-of-range offsets are clipped;
        empty spans are ignored.

    Returns
    -------
    str
        HTML with only our ``<mark class="...">`` tags and ``<br>``.

    Raises
    ------
    TypeError
        If ``text`` is not a str or an offset is not an int.
    """
    if not isinstance(text, str):
        raise TypeError(f"highlight: expected text to be a str, got {type(text).__name__}")
    n = len(text)
    clean: list[tuple[int, int, str]] = []
    for s, e, c in spans:
        if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
            raise TypeError(f"highlight: expected int offsets, got ({s!r}, {e!r})")
        s, e = max(0, s), min(n, e)
        if s < e:
            clean.append((s, e, css_class(c) or "hl"))
    runs: list[tuple[str, str]] = []  # (classes, text): the template marks and escapes
    bounds = sorted({0, n, *[s for s, _, _ in clean], *[e for _, e, _ in clean]})
    for a, b in itertools.pairwise(bounds):
        if a >= b:
            continue
        classes: list[str] = []
        for s, e, c in clean:
            if s <= a and b <= e and c not in classes:
                classes.append(c)
        runs.append((Markup(" ".join(classes)), text[a:b]))
    return render("highlight.html.j2", runs=runs)


def _occurrences(haystack: str, needle: str | None) -> list[tuple[int, int]]:
    if not needle:
        return []
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = haystack.find(needle, i + len(needle))
    return out


def quote_html(quote: str | None, place_text: str | None = None) -> str:
    """The quote, escaped, with every occurrence of the place name marked."""
    if not quote:
        return "<em>(no quote)</em>"
    spans = [(s, e, "place") for s, e in _occurrences(quote, place_text)]
    return highlight(quote, spans)


def article_html(
    text: str,
    *,
    span_start: int | None = None,
    span_end: int | None = None,
    place_text: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    reviewed: bool = True,
) -> str:
    """The whole article, escaped, with the reported sentence and the place name marked.

    The sentence is ``text[span_start:span_end]`` (``mark.quote``); inside it,
    every occurrence of ``place_text`` is also ``mark.place``. When the offsets
    do not fit the text, nothing is marked and a warning says so.
    """
    if not isinstance(text, str):
        raise TypeError(f"article_html: expected text to be a str, got {type(text).__name__}")
    spans: list[tuple[int, int, str]] = []
    bad_span = None
    if isinstance(span_start, int) and isinstance(span_end, int):
        if 0 <= span_start < span_end <= len(text):
            spans.append((span_start, span_end, "quote"))
            quote = text[span_start:span_end]
            spans += [(span_start + s, span_start + e, "place") for s, e in _occurrences(quote, place_text)]
        else:
            bad_span = (span_start, span_end)
    return render("article.html.j2", title=title, outlet=outlet, published=published, reviewed=reviewed,
                  bad_span=bad_span, length=len(text), body=Markup(highlight(text, spans)))


# --------------------------------------------------------------------------
# Formatting claims
# --------------------------------------------------------------------------


def _num(v: Any) -> str:
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return esc(v)


def fmt_count(low: Any = None, best: Any = None, high: Any = None) -> str:
    """A claimed count in words: ``8``, ``at least 21``, ``5–7``, ``up to 30``, ``about 12 (10–15)``.

    Returns ``""`` when nothing is claimed. Values are escaped (the result is
    text for HTML, with no tags).
    """
    if low is None and best is None and high is None:
        return ""
    if best is not None:
        if low is not None and high is not None and (low, high) != (best, best):
            return f"{_num(best)} ({_num(low)}–{_num(high)})"
        if low is not None and low != best:
            return f"{_num(best)} (at least {_num(low)})"
        if high is not None and high != best:
            return f"{_num(best)} (up to {_num(high)})"
        return _num(best)
    if low is not None and high is not None:
        return _num(low) if low == high else f"{_num(low)}–{_num(high)}"
    if low is not None:
        return f"at least {_num(low)}"
    return f"up to {_num(high)}"


def _published_text(published: Any) -> Any:
    """``Sat 10 Jun 2017 – Sun 11 Jun 2017`` for ``2017-06-10/2017-06-11`` (a day known to a range); else as it is."""
    parts = str(published).split("/") if published else []
    if 1 <= len(parts) <= 2 and all(re.fullmatch(r"\d{4}-\d\d-\d\d", p) for p in parts):
        return " – ".join(str(_day_text(p)) for p in parts)
    return published or None


def _day_text(iso: Any) -> Any:
    """``Tue 6 Jun 2017`` for an ISO day; anything else as it is (the template escapes it)."""
    try:
        d = dt.date.fromisoformat(str(iso))
    except ValueError:
        return iso
    return f"{d:%a} {d.day} {d:%b} {d.year}"


def fmt_dates(start: Any, end: Any = None, precision: Any = None, date_text: Any = None, *,
              inferred: bool = False) -> str:
    """``Tue 6 Jun 2017 – Wed 7 Jun 2017 (range of days; “on Tuesday”)``, escaped.

    ``inferred``: the sentence names no date, so the dates were worked out from
    the article's publication (said in those words).
    """
    if not start:
        return "date unknown"
    return render(
        "dates.html.j2",
        start=_day_text(start),
        end=_day_text(end) if end and end != start else None,
        precision=_label(DATE_PRECISION_LABELS, precision, precision) if precision else None,
        date_text=date_text or None,
        inferred=inferred and not date_text,
    )


def _dates_of(r: Mapping) -> Markup:
    # a candidate's sentence without date words was dated from the article's publication (extraction)
    inferred = not r.get("reviewed", False) and not r.get("date_text")
    return Markup(fmt_dates(r.get("date_start"), r.get("date_end"), r.get("date_precision"), r.get("date_text"),
                            inferred=inferred))


def _label(labels: Mapping[Any, str], value: Any, default: Any) -> Any:
    """``value``'s label in a vocabulary; ``default`` for a value outside it (data may hold anything)."""
    return labels.get(value, default)


def _type_label(r: Mapping) -> str:
    """The event type's label, with the munition when one is alleged (plain text)."""
    label = _label(EVENT_TYPE_LABELS, r.get("event_type"), r.get("event_type") or "other")
    mun = r.get("munition")
    if mun:
        label = f"{label} ({_label(MUNITION_LABELS, mun, mun)})"
    return label


def report_html(r: Mapping, *, article_link: str | None = None) -> str:
    """One report: date and precision, type, numbers with claimant, status, outlet, the quote.

    ``article_link`` is trusted HTML shown after the outlet (e.g. a hint that
    the full article opens below).
    """
    fields = ("status", "claimed_by", "casualty_group", "control_actor", "control_from",
              "id", "civilian_harm", "origin")
    published = r.get("published")
    return render(
        "report.html.j2",
        **{f: r.get(f) for f in fields},
        # an article with no headline is titled by its id in the record: no words for a reader
        title=None if r.get("title") == r.get("article_id") else r.get("title"),
        published=_published_text(published),
        control_extent=_label(EXTENT_LABELS, r.get("control_extent"), r.get("control_extent")),
        outlet=report_credit(r),
        reviewed=r.get("reviewed", False),
        event_type=str(r.get("event_type") or "other"),
        type_label=_type_label(r),
        dates=_dates_of(r),
        deaths=Markup(fmt_count(r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high"))),
        injured=Markup(fmt_count(r.get("injured_low"), None, r.get("injured_high"))),
        where=r.get("place_name") or r.get("place_text"),
        located_at=_label(LOCATED_AT, r.get("geo_precision"), "unresolved"),
        article_link=Markup(article_link) if article_link else None,
        # the links back to the source (http and https only, escaped)
        url=Markup(safe_href(r.get("url"))) if safe_href(r.get("url")) else None,
        archive_url=Markup(safe_href(r.get("archive_url"))) if safe_href(r.get("archive_url")) else None,
        quote=Markup(quote_html(r.get("quote"), r.get("place_text"))),
    )


def competing_html(reports: Sequence[Mapping], fields: Sequence[str]) -> str:
    """Competing claims of one event side by side: one row per report.

    Columns: who claims it (claimant and outlet), one per competing field
    (``date``, ``deaths``, ``injured``, ``extent``), then the status. Rows,
    not columns, per report: the panel is narrow and an event can have many
    reports, while the fields are at most four, so the table never grows wider
    than the panel and each field's claims line up in one column.
    """
    if len(reports) < 2:
        return ""
    rows = [
        {
            "credit": claim_credit(r.get("claimed_by"), r.get("outlet"), wire_of(r.get("article_id"))),
            "status": r.get("status"),
            "control_extent": _label(EXTENT_LABELS, r.get("control_extent"), r.get("control_extent")),
            "control_actor": r.get("control_actor"),
            "place_name": r.get("place_name"), "dates": _dates_of(r),
            "deaths": Markup(fmt_count(r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high"))),
            "injured": Markup(fmt_count(r.get("injured_low"), None, r.get("injured_high"))),
        }
        for r in reports
    ]
    title = ", ".join(COMPETING_LABELS.get(f, f).lower() for f in fields)
    return render("competing.html.j2", title=title, fields=fields, labels=COMPETING_LABELS, rows=rows)


def _group(reports: Sequence[Mapping]) -> list[tuple[str, list[Mapping]]]:
    by: dict[str, list[Mapping]] = defaultdict(list)
    for r in reports:
        by[str(r.get("event_id") or r.get("id"))].append(r)
    groups = [(k, sorted(v, key=lambda r: (str(r.get("date_start")), str(r.get("id"))))) for k, v in by.items()]
    groups.sort(key=lambda kv: (min(str(r.get("date_start")) for r in kv[1]), kv[0]))
    return groups


def _competing_fields(rs: Sequence[Mapping]) -> list[str]:
    out = []
    if len({(r.get("date_start"), r.get("date_end")) for r in rs}) > 1:
        out.append("date")
    withd = [r for r in rs if any(r.get(k) is not None for k in ("deaths_low", "deaths_best", "deaths_high"))]
    if len({(r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high")) for r in withd}) > 1:
        out.append("deaths")
    withi = [r for r in rs if r.get("injured_low") is not None or r.get("injured_high") is not None]
    if len({(r.get("injured_low"), r.get("injured_high")) for r in withi}) > 1:
        out.append("injured")
    withe = [r for r in rs if r.get("control_extent")]
    if len({(r.get("place_id"), r.get("control_extent")) for r in withe}) > 1:
        out.append("extent")
    return out


def _event(eid: str, rs: Sequence[Mapping], grade: tuple[str | None, str | None] | None = None) -> dict[str, Any]:
    """One event's title values, its grade and reason, its competing-claims table and its reports (HTML)."""
    start = min(str(r.get("date_start")) for r in rs)
    end = max(str(r.get("date_end")) for r in rs)
    fields = _competing_fields(rs)
    return {
        "id": eid,
        "types": " / ".join(sorted({_label(EVENT_TYPE_LABELS, t, str(t)) for t in (r.get("event_type") for r in rs)})),
        "start": _day_text(start),
        "end": None if start == end else _day_text(end),
        "n": len(rs),
        "outlets": ", ".join(sorted({str(c) for c in map(report_credit, rs) if c})),
        "competing": Markup(competing_html(rs, fields)) if fields else "",
        "reports": [Markup(report_html(r)) for r in rs],
        "grade": grade[0] if grade else None,
        "grade_why": grade[1] if grade else None,
    }


def _kind_words(kind: Any) -> Any:
    """A gazetteer kind code in words (``military_site`` -> ``military site``); anything else as it is."""
    k = str(kind) if kind else ""
    return k.replace("_", " ") if k.isascii() and k.replace("_", "").isalpha() and k.islower() else kind


def _claim_words(c: Mapping) -> str:
    """``SDF (Reuters, via The Jerusalem Post): taken`` (plain text; the template escapes it)."""
    who = claim_credit(c.get("claimed_by"), c.get("outlet"), wire_of(c.get("article_id")))
    return f"{who}: {_label(EXTENT_LABELS, c.get('extent'), c.get('extent'))}"


def _control(control: Mapping | None, day: str | None) -> dict[str, Any] | None:
    """The place's control state as template values (``None``: no control state known)."""
    if not control:
        return None
    since = control.get("since")
    claims = [c for c in control.get("claims") or [] if isinstance(c, Mapping)]
    # the claim the state rests on, in words ("SDF (AFP): taken"), not the record's codes
    basis = next((c for c in claims if c.get("report_id") in (control.get("report_ids") or [])), None)
    return {
        "day": _day_text(day) if day else "?",
        "state": control.get("state"),
        "holder": control.get("holder"),
        "code": str(control.get("code") or "unknown"),
        "since": _day_text(since) if since else None,
        "basis": _claim_words(basis) if basis else None,
        "disputed": bool(control.get("disputed")),
        "claims": [
            {"credit": claim_credit(c.get("claimed_by"), c.get("outlet"), wire_of(c.get("article_id"))),
             "extent": _label(EXTENT_LABELS, c.get("extent"), c.get("extent")),
             "actor": c.get("actor"), "dates": Markup(fmt_dates(c.get("date_start"), c.get("date_end")))}
            for c in claims
        ],
    }


def place_panel_html(
    place: Mapping,
    reports: Sequence[Mapping],
    *,
    day: str | None = None,
    control: Mapping | None = None,
    max_events: int = 40,
    sub_places: Sequence[str] = (),
    grades: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> str:
    """The panel for one place: its position quality, control, and every report grouped by event.

    Parameters
    ----------
    place : mapping
        ``name``, ``kind``, ``uncertainty_m``, ``geometry_quality``, ``address`` (the
        gazetteer's ``notes`` are the curators' reasoning, for the data file and
        the exports: not shown).
    reports : sequence of mapping
        Reports at the place and its sub-places (already filtered).
    day : str, optional
        ISO day the control state refers to.
    control : mapping, optional
        The place's control state (``geo.records.control.state_on`` item).
    max_events : int
        At most this many events are rendered (the rest are counted).
    sub_places : sequence of str
        Names of the sub-places included (shown, escaped).
    grades : mapping, optional
        ``event_id -> (grade, why)``: the reviewers' grades of events (Airwars' scale), shown under their titles.
    """
    events = _group(reports)
    q = place.get("geometry_quality")
    u = place.get("uncertainty_m")
    return render(
        "panel.html.j2",
        name=place.get("name"),
        kind=_kind_words(place.get("kind")),
        quality=_label(GEOMETRY_QUALITY_LABELS, q, q),
        uncertainty=f"± {_num(round(u))} m" if isinstance(u, (int, float)) and not isinstance(u, bool) else "± ?",
        address=place.get("address"),
        includes=", ".join(sub_places) if sub_places else None,
        control=_control(control, day),
        n_reports=len(reports),
        n_events=len(events),
        events=[_event(eid, rs, (grades or {}).get(eid)) for eid, rs in events[:max_events]],
        more=len(events) - max_events if len(events) > max_events else None,
    )


def unresolved_html(reports: Sequence[Mapping], *, limit: int = 200) -> str:
    """Reports whose place could not be resolved: listed, never mapped."""
    items = [
        {"place_text": r.get("place_text"), "type_label": _type_label(r), "outlet": r.get("outlet"),
         "quote": r.get("quote"), "dates": Markup(fmt_dates(r.get("date_start"), r.get("date_end")))}
        for r in list(reports)[:limit]
    ]
    more = len(reports) - limit if len(reports) > limit else None
    return render("unresolved.html.j2", n_reports=len(reports), items=items, more=more)


def legend_strip_html(control_states: Mapping[str, tuple], event_colours: Mapping[str, tuple], *,
                      unreviewed: bool = False) -> str:
    """A one-line legend under the map (labels and colours are ours; escaped all the same).

    ``control_states``: state -> (label, fill, border, dashed);
    ``event_colours``: type -> (label, colour) (see :mod:`geo.web.webmap`).
    Colours other than ``#hex`` are drawn grey.
    """
    return render("legend_strip.html.j2", control_states=list(control_states.values()),
                  event_colours=list(event_colours.values()), unreviewed=unreviewed)
