"""Folium map builders for the Raqqa incident atlas (no Streamlit import).

Every builder takes plain GeoJSON ``FeatureCollection`` dicts and returns a
folium object; the dashboard adds the layers to :func:`base_map` and hands the
map to ``st_folium``.

Offline by design
-----------------
folium loads Leaflet and friends from CDNs. :class:`OfflineMap` (what
:func:`base_map` returns) rewrites every element's ``default_js`` /
``default_css`` to the copies under ``/app/static/vendor/`` just before it
renders, so layers added later are covered too; :func:`localize_assets` does
the same for any folium element. The files come from
``npm ci --ignore-scripts && uv run python tools/vendor_assets.py``;
:func:`require_vendored_assets` says which one is missing.

Untrusted text
--------------
Quotes, place names, claimants and outlets come from news articles. Every
such string is passed through :func:`html.escape` before it becomes HTML.
Tooltips and popups are pre-built, escaped HTML stored in the extra
properties ``_tooltip`` and ``_popup``; the original ``properties`` are kept
as they were, so ``st_folium(...)["last_active_drawing"]["properties"]``
returns them (plus those two keys). Folium serialises the GeoJSON with
Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``.
"""

from __future__ import annotations

import copy
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
import folium.plugins
from branca.element import MacroElement
from folium.template import Template

from geo.web import _branca

_branca.apply()  # rendered text is never re-parsed as a template (see geo/web/_branca.py)

__all__ = [
    "CDN_TO_VENDOR",
    "CONTROL_STATES",
    "EVENT_COLOURS",
    "FAST_CLUSTER_THRESHOLD",
    "MAX_ZOOM",
    "OSM_TILES",
    "SETUP_COMMAND",
    "VENDOR_URL_PREFIX",
    "MissingAssetError",
    "advances_layer",
    "control_points_layer",
    "place_labels_layer",
    "OfflineMap",
    "UnvendoredAssetError",
    "base_map",
    "context_places_layer",
    "control_layer",
    "finish_map",
    "incident_layer",
    "legend",
    "localize_assets",
    "marker_radius",
    "missing_vendored_assets",
    "plain_basemap_layer",
    "require_vendored_assets",
    "uncertainty_layer",
    "vendored_asset_urls",
    "zone_layer",
]

# --------------------------------------------------------------------------
# Offline assets
# --------------------------------------------------------------------------

#: URL prefix Streamlit serves ``static/vendor/`` under (enableStaticServing).
VENDOR_URL_PREFIX = "/app/static/vendor"

#: Command that (re)creates ``static/vendor/``.
SETUP_COMMAND = "npm ci --ignore-scripts && uv run python tools/vendor_assets.py"

#: The repository's ``static/`` directory (Streamlit serves the one next to
#: the entry script; the dashboard lives at the repository root).
from geo.settings import STATIC_DIR  # noqa: E402

#: Every CDN URL that folium 0.20 uses for the elements the atlas builds,
#: mapped to its copy under ``static/vendor/`` (see tools/vendor_assets.py).
#: leaflet.awesome-markers: folium asks for 2.0.2, which npm lacks; 2.0.5 is
#: the same plugin API (``L.AwesomeMarkers.icon`` with ``extraClasses``).
CDN_TO_VENDOR: dict[str, str] = {
    # folium.Map.default_js
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/leaflet.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap/js/bootstrap.bundle.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
    "leaflet.awesome-markers.js": "leaflet.awesome-markers/leaflet.awesome-markers.js",
    # folium.Map.default_css
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/leaflet.css",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap/css/bootstrap.min.css"
    ),
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": (
        "bootstrap3/css/bootstrap-glyphicons.css"
    ),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "fontawesome-free/css/all.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
    "leaflet.awesome-markers.css": "leaflet.awesome-markers/leaflet.awesome-markers.css",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css": "leaflet.awesome-rotate/leaflet.awesome.rotate.css",
    # folium.plugins.MarkerCluster / FastMarkerCluster
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
    "leaflet.markercluster.js": "leaflet.markercluster/leaflet.markercluster.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
    "MarkerCluster.css": "leaflet.markercluster/MarkerCluster.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
    "MarkerCluster.Default.css": "leaflet.markercluster/MarkerCluster.Default.css",
}


class UnvendoredAssetError(ValueError):
    """A folium element asks for a CDN file that has no local copy."""


class MissingAssetError(FileNotFoundError):
    """A vendored file the map needs is not on disk."""


def vendored_asset_urls() -> dict[str, str]:
    """Return CDN URL -> local URL (``/app/static/vendor/...``) for every asset."""
    return {cdn: f"{VENDOR_URL_PREFIX}/{rel}" for cdn, rel in CDN_TO_VENDOR.items()}


def _iter_elements(element: Any) -> Iterable[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _iter_elements(child)


def _localize_list(owner: Any, attr: str, urls: Mapping[str, str]) -> None:
    entries = getattr(owner, attr, None)
    if not entries:
        return
    local_values = set(urls.values())
    new: list[tuple[str, str]] = []
    for name, url in entries:
        if url in local_values:
            new.append((name, url))
        elif url in urls:
            new.append((name, urls[url]))
        else:
            raise UnvendoredAssetError(
                f"{type(owner).__name__}.{attr} entry {name!r}: expected a URL listed in "
                f"geo.web.webmap.CDN_TO_VENDOR (or an already-local {VENDOR_URL_PREFIX}/... URL), "
                f"got {url!r}. Add the package to package.json, tools/vendor_assets.py and "
                f"CDN_TO_VENDOR, or don't use this folium element."
            )
    # An instance attribute shadows the class list; the class is left untouched.
    setattr(owner, attr, new)


def localize_assets(element: Any) -> Any:
    """Point every folium element's JS/CSS at ``/app/static/vendor/...``.

    Walks ``element`` and all its descendants and replaces each
    ``default_js`` / ``default_css`` entry by its local URL (instance
    attributes: folium's classes are not modified). Idempotent.

    Parameters
    ----------
    element : branca.element.Element
        A ``folium.Map``, a ``Figure`` or any element.

    Returns
    -------
    branca.element.Element
        ``element`` itself, for chaining.

    Raises
    ------
    UnvendoredAssetError
        If an element asks for a URL with no entry in :data:`CDN_TO_VENDOR`.
    """
    urls = vendored_asset_urls()
    for el in _iter_elements(element):
        _localize_list(el, "default_js", urls)
        _localize_list(el, "default_css", urls)
    return element


def missing_vendored_assets(static_dir: Path | str | None = None) -> list[Path]:
    """Return the vendored files that are not on disk (empty when all present).

    Parameters
    ----------
    static_dir : Path or str, optional
        The ``static/`` directory Streamlit serves; the repository's by default.
    """
    root = Path(static_dir) if static_dir is not None else STATIC_DIR
    return [root / "vendor" / rel for rel in CDN_TO_VENDOR.values() if not (root / "vendor" / rel).is_file()]


def require_vendored_assets(static_dir: Path | str | None = None) -> None:
    """Raise :class:`MissingAssetError` unless every vendored file exists.

    Call it once when the dashboard starts: without these files the map
    iframe stays 0 px high and shows no error.

    Parameters
    ----------
    static_dir : Path or str, optional
        The ``static/`` directory Streamlit serves; the repository's by default.

    Raises
    ------
    MissingAssetError
        Naming the first missing file, how many are missing, and the command
        that creates them.
    """
    missing = missing_vendored_assets(static_dir)
    if missing:
        raise MissingAssetError(
            f"map asset missing: expected {missing[0]} to exist, got no such file "
            f"({len(missing)} of {len(CDN_TO_VENDOR)} vendored files missing). "
            f"Run from the repository root: {SETUP_COMMAND}"
        )


class OfflineMap(folium.Map):
    """A ``folium.Map`` that localizes its assets (and its layers') on render.

    ``st_folium`` and ``get_root().render()`` both call :meth:`render` before
    they read the asset lists, so layers added after construction are covered.
    """

    # The atlas draws SVG paths and DivIcons only, so of folium's page assets it
    # needs Leaflet alone; jQuery, Bootstrap, Font Awesome and awesome-markers
    # were four scripts loaded one after another and four stylesheets, for
    # nothing (about 0.4 s of the map's load on a slow laptop). folium's full
    # lists come back when a layer uses folium.Icon, the one element that needs them.
    default_js = [(n, u) for n, u in folium.Map.default_js if n == "leaflet"]
    default_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]

    def render(self, **kwargs: Any) -> None:
        if any(isinstance(el, folium.Icon) for el in _iter_elements(self)):
            self.default_js, self.default_css = list(folium.Map.default_js), list(folium.Map.default_css)
        localize_assets(self)
        super().render(**kwargs)


