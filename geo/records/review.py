"""Reviewing a candidate report: the fields a reviewer may edit, their checks, and what it could join.

Pure logic for the dashboard's review page (:mod:`app.review`) and anything
else that edits a report: no Streamlit, no store. The store
(:mod:`geo.store`) saves what :func:`changes` returns; it checks again.

* :data:`EDITABLE`: every field the review form offers, in tab order, with its kind;
* :func:`form_values` / :func:`changes`: a report's values as the form shows them,
  and the fields a filled-in form changes (typed; ``BadValue`` names record,
  field, what was expected and what was found);
* :func:`possible_events`: the events a candidate could join (same place or one
  inside/around it, dates within a few days);
* :func:`place_label`: a gazetteer place with every spelling, for the place picker;
* :func:`unresolved_names`: names the extractor could not place, with their sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gazetteer import Gazetteer, Place
from geo.exc import GeoError
from geo.records.report import CLAIM_KEYS, claim_problems, iso_date
from geo.records.vocab import DATE_PRECISIONS, EVENT_GRADES, EVENT_TYPES, EXTENTS, STATUSES

__all__ = [
    "EDITABLE",
    "GRADES",
    "BadValue",
    "Field",
    "changes",
    "form_values",
    "place_label",
    "possible_events",
    "graded_reports",
    "new_place_feature",
    "with_grades",
    "unresolved_names",
]

#: Airwars' grades of an event, strongest first (defined once, in :mod:`geo.records.vocab`).
GRADES: tuple[str, ...] = EVENT_GRADES


class BadValue(GeoError, ValueError):
    """A value typed into the review form that the field cannot hold; the message names all four."""

    def __init__(self, record: str, field: str, expected: str, found: Any) -> None:
        self.record, self.field, self.expected, self.found = record, field, expected, found
        super().__init__(f"record {record!r}: {field}: expected {expected}, found {found!r}")


@dataclass(frozen=True)
class Field:
    """One editable field: its report key, label, kind and, for a choice, its codes.

    ``kind``: ``choice`` (one of ``codes``; ``None`` allowed when ``optional``),
    ``place`` (a gazetteer id or ``None``: unresolved), ``date`` (ISO), ``count``
    (a non-negative whole number or ``None``), ``text`` (``""`` -> ``None`` when
    ``optional``), ``flag`` (true/false).
    """

    key: str
    label: str
    kind: str
    codes: tuple[str, ...] = ()
    optional: bool = True


#: The review form's fields in tab order (issue 17: type, place, dates, tolls, claimant, status,
#: actor/target, control). Labels are the words reviewers see.
EDITABLE: tuple[Field, ...] = (
    Field("event_type", "Event type", "choice", EVENT_TYPES, optional=False),
    Field("place_id", "Place (gazetteer; empty = unresolved)", "place"),
    Field("date_start", "First day", "date", optional=False),
    Field("date_end", "Last day", "date", optional=False),
    Field("date_precision", "Date precision", "choice", DATE_PRECISIONS, optional=False),
    Field("deaths_low", "Killed: low", "count"),
    Field("deaths_best", "Killed: best", "count"),
    Field("deaths_high", "Killed: high", "count"),
    Field("claimed_by", "Claimed by", "text", optional=False),
    Field("status", "Status", "choice", STATUSES, optional=False),
    Field("actor", "Actor", "text"),
    Field("target", "Target", "text"),
    Field("control_actor", "Control: actor", "text"),
    Field("control_extent", "Control: extent", "choice", EXTENTS),
    Field("civilian_harm", "Civilian harm", "flag", optional=False),
)
_BY_KEY = {f.key: f for f in EDITABLE}


def form_values(report: Mapping[str, Any]) -> dict[str, Any]:
    """The values the form starts with: dates as :class:`datetime.date`, texts as ``""`` when empty."""
    out: dict[str, Any] = {}
    for f in EDITABLE:
        v = report.get(f.key)
        if f.kind == "date":
            v = iso_date(v)
        elif f.kind == "text":
            v = v or ""
        elif f.kind == "flag":
            v = bool(v)
        out[f.key] = v
    return out


def _typed(rid: str, f: Field, value: Any, gz: Gazetteer | None) -> Any:  # noqa: C901 - one branch per kind
    """``value`` from the form as the report holds it (raises :class:`BadValue`)."""
    if f.kind == "text":
        text = (value or "").strip() if isinstance(value, str) or value is None else value
        if not isinstance(text, str):
            raise BadValue(rid, f.key, "a text", value)
        if not text and not f.optional:
            raise BadValue(rid, f.key, "a text (it may not be empty)", value)
        return text or None
    if f.kind == "flag":
        if not isinstance(value, bool):
            raise BadValue(rid, f.key, "true or false", value)
        return value
    if value in (None, ""):
        if not f.optional:
            raise BadValue(rid, f.key, "a value", value)
        return None
    if f.kind == "choice":
        if value not in f.codes:
            raise BadValue(rid, f.key, f"one of {', '.join(f.codes)}", value)
        return value
    if f.kind == "place":
        if gz is not None and value not in gz:
            raise BadValue(rid, f.key, "the id of a gazetteer place, or empty (unresolved)", value)
        return value
    if f.kind == "date":
        day = value if isinstance(value, dt.date) else iso_date(value)
        if day is None:
            raise BadValue(rid, f.key, "a date YYYY-MM-DD", value)
        return day.isoformat()
    if f.kind == "count":
        if isinstance(value, bool):
            raise BadValue(rid, f.key, "a whole number of 0 or more, or empty", value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        # isdecimal, not isdigit: "²" is a digit that int() refuses
        if isinstance(value, str) and value.strip().isdecimal():
            value = int(value.strip())
        if not isinstance(value, int) or value < 0:
            raise BadValue(rid, f.key, "a whole number of 0 or more, or empty", value)
        return value
    raise ValueError(f"field {f.key}: unknown kind {f.kind!r}")


def changes(report: Mapping[str, Any], values: Mapping[str, Any], *, gz: Gazetteer | None = None) -> dict[str, Any]:
    """The fields ``values`` (from the form) change in ``report``, typed as the report holds them.

    Only keys of :data:`EDITABLE` are read. The edited report as a whole must
    still be a valid claim (:func:`~geo.records.report.claim_problems`: dates in
    order, ``low <= best <= high``...); a territory change needs its control
    actor and extent.

    Raises
    ------
    BadValue
        For the first field that cannot hold its value, or the first problem of the edited claim.
    """
    rid = str(report.get("id", "<no id>"))
    out: dict[str, Any] = {}
    for key, value in values.items():
        f = _BY_KEY.get(key)
        if f is None:
            raise BadValue(rid, key, f"a field of the review form ({', '.join(_BY_KEY)})", value)
        typed = _typed(rid, f, value, gz)
        if typed != report.get(key):
            out[key] = typed
    edited = {**report, **out}
    if edited.get("event_type") == "territory_change":
        for key in ("control_actor", "control_extent"):
            if not edited.get(key):
                raise BadValue(rid, key, "a value (a territory change says who took the place and how far)", None)
    for problem in claim_problems({k: edited.get(k) for k in CLAIM_KEYS}):
        # claim_problems names record, field, expected and found; report the first one about an edited field
        m = _PROBLEM.match(problem)
        if m and m["field"] in out:
            raise BadValue(rid, m["field"], m["expected"], edited.get(m["field"]))
    return out


_PROBLEM = re.compile(r"record .*?: (?P<field>\w+): expected (?P<expected>.*), found .*$", re.S)


# ---------------------------------------------------------------------------
# what a candidate could join


def _days_apart(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """Days between two reports' date ranges (0 when they overlap)."""
    a0, a1 = iso_date(a.get("date_start")), iso_date(a.get("date_end"))
    b0, b1 = iso_date(b.get("date_start")), iso_date(b.get("date_end"))
    if None in (a0, a1, b0, b1):
        return 10**6
    assert a0 and a1 and b0 and b1  # for mypy: checked just above
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def _near_places(gz: Gazetteer, place_id: str) -> set[str]:
    """The place, the places inside it, and the places it lies in below city level."""
    near = {place_id, *(p.id for p in gz.descendants(place_id))}
    near |= {p.id for p in gz.ancestors(place_id) if p.kind not in ("country", "governorate", "region", "city")}
    return near


