"""The dashboard's review page (issue 17): add articles, review the candidates one after another, grade events.

Streamlit widgets only. What is decided lives elsewhere: the form's fields and
their checks in :mod:`geo.records.review`, the HTML in :mod:`geo.web.review`,
and every write in the store (:mod:`geo.store`), which keeps who changed what,
when and why, and refuses a stale edit (:class:`geo.store.ConflictError`).

``dashboard.py`` calls :func:`review_page` when the page switch says so,
:func:`store_key` for what its caches hash, and :func:`record_history` in its panel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

import gazetteer
from app.map_component import map_component
from geo.records import review as R
from geo.records.vocab import DATE_PRECISION_LABELS, EVENT_GRADE_LABELS, EVENT_TYPE_LABELS, EXTENT_LABELS
from geo.settings import EARLIEST_DATE, from_environment
from geo.web import panel as P
from geo.web import review as V
from geo.web.escape import safe_href

MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
SMALL_MAP_HEIGHT = 300
NEAR_DAYS = 3
#: the words a choice shows, by field (codes stay codes where there is no label)
CHOICE_LABELS: Mapping[str, Mapping[str, str]] = {
    "event_type": EVENT_TYPE_LABELS,
    "date_precision": DATE_PRECISION_LABELS,
    "control_extent": EXTENT_LABELS,
}
DECISIONS = {"accept": "Accept", "reject": "Reject (reason required)", "merge": "Merge into an event"}


# ==========================================================================
# The store, opened once per process; its version keys the dashboard's caches
# ==========================================================================


@st.cache_resource(show_spinner="Opening the store…")
def open_shared_store(url: str | None) -> Any:
    """The store at ``url`` (``None``: ``ATLAS_STORE`` or the default file), shared by every session."""
    from geo.store import open_store

    return open_store(url)


def store() -> Any:
    """The store ``ATLAS_STORE`` names (or the default file): the one of this process."""
    return open_shared_store(from_environment().store)


def store_key() -> int:
    """What the dashboard's caches hash for the store: its version (grows with every write)."""
    return store().version()


def reviewer() -> str:
    """The reviewer's name (kept for the session); every change is saved ``by`` it."""
    return (st.session_state.get("reviewer") or "").strip()


def reviewer_box() -> str:
    """The reviewer's name box (remembered for the session, across pages)."""
    # staged as it is typed (no rerun): a form sent right after typing already carries the name
    st.text_input("Your name (saved with every change you make)", key="reviewer", max_chars=80,
                  persist_state="session", placeholder="e.g. A. Analyst", live="300ms", on_change="ignore")
    return reviewer()


def _report_dict(report: Any) -> dict[str, Any]:
    return report.to_dict() if hasattr(report, "to_dict") else dict(report)


def store_reports(s: Any) -> list[dict]:
    """What the map shows: the store's curated and accepted reports (reviewed), then its candidates (not)."""
    reviewed = [_report_dict(r) for r in s.reports()]
    candidates = [{**_report_dict(r), "reviewed": False} for r in s.candidates()]
    return reviewed + candidates


def stored_article(article_id: str) -> Mapping[str, Any] | None:
    """The stored article ``article_id`` (text and source), or None."""
    return _article(store(), article_id)


# ==========================================================================
# Adding articles
# ==========================================================================


def _extract(text: str, *, published: dt.date, outlet: str, title: str | None, gz: gazetteer.Gazetteer) -> tuple:
    """The candidate reports of ``text`` (the extractor's, as :class:`Report`)."""
    from geo.extraction.extract import extract_text
    from geo.records.report import Report

    provisional = "a-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    found = extract_text(text, article_id=provisional, published=published.isoformat(), outlet=outlet, title=title,
                         gz=gz)
    return tuple(Report.from_dict(d, source="the extractor") for d in found)


