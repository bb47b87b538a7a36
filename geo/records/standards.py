"""Our codes in the terms of the event-data standards our users work with (ACLED, UCDP GED).

Exports carry these beside our own fields so a report lines up with an ACLED or
UCDP table (see ``../shared/reference/event-data-standards.md`` and ACLED's
codebook).
"""

from __future__ import annotations

#: Our event types in ACLED's terms (event_type, sub_event_type).
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "armed_clash": ("Battles", "Armed clash"),
    "territory_change": ("Battles", "Non-state actor overtakes territory"),
    "displacement": ("Strategic developments", "Other"),
    "other": ("Strategic developments", "Other"),
}
#: Date precision in ACLED's ``time_precision`` code.
ACLED_TIME_PRECISION: dict[str, int] = {"day": 1, "range": 2, "week": 2, "month": 3}
#: Date precision in UCDP GED's ``date_prec`` code.
UCDP_DATE_PREC: dict[str, int] = {"day": 1, "range": 2, "week": 3, "month": 4}
