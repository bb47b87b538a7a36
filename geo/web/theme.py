"""The map's colours, defined once: event types, control states, the rest of its palette.

Labels are not defined here: they come from :mod:`geo.records.vocab`.
"""

from __future__ import annotations

__all__ = ["CONTROL_STATES", "EVENT_COLOURS", "UNCERTAINTY_COLOUR", "ZONE_COLOUR"]

#: event_type -> (label, colour)
EVENT_COLOURS: dict[str, tuple[str, str]] = {
    "air_strike": ("Air strike", "#d7191c"),
    "shelling": ("Shelling", "#984ea3"),
    "armed_clash": ("Armed clash", "#377eb8"),
    "territory_change": ("Territory change", "#4daf4a"),
    "displacement": ("Displacement", "#a65628"),
    "other": ("Other", "#666666"),
}

#: state -> (label, fill colour, border colour, dashed border)
CONTROL_STATES: dict[str, tuple[str, str, str, bool]] = {
    "is": ("Islamic State held", "#252525", "#000000", False),
    "contested": ("Contested", "#e6550d", "#a63603", True),
    "sdf": ("Taken by the SDF", "#f2d024", "#8c7a00", False),
    "unknown": ("Unknown", "#bdbdbd", "#7a7a7a", True),
}

#: Location-uncertainty rings, and their legend row.
UNCERTAINTY_COLOUR = "#3182bd"
#: Zones such as the Al-Tanaf de-confliction zone.
ZONE_COLOUR = "#2b8cbe"
