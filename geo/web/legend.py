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


def _km(metres: float) -> str:
    return f"{round(metres)} m" if metres < 1000 else f"{round(metres / 1000, 1):g} km"


def legend(*, position: str = "bottomright", title: str = "Legend", unreviewed: bool = False,
           advances: bool = True, collapsed: bool = False, grouped: bool = False,
           approximate_m: tuple[float, float] | None = None, disputed: bool = True,
           clustered: bool = False) -> MacroElement:
    """Static legend (a Leaflet control) for control states, event types, symbols.

    The HTML is ours; only fixed labels from :data:`CONTROL_STATES` and
    :data:`EVENT_COLOURS` go into it (escaped all the same). Add it to the map.

    Parameters
    ----------
    position : str, keyword-only
        One of ``topleft``, ``topright``, ``bottomleft``, ``bottomright``.
    title : str, keyword-only
    approximate_m : (float, float), optional, keyword-only
        The smallest and largest uncertainty radius drawn (metres), said in the
        row of estimated positions: "approximate position (±0.3–2.5 km)".
    disputed : bool, keyword-only
        Add the row of striped (disputed) control.
    clustered : bool, keyword-only
        Add the row of numbered stacks (reports at one place, spread out on a click).

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
    if disputed:
        rows.append('<div><span class="sw atlas-sw-disputed"></span>Disputed: claims differ (stripes)</div>')
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
    if clustered:
        rows.append('<div><span class="atlas-cluster-legend">5</span>Reports at one place: click to spread them out'
                    "</div>")
    if unreviewed:
        rows.append(
            '<div><span class="sw dot" style="background:#fff;border:3px dashed #555"></span>'
            "Candidate from an upload, not reviewed</div>"
        )
    if grouped:
        rows.append(
            '<div><span class="sw dot" style="background:#999;border:2px solid #222"></span>'
            "Dark ring: many reports at one place, grouped (counts in its tooltip)</div>"
        )
    if approximate_m is not None:
        lo, hi = approximate_m
        size = f"±{_km(lo)}" if _km(lo) == _km(hi) else f"±{_km(lo)} to ±{_km(hi)}"
        approx = f"approximate position ({size})"
    else:
        approx = "approximate position"
    rows.append(
        f'<div><span class="sw dot" style="background:none;border:1px dashed {UNCERTAINTY_COLOUR}"></span>'
        f"Dashed ring: {esc(approx)}, not territory</div>"
    )
    rows.append('<div class="note">Claims, not facts: markers sit at the named '
                "place's reference point, not a surveyed impact site.</div></details>")
    return _Legend("".join(rows), position)