def add_article_form(gz: gazetteer.Gazetteer) -> None:
    """Upload or paste an article with its source; its candidates go to the store's queue."""
    with st.form("rv_add", clear_on_submit=False, enter_to_submit=True):
        up = st.file_uploader(f"Article (.txt, at most {MAX_UPLOAD_MB} MB)", type=["txt"], key="rv_add_file",
                              max_upload_size=MAX_UPLOAD_MB)
        pasted = st.text_area("…or paste its text", key="rv_add_text", height=120)
        c1, c2, c3 = st.columns(3)
        outlet = c1.text_input("Outlet", key="rv_add_outlet", max_chars=120, placeholder="e.g. Reuters")
        published = c2.date_input("Publication date", value=dt.date(2017, 6, 11), min_value=EARLIEST_DATE,
                                  max_value=dt.date.today(), key="rv_add_date")
        title = c3.text_input("Title", key="rv_add_title", max_chars=300)
        c4, c5, c6 = st.columns(3)
        url = c4.text_input("URL", key="rv_add_url", max_chars=2000, placeholder="https://…")
        archive = c5.text_input("Archive URL", key="rv_add_archive", max_chars=2000, placeholder="https://web.archive.org/…")
        byline = c6.text_input("Byline", key="rv_add_byline", max_chars=200)
        go = st.form_submit_button("Add the article and extract incidents", type="primary")
    if not go:
        return
    try:  # the one reader's rules, as on the command line: UTF-8 or UTF-16 with a BOM, text, the cap
        if up is not None:
            what, source = "file", up.name
            text = gazetteer.decode_article(up.getvalue(), name=up.name, max_bytes=MAX_UPLOAD_BYTES)
        elif pasted.strip():
            what, source = "text", "pasted text"
            text = gazetteer.decode_article(pasted.encode("utf-8"), name=source, max_bytes=MAX_UPLOAD_BYTES)
        else:
            st.warning(f"Choose a .txt file or paste the article's text (at most {MAX_UPLOAD_MB} MB; "
                       "a larger file is not taken).")
            return
    except gazetteer.ArticleError as e:
        st.error(f"That {what} cannot be read as an article: {e}")
        return
    by = reviewer()
    if not by:
        st.warning("Type your name first (the box above): the article is saved with it.")
        return
    if not outlet.strip():
        st.warning("Say which outlet published the article (it is the claimant of unattributed sentences).")
        return
    for name, value in (("URL", url), ("Archive URL", archive)):
        if value.strip() and not safe_href(value):
            st.error(f"{name}: expected an http(s) address, found {value.strip()!r}.")
            return
    from geo.store import AddResult, NewArticle, StoreError

    s = store()
    try:
        dup = s.find_article(url=url.strip() or None, text=text)
        if dup is not None:  # no extraction for an article the store has
            result = AddResult(article_id=dup, created=False, duplicate_of=dup, candidate_ids=())
        else:
            with st.spinner("Extracting the incidents…"):
                candidates = _extract(text, published=published, outlet=outlet.strip(), title=title.strip() or None,
                                      gz=gz)
            result = s.add_articles([NewArticle(
                text=text, published=published, outlet=outlet.strip(), url=url.strip() or None,
                title=title.strip() or None, archive_url=archive.strip() or None, byline=byline.strip() or None,
                source=source, candidates=candidates)], by=by)[0]
    except (StoreError, ValueError) as e:
        st.error(f"The article was not added: {e}")
        return
    added = st.session_state.setdefault("rv_added", [])
    aid = result.article_id if result.created else result.duplicate_of
    if aid not in added:
        added.append(aid)
    if result.created:
        st.session_state["rv_msg"] = (f"Added article {result.article_id}: {len(result.candidate_ids)} candidate(s) "
                                      "in the queue.")
        st.session_state["rv_current"] = result.candidate_ids[0] if result.candidate_ids else None
    else:
        st.session_state["rv_msg"] = (f"This article is already in the store as {result.duplicate_of} (same URL or "
                                      "same text): nothing was added twice.")
    st.rerun()


