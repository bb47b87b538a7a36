"""The atlas's vocabularies and their labels, defined once.

Every other module (the curated-data validator, the extractor, the map, the
panel, the dashboard's filters) takes its codes and the words users see from
here. Each mapping's keys are the codes, in display order; its values, the
label.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: event_type -> label
EVENT_TYPE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "air_strike": "Air strike",
        "shelling": "Shelling",
        "armed_clash": "Armed clash",
        "territory_change": "Territory change",
        "displacement": "Displacement / trapped civilians",
        "other": "Other",
    }
)
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE_LABELS)

#: status -> what it means for the claim
STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "reported": "reported",
        "alleged": "alleged",
        "claimed": "claimed",
        "confirmed": "confirmed",
        "denied": "denied",
    }
)
STATUSES: tuple[str, ...] = tuple(STATUS_LABELS)

#: control_extent of a territory change -> label
EXTENT_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "entered": "entered",
        "partial": "partly taken",
        "full": "taken",
        "repelled": "attack repelled",
    }
)
EXTENTS: tuple[str, ...] = tuple(EXTENT_LABELS)

#: date_precision -> label
DATE_PRECISION_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "day": "day",
        "range": "range of days",
        "week": "week",
        "month": "month",
    }
)
DATE_PRECISIONS: tuple[str, ...] = tuple(DATE_PRECISION_LABELS)

#: munition -> label
MUNITION_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "white_phosphorus": "white phosphorus",
        "incendiary": "incendiary",
    }
)
#: munitions drawn as incendiary on the map
INCENDIARY_MUNITIONS: frozenset[str] = frozenset(MUNITION_LABELS)

#: a place's geometry_quality -> label
GEOMETRY_QUALITY_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "surveyed": "surveyed (two sources agree)",
        "single_source": "single source",
        "approximate": "approximate outline",
        "estimate": "estimate from text",
        "unsourced": "unsourced (position not sourced)",
    }
)

#: control state of a place on a day -> label
CONTROL_STATE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "is": "Islamic State held",
        "contested": "Contested",
        "sdf": "Taken by the SDF",
        "unknown": "Unknown",
    }
)

#: an event's grade, as Airwars grades civilian-harm claims -> what it means
#: (/work/shared/reference/event-data-standards.md, "Airwars"; airwars.org methodology)
EVENT_GRADE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "confirmed": "confirmed (a belligerent accepted responsibility)",
        "fair": "fair (two or more credible sources, likely belligerent action nearby)",
        "weak": "weak (a single source)",
        "contested": "contested (competing claims of responsibility)",
        "discounted": "discounted (combatants killed, or another party most likely responsible)",
    }
)
EVENT_GRADES: tuple[str, ...] = tuple(EVENT_GRADE_LABELS)
