"""The article id the store gives a text, computed before the store is asked (to skip stored articles).

The store's contract: ``"a-"`` + the first 16 hex digits of the SHA-256 of the
normalised text. Used only to avoid extracting again what a previous run stored;
the store's own :class:`~geo.store.AddResult` decides what is new.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise(text: str) -> str:
    """The text with Unicode normalised (NFC), white space collapsed and the ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id_for(text: str) -> str:
    """``"a-"`` + the first 16 hex digits of the SHA-256 of :func:`normalise` (text)."""
    return "a-" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]
