"""Place names as text labels on the map: hidden below a zoom level, decluttered where they overlap."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import folium

from geo.web.elements import MapScript, VerbatimMacro
from geo.web.escape import esc
from geo.web.geojson import representative_point
from geo.web.resources import script_template
from geo.web.validate import check_fc, check_latlon, feature_key, is_number

__all__ = [
    "DECLUTTER_LABELS",
    "DECLUTTER_OBSTACLES",
    "LABEL_RANK",
    "METRES_PER_DEGREE_LAT",
    "LabelDeclutter",
    "LabelZoom",
    "place_labels_layer",
]


class LabelZoom(MapScript):
    """Toggle a class (``atlas-lowzoom``) on the map below a zoom level: labels under it hide."""

    _template = script_template("label_zoom.js.j2")

    def __init__(self, min_zoom: float, *, css_class: str = "atlas-lowzoom", layer: str = "place_labels_layer") -> None:
        super().__init__()
        self._name = "LabelZoom"
        self.min_zoom = float(min_zoom)
        self.css_class = css_class
        self.layer = layer


#: the texts the declutter may hide: place names and the dates of advance flags
DECLUTTER_LABELS = ".atlas-label, .atlas-adv-label"
#: what no label may cover besides the map's controls (zoom, layers, legend, scale): clusters, flags, incendiary
#: diamonds (a first-rank name, a city's, stays over them: a stack on its point must not hide which city it is)
DECLUTTER_OBSTACLES = ".atlas-cluster, .atlas-adv-flag, .atlas-wp"


class LabelDeclutter(MapScript):
    """Hide labels that would overlap a more important one, a control or a cluster, or be cut by the map's edge.

    After each zoom, pan or resize, the map's labels (:data:`DECLUTTER_LABELS`)
    are taken in order of ``data-rank`` (then document order); a label whose
    text box (plus a small margin) leaves the map, or meets a control, a
    cluster or a flag (:data:`DECLUTTER_OBSTACLES`; a rank-0 name may cover
    these) or a label already kept,
    gets ``atlas-label-clash`` and is hidden until the view changes. Installed
    once per map, whichever layer adds it first.
    """

    layer = "place_labels_layer"

    _template = script_template("label_declutter.js.j2")

    def __init__(self, *, pad: float = 2.0, layer: str = "place_labels_layer") -> None:
        super().__init__()
        self._name = "LabelDeclutter"
        self.pad = float(pad)
        self.labels = DECLUTTER_LABELS
        self.obstacles = DECLUTTER_OBSTACLES
        self.layer = layer


class _LabelIcon(folium.DivIcon, VerbatimMacro):
    """A ``DivIcon`` whose output (the escaped place name) is placed verbatim."""


#: Which place label wins where two would overlap: lower first (kinds not listed: 5).
LABEL_RANK: dict[str, int] = {
    "city": 0, "town": 1, "dam": 2, "military_site": 2, "border_crossing": 2,
    "village": 3, "district": 3, "suburb": 4, "zone": 4, "landmark": 4, "street": 5, "square": 5,
}


#: Leaflet zIndexOffset of a name's marker: over every marker and stack.
LABEL_Z_OFFSET = 1000

#: Metres in one degree of latitude (mean): places a ring's label at its edge.
METRES_PER_DEGREE_LAT = 111_320.0


def place_labels_layer(places_fc: Mapping, *, name: str = "Place names", kinds: Iterable[str] = ("district", "suburb"),
                       show: bool = True, min_zoom: float = 12.5) -> folium.FeatureGroup:
    """Small, non-interactive text labels at places' representative points (escaped).

    Labels hide below ``min_zoom`` (they would pile up), and where two would
    overlap at the current zoom the less important one hides (:data:`LABEL_RANK`:
    cities first). A place with a ``radius_m`` (a zone drawn as a ring) is
    labelled at the ring's southern edge."""
    feats = check_fc(places_fc, "places_fc")
    wanted = set(kinds)
    group = folium.FeatureGroup(name=name, show=show)
    group.add_child(LabelZoom(min_zoom))
    group.add_child(LabelDeclutter())
    for i, f in enumerate(feats):
        p = f["properties"]
        if p.get("kind") not in wanted:
            continue
        point = representative_point(f)
        if point is None:
            continue
        lat, lon = check_latlon(point, f"places_fc: feature {i} ({feature_key(f, i)}) point")
        if is_number(p.get("radius_m")) and p["radius_m"] > 0:
            # a zone drawn as a ring is named below its southern edge, not at its
            # centre, where the place it is drawn around has its own label
            lat = max(-90.0, lat - float(p["radius_m"]) / METRES_PER_DEGREE_LAT)
        folium.Marker(
            [lat, lon],
            icon=_LabelIcon(html=f'<div class="atlas-label" data-rank="{LABEL_RANK.get(p.get("kind"), 5)}">'
                                     f'{esc(p.get("name"))}</div>',
                                icon_size=(120, 14), icon_anchor=(60, -6), class_name="atlas-label-icon"),
            interactive=False,
            # names over markers and stacks (they let clicks through): a stack on a city's point hid its name
            z_index_offset=LABEL_Z_OFFSET,
        ).add_to(group)
    return group
