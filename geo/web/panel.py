"""HTML builders for the dashboard's incident panel and article view (no Streamlit import).

Everything here returns a string of HTML that the dashboard hands to
``st.html`` / ``st.markdown(..., unsafe_allow_html=True)``. Article text,
quotes, place names, claimants and outlets are untrusted (they come from news
articles, some uploaded by users), so:

* every such string goes through :func:`esc` (``html.escape`` plus numeric
  entities for the characters Markdown, Streamlit's ``:colour[...]``
  directives and LaTeX give a meaning: ``* _ ` [ ] ( ) # ~ | ! { } $ : \\``),
* newlines become ``<br>`` and the output never holds a blank line, so a
  Markdown renderer sees one raw-HTML block and parses nothing inside it,
* the only tags are our own (``<mark>``, ``<div>``, ``<table>``...), with
  fixed class names; no attribute ever carries article text except through
  :func:`esc` (which also escapes quotes).

Claims, not facts: each report is shown with who claims it, its status and
its precision; reports of one event that disagree are laid out side by side.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from geo.records.vocab import DATE_PRECISION_LABELS, EVENT_TYPE_LABELS, GEOMETRY_QUALITY_LABELS, MUNITION_LABELS

__all__ = [
    "PANEL_CSS",
    "EVENT_LABELS",
    "article_html",
    "competing_html",
    "esc",
    "fmt_count",
    "fmt_dates",
    "highlight",
    "legend_strip_html",
    "place_panel_html",
    "quote_html",
    "report_html",
    "unresolved_html",
]

EVENT_LABELS = EVENT_TYPE_LABELS
PRECISION_LABELS = DATE_PRECISION_LABELS
QUALITY_LABELS = GEOMETRY_QUALITY_LABELS

# Characters that mean something to Markdown / Streamlit markdown extensions.
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_MD_ENTITIES = {c: f"&#{ord(c)};" for c in "\\*_`[]()#~|!{}$:"}
#: One pass: what html.escape(quote=True) does, plus the Markdown characters.
_ESCAPE_TABLE = str.maketrans({**_HTML_ENTITIES, **_MD_ENTITIES})


def esc(value: Any, empty: str = "—") -> str:
    """Escape any value for our HTML (``None``/"" -> ``empty``, which is ours and trusted).

    ``html.escape`` (quotes included), then Markdown-significant characters as
    numeric entities, then newlines as ``<br>``. Safe in text and in quoted
    attribute values.
    """
    if value is None or value == "":
        return empty
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [esc(v, "") for v in value]
        return ", ".join(p for p in parts if p) or empty
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # one pass, so the '&' and '#' of the entities we emit are never re-escaped
    text = str(value).translate(_ESCAPE_TABLE)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _cls(name: str) -> str:
    """A CSS class token from our own fixed vocabulary (anything else is dropped)."""
    return "".join(ch for ch in name if ch.isalnum() or ch in "-_")


# --------------------------------------------------------------------------
# Highlighting
# --------------------------------------------------------------------------


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap the given character spans in ``<mark>``.

    Parameters
    ----------
    text : str
        Untrusted text.
    spans : iterable of (start, end, css_class)
        Python ``str`` offsets (``text[start:end]`` is marked). Spans may nest
        or overlap: each run of characters gets one ``<mark>`` whose classes
        are those of every span covering it. Out-of-range offsets are clipped;
        empty spans are ignored.

    Returns
    -------
    str
        HTML with only our ``<mark class="...">`` tags and ``<br>``.

    Raises
    ------
    TypeError
        If ``text`` is not a str or an offset is not an int.
    """
    if not isinstance(text, str):
        raise TypeError(f"highlight: expected text to be a str, got {type(text).__name__}")
    n = len(text)
    clean: list[tuple[int, int, str]] = []
    for s, e, c in spans:
        if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
            raise TypeError(f"highlight: expected int offsets, got ({s!r}, {e!r})")
        s, e = max(0, s), min(n, e)
        if s < e:
            clean.append((s, e, _cls(c) or "hl"))
    if not clean:
        return esc(text, "")
    bounds = sorted({0, n, *[s for s, _, _ in clean], *[e for _, e, _ in clean]})
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        if a >= b:
            continue
        classes = []
        for s, e, c in clean:
            if s <= a and b <= e and c not in classes:
                classes.append(c)
        chunk = esc(text[a:b], "")
        out.append(f'<mark class="{" ".join(classes)}">{chunk}</mark>' if classes else chunk)
    return "".join(out)


