"""Offline map assets: folium's CDN files mapped to the copies vendored under ``static/vendor/``.

folium loads Leaflet and friends from CDNs. :class:`OfflineMap` (what
:func:`geo.web.mapframe.base_map` returns) rewrites every element's
``default_js`` / ``default_css`` to the copies under ``/app/static/vendor/``
just before it renders, so layers added later are covered too;
:func:`localize_assets` does the same for any folium element. The files come
from ``npm ci --ignore-scripts && uv run python tools/vendor_assets.py``;
:func:`require_vendored_assets` says which one is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import folium

from geo.settings import STATIC_DIR

__all__ = [
    "CDN_TO_VENDOR",
    "SETUP_COMMAND",
    "VENDOR_URL_PREFIX",
    "MissingAssetError",
    "OfflineMap",
    "UnvendoredAssetError",
    "localize_assets",
    "missing_vendored_assets",
    "require_vendored_assets",
    "vendored_asset_urls",
]

#: URL prefix Streamlit serves ``static/vendor/`` under (enableStaticServing).
VENDOR_URL_PREFIX = "/app/static/vendor"

#: Command that (re)creates ``static/vendor/``.
SETUP_COMMAND = "npm ci --ignore-scripts && uv run python tools/vendor_assets.py"


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
    # branca offers no public walk over an element's children
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
                f"geo.web.assets.CDN_TO_VENDOR (or an already-local {VENDOR_URL_PREFIX}/... URL), "
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

    ``get_root().render()`` calls :meth:`render` before it reads the asset
    lists, so layers added after construction are covered.
    """

    # The atlas draws SVG paths and DivIcons only, so of folium's page assets it
    # needs Leaflet alone; jQuery, Bootstrap, Font Awesome and awesome-markers
    # were four scripts loaded one after another and four stylesheets, for
    # nothing (about 0.4 s of the map's load on a slow laptop). folium's full
    # lists come back when a layer uses folium.Icon, the one element that needs them.
    default_js = [(n, u) for n, u in folium.Map.default_js if n == "leaflet"]
    default_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as folium.Map.render
        if any(isinstance(el, folium.Icon) for el in _iter_elements(self)):
            self.default_js, self.default_css = list(folium.Map.default_js), list(folium.Map.default_css)
        localize_assets(self)
        super().render(**kwargs)

