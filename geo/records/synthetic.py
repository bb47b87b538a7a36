"""Generated reports for benchmarks: NEVER real data.

The dashboard adds them when ``ATLAS_SYNTHETIC_INCIDENTS`` asks for some, to
measure it at scale. Every one says so: ``origin`` and ``article_id`` are ``synthetic``, the
claimant "Synthetic generator", the outlet "Synthetic", and the quote
"generated for benchmarks; not real". The same arguments give the same reports.
"""

from __future__ import annotations

import datetime as dt
import random

from shapely.geometry import Point

from gazetteer import Gazetteer

#: the first day generated reports fall on (the SDF broke into Raqqa on 6 June 2017)
FIRST_DAY = dt.date(2017, 6, 6)
#: at most this many days after it
MAX_SPAN_DAYS = 140
#: metres in a degree of latitude, to turn a point place's uncertainty into degrees
METRES_PER_DEGREE_LAT = 111_320.0
SEED = 20170606
#: the ``article_id`` of every generated report (there is no article behind it)
SYNTHETIC_ARTICLE_ID = "synthetic"
_TYPES = ("air_strike", "air_strike", "shelling", "armed_clash", "displacement")  # strikes twice as common
_DEATHS = (None, None, 1, 2, 3, 5, 8, 12, 21)


def synthetic_reports(gz: Gazetteer, n: int, *, last_day: str, seed: int = SEED) -> list[dict]:
    """``n`` generated reports spread over Raqqa's districts and suburbs, dated up to ``last_day``.

    A place with an outline gets points inside it; a place known as a point gets
    points within its uncertainty.
    """
    rng = random.Random(seed)
    districts = [p for p in gz if p.parent == "raqqa" and p.kind in ("district", "suburb")]
    span = max(0, min((dt.date.fromisoformat(last_day) - FIRST_DAY).days, MAX_SPAN_DAYS))
    out = []
    for i in range(n):
        p = districts[i % len(districts)]
        shape = p.shape
        if shape.geom_type in ("Polygon", "MultiPolygon"):
            minx, miny, maxx, maxy = shape.bounds
            for _ in range(20):  # rejection sampling; the last try stands if all miss
                x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
                if shape.contains(Point(x, y)):
                    break
            lat, lon = y, x
        else:
            r = (p.uncertainty_m or 500) / METRES_PER_DEGREE_LAT
            lat, lon = p.lat + rng.uniform(-r, r) * 0.7, p.lon + rng.uniform(-r, r) * 0.7
        day = (FIRST_DAY + dt.timedelta(days=rng.randint(0, span))).isoformat()
        deaths = rng.choice(_DEATHS)
        out.append(
            {
                "id": f"syn-{i:06d}",
                "event_id": f"ev-syn-{i:06d}",
                "article_id": SYNTHETIC_ARTICLE_ID,
                "quote": f"Synthetic report {i} (generated for benchmarks; not real).",
                "span_start": 0,
                "span_end": 0,
                "event_type": _TYPES[i % len(_TYPES)],
                "munition": None,
                "actor": None,
                "target": None,
                "status": "reported",
                "claimed_by": "Synthetic generator",
                "date_text": None,
                "date_start": day,
                "date_end": day,
                "date_precision": "day",
                "deaths_low": deaths,
                "deaths_best": None,
                "deaths_high": None,
                "injured_low": None,
                "injured_high": None,
                "casualty_group": "civilians" if deaths else None,
                "civilian_harm": bool(deaths),
                "place_id": p.id,
                "place_text": p.name,
                "place_name": p.name,
                "place_kind": p.kind,
                "place_uncertainty_m": p.uncertainty_m,
                "place_geometry_quality": p.geometry_quality,
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "geo_precision": 2,
                "outlet": "Synthetic",
                "title": "Synthetic benchmark data",
                "published": day,
                "reviewed": True,
                "origin": "synthetic",
                "control_actor": None,
                "control_from": None,
                "control_extent": None,
                "notes": "generated",
            }
        )
    return out
