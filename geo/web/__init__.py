"""Web output: the folium map and its layers, the click panel, the timeline, the base map.

Builds HTML and map objects from plain records; every piece of article text is
escaped before it meets HTML.

May import :mod:`gazetteer`, :mod:`geo.records`, folium and branca; never
:mod:`geo.extraction`, :mod:`geo.cli` or Streamlit.
"""
