"""The map itself: :func:`base_map` creates it (offline, no tiles by default), :func:`finish_map` finishes it.

Between the two the caller adds the layers of :mod:`geo.web.layers`;
:func:`finish_map` then adds the legend and the layer control.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
from folium.utilities import get_and_assert_figure_root

from geo.web.assets import OfflineMap, localize_assets
from geo.web.elements import Verbatim
from geo.web.legend import legend
from geo.web.resources import static_text
from geo.web.validate import check_latlon

__all__ = ["FIT_PADDING_PX", "MAX_ZOOM", "OSM_TILES", "base_map", "finish_map"]

#: Highest zoom level (MarkerCluster needs one when the map has no tiles).
MAX_ZOOM = 18
#: Screen margin (px) kept around fitted bounds: the zoom and layer controls, the scale and the
#: folded legend sit in the corners, over what the map would otherwise draw at its edge.
FIT_PADDING_PX = (44, 44)

#: OpenStreetMap's tile URL (``base_map(tiles=True)``; needs the network).
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


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
    lat, lon = check_latlon(center, "center")
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
        s, w = check_latlon(bounds[0], "bounds[0] (south, west)")
        n, e = check_latlon(bounds[1], "bounds[1] (north, east)")
        if s > n or w > e:
            raise ValueError(
                f"bounds: expected south <= north and west <= east, got {bounds!r}"
            )
        m.fit_bounds([[s, w], [n, e]], padding=FIT_PADDING_PX)
    css = Verbatim(f"<style>\n{static_text('map.css')}</style>")
    get_and_assert_figure_root(m).header.add_child(css, name="atlas_css")
    localize_assets(m)
    return m


def finish_map(m: folium.Map, *, with_legend: bool = True, collapsed: bool = False,
               unreviewed: bool = False, legend_position: str = "bottomright",
               legend_collapsed: bool = False, grouped: bool = False,
               approximate_m: tuple[float, float] | None = None, clustered: bool = False) -> folium.Map:
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
        Add the legend row for grouped markers (:func:`geo.web.layers.incidents.group_incidents`).
    approximate_m : (float, float), optional, keyword-only
        The smallest and largest uncertainty ring drawn (metres), for the legend.
    clustered : bool, keyword-only
        Add the legend row for stacks of reports (:func:`geo.web.layers.incidents.incident_cluster`).

    Returns
    -------
    folium.Map
        ``m``, for chaining.
    """
    if with_legend:
        m.add_child(legend(unreviewed=unreviewed, position=legend_position, collapsed=legend_collapsed,
                           grouped=grouped, approximate_m=approximate_m, clustered=clustered))
    folium.LayerControl(collapsed=collapsed).add_to(m)
    localize_assets(m)
    return m

