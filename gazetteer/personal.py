"""Personal names of the region that are also place names: "Mansour" is a man, al-Mansour a Raqqa district.

A bare alias that is a common given name ("Mansour", "Karama", "Rawda") names a person
as often as a place in reporting ("Mansour, 34, said"), so the matcher keeps it only
with a place context (an attached article, a head such as "district", a cue such as
"the village of"); a name after a given name ("Khalid al-Mansour") is a person's
family name. The list is data (``gazetteer/data/personal_names.json``), each group
with its source; ``benchmarks/audit_names.py`` shows which place spellings it touches.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .exc import DataError, Problem
from .files import read_json
from .normalize import fold_for_matching, surface_variants

#: The shipped list.
PERSONAL_NAMES_PATH = Path(__file__).resolve().parent / "data" / "personal_names.json"

#: Spellings that are also English words (``benchmarks/audit_names.py`` finds them).
ENGLISH_WORDS_PATH = Path(__file__).resolve().parent / "data" / "english_words.json"

#: What an entry's names are: given names, or the particles of a nasab ("bin", "Abdul").
USES: tuple[str, ...] = ("given", "particle")


def parse_personal_names(data: Any, *, source: str = "<personal_names>") -> dict[str, frozenset[str]]:
    """``{use: names}`` of a personal-names list, or one :class:`DataError` naming every problem.

    Expected: a JSON list of ``{"use", "source", "names"}`` objects, ``use`` one of
    :data:`USES`, ``names`` a non-empty list of strings.
    """
    if not isinstance(data, list) or not data:
        raise DataError(source, [Problem("<file>", "entries", "a non-empty JSON list of entries", type(data).__name__)])
    problems: list[Problem] = []
    out: dict[str, set[str]] = {u: set() for u in USES}
    for n, e in enumerate(data):
        label = f"entry #{n}"
        if not isinstance(e, dict):
            problems.append(Problem(label, "entry", "an object with use, source, names", repr(e)[:60]))
            continue
        unknown = sorted(set(e) - {"use", "source", "names"})
        if unknown:
            problems.append(Problem(label, "fields", "only use, source, names", repr(unknown)[:60]))
        if e.get("use") not in USES:
            problems.append(Problem(label, "use", f"one of {', '.join(USES)}", repr(e.get("use"))[:60]))
        if not isinstance(e.get("source"), str) or not e["source"].strip():
            found = repr(e.get("source"))[:60]
            problems.append(Problem(label, "source", "where the names are documented (URL)", found))
        names = e.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(x, str) and x.strip() for x in names):
            problems.append(Problem(label, "names", "a non-empty list of non-empty strings", repr(names)[:60]))
        elif e.get("use") in USES:
            out[e["use"]].update(names)
    if problems:
        raise DataError(source, problems)
    return {u: frozenset(v) for u, v in out.items()}


@lru_cache(maxsize=4)
def _load_cached(path: str) -> dict[str, frozenset[str]]:
    return parse_personal_names(read_json(path), source=path)


def personal_names(path: str | os.PathLike | None = None) -> dict[str, frozenset[str]]:
    """The names of the list (the shipped one by default), as written, by use."""
    return _load_cached(str(Path(path or PERSONAL_NAMES_PATH).resolve()))


@lru_cache(maxsize=4)
def folded_given_names(path: str | None = None) -> frozenset[str]:
    """Every matcher spelling (:func:`surface_variants`) of every given name: "mansour", "mansur", ..."""
    names = personal_names(path)["given"]
    return frozenset(v for n in names for v in (fold_for_matching(n), *surface_variants(n)) if v)


@lru_cache(maxsize=4)
def folded_particles(path: str | None = None) -> frozenset[str]:
    """The nasab's particles, folded ("bin", "ibn", "abdul")."""
    return frozenset(fold_for_matching(n) for n in personal_names(path)["particle"])


def is_personal_key(key: str, *, path: str | None = None) -> bool:
    """True when every word of a folded spelling (its leading article dropped) is a given name or a
    nasab particle, one or two words: "mansour", "ghanim ali" (not "hisham bin abdul malik")."""
    given, particles = folded_given_names(path), folded_particles(path)
    words = key.split()
    while len(words) > 1 and words[0] in ("al", "el", "ar", "as", "ash", "an", "at", "ad", "az", "a"):
        words = words[1:]
    words = [w for w in words if w not in ("al", "el", "a")]  # "ghanim al ali": the internal article
    if len(words) > 2:
        # a whole nasab spelled out ("Hisham bin Abdul Malik") is a historical figure a place is
        # named after; copy names a living person by two names ("Ghanim Ali")
        return False
    return any(w in given for w in words) and all(w in given or w in particles for w in words)


#: Multiword spellings of ordinary English words that many cities have ("national hospital").
GENERIC_NAMES_PATH = Path(__file__).resolve().parent / "data" / "generic_names.json"


def _spelling_list(where: str, *, multiword: bool) -> frozenset[str]:
    """The ``spellings`` of a ``{"source", "spellings"}`` file, each folded; one :class:`DataError` if not."""
    data = read_json(where)
    problems: list[Problem] = []
    if not isinstance(data, dict) or set(data) != {"source", "spellings"}:
        raise DataError(where, [Problem("<file>", "fields", "an object with source and spellings", repr(data)[:60])])
    if not isinstance(data["source"], str) or not data["source"].strip():
        problems.append(Problem("<file>", "source", "where the word list comes from", repr(data["source"])[:60]))
    words = data["spellings"]
    if not isinstance(words, list) or not words:
        problems.append(Problem("<file>", "spellings", "a non-empty list", repr(words)[:60]))
        words = []
    shape = "words" if multiword else "one word"
    for i, w in enumerate(words):
        if not isinstance(w, str) or not w or fold_for_matching(w) != w or ((" " in w) != multiword):
            expected = f"{shape}, folded (lower case, single spaces)"
            problems.append(Problem(f"spelling #{i}", "spellings", expected, repr(w)[:60]))
    if problems:
        raise DataError(where, problems)
    return frozenset(words)


@lru_cache(maxsize=4)
def english_spellings(path: str | None = None) -> frozenset[str]:
    """Folded single-word place spellings that are English words: matched only when capitalised.

    Raises
    ------
    DataError
        When the file is not ``{"source": str, "spellings": [folded words]}``.
    """
    return _spelling_list(str(Path(path or ENGLISH_WORDS_PATH).resolve()), multiword=False)


@lru_cache(maxsize=4)
def generic_spellings(path: str | None = None) -> frozenset[str]:
    """Folded multiword spellings of ordinary English words ("national hospital"): the place only with
    its city named in the text.

    Raises
    ------
    DataError
        When the file is not ``{"source": str, "spellings": [folded phrases]}``.
    """
    return _spelling_list(str(Path(path or GENERIC_NAMES_PATH).resolve()), multiword=True)
