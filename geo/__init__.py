"""Incidents from the articles: sourced, dated, geocoded claims, grouped into events.

Pure Python over the curated gazetteer; no Streamlit. Subpackages, each with
what it may import in its docstring:

- :mod:`geo.records`     the records: articles, curated reports, events, control, layers, export
- :mod:`geo.extraction`  candidate reports from a new article (sentences, dates, tolls, rules)
- :mod:`geo.web`         the map, the click panel and the timeline as HTML
- :mod:`geo.cli`         ``python -m geo``

and two modules every part may import: :mod:`geo.exc` (errors) and
:mod:`geo.settings` (file locations, environment options).
"""

from __future__ import annotations

from geo.exc import CuratedDataError, GeoError, InputError

__all__ = ["CuratedDataError", "GeoError", "InputError"]
