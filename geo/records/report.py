"""The typed incident report: one claim from one article, with its place and source.

A :class:`Report` is what every export carries as a report's properties
(``geo/data/README.md`` documents the claim fields). The curated file and the
extractor both end in one; the map, the panel and the exports still take the
flat dict of :meth:`Report.to_dict` (converted at their boundary).

:func:`claim_problems` checks the fields a claim is coded with, alone (no
article, no gazetteer); :meth:`Report.from_dict` checks a whole flat report.
Both name every problem as ``record 'id': field: expected ..., found ...``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeGuard

from geo.exc import CuratedDataError
from geo.records.standards import ACLED_TIME_PRECISION, ACLED_TYPES, UCDP_DATE_PREC
from geo.records.vocab import DATE_PRECISIONS, EVENT_GRADES, EVENT_TYPES, EXTENTS, GEOMETRY_QUALITY_LABELS, STATUSES

#: Where a report comes from: the curated file, the extractor, or the dashboard's generator.
ORIGINS: tuple[str, ...] = ("curated", "extracted", "synthetic")

#: Claim fields that must hold a value.
REQUIRED: tuple[str, ...] = (
    "id",
    "event_id",
    "article_id",
    "quote",
    "span_start",
    "span_end",
    "event_type",
    "status",
    "claimed_by",
    "date_start",
    "date_end",
    "date_precision",
)
#: Casualty counts: non-negative whole numbers or null.
COUNTS: tuple[str, ...] = ("deaths_low", "deaths_best", "deaths_high", "injured_low", "injured_high")
# (lower, upper) pairs of counts; the upper one is named when they disagree
_ORDERED = (
    ("deaths_low", "deaths_high"),
    ("injured_low", "injured_high"),
    ("deaths_low", "deaths_best"),
    ("deaths_best", "deaths_high"),
)
_CLAIM_TEXTS = ("place_text", "place_id", "munition", "actor", "target", "date_text", "casualty_group", "notes")
_MORE_TEXTS = (
    "control_actor",
    "control_from",
    "place_name",
    "place_kind",
    "outlet",
    "title",
    "published",
    "url",
    "archive_url",
    "grade_why",
)
# derived from event_type and date_precision (properties below); a flat dict may carry them
_DERIVED = ("acled_event_type", "acled_sub_event_type", "time_precision", "date_prec")

# Key orders of today's exports, kept so that they stay byte-identical: the
# curated file's field order (control flattened, the place and source after),
# and the extractor's (place after the date, then every place it mentions).
_TAIL = (
    "control_actor",
    "control_from",
    "control_extent",
    "place_name",
    "place_kind",
    "place_uncertainty_m",
    "place_geometry_quality",
    "lat",
    "lon",
    *_DERIVED,
    "outlet",
    "title",
    "published",
    "reviewed",
    "origin",
)
#: The fields of a claim as the curated file codes them (its ``control`` object flattened to ``control_*``).
CLAIM_KEYS: tuple[str, ...] = (
    "id",
    "event_id",
    "article_id",
    "quote",
    "span_start",
    "span_end",
    "place_text",
    "place_id",
    "geo_precision",
    "event_type",
    "munition",
    "actor",
    "target",
    "status",
    "claimed_by",
    "date_text",
    "date_start",
    "date_end",
    "date_precision",
    *COUNTS,
    "casualty_group",
    "civilian_harm",
    "notes",
)
CURATED_KEYS: tuple[str, ...] = (*CLAIM_KEYS, *_TAIL)
EXTRACTED_KEYS: tuple[str, ...] = (
    "id",
    "event_id",
    "article_id",
    "quote",
    "span_start",
    "span_end",
    "event_type",
    "munition",
    "actor",
    "target",
    "status",
    "claimed_by",
    "date_text",
    "date_start",
    "date_end",
    "date_precision",
    "place_id",
    "place_text",
    "geo_precision",
    "places_mentioned",
    *COUNTS,
    "casualty_group",
    "civilian_harm",
    "notes",
    *_TAIL,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One claim from one article (fields as in ``geo/data/README.md``), placed and sourced.

    Dates are ISO strings (``YYYY-MM-DD``), as exported; :attr:`start` and
    :attr:`end` give them as dates. Codes are from :mod:`geo.records.vocab`.
    ``lat``/``lon`` are the place's representative point, ``None`` when the
    place is unresolved (never a guessed point). ``places_mentioned`` is
    recorded by the extractor only (``None`` otherwise). ``url`` and
    ``archive_url`` (the article's links) and ``grade``/``grade_why`` (its
    event's grade) come from the review store; :meth:`to_dict` writes them only
    when the report has them.
    """

    id: str
    event_id: str
    article_id: str
    quote: str
    span_start: int
    span_end: int
    place_text: str | None = None
    place_id: str | None = None
    geo_precision: int | None = None
    event_type: str
    munition: str | None = None
    actor: str | None = None
    target: str | None = None
    status: str
    claimed_by: str
    date_text: str | None = None
    date_start: str
    date_end: str
    date_precision: str
    deaths_low: int | None = None
    deaths_best: int | None = None
    deaths_high: int | None = None
    injured_low: int | None = None
    injured_high: int | None = None
    casualty_group: str | None = None
    civilian_harm: bool = False
    notes: str | None = None
    control_actor: str | None = None
    control_from: str | None = None
    control_extent: str | None = None
    place_name: str | None = None
    place_kind: str | None = None
    place_uncertainty_m: float | None = None
    place_geometry_quality: str | None = None
    lat: float | None = None
    lon: float | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    reviewed: bool = False
    origin: str
    places_mentioned: tuple[str, ...] | None = None
    url: str | None = None
    archive_url: str | None = None
    grade: str | None = None
    grade_why: str | None = None

    # -- derived --------------------------------------------------------------

    @property
    def acled_event_type(self) -> str | None:
        """ACLED's ``event_type`` for ours."""
        return ACLED_TYPES[self.event_type][0] if self.event_type in ACLED_TYPES else None

    @property
    def acled_sub_event_type(self) -> str | None:
        """ACLED's ``sub_event_type`` for ours."""
        return ACLED_TYPES[self.event_type][1] if self.event_type in ACLED_TYPES else None

    @property
    def time_precision(self) -> int | None:
        """ACLED's ``time_precision`` code of the date."""
        return ACLED_TIME_PRECISION.get(self.date_precision)

    @property
    def date_prec(self) -> int | None:
        """UCDP GED's ``date_prec`` code of the date."""
        return UCDP_DATE_PREC.get(self.date_precision)

    @property
    def start(self) -> dt.date:
        """``date_start`` as a date."""
        return dt.date.fromisoformat(self.date_start)

    @property
    def end(self) -> dt.date:
        """``date_end`` as a date."""
        return dt.date.fromisoformat(self.date_end)

    @property
    def has_point(self) -> bool:
        """The place is resolved to a point (else the report has no geometry)."""
        return self.lat is not None and self.lon is not None

    @property
    def has_deaths(self) -> bool:
        """Some death toll is claimed."""
        return self.deaths_low is not None or self.deaths_best is not None or self.deaths_high is not None

    @property
    def has_injured(self) -> bool:
        """Some injured count is claimed."""
        return self.injured_low is not None or self.injured_high is not None

    # -- the flat dict ----------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The flat properties every export carries, keys in today's order.

        An extracted report's keys come in the extractor's order (with
        ``places_mentioned``), every other report's in the curated file's.
        """
        keys = EXTRACTED_KEYS if self.origin == "extracted" else CURATED_KEYS
        out = {k: getattr(self, k) for k in keys}
        if "places_mentioned" in out:
            out["places_mentioned"] = list(self.places_mentioned or ())
        if self.url is not None or self.archive_url is not None:
            # the links back to the article; absent when it has none (the seeds), so that
            # the outputs of today's data stay as they were
            out["url"] = self.url
            out["archive_url"] = self.archive_url
        if self.grade is not None:  # the event's grade (the review store's), with its reason
            out["grade"] = self.grade
            out["grade_why"] = self.grade_why
        return out

    def to_feature(self) -> dict[str, Any]:
        """A GeoJSON Feature: the place's point, or ``null`` geometry when it is unresolved."""
        geom = {"type": "Point", "coordinates": [self.lon, self.lat]} if self.has_point else None
        return {"type": "Feature", "id": self.id, "geometry": geom, "properties": self.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, source: str) -> Report:
        """A report from its flat properties (as :meth:`to_dict` writes them), checked.

        Fields a report may leave empty may be missing (``null``); the derived
        ACLED/UCDP codes, when given, must match. ``places_mentioned`` may be a list.

        Raises
        ------
        CuratedDataError
            Naming ``source`` and, for every problem, the record, field, what was expected and what was found.
        """
        problems = report_problems(d)
        if problems:
            raise CuratedDataError(source, problems)
        kw = {k: v for k, v in d.items() if k in _FIELDS}
        if kw.get("places_mentioned") is not None:
            kw["places_mentioned"] = tuple(kw["places_mentioned"])
        return cls(**kw)


