"""Fixtures of the store tests: a fresh store on each back end, and new articles with their candidates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
#: the test articles and the publication dates tests/data/articles/README.md gives them
PUBLISHED = {
    "t01_old_city_wall": dt.date(2017, 7, 4),
    "t02_sinaa_rumaila": dt.date(2017, 7, 3),
    "t03_hospital_stadium": dt.date(2017, 10, 17),
    "t04_nazlat_shahada": dt.date(2017, 8, 15),
}


@pytest.fixture()
def store(store_url, gz):
    """A fresh store (seeded with the curated records), on each back end; closed after the test."""
    from geo.store import open_store

    s = open_store(store_url, gz=gz)
    yield s
    s.close()


def new_article(name: str, gz, **kw):
    """A :class:`NewArticle` of a test article, its candidates extracted as ``geo add`` extracts them."""
    import gazetteer
    from geo.extraction.extract import extract_text
    from geo.records.report import Report
    from geo.store import NewArticle

    text = gazetteer.read_article(ARTICLES / f"{name}.txt")
    published = PUBLISHED[name]
    cands = extract_text(text, article_id=name, published=published, outlet=kw.get("outlet") or "Test outlet", gz=gz)
    return NewArticle(
        text=text,
        published=published,
        candidates=tuple(Report.from_dict(c, source=name) for c in cands),
        source=str(ARTICLES / f"{name}.txt"),
        **kw,
    )


@pytest.fixture()
def article_of(gz):
    """``article_of(name, **fields)``: :func:`new_article` with the shipped gazetteer."""
    return lambda name, **kw: new_article(name, gz, **kw)