def added_articles() -> None:
    """The articles added in this session: candidates extracted, unresolved names, the text (escaped)."""
    added = st.session_state.get("rv_added") or []
    if not added:
        return
    s = store()
    queue = [_report_dict(r) for r in s.candidates()]
    for aid in added:
        art = _article(s, aid)
        if art is None:
            continue
        mine = [r for r in queue if r["article_id"] == aid]
        first = mine[0] if mine else {}
        unresolved = sorted(R.unresolved_names(mine))
        n_loc = sum(1 for r in mine if r.get("lat") is not None)
        with st.container(border=True):
            st.html(
                f'<div><b>{P.esc(art.get("title") or art.get("source") or aid)}</b> — {P.esc(art.get("outlet"))}, '
                f'{P.esc(str(art.get("published") or ""))}: {len(mine)} incident(s) extracted and waiting for review, '
                f'{n_loc} mapped <span class="atlas-unrev">unreviewed</span></div>'
                + (f'<div class="atlas-dim">Unresolved place names (not mapped): {P.esc(", ".join(unresolved))}</div>'
                   if unresolved else '<div class="atlas-dim">Every place name of its candidates was resolved.</div>')
                + '<details class="atlas-upload-text">'
                + "<summary>Show the article text (first candidate's sentence highlighted)</summary>"
                + P.article_html(art["text"], span_start=first.get("span_start"), span_end=first.get("span_end"),
                                 place_text=first.get("place_text"), title=art.get("title"), outlet=art.get("outlet"),
                                 published=str(art.get("published") or ""), reviewed=False)
                + "</details>"
            )


# ==========================================================================
# The queue
# ==========================================================================


def _field_widget(f: R.Field, value: Any, key: str, gz: gazetteer.Gazetteer) -> Any:
    """One field of the review form, starting at ``value``."""
    if f.kind == "choice":
        options: list[Any] = ([None] if f.optional else []) + list(f.codes)
        labels = CHOICE_LABELS.get(f.key, {})
        return st.selectbox(f.label, options, index=options.index(value) if value in options else 0, key=key,
                            format_func=lambda c: "—" if c is None else labels.get(c, c))
    if f.kind == "place":
        ids: list[Any] = [None, *sorted((p.id for p in gz), key=lambda i: gz.get(i).name.casefold())]
        return st.selectbox(f.label, ids, index=ids.index(value) if value in ids else 0, key=key,
                            format_func=lambda i: "— unresolved (no place) —" if i is None
                            else R.place_label(gz.get(i), gz),
                            help="Type any spelling (English, Arabic, aliases) to search.")
    if f.kind == "date":
        return st.date_input(f.label, value=value, min_value=EARLIEST_DATE, max_value=dt.date(2030, 12, 31), key=key)
    if f.kind == "count":
        return st.number_input(f.label, value=value, min_value=0, step=1, key=key, placeholder="not claimed")
    if f.kind == "flag":
        return st.checkbox(f.label, value=bool(value), key=key)
    return st.text_input(f.label, value=value or "", key=key)


def _queue(s: Any) -> list[str]:
    """The ids of the candidates waiting for review, in the store's order."""
    return [r["id"] for r in s.review_rows(status=("candidate",))]


def _act(s: Any, rid: str, decision: str, *, edits: Mapping[str, Any], why: str, event: str | None,
         version: int, by: str) -> str:
    """Apply the decision; the message to show. Raises the store's errors."""
    if decision == "accept":
        s.accept(rid, changes=dict(edits), by=by, why=why or None, expected_version=version)
        return f"Accepted {rid}" + (f" with {len(edits)} field(s) changed" if edits else "") + "."
    if decision == "reject":
        s.reject(rid, why=why, by=by, expected_version=version)
        return f"Rejected {rid}: {why}" + (" (your field edits were not saved: a rejection keeps the record as it was)"
                                           if edits else "")
    assert event is not None  # checked by the caller
    s.merge(rid, event, by=by, why=why or None, expected_version=version)
    return f"Merged {rid} into {event}." + (" Your field edits were not saved: a merge takes the record as it is."
                                            if edits else "")


