"""Exceptions raised by the gazetteer.

A small tree rooted in built-ins, as geopy's ``exc.py``: callers may catch
``ValueError``/``LookupError`` without importing us.
"""

from __future__ import annotations

from dataclasses import dataclass


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises."""


@dataclass(frozen=True)
class Problem:
    """One problem found in the gazetteer data.

    Attributes
    ----------
    place_id : str
        The record's id (or ``"<file>"`` for file-level problems).
    field : str
        The field at fault.
    expected : str
        What the field should hold.
    found : str
        What it holds (``repr`` of the value, shortened).
    """

    place_id: str
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.place_id}: {self.field}: expected {self.expected}, found {self.found}"


class DataError(GazetteerError, ValueError):
    """The gazetteer file is broken. Lists every problem at once.

    Parameters
    ----------
    source : str
        The file (or description) that was read.
    problems : list of Problem
        Every problem found, not only the first.
    """

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source}: {len(self.problems)} problem(s) in the gazetteer data:\n{lines}")


class ArticleError(GazetteerError, ValueError):
    """An article file cannot be read as text (missing, empty, binary, not UTF-8, too large)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class WriteError(GazetteerError, OSError):
    """An output file cannot be written (a directory, a special file, a read-only folder, a full disk)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class AmbiguousName(GazetteerError, LookupError):
    """A name matches more than one place and nothing says which.

    Attributes
    ----------
    name : str
        The name asked for.
    candidates : tuple of Place
        Every place the name may refer to.
    """

    def __init__(self, name: str, candidates: tuple) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        ids = ", ".join(p.id for p in self.candidates)
        super().__init__(f"{name!r} is ambiguous: it may be any of {ids}")
