"""The map's own panes: layers under every other overlay (base map, uncertainty), or over every marker (candidates).

Leaflet draws overlays in ``overlayPane`` (z-index 400); a pane with a lower
z-index keeps its layers below every marker and district, whatever order the
layers were added in. The panes let clicks through (``pointer-events: none``);
an interactive path in them still takes its own clicks (Leaflet's CSS).
"""

from __future__ import annotations

from geo.web.elements import MapScript
from geo.web.resources import script_template

__all__ = ["BASEMAP_PANE", "CANDIDATE_PANE", "PANE_Z", "UNCERTAINTY_PANE", "Pane"]

#: the plain base map (countries, city, districts, river)
BASEMAP_PANE = "atlasBasemap"
#: estimated positions: uncertainty rings and the discs of places known only as a point
UNCERTAINTY_PANE = "atlasUncertainty"
#: candidates (uploaded, not reviewed): over every marker and cluster (markerPane 600), under tooltips (650)
CANDIDATE_PANE = "atlasCandidates"
#: pane -> its z-index (Leaflet's overlayPane is 400, tiles 200)
PANE_Z = {BASEMAP_PANE: 350, UNCERTAINTY_PANE: 360, CANDIDATE_PANE: 620}


class Pane(MapScript):
    """Create the low, click-through pane ``pane`` (one of :data:`PANE_Z`) once per map."""

    _template = script_template("pane.js.j2")

    def __init__(self, pane: str, *, layer: str = "layer") -> None:
        super().__init__()
        if pane not in PANE_Z:
            raise ValueError(f"pane: expected one of {sorted(PANE_Z)}, got {pane!r}")
        self._name = "Pane"
        self.pane = pane
        self.z_index = PANE_Z[pane]
        self.layer = layer
