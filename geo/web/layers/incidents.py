"""Incident markers: circles sized by deaths, coloured by event type; incendiary diamonds; groups for big layers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import folium
import folium.plugins
from folium.utilities import JsCode

from geo.records.vocab import INCENDIARY_MUNITIONS, MUNITION_LABELS, STATUS_LABELS
from geo.web.credit import claim_credit, wire_of
from geo.web.elements import MapScript
from geo.web.escape import esc, esc_day, safe_href
from geo.web.geojson import BrowserGeoJson, feature_collection, html_popup, html_tooltip, prepare
from geo.web.panel import fmt_count
from geo.web.panes import CANDIDATE_PANE, Pane
from geo.web.resources import script_template, static_text
from geo.web.theme import EVENT_COLOURS
from geo.web.validate import check_fc, feature_key, is_number

__all__ = [
    "CANDIDATE_MIN_RADIUS",
    "CLUSTER_RADIUS_PX",
    "FAST_CLUSTER_THRESHOLD",
    "GROUP_THRESHOLD",
    "IncidentGroup",
    "group_incidents",
    "incident_cluster",
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
#: Markers closer than this (screen pixels) are stacked in one cluster, spread out on click:
#: small, so only reports at one place (20 air strikes on the city's point) are stacked.
CLUSTER_RADIUS_PX = 14
#: A candidate (uploaded, not reviewed) marker is at least this large, to stand out.
CANDIDATE_MIN_RADIUS = 8.0
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
    """``6 Jun 2017`` or ``6 Jun 2017 – 7 Jun 2017`` (escaped)."""
    dates = esc_day(p.get("date_start"))
    if p.get("date_end") and p.get("date_end") != p.get("date_start"):
        dates += f" – {esc_day(p.get('date_end'))}"
    return dates


def _claim(p: Mapping) -> str:
    """``claimed by SDF (Reuters, via The Jerusalem Post), alleged`` (escaped), as the panel says it."""
    who = claim_credit(p.get("claimed_by"), p.get("outlet"), wire_of(p.get("article_id")))
    status = STATUS_LABELS.get(str(p.get("status")), p.get("status"))
    return f"{esc(status)} by {esc(who)}" if p.get("status") else f"claimed by {esc(who)}"


def _incident_popup(p: Mapping) -> str:
    label = EVENT_COLOURS[p["event_type"]][0]
    munition = f" ({esc(_munition_label(p['munition']))} alleged)" if p.get("munition") else ""
    deaths = fmt_count(p.get("deaths_low"), p.get("deaths_best"), p.get("deaths_high"))
    claim = _claim(p)
    parts = [
        f'<div class="atlas-popup"><b>{esc(label)}</b>{munition} at <b>{esc(p.get("place_name"))}</b>',
        f"<br>{_dates_text(p)}",
        f"<br>Killed: {deaths}" if deaths else "<br>No toll claimed",
        f"<br>{claim[:1].upper()}{claim[1:]}",
    ]
    href = safe_href(p.get("url"))
    if href:
        parts.append(f'<br><a href="{href}" target="_blank" rel="noopener noreferrer">source</a>')
    if p.get("quote"):
        parts.append(f"<blockquote>“{esc(p.get('quote'))}”</blockquote>")
    parts.append("<small>Click the place for every report there.</small></div>")
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
    head = ("<b>Candidates, not reviewed</b> · " if unreviewed else "") + (
        f"<b>{n:,} {esc(label.lower())} report(s)</b>{munition} · {esc(p.get('place_name'))}")
    tooltip = f"{head}<br><small>{dates} · {ev:,} event(s) · {deaths}</small>"
    popup = (f'<div class="atlas-popup">{head}<br>{dates}<br>{ev:,} event(s), '
             f"{p['n_claimants']:,} claimant(s)<br>{deaths}<br>"
             "<small>Grouped: too many reports to draw one by one. Click the place "
             "for every report, its quote and who claims it.</small></div>")
    return tooltip, popup


#: the words a candidate's tooltip and popup open with
CANDIDATE_HEAD = "Candidate from an uploaded article, not reviewed"


def _report_texts(p: Mapping, *, unreviewed: bool) -> tuple[str, str]:
    """Tooltip and popup of one report's marker (escaped)."""
    label = EVENT_COLOURS[p["event_type"]][0]
    tooltip = (
        (f"<b>{CANDIDATE_HEAD}</b><br>" if unreviewed else "")
        + f"<b>{esc(label)}</b> · {esc(p.get('place_name'))} · {_dates_text(p)}"
        + f"<br><small>{_claim(p)}</small>"
    )
    popup = _incident_popup(p)
    if unreviewed:
        popup = f'<div class="atlas-popup atlas-candidate"><b>{CANDIDATE_HEAD}</b></div>' + popup
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
    cluster: folium.plugins.MarkerCluster | None = None,
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
        Draw the markers as candidates nobody has reviewed (uploaded,
        extracted by machine): hollow, a thick dashed outline in the type's
        colour, at least :data:`CANDIDATE_MIN_RADIUS`, in their own pane over
        every other marker, "not reviewed" in the tooltip.
    cluster : folium.plugins.MarkerCluster, optional, keyword-only
        The map's :func:`incident_cluster` (already added to the map): the
        markers go in it, so markers that (nearly) coincide on screen, of this
        layer and of the others sharing it, are stacked in one numbered
        cluster that spreads them out on a click (20 air strikes on the city's
        point are 20 reports, not one dot). The layer's switch in the layer
        control still shows and hides its own markers. Candidates
        (``unreviewed``) get a cluster of their own
        (``incident_cluster(candidates=True)``).
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
            out = {"radius": marker_radius(_deaths(p)), "color": "#222222", "weight": 2.5,
                   "dashArray": "3 3" if unreviewed else None, "fill": True,
                   "fillColor": "#ffffff" if unreviewed else colour, "fillOpacity": 0.85 if known else 0.5}
        elif unreviewed:
            out = {"radius": max(CANDIDATE_MIN_RADIUS, marker_radius(_deaths(p))), "color": colour, "weight": 3.5,
                   "dashArray": "4 3", "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.9,
                   "className": "atlas-candidate"}
        else:
            out = {"radius": marker_radius(_deaths(p)), "color": "#ffffff", "weight": 1,
                   "fill": True, "fillColor": colour, "fillOpacity": 0.85 if known else 0.4}
        return {**out, "pane": CANDIDATE_PANE} if unreviewed else out

    stack = cluster
    clustered = stack is not None
    parent: folium.FeatureGroup | folium.plugins.MarkerCluster = stack if stack is not None else group
    if unreviewed:
        group.add_child(Pane(CANDIDATE_PANE, layer="incident_layer"))
    # in a cluster each marker binds its own texts (bind_texts.js); elsewhere folium binds them to the layer
    bind: dict[str, Any] = (
        {"on_each_feature": JsCode(static_text("bind_texts.js"))} if clustered
        else {"tooltip": html_tooltip(), "popup": html_popup()}
    )
    members: list[folium.GeoJson] = []
    if plain:
        members.append(BrowserGeoJson(
            feature_collection(plain),
            name=name,
            marker=folium.CircleMarker(),
            style_function=style,
            control=False,
            **bind,
        ))
    if incendiary:
        # Leaflet positions marker icons with a transform, so the diamond's
        # rotation lives on an inner element.
        icon = folium.DivIcon(
            html='<div class="atlas-wp atlas-wp-unrev"></div>' if unreviewed else '<div class="atlas-wp"></div>',
            icon_size=(16, 16), icon_anchor=(8, 8),
            class_name="atlas-wp-icon",
        )
        marker = folium.Marker(icon=icon)
        if unreviewed:
            marker.options["pane"] = CANDIDATE_PANE
        members.append(BrowserGeoJson(
            feature_collection(incendiary),
            name=f"{name} (incendiary)",
            marker=marker,
            control=False,
            **bind,
        ))
    for member in members:
        parent.add_child(member)
    if stack is not None and members:
        group.add_child(_ClusterToggle(stack, members, group=group))
    return group


