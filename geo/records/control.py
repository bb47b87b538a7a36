"""District control over time, from ``territory_change`` reports.

Baseline: the Islamic State held all of Raqqa city before the SDF broke in on
6 June 2017 (every seed says so). A report counts from the last day of its
date range, so a state is never claimed earlier than some report supports.
The strongest claimed extent wins the colour, but every claim stays listed,
with its claimant: "SDF: seized; Observatory: more than half".
"""

from __future__ import annotations

import datetime as dt

from gazetteer import Gazetteer

#: What a territory-change extent does to the holder of a place.
EXTENT_STATE: dict[str, str | None] = {
    "entered": "contested",
    "partial": "contested",
    "full": "taken",
    "repelled": None,
}
STATE_RANK = {"held": 0, "contested": 1, "taken": 2}
BASELINE_HOLDER = "Islamic State"
BASELINE_BASIS = "baseline: held by the Islamic State before the offensive"
#: the city whose parts the layer covers
CITY = "raqqa"
CONTROL_KINDS = frozenset(
    {"district", "suburb", "military_site", "landmark", "square", "street", "village", "town", "dam"}
)


def state_code(state: str, holder: str | None) -> str:
    """Short code for colouring: ``is``, ``contested``, ``sdf``, or ``other``."""
    if state == "contested":
        return "contested"
    h = (holder or "").lower()
    if "islamic state" in h or h in ("is", "isis", "isil"):
        return "is"
    if "sdf" in h or "syrian democratic" in h:
        return "sdf"
    return "other"


def control_places(gz: Gazetteer, reports: list[dict]) -> list[str]:
    """Places the control layer covers: parts of Raqqa city, and any place a territory change names."""
    ids = {
        p.id
        for p in gz
        if p.kind in CONTROL_KINDS
        and CITY in {a.id for a in gz.ancestors(p.id)}
        and p.shape.geom_type in ("Polygon", "MultiPolygon")
    }
    # a change reported for a half of the city or a whole region stays in the advances layer:
    # painting it would colour every district inside it on the strength of one vague claim
    ids |= {
        r["place_id"]
        for r in reports
        if r.get("event_type") == "territory_change"
        and r.get("place_id") in gz
        and gz.get(r["place_id"]).kind in CONTROL_KINDS
    }
    return sorted(ids)


def timelines(gz: Gazetteer, reports: list[dict]) -> dict[str, dict]:
    """Per place: ``changes`` of control in date order and every ``claim`` behind them.

    A change is ``{date, state, code, holder, report_ids, basis}`` (the first is
    the baseline, dated ``None``); a claim is ``{report_id, article_id, claimed_by, outlet,
    extent, actor, date_start, date_end}``, competing ones included.
    """
    tc = sorted(
        (r for r in reports if r.get("event_type") == "territory_change" and r.get("place_id")),
        key=lambda r: (r["date_end"], r["id"]),
    )
    out: dict[str, dict] = {}
    for pid in control_places(gz, reports):
        state = "held"
        holder: str | None = BASELINE_HOLDER
        changes: list[dict] = [
            {"date": None, "state": state, "code": "is", "holder": holder, "report_ids": [], "basis": BASELINE_BASIS}
        ]
        claims: list[dict] = []
        for r in (r for r in tc if r["place_id"] == pid):
            extent = r.get("control_extent")
            claims.append(
                {
                    "report_id": r["id"],
                    "article_id": r.get("article_id"),
                    "claimed_by": r["claimed_by"],
                    "outlet": r["outlet"],
                    "extent": extent,
                    "actor": r.get("control_actor"),
                    "date_start": r["date_start"],
                    "date_end": r["date_end"],
                }
            )
            new = EXTENT_STATE.get(extent) if extent else None
            if new is None or STATE_RANK[new] <= STATE_RANK[state]:
                continue  # no stronger than what earlier reports already support
            state = new
            if new == "taken":
                holder = r.get("control_actor")
            changes.append(
                {
                    "date": r["date_end"],
                    "state": state,
                    "code": state_code(state, holder),
                    "holder": holder if new == "taken" else None,
                    "report_ids": [r["id"]],
                    "basis": f"{r['claimed_by']}: {extent}",
                }
            )
        out[pid] = {"changes": changes, "claims": claims}
    return out


def state_on(gz: Gazetteer, reports: list[dict], day: dt.date | str) -> list[dict]:
    """The control state of every covered place as of ``day`` (inclusive).

    Returns one dict per place: ``place_id, name, state, code, holder, since,
    basis, report_ids, claims, disputed`` (claims: every territory-change report
    for the place dated up to that day, with claimant and extent, competing ones
    included; disputed: another claimant puts it at a different extent).
    """
    d = day if isinstance(day, str) else day.isoformat()
    out = []
    for pid, tl in timelines(gz, reports).items():
        cur = tl["changes"][0]
        for ch in tl["changes"][1:]:
            if ch["date"] <= d:
                cur = ch
        place = gz.get(pid)
        claims = [c for c in tl["claims"] if c["date_end"] <= d]
        # disputed: another claimant, by that day, puts the place at a different extent
        basis = next((c for c in claims if c["report_id"] in cur["report_ids"]), None)
        disputed = basis is not None and any(
            c["claimed_by"] != basis["claimed_by"] and c["extent"] != basis["extent"] for c in claims
        )
        out.append(
            {
                "place_id": pid,
                "name": place.name,
                "disputed": disputed,
                "state": cur["state"],
                "code": cur["code"],
                "holder": cur["holder"],
                "since": cur["date"],
                "basis": cur["basis"],
                "report_ids": cur["report_ids"],
                "claims": claims,
                "geometry_quality": place.geometry_quality,
            }
        )
    return out
