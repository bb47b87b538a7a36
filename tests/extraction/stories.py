"""Reading a short story written for a test: its reports, and the report of one of its sentences.

Imported by the table tests of real-reporting constructions (``test_realworld_*.py``).
"""

from __future__ import annotations

from typing import Any

import gazetteer
from geo.extraction.extract import extract_text


def reports(
    gz: gazetteer.Gazetteer, text: str, *, published: str, outlet: str = "AFP", article_id: str = "t"
) -> list[dict[str, Any]]:
    """The extractor's reports of ``text``, filed by ``outlet`` on ``published``."""
    return extract_text(text, article_id=article_id, published=published, outlet=outlet, gz=gz)


def report_at(rs: list[dict[str, Any]], text: str, sentence: str) -> dict[str, Any]:
    """The first report of ``sentence`` (a part of ``text``)."""
    start = text.index(sentence)
    hits = [r for r in rs if r["span_start"] <= start < r["span_end"]]
    assert hits, f"no report of {sentence!r}"
    return hits[0]
