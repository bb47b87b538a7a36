"""Generated benchmark reports: deterministic, inside Raqqa's districts, and marked as not real."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geo.records.synthetic import (
    FIRST_DAY,
    MAX_SPAN_DAYS,
    METRES_PER_DEGREE_LAT,
    synthetic_reports,
)
from geo.records.vocab import EVENT_TYPES, STATUSES


def test_same_arguments_same_reports(gz):
    assert synthetic_reports(gz, 50, last_day="2017-08-30") == synthetic_reports(gz, 50, last_day="2017-08-30")
    assert synthetic_reports(gz, 50, last_day="2017-08-30") != synthetic_reports(gz, 50, last_day="2017-08-30", seed=1)


@settings(max_examples=20)
@given(st.integers(0, 120), st.integers(0, 400))
def test_reports_are_marked_placed_and_dated(gz, n, days):
    last = (FIRST_DAY + dt.timedelta(days=days)).isoformat()
    rs = synthetic_reports(gz, n, last_day=last)
    assert len(rs) == n and len({r["id"] for r in rs}) == n
    latest = min(days, MAX_SPAN_DAYS)
    for r in rs:
        assert r["origin"] == "synthetic" and "not real" in r["quote"] and r["claimed_by"] == "Synthetic generator"
        assert r["event_type"] in EVENT_TYPES and r["status"] in STATUSES
        last_allowed = (FIRST_DAY + dt.timedelta(days=latest)).isoformat()
        assert FIRST_DAY.isoformat() <= r["date_start"] == r["date_end"] <= last_allowed
        assert r["civilian_harm"] == bool(r["deaths_low"])
        place = gz.get(r["place_id"])
        assert place.parent == "raqqa" and place.kind in ("district", "suburb")
        if place.shape.geom_type in ("Polygon", "MultiPolygon"):
            # rejection sampling's last try may miss: allow the place's bounding box
            minx, miny, maxx, maxy = place.shape.bounds
            assert minx <= r["lon"] <= maxx and miny <= r["lat"] <= maxy
        else:
            reach = (place.uncertainty_m or 500) / METRES_PER_DEGREE_LAT
            assert place.shape.distance(Point(r["lon"], r["lat"])) <= reach * 1.5