def incident_cluster(*, candidates: bool = False) -> folium.plugins.MarkerCluster:
    """A marker cluster for incident layers (add it to the map before the layers).

    Only markers closer than :data:`CLUSTER_RADIUS_PX` on screen are stacked:
    reports at one place, not a district's worth of places. A stack shows its
    count in its reports' colour (grey when they differ) and spreads out on a
    click; the scripts are our own files (``static/cluster_icon.js``).
    ``candidates``: the cluster of the candidates (uploaded, not reviewed):
    hollow dashed stacks in the candidates' pane, over every other marker, set
    beside the point so a stack of reviewed reports there stays readable.
    """
    options: dict[str, Any] = {}
    if candidates:
        options["clusterPane"] = CANDIDATE_PANE
    cluster = folium.plugins.MarkerCluster(
        control=False,
        icon_create_function=static_text("cluster_icon_candidates.js" if candidates else "cluster_icon.js"),
        maxClusterRadius=CLUSTER_RADIUS_PX, showCoverageOnHover=False, spiderfyOnMaxZoom=True,
        spiderfyDistanceMultiplier=1.8, zoomToBoundsOnClick=True, **options,
    )
    if candidates:  # the pane must exist before the first stack is drawn in it
        cluster.add_child(Pane(CANDIDATE_PANE, layer="incident_cluster"))
    return cluster


class _ClusterToggle(MapScript):
    """Put a layer's markers in the shared cluster while its switch is on, take them out when off."""

    layer = "incident_layer"

    _template = script_template("cluster_toggle.js.j2")

    def __init__(self, cluster: folium.plugins.MarkerCluster, members: Sequence[folium.GeoJson], *,
                 group: folium.FeatureGroup) -> None:
        super().__init__()
        self._name = "ClusterToggle"
        self.cluster_name = cluster.get_name()
        self.member_names = [g.get_name() for g in members]
        self.group_name = group.get_name()
