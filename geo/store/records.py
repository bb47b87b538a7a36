"""The store's records in Python: what goes in (:class:`NewArticle`), what comes out
(:class:`AddResult`, :class:`Change`, :class:`StoredArticle`), and the conversion of
a :class:`~geo.records.report.Report` to a row and back."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from geo.records.report import Report

#: Report fields that are not columns of ``reports``: the links live on the article, the grade on the event.
LINK_FIELDS: tuple[str, ...] = ("url", "archive_url", "grade", "grade_why")
#: The ``reports`` columns that hold a Report's fields.
REPORT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Report) if f.name not in LINK_FIELDS)
_DATES = ("date_start", "date_end")


@dataclass(frozen=True)
class NewArticle:
    """An article to add, with what the caller knows of it and the candidates extracted from it."""

    text: str
    published: dt.date
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    archive_url: str | None = None
    byline: str | None = None
    source: str | None = None
    """Where it was read from (file path / row), for the ingest summary."""
    story_key: str | None = None
    """Syndication group chosen by the caller (ingest: MinHash/LSH); ``None``: its own story."""
    story_bands: tuple[int, ...] = ()
    """Its LSH bucket in each band (ingest), kept so that later copies find its story."""
    candidates: tuple[Report, ...] = ()
    """The extractor's reports of it (:class:`geo.records.report.Report`), in its order."""


@dataclass(frozen=True)
class AddResult:
    """What became of one :class:`NewArticle`."""

    article_id: str
    """Deterministic: ``"a-"`` + the first 16 hex digits of the SHA-256 of the normalised text."""
    created: bool
    """``False`` when the same URL or the same normalised text was already stored."""
    duplicate_of: str | None
    """The stored article's id when ``created`` is ``False``."""
    candidate_ids: tuple[str, ...]
    """Deterministic: ``f"{article_id}-c{n:03d}"`` in extractor order (empty for a duplicate)."""


@dataclass(frozen=True)
class Change:
    """One change of a record, as kept: who, when, the fields before and after, and why."""

    id: int
    report_id: str | None
    event_id: str | None
    action: str
    """``import``, ``add``, ``accept``, ``reject``, ``merge``, ``grade`` or ``undo``."""
    by: str
    at: dt.datetime
    before: dict[str, Any]
    after: dict[str, Any]
    why: str | None
    undone_of: int | None
    """The change this one undid (``undo`` only)."""

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data (``at`` as ISO 8601 UTC)."""
        return {
            "id": self.id,
            "report_id": self.report_id,
            "event_id": self.event_id,
            "action": self.action,
            "by": self.by,
            "at": self.at.isoformat(timespec="seconds"),
            "before": self.before,
            "after": self.after,
            "why": self.why,
            "undone_of": self.undone_of,
        }


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store holds it."""

    id: str
    text: str
    url: str | None
    archive_url: str | None
    outlet: str | None
    title: str | None
    byline: str | None
    published: str
    published_earliest: dt.date
    published_latest: dt.date
    date_precision: str
    story_id: str | None
    source: str | None
    reviewed: bool
    added_by: str
    added_at: dt.datetime


def normalise_text(text: str) -> str:
    """The text two copies of one article share: Unicode NFKC, whitespace runs as one space, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def article_id_of(text: str) -> str:
    """An added article's id: ``a-`` and the first 16 hex digits of :func:`text_sha256`."""
    return "a-" + text_sha256(text)[:16]


def utc(value: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC time (SQLite gives it back without its zone)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def report_row(r: Report) -> dict[str, Any]:
    """A report's columns (dates as dates, the point as ``(lon, lat)``); the review columns are the caller's."""
    row = {k: getattr(r, k) for k in REPORT_COLUMNS}
    for k in _DATES:
        row[k] = dt.date.fromisoformat(row[k])
    row["places_mentioned"] = list(r.places_mentioned) if r.places_mentioned is not None else None
    row["geom"] = (r.lon, r.lat) if r.has_point else None
    return row


def row_report(row: Mapping[Any, Any]) -> Report:
    """The report of a row of ``reports`` (with the article's ``url`` and ``archive_url`` when selected)."""
    kw = {k: row[k] for k in REPORT_COLUMNS}
    for k in _DATES:
        kw[k] = kw[k].isoformat()
    pm = kw["places_mentioned"]
    kw["places_mentioned"] = tuple(pm) if pm is not None else None
    return Report(**kw, url=row.get("url"), archive_url=row.get("archive_url"))


def rows_reports(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[Report]:
    """The reports of many rows at once (``names``: the selected columns, Report fields all): :func:`row_report`
    without a mapping per row, which is most of the time of loading 50,000 records."""
    out = []
    for row in rows:
        kw = dict(zip(names, row, strict=True))
        kw["date_start"] = kw["date_start"].isoformat()
        kw["date_end"] = kw["date_end"].isoformat()
        pm = kw["places_mentioned"]
        if pm is not None:
            kw["places_mentioned"] = tuple(pm)
        out.append(Report(**kw))
    return out


def comparable(r: Report) -> dict[str, Any]:
    """A report's fields as JSON-ready values, for the before/after of a change."""
    d = {k: getattr(r, k) for k in REPORT_COLUMNS}
    d["places_mentioned"] = list(r.places_mentioned) if r.places_mentioned is not None else None
    return d