_FIELDS = frozenset(f.name for f in fields(Report))
# (field, lowest, highest, what is expected) of the numbers of a place
_RANGES = (
    ("lat", -90.0, 90.0, "a latitude (-90 to 90) or null"),
    ("lon", -180.0, 180.0, "a longitude (-180 to 180) or null"),
    ("place_uncertainty_m", 0.0, float("inf"), "a non-negative number of metres or null"),
)


# ---------------------------------------------------------------------------
# validation


def iso_date(value: Any) -> dt.date | None:
    """``value`` as a date when it is an ISO date ``YYYY-MM-DD``, else ``None``."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _whole(v: Any) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


def _number(v: Any) -> TypeGuard[float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


Bad = Callable[[str, str, Any], None]


def _checker(rec: Mapping[str, Any], out: list[str]) -> Bad:
    """``bad(field, expected, found)``: add one problem of ``rec`` to ``out``."""
    rid = rec.get("id", "<no id>")

    def bad(field: str, expected: str, found: Any) -> None:
        out.append(f"record {rid!r}: {field}: expected {expected}, found {found!r}")

    return bad


def _one_of(rec: Mapping[str, Any], bad: Bad, field: str, codes: tuple[str, ...], *, null: bool = False) -> None:
    v = rec.get(field)
    if not (v in codes or (null and v is None)):
        bad(field, f"one of {', '.join(codes)}" + (" or null" if null else ""), v)


def _check_values(rec: Mapping[str, Any], bad: Bad) -> None:
    for f in REQUIRED:
        if rec.get(f) in (None, ""):
            bad(f, "a value", rec.get(f))
    for f in ("id", "event_id", "article_id", "quote", "claimed_by"):
        if rec.get(f) not in (None, "") and not isinstance(rec[f], str):
            bad(f, "a text", rec[f])
    for f in _CLAIM_TEXTS:
        if rec.get(f) is not None and not isinstance(rec[f], str):
            bad(f, "a text or null", rec[f])
    if "civilian_harm" in rec and not isinstance(rec["civilian_harm"], bool):
        bad("civilian_harm", "true or false", rec["civilian_harm"])
    _one_of(rec, bad, "event_type", EVENT_TYPES)
    _one_of(rec, bad, "status", STATUSES)
    _one_of(rec, bad, "date_precision", DATE_PRECISIONS)


def _check_dates(rec: Mapping[str, Any], bad: Bad) -> None:
    d0, d1 = iso_date(rec.get("date_start")), iso_date(rec.get("date_end"))
    if d0 is None:
        bad("date_start", "an ISO date YYYY-MM-DD", rec.get("date_start"))
    if d1 is None:
        bad("date_end", "an ISO date YYYY-MM-DD", rec.get("date_end"))
    if d0 and d1 and d1 < d0:
        bad("date_end", f"a date on or after date_start {d0}", rec.get("date_end"))
    if rec.get("date_precision") == "day" and d0 and d1 and d0 != d1:
        bad("date_precision", "'range' when start and end differ", "day")


def _check_numbers(rec: Mapping[str, Any], bad: Bad) -> None:
    for f in ("span_start", "span_end"):
        v = rec.get(f)
        if v is not None and (not _whole(v) or v < 0):
            bad(f, "a non-negative whole number", v)
    gp = rec.get("geo_precision")
    if gp is not None and (not _whole(gp) or gp not in (1, 2, 3)):
        bad("geo_precision", "1, 2, 3 or null", gp)
    for f in COUNTS:
        v = rec.get(f)
        if v is not None and (not _whole(v) or v < 0):
            bad(f, "a non-negative whole number or null", v)
    for lo, hi in _ORDERED:
        a, b = rec.get(lo), rec.get(hi)
        if _whole(a) and _whole(b) and a > b:
            bad(hi, f"at least {lo} ({a})", b)


def claim_problems(rec: Mapping[str, Any]) -> list[str]:
    """Every problem with the claim fields of one record (the fields the curated file codes).

    Checked alone: required values, codes from the vocabularies, types, ISO
    dates in order, a ``day`` that is one day, counts and their order. The
    checks against the article and the gazetteer are
    :func:`geo.records.incidents.verify_report`'s.
    """
    out: list[str] = []
    bad = _checker(rec, out)
    for check in (_check_values, _check_dates, _check_numbers):
        check(rec, bad)
    return out


def _check_source(d: Mapping[str, Any], bad: Bad) -> None:
    for k in sorted(set(d) - _FIELDS - set(_DERIVED), key=str):
        bad(k, "a field of a report", d[k])
    _one_of(d, bad, "origin", ORIGINS)
    _one_of(d, bad, "grade", EVENT_GRADES, null=True)
    for f in _MORE_TEXTS:
        if d.get(f) is not None and not isinstance(d[f], str):
            bad(f, "a text or null", d[f])
    if "reviewed" in d and not isinstance(d["reviewed"], bool):
        bad("reviewed", "true or false", d["reviewed"])


def _check_control(d: Mapping[str, Any], bad: Bad) -> None:
    _one_of(d, bad, "control_extent", EXTENTS, null=True)
    if d.get("event_type") == "territory_change":
        if d.get("control_extent") is None:
            bad("control_extent", f"one of {', '.join(EXTENTS)} (a territory change)", None)
        if not d.get("control_actor"):
            bad("control_actor", "who took or entered the place (a territory change)", d.get("control_actor"))


def _check_place(d: Mapping[str, Any], bad: Bad) -> None:
    _one_of(d, bad, "place_geometry_quality", tuple(GEOMETRY_QUALITY_LABELS), null=True)
    for f, lo, hi, expected in _RANGES:
        v = d.get(f)
        if v is not None and (not _number(v) or not lo <= v <= hi):
            bad(f, expected, v)
    if (d.get("lat") is None) != (d.get("lon") is None):
        bad("lon" if d.get("lon") is None else "lat", "a value when the other coordinate has one", None)
    pm = d.get("places_mentioned")
    if pm is not None and (not isinstance(pm, (list, tuple)) or not all(isinstance(x, str) for x in pm)):
        bad("places_mentioned", "a list of place ids or null", pm)


def _check_derived(d: Mapping[str, Any], bad: Bad) -> None:
    et, prec = d.get("event_type"), d.get("date_precision")
    acled = ACLED_TYPES.get(et) if isinstance(et, str) else None
    derived = {
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
        "time_precision": ACLED_TIME_PRECISION.get(prec) if isinstance(prec, str) else None,
        "date_prec": UCDP_DATE_PREC.get(prec) if isinstance(prec, str) else None,
    }
    for f, want in derived.items():
        if f in d and d[f] != want:
            bad(f, f"{want!r} (from event_type and date_precision)", d[f])


def report_problems(d: Mapping[str, Any]) -> list[str]:
    """Every problem with one report's flat properties: :func:`claim_problems`, then its
    source, control, place and derived codes."""
    out = claim_problems(d)
    bad = _checker(d, out)
    for check in (_check_source, _check_control, _check_place, _check_derived):
        check(d, bad)
    return out
