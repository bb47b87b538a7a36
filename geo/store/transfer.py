"""Curated records in and out of the store, in the format of ``geo/data/incidents.json``.

``export_curated`` writes the accepted records as the seed file codes them (a
fresh store's export is that file, byte for byte); ``import_curated`` checks a
file of such records against the stored articles and the gazetteer, as the
seed file is checked, and stores them as accepted curated records.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from gazetteer.files import read_json
from geo.exc import CuratedDataError
from geo.records.articles import Article
from geo.records.incidents import load_curated
from geo.records.report import CLAIM_KEYS, Report
from geo.settings import CURATED_PATH
from geo.store.errors import BadChange
from geo.store.records import StoredArticle
from geo.store.store import Store


def _about() -> str:
    """The seed file's description of its records (the export is in its format)."""
    data = json.loads(CURATED_PATH.read_text(encoding="utf-8"))
    return str(data["about"])


def curated_record(r: Report) -> dict[str, Any]:
    """A report as the curated file codes it: the claim fields, ``control`` as one object before ``notes``."""
    out: dict[str, Any] = {}
    for k in CLAIM_KEYS:
        if k == "notes":
            ctl = {"actor": r.control_actor, "from": r.control_from, "extent": r.control_extent}
            out["control"] = ctl if any(v is not None for v in ctl.values()) else None
        out[k] = getattr(r, k)
    return out


def export_curated(store: Store) -> dict[str, Any]:
    """The accepted records of the store as ``{"about": ..., "reports": [...]}``."""
    return {"about": _about(), "reports": [curated_record(r) for r in store.reports()]}


def _as_article(a: StoredArticle) -> Article:
    return Article(
        id=a.id,
        outlet=a.outlet or "",
        title=a.title or "",
        published_earliest=a.published_earliest,
        published_latest=a.published_latest,
        date_precision=a.date_precision,
        date_basis="stated",
        date_note="",
        text=a.text,
        file=a.source,
        reviewed=True,
    )


def import_curated(store: Store, path: str | os.PathLike, *, by: str) -> tuple[int, int]:
    """Store the records of a curated file as accepted; returns ``(added, already stored as they are)``.

    Every record is checked before any is stored (quote at its offsets in the
    stored article, place in the gazetteer, codes, dates, counts); a record
    whose id is stored with other values is refused.

    Raises
    ------
    CuratedDataError
        Naming the file and every problem (record, field, expected, found).
    """
    data = read_json(path)
    recs = data.get("reports") if isinstance(data, dict) else None
    wanted = {r.get("article_id") for r in recs or [] if isinstance(r, dict)}
    have = store.article_ids()
    articles = {aid: _as_article(store.article(aid)) for aid in wanted if isinstance(aid, str) and aid in have}
    reports = load_curated(articles, store.gz, Path(path))
    new, same, problems = [], 0, []
    for r in reports:
        r = dataclasses.replace(r, reviewed=True)
        try:
            stored = store.get(r.id)[0]
        except BadChange:
            new.append(r)
            continue
        mine, theirs = curated_record(r), curated_record(stored)  # what the file codes
        if mine == theirs:
            same += 1
        else:
            changed = [k for k, v in mine.items() if theirs[k] != v]
            problems.append(
                f"record {r.id!r}: id: expected a new id or the stored record unchanged, "
                f"found the stored record with other {', '.join(changed)} (review it with `geo review accept --set`)"
            )
    if problems:
        raise CuratedDataError(str(path), problems)
    store.import_reports(new, by=by)
    return len(new), same
