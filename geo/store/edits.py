"""A reviewer's changes to a report: which fields may change, and the checks before any is written.

A change is checked whole, with the rules the curated file is checked by
(:func:`geo.records.report.report_problems`), plus what needs the article and
the gazetteer: the quote at its offsets, the place id known. A new place id
brings the gazetteer's name, kind, uncertainty, quality and point with it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from gazetteer import Gazetteer
from geo.records.incidents import placed
from geo.records.report import COUNTS, Report, report_problems
from geo.store.errors import BadChange

#: The fields a reviewer may change, and the kind of value each takes.
EDITABLE: Mapping[str, str] = {
    "event_id": "text",
    "quote": "text",
    "span_start": "whole",
    "span_end": "whole",
    "place_text": "text",
    "place_id": "text",
    "geo_precision": "whole",
    "event_type": "text",
    "munition": "text",
    "actor": "text",
    "target": "text",
    "status": "text",
    "claimed_by": "text",
    "date_text": "text",
    "date_start": "text",
    "date_end": "text",
    "date_precision": "text",
    **dict.fromkeys(COUNTS, "whole"),
    "casualty_group": "text",
    "civilian_harm": "bool",
    "notes": "text",
    "control_actor": "text",
    "control_from": "text",
    "control_extent": "text",
}
_DERIVED = ("acled_event_type", "acled_sub_event_type", "time_precision", "date_prec")


def parse_value(field: str, raw: str) -> Any:
    """A value typed on the command line (``--set FIELD=VALUE``) as the field's kind.

    ``null`` (or nothing) is no value; a whole number or ``true``/``false`` is read
    as one; anything that does not read leaves the text as it is, for the check
    to name it.
    """
    kind = EDITABLE.get(field, "text")
    if raw.strip() in ("", "null"):
        return None
    if kind == "text":
        return raw
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, (bool, int)) else raw


def apply_changes(report: Report, changes: Mapping[str, object], *, article_text: str | None, gz: Gazetteer) -> Report:
    """``report`` with ``changes`` made, checked whole.

    Raises
    ------
    BadChange
        Naming the record, and for every problem the field, what was expected and what was found.
    """
    rid = report.id
    problems = [
        f"record {rid!r}: {k}: expected a field a reviewer may change ({', '.join(EDITABLE)}), found {k!r}"
        for k in changes
        if k not in EDITABLE
    ]
    problems += [
        f"record {rid!r}: {k}: expected a text without NUL characters (no database keeps them), found {v!r}"
        for k, v in changes.items()
        if isinstance(v, str) and "\x00" in v
    ]
    if problems:
        raise BadChange(problems)
    d = {k: v for k, v in report.to_dict().items() if k not in _DERIVED}
    d.update(changes)
    pid = d.get("place_id")
    if "place_id" in changes or "place_text" in changes:
        if pid is not None and (not isinstance(pid, str) or pid not in gz):
            problems.append(f"record {rid!r}: place_id: expected an id in the gazetteer (or null), found {pid!r}")
        elif isinstance(d.get("place_text"), str) or d.get("place_text") is None:
            d.update(placed(gz, pid, d.get("place_text")))
            if "geo_precision" not in changes:
                d["geo_precision"] = 1 if pid is not None else None
    problems += report_problems(d)
    if article_text is not None and not problems and {"quote", "span_start", "span_end"} & set(changes):
        got = article_text[d["span_start"] : d["span_end"]]
        if got != d["quote"]:
            where = article_text.find(d["quote"])
            hint = f" (the quote is at {where}..{where + len(d['quote'])})" if where >= 0 else ""
            problems.append(
                f"record {rid!r}: quote: expected the article's text at {d['span_start']}..{d['span_end']}{hint}, "
                f"found {d['quote'][:80]!r}"
            )
    if problems:
        raise BadChange(problems)
    kept = {k: d[k] for k in EDITABLE} | {
        k: d[k] for k in ("place_name", "place_kind", "place_uncertainty_m", "place_geometry_quality", "lat", "lon")
    }
    return dataclasses.replace(report, **kept)
