"""The map builders' public entry point: ``from geo.web import webmap as W``.

Every builder takes plain GeoJSON ``FeatureCollection`` dicts and returns a
folium object; the dashboard adds the layers to :func:`base_map` and hands the
map to the dashboard's map component (:mod:`app.map_component`). This module only gathers the public names; each lives
in the module named for its idea:

* :mod:`geo.web.mapframe`: :func:`base_map`, :func:`finish_map`;
* :mod:`geo.web.layers`: one module per layer (``plain_basemap``, ``control``,
  ``incidents``, ``advances``, ``uncertainty``, ``zones``, ``places``, ``labels``);
* :mod:`geo.web.legend`, :mod:`geo.web.theme` (colours), :mod:`geo.web.assets`
  (offline vendored JS/CSS), :mod:`geo.web.validate` (input checks),
  :mod:`geo.web.escape` (HTML from untrusted text), :mod:`geo.web.geojson`,
  :mod:`geo.web.elements` (output never re-parsed as a template),
  :mod:`geo.web.resources` (the CSS and JavaScript files).

Untrusted text
--------------
Quotes, place names, claimants and outlets come from news articles. Every
such string is passed through :func:`html.escape` before it becomes HTML.
Tooltips and popups are pre-built, escaped HTML stored in the extra
properties ``_tooltip`` and ``_popup``; the original ``properties`` are kept
as they were, so a clicked feature (what the dashboard's map component
returns) carries them (plus those two keys). Folium serialises the GeoJSON with
Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``; the output is
never parsed as a template again (:mod:`geo.web.elements`).
"""

from __future__ import annotations

from geo.web.assets import (
    CDN_TO_VENDOR,
    SETUP_COMMAND,
    VENDOR_URL_PREFIX,
    MissingAssetError,
    OfflineMap,
    UnvendoredAssetError,
    localize_assets,
    missing_vendored_assets,
    require_vendored_assets,
    vendored_asset_urls,
)
from geo.web.geojson import BROWSER_PROPERTIES
from geo.web.layers.advances import advance_label, advances_layer
from geo.web.layers.control import control_layer, control_points_layer
from geo.web.layers.incidents import (
    FAST_CLUSTER_THRESHOLD,
    GROUP_THRESHOLD,
    group_incidents,
    incident_cluster,
    incident_layer,
    marker_radius,
)
from geo.web.layers.labels import LABEL_RANK, METRES_PER_DEGREE_LAT, place_labels_layer
from geo.web.layers.places import context_places_layer
from geo.web.layers.plain_basemap import plain_basemap_layer
from geo.web.layers.uncertainty import uncertainty_layer
from geo.web.layers.zones import zone_layer
from geo.web.legend import legend
from geo.web.mapframe import MAX_ZOOM, OSM_TILES, base_map, finish_map
from geo.web.theme import CONTROL_STATES, EVENT_COLOURS

__all__ = [
    "BROWSER_PROPERTIES",
    "CDN_TO_VENDOR",
    "CONTROL_STATES",
    "EVENT_COLOURS",
    "FAST_CLUSTER_THRESHOLD",
    "GROUP_THRESHOLD",
    "LABEL_RANK",
    "MAX_ZOOM",
    "METRES_PER_DEGREE_LAT",
    "OSM_TILES",
    "SETUP_COMMAND",
    "VENDOR_URL_PREFIX",
    "MissingAssetError",
    "OfflineMap",
    "UnvendoredAssetError",
    "advance_label",
    "advances_layer",
    "base_map",
    "context_places_layer",
    "control_layer",
    "control_points_layer",
    "finish_map",
    "group_incidents",
    "incident_cluster",
    "incident_layer",
    "legend",
    "localize_assets",
    "marker_radius",
    "missing_vendored_assets",
    "place_labels_layer",
    "plain_basemap_layer",
    "require_vendored_assets",
    "uncertainty_layer",
    "vendored_asset_urls",
    "zone_layer",
]
