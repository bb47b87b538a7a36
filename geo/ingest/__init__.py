"""Bulk ingest: folders of articles into the review store as candidates, on every core or a Dask cluster.

``sources`` walks the inputs (folders, text and HTML files, JSON Lines and CSV rows) in a fixed
order; ``work`` turns one input into an article with its candidate reports and its MinHash
signature (pure, run in worker processes); ``syndication`` groups wire copy by MinHash/LSH in
the one writer process; ``run`` drives the workers, writes the store in batches (one transaction
each) and counts the :class:`~geo.ingest.summary.Summary`.

May import :mod:`gazetteer`, :mod:`geo.records`, :mod:`geo.extraction`, :mod:`geo.store`,
``geo.settings`` and ``geo.exc``; never :mod:`geo.web`, :mod:`geo.cli` or Streamlit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.ingest.summary import Skipped, Summary

if TYPE_CHECKING:
    from geo.ingest.run import ingest

__all__ = ["ingest", "Summary", "Skipped"]


def __getattr__(name: str):
    # the run (and the store it needs) is imported on first use: a worker process needs only `work`
    if name == "ingest":
        from geo.ingest.run import ingest

        return ingest
    raise AttributeError(f"module 'geo.ingest' has no attribute {name!r}")
