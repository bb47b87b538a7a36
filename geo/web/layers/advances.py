"""Territory changes as flags labelled with their claimed dates."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import folium

from geo.records.vocab import EXTENT_LABELS
from geo.web.credit import claim_credit, wire_of
from geo.web.escape import esc
from geo.web.geojson import BrowserGeoJson, feature_collection, html_tooltip
from geo.web.layers.labels import LabelDeclutter, LabelZoom
from geo.web.validate import check_fc, check_latlon, feature_key

__all__ = ["ADVANCE_LABEL_RANK", "ADVANCE_LABEL_SPANS", "advance_label", "advances_layer", "short_span"]


def short_span(start: Any, end: Any) -> str:
    """``6–7 Jun`` / ``9 Jun`` / ``30 Jun–2 Jul`` from ISO dates (escaped text)."""
    try:
        a = datetime.date.fromisoformat(str(start))
        b = datetime.date.fromisoformat(str(end or start))
    except ValueError:
        return esc(start)
    if a == b:
        return f"{a.day} {a:%b}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {a:%b}"
    return f"{a.day} {a:%b}–{b.day} {b:%b}"


#: An advance flag's date label is kept before place names of this rank and after (:data:`LABEL_RANK`).
ADVANCE_LABEL_RANK = 1
#: An advance flag's label names at most this many claimed date spans.
ADVANCE_LABEL_SPANS = 2


def advance_label(spans: Sequence[str]) -> str:
    """The label of an advance flag: its first claimed date spans, then how many more.

    ``["6 Jun", "7 Jun", "9 Jun", "10 Jun"]`` -> ``"6 Jun / 7 Jun +2"``. A label
    that listed every claim ran across the neighbouring districts and past the
    map's edge; the flag's tooltip and the place's panel list every claim.
    """
    spans = list(spans)
    head = " / ".join(spans[:ADVANCE_LABEL_SPANS])
    more = len(spans) - ADVANCE_LABEL_SPANS
    return f"{head} +{more}" if more > 0 else head


def advances_layer(advances_fc: Mapping, *, name: str = "Advances (territory changes)",
                   show: bool = True, label_min_zoom: float | None = 11.5) -> folium.FeatureGroup:
    """Territory changes as flags labelled with their claimed dates.

    Reports at the same place are merged into one flag whose label shows the
    claimed date spans (competing dates stay visible: ``6–7 Jun / 9 Jun``; past
    two, how many more: ``6–7 Jun / 9 Jun +1``) and whose tooltip lists each
    claim with its date and claimant. Features with a null
    geometry are skipped. The merged feature keeps ``place_id`` (clicks open
    the place) and lists its ``report_ids``.

    Parameters
    ----------
    advances_fc : dict
        FeatureCollection of ``territory_change`` report Points (properties
        ``place_id``, ``place_name``, ``date_start``, ``date_end``,
        ``control_extent``, ``control_actor``, ``claimed_by``, ``outlet``).
    name : str, keyword-only
    show : bool, keyword-only
    label_min_zoom : float or None, keyword-only
        Below this zoom the date labels hide and the flags stay (their tooltips
        keep the dates): at region or theatre scale a city's labels pile up on
        one another. ``None``: labels at every zoom.

    Raises
    ------
    ValueError
        For a geometry other than Point or null.
    """
    feats = check_fc(advances_fc, "advances_fc")
    groups: dict[tuple, list[Mapping]] = {}
    for i, f in enumerate(feats):
        geom = f.get("geometry")
        if geom is None:
            continue
        if geom.get("type") != "Point":
            raise ValueError(
                f"advances_fc: feature {i} ({feature_key(f, i)}): expected a Point geometry "
                f"or null, got {geom.get('type')!r}"
            )
        lon, lat = geom["coordinates"][:2]
        check_latlon((lat, lon), f"advances_fc: feature {i} ({feature_key(f, i)}) point")
        key = (f["properties"].get("place_id") or f"{lat},{lon}",)
        groups.setdefault(key, []).append(f)
    merged = []
    for (key,), members in groups.items():
        fs = sorted(members, key=lambda f: (str(f["properties"].get("date_start")), str(feature_key(f, 0))))
        p0 = fs[0]["properties"]
        spans = list(dict.fromkeys(
            short_span(f["properties"].get("date_start"), f["properties"].get("date_end")) for f in fs
        ))
        lines = []
        for report in fs:
            p = report["properties"]
            ext = EXTENT_LABELS.get(p.get("control_extent"), p.get("control_extent"))
            lines.append(
                f"{short_span(p.get('date_start'), p.get('date_end'))}: {esc(ext)} by "
                f"{esc(p.get('control_actor'))} — "
                f"{esc(claim_credit(p.get('claimed_by'), p.get('outlet'), wire_of(p.get('article_id'))))}"
            )
        props = {
            "id": f"advance:{key}",
            "place_id": p0.get("place_id"),
            "place_name": p0.get("place_name"),
            "report_ids": [str(feature_key(f, 0)) for f in fs],
            "_label": advance_label(spans),
            "_tooltip": f"<b>{esc(p0.get('place_name'))}</b> — territory changes claimed:<br>"
                        + "<br>".join(lines),
        }
        merged.append({"type": "Feature", "geometry": fs[0]["geometry"], "properties": props})
    group = folium.FeatureGroup(name=name, show=show)
    if not merged:
        return group
    icon = folium.DivIcon(html="", icon_size=(110, 20), icon_anchor=(7, 18), class_name="atlas-adv-icon")

    def style(feature: Mapping) -> dict:
        # becomes the DivIcon's html: our markup, the label already escaped
        return {"html": f'<div class="atlas-adv"><span class="atlas-adv-flag"></span>'
                        f'<span class="atlas-adv-label" data-rank="{ADVANCE_LABEL_RANK}">'
                        f'{feature["properties"]["_label"]}</span></div>'}

    BrowserGeoJson(
        feature_collection(merged), name=name, marker=folium.Marker(icon=icon), style_function=style,
        tooltip=html_tooltip(), control=False,
    ).add_to(group)
    if label_min_zoom is not None:
        group.add_child(LabelZoom(label_min_zoom, css_class="atlas-adv-lowzoom", layer="advances_layer"))
    # the dates are data: they win over district names, and hide rather than cover one another or the edge
    group.add_child(LabelDeclutter(layer="advances_layer"))
    return group