def _show_conflict(s: Any, rid: str) -> None:
    """The stale edit kept in the session: both versions, and a way to save mine on top of the stored one."""
    c = st.session_state.get(f"rv_conflict_{rid}")
    if not c:
        return
    stored_report, stored_version, _status = s.get(rid)
    stored = R.form_values(_report_dict(stored_report))
    st.html(V.conflict_html(c["mine"], {k: (v.isoformat() if isinstance(v, dt.date) else v)
                                        for k, v in stored.items()},
                            yours=c["version"], stored_version=stored_version))
    a, b = st.columns(2)
    if a.button(f"Apply my {DECISIONS[c['decision']].split(' ')[0].lower()} on top of version {stored_version}",
                key=f"rv_over_{rid}"):
        st.session_state[f"rv_ver_{rid}"] = stored_version
        del st.session_state[f"rv_conflict_{rid}"]
        st.session_state["rv_msg"] = ("Your values are still in the form below: press Save to apply them to the "
                                      f"stored version {stored_version}.")
        st.rerun()
    if b.button("Drop my edit, show the stored version", key=f"rv_drop_{rid}"):
        for k in [k for k in st.session_state if str(k).startswith(f"rv_f_{rid}_")]:
            del st.session_state[k]
        st.session_state.pop(f"rv_ver_{rid}", None)
        del st.session_state[f"rv_conflict_{rid}"]
        st.rerun()


def review_form(s: Any, rid: str, *, report: Mapping[str, Any], version: int, gz: gazetteer.Gazetteer,
                events: Sequence[Mapping[str, Any]], all_events: Sequence[str]) -> None:
    """The candidate's fields and the decision, in one form: Enter (or Ctrl+Enter) saves."""
    start = R.form_values(report)
    with st.form(f"rv_form_{rid}", border=True, enter_to_submit=True):
        st.markdown("**Correct any field, then decide**")
        values: dict[str, Any] = {}
        for row in (R.EDITABLE[i : i + 3] for i in range(0, len(R.EDITABLE), 3)):
            for col, f in zip(st.columns(3), row, strict=False):  # one row at a time: Tab goes left to right
                with col:
                    values[f.key] = _field_widget(f, start[f.key], f"rv_f_{rid}_{f.key}", gz)
        d1, d2, d3 = st.columns([2, 3, 3])
        decision = d1.radio("Decision", list(DECISIONS), format_func=DECISIONS.get, key=f"rv_dec_{rid}")
        why = d2.text_input("Reason (why; required to reject)", key=f"rv_why_{rid}", max_chars=500)
        targets = [e["event_id"] for e in events] + [e for e in all_events if e not in {x["event_id"] for x in events}]
        event = d3.selectbox("Event to merge into (closest first)", targets, index=None, key=f"rv_ev_{rid}",
                             placeholder="Choose an event…")
        saved = st.form_submit_button("Save decision", type="primary", shortcut="Ctrl+Enter")
    if not saved:
        return
    by = reviewer()
    if not by:
        st.warning("Type your name at the top of the page first: every change is saved with it.")
        return
    if decision == "reject" and not why.strip():
        st.warning("Say why you reject it: a rejection needs a reason (the record is kept, with it).")
        return
    if decision == "merge" and not event:
        st.warning("Choose the event to merge it into.")
        return
    try:
        edits = R.changes(report, values, gz=gz)
    except R.BadValue as e:
        st.error(f"Nothing was saved: {e}.")
        return
    from geo.store import ConflictError, StoreError

    try:
        msg = _act(s, rid, decision, edits=edits, why=why.strip(), event=event, version=version, by=by)
    except ConflictError:
        st.session_state[f"rv_conflict_{rid}"] = {
            "mine": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()},
            "version": version, "decision": decision,
        }
        st.session_state["rv_current"] = rid
        st.rerun()
    except (StoreError, ValueError) as e:
        st.error(f"Nothing was saved: {e}")
        return
    st.session_state["rv_msg"] = msg
    st.session_state.pop(f"rv_ver_{rid}", None)
    st.session_state["rv_current"] = None  # the next one in the queue
    st.rerun()


def record_history(s: Any, rid: str, *, key: str = "hist") -> None:
    """A record's history (who, when, fields before and after, why) with an undo button per change."""
    changes = list(s.history(rid))
    st.html(V.history_html(changes))
    rows = V.history_rows(changes)
    # the newest review change still in force (adding and importing are not undone: nothing is deleted)
    undoable = [r for r in rows if not r["undone"] and r["action"] not in ("add", "import", "undo")]
    if not undoable:
        return
    cid = undoable[-1]["id"]
    if st.button(f"Undo change #{cid}", key=f"{key}_undo_{rid}_{cid}",
                 help="Puts the fields back as they were before it; the undo is itself recorded."):
        by = reviewer()
        if not by:
            st.warning("Type your name on the review page first: the undo is saved with it.")
            return
        from geo.store import StoreError

        try:
            s.undo(cid, by=by)
        except (StoreError, ValueError) as e:
            st.error(f"Nothing was undone: {e}")
            return
        st.rerun()


