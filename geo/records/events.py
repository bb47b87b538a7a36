"""Group reports of one real-world event; keep competing claims side by side.

Nothing here picks a winner: an :class:`Event` carries every claimed date,
toll and extent with who claims it, and names the fields on which its reports
disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from geo.records.report import Report


def _plain(value: Any) -> Any:
    """A record's value as the exports hold it: tuples as lists, claims as dicts."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (DateClaim, TollClaim, InjuredClaim, ExtentClaim)):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class DateClaim:
    """When one report says the event happened."""

    report_id: str
    claimed_by: str
    outlet: str | None
    date_start: str
    date_end: str
    date_precision: str
    date_text: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TollClaim:
    """The death toll one report gives, and whose deaths (``group``)."""

    report_id: str
    claimed_by: str
    outlet: str | None
    low: int | None
    best: int | None
    high: int | None
    group: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InjuredClaim:
    """The injured count one report gives."""

    report_id: str
    claimed_by: str
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtentClaim:
    """How far one report says a place changed hands, and to whom."""

    report_id: str
    claimed_by: str
    place_id: str | None
    extent: str | None
    actor: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """The reports of one ``event_id``: their span, places and sources, and every claim.

    The event sits at its most specific located place (``lat``/``lon``
    ``None`` when no report of it is located). ``deaths_low_min`` is the
    lowest claimed toll, ``deaths_high_max`` the highest; ``competing`` names
    the kinds of claim (``date``, ``deaths``, ``injured``, ``extent``) on
    which reports disagree.
    """

    event_id: str
    event_types: tuple[str, ...]
    munitions: tuple[str, ...]
    date_start: str
    date_end: str
    place_ids: tuple[str, ...]
    place_id: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    place_uncertainty_m: float | None
    n_reports: int
    n_articles: int
    report_ids: tuple[str, ...]
    claimants: tuple[str, ...]
    outlets: tuple[str | None, ...]
    statuses: tuple[str, ...]
    deaths_low_min: int | None
    deaths_high_max: int | None
    civilian_harm: bool
    reviewed: bool
    dates: tuple[DateClaim, ...]
    deaths: tuple[TollClaim, ...]
    injured: tuple[InjuredClaim, ...]
    extents: tuple[ExtentClaim, ...]
    competing: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The event's properties as exported (lists and dicts, in field order)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def to_feature(self) -> dict[str, Any]:
        """The event as a GeoJSON Feature (``null`` geometry when no report of it is located)."""
        geom = {"type": "Point", "coordinates": [self.lon, self.lat]} if self.lat is not None else None
        return {"type": "Feature", "id": self.event_id, "geometry": geom, "properties": self.to_dict()}


def _event(eid: str, reports: list[Report]) -> Event:
    rs = sorted(reports, key=lambda r: (r.date_start, r.id))
    dates = tuple(
        DateClaim(
            report_id=r.id,
            claimed_by=r.claimed_by,
            outlet=r.outlet,
            date_start=r.date_start,
            date_end=r.date_end,
            date_precision=r.date_precision,
            date_text=r.date_text,
        )
        for r in rs
    )
    deaths = tuple(
        TollClaim(
            report_id=r.id,
            claimed_by=r.claimed_by,
            outlet=r.outlet,
            low=r.deaths_low,
            best=r.deaths_best,
            high=r.deaths_high,
            group=r.casualty_group,
        )
        for r in rs
        if r.has_deaths
    )
    injured = tuple(
        InjuredClaim(report_id=r.id, claimed_by=r.claimed_by, low=r.injured_low, high=r.injured_high)
        for r in rs
        if r.has_injured
    )
    extents = tuple(
        ExtentClaim(
            report_id=r.id, claimed_by=r.claimed_by, place_id=r.place_id, extent=r.control_extent, actor=r.control_actor
        )
        for r in rs
        if r.control_extent
    )
    competing = []
    if len({(d.date_start, d.date_end) for d in dates}) > 1:
        competing.append("date")
    if len({(d.low, d.best, d.high) for d in deaths}) > 1:
        competing.append("deaths")
    if len({(i.low, i.high) for i in injured}) > 1:
        competing.append("injured")
    if len({(e.place_id, e.extent) for e in extents}) > 1 and len({e.place_id for e in extents}) < len(extents):
        competing.append("extent")
    # the event sits at its most specific place (the one with the smallest uncertainty)
    located = [r for r in rs if r.has_point]
    anchor = min(located, key=lambda r: r.place_uncertainty_m or 1e12) if located else None
    return Event(
        event_id=eid,
        event_types=tuple(sorted({r.event_type for r in rs})),
        munitions=tuple(sorted({r.munition for r in rs if r.munition})),
        date_start=min(r.date_start for r in rs),
        date_end=max(r.date_end for r in rs),
        place_ids=tuple(dict.fromkeys(r.place_id for r in rs if r.place_id)),
        place_id=anchor.place_id if anchor else None,
        place_name=anchor.place_name if anchor else rs[0].place_name,
        lat=anchor.lat if anchor else None,
        lon=anchor.lon if anchor else None,
        place_uncertainty_m=anchor.place_uncertainty_m if anchor else None,
        n_reports=len(rs),
        n_articles=len({r.article_id for r in rs}),
        report_ids=tuple(r.id for r in rs),
        claimants=tuple(sorted({r.claimed_by for r in rs})),
        outlets=tuple(sorted({r.outlet for r in rs})),  # type: ignore[type-var]  # every report has an outlet
        statuses=tuple(sorted({r.status for r in rs})),
        deaths_low_min=min((d.low for d in deaths if d.low is not None), default=None),
        deaths_high_max=max((d.high or d.low or 0 for d in deaths), default=None) if deaths else None,
        civilian_harm=any(r.civilian_harm for r in rs),
        reviewed=all(r.reviewed for r in rs),
        dates=dates,
        deaths=deaths,
        injured=injured,
        extents=extents,
        competing=tuple(competing),
    )


