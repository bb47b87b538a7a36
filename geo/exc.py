"""Exceptions of the incident pipeline, rooted in built-ins."""

from __future__ import annotations


class GeoError(Exception):
    """Base class of every error the incident pipeline raises."""


class InputError(GeoError, ValueError):
    """Bad input from a user: a file, a date, an option. The message names it."""


class CuratedDataError(GeoError, ValueError):
    """The curated incident file is broken. Lists every problem (file, record, field, expected, found).

    Parameters
    ----------
    source : str
        The file read.
    problems : list of str
        One line per problem, each naming the record and field.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source}: {len(self.problems)} problem(s) in the curated incidents:\n{body}")
