"""What the two halves of the real-reporting gold share: its vocabularies and one consistency rule.

Imported by ``test_realworld_gold_devset1.py`` and ``test_realworld_gold_devset23.py`` (one per writer).
"""

from __future__ import annotations

import gazetteer

#: the kinds of outlet an article was written from
KINDS = {"wire", "monitor", "airwars", "regional", "official", "ngo"}
#: what a coded mention is: a name, a generic description, an anaphor, or a place word inside an organisation's name
ROLES = {"name", "generic", "anaphor", "organisation"}
#: the hard constructions of real copy an article may exercise
CONSTRUCTIONS = {
    "dateline",
    "list-of-districts",
    "sub-count",
    "up-to",
    "more-than",
    "range",
    "statement-date",
    "quoted-today",
    "anaphora",
    "rank-before-name",
    "org-name-with-place",
    "caption",
    "object-first-capture",
    "explanatory",
    "generic-landmark",
}
#: what an incident adds to the curated claim fields: where it would sit, who took what, which event it tells
EXTRA = ("proposed_id", "coarse_ok", "control", "event_key")


def proposal_fits(gz: gazetteer.Gazetteer, coded: dict) -> bool:
    """A proposed place may since have been added to the gazetteer (the evaluation then expects it exactly),
    but then inside the coarse place the coder allowed."""
    pid, coarse = coded["proposed_id"], coded.get("coarse_ok")
    if pid not in gz or coarse is None:
        return True
    return coarse == pid or coarse in {p.id for p in gz.ancestors(pid)}
