"""The map's quick views (Raqqa city, the region, the wider theatre) as data, and their bounds.

A view is framed by a few gazetteer places (with padding) and says which
places it labels. Adding a view is adding a row to :data:`VIEWS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from gazetteer import Gazetteer
from geo.web.webmap import METRES_PER_DEGREE_LAT

#: [[south, west], [north, east]] when none of a view's framing places is in the gazetteer
FALLBACK_BOUNDS = ((35.90, 38.93), (36.00, 39.10))


@dataclass(frozen=True, kw_only=True)
class View:
    """One quick view of the map."""

    label: str
    frame: tuple[str, ...]
    """Place ids the view shows whole."""
    pad: float
    """Margin around them, as a share of the framed width and height."""
    zoom: int
    """Starting zoom (the map then fits ``bounds``)."""
    context_kinds: tuple[str, ...]
    """Place kinds drawn as context markers."""
    label_layer: str
    """Name of the place-name layer in the layer control."""
    label_kinds: tuple[str, ...]
    """Place kinds labelled."""
    label_min_zoom: float
    """Zoom below which labels hide (in the city they would pile up)."""


#: view -> its framing, padding and what it labels
VIEWS: Mapping[str, View] = MappingProxyType({
    "city": View(label="Raqqa city", frame=("raqqa",), pad=0.03, zoom=13,
                 context_kinds=("landmark", "military_site", "dam", "square"),
                 label_layer="District names", label_kinds=("district", "suburb"), label_min_zoom=12.5),
    "region": View(label="Raqqa region with Tabqa", frame=("raqqa", "tabqa", "tabqa-dam", "hazima", "ain-issa"),
                   pad=0.08, zoom=10,
                   context_kinds=("town", "village", "city", "military_site", "dam", "border_crossing", "landmark"),
                   label_layer="Place names", label_kinds=("city", "town", "dam", "military_site"), label_min_zoom=0),
    "theatre": View(label="Wider theatre (Al-Tanaf, Mosul)", frame=("raqqa", "al-tanf-zone", "mosul", "tabqa"),
                    pad=0.05, zoom=6,
                    context_kinds=("town", "village", "city", "military_site", "dam", "border_crossing", "landmark"),
                    label_layer="Place names", label_kinds=("city", "military_site", "dam", "zone"), label_min_zoom=0),
})
#: view -> label, for a widget
VIEW_LABELS: Mapping[str, str] = MappingProxyType({k: v.label for k, v in VIEWS.items()})


def place_choices(gz: Gazetteer, with_reports: Iterable[str]) -> list[str]:
    """Places a user can pick: every place of the gazetteer, those with reports first, then by name.

    Every place, not only those with reports: a reader looking up "Harqal" must learn that it is
    known and has no report, not that the atlas has never heard of it.
    """
    counted = {pid for pid in with_reports if pid in gz}
    return sorted((p.id for p in gz), key=lambda i: (i not in counted, gz.get(i).name.casefold()))


def place_label(gz: Gazetteer, place_id: str, n_reports: int) -> str:
    """The picker's label of a place: its name, kind and count, then every other spelling the gazetteer knows.

    Streamlit's select box searches the labels as the reader types, so a place is found by any of
    its spellings ("Meshleb", "Harqal") and by its Arabic name.
    """
    p = gz.get(place_id)
    n = f"{n_reports} report" + ("" if n_reports == 1 else "s")
    kind = p.kind.replace("_", " ")
    others = [a for a in dict.fromkeys(p.aliases) if a.casefold() != p.name.casefold()]
    if p.name_ar:
        others.append(p.name_ar)
    return f"{p.name} ({kind}) — {n}" + (f" · also {', '.join(others)}" if others else "")


def _padded_bounds(gz: Gazetteer, place_ids: Iterable[str], pad: float) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` holding the places (their outline or radius), padded; None if none known."""
    xs: list[float] = []
    ys: list[float] = []
    for pid in place_ids:
        if pid not in gz:
            continue
        p = gz.get(pid)
        minx, miny, maxx, maxy = p.shape.bounds
        r = (p.radius_m or 0) / METRES_PER_DEGREE_LAT
        # 1.25: a degree of longitude is shorter than one of latitude at Raqqa's latitude
        xs += [minx - r * 1.25, maxx + r * 1.25]
        ys += [miny - r, maxy + r]
    if not xs:
        return None
    dx, dy = (max(xs) - min(xs)) * pad + 0.005, (max(ys) - min(ys)) * pad + 0.005
    return [[min(ys) - dy, min(xs) - dx], [max(ys) + dy, max(xs) + dx]]


def view_bounds(gz: Gazetteer, view: str) -> list[list[float]]:
    """``[[south, west], [north, east]]`` framing ``view``'s places (their outline or radius) with its padding."""
    v = VIEWS[view]
    b = _padded_bounds(gz, v.frame, v.pad)
    return b if b is not None else [list(FALLBACK_BOUNDS[0]), list(FALLBACK_BOUNDS[1])]


def place_bounds(gz: Gazetteer, place_id: str) -> list[list[float]] | None:
    """Bounds that frame one place with a little room around it (a focused row or link); None if unknown."""
    return _padded_bounds(gz, (place_id,), 0.5)