def events_of(reports: Iterable[Report]) -> list[Event]:
    """One :class:`Event` per ``event_id``, in order of earliest date (then id)."""
    by_event: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_event[r.event_id].append(r)
    out = [_event(eid, rs) for eid, rs in by_event.items()]
    out.sort(key=lambda e: (e.date_start, e.event_id))
    return out


def group_events(reports: Iterable[Mapping[str, Any]]) -> list[dict]:
    """:func:`events_of` for the consumers that hold reports as flat dicts (layers, the
    dashboard): each dict is read with :meth:`Report.from_dict`, each event given as
    :meth:`Event.to_dict`.

    Raises
    ------
    CuratedDataError
        Naming the report and field of a dict that is no report.
    """
    return [e.to_dict() for e in events_of(Report.from_dict(r, source="reports to group") for r in reports)]


def event_feature(ev: Mapping[str, Any]) -> dict:
    """An event's dict (from :func:`group_events`) as a GeoJSON Feature (:meth:`Event.to_feature` for an Event)."""
    geom = {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]} if ev.get("lat") is not None else None
    return {"type": "Feature", "id": ev["event_id"], "geometry": geom, "properties": dict(ev)}


#: place kinds too coarse for two articles' reports at one place to be one event by place alone
_BROAD_KINDS = frozenset({"city", "governorate", "region", "country", "river", "zone"})
#: the longest date range (days) a report may span and still be matched across articles
LINK_MAX_DAYS = 7


def _day_span(r: Report) -> int:
    return (date.fromisoformat(r.date_end) - date.fromisoformat(r.date_start)).days + 1


def _one_change(a: Report, b: Report) -> bool:
    """Are ``a`` and ``b`` changes of control of one place below a city won by one named party? A
    district, a village or a landmark passes to one party once over overlapping dates, however
    vaguely each story dates it ("the SDF took al-Mishlab on Tuesday", "al-Mishlab is in SDF hands")."""
    return (
        a.event_type == "territory_change"
        and a.control_actor is not None
        and a.control_actor == b.control_actor
        and a.place_kind is not None
        and a.place_kind not in _BROAD_KINDS
    )


def _same_incident(a: Report, b: Report) -> bool:
    """Do two reports of different articles tell one incident? Same type and place, dated in the text
    (not only by publication), overlapping dates no wider than a week; at a city or wider place
    only when both name the same single day. A change of control of a place below a city to one
    named party needs overlapping dates only (:func:`_one_change`)."""
    if a.article_id == b.article_id or a.event_type != b.event_type or a.place_id is None or a.place_id != b.place_id:
        return False
    if a.date_start > b.date_end or b.date_start > a.date_end:
        return False
    if _one_change(a, b):
        return True
    if a.date_text is None or b.date_text is None:
        return False
    if _day_span(a) > LINK_MAX_DAYS or _day_span(b) > LINK_MAX_DAYS:
        return False
    if a.control_actor and b.control_actor and a.control_actor != b.control_actor:
        return False
    if a.place_kind in _BROAD_KINDS:
        return a.date_start == a.date_end == b.date_start == b.date_end
    return True


def link_events(reports: Iterable[Report]) -> list[Report]:
    """``reports`` with the events that several articles tell joined into one ``event_id``.

    Only unreviewed reports (``reviewed`` false: the extractor's) are linked; a curated
    report's event is the coder's and is never changed. Each joined event takes the smallest
    of its events' ids; the reports, their claims and figures are kept as they are
    (:func:`events_of` then shows them side by side).
    """
    rs = list(reports)
    parent: dict[str, str] = {}

    def root(e: str) -> str:
        while parent.get(e, e) != e:
            e = parent[e]
        return e

    open_ = [r for r in rs if not r.reviewed]
    by_place: dict[str, list[Report]] = defaultdict(list)
    for r in open_:
        if r.place_id is not None:
            by_place[r.place_id].append(r)
    for group in by_place.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _same_incident(a, b):
                    ra, rb = root(a.event_id), root(b.event_id)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    if not parent:
        return rs
    return [replace(r, event_id=root(r.event_id)) if not r.reviewed else r for r in rs]
