"""The summary of an ingest run: what was read, added, recognised, grouped and skipped (and why)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not ingested: where it was read and why."""

    source: str
    reason: str


@dataclass(slots=True)
class Summary:
    """Counts of one run.

    Attributes
    ----------
    read : int
        Inputs read: files and rows, the skipped ones included.
    added : int
        Articles new to the store.
    duplicates : int
        Articles the store already held by URL or by text, found by the store in this run.
    already_stored : int
        Articles stored by an earlier (interrupted) run of the same inputs, not extracted again.
    syndicated : int
        Added articles that joined an earlier article's story (near-duplicate wire copy).
    stories : int
        Stories the added articles belong to.
    candidates : int
        Candidate reports stored with the added articles.
    skipped : list of Skipped
        Inputs not ingested, each with its reason.
    unresolved : Counter
        Place names of added candidates that the gazetteer did not resolve, with their counts.
    """

    read: int = 0
    added: int = 0
    duplicates: int = 0
    already_stored: int = 0
    syndicated: int = 0
    stories: int = 0
    candidates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    unresolved: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict:
        """Plain JSON-able data: counts, then skips in input order, then unresolved names by count."""
        return {
            "read": self.read,
            "added": self.added,
            "duplicates": self.duplicates,
            "already_stored": self.already_stored,
            "syndicated": self.syndicated,
            "stories": self.stories,
            "candidates": self.candidates,
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
            "unresolved": [{"name": n, "count": c} for n, c in self.unresolved_sorted()],
        }

    def unresolved_sorted(self) -> list[tuple[str, int]]:
        """Unresolved names, most frequent first, then by name."""
        return sorted(self.unresolved.items(), key=lambda kv: (-kv[1], kv[0]))

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def table(self, *, top: int = 20) -> str:
        """A short plain-text table for the terminal: the counts, every skip, the top unresolved names."""
        rows = [
            ("read", self.read),
            ("added", self.added),
            ("duplicates", self.duplicates),
            ("already stored", self.already_stored),
            ("syndicated", self.syndicated),
            ("stories", self.stories),
            ("candidates", self.candidates),
            ("skipped", len(self.skipped)),
        ]
        out = [f"{name:<15}{n:>9,}" for name, n in rows]
        if self.skipped:
            out.append("")
            out.append("skipped:")
            out.extend(f"  {s.source}: {s.reason}" for s in self.skipped)
        names = self.unresolved_sorted()
        if names:
            out.append("")
            more = f" (top {top} of {len(names)})" if len(names) > top else ""
            out.append(f"unresolved place names{more}:")
            out.extend(f"  {c:>6,}  {n}" for n, c in names[:top])
        return "\n".join(out) + "\n"