def _article(s: Any, article_id: str) -> Mapping[str, Any] | None:
    """The stored article (text and source) as a mapping, or None."""
    from geo.store import StoreError

    try:
        return dataclasses.asdict(s.article(article_id))
    except StoreError:
        return None


def queue_section(s: Any, *, gz: gazetteer.Gazetteer, places_fc: Mapping, countries_fc: Mapping,
                  curated: Callable[[], list[dict]]) -> None:
    """One candidate at a time beside its sentence, its small map and the events it could join."""
    queue = _queue(s)
    current: str | None = st.session_state.get("rv_current")
    # the candidate on screen stays there until this reviewer moves on, even when another reviewer's
    # decision took it out of the queue meanwhile: a form sent for it is then answered (a conflict), not lost
    stale = current is not None and current not in queue
    if not queue and not stale:
        st.success("No candidate is waiting for review. Add an article below.")
        return
    if current not in queue and not stale:
        current = queue[0]
    pos = queue.index(current) if current in queue else -1
    if pos >= 0:
        st.markdown(f"**Candidate {pos + 1} of {len(queue)}** — {len(queue)} left to review")
    else:
        st.markdown(f"**{current}** is no longer a candidate (another reviewer decided it) — {len(queue)} left")
    nav1, nav2, _ = st.columns([1, 1, 4])
    if nav1.button("← Previous", key="rv_prev", disabled=pos <= 0, shortcut="Alt+P"):
        st.session_state["rv_current"] = queue[pos - 1]
        st.rerun()
    if nav2.button("Skip →", key="rv_next", disabled=pos == len(queue) - 1 or not queue, shortcut="Alt+N"):
        st.session_state["rv_current"] = queue[pos + 1]
        st.rerun()
    rid = str(current)
    from geo.store import StoreError

    try:
        report_obj, version, _status = s.get(rid)
    except (StoreError, LookupError):  # not in this store (another store was opened): start at the queue's head
        st.session_state["rv_current"] = None
        st.rerun()
    st.session_state["rv_current"] = rid
    report = _report_dict(report_obj)
    version = st.session_state.setdefault(f"rv_ver_{rid}", version)
    _show_conflict(s, rid)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.html(P.report_html(report))
        art = _article(s, report["article_id"])
        if art is None:
            st.warning(f"The article {report['article_id']!r} is not in the store; only the quote is shown.")
        else:
            st.html(V.sentence_html(art["text"], span_start=report.get("span_start"), span_end=report.get("span_end"),
                                    place_text=report.get("place_text"), title=art.get("title"),
                                    outlet=art.get("outlet"), published=str(art.get("published") or ""),
                                    byline=art.get("byline"), url=art.get("url"), archive_url=art.get("archive_url")))
    pool = curated()
    events = R.possible_events(report, pool, gz=gz, days=NEAR_DAYS)
    with right:
        map_component(_small_map(rid, report.get("place_id"), gz, places_fc, countries_fc, report),
                      key=f"rv_map_{rid}", height=SMALL_MAP_HEIGHT)
        st.markdown("**Events it could join** (same or nearby place, within "
                    f"{NEAR_DAYS} days)")
        st.html(V.events_html(events, days=NEAR_DAYS))
    all_events = sorted({r["event_id"] for r in pool})
    review_form(s, rid, report=report, version=version, gz=gz, events=events, all_events=all_events)
    with st.expander("History of this candidate"):
        record_history(s, rid, key="rv_hist")


def _small_map(rid: str, place_id: str | None, gz: gazetteer.Gazetteer, places_fc: Mapping, countries_fc: Mapping,
               report: Mapping[str, Any]) -> str:
    return _small_map_cached(rid, place_id, report.get("event_type"), gz, places_fc, countries_fc, report)


