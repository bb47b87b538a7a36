"""Days of the reporting: which days have reports, the period worth framing, stepping from day to day.

Pure functions over report dicts (``date_start`` as ISO text) and ISO days; the
dashboard's time tools (date box, step buttons, play, slider and timeline frame)
call them.

Why a frame: the seed reports run from October 2016 to August 2017, but almost
all of them fall in two weeks around the SDF's entry into Raqqa (28 May to
10 June 2017). A slider or timeline over the whole period squeezes those two
weeks into a sliver; one over the densest stretch keeps each day wide enough to
aim at. The whole period stays one click away.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

#: Share of the reports the framed period holds at least.
FRAME_SHARE = 0.75
#: Days added on each side of the densest stretch (so its first and last days are not on the edge).
FRAME_PAD_DAYS = 2


def report_days(reports: Iterable[dict]) -> list[str]:
    """Every day on which at least one report starts, sorted (ISO)."""
    return sorted({r["date_start"] for r in reports if r.get("date_start")})


def framed_period(
    reports: Sequence[dict],
    *,
    share: float = FRAME_SHARE,
    pad_days: int = FRAME_PAD_DAYS,
    within: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """The shortest run of days holding at least ``share`` of the reports, padded by ``pad_days``.

    Each report counts on its first day. The result is clipped to ``within``
    (the whole reporting period) when given. With no reports: ``within``.

    Raises
    ------
    ValueError
        For a ``share`` outside (0, 1], a negative ``pad_days``, or no reports and no ``within``.
    """
    if not 0 < share <= 1:
        raise ValueError(f"share: expected a number in (0, 1], got {share!r}")
    if pad_days < 0:
        raise ValueError(f"pad_days: expected 0 or more, got {pad_days!r}")
    starts = sorted(dt.date.fromisoformat(r["date_start"]) for r in reports if r.get("date_start"))
    if not starts:
        if within is None:
            raise ValueError("framed_period: no report has a date_start, and no period to fall back on")
        return within
    need = max(1, -(-len(starts) * share // 1))  # ceil, at least one report
    need = int(need)
    # the window [starts[i], starts[i + need - 1]] holds `need` reports; keep the shortest (earliest on ties)
    best = min(range(len(starts) - need + 1), key=lambda i: (starts[i + need - 1] - starts[i], i))
    pad = dt.timedelta(days=pad_days)
    first, last = starts[best] - pad, starts[best + need - 1] + pad
    if within is not None:
        lo, hi = dt.date.fromisoformat(within[0]), dt.date.fromisoformat(within[1])
        first, last = max(first, lo), min(last, hi)
    return first.isoformat(), last.isoformat()


def step_to_report_day(days: Sequence[str], day: str, step: int) -> str | None:
    """The nearest day with reports after (``step=1``) or before (``step=-1``) ``day``; None when there is none.

    ``days`` is sorted (as :func:`report_days` returns it).
    """
    if step == 1:
        i = bisect_right(days, day)
        return days[i] if i < len(days) else None
    if step == -1:
        i = bisect_left(days, day)
        return days[i - 1] if i > 0 else None
    raise ValueError(f"step: expected 1 or -1, got {step!r}")


def shift_day(day: str, days: int, *, period: tuple[str, str]) -> str:
    """``day`` moved by ``days`` days, kept inside ``period`` (first, last)."""
    moved = (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    return min(max(moved, period[0]), period[1])


def widen_to(period: tuple[str, str], *days: str) -> tuple[str, str]:
    """``period`` stretched to hold every one of ``days`` (a day from a shared link may lie outside the frame)."""
    return min(period[0], *days), max(period[1], *days)
