"""The records of the atlas and the pure shaping of them.

``report`` (the typed :class:`~geo.records.report.Report`: one claim, placed
and sourced; its checks), ``articles`` (the seed catalog, article loading),
``incidents`` (curated reports, verified against their articles), ``events``
(the typed ``Event``: reports of one event, competing claims side by side),
``control`` (district control over time), ``layers`` (map layers as GeoJSON),
``export`` (GeoJSON, GeoParquet and CSV, written atomically), ``filters``
(the dashboard's frozen ``Filters`` and ``select``), ``vocab`` (every
vocabulary and its labels, once), ``standards`` (the ACLED and UCDP
mappings), ``synthetic`` (generated reports for benchmarks, never real data).

May import :mod:`gazetteer` and the standard library; never
:mod:`geo.extraction`, :mod:`geo.web`, :mod:`geo.cli` or Streamlit.
"""