def possible_events(
    candidate: Mapping[str, Any], reports: Iterable[Mapping[str, Any]], *, gz: Gazetteer, days: int = 3, limit: int = 8
) -> list[dict[str, Any]]:
    """The events ``candidate`` could join: reports at the same or a nearby place within ``days``.

    Each item is ``{"event_id", "place_name", "date_start", "date_end", "event_types",
    "n_reports", "days_apart", "same_type"}``, closest first (same type, then fewer
    days apart). An unresolved candidate matches by the name as written. The
    candidate itself and its own event are left out.
    """
    pid = candidate.get("place_id")
    near = _near_places(gz, pid) if pid and pid in gz else set()
    text = (candidate.get("place_text") or "").casefold()
    by_event: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in reports:
        if r.get("id") == candidate.get("id") or r.get("event_id") == candidate.get("event_id"):
            continue
        same_place = (r.get("place_id") in near) if near else bool(text) and (
            (r.get("place_text") or "").casefold() == text)
        if same_place and _days_apart(candidate, r) <= days:
            by_event[r["event_id"]].append(r)
    out = []
    for eid, rs in by_event.items():
        out.append({
            "event_id": eid,
            "place_name": rs[0].get("place_name") or rs[0].get("place_text"),
            "date_start": min(r["date_start"] for r in rs),
            "date_end": max(r["date_end"] for r in rs),
            "event_types": sorted({r["event_type"] for r in rs}),
            "n_reports": len(rs),
            "days_apart": min(_days_apart(candidate, r) for r in rs),
            "same_type": any(r["event_type"] == candidate.get("event_type") for r in rs),
        })
    out.sort(key=lambda e: (not e["same_type"], e["days_apart"], e["date_start"], e["event_id"]))
    return out[:limit]


