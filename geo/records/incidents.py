"""Curated incident reports: load, verify against the articles, geocode through the gazetteer.

One report is one claim from one article. Verification collects every problem
(a quote not at its offsets, an unknown place id, a bad date...) into one
:class:`~geo.exc.CuratedDataError` naming the file, record and field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import gazetteer
from gazetteer import Gazetteer

from geo.records.articles import DATE_PRECISIONS, Article, articles_by_id
from geo.exc import CuratedDataError

from geo.settings import CURATED_PATH

from geo.records.standards import ACLED_TIME_PRECISION, ACLED_TYPES, UCDP_DATE_PREC
from geo.records.vocab import EVENT_TYPES, EXTENTS, STATUSES

_REQUIRED = ("id", "event_id", "article_id", "quote", "span_start", "span_end", "event_type", "status", "claimed_by", "date_start", "date_end", "date_precision")
_INT_FIELDS = ("deaths_low", "deaths_best", "deaths_high", "injured_low", "injured_high")


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def verify_report(rec: dict, article: Article | None, gz: Gazetteer) -> list[str]:
    """Every problem with one curated record, each as ``record: field: expected ..., found ...``."""
    rid = rec.get("id", "<no id>")
    out: list[str] = []

    def bad(field: str, expected: str, found: Any) -> None:
        out.append(f"record {rid!r}: {field}: expected {expected}, found {found!r}")

    for f in _REQUIRED:
        if rec.get(f) in (None, ""):
            bad(f, "a value", rec.get(f))
    if article is None:
        bad("article_id", "the id of a seed article in seeds/catalog.json", rec.get("article_id"))
    else:
        s, e, q = rec.get("span_start"), rec.get("span_end"), rec.get("quote")
        if isinstance(s, int) and isinstance(e, int) and isinstance(q, str):
            got = article.text[s:e]
            if got != q:
                where = article.text.find(q)
                hint = f" (the quote is at {where}..{where + len(q)})" if where >= 0 else " (the quote is nowhere in the article)"
                bad("quote", f"the text at {s}..{e} of {article.file or article.id}{hint}", got[:80])
        place_text = rec.get("place_text")
        if place_text and isinstance(q, str) and place_text not in q:
            bad("place_text", "a name written inside the quote", place_text)
    if rec.get("event_type") not in EVENT_TYPES:
        bad("event_type", f"one of {', '.join(EVENT_TYPES)}", rec.get("event_type"))
    if rec.get("status") not in STATUSES:
        bad("status", f"one of {', '.join(STATUSES)}", rec.get("status"))
    if rec.get("date_precision") not in DATE_PRECISIONS:
        bad("date_precision", f"one of {', '.join(DATE_PRECISIONS)}", rec.get("date_precision"))
    d0, d1 = _iso(rec.get("date_start")), _iso(rec.get("date_end"))
    if d0 is None:
        bad("date_start", "an ISO date YYYY-MM-DD", rec.get("date_start"))
    if d1 is None:
        bad("date_end", "an ISO date YYYY-MM-DD", rec.get("date_end"))
    if d0 and d1 and d1 < d0:
        bad("date_end", f"a date on or after date_start {d0}", rec.get("date_end"))
    if d1 and article is not None and d1 > article.published_latest:
        bad("date_end", f"a date no later than the article's publication ({article.published})", rec.get("date_end"))
    if rec.get("date_precision") == "day" and d0 and d1 and d0 != d1:
        bad("date_precision", "'range' when start and end differ", "day")
    pid = rec.get("place_id")
    if pid is not None and pid not in gz:
        bad("place_id", "an id in the gazetteer (or null)", pid)
    for f in _INT_FIELDS:
        v = rec.get(f)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            bad(f, "a non-negative whole number or null", v)
    for lo, hi in (("deaths_low", "deaths_high"), ("injured_low", "injured_high"), ("deaths_low", "deaths_best"), ("deaths_best", "deaths_high")):
        a, b = rec.get(lo), rec.get(hi)
        if isinstance(a, int) and isinstance(b, int) and a > b:
            bad(hi, f"at least {lo} ({a})", b)
    ctl = rec.get("control")
    if rec.get("event_type") == "territory_change":
        if not isinstance(ctl, dict) or ctl.get("extent") not in EXTENTS or not ctl.get("actor"):
            bad("control", f"an object with actor and extent in {', '.join(EXTENTS)}", ctl)
    return out


def load_curated(articles: dict[str, Article], gz: Gazetteer, path: str | Path | None = None) -> list[dict]:
    """Load the curated reports, verified, as flat properties ready for a Feature.

    Raises
    ------
    CuratedDataError
        Listing every problem: unreadable file, duplicate ids, quotes not at
        their offsets, unknown places, bad dates or numbers.
    """
    p = Path(path or CURATED_PATH)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise CuratedDataError(str(p), [f"cannot read: {e.strerror or e}"]) from e
    except ValueError as e:
        raise CuratedDataError(str(p), [f"not valid JSON: {e}"]) from e
    recs = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(recs, list):
        raise CuratedDataError(str(p), ["expected an object with a 'reports' list"])
    problems: list[str] = []
    counts = Counter(r.get("id") for r in recs if isinstance(r, dict))
    for rid, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        if n > 1:
            problems.append(f"record {rid!r}: id: expected a unique id, found it {n} times")
    out = []
    for i, rec in enumerate(recs):
        if not isinstance(rec, dict):
            problems.append(f"record #{i}: expected an object, found {type(rec).__name__}")
            continue
        art = articles.get(rec.get("article_id"))
        errs = verify_report(rec, art, gz)
        if errs:
            problems.extend(errs)
            continue
        out.append(enrich(rec, art, gz, origin="curated"))
    if problems:
        raise CuratedDataError(str(p), problems)
    return out


def enrich(rec: dict, article: Article, gz: Gazetteer, *, origin: str) -> dict:
    """Flat report properties: the record plus its source, place and cross-walk codes."""
    r = {k: v for k, v in rec.items() if k != "control"}
    ctl = rec.get("control") or {}
    r["control_actor"] = ctl.get("actor")
    r["control_from"] = ctl.get("from")
    r["control_extent"] = ctl.get("extent")
    place = gz.get(rec["place_id"]) if rec.get("place_id") in gz else None
    r["place_name"] = place.name if place else rec.get("place_text")
    r["place_kind"] = place.kind if place else None
    r["place_uncertainty_m"] = place.uncertainty_m if place else None
    r["place_geometry_quality"] = place.geometry_quality if place else None
    r["lat"] = place.lat if place else None
    r["lon"] = place.lon if place else None
    acled = ACLED_TYPES.get(rec.get("event_type"), (None, None))
    r["acled_event_type"], r["acled_sub_event_type"] = acled
    r["time_precision"] = ACLED_TIME_PRECISION.get(rec.get("date_precision"))
    r["date_prec"] = UCDP_DATE_PREC.get(rec.get("date_precision"))
    src = article.source()
    r["outlet"] = src["outlet"]
    r["title"] = src["title"]
    r["published"] = src["published"]
    r["reviewed"] = bool(article.reviewed and origin == "curated")
    r["origin"] = origin
    for f in ("munition", "actor", "target", "place_text", "date_text", "casualty_group", "notes", *_INT_FIELDS):
        r.setdefault(f, None)
    r.setdefault("civilian_harm", False)
    r.setdefault("geo_precision", 1 if place else None)
    return r


def to_feature(report: dict) -> dict:
    """A report as a GeoJSON Feature: the place's representative point, or ``null`` geometry
    when the place is unresolved (never a guessed point)."""
    geom = None
    if report.get("lat") is not None and report.get("lon") is not None:
        geom = {"type": "Point", "coordinates": [report["lon"], report["lat"]]}
    return {"type": "Feature", "id": report["id"], "geometry": geom, "properties": dict(report)}


def curated_reports(*, seeds_dir: str | None = None, curated: str | None = None, gz: Gazetteer | None = None) -> list[dict]:
    """The verified curated reports of the seed articles."""
    return load_curated(articles_by_id(seeds_dir), gz or gazetteer.load(), curated)