def _occurrences(haystack: str, needle: str | None) -> list[tuple[int, int]]:
    if not needle:
        return []
    out, i = [], haystack.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = haystack.find(needle, i + len(needle))
    return out


def quote_html(quote: str | None, place_text: str | None = None) -> str:
    """The quote, escaped, with every occurrence of the place name marked."""
    if not quote:
        return "<em>(no quote)</em>"
    spans = [(s, e, "place") for s, e in _occurrences(quote, place_text)]
    return highlight(quote, spans)


def article_html(
    text: str,
    *,
    span_start: int | None = None,
    span_end: int | None = None,
    place_text: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    reviewed: bool = True,
) -> str:
    """The whole article, escaped, with the reported sentence and the place name marked.

    The sentence is ``text[span_start:span_end]`` (``mark.quote``); inside it,
    every occurrence of ``place_text`` is also ``mark.place``. When the offsets
    do not fit the text, nothing is marked and a warning says so.
    """
    if not isinstance(text, str):
        raise TypeError(f"article_html: expected text to be a str, got {type(text).__name__}")
    spans: list[tuple[int, int, str]] = []
    warn = ""
    if isinstance(span_start, int) and isinstance(span_end, int):
        if 0 <= span_start < span_end <= len(text):
            spans.append((span_start, span_end, "quote"))
            quote = text[span_start:span_end]
            spans += [(span_start + s, span_start + e, "place") for s, e in _occurrences(quote, place_text)]
        else:
            warn = (
                f'<p class="atlas-warn">The reported sentence ({span_start}..{span_end}) lies '
                f"outside this text ({len(text)} characters): nothing is highlighted.</p>"
            )
    head = []
    if title:
        head.append(f'<div class="atlas-art-title">{esc(title)}</div>')
    meta = " · ".join(x for x in (esc(outlet, ""), esc(published, "")) if x)
    if not reviewed:
        meta += ' · <span class="atlas-unrev">uploaded, unreviewed</span>'
    if meta:
        head.append(f'<div class="atlas-art-meta">{meta}</div>')
    return (
        '<div class="atlas-article">' + "".join(head) + warn
        + f'<div class="atlas-art-body">{highlight(text, spans)}</div></div>'
    )


# --------------------------------------------------------------------------
# Formatting claims
# --------------------------------------------------------------------------


def _num(v: Any) -> str:
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return esc(v)


def fmt_count(low: Any = None, best: Any = None, high: Any = None) -> str:
    """A claimed count in words: ``8``, ``at least 21``, ``5–7``, ``up to 30``, ``about 12 (10–15)``.

    Returns ``""`` when nothing is claimed. Values are escaped.
    """
    if low is None and best is None and high is None:
        return ""
    if best is not None:
        if low is not None and high is not None and (low, high) != (best, best):
            return f"{_num(best)} ({_num(low)}–{_num(high)})"
        if low is not None and low != best:
            return f"{_num(best)} (at least {_num(low)})"
        if high is not None and high != best:
            return f"{_num(best)} (up to {_num(high)})"
        return _num(best)
    if low is not None and high is not None:
        return _num(low) if low == high else f"{_num(low)}–{_num(high)}"
    if low is not None:
        return f"at least {_num(low)}"
    return f"up to {_num(high)}"


def _day(iso: Any) -> str:
    try:
        d = dt.date.fromisoformat(str(iso))
    except ValueError:
        return esc(iso)
    return f"{d:%a} {d.day} {d:%b} {d.year}"


def fmt_dates(start: Any, end: Any = None, precision: Any = None, date_text: Any = None) -> str:
    """``Tue 6 Jun 2017 – Wed 7 Jun 2017 (range of days; “on Tuesday”)``, escaped."""
    if not start:
        return "date unknown"
    s = _day(start)
    if end and end != start:
        s += f" – {_day(end)}"
    notes = []
    if precision:
        notes.append(f"precision: {esc(PRECISION_LABELS.get(precision, precision))}")
    if date_text:
        notes.append(f"“{esc(date_text)}”")
    return s + (f" <span class=\"atlas-dim\">({'; '.join(notes)})</span>" if notes else "")


def _type_label(r: Mapping) -> str:
    label = EVENT_LABELS.get(r.get("event_type"), r.get("event_type") or "other")
    mun = r.get("munition")
    if mun:
        label = f"{label} ({MUNITION_LABELS.get(mun, mun)})"
    return esc(label)


