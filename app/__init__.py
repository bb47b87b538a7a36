"""The dashboard's Streamlit-side pieces: what ``dashboard.py`` needs from Streamlit beyond its widgets.

Lives here: :mod:`app.map_component`, our own map component (a folium page in an
iframe that reports clicks on its features), and its front end under
``app/frontend/``.

Together with ``dashboard.py`` this is the only place that imports Streamlit.
May import :mod:`geo` and :mod:`gazetteer`; they never import it.
"""
