"""The map's legend: a Leaflet control listing control states, event types and symbols."""

from __future__ import annotations

from branca.element import MacroElement

from geo.web.elements import MapScript
from geo.web.escape import esc
from geo.web.resources import script_template
from geo.web.theme import CONTROL_STATES, EVENT_COLOURS, UNCERTAINTY_COLOUR

__all__ = ["legend"]


class _Legend(MapScript):
    """The legend control; ``html`` is our markup (labels escaped)."""

    layer = "legend"

    _template = script_template("legend.js.j2")

    def __init__(self, html_text: str, position: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.position = position


_POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")


def legend(*, position: str = "bottomright", title: str = "Legend", unreviewed: bool = False,
           advances: bool = True, collapsed: bool = False, grouped: bool = False) -> MacroElement:
    """Static legend (a Leaflet control) for control states, event types, symbols.

    The HTML is ours; only fixed labels from :data:`CONTROL_STATES` and
    :data:`EVENT_COLOURS` go into it (escaped all the same). Add it to the map.

    Parameters
    ----------
    position : str, keyword-only
        One of ``topleft``, ``topright``, ``bottomleft``, ``bottomright``.
    title : str, keyword-only

    Raises
    ------
    ValueError
        For another position.
    """
    if position not in _POSITIONS:
        raise ValueError(f"position: expected one of {list(_POSITIONS)}, got {position!r}")
    rows = [f'<details{"" if collapsed else " open"}><summary>{esc(title)}</summary>'
            '<h4>Control (claimed)</h4><div class="grid">']
    for label, fill, border, dashed in CONTROL_STATES.values():
        style = f"background:{fill};opacity:.75;border:1px {'dashed' if dashed else 'solid'} {border}"
        rows.append(f'<div><span class="sw" style="{style}"></span>{esc(label)}</div>')
    rows.append('</div><h4>Incidents (size: deaths claimed)</h4><div class="grid">')
    for label, colour in EVENT_COLOURS.values():
        rows.append(
            f'<div><span class="sw dot" style="background:{colour};border-color:#fff"></span>'
            f"{esc(label)}</div>"
        )
    rows.append("</div>")
    rows.append('<div><span class="atlas-wp-legend"></span>White phosphorus / incendiary alleged</div>')
    if advances:
        rows.append('<div><span class="tri"></span>Territory change (claimed dates)</div>')
    if unreviewed:
        rows.append(
            '<div><span class="sw dot" style="background:#fff;border:2px dashed #555"></span>'
            "Unreviewed extraction (upload)</div>"
        )
    if grouped:
        rows.append(
            '<div><span class="sw dot" style="background:#999;border:2px solid #222"></span>'
            "Dark ring: many reports at one place, grouped (counts in its tooltip)</div>"
        )
    rows.append(
        f'<div><span class="sw dot" style="background:none;border:1px dashed {UNCERTAINTY_COLOUR}"></span>'
        "Location uncertainty; dashed outline: approximate</div>"
    )
    rows.append('<div class="note">Claims, not facts: markers sit at the named '
                "place's reference point, not a surveyed impact site.</div></details>")
    return _Legend("".join(rows), position)