@st.cache_data(show_spinner=False, max_entries=64)
def _small_map_cached(rid: str, place_id: str | None, event_type: str | None, _gz: gazetteer.Gazetteer,
                      _places_fc: Mapping, _countries_fc: Mapping, _report: Mapping[str, Any]) -> str:
    return V.small_map_html(_report, gz=_gz, places_fc=_places_fc, countries_fc=_countries_fc)


# ==========================================================================
# Grades, unresolved names, any record
# ==========================================================================


def grade_section(s: Any, curated: list[dict]) -> None:
    """Grade an event as Airwars does, with the reason."""
    events = sorted({r["event_id"] for r in curated})
    eid = st.selectbox("Event", events, index=None, key="rv_grade_event", placeholder="Choose an event…")
    if eid:
        grade_now, why_now = s.event_grades().get(eid, (None, None))
        st.html(V.grade_html(grade_now, why=why_now))
        with st.expander("Grading history of this event"):
            st.html(V.history_html(s.event_history(eid)))
    with st.form("rv_grade", enter_to_submit=True):
        grade = st.radio("Grade", R.GRADES, horizontal=True, key="rv_grade_grade",
                         format_func=lambda g: EVENT_GRADE_LABELS.get(g, g))
        why = st.text_input("Reason (required)", key="rv_grade_why", max_chars=500)
        go = st.form_submit_button("Save the grade")
    if go:
        by = reviewer()
        if not (by and eid and why.strip()):
            st.warning("A grade needs your name, an event and a reason.")
            return
        from geo.store import StoreError

        try:
            s.grade_event(eid, grade, why=why.strip(), by=by)
        except (StoreError, ValueError) as e:
            st.error(f"The grade was not saved: {e}")
            return
        st.session_state["rv_msg"] = f"Graded {eid} {grade}."
        st.rerun()


def unresolved_section(s: Any, *, gz: gazetteer.Gazetteer) -> None:
    """The names the extractor could not place, with their sentences (nothing is guessed), and a way
    to add the place, or the name to a known place, checked by ``gazetteer check``'s rules."""
    names = R.unresolved_names([_report_dict(r) for r in s.candidates()])
    if not names:
        st.caption("Every candidate's place is resolved.")
        return
    name = st.selectbox("Name", list(names), key="rv_un_name",
                        format_func=lambda n: f"{n} — {len(names[n])} candidate(s)")
    if name is None:
        return
    st.html(P.unresolved_html(names[name], limit=10))
    ids = sorted((p.id for p in gz), key=lambda i: gz.get(i).name.casefold())
    label = functools.partial(_place_label, gz)
    a, b = st.tabs(["A name of a known place", "A new place"])
    with a, st.form(f"rv_alias_{name}", enter_to_submit=True):
        pid = st.selectbox("Place", ids, index=None, key=f"rv_alias_place_{name}", format_func=label,
                           placeholder="Type any spelling…")
        alias = st.text_input("Name to add", value=name, key=f"rv_alias_text_{name}")
        why = st.text_input("Why (your source)", key=f"rv_alias_why_{name}")
        go_alias = st.form_submit_button("Add the name")
    with b, st.form(f"rv_place_{name}", enter_to_submit=True):
        c1, c2, c3 = st.columns(3)
        pname = c1.text_input("Name", value=name, key=f"rv_pl_name_{name}")
        kind = c2.selectbox("Kind", gazetteer.place.KINDS, index=gazetteer.place.KINDS.index("district"),
                            key=f"rv_pl_kind_{name}")
        parent = c3.selectbox("Inside", ids, index=ids.index("raqqa") if "raqqa" in ids else None,
                              key=f"rv_pl_parent_{name}", format_func=label)
        c4, c5, c6, c7 = st.columns(4)
        lat = c4.number_input("Latitude", value=None, min_value=-90.0, max_value=90.0, format="%.5f",
                              key=f"rv_pl_lat_{name}")
        lon = c5.number_input("Longitude", value=None, min_value=-180.0, max_value=180.0, format="%.5f",
                              key=f"rv_pl_lon_{name}")
        unc = c6.number_input("Uncertainty (m)", value=500, min_value=1, key=f"rv_pl_unc_{name}")
        quality = c7.selectbox("Geometry quality", gazetteer.place.GEOMETRY_QUALITIES,
                               index=gazetteer.place.GEOMETRY_QUALITIES.index("single_source"),
                               key=f"rv_pl_q_{name}")
        c8, c9 = st.columns(2)
        ref = c8.text_input("Source of the position (required)", key=f"rv_pl_ref_{name}",
                            placeholder="e.g. Wikimapia: …, GeoNames 123456")
        url = c9.text_input("Source URL", key=f"rv_pl_url_{name}")
        notes = st.text_input("Notes (doubts, caveats)", key=f"rv_pl_notes_{name}")
        go_place = st.form_submit_button("Add the place")
    if not (go_alias or go_place):
        return
    by = reviewer()
    if not by:
        st.warning("Type your name at the top of the page first: the addition is saved with it.")
        return
    from geo.store import StoreError

    try:
        if go_alias:
            if not pid:
                st.warning("Choose the place the name belongs to.")
                return
            s.add_alias(pid, alias.strip(), by=by, why=why.strip() or None)
            msg = f"Added the name {alias.strip()!r} to {gz.get(pid).name}."
        else:
            if lat is None or lon is None or not ref.strip():
                st.warning("A new place needs its position (latitude, longitude) and the source of it.")
                return
            feature = R.new_place_feature(
                name=pname, kind=kind, lat=float(lat), lon=float(lon), uncertainty_m=float(unc),
                geometry_quality=quality, source_ref=ref, source_url=url or None, parent=parent, aliases=[name],
                notes=notes or None, gz=gz)
            msg = f"Added the place {s.add_place(feature, by=by)}."
    except (StoreError, ValueError) as e:
        st.error(f"Nothing was added: {e}")
        return
    st.session_state["rv_msg"] = msg + " Choose it as the place of the candidates that name it."
    st.rerun()


