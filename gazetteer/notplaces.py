"""Names that hold a place name but are no place: outlets, organisations, operations.

"The Euphrates Post" is a news network, "Euphrates Wrath" an operation, "Raqqa Is Being
Slaughtered Silently" a group of activists: a place mention inside one of them says
nothing about where an incident happened. The list is data
(``gazetteer/data/not_places.json``), each entry with its source; the gazetteer only
checks it (every id exists, and every place a reader of the name would see in it is
listed). Dropping such mentions is the extractor's job (``geo.extraction``), which reads
the list through :func:`load_not_places`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exc import DataError, Problem
from .files import read_json

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

#: The shipped list.
NOT_PLACES_PATH = Path(__file__).resolve().parent / "data" / "not_places.json"

#: What a name that is no place may be.
NOT_PLACE_KINDS: tuple[str, ...] = ("organisation", "operation", "outlet")

_WORD = re.compile(r"[^\s,;:()\"“”]+")
_MAX_RUN = 6  # no place name in the gazetteer is longer than six words


@dataclass(frozen=True)
class NotPlace:
    """A name that contains a place name but names an organisation, an operation or an outlet.

    Attributes
    ----------
    name : str
        The name as reporting writes it ("Euphrates Post").
    contains : tuple of str
        Gazetteer ids of the places named inside it (``euphrates``).
    kind : str
        One of :data:`NOT_PLACE_KINDS`.
    source : str
        Where the name is seen used for the organisation (outlet, URL).
    aliases : tuple of str
        Other spellings of the whole name ("Deir Ezzor 24").
    note : str
        When the name may still be a place (a unit and its base share a name).
    """

    name: str
    contains: tuple[str, ...]
    kind: str
    source: str
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by its aliases."""
        return (self.name, *self.aliases)


def parse_not_places(data: Any, *, source: str = "<not_places>") -> list[NotPlace]:
    """The entries of a not-places list, or one :class:`DataError` naming every problem.

    Expected: a JSON list of ``{"name", "contains", "kind", "source"}`` objects, with
    optional ``aliases`` (a list of strings) and ``note``.
    """
    if not isinstance(data, list) or not data:
        raise DataError(source, [Problem("<file>", "entries", "a non-empty JSON list of entries", type(data).__name__)])
    problems: list[Problem] = []
    out: list[NotPlace] = []
    seen: set[str] = set()
    for n, e in enumerate(data):
        name = e.get("name") if isinstance(e, dict) else None
        label: str = name if isinstance(name, str) and name.strip() else f"entry #{n}"
        before = len(problems)

        def add(fld: str, expected: str, found: Any, label: str = label) -> None:
            problems.append(Problem(label, fld, expected, repr(found)[:60]))

        if not isinstance(e, dict):
            add("entry", "an object with name, contains, kind, source", e)
            continue
        unknown = sorted(set(e) - {"name", "contains", "kind", "source", "aliases", "note"})
        if unknown:
            add("fields", "only name, contains, kind, source, aliases, note", unknown)
        if label.startswith("entry #"):
            add("name", "a non-empty string", e.get("name"))
        elif label.casefold() in seen:
            add("name", "a name listed once", label)
        contains = e.get("contains")
        if not isinstance(contains, list) or not contains or not all(isinstance(c, str) and c for c in contains):
            add("contains", "a non-empty list of gazetteer ids", contains)
        if e.get("kind") not in NOT_PLACE_KINDS:
            add("kind", f"one of {', '.join(NOT_PLACE_KINDS)}", e.get("kind"))
        if not isinstance(e.get("source"), str) or not e["source"].strip():
            add("source", "where the name is seen used (outlet, URL)", e.get("source"))
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            add("aliases", "a list of non-empty strings", aliases)
        note = e.get("note", "")
        if not isinstance(note, str):
            add("note", "a string", note)
        if len(problems) == before and isinstance(contains, list):
            seen.add(label.casefold())
            out.append(NotPlace(label, tuple(contains), e["kind"], e["source"], tuple(aliases), note))
    if problems:
        raise DataError(source, problems)
    return out


def places_named_in(text: str, gz: Gazetteer) -> frozenset[str]:
    """Ids of every place a run of ``text``'s words spells (each candidate of an ambiguous spelling).

    Deliberately independent of how :meth:`Gazetteer.mentions` reads a sentence: the
    question is what a reader of the bare name could take for a place.
    """
    words = _WORD.findall(text)
    found: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + _MAX_RUN) + 1):
            found.update(p.id for p in gz.candidates(" ".join(words[i:j]).strip(".'’")))
    return frozenset(found)


def check_not_places(entries: list[NotPlace], gz: Gazetteer) -> list[Problem]:
    """Each entry's ``contains`` lists exactly the places its names spell, and they exist."""
    problems: list[Problem] = []
    for e in entries:
        missing = [c for c in e.contains if c not in gz]
        if missing:
            problems.append(Problem(e.name, "contains", "ids of places in the gazetteer", ", ".join(missing)))
        named = set().union(*(places_named_in(n, gz) for n in e.names))
        if set(e.contains) - set(missing) != named:
            problems.append(
                Problem(
                    e.name,
                    "contains",
                    f"the places its names spell: {', '.join(sorted(named)) or 'none'}",
                    ", ".join(e.contains),
                )
            )
    return problems


def load_not_places(path: str | os.PathLike | None = None) -> tuple[NotPlace, ...]:
    """Read and check a not-places list (the shipped one by default) against the shipped gazetteer.

    Raises
    ------
    DataError
        Listing every problem in the file, or every id that does not fit the gazetteer.
    """
    return _load_cached(str(Path(path or NOT_PLACES_PATH).resolve()))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> tuple[NotPlace, ...]:
    from . import load

    entries = parse_not_places(read_json(path), source=path)
    problems = check_not_places(entries, load())
    if problems:
        raise DataError(path, problems)
    return tuple(entries)
