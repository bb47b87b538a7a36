"""The review store: articles, reports and their review, events and their grades, every change.

:func:`open_store` opens (and on first use creates) a store; :class:`Store` reads
and writes it. Every write is one transaction; a report's ``version`` guards
against two reviewers overwriting each other (:class:`ConflictError`); nothing
is ever deleted (a rejected report keeps its row, an undo is one more change).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

import gazetteer
from gazetteer import Gazetteer
from geo.records.report import Report
from geo.records.vocab import EVENT_GRADES
from geo.store import schema as t
from geo.store.edits import apply_changes
from geo.store.engine import checkpoint, embedded_path, make_engine, migrate, resolve_url, write_transaction
from geo.store.errors import BadChange, ConflictError, StoreError
from geo.store.records import (
    REPORT_COLUMNS,
    AddResult,
    Change,
    NewArticle,
    StoredArticle,
    article_id_of,
    comparable,
    normalise_text,
    report_row,
    row_report,
    rows_reports,
    text_sha256,
    utc,
)

_WANTED = [t.reports.c[k] for k in REPORT_COLUMNS] + [t.articles.c.url, t.articles.c.archive_url]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _unknown(rid: str) -> BadChange:
    return BadChange(f"record {rid!r}: id: expected the id of a report in the store, found {rid!r}")


class Store:
    """An open review store (see :func:`open_store`). Close it with :meth:`close` or a ``with`` block."""

    def __init__(self, engine: Engine, url: str, *, gz: Gazetteer | None = None) -> None:
        self.engine = engine
        self.url = url
        self._gz = gz
        self._gz_given = gz is not None
        self._gz_added = -1  # the additions self._gz was read with

    # -- housekeeping -----------------------------------------------------------

    @property
    def backend(self) -> str:
        """``embedded`` (the GeoPackage file) or ``postgis``."""
        return "embedded" if embedded_path(self.url) is not None else "postgis"

    @property
    def gz(self) -> Gazetteer:
        """The gazetteer places are checked against: the one given, else the shipped one with the
        places and aliases reviewers added."""
        if self._gz_given:
            return self._gz  # type: ignore[return-value]  # given at open: never None
        # read again when anyone (another process too) has added a place or an alias since
        added = self._places_version()
        if self._gz is None or added != self._gz_added:
            from geo.store.places import gazetteer_with_additions

            self._gz = gazetteer_with_additions(self.engine) or gazetteer.load()
            self._gz_added = added
        return self._gz

    def _places_version(self) -> int:
        from sqlalchemy import func, select

        from geo.store import schema

        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.max(schema.places_added.c.fid))) or 0)

    # -- the gazetteer's additions --------------------------------------------------

    def add_place(self, feature: Mapping[str, Any], *, by: str, why: str | None = None) -> str:
        """Add a place (a feature as ``places.geojson`` writes one), checked as ``gazetteer check`` checks;
        returns its id. :class:`BadChange` lists every problem."""
        from geo.store.places import add_place

        _check_by("place", by)
        pid = add_place(self.engine, dict(feature), by=by, why=why)
        self._gz, self._gz_given = None, False  # read again, with the new place
        return pid

    def add_alias(self, place_id: str, alias: str, *, by: str, why: str | None = None) -> None:
        """Add a name of a known place, checked as ``gazetteer check`` checks (an alias two places share
        must be declared ambiguous by both)."""
        from geo.store.places import add_alias

        _check_by(f"place {place_id}", by)
        add_alias(self.engine, place_id, alias, by=by, why=why)
        self._gz, self._gz_given = None, False

    def gazetteer_additions(self) -> dict[str, Any]:
        """The places and aliases added, as a GeoJSON FeatureCollection in the ``places.geojson`` format."""
        from geo.store.places import additions_geojson

        return additions_geojson(self.engine)

    def version(self) -> int:
        """A number that grows with every write: the newest change's id plus the newest place addition's.

        Every write to reports (an article added, a review, an undo, a grade) records a change and
        every place or alias added records an addition, so a cache keyed on this is stale after any
        write, by anyone. Two indexed ``max()`` reads in one query.
        """
        from sqlalchemy import func, select

        from geo.store import schema

        newest = select(
            func.coalesce(select(func.max(schema.changes.c.fid)).scalar_subquery(), 0)
            + func.coalesce(select(func.max(schema.places_added.c.fid)).scalar_subquery(), 0)
        )
        with self.engine.connect() as conn:
            return int(conn.scalar(newest) or 0)

    def close(self) -> None:
        """Release the connections (the embedded file gets its write-ahead log folded in first)."""
        try:
            checkpoint(self.engine)
        except SQLAlchemyError:
            pass  # another process holds the file: it folds the log in when it is done
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- articles ---------------------------------------------------------------

    def add_articles(self, batch: Sequence[NewArticle], *, by: str) -> list[AddResult]:
        """Add articles and their candidates in ONE transaction (all or nothing).

        An article whose URL or normalised text is already stored, or comes
        earlier in the batch, is not added again: its result names the first.
        """
        results: list[AddResult] = []
        now = _now()
        with write_transaction(self.engine) as conn:
            seen_url: dict[str, str] = {}
            seen_text: dict[str, str] = {}
            for a in batch:
                sha = text_sha256(a.text)
                dup = seen_text.get(sha) or (seen_url.get(a.url) if a.url else None)
                dup = dup or _find_article(conn, url=a.url, sha=sha)
                if dup is not None:
                    results.append(AddResult(article_id=dup, created=False, duplicate_of=dup, candidate_ids=()))
                    continue
                aid = article_id_of(a.text)
                seen_text[sha] = aid
                if a.url:
                    seen_url[a.url] = aid
                conn.execute(
                    insert(t.articles).values(
                        id=aid,
                        text=a.text,
                        text_sha256=sha,
                        url=a.url,
                        archive_url=a.archive_url,
                        outlet=a.outlet,
                        title=a.title,
                        byline=a.byline,
                        published=a.published.isoformat(),
                        published_earliest=a.published,
                        published_latest=a.published,
                        date_precision="day",
                        story_id=a.story_key or aid,
                        source=a.source,
                        reviewed=False,
                        added_by=by,
                        added_at=now,
                    )
                )
                if a.story_bands:
                    conn.execute(
                        insert(t.story_bands),
                        [{"article_id": aid, "band": i, "bucket": b} for i, b in enumerate(a.story_bands)],
                    )
                cands = _renumber(aid, a)
                _insert_reports(conn, cands, status="candidate", by=by, at=now, action="add")
                results.append(
                    AddResult(article_id=aid, created=True, duplicate_of=None, candidate_ids=tuple(r.id for r in cands))
                )
        return results

    def earliest_story(self, bands: Sequence[int]) -> str | None:
        """The story of the earliest stored article whose LSH bucket in some band is ``bands[band]``
        (``None``: none); see :mod:`geo.ingest.syndication`. One indexed query."""
        if not bands:
            return None
        with self.engine.connect() as conn:
            return conn.scalar(_earliest_story_query(len(bands)), {f"b{i}": b for i, b in enumerate(bands)})

    def find_article(self, *, url: str | None = None, text: str | None = None) -> str | None:
        """The id of the stored article with this URL or this (normalised) text, else ``None``."""
        with self.engine.connect() as conn:
            return _find_article(conn, url=url, sha=text_sha256(text) if text is not None else None)

    def article_ids(self) -> set[str]:
        """The ids of every stored article."""
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.articles.c.id)))

    def article(self, article_id: str) -> StoredArticle:
        """One stored article (:class:`BadChange` naming the id when there is none)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
        if row is None:
            raise BadChange(
                f"article {article_id!r}: id: expected the id of an article in the store, found {article_id!r}"
            )
        kw = {k: row[k] for k in StoredArticle.__dataclass_fields__}
        kw["added_at"] = utc(kw["added_at"])
        return StoredArticle(**kw)

    # -- reading reports ----------------------------------------------------------

    def _select(self) -> Select[Any]:
        return select(*_WANTED).select_from(t.reports.outerjoin(t.articles, t.articles.c.id == t.reports.c.article_id))

    def reports(self, *, status: Sequence[str] = ("accepted",)) -> list[Report]:
        """The reports with these review statuses, in the order they were stored (curated + accepted by default)."""
        _check_statuses(status)
        q = self._select().where(t.reports.c.review_status.in_(list(status))).order_by(t.reports.c.fid)
        with self.engine.connect() as conn:
            res = conn.execute(q)
            return rows_reports(list(res.keys()), res.all())

    def report_dicts(self, *, include_candidates: bool = False) -> list[dict[str, Any]]:
        """The flat properties every export carries (:meth:`Report.to_dict`): the accepted reports, and the
        candidates too when asked (``reviewed: false``); a graded event's reports carry ``grade`` and
        ``grade_why``. Rejected reports are never exported."""
        status = ("accepted", "candidate") if include_candidates else ("accepted",)
        grades = self.event_grades()
        out = []
        for r in self.reports(status=status):
            if r.event_id in grades:
                r = _replace(r, grade=grades[r.event_id][0], grade_why=grades[r.event_id][1])
            out.append(r.to_dict())
        return out

    def candidates(self) -> list[Report]:
        """The reports waiting for review, in the order they were added."""
        return self.reports(status=("candidate",))

    def counts(self) -> dict[str, int]:
        """How many reports have each review status."""
        q = select(t.reports.c.review_status, func.count()).group_by(t.reports.c.review_status)
        with self.engine.connect() as conn:
            got = {s: n for s, n in conn.execute(q)}
        return {s: int(got.get(s, 0)) for s in t.REVIEW_STATUSES}

    def review_rows(self, *, status: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One line a report for a review queue: id, status, version, event, type, date, place, article, who."""
        c = t.reports.c
        q = select(
            c.id, c.review_status, c.version, c.event_id, c.event_type, c.status, c.date_start, c.date_end,
            c.place_id, c.place_text, c.article_id, c.origin, c.reviewed_by, c.review_why,
        ).order_by(c.fid)  # fmt: skip
        if status is not None:
            _check_statuses(status)
            q = q.where(c.review_status.in_(list(status)))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        for r in rows:
            r["date_start"], r["date_end"] = r["date_start"].isoformat(), r["date_end"].isoformat()
        return rows

    def unresolved(self, *, status: Sequence[str] = ("candidate",)) -> list[dict[str, Any]]:
        """The place names left unresolved (a ``place_text`` but no ``place_id``), each with the reports
        and sentences that name it, most often named first: the gazetteer's to-do list for reviewers."""
        _check_statuses(status)
        c = t.reports.c
        q = (
            select(c.place_text, c.id, c.quote)
            .where(c.review_status.in_(list(status)), c.place_id.is_(None), c.place_text.is_not(None))
            .order_by(c.fid)
        )
        names: dict[str, list[dict[str, str]]] = {}
        with self.engine.connect() as conn:
            for name, rid, quote in conn.execute(q):
                names.setdefault(name, []).append({"report_id": rid, "quote": quote})
        ranked = sorted(names.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [{"place_text": name, "reports": reps} for name, reps in ranked]

    def get(self, report_id: str) -> tuple[Report, int, str]:
        """``(report, version, review_status)`` of one report (:class:`BadChange` for an unknown id)."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    self._select()
                    .add_columns(t.reports.c.version, t.reports.c.review_status)
                    .where(t.reports.c.id == report_id)
                )
                .mappings()
                .first()
            )
        if row is None:
            raise _unknown(report_id)
        return row_report(row), int(row["version"]), str(row["review_status"])

    def event_ids(self) -> set[str]:
        """Every event id a report of the store belongs to."""
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.reports.c.event_id).distinct()))

    # -- review -------------------------------------------------------------------

    def accept(
        self,
        report_id: str,
        *,
        changes: Mapping[str, object] | None = None,
        by: str,
        why: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Accept a report, with a reviewer's ``changes`` to its fields; returns its new version.

        Raises
        ------
        BadChange
            An unknown id, a field that does not exist or may not change, a value of the wrong kind.
        ConflictError
            ``expected_version`` is not the stored one: somebody changed it since. Nothing is written.
        """
        return self._review(report_id, "accept", dict(changes or {}), by=by, why=why, expected_version=expected_version)

    def reject(self, report_id: str, *, why: str, by: str, expected_version: int | None = None) -> int:
        """Reject a report, with the reason (the row stays); returns its new version."""
        if not why or not why.strip():
            raise BadChange(f"record {report_id!r}: why: expected the reason of the rejection, found {why!r}")
        return self._review(report_id, "reject", {}, by=by, why=why, expected_version=expected_version)

    def merge(
        self, report_id: str, event_id: str, *, by: str, why: str | None = None, expected_version: int | None = None
    ) -> int:
        """Accept a report as one more report of an existing event; returns its new version."""
        return self._review(
            report_id, "merge", {"event_id": event_id}, by=by, why=why, expected_version=expected_version
        )

    def _review(
        self,
        rid: str,
        action: str,
        changes: dict[str, object],
        *,
        by: str,
        why: str | None,
        expected_version: int | None,
    ) -> int:
        _check_by(rid, by)
        with write_transaction(self.engine) as conn:
            old, version, status, article_text = _locked(conn, rid)
            _check_version(rid, expected_version, version, old, status, changes)
            if action == "merge":
                target = changes["event_id"]
                exists = conn.scalar(select(func.count()).select_from(t.reports).where(t.reports.c.event_id == target))
                if not exists:
                    raise BadChange(
                        f"record {rid!r}: event_id: expected the id of an event in the store, found {target!r}"
                    )
            new = apply_changes(old, changes, article_text=article_text, gz=self.gz) if changes else old
            new_status = "rejected" if action == "reject" else "accepted"
            before, after = _diff(comparable(old), comparable(new))
            before["review_status"], after["review_status"] = status, new_status
            if action != "reject" and not old.reviewed:
                before["reviewed"], after["reviewed"] = False, True
                new = _replace(new, reviewed=True)
            return _write_report(
                conn, rid, new, version=version, status=new_status, by=by, why=why, action=action,
                before=before, after=after,
            )  # fmt: skip

    def history(self, report_id: str) -> list[Change]:
        """Every change of a report, oldest first (:class:`BadChange` for an unknown id)."""
        with self.engine.connect() as conn:
            if conn.scalar(select(t.reports.c.fid).where(t.reports.c.id == report_id)) is None:
                raise _unknown(report_id)
            rows = conn.execute(
                select(t.changes).where(t.changes.c.report_id == report_id).order_by(t.changes.c.fid)
            ).mappings()
            return [_change(r) for r in rows]

    def event_history(self, event_id: str) -> list[Change]:
        """Every grading of an event, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.changes)
                .where(and_(t.changes.c.event_id == event_id, t.changes.c.report_id.is_(None)))
                .order_by(t.changes.c.fid)
            ).mappings()
            return [_change(r) for r in rows]

    def undo(self, change_id: int, *, by: str, why: str | None = None) -> int:
        """Undo one change by writing a new one that puts the fields back; returns the new change's id.

        Refused (:class:`BadChange`) when a field it changed has been changed again since.
        """
        _check_by(f"change {change_id}", by)
        with write_transaction(self.engine) as conn:
            row = conn.execute(select(t.changes).where(t.changes.c.fid == change_id)).mappings().first()
            if row is None:
                raise BadChange(
                    f"change {change_id!r}: id: expected the id of a change in the store, found {change_id!r}"
                )
            ch = _change(row)
            if ch.report_id is not None:
                return _undo_report(conn, ch, by=by, why=why)
            return _undo_event(conn, ch, by=by, why=why)

    # -- events -------------------------------------------------------------------

    def grade_event(self, event_id: str, grade: str | None, *, why: str, by: str) -> int:
        """Grade an event as Airwars does (``None`` takes the grade away); returns the change's id."""
        _check_by(f"event {event_id}", by)
        if grade is not None and grade not in EVENT_GRADES:
            raise BadChange(f"event {event_id!r}: grade: expected one of {', '.join(EVENT_GRADES)}, found {grade!r}")
        if not why or not why.strip():
            raise BadChange(f"event {event_id!r}: grade_why: expected the reason of the grade, found {why!r}")
        with write_transaction(self.engine) as conn:
            if not conn.scalar(select(func.count()).select_from(t.reports).where(t.reports.c.event_id == event_id)):
                raise BadChange(f"event {event_id!r}: id: expected the id of an event in the store, found {event_id!r}")
            old = _event_row(conn, event_id)
            before = (
                {"grade": old["grade"], "grade_why": old["grade_why"]} if old else {"grade": None, "grade_why": None}
            )
            after = {"grade": grade, "grade_why": why}
            return _set_grade(conn, event_id, after, before=before, by=by, why=why, action="grade")

    def event_grades(self) -> dict[str, tuple[str | None, str | None]]:
        """``event_id -> (grade, why)`` of every graded event."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.events.c.id, t.events.c.grade, t.events.c.grade_why))
            return {i: (g, w) for i, g, w in rows if g is not None}

    # -- bulk import (curated records) ----------------------------------------------------

    def import_reports(
        self, reports: Iterable[Report], *, by: str, status: str = "accepted", articles: Iterable[Any] = ()
    ) -> int:
        """Store already-checked reports (curated records, generated ones) in one transaction; returns how many.

        ``articles`` (:class:`geo.records.articles.Article`) are stored first when not there yet.
        """
        _check_statuses((status,))
        now = _now()
        reps = list(reports)
        with write_transaction(self.engine) as conn:
            have = set(conn.scalars(select(t.articles.c.id)))
            rows = [_seed_article_row(a, by=by, at=now) for a in articles if a.id not in have]
            if rows:
                conn.execute(insert(t.articles), rows)
            _insert_reports(conn, reps, status=status, by=by, at=now, action="import")
        return len(reps)

    def meta(self, key: str) -> str | None:
        """A value of the store's own bookkeeping (e.g. ``seeded``)."""
        with self.engine.connect() as conn:
            return conn.scalar(select(t.meta.c.value).where(t.meta.c.key == key))


# ---------------------------------------------------------------------------
# helpers (each inside the caller's transaction)


def _check_statuses(status: Sequence[str]) -> None:
    bad = [s for s in status if s not in t.REVIEW_STATUSES]
    if bad or isinstance(status, str):
        raise BadChange(f"--status: expected one of {', '.join(t.REVIEW_STATUSES)}, found {bad or status!r}")


def _check_by(what: str, by: str) -> None:
    if not isinstance(by, str) or not by.strip():
        raise BadChange(f"{what}: by: expected the reviewer's name, found {by!r}")


@functools.lru_cache(maxsize=4)
def _earliest_story_query(n: int) -> Select:
    """:meth:`Store.earliest_story`'s query for ``n`` bands, built once (it runs for every ingested article)."""
    sb = t.story_bands
    hit = or_(*(and_(sb.c.band == i, sb.c.bucket == bindparam(f"b{i}")) for i in range(n)))
    first = select(sb.c.article_id).where(hit).order_by(sb.c.fid).limit(1).scalar_subquery()
    return select(t.articles.c.story_id).where(t.articles.c.id == first)


def _find_article(conn: Connection, *, url: str | None, sha: str | None) -> str | None:
    if url:
        found = conn.scalar(select(t.articles.c.id).where(t.articles.c.url == url).limit(1))
        if found is not None:
            return found
    if sha:
        return conn.scalar(select(t.articles.c.id).where(t.articles.c.text_sha256 == sha).limit(1))
    return None


def _replace(r: Report, **kw: Any) -> Report:
    return dataclasses.replace(r, **kw)


def _renumber(aid: str, a: NewArticle) -> list[Report]:
    """The candidates under the store's ids: ``{aid}-cNNN``, their events ``{aid}-eNNN`` (grouping kept)."""
    events: dict[str, str] = {}
    out = []
    for n, r in enumerate(a.candidates, start=1):
        ev = events.setdefault(r.event_id, f"{aid}-e{len(events) + 1:03d}")
        out.append(
            _replace(r, id=f"{aid}-c{n:03d}", event_id=ev, article_id=aid, reviewed=False, url=None, archive_url=None)
        )
    return out


def _insert_reports(
    conn: Connection, reps: Sequence[Report], *, status: str, by: str, at: dt.datetime, action: str
) -> None:
    if not reps:
        return
    rows = []
    for r in reps:
        row = report_row(r)
        row.update(review_status=status, version=1, reviewed_by=by if status != "candidate" else None,
                   reviewed_at=at if status != "candidate" else None, review_why=None)  # fmt: skip
        rows.append(row)
    conn.execute(insert(t.reports), rows)
    conn.execute(
        insert(t.changes),
        [
            {"report_id": r.id, "event_id": r.event_id, "action": action, "by": by, "at": at, "before": None,
             "after": {"review_status": status}, "why": None, "undone_of": None}
            for r in reps
        ],
    )  # fmt: skip


def _locked(conn: Connection, rid: str) -> tuple[Report, int, str, str | None]:
    """The report, its version and status, and its article's text, the row locked for this transaction."""
    q = (
        select(*[t.reports.c[k] for k in REPORT_COLUMNS], t.reports.c.version, t.reports.c.review_status,
               t.articles.c.text)
        .select_from(t.reports.outerjoin(t.articles, t.articles.c.id == t.reports.c.article_id))
        .where(t.reports.c.id == rid)
        .with_for_update(of=t.reports)
    )  # fmt: skip
    row = conn.execute(q).mappings().first()
    if row is None:
        raise _unknown(rid)
    return row_report(row), int(row["version"]), str(row["review_status"]), row["text"]


def _check_version(
    rid: str, expected: int | None, stored: int, report: Report, status: str, changes: Mapping[str, object]
) -> None:
    if expected is not None and expected != stored:
        raise ConflictError(
            rid,
            expected_version=expected,
            stored_version=stored,
            stored={**report.to_dict(), "review_status": status, "version": stored},
            changes=changes,
        )


def _diff(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in b if a.get(k) != b.get(k)]
    return {k: a.get(k) for k in keys}, {k: b.get(k) for k in keys}


def _write_report(
    conn: Connection,
    rid: str,
    new: Report,
    *,
    version: int,
    status: str,
    by: str,
    why: str | None,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    undone_of: int | None = None,
) -> int:
    now = _now()
    values = report_row(new)
    values.update(review_status=status, version=version + 1, reviewed_by=by, reviewed_at=now, review_why=why)
    res = conn.execute(
        update(t.reports).where(and_(t.reports.c.id == rid, t.reports.c.version == version)).values(**values)
    )
    if res.rowcount != 1:  # cannot happen under the lock; kept as the guard it would be without one
        raise ConflictError(rid, expected_version=version, stored_version=-1)
    conn.execute(
        insert(t.changes).values(
            report_id=rid, event_id=new.event_id, action=action, by=by, at=now, before=before, after=after,
            why=why, undone_of=undone_of,
        )
    )  # fmt: skip
    return version + 1


def _change(r: Mapping[Any, Any]) -> Change:
    return Change(
        id=int(r["fid"]),
        report_id=r["report_id"],
        event_id=r["event_id"],
        action=r["action"],
        by=r["by"],
        at=utc(r["at"]),
        before=dict(r["before"] or {}),
        after=dict(r["after"] or {}),
        why=r["why"],
        undone_of=r["undone_of"],
    )


def _undo_report(conn: Connection, ch: Change, *, by: str, why: str | None) -> int:
    rid = ch.report_id
    assert rid is not None
    if ch.action in ("import", "add"):
        raise BadChange(f"change {ch.id}: action: expected a review change to undo, found {ch.action!r}")
    old, version, status, _text = _locked(conn, rid)
    now = {**comparable(old), "review_status": status, "reviewed": old.reviewed}
    moved = [k for k, v in ch.after.items() if now.get(k) != v]
    if moved:
        raise BadChange(
            f"record {rid!r}: {moved[0]}: expected {ch.after[moved[0]]!r} as change {ch.id} left it "
            f"(a later change must be undone first), found {now.get(moved[0])!r}"
        )
    restore = {k: v for k, v in ch.before.items() if k != "review_status"}
    new = _replace(old, **{k: v if k != "places_mentioned" or v is None else tuple(v) for k, v in restore.items()})
    new_status = ch.before.get("review_status", status)
    _write_report(
        conn, rid, new, version=version, status=new_status, by=by, why=why, action="undo",
        before=dict(ch.after), after=dict(ch.before), undone_of=ch.id,
    )  # fmt: skip
    return int(conn.scalar(select(func.max(t.changes.c.fid))) or 0)


def _event_row(conn: Connection, event_id: str) -> Mapping[Any, Any] | None:
    return conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()


def _set_grade(
    conn: Connection,
    event_id: str,
    after: dict[str, Any],
    *,
    before: dict[str, Any],
    by: str,
    why: str | None,
    action: str,
    undone_of: int | None = None,
) -> int:
    now = _now()
    vals = {"grade": after["grade"], "grade_why": after["grade_why"], "graded_by": by, "graded_at": now}
    if _event_row(conn, event_id) is None:
        conn.execute(insert(t.events).values(id=event_id, version=1, **vals))
    else:
        conn.execute(update(t.events).where(t.events.c.id == event_id).values(version=t.events.c.version + 1, **vals))
    res = conn.execute(
        insert(t.changes).values(
            report_id=None, event_id=event_id, action=action, by=by, at=now, before=before, after=after, why=why,
            undone_of=undone_of,
        )
    )  # fmt: skip
    return int(res.inserted_primary_key[0])  # type: ignore[index]


def _undo_event(conn: Connection, ch: Change, *, by: str, why: str | None) -> int:
    eid = ch.event_id
    assert eid is not None
    row = _event_row(conn, eid)
    now = {"grade": row["grade"], "grade_why": row["grade_why"]} if row else {}
    if now != ch.after:
        raise BadChange(
            f"event {eid!r}: grade: expected {ch.after.get('grade')!r} as change {ch.id} left it "
            f"(a later change must be undone first), found {now.get('grade')!r}"
        )
    return _set_grade(conn, eid, dict(ch.before), before=dict(ch.after), by=by, why=why, action="undo", undone_of=ch.id)


def _seed_article_row(a: Any, *, by: str, at: dt.datetime) -> dict[str, Any]:
    """The row of a :class:`geo.records.articles.Article` (a seed: reviewed, under its catalog id)."""
    return {
        "id": a.id,
        "text": a.text,
        "text_sha256": text_sha256(a.text),
        "url": getattr(a, "url", None),
        "archive_url": getattr(a, "archive_url", None),
        "outlet": a.outlet,
        "title": a.title,
        "byline": None,
        "published": a.published,
        "published_earliest": a.published_earliest,
        "published_latest": a.published_latest,
        "date_precision": a.date_precision,
        "story_id": a.id,
        "source": a.file,
        "reviewed": a.reviewed,
        "added_by": by,
        "added_at": at,
    }


# ---------------------------------------------------------------------------


#: Who the seeds' curated records are imported by.
SEED_IMPORTER = "seed import"


def open_store(url: str | os.PathLike | None = None, *, create: bool = True, gz: Gazetteer | None = None) -> Store:
    """Open the review store (``url``, else ``ATLAS_STORE``, else ``geo.settings.DEFAULT_STORE``).

    The schema is migrated to the newest version. A new store (``create``) is
    made with its folder, and its first use imports the five seeds' curated
    reports as accepted curated records.

    Raises
    ------
    StoreError
        The store cannot be reached or made, or ``create`` is off and there is none.
    """
    resolved = resolve_url(url)
    path = embedded_path(resolved)
    if path is not None:
        if not path.exists():
            if not create:
                raise StoreError(f"no store at {path}: run `python -m geo store init` first")
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(resolved)
    try:
        migrate(engine)
        store = Store(engine, resolved, gz=gz)
        if create:
            _seed(store)
        checkpoint(engine)
    except SQLAlchemyError as e:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"store {where}: {type(e).__name__}: {e.args[0] if e.args else e}") from e
    return store


def _seed(store: Store) -> None:
    """Import the seeds' curated reports once, on first use."""
    if store.meta("seeded") is not None:
        return
    from geo.records.articles import load_catalog
    from geo.records.incidents import load_curated

    arts = load_catalog()
    reps = load_curated({a.id: a for a in arts}, store.gz)
    now = _now()
    with write_transaction(store.engine) as conn:
        if conn.scalar(select(t.meta.c.value).where(t.meta.c.key == "seeded")) is not None:
            return  # another process seeded it meanwhile
        have = set(conn.scalars(select(t.articles.c.id)))
        rows = [_seed_article_row(a, by=SEED_IMPORTER, at=now) for a in arts if a.id not in have]
        if rows:
            conn.execute(insert(t.articles), rows)
        _insert_reports(conn, reps, status="accepted", by=SEED_IMPORTER, at=now, action="import")
        conn.execute(insert(t.meta).values(key="seeded", value=now.isoformat(timespec="seconds")))


__all__ = ["Store", "open_store", "normalise_text", "SEED_IMPORTER"]
