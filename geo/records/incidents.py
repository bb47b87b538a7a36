"""Curated incident reports: load, verify against the articles, geocode through the gazetteer.

One report is one claim from one article. Verification collects every problem
(a quote not at its offsets, an unknown place id, a bad date...) into one
:class:`~geo.exc.CuratedDataError` naming the file, record and field.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gazetteer
from gazetteer import Gazetteer
from geo.exc import CuratedDataError
from geo.records.articles import Article, articles_by_id
from geo.records.report import CLAIM_KEYS, Report, claim_problems, iso_date

# EVENT_TYPES and STATUSES are re-exported: the dashboard and the command line import them from here
from geo.records.vocab import EVENT_TYPES, EXTENTS, STATUSES  # noqa: F401
from geo.settings import CURATED_PATH

# the fields of a record in the curated file: the claim, coded by hand
_CURATED_FIELDS = frozenset(CLAIM_KEYS) | {"control"}


def verify_report(rec: Mapping[str, Any], article: Article | None, gz: Gazetteer) -> list[str]:
    """Every problem with one curated record, each as ``record: field: expected ..., found ...``.

    The claim's own fields (:func:`geo.records.report.claim_problems`), then
    what needs its article and the gazetteer: the quote at its offsets, the
    place named inside the quote and known, no date after publication, and the
    ``control`` of a territory change.
    """
    rid = rec.get("id", "<no id>")
    out = claim_problems(rec)

    def bad(field: str, expected: str, found: Any) -> None:
        out.append(f"record {rid!r}: {field}: expected {expected}, found {found!r}")

    if article is None:
        bad("article_id", "the id of a seed article in seeds/catalog.json", rec.get("article_id"))
    else:
        s, e, q = rec.get("span_start"), rec.get("span_end"), rec.get("quote")
        if isinstance(s, int) and isinstance(e, int) and isinstance(q, str):
            got = article.text[s:e]
            if got != q:
                where = article.text.find(q)
                hint = (
                    f" (the quote is at {where}..{where + len(q)})"
                    if where >= 0
                    else " (the quote is nowhere in the article)"
                )
                bad("quote", f"the text at {s}..{e} of {article.file or article.id}{hint}", got[:80])
        place_text = rec.get("place_text")
        if place_text and isinstance(q, str) and place_text not in q:
            bad("place_text", "a name written inside the quote", place_text)
        end = iso_date(rec.get("date_end"))
        if end is not None and end > article.published_latest:
            bad("date_end", f"a date no later than the article's publication ({article.published})", rec["date_end"])
    pid = rec.get("place_id")
    if pid is not None and pid not in gz:
        bad("place_id", "an id in the gazetteer (or null)", pid)
    ctl = rec.get("control")
    if rec.get("event_type") == "territory_change":
        if not isinstance(ctl, dict) or ctl.get("extent") not in EXTENTS or not ctl.get("actor"):
            bad("control", f"an object with actor and extent in {', '.join(EXTENTS)}", ctl)
    return out


def load_curated(articles: dict[str, Article], gz: Gazetteer, path: str | Path | None = None) -> list[Report]:
    """Load the curated reports, verified, placed and sourced.

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
        aid = rec.get("article_id")
        art = articles.get(aid) if isinstance(aid, str) else None
        errs = verify_report(rec, art, gz)
        rid = rec.get("id", "<no id>")
        errs += [
            f"record {rid!r}: {k}: expected no such field (geo/data/README.md lists them), found {rec[k]!r}"
            for k in sorted(set(rec) - _CURATED_FIELDS, key=str)
        ]
        if errs or art is None:
            problems.extend(errs)
            continue
        out.append(curated_report(rec, art, gz))
    if problems:
        raise CuratedDataError(str(p), problems)
    return out


def placed(gz: Gazetteer, place_id: str | None, place_text: str | None) -> dict[str, Any]:
    """A report's place fields: the gazetteer's name, kind, uncertainty, quality and point,
    or, for an unresolved place, the name as written and no point."""
    place = gz.get(place_id) if place_id is not None and place_id in gz else None
    if place is None:
        return {
            "place_name": place_text,
            "place_kind": None,
            "place_uncertainty_m": None,
            "place_geometry_quality": None,
            "lat": None,
            "lon": None,
        }
    return {
        "place_name": place.name,
        "place_kind": place.kind,
        "place_uncertainty_m": place.uncertainty_m,
        "place_geometry_quality": place.geometry_quality,
        "lat": place.lat,
        "lon": place.lon,
    }


def sourced(article: Article, *, origin: str) -> dict[str, Any]:
    """A report's source fields; only a curated report of a reviewed article is ``reviewed``."""
    return {
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "reviewed": bool(article.reviewed and origin == "curated"),
        "origin": origin,
    }


def curated_report(rec: Mapping[str, Any], article: Article, gz: Gazetteer) -> Report:
    """A verified curated record (:func:`verify_report`) as a :class:`Report`, placed and sourced."""
    ctl = rec.get("control") or {}
    claim = {k: v for k, v in rec.items() if k != "control"}
    claim.setdefault("geo_precision", 1 if rec.get("place_id") in gz else None)
    return Report(
        **claim,
        control_actor=ctl.get("actor"),
        control_from=ctl.get("from"),
        control_extent=ctl.get("extent"),
        **placed(gz, rec.get("place_id"), rec.get("place_text")),
        **sourced(article, origin="curated"),
    )


def to_feature(report: Mapping[str, Any]) -> dict:
    """A report's flat dict as a GeoJSON Feature, for consumers that hold dicts
    (:meth:`Report.to_feature` for a :class:`Report`): the place's representative
    point, or ``null`` geometry when the place is unresolved (never a guessed point)."""
    geom = None
    if report.get("lat") is not None and report.get("lon") is not None:
        geom = {"type": "Point", "coordinates": [report["lon"], report["lat"]]}
    return {"type": "Feature", "id": report["id"], "geometry": geom, "properties": dict(report)}


def curated_reports(
    *, seeds_dir: str | None = None, curated: str | None = None, gz: Gazetteer | None = None
) -> list[dict]:
    """The verified curated reports of the seed articles, as flat dicts.

    The boundary for the consumers that still take dicts (layers, export, the
    web output, the dashboard): each is :meth:`Report.to_dict` of a report of
    :func:`load_curated`, a fresh dict the caller may change.
    """
    return [r.to_dict() for r in load_curated(articles_by_id(seeds_dir), gz or gazetteer.load(), curated)]
