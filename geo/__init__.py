"""Incidents from the articles: sourced, dated, geocoded claims, grouped into events.

Pure Python over the curated gazetteer; no Streamlit. Modules:

- :mod:`geo.articles`  the seed catalog and article loading
- :mod:`geo.incidents` curated incident reports, verified against their articles
- :mod:`geo.events`    reports of one real-world event, competing claims side by side
- :mod:`geo.control`   district control over time from territory changes
- :mod:`geo.layers`    map layers as GeoDataFrames / GeoJSON
- :mod:`geo.export`    RFC 7946 GeoJSON and GeoParquet, written atomically
- :mod:`geo.extract`   candidate reports from a new article
"""

from __future__ import annotations

from .exc import CuratedDataError, GeoError, InputError

__all__ = ["CuratedDataError", "GeoError", "InputError"]
