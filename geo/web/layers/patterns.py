"""Stripes for disputed control: an SVG ``<pattern>`` per pair of claimed states, and the CSS that fills with it.

Leaflet draws polygons as SVG paths and sets their ``fill`` attribute; a CSS
``fill`` rule beats an attribute, so a path with our class
``atlas-hatch-<a>-<b>`` is filled with the pattern ``#atlas-hatch-<a>-<b>``:
diagonal stripes in the two states' colours. The patterns live in one hidden
inline ``<svg>`` of the page (public SVG and Leaflet options only).
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.web.elements import VerbatimMacro
from geo.web.resources import script_template
from geo.web.theme import CONTROL_STATES

__all__ = ["HATCH_WIDTH_PX", "HatchPatterns", "hatch_class"]

#: width of one pair of stripes, in screen pixels
HATCH_WIDTH_PX = 10


def hatch_class(a: str, b: str) -> str:
    """The CSS class (and pattern id) of stripes in control states ``a`` and ``b``."""
    for s in (a, b):
        if s not in CONTROL_STATES:
            raise ValueError(f"hatch_class: expected a state in {sorted(CONTROL_STATES)}, got {s!r}")
    return f"atlas-hatch-{a}-{b}"


class HatchPatterns(VerbatimMacro):
    """The hidden ``<svg>`` holding a striped pattern per state pair, and its CSS rules.

    ``pairs``: ``(state, state)`` tuples; colours come from :data:`CONTROL_STATES`.
    """

    _template = script_template("hatch_patterns.html.j2")

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "HatchPatterns"
        self.size = HATCH_WIDTH_PX
        self.patterns = [
            {"id": hatch_class(a, b), "a": CONTROL_STATES[a][1], "b": CONTROL_STATES[b][1]} for a, b in pairs
        ]
