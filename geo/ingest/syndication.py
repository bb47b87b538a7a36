"""Wire copy syndicated by several outlets, grouped as one story: MinHash signatures, LSH, input order.

Run in the one writer process, article after article in input order, so the
groups never depend on the number of workers or on which finished first. An
article joins the story of the earliest earlier article whose signature LSH
finds similar (estimated Jaccard similarity of word shingles about
:data:`THRESHOLD` or more); otherwise it starts its own story, keyed by its
own article id.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from geo.ingest.work import NUM_PERM, SCHEME

#: Estimated Jaccard similarity of 5-word shingles from which two texts are one story. Syndicated copy
#: (the same wire story with another headline, a trimmed paragraph, a local lede) keeps well over half of
#: its shingles; two outlets' own stories of the same event share almost none.
THRESHOLD = 0.5


class Stories:
    """Story keys for articles given in input order (see the module docstring)."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._num_perm = num_perm
        self._order: dict[str, int] = {}  # article id -> position of its first appearance
        self._story: dict[str, str] = {}  # article id -> story key

    def __len__(self) -> int:
        return len(self._story)

    def add(self, article_id: str, signature: bytes) -> tuple[str, bool]:
        """The story key of the article and whether it joined an earlier article's story."""
        if article_id in self._story:  # the same text again: its story, not a new member
            return self._story[article_id], False
        m = MinHash(
            num_perm=self._num_perm, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(signature, dtype=np.uint64)
        )
        similar = self._lsh.query(m)
        if similar:
            first = min(similar, key=self._order.__getitem__)
            key, joined = self._story[first], True
        else:
            key, joined = article_id, False
        self._lsh.insert(article_id, m, check_duplication=False)
        self._order[article_id] = len(self._order)
        self._story[article_id] = key
        return key, joined
