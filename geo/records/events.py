"""Group reports of one real-world event; keep competing claims side by side.

Nothing here picks a winner: an event carries every claimed date, toll and
extent with who claims it, and names the fields on which its reports disagree.
"""

from __future__ import annotations

from collections import defaultdict


def _claim_key(r: dict, fields: tuple[str, ...]) -> tuple:
    return tuple(r.get(f) for f in fields)


def group_events(reports: list[dict]) -> list[dict]:
    """One summary per ``event_id``, in order of earliest date.

    Each summary has the event's date span across its reports, the places,
    types, claimants and outlets, and lists of claims (``dates``, ``deaths``,
    ``injured``, ``extents``), each claim naming its report and claimant;
    ``competing`` names the kinds of claim on which reports disagree.
    """
    by_event: dict[str, list[dict]] = defaultdict(list)
    for r in reports:
        by_event[r["event_id"]].append(r)
    out = []
    for eid, rs in by_event.items():
        rs = sorted(rs, key=lambda r: (r["date_start"], r["id"]))
        dates = [{"report_id": r["id"], "claimed_by": r["claimed_by"], "outlet": r["outlet"], "date_start": r["date_start"], "date_end": r["date_end"], "date_precision": r["date_precision"], "date_text": r.get("date_text")} for r in rs]
        deaths = [{"report_id": r["id"], "claimed_by": r["claimed_by"], "outlet": r["outlet"], "low": r.get("deaths_low"), "best": r.get("deaths_best"), "high": r.get("deaths_high"), "group": r.get("casualty_group")} for r in rs if any(r.get(k) is not None for k in ("deaths_low", "deaths_best", "deaths_high"))]
        injured = [{"report_id": r["id"], "claimed_by": r["claimed_by"], "low": r.get("injured_low"), "high": r.get("injured_high")} for r in rs if r.get("injured_low") is not None or r.get("injured_high") is not None]
        extents = [{"report_id": r["id"], "claimed_by": r["claimed_by"], "place_id": r.get("place_id"), "extent": r.get("control_extent"), "actor": r.get("control_actor")} for r in rs if r.get("control_extent")]
        competing = []
        if len({(d["date_start"], d["date_end"]) for d in dates}) > 1:
            competing.append("date")
        if len({_claim_key(d, ("low", "best", "high")) for d in deaths}) > 1:
            competing.append("deaths")
        if len({_claim_key(d, ("low", "high")) for d in injured}) > 1:
            competing.append("injured")
        if len({(e["place_id"], e["extent"]) for e in extents}) > 1 and len({e["place_id"] for e in extents}) < len(extents):
            competing.append("extent")
        places = list(dict.fromkeys(r["place_id"] for r in rs if r.get("place_id")))
        # the event sits at its most specific place (the one with the smallest uncertainty)
        located = [r for r in rs if r.get("lat") is not None]
        anchor = min(located, key=lambda r: (r.get("place_uncertainty_m") or 1e12)) if located else None
        out.append(
            {
                "event_id": eid,
                "event_types": sorted({r["event_type"] for r in rs}),
                "munitions": sorted({r["munition"] for r in rs if r.get("munition")}),
                "date_start": min(r["date_start"] for r in rs),
                "date_end": max(r["date_end"] for r in rs),
                "place_ids": places,
                "place_id": anchor["place_id"] if anchor else None,
                "place_name": anchor["place_name"] if anchor else (rs[0].get("place_name")),
                "lat": anchor["lat"] if anchor else None,
                "lon": anchor["lon"] if anchor else None,
                "place_uncertainty_m": anchor.get("place_uncertainty_m") if anchor else None,
                "n_reports": len(rs),
                "n_articles": len({r["article_id"] for r in rs}),
                "report_ids": [r["id"] for r in rs],
                "claimants": sorted({r["claimed_by"] for r in rs}),
                "outlets": sorted({r["outlet"] for r in rs}),
                "statuses": sorted({r["status"] for r in rs}),
                "deaths_low_min": min((d["low"] for d in deaths if d["low"] is not None), default=None),
                "deaths_high_max": max((d["high"] or d["low"] or 0 for d in deaths), default=None) if deaths else None,
                "civilian_harm": any(r.get("civilian_harm") for r in rs),
                "reviewed": all(r.get("reviewed") for r in rs),
                "dates": dates,
                "deaths": deaths,
                "injured": injured,
                "extents": extents,
                "competing": competing,
            }
        )
    out.sort(key=lambda e: (e["date_start"], e["event_id"]))
    return out


def event_feature(ev: dict) -> dict:
    """An event as a GeoJSON Feature (``null`` geometry when no report of it is located)."""
    geom = {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]} if ev.get("lat") is not None else None
    return {"type": "Feature", "id": ev["event_id"], "geometry": geom, "properties": dict(ev)}
