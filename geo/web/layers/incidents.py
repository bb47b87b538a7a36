"""Incident markers: circles sized by deaths, coloured by event type; incendiary diamonds; groups for big layers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import folium
import folium.plugins

from geo.records.vocab import INCENDIARY_MUNITIONS, MUNITION_LABELS
from geo.web.escape import esc, safe_href
from geo.web.geojson import BrowserGeoJson, feature_collection, html_popup, html_tooltip, prepare
from geo.web.theme import EVENT_COLOURS
from geo.web.validate import check_fc, feature_key, is_number

__all__ = [
    "FAST_CLUSTER_THRESHOLD",
    "GROUP_THRESHOLD",
    "IncidentGroup",
    "group_incidents",
    "incident_layer",
    "lowest_toll_per_event",
    "marker_radius",
]


#: Above this many points, :func:`incident_layer` clusters instead of drawing each.
FAST_CLUSTER_THRESHOLD = 10_000
#: Above this many located reports, :func:`incident_layer` draws one marker per
#: place and type instead of one per report: thousands of popups cost the page
#: seconds to parse and draw, and the panel lists every report on a click anyway.
GROUP_THRESHOLD = 300
_MIN_RADIUS = 5.0
_MAX_RADIUS = 28.0
_RADIUS_PER_SQRT_DEATH = 2.2


def marker_radius(deaths: Any) -> float:
    """Pixel radius for a death toll: sqrt scale, minimum 5, maximum 28.

    ``None`` (no toll reported) gets the minimum.

    Raises
    ------
    ValueError
        For a negative or non-numeric toll.
    """
    if deaths is None:
        return _MIN_RADIUS
    if not is_number(deaths) or deaths < 0:
        raise ValueError(f"deaths: expected a number >= 0 or None, got {deaths!r}")
    return round(min(_MAX_RADIUS, max(_MIN_RADIUS, _RADIUS_PER_SQRT_DEATH * math.sqrt(deaths))), 2)


def _munition_label(munition: Any) -> str:
    # an uploaded extraction may name a munition outside the vocabulary
    return MUNITION_LABELS.get(munition) or str(munition).replace("_", " ")


def _deaths(p: Mapping) -> Any:
    for k in ("deaths_best", "deaths_low", "deaths_high"):
        if p.get(k) is not None:
            return p[k]
    return None


def _dates_text(p: Mapping) -> str:
    """``start`` or ``start – end`` (escaped)."""
    dates = esc(p.get("date_start"))
    if p.get("date_end") and p.get("date_end") != p.get("date_start"):
        dates += f" – {esc(p.get('date_end'))}"
    return dates


def _incident_popup(p: Mapping) -> str:
    label = EVENT_COLOURS[p["event_type"]][0]
    munition = f" ({esc(_munition_label(p['munition']))})" if p.get("munition") else ""
    dates = _dates_text(p)
    deaths = (
        f"{esc(p.get('deaths_low'))} / {esc(p.get('deaths_best'))} / {esc(p.get('deaths_high'))}"
    )
    parts = [
        f'<div class="atlas-popup"><b>{esc(label)}</b>{munition} at <b>{esc(p.get("place_name"))}</b>',
        f"<br>{dates}",
        f"<br>Deaths (low / best / high): {deaths}",
        f"<br>Status: {esc(p.get('status'))}, claimed by {esc(p.get('claimed_by'))}",
    ]
    if p.get("outlet"):
        parts.append(f"<br>Outlet: {esc(p.get('outlet'))}")
    href = safe_href(p.get("url"))
    if href:
        parts.append(f'<br><a href="{href}" target="_blank" rel="noopener noreferrer">source</a>')
    if p.get("quote"):
        parts.append(f"<blockquote>“{esc(p.get('quote'))}”</blockquote>")
    parts.append(f"<small>{esc(p.get('id'))}</small></div>")
    return "".join(parts)


def _check_incidents(feats: Sequence[Mapping]) -> list[Mapping]:
    """Keep located point features; validate event_type and tolls."""
    kept = []
    for i, f in enumerate(feats):
        p = f["properties"]
        et = p.get("event_type")
        if et not in EVENT_COLOURS:
            raise ValueError(
                f"incidents_fc: feature {i} ({feature_key(f, i)}): expected event_type in "
                f"{sorted(EVENT_COLOURS)}, got {et!r}"
            )
        for k in ("deaths_low", "deaths_best", "deaths_high"):
            v = p.get(k)
            if v is not None and (not is_number(v) or v < 0):
                raise ValueError(
                    f"incidents_fc: feature {i} ({feature_key(f, i)}): expected {k} to be "
                    f"a number >= 0 or null, got {v!r}"
                )
        geom = f.get("geometry")
        if geom is None:
            continue  # unresolved place: nothing to draw
        if geom.get("type") != "Point":
            raise ValueError(
                f"incidents_fc: feature {i} ({feature_key(f, i)}): expected a Point "
                f"geometry or null, got {geom.get('type')!r}"
            )
        kept.append(f)
    return kept


def lowest_toll_per_event(props: Sequence[Mapping]) -> tuple[int | float | None, int]:
    """Deaths over distinct events, counting each event once at its lowest claimed toll.

    Summing every report would count an event once per outlet that repeated
    it, and its highest claim; the lowest claim per event is what all the
    claimants agree is at least true. Returns ``(total or None, events with a toll)``.
    """
    lowest: dict[Any, Any] = {}
    for p in props:
        # a report's own lower bound: "at least 21" (low), else its one figure
        # (best); "up to 10" (high alone) bounds nothing from below
        d = p.get("deaths_low") if p.get("deaths_low") is not None else p.get("deaths_best")
        if d is None:
            continue
        key = p.get("event_id") or p.get("id")
        if key not in lowest or d < lowest[key]:
            lowest[key] = d
    return (sum(lowest.values()) if lowest else None), len(lowest)


def group_incidents(feats: Sequence[Mapping]) -> list[dict]:
    """One Point feature per (place, event type, incendiary or not).

    For layers too large to draw report by report. Each group keeps what the
    reports share and counts the rest: ``n_reports``, ``n_events``,
    ``date_start``/``date_end`` (the earliest start and latest end),
    ``n_claimants``, and ``deaths_low``: the lowest claimed toll of each event,
    summed (see :func:`lowest_toll_per_event`), with ``deaths_best`` and
    ``deaths_high`` left null because a sum of best guesses is nobody's claim.
    Reports without a ``place_id`` group only where their points coincide;
    a group sits at the mean of its members' points (the place's gazetteer
    point when they were geocoded to it). Groups come largest first. Features
    must already be checked (located Points with valid types and tolls).
    """
    buckets: dict[tuple, list[Mapping]] = {}
    coords: dict[tuple, list[tuple[float, float]]] = {}
    for f in feats:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        incendiary = p.get("munition") in INCENDIARY_MUNITIONS
        # a place's reports share its gazetteer point; reports without a place
        # group only where they coincide
        where = p.get("place_id") or (round(lon, 6), round(lat, 6))
        key = (where, p["event_type"], incendiary)
        buckets.setdefault(key, []).append(p)
        coords.setdefault(key, []).append((lon, lat))
    out: list[dict[str, Any]] = []
    for (where, event_type, incendiary), props in buckets.items():
        place_id = where if isinstance(where, str) else None
        pts = coords[(where, event_type, incendiary)]
        # the mean of the members' points: the place's own point when they
        # were geocoded to it, never outside their spread
        lon = round(sum(x for x, _ in pts) / len(pts), 6)
        lat = round(sum(y for _, y in pts) / len(pts), 6)
        deaths, with_toll = lowest_toll_per_event(props)
        munitions = sorted({str(p["munition"]) for p in props if p.get("munition") in INCENDIARY_MUNITIONS})
        starts = [p["date_start"] for p in props if p.get("date_start")]
        ends = [p.get("date_end") or p["date_start"] for p in props if p.get("date_end") or p.get("date_start")]
        gid = f"group:{place_id or f'{lon},{lat}'}:{event_type}{':incendiary' if incendiary else ''}"
        out.append({"type": "Feature", "id": gid, "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": gid, "group": True, "place_id": place_id,
                        "place_name": props[0].get("place_name"), "event_type": event_type,
                        "munition": munitions[0] if len(munitions) == 1 else ("incendiary" if munitions else None),
                        "n_reports": len(props),
                        "n_events": len({p.get("event_id") or p.get("id") for p in props}),
                        "n_claimants": len({p.get("claimed_by") for p in props if p.get("claimed_by")}),
                        "date_start": min(starts, default=None),
                        "date_end": max(ends, default=None),
                        "deaths_low": deaths, "deaths_best": None, "deaths_high": None,
                        "events_with_toll": with_toll,
                    }})
    out.sort(key=lambda g: (-g["properties"]["n_reports"], g["id"]))
    return out


def _group_texts(p: Mapping, *, unreviewed: bool) -> tuple[str, str]:
    """Tooltip and popup of a grouped marker (escaped)."""
    label = EVENT_COLOURS[p["event_type"]][0]
    munition = f" ({esc(_munition_label(p['munition']))} alleged)" if p.get("munition") else ""
    dates = _dates_text(p)
    n, ev = p["n_reports"], p["n_events"]
    low = p.get("deaths_low")
    deaths = ("no toll claimed" if low is None else
              f"at least {esc(format(low, ','))} deaths (lowest claim of each of "
              f"{p['events_with_toll']:,} event(s) with a toll, summed)")
    head = ("<b>UNREVIEWED</b> extractions · " if unreviewed else "") + (
        f"<b>{n:,} {esc(label.lower())} report(s)</b>{munition} · {esc(p.get('place_name'))}")
    tooltip = f"{head}<br><small>{dates} · {ev:,} event(s) · {deaths}</small>"
    popup = (f'<div class="atlas-popup">{head}<br>{dates}<br>{ev:,} event(s), '
             f"{p['n_claimants']:,} claimant(s)<br>{deaths}<br>"
             "<small>Grouped: too many reports to draw one by one. Click the place "
             "for every report, its quote and who claims it.</small></div>")
    return tooltip, popup


def _report_texts(p: Mapping, *, unreviewed: bool) -> tuple[str, str]:
    """Tooltip and popup of one report's marker (escaped)."""
    label = EVENT_COLOURS[p["event_type"]][0]
    tooltip = (
        ("<b>UNREVIEWED</b> extraction · " if unreviewed else "")
        + f"<b>{esc(label)}</b> · {esc(p.get('place_name'))} · {esc(p.get('date_start'))}"
        + f"<br><small>claimed by {esc(p.get('claimed_by'))} ({esc(p.get('status'))})</small>"
    )
    popup = _incident_popup(p)
    if unreviewed:
        popup = '<div class="atlas-popup"><b>Unreviewed extraction</b></div>' + popup
    return tooltip, popup