def with_grades(events: Iterable[Mapping[str, Any]], grades: Mapping[str, tuple[str | None, str | None]]) -> list[dict]:
    """Events (:func:`geo.records.events.group_events`) with their reviewers' ``grade`` and ``grade_why`` (or None)."""
    return [{**e, "grade": grades.get(e["event_id"], (None, None))[0],
             "grade_why": grades.get(e["event_id"], (None, None))[1]} for e in events]


def graded_reports(reports: Iterable[Mapping[str, Any]],
                   grades: Mapping[str, tuple[str | None, str | None]]) -> list[dict]:
    """Reports for export: a graded event's reports carry ``grade`` and ``grade_why`` (as ``geo export`` writes
    them); the others are unchanged. Not for :func:`~geo.records.events.group_events`, which takes plain reports."""
    return [{**r, "grade": grades[r["event_id"]][0], "grade_why": grades[r["event_id"]][1]}
            if r.get("event_id") in grades else dict(r) for r in reports]


# ---------------------------------------------------------------------------
# places


def place_label(place: Place, gz: Gazetteer) -> str:
    """``name (kind, in Parent) — every other spelling``: what the place picker shows and searches."""
    parent = gz.get(place.parent).name if place.parent and place.parent in gz else None
    others = [n for n in place.names if n != place.name] + ([place.name_ar] if place.name_ar else [])
    where = f"{place.kind}, in {parent}" if parent else place.kind
    return f"{place.name} ({where})" + (f" — {', '.join(others)}" if others else "")


def _slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.casefold())
    return "-".join(p for p in out.split("-") if p)


def new_place_feature(
    *, name: str, kind: str, lat: float, lon: float, uncertainty_m: float, geometry_quality: str,
    source_ref: str, source_url: str | None = None, source_note: str | None = None, parent: str | None = None,
    aliases: Sequence[str] = (), notes: str | None = None, gz: Gazetteer | None = None,
) -> dict[str, Any]:
    """A new gazetteer place as ``places.geojson`` writes one: a point with its uncertainty and its source.

    Its id is the parent's id and the name's slug (``raqqa-test-street``), as the shipped
    places are named. The checks (``gazetteer check``'s rules) are the store's, on saving.
    """
    slug = _slug(name) or "place"
    pid = f"{parent}-{slug}" if parent and not slug.startswith(parent) else slug
    if gz is not None and pid in gz:
        n = 2
        while f"{pid}-{n}" in gz:
            n += 1
        pid = f"{pid}-{n}"
    names = [a.strip() for a in aliases if a and a.strip() and a.strip() != name.strip()]
    return {
        "type": "Feature",
        "id": pid,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "name": name.strip(), "aliases": list(dict.fromkeys(names)), "kind": kind, "parent": parent,
            "lat": lat, "lon": lon, "uncertainty_m": uncertainty_m, "geometry_quality": geometry_quality,
            "sources": [{"ref": source_ref.strip(), "url": (source_url or "").strip() or None, "supports": "point",
                         "note": (source_note or "").strip() or None}],
            "notes": (notes or "").strip() or None, "ambiguous": False, "radius_m": None,
        },
    }


def unresolved_names(reports: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Place names written in the reports that have no gazetteer place, each with its reports (name order)."""
    out: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in reports:
        if not r.get("place_id") and r.get("place_text"):
            out[r["place_text"]].append(r)
    return dict(sorted(out.items(), key=lambda kv: kv[0].casefold()))
