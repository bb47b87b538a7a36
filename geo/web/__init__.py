"""Web output: the folium map and its layers, the click panel, the timeline, the base map.

The map: ``webmap`` (the public entry point), ``mapframe``, ``layers/`` (one
module a layer), ``legend``, ``theme`` (colours), ``assets`` (offline Leaflet),
``elements`` (our branca elements), ``geojson``, ``validate``, ``resources``,
``mapview`` (the dashboard's map for a view), ``views`` (the quick views). The
rest: ``panel``, ``timeline``, ``html`` (the Jinja2 environment), ``escape``
(the one home of escaping), ``basemap``. HTML, CSS and JavaScript live as files
in ``templates/`` and ``static/``.

Builds HTML and map objects from plain records; every piece of article text is
escaped before it meets HTML.

May import :mod:`gazetteer`, :mod:`geo.records`, folium, branca, jinja2 and
markupsafe (public APIs); never :mod:`geo.extraction`, :mod:`geo.cli` or Streamlit.
"""