# --------------------------------------------------------------------------
# Validation helpers
# --------------------------------------------------------------------------

#: Highest zoom level (MarkerCluster needs one when the map has no tiles).
MAX_ZOOM = 18
#: Above this many points, :func:`incident_layer` clusters instead of drawing each.
FAST_CLUSTER_THRESHOLD = 10_000
#: Above this many located reports, :func:`incident_layer` draws one marker per
#: place and type instead of one per report: thousands of popups cost the page
#: seconds to parse and draw, and the panel lists every report on a click anyway.
GROUP_THRESHOLD = 300

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _check_latlon(value: Any, what: str) -> tuple[float, float]:
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(_is_number(v) for v in value)
        or not -90 <= value[0] <= 90
        or not -180 <= value[1] <= 180
    ):
        raise ValueError(
            f"{what}: expected (lat, lon) numbers with -90 <= lat <= 90 and "
            f"-180 <= lon <= 180, got {value!r}"
        )
    return float(value[0]), float(value[1])


def _check_fc(fc: Any, what: str) -> list[dict]:
    if not isinstance(fc, Mapping):
        raise TypeError(f"{what}: expected a GeoJSON FeatureCollection dict, got {type(fc).__name__}")
    if fc.get("type") != "FeatureCollection":
        raise ValueError(f"{what}: expected type 'FeatureCollection', got {fc.get('type')!r}")
    feats = fc.get("features")
    if not isinstance(feats, list):
        raise ValueError(f"{what}: expected 'features' to be a list, got {type(feats).__name__}")
    for i, f in enumerate(feats):
        if not isinstance(f, Mapping) or f.get("type") != "Feature":
            got = f.get("type") if isinstance(f, Mapping) else type(f).__name__
            raise ValueError(f"{what}: feature {i}: expected type 'Feature', got {got!r}")
        if not isinstance(f.get("properties"), Mapping):
            raise ValueError(
                f"{what}: feature {i}: expected 'properties' to be an object, "
                f"got {type(f.get('properties')).__name__}"
            )
        geom = f.get("geometry")
        if geom is not None and (not isinstance(geom, Mapping) or "type" not in geom):
            raise ValueError(f"{what}: feature {i}: expected a geometry object or null, got {geom!r}")
    return feats


def _feature_key(f: Mapping, i: int) -> str:
    props = f.get("properties") or {}
    for k in (f.get("id"), props.get("id"), props.get("place_id")):
        if k is not None:
            return str(k)
    return f"feature-{i}"


def _prepare(features: Sequence[Mapping], layer: str) -> list[dict]:
    """Deep-copy features; give each a unique top-level id and ``properties.id``.

    The original properties are kept; ``id`` is added only when missing
    (copied from the feature's top-level id), so clicks can be traced back.
    """
    out: list[dict] = []
    seen: dict[str, int] = {}
    for i, f in enumerate(features):
        g = copy.deepcopy(dict(f))
        g["properties"] = dict(g.get("properties") or {})
        key = _feature_key(g, i)
        g["properties"].setdefault("id", key)
        n = seen.get(key, 0)
        seen[key] = n + 1
        g["id"] = f"{layer}:{key}" if n == 0 else f"{layer}:{key}#{n}"
        out.append(g)
    return out


def _esc(value: Any, empty: str = "—") -> str:
    """HTML-escape any value for our popups (``None`` -> ``empty``)."""
    if value is None or value == "":
        return empty
    if isinstance(value, (list, tuple)):
        return ", ".join(_esc(v, empty) for v in value) or empty
    return html.escape(str(value), quote=True)


