"""What the dashboard's filters let through: one frozen :class:`Filters` value and :func:`select`.

The value is hashable, so a cache keyed on it (the dashboard's) sees one
argument instead of a dozen. Dates are ISO strings (``YYYY-MM-DD``) and compare
as text, like everywhere in the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from geo.records.vocab import EVENT_TYPES, STATUSES

#: time window -> label: which reports a day shows
WINDOW_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "upto": "Up to the chosen day",
        "day": "On the chosen day only",
        "week": "The 7 days up to the chosen day",
        "all": "Whole reporting period",
    }
)
WINDOWS: tuple[str, ...] = tuple(WINDOW_LABELS)
#: the day of :meth:`Filters.whole_period` (any day would do: the window ignores it)
WHOLE_PERIOD_DAY = "2017-06-06"


@dataclass(frozen=True, kw_only=True)
class Filters:
    """The filters of one view: every report field the dashboard filters on.

    ``claimants`` and ``outlets`` empty mean all; ``types`` and ``statuses``
    empty mean none (like an emptied multiselect).
    """

    day: str
    """The chosen day (ISO); the window is counted from it."""
    window: str = "upto"
    """One of :data:`WINDOWS`."""
    types: tuple[str, ...] = EVENT_TYPES
    claimants: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    statuses: tuple[str, ...] = STATUSES
    civilians_only: bool = False

    def __post_init__(self) -> None:
        if self.window not in WINDOW_LABELS:
            raise ValueError(f"window: expected one of {', '.join(WINDOWS)}, got {self.window!r}")
        dt.date.fromisoformat(self.day)  # a bad day fails here, not in every cached caller
        for name in ("types", "claimants", "outlets", "statuses"):
            if not isinstance(getattr(self, name), tuple):
                raise TypeError(f"{name}: expected a tuple (the value must stay hashable)")

    def whole_period(self) -> Filters:
        """The same filters over the whole reporting period, whatever the day (one cache entry for every day)."""
        return replace(self, window="all", day=WHOLE_PERIOD_DAY)

    def date_range(self) -> tuple[str | None, str | None]:
        """First and last day (inclusive) a report's date range must overlap; ``None``: open."""
        if self.window == "all":
            return None, None
        d = dt.date.fromisoformat(self.day)
        lo = {"upto": None, "day": d, "week": d - dt.timedelta(days=6)}[self.window]
        return (lo.isoformat() if lo else None), d.isoformat()


def select(reports: Iterable[Mapping], filters: Filters) -> list:
    """The reports ``filters`` let through, in their order (the reports themselves, not copies)."""
    lo, hi = filters.date_range()
    types, statuses = set(filters.types), set(filters.statuses)
    claimants, outlets = set(filters.claimants), set(filters.outlets)
    out = []
    for r in reports:
        if r["event_type"] not in types or r["status"] not in statuses:
            continue
        if claimants and r["claimed_by"] not in claimants:
            continue
        if outlets and r["outlet"] not in outlets:
            continue
        if filters.civilians_only and not r.get("civilian_harm"):
            continue
        if hi and r["date_start"] > hi:
            continue
        if lo and r["date_end"] < lo:
            continue
        out.append(r)
    return out
