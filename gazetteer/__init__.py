"""The curated gazetteer of the Raqqa incident atlas.

Every place the reporting on the 2017 battle for Raqqa names, with every
spelling seen, its Arabic name, honest geometry and uncertainty, and a source
for each coordinate. Pure Python; no Streamlit.

>>> import gazetteer
>>> gazetteer.lookup("Al-Meshleb").id
'raqqa-mishlab'
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .exc import AmbiguousName, ArticleError, DataError, GazetteerError, Problem, WriteError
from .files import DEFAULT_PATH, decode_article, read_article, read_json
from .gazetteer import Gazetteer, Mention
from .normalize import name_key
from .place import KINDS, Place
from .validate import parse_places

__all__ = [
    "AmbiguousName",
    "ArticleError",
    "decode_article",
    "DataError",
    "DEFAULT_PATH",
    "Gazetteer",
    "GazetteerError",
    "KINDS",
    "Mention",
    "Place",
    "Problem",
    "load",
    "lookup",
    "mentions",
    "name_key",
    "read_article",
    "WriteError",
]


def load(path: str | os.PathLike | None = None) -> Gazetteer:
    """Load and validate a gazetteer file (the shipped one by default).

    Raises
    ------
    DataError
        Listing every problem in the file at once.
    """
    return _load_cached(str(Path(path or DEFAULT_PATH).resolve()))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    return Gazetteer(parse_places(read_json(path), source=path))


def lookup(name: str) -> Place | None:
    """Look a name up in the shipped gazetteer (see :meth:`Gazetteer.lookup`)."""
    return load().lookup(name)


def mentions(text: str, *, unresolved: bool = True) -> list[Mention]:
    """Place mentions in ``text`` using the shipped gazetteer (see :meth:`Gazetteer.mentions`)."""
    return load().mentions(text, unresolved=unresolved)
