"""The dashboard's timeline: reports and reported deaths per day by type, as plain HTML bars.

Pure functions, no Streamlit. The chart is static (stacked bars, a marker for
the chosen day, a tooltip per bar), so it is drawn here with positioned
``<div>``s rather than with Vega-Lite: Streamlit's chart code is 0.8 MB of
JavaScript that the browser must fetch and compile before the rest of the
page settles, which on a slow laptop cost more than the map itself
(``benchmarks/bench_dashboard.py``).

Claims, not facts: a report is counted once per report, on the first day of
its date range, so several reports of one event count several times; deaths
are each report's best (or lowest) claimed figure. The caption the dashboard
shows says so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

from geo.web.html import render, static_text

__all__ = [
    "METRICS", "OTHER_COLOUR", "TIMELINE_CSS",
    "bars_html", "daily_counts", "legend_html", "nice_ticks", "timeline_html",
]

#: The colour of event types the colours given do not name.
OTHER_COLOUR = "#999999"

#: What a chart can count: ``metric -> (axis title, unit in tooltips)``.
METRICS = {
    "reports": ("Reports", "report(s)"),
    "deaths": ("Deaths (best or lowest claim)", "death(s) claimed"),
}


def _deaths(r: Mapping) -> int:
    v = r.get("deaths_best") or r.get("deaths_low") or 0
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 else 0


def daily_counts(reports: Iterable[Mapping]) -> dict[str, dict[str, dict[str, int]]]:
    """Reports and claimed deaths per day and event type.

    Parameters
    ----------
    reports : iterable of mapping
        Incident reports with ``date_start`` (ISO day) and ``event_type``;
        ``deaths_best`` / ``deaths_low`` when a toll is claimed. Reports with
        no usable ``date_start`` are left out (they cannot be placed in time).

    Returns
    -------
    dict
        ``{day: {event_type: {"reports": n, "deaths": n}}}``, days sorted.
    """
    out: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: {"reports": 0, "deaths": 0}))
    for r in reports:
        day = r.get("date_start")
        if not isinstance(day, str) or len(day) < 10:
            continue
        try:
            dt.date.fromisoformat(day[:10])
        except ValueError:
            continue
        cell = out[day[:10]][str(r.get("event_type") or "other")]
        cell["reports"] += 1
        cell["deaths"] += _deaths(r)
    return {d: {t: dict(c) for t, c in out[d].items()} for d in sorted(out)}


def nice_ticks(top: float, *, most: int = 5) -> list[int]:
    """Round axis ticks from 0 to at least ``top`` (1, 2 or 5 times a power of ten apart).

    >>> nice_ticks(37)
    [0, 10, 20, 30, 40]
    """
    if not top or top <= 0:
        return [0, 1]
    raw = top / max(1, most - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 5, 10) if s * mag >= raw)
    step = max(1, int(step))
    n = math.ceil(top / step)
    return [i * step for i in range(n + 1)]


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _fmt(n: int) -> str:
    return f"{n:,}"


def _segments(counts: Mapping[str, Mapping[str, Mapping[str, int]]], days: Sequence[dt.date], *, metric: str,
              colours: Mapping[str, tuple[str, str]], ymax: int) -> list[dict[str, str | int]]:
    """Every bar segment: position and size (percent, formatted), colour, and its tooltip's values."""
    order = list(colours) + sorted({t for d in counts.values() for t in d} - set(colours))
    bw = 100 / len(days)
    out: list[dict[str, str | int]] = []
    for i, d in enumerate(days):
        cells = counts.get(d.isoformat(), {})
        acc = 0
        for t in order:
            v = cells.get(t, {}).get(metric, 0)
            if not v:
                continue
            label, colour = colours.get(t, (t, OTHER_COLOUR))
            out.append({"left": f"{i * bw + bw * 0.1:.4f}", "width": f"{bw * 0.8:.4f}",
                        "bottom": f"{100 * acc / ymax:.4f}", "height": f"{100 * v / ymax:.4f}",
                        "colour": colour, "day": f"{d:%a %-d %b %Y}", "label": label, "value": _fmt(v)})
            acc += v
    return out


def _x_labels(days: Sequence[dt.date]) -> list[dict[str, str]]:
    """At most about eight day labels, on round steps of days; the year on the first and where it turns."""
    step = next(s for s in (1, 2, 7, 14, 28, 56, 91, 182, 365, 10**6) if len(days) / s <= 8)
    bw = 100 / len(days)
    out = []
    year = None
    for i, d in enumerate(days):
        if i % step == 0:
            label = f"{d:%-d %b}" if d.year == year else f"{d:%-d %b %Y}"
            out.append({"left": f"{(i + 0.5) * bw:.4f}", "label": label})
            year = d.year
    return out