def _safe_href(url: Any) -> str | None:
    """Return an escaped http(s) URL, or None for anything else (javascript:, data:, ...)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return html.escape(url.strip(), quote=True)


def _representative_point(f: Mapping) -> tuple[float, float] | None:
    """(lat, lon) from ``properties.lat/lon`` (the gazetteer's marker point),
    else from a Point geometry, else None."""
    p = f.get("properties") or {}
    if _is_number(p.get("lat")) and _is_number(p.get("lon")):
        return float(p["lat"]), float(p["lon"])
    geom = f.get("geometry") or {}
    if geom.get("type") == "Point":
        coords = geom.get("coordinates") or []
        if len(coords) >= 2 and _is_number(coords[0]) and _is_number(coords[1]):
            return float(coords[1]), float(coords[0])
    return None


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


#: The feature properties a page needs: the pre-rendered tooltip and popup, and
#: the ids a click hands back to the dashboard (``place_id`` or ``id``).
BROWSER_PROPERTIES = frozenset({"id", "place_id", "event_id", "name", "kind", "_tooltip", "_popup"})


class _BrowserGeoJson(folium.GeoJson):
    """A ``folium.GeoJson`` that sends the page only :data:`BROWSER_PROPERTIES`.

    Styles are worked out here from the full properties, per feature id; the
    page then gets each feature's geometry, ids and its escaped tooltip and
    popup, not the gazetteer's sources and notes or a second copy of every
    quote (the city map's script went from 266 kB to about half, which the
    browser parses before it draws). Layers whose features lack unique ids
    are sent whole.
    """

    def __init__(self, data: Any, *, style_function: Callable | None = None,
                 highlight_function: Callable | None = None, **kwargs: Any) -> None:
        super().__init__(data, style_function=style_function, highlight_function=highlight_function, **kwargs)
        feats = self.data.get("features") or []
        ids = [f.get("id") for f in feats]
        if None in ids or len(set(ids)) != len(ids):
            return
        if style_function is not None:
            styles = {f["id"]: style_function(f) for f in feats}
            self.style_function = lambda f: styles[f["id"]]
        if highlight_function is not None:
            highlights = {f["id"]: highlight_function(f) for f in feats}
            self.highlight_function = lambda f: highlights[f["id"]]
        self.data = {**self.data, "features": [
            {**f, "properties": {k: v for k, v in (f.get("properties") or {}).items() if k in BROWSER_PROPERTIES}}
            for f in feats
        ]}


def _tooltip() -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(fields=["_tooltip"], labels=False, sticky=True)


def _popup() -> folium.GeoJsonPopup:
    return folium.GeoJsonPopup(fields=["_popup"], labels=False, max_width=360)


def _display_name(props: Mapping) -> Any:
    return props.get("name") or props.get("place_name") or props.get("place_id") or props.get("id")


# --------------------------------------------------------------------------
# Base map
# --------------------------------------------------------------------------


def base_map(
    *,
    center: Sequence[float],
    zoom: int,
    bounds: Sequence[Sequence[float]] | None = None,
    tiles: bool = False,
    max_zoom: int = MAX_ZOOM,
) -> OfflineMap:
    """Create the atlas map: no tile server by default, every asset local.

    Parameters
    ----------
    center : (float, float), keyword-only
        ``(lat, lon)`` of the initial view.
    zoom : int, keyword-only
        Initial zoom, ``0 <= zoom <= max_zoom``.
    bounds : ((float, float), (float, float)), optional, keyword-only
        ``((south, west), (north, east))``; if given the view is fitted to it.
    tiles : bool, default False, keyword-only
        Add OpenStreetMap tiles (with attribution). Needs the network; off,
        the map is a grey background for :func:`plain_basemap_layer`.
    max_zoom : int, default :data:`MAX_ZOOM`, keyword-only
        Highest zoom (clusters need one when there are no tiles).

    Returns
    -------
    OfflineMap
        A ``folium.Map`` whose assets point at ``/app/static/vendor/``.

    Raises
    ------
    ValueError
        For an out-of-range centre, zoom or bounds.
    """
    lat, lon = _check_latlon(center, "center")
    if not isinstance(max_zoom, int) or isinstance(max_zoom, bool) or not 1 <= max_zoom <= 22:
        raise ValueError(f"max_zoom: expected an int in 1..22, got {max_zoom!r}")
    if not isinstance(zoom, int) or isinstance(zoom, bool) or not 0 <= zoom <= max_zoom:
        raise ValueError(f"zoom: expected an int in 0..{max_zoom}, got {zoom!r}")
    if not isinstance(tiles, bool):
        raise TypeError(f"tiles: expected True or False, got {tiles!r}")
    m = OfflineMap(
        location=[lat, lon],
        zoom_start=zoom,
        tiles=None,
        max_zoom=max_zoom,
        min_zoom=0,
        control_scale=True,
    )
    # With tiles=None folium hands max/min zoom to no one: set them on the map
    # itself (MarkerCluster fails with "Map has no maxZoom specified" otherwise).
    m.options["max_zoom"] = max_zoom
    m.options["min_zoom"] = 0
    if tiles:
        folium.TileLayer(
            tiles=OSM_TILES,
            attr=_OSM_ATTRIBUTION,
            name="OpenStreetMap",
            max_zoom=min(max_zoom, 19),
            overlay=False,
            control=False,
        ).add_to(m)
    if bounds is not None:
        if not isinstance(bounds, (list, tuple)) or len(bounds) != 2:
            raise ValueError(f"bounds: expected ((south, west), (north, east)), got {bounds!r}")
        s, w = _check_latlon(bounds[0], "bounds[0] (south, west)")
        n, e = _check_latlon(bounds[1], "bounds[1] (north, east)")
        if s > n or w > e:
            raise ValueError(
                f"bounds: expected south <= north and west <= east, got {bounds!r}"
            )
        m.fit_bounds([[s, w], [n, e]])
    m.get_root().header.add_child(folium.Element(_MAP_CSS), name="atlas_css")
    localize_assets(m)
    return m


_MAP_CSS = """<style>
.leaflet-container { background: #e9e7e2; }
.atlas-legend { background: rgba(255,255,255,.93); padding: 4px 8px; border-radius: 4px;
  font: 11px/1.3 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 290px; }
.atlas-legend summary { font-weight: 700; cursor: pointer; font-size: 12px; }
.atlas-legend .grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8px; }
.atlas-legend .note { margin-top: 3px; color: #555; font-size: 10px; }
.atlas-legend h4 { font-size: 11px; margin: 4px 0 1px; font-weight: 600; }
.atlas-legend .sw { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
  vertical-align: -2px; border: 1px solid #555; }
.atlas-legend .dot { border-radius: 50%; }
.atlas-wp-icon { background: none; border: none; }
.atlas-wp { width: 14px; height: 14px; margin: 1px; background: #ff7f00; border: 2px solid #7f0000;
  transform: rotate(45deg); box-sizing: border-box; box-shadow: 0 0 0 1px #fff; }
.atlas-wp-legend { display: inline-block; width: 11px; height: 11px; margin: 0 6px 0 1px;
  background: #ff7f00; border: 2px solid #7f0000; transform: rotate(45deg); vertical-align: -1px; }
.atlas-wp-unrev { background: #fff; border-style: dashed; }
.atlas-adv-icon { background: none; border: none; }
.atlas-label-icon { background: none; border: none; pointer-events: none; }
.atlas-lowzoom .atlas-label { display: none; }
.atlas-label.atlas-label-clash { visibility: hidden; }
.atlas-adv-lowzoom .atlas-adv-label { display: none; }
.atlas-label { text-align: center; font: 10px/1.1 system-ui, sans-serif; color: #444;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; white-space: nowrap; }
.atlas-adv { white-space: nowrap; font: 600 11px/1.2 system-ui, sans-serif; color: #1b5e20; }
.atlas-adv-flag { display: inline-block; width: 0; height: 0; border-left: 7px solid transparent;
  border-right: 7px solid transparent; border-bottom: 13px solid #2e7d32; vertical-align: -2px;
  filter: drop-shadow(0 0 1px #fff); }
.atlas-adv-label { margin-left: 3px; padding: 0 3px; background: rgba(255,255,255,.85);
  border-radius: 3px; }
.atlas-legend .tri { display: inline-block; width: 0; height: 0; border-left: 6px solid transparent;
  border-right: 6px solid transparent; border-bottom: 11px solid #2e7d32; margin: 0 6px 0 1px; }
.atlas-popup blockquote { margin: 4px 0; padding-left: 6px; border-left: 3px solid #bbb;
  font-style: italic; }
</style>"""


# --------------------------------------------------------------------------
# Plain basemap from the gazetteer
# --------------------------------------------------------------------------

_BASEMAP_PANE = "atlasBasemap"
_APPROXIMATE = frozenset({"approximate", "estimate", "unsourced"})


class _MapScript(MacroElement):
    """A script element that needs its map's JavaScript name (``map_name``) at render time."""

    #: the public function that added it, for the error
    layer = "layer"
    #: the map's JavaScript name, set by :meth:`render`
    map_name = ""

    def render(self, **kwargs: Any) -> None:
        el = self._parent
        while el is not None and not isinstance(el, folium.Map):
            el = getattr(el, "_parent", None)
        if el is None:
            raise ValueError(f"{self.layer}: expected the layer to be added to a folium.Map "
                             "before rendering, got a layer with no map above it")
        self.map_name = el.get_name()
        super().render(**kwargs)


class _BasemapPane(_MapScript):
    """Create the low, click-through pane the plain basemap draws in."""

    layer = "plain_basemap_layer"

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (!{{ this.map_name }}.getPane({{ this.pane|tojson }})) {
            var p = {{ this.map_name }}.createPane({{ this.pane|tojson }});
            p.style.zIndex = 350;
            p.style.pointerEvents = 'none';
        }
        {% endmacro %}
        """
    )

    def __init__(self, pane: str) -> None:
        super().__init__()
        self._name = "BasemapPane"
        self.pane = pane


def plain_basemap_layer(places_fc: Mapping, *, countries_fc: Mapping | None = None,
                        name: str = "Basemap") -> folium.FeatureGroup:
    """Draw a plain basemap from our own data: countries, city, districts, the Euphrates.

    Polygons of ``kind == "city"`` are drawn as a solid outline, ``district``
    and ``suburb`` polygons as thin outlines (dashed when their
    ``geometry_quality`` is ``approximate``/``estimate``/``unsourced``),
    ``river`` lines in blue. Other features are ignored. The layer is not
    interactive, sits in its own pane below every other layer, and is not
    listed in the layer control.

    Parameters
    ----------
    places_fc : dict
        Gazetteer FeatureCollection (properties ``kind``, ``geometry_quality``...).
    countries_fc : dict, optional, keyword-only
        Country outlines (:func:`geo.web.basemap.load_countries`), drawn first as
        pale land with thin grey borders: orientation for the wider views.
    name : str, keyword-only
        Layer name.

    Returns
    -------
    folium.FeatureGroup
    """
    feats = _check_fc(places_fc, "places_fc")
    countries = _check_fc(countries_fc, "countries_fc") if countries_fc is not None else []
    for i, f in enumerate(countries):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"countries_fc: feature {i} ({_feature_key(f, i)}): expected a Polygon or "
                             f"MultiPolygon geometry, got {gtype!r}")
    polys: list[dict] = []
    rivers: list[dict] = []
    for f in feats:
        geom = f.get("geometry") or {}
        kind = (f.get("properties") or {}).get("kind")
        gtype = geom.get("type")
        if kind in ("city", "district", "suburb") and gtype in ("Polygon", "MultiPolygon"):
            polys.append(f)
        elif kind == "river" and gtype in ("LineString", "MultiLineString"):
            rivers.append(f)

    # Cities first so district outlines draw over them.
    polys.sort(key=lambda f: 0 if f["properties"].get("kind") == "city" else 1)

    def poly_style(feature: Mapping) -> dict:
        p = feature["properties"]
        if p.get("kind") == "city":
            return {"color": "#555", "weight": 2.5, "fill": True, "fillColor": "#f7f6f2",
                    "fillOpacity": 0.8}
        dashed = p.get("geometry_quality") in _APPROXIMATE
        return {"color": "#8a8a8a", "weight": 1, "fill": False,
                "dashArray": "4 4" if dashed else None}

    group = folium.FeatureGroup(name=name, control=False, show=True)
    group.add_child(_BasemapPane(_BASEMAP_PANE))
    if countries:
        _BrowserGeoJson(
            _fc(_prepare(countries, "country")),
            name=f"{name} countries",
            style_function=lambda f: {"color": "#a0a0a0", "weight": 1, "fill": True,
                                      "fillColor": "#f1efe8", "fillOpacity": 1.0},
            interactive=False,
            pane=_BASEMAP_PANE,
            control=False,
        ).add_to(group)
    if polys:
        _BrowserGeoJson(
            _fc(_prepare(polys, "basemap")),
            name=f"{name} outlines",
            style_function=poly_style,
            interactive=False,
            pane=_BASEMAP_PANE,
            control=False,
        ).add_to(group)
    if rivers:
        _BrowserGeoJson(
            _fc(_prepare(rivers, "river")),
            name=f"{name} rivers",
            style_function=lambda f: {"color": "#6fa8dc", "weight": 4, "opacity": 0.9},
            interactive=False,
            pane=_BASEMAP_PANE,
            control=False,
        ).add_to(group)
    return group


# --------------------------------------------------------------------------
# Control polygons
# --------------------------------------------------------------------------

#: state -> (label, fill colour, border colour, dashed border)
CONTROL_STATES: dict[str, tuple[str, str, str, bool]] = {
    "is": ("Islamic State held", "#252525", "#000000", False),
    "contested": ("Contested", "#e6550d", "#a63603", True),
    "sdf": ("Taken by the SDF", "#f2d024", "#8c7a00", False),
    "unknown": ("Unknown", "#bdbdbd", "#7a7a7a", True),
}


def control_layer(control_fc: Mapping, *, name: str = "Territorial control") -> folium.FeatureGroup:
    """Colour district polygons by who held them.

    Parameters
    ----------
    control_fc : dict
        FeatureCollection of polygons with properties ``place_id``, ``name``,
        ``state`` (one of :data:`CONTROL_STATES`), ``since``, ``reports``.
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
    feats = _check_fc(control_fc, "control_fc")
    for i, f in enumerate(feats):
        state = f["properties"].get("state")
        if state not in CONTROL_STATES:
            raise ValueError(
                f"control_fc: feature {i} ({_feature_key(f, i)}): expected state in "
                f"{sorted(CONTROL_STATES)}, got {state!r}"
            )
        gtype = (f.get("geometry") or {}).get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            raise ValueError(
                f"control_fc: feature {i} ({_feature_key(f, i)}): expected a Polygon or "
                f"MultiPolygon geometry, got {gtype!r}"
            )
    prepared = _prepare(feats, "control")
    for g in prepared:
        p = g["properties"]
        label = CONTROL_STATES[p["state"]][0]
        reports = p.get("reports")
        if isinstance(reports, (list, tuple)):
            items = "".join(f"<li>{_esc(r)}</li>" for r in reports)
            reports_html = f"<ul>{items}</ul>" if items else "—"
        else:
            reports_html = _esc(reports)
        p["_tooltip"] = f"<b>{_esc(_display_name(p))}</b><br>{_esc(label)}"
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{_esc(_display_name(p))}</b><br>'
            f"{_esc(label)} since {_esc(p.get('since'))}<br>Reports: {reports_html}</div>"
        )

    def style(feature: Mapping) -> dict:
        _, fill, border, dashed = CONTROL_STATES[feature["properties"]["state"]]
        return {"fillColor": fill, "color": border, "weight": 1.5, "fillOpacity": 0.45,
                "dashArray": "6 4" if dashed else None}

    group = folium.FeatureGroup(name=name)
    if not prepared:
        return group
    _BrowserGeoJson(
        _fc(prepared),
        name=name,
        style_function=style,
        highlight_function=lambda f: {"weight": 3, "fillOpacity": 0.6},
        tooltip=_tooltip(),
        popup=_popup(),
        control=False,
    ).add_to(group)
    return group


def control_points_layer(control_fc: Mapping, *, name: str = "Territorial control (approximate areas)",
                         min_radius_m: float = 250.0) -> folium.FeatureGroup:
    """Control of places known only as a point: a dashed disc of radius ``uncertainty_m``.

    Many districts have no surveyed outline; drawing a made-up polygon would
    mislead, so they are shown as a disc around their representative point
    (``properties.lat/lon``, else the Point geometry) whose radius is the
    place's ``uncertainty_m`` (at least ``min_radius_m``), coloured by
    ``state`` like :func:`control_layer`, always dashed, and labelled
    "approximate area" in the tooltip. Polygon features are ignored (draw them
    with :func:`control_layer`).

    Raises
    ------
    ValueError
        For an unknown ``state`` or a point feature without a usable point.
    """
    feats = _check_fc(control_fc, "control_fc")
    points = []
    for i, f in enumerate(feats):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype in ("Polygon", "MultiPolygon"):
            continue
        p = f["properties"]
        if p.get("state") not in CONTROL_STATES:
            raise ValueError(
                f"control_fc: feature {i} ({_feature_key(f, i)}): expected state in "
                f"{sorted(CONTROL_STATES)}, got {p.get('state')!r}"
            )
        point = _representative_point(f)
        if point is None:
            raise ValueError(
                f"control_fc: feature {i} ({_feature_key(f, i)}): expected properties lat/lon "
                f"or a Point geometry, got geometry type {gtype!r}"
            )
        lat, lon = _check_latlon(point, f"control_fc: feature {i} ({_feature_key(f, i)}) point")
        points.append({**f, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    prepared = _prepare(points, "control-point")
    for g in prepared:
        p = g["properties"]
        label = CONTROL_STATES[p["state"]][0]
        u = p.get("uncertainty_m")
        size = f"approximate area: ± {_esc(round(u))} m around the reference point" if _is_number(u) else "approximate area"
        p["_tooltip"] = f"<b>{_esc(_display_name(p))}</b><br>{_esc(label)}<br><small>{size}</small>"
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{_esc(_display_name(p))}</b><br>{_esc(label)} since '
            f"{_esc(p.get('since'))}<br><small>{size}; no surveyed outline</small></div>"
        )

    def style(feature: Mapping) -> dict:
        _, fill, border, _d = CONTROL_STATES[feature["properties"]["state"]]
        u = feature["properties"].get("uncertainty_m")
        r = max(float(u) if _is_number(u) else 0.0, min_radius_m)
        # folium.Circle defaults to fill=False: without "fill" the disc shows its border only
        return {"radius": r, "fill": True, "fillColor": fill, "color": border, "weight": 1.5,
                "fillOpacity": 0.35, "dashArray": "4 4"}

    group = folium.FeatureGroup(name=name)
    if prepared:
        _BrowserGeoJson(
            _fc(prepared), name=name, marker=folium.Circle(), style_function=style,
            highlight_function=lambda f: {"weight": 3, "fillOpacity": 0.55},
            tooltip=_tooltip(), popup=_popup(), control=False,
        ).add_to(group)
    return group


class _LabelZoom(_MapScript):
    """Toggle a class (``atlas-lowzoom``) on the map below a zoom level: labels under it hide."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var m = {{ this.map_name }};
            function upd() {
                var c = m.getContainer();
                if (m.getZoom() < {{ this.min_zoom|tojson }}) { c.classList.add({{ this.css_class|tojson }}); }
                else { c.classList.remove({{ this.css_class|tojson }}); }
            }
            m.on('zoomend', upd);
            m.whenReady(upd);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, min_zoom: float, *, css_class: str = "atlas-lowzoom", layer: str = "place_labels_layer") -> None:
        super().__init__()
        self._name = "LabelZoom"
        self.min_zoom = float(min_zoom)
        self.css_class = css_class
        self.layer = layer


class _LabelDeclutter(_MapScript):
    """Hide place labels whose text would overlap a more important one's.

    After each zoom or pan, the map's ``.atlas-label`` texts are taken in
    order of ``data-rank`` (then document order); a label whose text box
    (plus a small margin) meets a label already kept gets ``atlas-label-clash``
    and is hidden until the view changes. Installed once per map.
    """

    layer = "place_labels_layer"

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var m = {{ this.map_name }};
            if (m._atlasDeclutter) { return; }
            m._atlasDeclutter = true;
            var pad = {{ this.pad|tojson }};
            function box(el) {
                var r = document.createRange();
                r.selectNodeContents(el);
                return r.getBoundingClientRect();
            }
            function upd() {
                var els = Array.prototype.slice.call(m.getContainer().querySelectorAll('.atlas-label'));
                els.forEach(function(el, i) { el.classList.remove('atlas-label-clash'); el._atlasOrder = i; });
                els.sort(function(a, b) {
                    return (+a.dataset.rank || 0) - (+b.dataset.rank || 0) || a._atlasOrder - b._atlasOrder;
                });
                var kept = [];
                els.forEach(function(el) {
                    var b = box(el);
                    if (!b.width) { return; }  // hidden by its zoom rule
                    var clash = kept.some(function(k) {
                        return b.left < k.right + pad && k.left < b.right + pad &&
                               b.top < k.bottom + pad && k.top < b.bottom + pad;
                    });
                    if (clash) { el.classList.add('atlas-label-clash'); } else { kept.push(b); }
                });
            }
            function later() { setTimeout(upd, 0); }
            m.on('zoomend moveend overlayadd overlayremove', later);
            m.whenReady(later);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, pad: float = 2.0) -> None:
        super().__init__()
        self._name = "LabelDeclutter"
        self.pad = float(pad)


#: Which place label wins where two would overlap: lower first (kinds not listed: 5).
LABEL_RANK: dict[str, int] = {
    "city": 0, "town": 1, "dam": 2, "military_site": 2, "border_crossing": 2,
    "village": 3, "district": 3, "suburb": 4, "zone": 4, "landmark": 4, "street": 5, "square": 5,
}


#: Metres in one degree of latitude (mean): places a ring's label at its edge.
METRES_PER_DEGREE_LAT = 111_320.0


def place_labels_layer(places_fc: Mapping, *, name: str = "Place names", kinds: Iterable[str] = ("district", "suburb"),
                       show: bool = True, min_zoom: float = 12.5) -> folium.FeatureGroup:
    """Small, non-interactive text labels at places' representative points (escaped).

    Labels hide below ``min_zoom`` (they would pile up), and where two would
    overlap at the current zoom the less important one hides (:data:`LABEL_RANK`:
    cities first). A place with a ``radius_m`` (a zone drawn as a ring) is
    labelled at the ring's southern edge."""
    feats = _check_fc(places_fc, "places_fc")
    wanted = set(kinds)
    group = folium.FeatureGroup(name=name, show=show)
    group.add_child(_LabelZoom(min_zoom))
    group.add_child(_LabelDeclutter())
    for i, f in enumerate(feats):
        p = f["properties"]
        if p.get("kind") not in wanted:
            continue
        point = _representative_point(f)
        if point is None:
            continue
        lat, lon = _check_latlon(point, f"places_fc: feature {i} ({_feature_key(f, i)}) point")
        if _is_number(p.get("radius_m")) and p["radius_m"] > 0:
            # a zone drawn as a ring is named below its southern edge, not at its
            # centre, where the place it is drawn around has its own label
            lat = max(-90.0, lat - float(p["radius_m"]) / METRES_PER_DEGREE_LAT)
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(html=f'<div class="atlas-label" data-rank="{LABEL_RANK.get(p.get("kind"), 5)}">'
                                     f'{_esc(p.get("name"))}</div>',
                                icon_size=(120, 14), icon_anchor=(60, -6), class_name="atlas-label-icon"),
            interactive=False,
        ).add_to(group)
    return group


# --------------------------------------------------------------------------
# Incidents
# --------------------------------------------------------------------------

#: event_type -> (label, colour)
EVENT_COLOURS: dict[str, tuple[str, str]] = {
    "air_strike": ("Air strike", "#d7191c"),
    "shelling": ("Shelling", "#984ea3"),
    "armed_clash": ("Armed clash", "#377eb8"),
    "territory_change": ("Territory change", "#4daf4a"),
    "displacement": ("Displacement", "#a65628"),
    "other": ("Other", "#666666"),
}
_INCENDIARY = frozenset({"white_phosphorus", "incendiary"})
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
    if not _is_number(deaths) or deaths < 0:
        raise ValueError(f"deaths: expected a number >= 0 or None, got {deaths!r}")
    return round(min(_MAX_RADIUS, max(_MIN_RADIUS, _RADIUS_PER_SQRT_DEATH * math.sqrt(deaths))), 2)


def _deaths(p: Mapping) -> Any:
    for k in ("deaths_best", "deaths_low", "deaths_high"):
        if p.get(k) is not None:
            return p[k]
    return None


def _dates_text(p: Mapping) -> str:
    """``start`` or ``start – end`` (escaped)."""
    dates = _esc(p.get("date_start"))
    if p.get("date_end") and p.get("date_end") != p.get("date_start"):
        dates += f" – {_esc(p.get('date_end'))}"
    return dates


def _incident_popup(p: Mapping) -> str:
    label = EVENT_COLOURS.get(p.get("event_type"), (p.get("event_type"), ""))[0]
    munition = f" ({_esc(str(p.get('munition')).replace('_', ' '))})" if p.get("munition") else ""
    dates = _dates_text(p)
    deaths = (
        f"{_esc(p.get('deaths_low'))} / {_esc(p.get('deaths_best'))} / {_esc(p.get('deaths_high'))}"
    )
    parts = [
        f'<div class="atlas-popup"><b>{_esc(label)}</b>{munition} at <b>{_esc(p.get("place_name"))}</b>',
        f"<br>{dates}",
        f"<br>Deaths (low / best / high): {deaths}",
        f"<br>Status: {_esc(p.get('status'))}, claimed by {_esc(p.get('claimed_by'))}",
    ]
    if p.get("outlet"):
        parts.append(f"<br>Outlet: {_esc(p.get('outlet'))}")
    href = _safe_href(p.get("url"))
    if href:
        parts.append(f'<br><a href="{href}" target="_blank" rel="noopener noreferrer">source</a>')
    if p.get("quote"):
        parts.append(f"<blockquote>“{_esc(p.get('quote'))}”</blockquote>")
    parts.append(f"<small>{_esc(p.get('id'))}</small></div>")
    return "".join(parts)


def _check_incidents(feats: Sequence[Mapping]) -> list[Mapping]:
    """Keep located point features; validate event_type and tolls."""
    kept = []
    for i, f in enumerate(feats):
        p = f["properties"]
        et = p.get("event_type")
        if et not in EVENT_COLOURS:
            raise ValueError(
                f"incidents_fc: feature {i} ({_feature_key(f, i)}): expected event_type in "
                f"{sorted(EVENT_COLOURS)}, got {et!r}"
            )
        for k in ("deaths_low", "deaths_best", "deaths_high"):
            v = p.get(k)
            if v is not None and (not _is_number(v) or v < 0):
                raise ValueError(
                    f"incidents_fc: feature {i} ({_feature_key(f, i)}): expected {k} to be "
                    f"a number >= 0 or null, got {v!r}"
                )
        geom = f.get("geometry")
        if geom is None:
            continue  # unresolved place: nothing to draw
        if geom.get("type") != "Point":
            raise ValueError(
                f"incidents_fc: feature {i} ({_feature_key(f, i)}): expected a Point "
                f"geometry or null, got {geom.get('type')!r}"
            )
        kept.append(f)
    return kept


def _lowest_toll_per_event(props: Sequence[Mapping]) -> tuple[int | float | None, int]:
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
    summed (see :func:`_lowest_toll_per_event`), with ``deaths_best`` and
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
        incendiary = p.get("munition") in _INCENDIARY
        # a place's reports share its gazetteer point; reports without a place
        # group only where they coincide
        where = p.get("place_id") or (round(lon, 6), round(lat, 6))
        key = (where, p["event_type"], incendiary)
        buckets.setdefault(key, []).append(p)
        coords.setdefault(key, []).append((lon, lat))
    out = []
    for (where, event_type, incendiary), props in buckets.items():
        place_id = where if isinstance(where, str) else None
        pts = coords[(where, event_type, incendiary)]
        # the mean of the members' points: the place's own point when they
        # were geocoded to it, never outside their spread
        lon = round(sum(x for x, _ in pts) / len(pts), 6)
        lat = round(sum(y for _, y in pts) / len(pts), 6)
        deaths, with_toll = _lowest_toll_per_event(props)
        munitions = sorted({str(p["munition"]) for p in props if p.get("munition") in _INCENDIARY})
        key = f"{place_id or f'{lon},{lat}'}:{event_type}{':incendiary' if incendiary else ''}"
        out.append({"type": "Feature", "id": f"group:{key}", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": f"group:{key}", "group": True, "place_id": place_id,
                        "place_name": props[0].get("place_name"), "event_type": event_type,
                        "munition": munitions[0] if len(munitions) == 1 else ("incendiary" if munitions else None),
                        "n_reports": len(props),
                        "n_events": len({p.get("event_id") or p.get("id") for p in props}),
                        "n_claimants": len({p.get("claimed_by") for p in props if p.get("claimed_by")}),
                        "date_start": min((p.get("date_start") for p in props if p.get("date_start")), default=None),
                        "date_end": max((p.get("date_end") or p.get("date_start") for p in props
                                         if p.get("date_end") or p.get("date_start")), default=None),
                        "deaths_low": deaths, "deaths_best": None, "deaths_high": None,
                        "events_with_toll": with_toll,
                    }})
    out.sort(key=lambda g: (-g["properties"]["n_reports"], g["id"]))
    return out


def _group_texts(p: Mapping, *, unreviewed: bool) -> tuple[str, str]:
    """Tooltip and popup of a grouped marker (escaped)."""
    label = EVENT_COLOURS[p["event_type"]][0]
    munition = f" ({_esc(str(p['munition']).replace('_', ' '))} alleged)" if p.get("munition") else ""
    dates = _dates_text(p)
    n, ev = p["n_reports"], p["n_events"]
    low = p.get("deaths_low")
    deaths = ("no toll claimed" if low is None else
              f"at least {_esc(format(low, ','))} deaths (lowest claim of each of "
              f"{p['events_with_toll']:,} event(s) with a toll, summed)")
    head = ("<b>UNREVIEWED</b> extractions · " if unreviewed else "") + (
        f"<b>{n:,} {_esc(label.lower())} report(s)</b>{munition} · {_esc(p.get('place_name'))}")
    tooltip = f"{head}<br><small>{dates} · {ev:,} event(s) · {deaths}</small>"
    popup = (f'<div class="atlas-popup">{head}<br>{dates}<br>{ev:,} event(s), '
             f"{p['n_claimants']:,} claimant(s)<br>{deaths}<br>"
             "<small>Grouped: too many reports to draw one by one. Click the place "
             "for every report, its quote and who claims it.</small></div>")
    return tooltip, popup


def incident_layer(
    incidents_fc: Mapping,
    *,
    name: str = "Reported incidents",
    cluster_threshold: int = FAST_CLUSTER_THRESHOLD,
    group_threshold: int | None = GROUP_THRESHOLD,
    unreviewed: bool = False,
    show: bool = True,
) -> folium.FeatureGroup:
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
    folium.FeatureGroup
        With ``grouped`` set: whether its markers stand for groups of reports
        (for the legend, :func:`finish_map`).

    Raises
    ------
    ValueError
        For an unknown ``event_type``, a negative toll or a non-Point geometry.
    """
    feats = _check_incidents(_check_fc(incidents_fc, "incidents_fc"))
    group = folium.FeatureGroup(name=name, show=show)
    grouped = group_threshold is not None and len(feats) > group_threshold
    group.grouped = grouped
    if grouped:
        feats = group_incidents(feats)
    elif len(feats) > cluster_threshold:
        coords = [
            [f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]] for f in feats
        ]
        folium.plugins.FastMarkerCluster(coords, name=name, control=False).add_to(group)
        return group

    prepared = _prepare(feats, "incident")
    for g in prepared:
        p = g["properties"]
        if grouped:
            p["_tooltip"], p["_popup"] = _group_texts(p, unreviewed=unreviewed)
            continue
        label = EVENT_COLOURS[p["event_type"]][0]
        p["_tooltip"] = (
            ("<b>UNREVIEWED</b> extraction · " if unreviewed else "")
            + f"<b>{_esc(label)}</b> · {_esc(p.get('place_name'))} · {_esc(p.get('date_start'))}"
            + f"<br><small>claimed by {_esc(p.get('claimed_by'))} ({_esc(p.get('status'))})</small>"
        )
        p["_popup"] = _incident_popup(p)
        if unreviewed:
            p["_popup"] = '<div class="atlas-popup"><b>Unreviewed extraction</b></div>' + p["_popup"]
    plain = [g for g in prepared if g["properties"].get("munition") not in _INCENDIARY]
    incendiary = [g for g in prepared if g["properties"].get("munition") in _INCENDIARY]

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
        _BrowserGeoJson(
            _fc(plain),
            name=name,
            marker=folium.CircleMarker(),
            style_function=style,
            tooltip=_tooltip(),
            popup=_popup(),
            control=False,
        ).add_to(group)
    if incendiary:
        # Leaflet positions marker icons with a transform, so the diamond's
        # rotation lives on an inner element.
        icon = folium.DivIcon(
            html='<div class="atlas-wp atlas-wp-unrev"></div>' if unreviewed else '<div class="atlas-wp"></div>', icon_size=(16, 16), icon_anchor=(8, 8),
            class_name="atlas-wp-icon",
        )
        _BrowserGeoJson(
            _fc(incendiary),
            name=f"{name} (incendiary)",
            marker=folium.Marker(icon=icon),
            tooltip=_tooltip(),
            popup=_popup(),
            control=False,
        ).add_to(group)
    return group


# --------------------------------------------------------------------------
# Advances (territory changes) with their dates
# --------------------------------------------------------------------------

_EXTENT_WORDS = {"entered": "entered", "partial": "partly taken", "full": "taken",
                 "repelled": "assault repelled"}


def _short_span(start: Any, end: Any) -> str:
    """``6–7 Jun`` / ``9 Jun`` / ``30 Jun–2 Jul`` from ISO dates (escaped text)."""
    import datetime as _dt

    try:
        a = _dt.date.fromisoformat(str(start))
        b = _dt.date.fromisoformat(str(end or start))
    except ValueError:
        return _esc(start)
    if a == b:
        return f"{a.day} {a:%b}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {a:%b}"
    return f"{a.day} {a:%b}–{b.day} {b:%b}"


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
    feats = _check_fc(advances_fc, "advances_fc")
    groups: dict[tuple, list[Mapping]] = {}
    for i, f in enumerate(feats):
        geom = f.get("geometry")
        if geom is None:
            continue
        if geom.get("type") != "Point":
            raise ValueError(
                f"advances_fc: feature {i} ({_feature_key(f, i)}): expected a Point geometry "
                f"or null, got {geom.get('type')!r}"
            )
        lon, lat = geom["coordinates"][:2]
        _check_latlon((lat, lon), f"advances_fc: feature {i} ({_feature_key(f, i)}) point")
        key = (f["properties"].get("place_id") or f"{lat},{lon}",)
        groups.setdefault(key, []).append(f)
    merged = []
    for (key,), fs in groups.items():
        fs = sorted(fs, key=lambda f: (str(f["properties"].get("date_start")), str(_feature_key(f, 0))))
        p0 = fs[0]["properties"]
        spans = list(dict.fromkeys(
            _short_span(f["properties"].get("date_start"), f["properties"].get("date_end")) for f in fs
        ))
        lines = []
        for f in fs:
            p = f["properties"]
            ext = _EXTENT_WORDS.get(p.get("control_extent"), p.get("control_extent"))
            lines.append(
                f"{_short_span(p.get('date_start'), p.get('date_end'))}: {_esc(ext)} by "
                f"{_esc(p.get('control_actor'))} — {_esc(p.get('claimed_by'))} ({_esc(p.get('outlet'))})"
            )
        props = {
            "id": f"advance:{key}",
            "place_id": p0.get("place_id"),
            "place_name": p0.get("place_name"),
            "report_ids": [str(_feature_key(f, 0)) for f in fs],
            "_label": advance_label(spans),
            "_tooltip": f"<b>{_esc(p0.get('place_name'))}</b> — territory changes claimed:<br>"
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
                        f'<span class="atlas-adv-label">{feature["properties"]["_label"]}</span></div>'}

    _BrowserGeoJson(
        _fc(merged), name=name, marker=folium.Marker(icon=icon), style_function=style,
        tooltip=_tooltip(), control=False,
    ).add_to(group)
    if label_min_zoom is not None:
        group.add_child(_LabelZoom(label_min_zoom, css_class="atlas-adv-lowzoom", layer="advances_layer"))
    return group


# --------------------------------------------------------------------------
# Uncertainty rings, zones, context places
# --------------------------------------------------------------------------


def uncertainty_layer(
    points_fc: Mapping, *, name: str = "Location uncertainty", colour: str = "#3182bd"
) -> folium.FeatureGroup:
    """Dashed circles of radius ``uncertainty_m`` around point features.

    The ring is centred on the representative point ``properties.lat/lon``
    (districts are polygons with such a point), else on a Point geometry. Features with neither, or with ``uncertainty_m`` null or 0,
    are skipped. The rings are not interactive.

    Parameters
    ----------
    points_fc : dict
        FeatureCollection; properties need ``uncertainty_m`` (metres).
    name : str, keyword-only
    colour : str, keyword-only
        Ring colour (CSS).

    Raises
    ------
    ValueError
        For a negative or non-numeric ``uncertainty_m``.
    """
    feats = _check_fc(points_fc, "points_fc")
    kept = []
    for i, f in enumerate(feats):
        u = f["properties"].get("uncertainty_m")
        if u is not None and (not _is_number(u) or u < 0):
            raise ValueError(
                f"points_fc: feature {i} ({_feature_key(f, i)}): expected uncertainty_m "
                f"to be a number >= 0 or null, got {u!r}"
            )
        point = _representative_point(f)
        if u and point is not None:
            kept.append({**f, "geometry": {"type": "Point", "coordinates": [point[1], point[0]]}})
    group = folium.FeatureGroup(name=name)
    if kept:
        _BrowserGeoJson(
            _fc(_prepare(kept, "uncertainty")),
            name=name,
            marker=folium.Circle(),
            style_function=lambda f: {
                "radius": float(f["properties"]["uncertainty_m"]),
                "color": colour, "weight": 1, "dashArray": "5 5",
                "fill": True, "fillColor": colour, "fillOpacity": 0.05,
                # copied into each ring's options before it is created
                "interactive": False,
            },
            interactive=False,
            control=False,
        ).add_to(group)
    return group


def zone_layer(zones_fc: Mapping, *, name: str = "Zones") -> folium.FeatureGroup:
    """Circular zones (e.g. the Al-Tanaf 55 km de-confliction zone).

    Point features with ``properties.radius_m`` become circles of that radius
    (metres); Polygon features (a zone already expanded on export) are drawn
    as they are.

    Parameters
    ----------
    zones_fc : dict
        FeatureCollection of zone features.
    name : str, keyword-only

    Raises
    ------
    ValueError
        For a Point zone without a positive ``radius_m``.
    """
    feats = _check_fc(zones_fc, "zones_fc")
    circles, polys = [], []
    for i, f in enumerate(feats):
        gtype = (f.get("geometry") or {}).get("type")
        if gtype == "Point":
            r = f["properties"].get("radius_m")
            if not _is_number(r) or r <= 0:
                raise ValueError(
                    f"zones_fc: feature {i} ({_feature_key(f, i)}): expected radius_m > 0 "
                    f"(metres) for a Point zone, got {r!r}"
                )
            circles.append(f)
        elif gtype in ("Polygon", "MultiPolygon"):
            polys.append(f)
        else:
            raise ValueError(
                f"zones_fc: feature {i} ({_feature_key(f, i)}): expected a Point with "
                f"radius_m or a Polygon, got {gtype!r}"
            )
    style = {"color": "#2b8cbe", "weight": 2, "dashArray": "10 6", "fill": True,
             "fillColor": "#2b8cbe", "fillOpacity": 0.06}
    group = folium.FeatureGroup(name=name)
    for kind, items in (("circle", circles), ("polygon", polys)):
        if not items:
            continue
        prepared = _prepare(items, f"zone-{kind}")
        for g in prepared:
            p = g["properties"]
            r = p.get("radius_m")
            size = f" ({_esc(round(r / 1000, 1))} km radius)" if _is_number(r) else ""
            p["_tooltip"] = f"<b>{_esc(_display_name(p))}</b>{size}"
        kwargs: dict[str, Any] = {}
        if kind == "circle":
            kwargs["marker"] = folium.Circle()
            sf: Callable = lambda f: {**style, "radius": float(f["properties"]["radius_m"])}
        else:
            sf = lambda f: style
        _BrowserGeoJson(
            _fc(prepared), name=name, style_function=sf, tooltip=_tooltip(), control=False,
            **kwargs,
        ).add_to(group)
    return group


def context_places_layer(
    places_fc: Mapping, *, name: str = "Places", kinds: Iterable[str] | None = None
) -> folium.FeatureGroup:
    """Small labelled dots for gazetteer places (towns, landmarks, districts...).

    Each place is drawn at its representative point (``properties.lat/lon``,
    else its Point geometry); clicking one returns its properties, which
    include ``id``.

    Parameters
    ----------
    places_fc : dict
        Gazetteer FeatureCollection.
    name : str, keyword-only
    kinds : iterable of str, optional, keyword-only
        Only these ``kind`` values (default: all but ``country``, ``region``,
        ``governorate``, ``river`` and ``zone``).

    Raises
    ------
    ValueError
        For a place with no usable point.
    """
    feats = _check_fc(places_fc, "places_fc")
    wanted = set(kinds) if kinds is not None else None
    skip = {"country", "region", "governorate", "river", "zone"}
    points: list[dict] = []
    for i, f in enumerate(feats):
        p = f["properties"]
        kind = p.get("kind")
        if (wanted is not None and kind not in wanted) or (wanted is None and kind in skip):
            continue
        point = _representative_point(f)
        if point is None:
            raise ValueError(
                f"places_fc: feature {i} ({_feature_key(f, i)}): expected properties lat/lon "
                f"or a Point geometry, got lat={p.get('lat')!r}, lon={p.get('lon')!r}, "
                f"geometry type {(f.get('geometry') or {}).get('type')!r}"
            )
        lat, lon = _check_latlon(point, f"places_fc: feature {i} ({_feature_key(f, i)}) point")
        points.append({**f, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    prepared = _prepare(points, "place")
    for g in prepared:
        p = g["properties"]
        p["_tooltip"] = f"<b>{_esc(p.get('name'))}</b> <small>({_esc(p.get('kind'))})</small>"
        srcs = []
        for s in p.get("sources") or []:
            if not isinstance(s, Mapping):
                continue
            href = _safe_href(s.get("url"))
            ref = _esc(s.get("ref"))
            srcs.append(
                f'<li><a href="{href}" target="_blank" rel="noopener noreferrer">{ref}</a></li>'
                if href else f"<li>{ref}</li>"
            )
        p["_popup"] = (
            f'<div class="atlas-popup"><b>{_esc(p.get("name"))}</b> ({_esc(p.get("kind"))})<br>'
            f"Position: {_esc(p.get('geometry_quality'))}, ± {_esc(p.get('uncertainty_m'))} m"
            + (f"<br>Sources:<ul>{''.join(srcs)}</ul>" if srcs else "")
            + (f"<br>{_esc(p.get('notes'))}" if p.get("notes") else "")
            + "</div>"
        )
    group = folium.FeatureGroup(name=name)
    if prepared:
        _BrowserGeoJson(
            _fc(prepared),
            name=name,
            marker=folium.CircleMarker(),
            style_function=lambda f: {"radius": 4, "color": "#333", "weight": 1,
                                      "fill": True, "fillColor": "#ffffff", "fillOpacity": 1},
            tooltip=_tooltip(),
            popup=_popup(),
            control=False,
        ).add_to(group)
    return group


# --------------------------------------------------------------------------
# Legend and final assembly
# --------------------------------------------------------------------------


class _Legend(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'atlas-legend');
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, position: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.position = position


_POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")


def legend(*, position: str = "bottomright", title: str = "Legend", unreviewed: bool = False,
           advances: bool = True, collapsed: bool = False, grouped: bool = False) -> MacroElement:
    """Static legend (a Leaflet control) for control states, event types, symbols.

    The HTML is ours; only fixed labels from :data:`CONTROL_STATES` and
    :data:`EVENT_COLOURS` go into it (escaped all the same). Add it to the map.

    Parameters
    ----------
    position : str, keyword-only
        One of ``topleft``, ``topright``, ``bottomleft``, ``bottomright``.
    title : str, keyword-only

    Raises
    ------
    ValueError
        For another position.
    """
    if position not in _POSITIONS:
        raise ValueError(f"position: expected one of {list(_POSITIONS)}, got {position!r}")
    rows = [f'<details{"" if collapsed else " open"}><summary>{_esc(title)}</summary>'
            '<h4>Control (claimed)</h4><div class="grid">']
    for label, fill, border, dashed in CONTROL_STATES.values():
        style = f"background:{fill};opacity:.75;border:1px {'dashed' if dashed else 'solid'} {border}"
        rows.append(f'<div><span class="sw" style="{style}"></span>{_esc(label)}</div>')
    rows.append('</div><h4>Incidents (size: deaths claimed)</h4><div class="grid">')
    for label, colour in EVENT_COLOURS.values():
        rows.append(
            f'<div><span class="sw dot" style="background:{colour};border-color:#fff"></span>'
            f"{_esc(label)}</div>"
        )
    rows.append("</div>")
    rows.append('<div><span class="atlas-wp-legend"></span>White phosphorus / incendiary alleged</div>')
    if advances:
        rows.append('<div><span class="tri"></span>Territory change (claimed dates)</div>')
    if unreviewed:
        rows.append(
            '<div><span class="sw dot" style="background:#fff;border:2px dashed #555"></span>'
            "Unreviewed extraction (upload)</div>"
        )
    if grouped:
        rows.append(
            '<div><span class="sw dot" style="background:#999;border:2px solid #222"></span>'
            "Dark ring: many reports at one place, grouped (counts in its tooltip)</div>"
        )
    rows.append(
        '<div><span class="sw dot" style="background:none;border:1px dashed #3182bd"></span>'
        "Location uncertainty; dashed outline: approximate</div>"
    )
    rows.append('<div class="note">Claims, not facts: markers sit at the named '
                "place's reference point, not a surveyed impact site.</div></details>")
    return _Legend("".join(rows), position)


def finish_map(m: folium.Map, *, with_legend: bool = True, collapsed: bool = False,
               unreviewed: bool = False, legend_position: str = "bottomright",
               legend_collapsed: bool = False, grouped: bool = False) -> folium.Map:
    """Add the legend and a LayerControl (call last), then localize assets.

    Parameters
    ----------
    m : folium.Map
    with_legend : bool, keyword-only
    collapsed : bool, keyword-only
        Whether the layer control starts collapsed.
    unreviewed : bool, keyword-only
        Add the legend row for unreviewed (uploaded, extracted) incidents.
    legend_position : str, keyword-only
    legend_collapsed : bool, keyword-only
        Start with the legend folded to its title (it is a ``<details>``).
    grouped : bool, keyword-only
        Add the legend row for grouped markers (:func:`group_incidents`).

    Returns
    -------
    folium.Map
        ``m``, for chaining.
    """
    if with_legend:
        m.add_child(legend(unreviewed=unreviewed, position=legend_position, collapsed=legend_collapsed,
                           grouped=grouped))
    folium.LayerControl(collapsed=collapsed).add_to(m)
    localize_assets(m)
    return m
