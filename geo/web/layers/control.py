"""Territorial control: district polygons coloured by who held them; places known only as a point as estimates.

A district whose claimants disagree (one says taken, another more than half)
is drawn *disputed*: striped in the colours of the competing claims (an SVG
pattern of ours, :mod:`geo.web.layers.patterns`), every claim in its tooltip.
A place with no surveyed outline is drawn as what it is, an estimated
position: a faint dashed ring in the uncertainty pane, under everything,
never a filled disc that reads as held ground.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium

from geo.records.control import EXTENT_STATE, state_code
from geo.records.vocab import EXTENT_LABELS
from geo.web.credit import claim_credit, wire_of
from geo.web.escape import esc, esc_day
from geo.web.geojson import (
    BrowserGeoJson,
    display_name,
    feature_collection,
    html_popup,
    html_tooltip,
    prepare,
    representative_point,
)
from geo.web.layers.patterns import HatchPatterns, hatch_class
from geo.web.panes import UNCERTAINTY_PANE, Pane
from geo.web.theme import CONTROL_STATES
from geo.web.validate import check_fc, check_latlon, feature_key, is_number

__all__ = ["APPROXIMATE_FILL_OPACITY", "approximate_label", "claim_states", "control_layer", "control_points_layer"]

#: Fill of a place known only as a point: a tint, so it never reads as held ground.
APPROXIMATE_FILL_OPACITY = 0.06


def approximate_label(uncertainty_m: Any) -> str:
    """``approximate position (±2.5 km)`` (``±300 m`` under a kilometre); plain text."""
    if not is_number(uncertainty_m) or uncertainty_m <= 0:
        return "approximate position"
    u = float(uncertainty_m)
    size = f"{round(u)} m" if u < 1000 else f"{round(u / 1000, 1):g} km"
    return f"approximate position (±{size})"


#: a claim's map state for a control holder code (:func:`geo.records.control.state_code`)
_MAP_STATE = {"is": "is", "contested": "contested", "sdf": "sdf", "other": "unknown"}


def claim_states(claims: Sequence[Mapping], state: str) -> list[str]:
    """The map states the claims put a place in, in :data:`CONTROL_STATES` order, ``state`` included.

    A claim of "taken" by the SDF is ``sdf``; "entered" or "more than half" is
    ``contested``; "attack repelled" changes nothing and adds none.
    """
    found = {state}
    for c in claims:
        new = EXTENT_STATE.get(str(c.get("extent"))) if isinstance(c, Mapping) else None
        if new is not None:
            found.add(_MAP_STATE[state_code(new, c.get("actor"))])
    return [s for s in CONTROL_STATES if s in found]



def _claim_lines(claims: Any) -> list[str]:
    """Each claim as escaped HTML: ``SDF (Reuters, via The Jerusalem Post): taken, 9 Jun``."""
    out = []
    for c in claims if isinstance(claims, (list, tuple)) else []:
        if not isinstance(c, Mapping):
            continue
        who = claim_credit(c.get("claimed_by"), c.get("outlet"), wire_of(c.get("article_id")))
        extent = EXTENT_LABELS.get(str(c.get("extent")), c.get("extent"))
        actor = f" by {esc(c['actor'])}" if c.get("actor") and c.get("extent") != "repelled" else ""
        start, end = c.get("date_start"), c.get("date_end")
        when = ""
        if start and end:
            when = esc_day(start) if start == end else f"{esc_day(start)} – {esc_day(end)}"
        out.append(f"{esc(who)}: <b>{esc(extent)}</b>{actor}" + (f", {when}" if when else ""))
    return out


def control_layer(control_fc: Mapping, *, name: str = "Territorial control") -> folium.FeatureGroup:
    """Colour district polygons by who held them.

    Parameters
    ----------
    control_fc : dict
        FeatureCollection of polygons with properties ``place_id``, ``name``,
        ``state`` (one of :data:`CONTROL_STATES`), ``since``, ``claims`` (each with
        ``claimed_by``, ``outlet``, ``article_id``, ``extent``, ``actor``, dates) and ``disputed``.
    name : str, keyword-only
        Layer name in the layer control.

    Returns
    -------
    folium.FeatureGroup
        One ``folium.GeoJson`` styled by state, with escaped tooltips and
        popups; features keep their properties (clicks return them).

    Raises
    ------
    ValueError
        For an unknown ``state`` or a non-polygon geometry.
    """
    feats = check_fc(control_fc, "control_fc")
    for i, f in enumerate(feats):
        state = f["properties"].get("state")
        if state not in CONTROL_STATES:
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected state in "
                f"{sorted(CONTROL_STATES)}, got {state!r}"
            )
        gtype = (f.get("geometry") or {}).get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected a Polygon or "
                f"MultiPolygon geometry, got {gtype!r}"
            )
    prepared = prepare(feats, "control")
    patterns: list[tuple[str, str]] = []
    for g in prepared:
        p = g["properties"]
        label = CONTROL_STATES[p["state"]][0]
        lines = _claim_lines(p.get("claims"))
        states = claim_states(p.get("claims") or [], p["state"]) if p.get("disputed") else []
        if len(states) >= 2:
            pair = (states[0], states[1])
            if pair not in patterns:
                patterns.append(pair)
            p["_hatch"] = hatch_class(*pair)
            head = "Disputed: " + " / ".join(esc(CONTROL_STATES[st][0]) for st in states)
        else:
            head = esc(label)
        since = f" since {esc_day(p.get('since'))}" if p.get("since") else " (before the offensive)"
        claims_html = ("<br>Claims:<ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>") if lines else ""
        p["_tooltip"] = f"<b>{esc(display_name(p))}</b><br>{head}" + "".join(f"<br><small>{x}</small>" for x in lines)
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{esc(display_name(p))}</b><br>{head}{since}{claims_html}</div>'
        )

    def style(feature: Mapping) -> dict:
        _, fill, border, dashed = CONTROL_STATES[feature["properties"]["state"]]
        hatch = feature["properties"].get("_hatch")
        out = {"fillColor": fill, "color": border, "weight": 1.5, "fillOpacity": 0.45,
               "dashArray": "6 4" if dashed else None}
        if hatch:  # the stripes are the fill (CSS): opaque enough to read both colours
            out.update(className=f"atlas-disputed {hatch}", fillOpacity=0.7, weight=2, dashArray="6 4")
        return out

    group = folium.FeatureGroup(name=name)
    if not prepared:
        return group
    if patterns:
        group.add_child(HatchPatterns(patterns))
    BrowserGeoJson(
        feature_collection(prepared),
        name=name,
        style_function=style,
        highlight_function=lambda f: {"weight": 3},
        tooltip=html_tooltip(),
        popup=html_popup(),
        control=False,
    ).add_to(group)
    return group


def control_points_layer(control_fc: Mapping, *, name: str = "Territorial control (approximate positions)",
                         min_radius_m: float = 250.0) -> folium.FeatureGroup:
    """Control of places known only as a point: a faint dashed ring of radius ``uncertainty_m``.

    Many places have no surveyed outline; drawing a made-up polygon, or a
    filled disc, would paint an estimate as held ground (Division 17's ±2.5 km
    disc once dominated the city view). So each is an uncertainty ring around
    its representative point (``properties.lat/lon``, else the Point
    geometry), radius the place's ``uncertainty_m`` (at least
    ``min_radius_m``): a dashed outline in the state's border colour, a fill of
    :data:`APPROXIMATE_FILL_OPACITY` at most, in the uncertainty pane under
    every other overlay, its tooltip saying "approximate position (±N km)" and
    the state claimed. Polygon features are ignored (draw them with
    :func:`control_layer`).

    Raises
    ------
    ValueError
        For an unknown ``state`` or a point feature without a usable point.
    """
    feats = check_fc(control_fc, "control_fc")
    points = []
    for i, f in enumerate(feats):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype in ("Polygon", "MultiPolygon"):
            continue
        p = f["properties"]
        if p.get("state") not in CONTROL_STATES:
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected state in "
                f"{sorted(CONTROL_STATES)}, got {p.get('state')!r}"
            )
        point = representative_point(f)
        if point is None:
            raise ValueError(
                f"control_fc: feature {i} ({feature_key(f, i)}): expected properties lat/lon "
                f"or a Point geometry, got geometry type {gtype!r}"
            )
        lat, lon = check_latlon(point, f"control_fc: feature {i} ({feature_key(f, i)}) point")
        points.append({**f, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    prepared = prepare(points, "control-point")
    for g in prepared:
        p = g["properties"]
        label = CONTROL_STATES[p["state"]][0]
        size = esc(approximate_label(p.get("uncertainty_m")))
        lines = _claim_lines(p.get("claims"))
        since = f" since {esc_day(p.get('since'))}" if p.get("since") else " (before the offensive)"
        p["_tooltip"] = (f"<b>{esc(display_name(p))}</b> · {size}<br>{esc(label)}"
                         + "".join(f"<br><small>{x}</small>" for x in lines))
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{esc(display_name(p))}</b><br>{esc(label)}{since}<br>'
            f"<small>{size}: no surveyed outline</small>"
            + ("<br>Claims:<ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>" if lines else "")
            + "</div>"
        )

    def style(feature: Mapping) -> dict:
        _, fill, border, _d = CONTROL_STATES[feature["properties"]["state"]]
        u = feature["properties"].get("uncertainty_m")
        r = max(float(u) if is_number(u) else 0.0, min_radius_m)
        # an estimate, not territory: outline and a tint, in the pane under every overlay
        return {"radius": r, "fill": True, "fillColor": fill, "color": border, "weight": 1.5, "opacity": 0.7,
                "fillOpacity": APPROXIMATE_FILL_OPACITY, "dashArray": "3 6", "pane": UNCERTAINTY_PANE,
                "className": "atlas-approx"}

    group = folium.FeatureGroup(name=name)
    if prepared:
        group.add_child(Pane(UNCERTAINTY_PANE, layer="control_points_layer"))
        BrowserGeoJson(
            feature_collection(prepared), name=name, marker=folium.Circle(), style_function=style,
            highlight_function=lambda f: {"weight": 2.5, "opacity": 1.0},
            tooltip=html_tooltip(), popup=html_popup(), control=False,
        ).add_to(group)
    return group
