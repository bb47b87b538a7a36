"""The work on one article, run in a worker process: page → text, date, language, candidates, signature.

Pure and picklable both ways (an :class:`~geo.ingest.sources.Item` in, an
:class:`Outcome` out), so it runs the same inline, in a process pool or on a
Dask worker; the result depends on the item alone, never on which worker ran it.

* A saved page's article body and metadata (title, site name, date, canonical
  URL) are found by trafilatura's public ``bare_extraction``; a page whose body
  has fewer than :data:`MIN_BODY_WORDS` words has no article (a menu, a cookie
  banner) and is skipped, named.
* The publication date is the row's, else the page's (stated in its metadata or
  its URL: htmldate's extensive search, which guesses from any date in the text,
  is off), else the ``--published`` default; with none the article is skipped.
  Never guessed.
* Text that is not English is refused by :func:`geo.extraction.language.require_english`.
* An article the store already holds (same article id, i.e. the same normalised
  text) is not extracted again (a resumed run); its signature is still computed,
  because the syndication groups depend on every article in input order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import trafilatura
from datasketch import MinHash

import gazetteer
from geo.exc import InputError
from geo.extraction.extract import article_for, extract_records
from geo.extraction.language import NotEnglishError, require_english
from geo.ingest.sources import Item
from geo.records.articles import parse_date
from geo.records.report import Report
from geo.store.records import article_id_of

#: A page body with fewer words than this is not an article (menus, banners, a "page not found").
MIN_BODY_WORDS = 20
#: MinHash permutations. 64 (14 LSH bands of 4 rows at the 0.5 threshold) makes copies at a Jaccard
#: similarity of 0.7 candidates 98% of the time and unrelated texts at 0.2 2%; 128 would halve neither
#: error much but double the signature's cost and the LSH index's memory in the writer.
NUM_PERM = 64
#: datasketch's hashing scheme, named so that a signature is always read back with the scheme that made it.
SCHEME = "affine32"
#: Shingles are runs of this many words: long enough that two stories on the same day do not
#: share many by chance, short enough that a reworded lede leaves most of a wire story's intact.
SHINGLE_WORDS = 5
#: The claimant of unattributed sentences when no outlet is known (as ``python -m geo extract``).
UNKNOWN_OUTLET = "unknown outlet"

_WORD = re.compile(r"\w+")
# htmldate: dates stated in the page's metadata or URL only, never one guessed from the text
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one item: skipped with a reason, or an article with its candidates and signature."""

    source: str
    skip: str | None = None
    article_id: str | None = None
    text: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    known: bool = False
    candidates: tuple[Report, ...] = ()
    signature: bytes | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What every item's work needs besides the item: the default date and the ids the store holds."""

    published: dt.date | None = None
    known: frozenset[str] = frozenset()


def work_chunk(items: Iterable[Item], ctx: Context) -> list[Outcome]:
    """:func:`work_item` on each item, in order (one task of a pool or a cluster)."""
    gz = gazetteer.load()  # cached per process
    return [work_item(item, ctx, gz=gz) for item in items]


def work_item(item: Item, ctx: Context, *, gz: gazetteer.Gazetteer | None = None) -> Outcome:
    """The :class:`Outcome` of one item (never raises for bad input: the reason is in ``skip``)."""
    if item.error is not None:
        return Outcome(source=item.source, skip=item.error)
    text, title, outlet, url, byline, page_date = item.text, item.title, item.outlet, item.url, None, None
    if item.html is not None:
        doc = trafilatura.bare_extraction(
            item.html,
            url=item.url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
        body = getattr(doc, "text", None) if doc is not None else None
        if not body or len(_WORD.findall(body)) < MIN_BODY_WORDS:
            n = len(_WORD.findall(body or ""))
            return Outcome(
                source=item.source, skip=f"no article body in the page (found {n} words, expected {MIN_BODY_WORDS}+)"
            )
        text = body
        title = title or getattr(doc, "title", None) or None
        outlet = outlet or getattr(doc, "sitename", None) or None
        url = url or getattr(doc, "url", None) or None
        byline = getattr(doc, "author", None) or None
        page_date = getattr(doc, "date", None) or None
    assert text is not None
    try:
        published = _published(item.published, page_date, ctx.published)
    except InputError as e:
        return Outcome(source=item.source, skip=str(e))
    if published is None:
        return Outcome(
            source=item.source,
            skip="no publication date: none in the row or the page's metadata, and no --published given",
        )
    try:
        require_english(text, name="the article")
    except NotEnglishError as e:
        return Outcome(source=item.source, skip=str(e).removeprefix("the article: "))
    article_id = article_id_of(text)  # the id the store will give it
    common = {
        "source": item.source,
        "article_id": article_id,
        "published": published,
        "outlet": outlet,
        "url": url,
        "title": title,
        "byline": byline,
        "signature": signature(text),
    }
    if article_id in ctx.known:
        return Outcome(known=True, **common)  # type: ignore[arg-type]
    art = article_for(text, article_id, published, published, outlet=outlet or UNKNOWN_OUTLET, title=title,
                      file=item.source, note="given at ingest")
    reports = tuple(extract_records(text, article=art, gz=gz if gz is not None else gazetteer.load(), title=title))
    return Outcome(text=text, candidates=reports, **common)  # type: ignore[arg-type]


def _published(row: str | None, page: str | None, default: dt.date | None) -> dt.date | None:
    """The publication day: the row's, else the page's, else ``default``; a bad row value is an error."""
    if row is not None:
        return _day(row, what="published date")
    if page is not None:
        return _day(page, what="page's publication date")
    return default


def _day(value: str, *, what: str) -> dt.date:
    """A ``YYYY-MM-DD`` day, or the day of an ISO timestamp (as written, its time zone not applied)."""
    v = value.strip()
    if len(v) > 10 and v[10] in "T ":
        try:
            v = dt.datetime.fromisoformat(v).date().isoformat()
        except ValueError:
            raise InputError(f"bad {what} {value!r}: expected YYYY-MM-DD, e.g. 2017-06-07") from None
    return parse_date(v, what=what)


def shingles(text: str) -> list[bytes]:
    """The text's runs of :data:`SHINGLE_WORDS` words, case-folded (the whole text when shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)]


def signature(text: str) -> bytes:
    """The MinHash signature of the text's shingles (:data:`NUM_PERM` unsigned 64-bit values, fixed seed)."""
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(shingles(text))
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def unresolved_names(reports: Iterable[Report]) -> list[str]:
    """The place names, as written, of reports whose place is not resolved (no point)."""
    return [r.place_text or r.place_name or "" for r in reports if r.lat is None and (r.place_text or r.place_name)]