def _place_label(gz: gazetteer.Gazetteer, pid: str) -> str:
    return R.place_label(gz.get(pid), gz)


def record_section(s: Any) -> None:
    """Any record by id: its fields and history (reviewed records too)."""
    rid = st.text_input("Record id", key="rv_find", placeholder="e.g. a-0123456789abcdef-c000")
    if not rid.strip():
        return
    from geo.store import StoreError

    try:
        report_obj, version, status = s.get(rid.strip())
    except (StoreError, KeyError, LookupError) as e:
        st.warning(f"No record {rid.strip()!r}: {e}")
        return
    st.caption(f"Status: {status} · version {version}")
    st.html(P.report_html(_report_dict(report_obj)))
    record_history(s, rid.strip(), key="rv_find_hist")


# ==========================================================================
# The page
# ==========================================================================


def review_page(*, gz: gazetteer.Gazetteer, places_fc: Mapping, countries_fc: Mapping,
                curated: Callable[[], list[dict]]) -> None:
    """The whole review page. ``curated()``: the accepted reports (the events candidates may join)."""
    st.html(V.REVIEW_CSS)
    st.header("Review candidates")
    st.caption("Candidates extracted from added articles wait here until a named reviewer accepts, corrects, "
               "rejects or merges them. Until then the map shows them apart, as candidates not reviewed. "
               "Every change is kept with who, when and why, and can be undone.")
    reviewer_box()
    msg = st.session_state.pop("rv_msg", None)
    if msg:
        st.success(msg)
    try:
        s = store()
    except Exception as e:  # noqa: BLE001 - say what is wrong with the store, keep the app alive
        st.error(f"The review store cannot be opened: {type(e).__name__}: {e}")
        return
    # ``gz`` is the atlas's gazetteer: the shipped places and those reviewers added (app.data.atlas_gazetteer)
    queue_section(s, gz=gz, places_fc=places_fc, countries_fc=countries_fc, curated=curated)
    with st.expander("Add an article", expanded=not _queue(s)):
        add_article_form(gz)
    with st.expander("Unresolved place names in the queue: add the place, or the name to a known place"):
        unresolved_section(s, gz=gz)
    with st.expander("Grade an event (confirmed, fair, weak, contested, discounted)"):
        grade_section(s, curated())
    with st.expander("Find any record and its history"):
        record_section(s)
