"""The store's errors, rooted in :mod:`geo.exc` and the built-ins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.exc import GeoError


class StoreError(GeoError):
    """Something the store cannot do: an unreachable database, a schema it does not know."""


class BadChange(StoreError, ValueError):
    """Bad input to the store: names the record, the field, what was expected and what was found.

    ``problems`` holds one line per problem, each ``record 'id': field: expected ..., found ...``.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class ConflictError(StoreError):
    """Somebody else changed the record first (optimistic locking): nothing was written.

    Carries both versions: ``expected_version`` (the one the change was made against, "yours")
    and ``stored_version`` with ``stored`` (the record as it is now in the store), and the
    ``changes`` that were not applied.
    """

    def __init__(
        self,
        report_id: str,
        *,
        expected_version: int,
        stored_version: int,
        stored: Mapping[str, Any] | None = None,
        changes: Mapping[str, Any] | None = None,
    ) -> None:
        self.report_id = report_id
        self.expected_version = expected_version
        self.stored_version = stored_version
        self.stored = dict(stored or {})
        self.changes = dict(changes or {})
        lines = [
            f"record {report_id!r}: version: expected {expected_version} (the version your change was made on), "
            f"found {stored_version} (somebody changed it since); nothing was written: reload it and redo the change"
        ]
        lines += [f"  {k}: yours {v!r}, stored {self.stored[k]!r}" for k, v in self.changes.items() if k in self.stored]
        super().__init__("\n".join(lines))
