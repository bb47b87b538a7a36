"""The incident table under the map, and links that open the dashboard on one report or event.

Pure shaping (no Streamlit): :func:`incident_rows` turns the reports the filters let through into
the table's rows, in user words (labels from :mod:`geo.records.vocab`, place names from the
gazetteer); :func:`focus_of` reads a shared link's query parameters (``?report=ID`` or
``?event=ID``, as ACLED's and Airwars' incident pages have one address each) into what the
dashboard must show: the day, the place and the report to open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from gazetteer import Gazetteer
from geo.records.vocab import EVENT_TYPE_LABELS, STATUS_LABELS

#: The table's columns: key -> header, in order. ``link`` opens the dashboard on the report.
COLUMNS: Mapping[str, str] = {
    "date": "Date",
    "type": "Type",
    "place": "Place",
    "claimed_by": "Claimed by",
    "status": "Status",
    "deaths": "Deaths (claimed)",
    "outlet": "Outlet",
    "reviewed": "Reviewed",
    "quote": "What the article says",
    "link": "Link",
}


def _deaths(r: Mapping[str, Any]) -> str:
    """``12``, ``5–7`` or ``at least 25``: the claimed toll as the report states it; empty if none."""
    lo, best, hi = r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high")
    if best is not None:
        return str(best)
    if lo is not None and hi is not None:
        return str(lo) if lo == hi else f"{lo}–{hi}"
    if lo is not None:
        return f"at least {lo}"
    if hi is not None:
        return f"up to {hi}"
    return ""


def _dates(r: Mapping[str, Any]) -> str:
    a, b = r.get("date_start"), r.get("date_end")
    if not a:
        return ""
    return a if not b or b == a else f"{a} – {b}"


def report_link(report_id: str) -> str:
    """The dashboard's address of one report, relative to the app (``?report=ID``)."""
    return f"?report={quote(report_id, safe='')}"


def event_link(event_id: str) -> str:
    """The dashboard's address of one event (``?event=ID``)."""
    return f"?event={quote(event_id, safe='')}"


def place_name(gz: Gazetteer, r: Mapping[str, Any]) -> str:
    """The report's place as a reader names it: the gazetteer's name, else the words of the article."""
    pid = r.get("place_id")
    if pid and pid in gz:
        return gz.get(pid).name
    text = r.get("place_text")
    return f"{text} (not mapped)" if text else "(no place named)"


def incident_rows(reports: Iterable[Mapping[str, Any]], *, gz: Gazetteer, max_quote: int = 160) -> list[dict[str, Any]]:
    """One row per report, newest first, keys as :data:`COLUMNS` plus ``id`` and ``place_id``.

    ``id`` stays out of the shown columns (ids are for exports and links), but the dashboard needs it
    to know which row was picked.
    """
    rows = []
    for r in reports:
        q = " ".join(str(r.get("quote") or "").split())
        rows.append(
            {
                "id": r["id"],
                "place_id": r.get("place_id"),
                "date": _dates(r),
                "type": EVENT_TYPE_LABELS.get(r.get("event_type") or "", r.get("event_type") or ""),
                "place": place_name(gz, r),
                "claimed_by": r.get("claimed_by") or "",
                "status": STATUS_LABELS.get(r.get("status") or "", r.get("status") or ""),
                "deaths": _deaths(r),
                "outlet": r.get("outlet") or "",
                "reviewed": bool(r.get("reviewed", True)),
                "quote": q if len(q) <= max_quote else q[: max_quote - 1].rstrip() + "…",
                "link": report_link(r["id"]),
            }
        )
    rows.sort(key=lambda row: (row["date"], row["id"]), reverse=True)
    return rows


@dataclass(frozen=True)
class Focus:
    """What a shared link asks the dashboard to show."""

    report_id: str | None
    event_id: str | None
    day: dt.date | None
    place_id: str | None


def focus_of(params: Mapping[str, str], reports: Sequence[Mapping[str, Any]]) -> Focus | None:
    """The focus named by ``?report=`` (first) or ``?event=``; ``None`` if neither names a known one.

    The day is the first day of the report's date range (of the event's earliest report), the place its
    place; an event's report is the first of its reports that has a place.
    """
    rid, eid = params.get("report"), params.get("event")
    if rid:
        r = next((x for x in reports if x.get("id") == rid), None)
        if r is not None:
            return Focus(r["id"], r.get("event_id"), _day(r), r.get("place_id"))
    if eid:
        rs = sorted(
            (x for x in reports if x.get("event_id") == eid), key=lambda x: (x.get("date_start") or "", x["id"])
        )
        if rs:
            first = next((x for x in rs if x.get("place_id")), rs[0])
            return Focus(first["id"], eid, _day(rs[0]), first.get("place_id"))
    return None


def _day(r: Mapping[str, Any]) -> dt.date | None:
    d = r.get("date_start")
    try:
        return dt.date.fromisoformat(d) if d else None
    except ValueError:
        return None


@dataclass(frozen=True)
class CandidateCount:
    """Unreviewed reports: how many there are, and how many of them the filters hide."""

    total: int
    hidden: int

    @property
    def shown(self) -> int:
        return self.total - self.hidden


def candidate_count(all_reports: Iterable[Mapping[str, Any]], shown: Iterable[Mapping[str, Any]]) -> CandidateCount:
    """Count the candidates (``reviewed`` false) of ``all_reports`` and those missing from ``shown``."""
    every = {r["id"] for r in all_reports if not r.get("reviewed", True)}
    visible = {r["id"] for r in shown if not r.get("reviewed", True)}
    return CandidateCount(len(every), len(every - visible))


def search_rows(rows: Sequence[Mapping[str, Any]], query: str) -> list[Mapping[str, Any]]:
    """The rows holding every word of ``query`` in one of their shown columns (case-insensitive)."""
    words = query.casefold().split()
    if not words:
        return list(rows)
    keys = [k for k in COLUMNS if k not in ("link", "reviewed")]
    out = []
    for row in rows:
        hay = " ".join(str(row.get(k) or "") for k in keys).casefold()
        if all(w in hay for w in words):
            out.append(row)
    return out
