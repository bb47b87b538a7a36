"""Who to credit for a claim, in the words a reader expects: "Reuters, via The Jerusalem Post".

A paper that runs a news agency's story is the outlet; the agency (the seed
catalog's ``wire``, :class:`geo.records.articles.Article`) wrote it, so both
are named, agency first. A claimant that is the outlet itself (AFP reporting
what it saw) is named once: never "AFP via AFP". Plain text: the caller escapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from geo.exc import InputError
from geo.records.articles import load_catalog

__all__ = ["claim_credit", "outlet_credit", "report_credit", "wire_of"]


@cache
def _wires() -> dict[str, str]:
    try:
        return {a.id: a.wire for a in load_catalog() if a.wire}
    except InputError:  # no seed catalog (an installation without seeds): no wire credits
        return {}


def wire_of(article_id: Any) -> str | None:
    """The news agency whose story article ``article_id`` is (the seed catalog's ``wire``), else ``None``."""
    return _wires().get(str(article_id)) if article_id else None


def outlet_credit(outlet: Any, wire: Any = None) -> str | None:
    """``"Reuters, via The Jerusalem Post"`` for a wire story, else the outlet (``None`` when neither is known)."""
    o = str(outlet) if outlet else ""
    w = str(wire) if wire else ""
    if w and o and w.strip().casefold() != o.strip().casefold():
        return f"{w}, via {o}"
    return w or o or None


def claim_credit(claimed_by: Any, outlet: Any, wire: Any = None) -> str | None:
    """Who claims it and who reported it: ``"SDF (Reuters, via The Jerusalem Post)"``.

    A claimant that is the outlet or the agency is named once (``"AFP"``), with
    the paper that ran it when there is one (``"Reuters, via The Jerusalem Post"``).
    """
    source = outlet_credit(outlet, wire)
    c = str(claimed_by) if claimed_by else ""
    if not c:
        return source
    if not source:
        return c
    if c.strip().casefold() in {str(x).strip().casefold() for x in (outlet, wire) if x}:
        return source
    return f"{c} ({source})"


def report_credit(r: Mapping) -> str | None:
    """:func:`outlet_credit` of a report or control claim (its ``outlet`` and its article's wire)."""
    return outlet_credit(r.get("outlet"), wire_of(r.get("article_id")))