def bars_html(
    counts: Mapping[str, Mapping[str, Mapping[str, int]]],
    *,
    metric: str,
    colours: Mapping[str, tuple[str, str]],
    day: str | None = None,
    period: Sequence[str] | None = None,
    title: str = "",
    height: int = 180,
) -> str:
    """One stacked bar chart of ``counts``, drawn with positioned ``<div>``s.

    Plain HTML and CSS, not SVG: ``st.html`` sanitises with DOMPurify's HTML
    profile, which drops SVG. Positions are percentages, so the chart takes
    its container's width; each bar segment's ``title`` is its tooltip.

    Parameters
    ----------
    counts : mapping
        What :func:`daily_counts` returns.
    metric : {"reports", "deaths"}, keyword-only
        What the bars count.
    colours : mapping, keyword-only
        ``event_type -> (label, CSS colour)``; types missing from it are drawn
        grey under their own (escaped) name. Stacking follows its order.
    day : str, optional, keyword-only
        ISO day to mark with a dashed line (the dashboard's chosen day).
    period : (str, str), optional, keyword-only
        First and last ISO day of the x axis (default: the days in ``counts``).
    title : str, keyword-only
        Read out by screen readers (``aria-label``).
    height : int, keyword-only
        Height of the plot area in pixels.

    Returns
    -------
    str
        One ``<div class="atlas-tl-chart">``; every text in it is escaped.

    Raises
    ------
    ValueError
        For an unknown ``metric`` or a ``period``/``day`` that is not an ISO day.
    """
    if metric not in METRICS:
        raise ValueError(f"metric: expected one of {sorted(METRICS)}, got {metric!r}")
    days_in = sorted(counts)
    try:
        if period is not None:
            first, last = (dt.date.fromisoformat(str(p)[:10]) for p in period)
        elif days_in:
            first, last = dt.date.fromisoformat(days_in[0]), dt.date.fromisoformat(days_in[-1])
        else:
            first = last = dt.date(2017, 6, 6)
        marked = dt.date.fromisoformat(day[:10]) if day else None
    except (TypeError, ValueError) as e:
        raise ValueError(f"period/day: expected ISO dates (YYYY-MM-DD), got period={period!r}, day={day!r}") from e
    if last < first:
        first, last = last, first
    days = _days(first, last)
    totals = [sum(c.get(metric, 0) for c in counts.get(d.isoformat(), {}).values()) for d in days]
    ticks = nice_ticks(max(totals, default=0))
    ymax = ticks[-1]
    bw = 100 / len(days)
    axis_title, unit = METRICS[metric]
    mark = None
    if marked is not None and first <= marked <= last:
        mark = {"left": f"{((marked - first).days + 0.5) * bw:.4f}", "day": f"{marked:%a %-d %b %Y}"}
    return render(
        "timeline_bars.html.j2",
        label=title or axis_title,
        axis_title=axis_title,
        height=int(height),
        ticks=[{"bottom": f"{100 * t / ymax:.3f}", "label": _fmt(t)} for t in ticks],
        bars=_segments(counts, days, metric=metric, colours=colours, ymax=ymax),
        unit=Markup(unit),  # ours: "report(s)" keeps its brackets
        mark=mark,
        x_labels=_x_labels(days),
    )


def legend_html(colours: Mapping[str, tuple[str, str]], present: Iterable[str]) -> str:
    """Swatches for the event types that appear (in ``colours`` order)."""
    have = set(present)
    return render("timeline_legend.html.j2", keys=[(label, c) for t, (label, c) in colours.items() if t in have],
                  others=sorted(have - set(colours)), other_colour=Markup(OTHER_COLOUR))


#: The timeline's styles, one ``<style>`` block for ``st.html``.
TIMELINE_CSS = f"<style>\n{static_text('timeline.css')}</style>"


def timeline_html(
    counts: Mapping[str, Mapping[str, Mapping[str, int]]],
    *,
    metric: str,
    colours: Mapping[str, tuple[str, str]],
    title: str,
    day: str | None = None,
    period: Sequence[str] | None = None,
    with_css: bool = True,
) -> str:
    """A titled chart with its legend, ready for ``st.html`` (no blank lines, all text escaped).

    ``with_css=False`` leaves out :data:`TIMELINE_CSS`, for a second chart
    on a page whose first chart carries it (``st.html`` shares the page's styles).
    """
    chart = bars_html(counts, metric=metric, colours=colours, day=day, period=period, title=title)
    present = {t for d in counts.values() for t, c in d.items() if c.get(metric)}
    return render("timeline.html.j2", css=Markup(TIMELINE_CSS) if with_css else "", title=title,
                  chart=Markup(chart), legend=Markup(legend_html(colours, present)))

