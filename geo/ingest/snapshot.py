"""A byte-exact picture of what a store holds, for proving that an ingest's result does not depend on how it ran.

Every article (by id; the time it was written left out, since it is when, not what)
and every report with its review status, in the order stored, as JSON Lines. Read
through the store's public API only. Two runs of the same inputs, at any worker
count, on a cluster or resumed after a kill, must give the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from geo.store import REVIEW_STATUSES, Store

#: Fields that say when a record was written, not what it holds.
WHEN_FIELDS = frozenset({"added_at"})


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date | dt.datetime) else v


def snapshot(store: Store) -> bytes:
    """The store's articles and reports as UTF-8 JSON Lines (see the module docstring)."""
    out: list[str] = []
    for aid in sorted(store.article_ids()):
        a = dataclasses.asdict(store.article(aid))
        row = {k: _plain(v) for k, v in a.items() if k not in WHEN_FIELDS}
        out.append(json.dumps({"article": row}, sort_keys=True))
    for r in store.reports(status=REVIEW_STATUSES):
        out.append(json.dumps({"report": r.to_dict()}, sort_keys=True, default=_plain))
    return ("\n".join(out) + "\n").encode("utf-8")
