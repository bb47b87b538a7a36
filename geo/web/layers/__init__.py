"""The map's layers, one module each: every builder takes GeoJSON dicts and returns a folium group.

``plain_basemap`` (countries, city, districts, river), ``control`` (who held
what), ``incidents``, ``advances`` (territory changes), ``uncertainty``
(rings), ``zones``, ``places`` (context dots), ``labels`` (place names).
Colours come from :mod:`geo.web.theme`, labels from :mod:`geo.records.vocab`,
and every piece of article text passes :func:`geo.web.escape.esc`.
"""
