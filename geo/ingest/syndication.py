"""Wire copy syndicated by several outlets, grouped as one story: MinHash signatures, LSH bands, input order.

Run in the one writer process, article after article in input order, so the
groups never depend on the number of workers or on which finished first. An
article joins the story of the earliest earlier article that shares an LSH band
with it (estimated Jaccard similarity of word shingles about :data:`THRESHOLD`
or more); otherwise it starts its own story, keyed by its own article id.

The bands of stored articles live in the store (``story_bands``, indexed), not
in the writer's memory: the writer keeps only the articles of the batch not yet
written, so its memory stays flat however large the corpus, and a later run's
copy of an earlier run's story joins it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from datasketch import MinHashLSH

from geo.ingest.work import NUM_PERM

#: Estimated Jaccard similarity of 5-word shingles from which two texts are one story. Syndicated copy
#: (the same wire story with another headline, a trimmed paragraph, a local lede) keeps well over half of
#: its shingles; two outlets' own stories of the same event share almost none.
THRESHOLD = 0.5


class BandIndex(Protocol):
    """Where the bands of written articles are looked up (the review store)."""

    def earliest_story(self, bands: Sequence[int]) -> str | None:
        """The story of the earliest written article sharing a band (``bands[i]`` is band ``i``'s bucket)."""
        ...


def band_params(*, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` datasketch's LSH chooses for ``threshold`` (the least false positives and negatives)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_buckets(signature: bytes, *, bands: int, rows: int) -> tuple[int, ...]:
    """One signed 64-bit bucket per band: a hash of the band's ``rows`` MinHash values."""
    values = np.frombuffer(signature, dtype=np.uint64)
    return tuple(
        int.from_bytes(hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest(),
                       "big", signed=True)
        for i in range(bands)
    )


class Stories:
    """Story keys for articles given in input order (see the module docstring).

    ``index``: the written articles' bands (the store); without one, every article is kept here
    (tests, benchmarks of the grouping alone). Call :meth:`written` once a batch is in the index.
    """

    def __init__(self, index: BandIndex | None = None, *, threshold: float = THRESHOLD,
                 num_perm: int = NUM_PERM) -> None:
        self._index = index
        self._bands, self._rows = band_params(threshold=threshold, num_perm=num_perm)
        self._bucket: dict[tuple[int, int], str] = {}  # (band, bucket) -> earliest unwritten article id
        self._story: dict[str, str] = {}  # unwritten article id -> story key
        self._order: dict[str, int] = {}  # unwritten article id -> its place in the input

    def __len__(self) -> int:
        """Articles held here (not yet written to the index)."""
        return len(self._story)

    def buckets(self, signature: bytes) -> tuple[int, ...]:
        """The article's bucket in each band, as the index stores them."""
        return band_buckets(signature, bands=self._bands, rows=self._rows)

    def add(self, article_id: str, signature: bytes) -> tuple[str, bool]:
        """The story key of the article and whether it joined an earlier article's story."""
        if article_id in self._story:  # the same text again: its story, not a new member
            return self._story[article_id], False
        buckets = self.buckets(signature)
        key = self._index.earliest_story(buckets) if self._index is not None else None
        if key is None:
            held = [self._bucket[b] for b in enumerate(buckets) if b in self._bucket]
            if held:
                key = self._story[min(held, key=self._order.__getitem__)]
        joined = key is not None
        key = key or article_id
        for b in enumerate(buckets):
            self._bucket.setdefault(b, article_id)
        self._story[article_id] = key
        self._order[article_id] = len(self._order)
        return key, joined

    def written(self) -> None:
        """The held articles are in the index now: forget them (memory stays flat)."""
        if self._index is not None:
            self._bucket.clear()
            self._story.clear()
            self._order.clear()