def _numbers(r: Mapping) -> list[str]:
    out = []
    deaths = fmt_count(r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high"))
    if deaths:
        group = f" {esc(r.get('casualty_group'))}" if r.get("casualty_group") else ""
        out.append(f"<b>{deaths}</b>{group} killed")
    injured = fmt_count(r.get("injured_low"), None, r.get("injured_high"))
    if injured:
        out.append(f"<b>{injured}</b> injured")
    if r.get("control_extent"):
        actor = esc(r.get("control_actor"), "?")
        frm = f" from {esc(r.get('control_from'))}" if r.get("control_from") else ""
        out.append(f"control: <b>{esc(r.get('control_extent'))}</b> by {actor}{frm}")
    return out


def report_html(r: Mapping, *, article_link: str | None = None) -> str:
    """One report: date and precision, type, numbers with claimant, status, outlet, the quote.

    ``article_link`` is trusted text shown after the outlet (e.g. a hint that
    the full article opens below).
    """
    unrev = not r.get("reviewed", False)
    classes = "atlas-rep" + (" atlas-rep-unrev" if unrev else "")
    badge = (
        '<span class="atlas-badge atlas-badge-unrev">unreviewed extraction</span>'
        if unrev else ""
    )
    civ = '<span class="atlas-badge atlas-badge-civ">civilian harm</span>' if r.get("civilian_harm") else ""
    nums = _numbers(r)
    claim = f"claimed by <b>{esc(r.get('claimed_by'))}</b>"
    where = esc(r.get("place_name") or r.get("place_text"))
    gp = r.get("geo_precision")
    gp_txt = {1: "the place itself", 2: "near / part of it", 3: "a larger area"}.get(gp, "unresolved")
    parts = [
        f'<div class="{classes}">',
        f'<div class="atlas-rep-head"><span class="atlas-type atlas-type-{_cls(str(r.get("event_type") or "other"))}">'
        f"{_type_label(r)}</span> · {fmt_dates(r.get('date_start'), r.get('date_end'), r.get('date_precision'), r.get('date_text'))}"
        f" {badge}{civ}</div>",
        f'<div class="atlas-rep-claim">Status: <b>{esc(r.get("status"))}</b>, {claim}'
        + (f" — {'; '.join(nums)}" if nums else "")
        + "</div>",
        f'<div class="atlas-rep-src">Outlet: <b>{esc(r.get("outlet"))}</b>'
        + (f", published {esc(r.get('published'))}" if r.get("published") else "")
        + (f" · “{esc(r.get('title'))}”" if r.get("title") else "")
        + f' · place: {where} <span class="atlas-dim">(located at {esc(gp_txt)})</span>'
        + (f" · {article_link}" if article_link else "")
        + "</div>",
        f'<blockquote class="atlas-quote">{quote_html(r.get("quote"), r.get("place_text"))}</blockquote>',
    ]
    if r.get("notes"):
        parts.append(f'<div class="atlas-notes">Coder’s notes: {esc(r.get("notes"))}</div>')
    parts.append(f'<div class="atlas-dim atlas-rid">{esc(r.get("id"))}</div></div>')
    return "".join(parts)


def _claim_cell_dates(r: Mapping) -> str:
    return fmt_dates(r.get("date_start"), r.get("date_end"), r.get("date_precision"), r.get("date_text"))


def competing_html(reports: Sequence[Mapping], fields: Sequence[str]) -> str:
    """Competing claims of one event side by side: one row per report.

    Columns: who claims it (claimant and outlet), one per competing field
    (``date``, ``deaths``, ``injured``, ``extent``), then the status. Rows,
    not columns, per report: the panel is narrow and an event can have many
    reports, while the fields are at most four, so the table never grows wider
    than the panel and each field's claims line up in one column.
    """
    if len(reports) < 2:
        return ""
    labels = {"date": "Date", "deaths": "Killed", "injured": "Injured", "extent": "Control"}
    head = "<th>Claimed by</th>" + "".join(f"<th>{esc(labels.get(f, f))}</th>" for f in fields) + "<th>Status</th>"
    rows = []
    for r in reports:
        cells = []
        for f in fields:
            if f == "date":
                cells.append(_claim_cell_dates(r))
            elif f == "deaths":
                cells.append(fmt_count(r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high")) or "—")
            elif f == "injured":
                cells.append(fmt_count(r.get("injured_low"), None, r.get("injured_high")) or "—")
            elif f == "extent":
                cells.append(
                    f"{esc(r.get('control_extent'))} ({esc(r.get('control_actor'))}) at {esc(r.get('place_name'))}"
                )
        cells.append(esc(r.get("status")))
        who = f"{esc(r.get('claimed_by'))}<br><span class=\"atlas-dim\">via {esc(r.get('outlet'))}</span>"
        rows.append(f"<tr><th>{who}</th>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<div class="atlas-competing"><div class="atlas-competing-title">Competing claims: '
        + esc(", ".join(labels.get(f, f).lower() for f in fields))
        + "</div><table><thead><tr>" + head + "</tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></div>"
    )


def _group(reports: Sequence[Mapping]) -> list[tuple[str, list[Mapping]]]:
    by: dict[str, list[Mapping]] = defaultdict(list)
    for r in reports:
        by[str(r.get("event_id") or r.get("id"))].append(r)
    groups = [(k, sorted(v, key=lambda r: (str(r.get("date_start")), str(r.get("id"))))) for k, v in by.items()]
    groups.sort(key=lambda kv: (min(str(r.get("date_start")) for r in kv[1]), kv[0]))
    return groups


def _competing_fields(rs: Sequence[Mapping]) -> list[str]:
    out = []
    if len({(r.get("date_start"), r.get("date_end")) for r in rs}) > 1:
        out.append("date")
    withd = [r for r in rs if any(r.get(k) is not None for k in ("deaths_low", "deaths_best", "deaths_high"))]
    if len({(r.get("deaths_low"), r.get("deaths_best"), r.get("deaths_high")) for r in withd}) > 1:
        out.append("deaths")
    withi = [r for r in rs if r.get("injured_low") is not None or r.get("injured_high") is not None]
    if len({(r.get("injured_low"), r.get("injured_high")) for r in withi}) > 1:
        out.append("injured")
    withe = [r for r in rs if r.get("control_extent")]
    if len({(r.get("place_id"), r.get("control_extent")) for r in withe}) > 1:
        out.append("extent")
    return out


def _event_title(eid: str, rs: Sequence[Mapping]) -> str:
    types = sorted({EVENT_LABELS.get(r.get("event_type"), str(r.get("event_type"))) for r in rs})
    start = min(str(r.get("date_start")) for r in rs)
    end = max(str(r.get("date_end")) for r in rs)
    outlets = sorted({str(r.get("outlet")) for r in rs if r.get("outlet")})
    span = _day(start) if start == end else f"{_day(start)} – {_day(end)}"
    n = len(rs)
    return (
        f"{esc(' / '.join(types))} · {span} · {n} report{'s' if n != 1 else ''}"
        f" from {esc(', '.join(outlets))}"
        f' <span class="atlas-dim">[{esc(eid)}]</span>'
    )


def _place_meta(place: Mapping) -> str:
    q = place.get("geometry_quality")
    u = place.get("uncertainty_m")
    u_txt = f"± {_num(round(u))} m" if isinstance(u, (int, float)) and not isinstance(u, bool) else "± ?"
    bits = [
        f"{esc(place.get('kind'))}",
        f"position: {esc(QUALITY_LABELS.get(q, q))}, {u_txt}",
    ]
    if place.get("address"):
        bits.append(esc(place.get("address")))
    return " · ".join(bits)


def _control_html(control: Mapping | None, day: str | None) -> str:
    if not control:
        return ""
    state = control.get("state")
    holder = control.get("holder")
    since = control.get("since")
    label = {
        "held": f"held by {esc(holder)}" if holder else "held",
        "contested": "contested",
        "taken": f"taken by {esc(holder)}" if holder else "taken",
    }.get(state, esc(state))
    code = _cls(str(control.get("code") or "unknown"))
    basis = f" — {esc(control.get('basis'))}" if control.get("basis") else ""
    since_txt = f" since {_day(since)}" if since else " (baseline before the offensive)"
    claims = control.get("claims") or []
    claim_items = "".join(
        f"<li>{esc(c.get('claimed_by'))} via {esc(c.get('outlet'))}: <b>{esc(c.get('extent'))}</b>"
        f" by {esc(c.get('actor'))}, {fmt_dates(c.get('date_start'), c.get('date_end'))}</li>"
        for c in claims if isinstance(c, Mapping)
    )
    return (
        f'<div class="atlas-control atlas-control-{code}">Control as of {_day(day) if day else "?"}: '
        f"<b>{label}</b>{since_txt}{basis}"
        + (f"<ul>{claim_items}</ul>" if claim_items else "")
        + "</div>"
    )


def place_panel_html(
    place: Mapping,
    reports: Sequence[Mapping],
    *,
    day: str | None = None,
    control: Mapping | None = None,
    max_events: int = 40,
    sub_places: Sequence[str] = (),
) -> str:
    """The panel for one place: its position quality, control, and every report grouped by event.

    Parameters
    ----------
    place : mapping
        ``name``, ``kind``, ``uncertainty_m``, ``geometry_quality``, ``address``, ``notes``.
    reports : sequence of mapping
        Reports at the place and its sub-places (already filtered).
    day : str, optional
        ISO day the control state refers to.
    control : mapping, optional
        The place's control state (``geo.records.control.state_on`` item).
    max_events : int
        At most this many events are rendered (the rest are counted).
    sub_places : sequence of str
        Names of the sub-places included (shown, escaped).
    """
    events = _group(reports)
    parts = [
        '<div class="atlas-panel">',
        f'<div class="atlas-place-name">{esc(place.get("name"))}</div>',
        f'<div class="atlas-place-meta">{_place_meta(place)}</div>',
    ]
    if place.get("notes"):
        parts.append(f'<div class="atlas-notes">{esc(place.get("notes"))}</div>')
    if sub_places:
        parts.append(f'<div class="atlas-dim">Includes: {esc(", ".join(sub_places))}</div>')
    parts.append(_control_html(control, day))
    n_rep = len(reports)
    parts.append(
        f'<div class="atlas-count">{n_rep} report{"s" if n_rep != 1 else ""} of '
        f'{len(events)} event{"s" if len(events) != 1 else ""} — claims, not facts</div>'
    )
    if not reports:
        parts.append('<p class="atlas-dim">No report matches the current filters here.</p>')
    for eid, rs in events[:max_events]:
        fields = _competing_fields(rs)
        parts.append(f'<div class="atlas-event"><div class="atlas-event-title">{_event_title(eid, rs)}</div>')
        if fields:
            parts.append(competing_html(rs, fields))
        parts.extend(report_html(r) for r in rs)
        parts.append("</div>")
    if len(events) > max_events:
        rest = len(events) - max_events
        parts.append(f'<p class="atlas-dim">… and {rest} more event{"s" if rest != 1 else ""} (narrow the filters or the dates).</p>')
    parts.append("</div>")
    return "".join(parts)


def unresolved_html(reports: Sequence[Mapping], *, limit: int = 200) -> str:
    """Reports whose place could not be resolved: listed, never mapped."""
    if not reports:
        return '<p class="atlas-dim">Every report shown has a resolved place.</p>'
    items = []
    for r in list(reports)[:limit]:
        items.append(
            f"<li><b>{esc(r.get('place_text'), '(no place named)')}</b> — {_type_label(r)}, "
            f"{fmt_dates(r.get('date_start'), r.get('date_end'))}, {esc(r.get('outlet'))}: "
            f'<span class="atlas-quote-inline">“{esc(r.get("quote"))}”</span></li>'
        )
    more = f"<li>… and {len(reports) - limit} more</li>" if len(reports) > limit else ""
    return f'<ul class="atlas-unresolved">{"".join(items)}{more}</ul>'


def legend_strip_html(control_states: Mapping[str, tuple], event_colours: Mapping[str, tuple], *,
                      unreviewed: bool = False) -> str:
    """A one-line legend under the map (labels and colours are ours; escaped all the same).

    ``control_states``: state -> (label, fill, border, dashed);
    ``event_colours``: type -> (label, colour) (see :mod:`geo.web.webmap`).
    """
    def colour(c: str) -> str:
        c = str(c)
        return c if c.startswith("#") and all(ch in "0123456789abcdefABCDEF" for ch in c[1:]) else "#999"

    items = []
    for label, fill, border, dashed in control_states.values():
        items.append(
            f'<span class="li"><span class="sw" style="background:{colour(fill)};opacity:.75;'
            f'border:1px {"dashed" if dashed else "solid"} {colour(border)}"></span>{esc(label)}</span>'
        )
    items.append('<span class="sep"></span>')
    for label, c in event_colours.values():
        items.append(f'<span class="li"><span class="sw dot" style="background:{colour(c)}"></span>{esc(label)}</span>')
    items.append('<span class="li"><span class="wp"></span>white phosphorus / incendiary alleged</span>')
    items.append('<span class="li"><span class="tri"></span>territory change, claimed dates</span>')
    if unreviewed:
        items.append('<span class="li"><span class="sw dot" style="background:#fff;border:2px dashed #555"></span>'
                     "uploaded, unreviewed</span>")
    items.append('<span class="li"><span class="sw dot" style="background:none;border:1px dashed #3182bd"></span>'
                 "location uncertainty</span>")
    return ('<div class="atlas-strip"><b>Legend</b> ' + "".join(items)
            + '<span class="li note">Marker size: deaths claimed. Dashed outlines and discs: approximate areas.</span></div>')


PANEL_CSS = """<style>
.atlas-strip { font-size: 0.78rem; line-height: 1.9; color: #333; }
.atlas-strip .li { display: inline-block; margin-right: 10px; white-space: nowrap; }
.atlas-strip .sep { display: inline-block; width: 6px; }
.atlas-strip .note { color: #666; }
.atlas-strip .sw { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; border: 1px solid #555; }
.atlas-strip .dot { border-radius: 50%; border-color: #fff; }
.atlas-strip .wp { display: inline-block; width: 9px; height: 9px; margin: 0 5px 0 2px; background: #ff7f00; border: 2px solid #7f0000; transform: rotate(45deg); }
.atlas-strip .tri { display: inline-block; width: 0; height: 0; border-left: 6px solid transparent; border-right: 6px solid transparent; border-bottom: 11px solid #2e7d32; margin-right: 4px; vertical-align: -1px; }
.atlas-panel { font-size: 0.9rem; line-height: 1.4; }
.atlas-place-name { font-size: 1.25rem; font-weight: 700; margin-bottom: 2px; }
.atlas-place-meta, .atlas-dim { color: #5b5b5b; font-size: 0.82rem; }
.atlas-count { margin: 6px 0; font-weight: 600; }
.atlas-control { margin: 6px 0; padding: 6px 8px; border-left: 5px solid #999; background: #f6f6f6; }
.atlas-control ul { margin: 2px 0 0 1rem; padding: 0; font-size: 0.82rem; }
.atlas-control-is { border-color: #252525; }
.atlas-control-contested { border-color: #e6550d; }
.atlas-control-sdf { border-color: #d4b200; }
.atlas-event { border: 1px solid #ddd; border-radius: 6px; padding: 6px 8px; margin: 8px 0; }
.atlas-event-title { font-weight: 600; margin-bottom: 4px; }
.atlas-rep { border-top: 1px dotted #ccc; padding: 4px 0; }
.atlas-rep-unrev { background: #fff8e1; }
.atlas-badge { font-size: 0.72rem; padding: 0 5px; border-radius: 8px; margin-left: 4px; }
.atlas-badge-unrev { background: #ffcc80; color: #4a2b00; }
.atlas-badge-civ { background: #fde0dd; color: #7a0177; }
.atlas-type { font-weight: 600; }
.atlas-quote { margin: 4px 0; padding: 2px 8px; border-left: 3px solid #bbb; font-style: italic; color: #222; }
.atlas-panel mark.place, .atlas-article mark.place { background: #ffe066; color: inherit; font-weight: 700; padding: 0 1px; }
.atlas-article mark.quote { background: #d0e6ff; color: inherit; }
.atlas-article mark.quote.place { background: #ffe066; }
.atlas-competing { margin: 4px 0 6px; overflow-x: auto; }
.atlas-competing-title { font-weight: 600; color: #a63603; }
.atlas-competing table { border-collapse: collapse; font-size: 0.82rem; width: 100%; }
.atlas-competing th, .atlas-competing td { border: 1px solid #ddd; padding: 3px 5px; vertical-align: top; text-align: left; }
.atlas-competing thead th { background: #fbe9e0; }
.atlas-competing tbody th { background: #fdf4ef; font-weight: 600; min-width: 6.5em; }
.atlas-notes { font-size: 0.8rem; color: #555; }
.atlas-article { font-size: 0.92rem; line-height: 1.5; max-width: 60rem; }
.atlas-art-title { font-weight: 700; font-size: 1.05rem; }
.atlas-art-meta { color: #555; margin-bottom: 6px; }
.atlas-art-body { white-space: normal; }
.atlas-unrev { background: #ffcc80; padding: 0 4px; border-radius: 4px; }
.atlas-warn { color: #a00; }
.atlas-unresolved { font-size: 0.85rem; }
</style>"""
