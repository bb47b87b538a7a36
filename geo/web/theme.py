"""The map's colours, defined once: event types, control states, the rest of its palette.

Labels are not defined here: they come from :mod:`geo.records.vocab`, and the
two tables the layers and the legend read (:data:`EVENT_COLOURS`,
:data:`CONTROL_STATES`) pair each vocabulary label with its colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from geo.records.vocab import CONTROL_STATE_LABELS, EVENT_TYPE_LABELS

__all__ = [
    "CONTROL_STATES",
    "CONTROL_STATE_COLOURS",
    "EVENT_COLOURS",
    "EVENT_TYPE_COLOURS",
    "UNCERTAINTY_COLOUR",
    "ZONE_COLOUR",
    "ControlStyle",
]

#: event_type -> marker colour
EVENT_TYPE_COLOURS: Mapping[str, str] = MappingProxyType({
    "air_strike": "#d7191c",
    "shelling": "#984ea3",
    "armed_clash": "#377eb8",
    "territory_change": "#4daf4a",
    "displacement": "#a65628",
    "other": "#666666",
})


class ControlStyle(NamedTuple):
    """How a control state is drawn."""

    fill: str
    border: str
    dashed: bool


#: control state -> its fill and border colours, and whether its border is dashed
CONTROL_STATE_COLOURS: Mapping[str, ControlStyle] = MappingProxyType({
    "is": ControlStyle("#252525", "#000000", False),
    "contested": ControlStyle("#e6550d", "#a63603", True),
    "sdf": ControlStyle("#f2d024", "#8c7a00", False),
    "unknown": ControlStyle("#bdbdbd", "#7a7a7a", True),
})

#: event_type -> (label, colour)
EVENT_COLOURS: dict[str, tuple[str, str]] = {
    code: (label, EVENT_TYPE_COLOURS[code]) for code, label in EVENT_TYPE_LABELS.items()
}

#: state -> (label, fill colour, border colour, dashed border)
CONTROL_STATES: dict[str, tuple[str, str, str, bool]] = {
    code: (label, *CONTROL_STATE_COLOURS[code]) for code, label in CONTROL_STATE_LABELS.items()
}

#: Location-uncertainty rings, and their legend row.
UNCERTAINTY_COLOUR = "#3182bd"
#: Zones such as the Al-Tanaf de-confliction zone.
ZONE_COLOUR = "#2b8cbe"
