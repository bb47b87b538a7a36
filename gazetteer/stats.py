"""Counts of the gazetteer's places by kind and by geometry quality (``python -m gazetteer stats``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .place import GEOMETRY_QUALITIES, KINDS, Place


@dataclass(frozen=True)
class PlaceCounts:
    """How many places of each kind, of each geometry quality, and of each pair.

    Attributes
    ----------
    total : int
        Number of places.
    kinds : dict
        ``{kind: count}``, in :data:`~gazetteer.place.KINDS` order, kinds with no place left out.
    quality : dict
        ``{geometry_quality: count}``, in :data:`~gazetteer.place.GEOMETRY_QUALITIES` order.
    by_kind_quality : dict
        ``{(kind, quality): count}``.
    """

    total: int
    kinds: dict[str, int]
    quality: dict[str, int]
    by_kind_quality: dict[tuple[str, str], int]

    def to_json(self) -> dict:
        """The counts as JSON (the pairs as ``{kind: {quality: n}}``)."""
        cross: dict[str, dict[str, int]] = {}
        for (k, q), n in self.by_kind_quality.items():
            cross.setdefault(k, {})[q] = n
        return {"places": self.total, "kinds": self.kinds, "geometry_quality": self.quality, "kind_by_quality": cross}

    def markdown(self) -> str:
        """A table: one row a kind, one column a geometry quality, totals on both edges."""
        qs = [q for q in GEOMETRY_QUALITIES if q in self.quality]
        lines = ["| kind | " + " | ".join(f"`{q}`" for q in qs) + " | total |", "|---|" + "---:|" * (len(qs) + 1)]
        for k, n in self.kinds.items():
            cells = [str(self.by_kind_quality.get((k, q), "")) for q in qs]
            lines.append(f"| {k} | " + " | ".join(cells) + f" | {n} |")
        lines.append("| **total** | " + " | ".join(f"**{self.quality[q]}**" for q in qs) + f" | **{self.total}** |")
        return "\n".join(lines)


def count_places(places: Iterable[Place]) -> PlaceCounts:
    """Count places by kind, by geometry quality and by both."""
    ps = list(places)
    kinds, quality = Counter(p.kind for p in ps), Counter(p.geometry_quality for p in ps)
    cross = Counter((p.kind, p.geometry_quality) for p in ps)
    return PlaceCounts(
        total=len(ps),
        kinds={k: kinds[k] for k in KINDS if kinds[k]},
        quality={q: quality[q] for q in GEOMETRY_QUALITIES if quality[q]},
        by_kind_quality={(k, q): cross[(k, q)] for k in KINDS for q in GEOMETRY_QUALITIES if cross[(k, q)]},
    )
