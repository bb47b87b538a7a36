"""Framing a quick view on what the map draws (its reports, control and zones), inside the view's extent."""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer import Gazetteer
from geo.web.views import VIEWS, view_bounds

__all__ = ["frame_bounds"]


def frame_bounds(gz: Gazetteer, view: str, points: Sequence[Sequence[float]]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` framing what ``view`` draws: its main place and the ``points``.

    ``points`` are ``(lat, lon)`` of what the map draws (reports, control);
    only those inside the view's extent (:func:`view_bounds`) count, so the
    city view is not stretched to Mosul. The view's first frame place (the
    city) is always shown whole; the box gets the view's padding. A region
    view framed on its context towns left three quarters of the map empty:
    framed on what it shows, it is filled. With no place and no point, the
    view's extent.
    """
    v = VIEWS[view]
    extent = view_bounds(gz, view)
    (s0, w0), (n0, e0) = extent
    lats = [float(p[0]) for p in points if s0 <= p[0] <= n0 and w0 <= p[1] <= e0]
    lons = [float(p[1]) for p in points if s0 <= p[0] <= n0 and w0 <= p[1] <= e0]
    main = v.frame[0]
    if main in gz:
        minx, miny, maxx, maxy = gz.get(main).shape.bounds
        lats += [miny, maxy]
        lons += [minx, maxx]
    if not lats:
        return extent
    dy = (max(lats) - min(lats)) * v.pad + 0.005
    dx = (max(lons) - min(lons)) * v.pad + 0.005
    return [[max(s0, min(lats) - dy), max(w0, min(lons) - dx)], [min(n0, max(lats) + dy), min(e0, max(lons) + dx)]]