class IncidentGroup(folium.FeatureGroup):
    """The incident layer's group; ``grouped``: whether its markers stand for groups of reports."""

    def __init__(self, *, name: str, show: bool, grouped: bool) -> None:
        super().__init__(name=name, show=show)
        self.grouped = grouped


def incident_layer(
    incidents_fc: Mapping,
    *,
    name: str = "Reported incidents",
    cluster_threshold: int = FAST_CLUSTER_THRESHOLD,
    group_threshold: int | None = GROUP_THRESHOLD,
    unreviewed: bool = False,
    show: bool = True,
) -> IncidentGroup:
    """Incident markers: circles sized by deaths, coloured by event type.

    Circle radius follows :func:`marker_radius` of ``deaths_best`` (else
    ``deaths_low``, else ``deaths_high``); white-phosphorus and incendiary
    allegations (``munition``) get their own symbol, an orange diamond.
    Features with a null geometry (unresolved place) are skipped. Above
    ``group_threshold`` located features, one marker per place and type
    stands for its reports (:func:`group_incidents`; dark outline, counts in
    its tooltip and popup). With grouping off (``None``), above
    ``cluster_threshold`` a ``FastMarkerCluster`` without per-point popups is
    drawn instead.

    Parameters
    ----------
    incidents_fc : dict
        FeatureCollection of Point features with incident properties
        (``id``, ``event_type``, ``munition``, ``deaths_*``, ``quote``...).
    name : str, keyword-only
        Layer name in the layer control.
    cluster_threshold : int, keyword-only
        Most features drawn one by one when grouping is off.
    group_threshold : int or None, keyword-only
        Most features drawn one by one before they are grouped by place;
        ``None``: never group.
    unreviewed : bool, keyword-only
        Draw the markers as machine extractions nobody has reviewed: hollow,
        dashed outline in the type's colour, "UNREVIEWED" in the tooltip.
    show : bool, keyword-only
        Whether the layer starts switched on.

    Returns
    -------
    IncidentGroup
        A ``folium.FeatureGroup`` with ``grouped`` set: whether its markers stand for groups of reports
        (for the legend, :func:`finish_map`).

    Raises
    ------
    ValueError
        For an unknown ``event_type``, a negative toll or a non-Point geometry.
    """
    feats: Sequence[Mapping] = _check_incidents(check_fc(incidents_fc, "incidents_fc"))
    grouped = group_threshold is not None and len(feats) > group_threshold
    group = IncidentGroup(name=name, show=show, grouped=grouped)
    if grouped:
        feats = group_incidents(feats)
    elif len(feats) > cluster_threshold:
        coords = [
            [f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]] for f in feats
        ]
        folium.plugins.FastMarkerCluster(coords, name=name, control=False).add_to(group)
        return group

    prepared = prepare(feats, "incident")
    for g in prepared:
        p = g["properties"]
        texts = _group_texts if grouped else _report_texts
        p["_tooltip"], p["_popup"] = texts(p, unreviewed=unreviewed)
    plain = [g for g in prepared if g["properties"].get("munition") not in INCENDIARY_MUNITIONS]
    incendiary = [g for g in prepared if g["properties"].get("munition") in INCENDIARY_MUNITIONS]

    def style(feature: Mapping) -> dict:
        p = feature["properties"]
        colour = EVENT_COLOURS[p["event_type"]][1]
        known = _deaths(p) is not None
        if grouped:  # a dark ring tells a group from a single report
            return {"radius": marker_radius(_deaths(p)), "color": "#222222", "weight": 2.5,
                    "dashArray": "3 3" if unreviewed else None, "fill": True,
                    "fillColor": "#ffffff" if unreviewed else colour, "fillOpacity": 0.85 if known else 0.5}
        if unreviewed:
            return {"radius": marker_radius(_deaths(p)), "color": colour, "weight": 2.5,
                    "dashArray": "3 3", "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.55}
        return {"radius": marker_radius(_deaths(p)), "color": "#ffffff", "weight": 1,
                "fill": True, "fillColor": colour, "fillOpacity": 0.85 if known else 0.4}

    if plain:
        BrowserGeoJson(
            feature_collection(plain),
            name=name,
            marker=folium.CircleMarker(),
            style_function=style,
            tooltip=html_tooltip(),
            popup=html_popup(),
            control=False,
        ).add_to(group)
    if incendiary:
        # Leaflet positions marker icons with a transform, so the diamond's
        # rotation lives on an inner element.
        icon = folium.DivIcon(
            html='<div class="atlas-wp atlas-wp-unrev"></div>' if unreviewed else '<div class="atlas-wp"></div>',
            icon_size=(16, 16), icon_anchor=(8, 8),
            class_name="atlas-wp-icon",
        )
        BrowserGeoJson(
            feature_collection(incendiary),
            name=f"{name} (incendiary)",
            marker=folium.Marker(icon=icon),
            tooltip=html_tooltip(),
            popup=html_popup(),
            control=False,
        ).add_to(group)
    return group
