"""Fast matching for the extraction rules: case-insensitive patterns behind a word pre-filter.

What it is for
    Every sentence of every article meets a few hundred rule patterns, and
    almost all of them cannot match it. This module wraps a pattern so that
    the cheap question comes first: does the sentence hold one of the words
    that every match of the pattern must contain (its *need words*)? One
    Aho-Corasick pass over the lowered sentence answers that for every
    pattern at once (:class:`NeedIndex`), and the regex runs only for the
    patterns that pass. Case-insensitive patterns also run on the lowered
    text without ``re.I``, which Python's engine matches ~3x slower. The
    measured effect is in the README's speed table and ``benchmarks/``.

Contract
    * :class:`IPattern` answers ``search`` / ``match`` / ``finditer`` /
      ``split`` / ``sub`` exactly as ``re.compile(pattern, re.I | flags)``
      does (same spans; groups are sliced from the original text);
      :class:`CasePattern` as ``re.compile(pattern, flags)``; :class:`AnyOf`
      as a ``re.I`` alternation of its words.
    * Need words are derived by :func:`geo.extraction.regex_needs.need_words`
      (a small parser of the regex subset the rules use). Whatever it does
      not understand gives no need words: the regex then always runs, never
      a wrong skip.
    * Need words written by hand are checked against the pattern when it is
      built: each alternative the pattern can match must contain one of
      them, or :class:`IPattern` raises ``ValueError``.

Depends on :mod:`geo.extraction.regex_needs`, the standard library and ``ahocorasick_rs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Union

from geo.extraction.regex_needs import check_need_words, need_words

__all__ = [
    "lowered",
    "may_match",
    "NeedIndex",
    "NEED_INDEX",
    "AnyOf",
    "IPattern",
    "CasePattern",
    "AnyPattern",
    "AnyMatch",
]

# ---------------------------------------------------------------------------
# lowering instead of re.I
#
# ``re.I`` compares every character through a case fold and disables the
# engine's literal prefix scan. Matching a lowercase pattern against
# ``s.lower()`` agrees with it on any text except one holding a character of a
# case class whose members lowercase differently -- ``re.I`` matches across
# the class, ``str.lower()`` does not: long s and s, dotless i and i, final
# and medial sigma, micro sign and mu, ...; or one lowercasing to two
# characters (dotted capital I). Such texts use the ``re.I`` pattern itself.
# The class below is every such character (recomputed over all code points
# by tests/extraction/test_matching.py). Offsets are the same in ``s`` and
# ``s.lower()``, so match text is sliced from ``s``.

_UNSAFE_FOLD = re.compile(
    "["
    "\u00b5\u0130\u0131\u017f\u0345\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1\u03a3\u03a6\u03b2"
    "\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1"
    "\u03f5\u0412\u0414\u041e\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442\u044a\u0462\u0463\u1c80"
    "\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u212a\ua64a\ua64b"
    "]"
)
_last_lowered: tuple[str, str | None] = ("", "")


def lowered(s: str) -> str | None:
    """``s.lower()`` when matching it is equivalent to ``re.I`` matching ``s``, else None."""
    global _last_lowered
    c = _last_lowered
    if c[0] is s:  # the same sentence is asked about by pattern after pattern
        return c[1]
    low: str | None = s.lower()
    if not s.isascii() and (len(low) != len(s) or _UNSAFE_FOLD.search(s)):  # type: ignore[arg-type]
        low = None
    _last_lowered = (s, low)
    return low


def _lower_src(pattern: str) -> str:
    """A pattern's source with its literal letters lowercased (escapes and group names kept)."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # named group: "(?P<name>" / "(?P=name)"
            j = pattern.index(">" if pattern.startswith("(?P<", i) else ")", i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        out.append(pattern[i].lower())
        i += 1
    return "".join(out)


class _Match:
    """A match on ``s.lower()`` whose groups are read from ``s``."""

    __slots__ = ("_m", "_s")

    def __init__(self, m: re.Match[str], s: str) -> None:
        self._m = m
        self._s = s

    # typed as typeshed types re.Match.group (``str | Any``): a group that took
    # no part gives None, which callers rule out from the pattern's shape
    def group(self, g: int | str = 0) -> str | Any:
        a, b = self._m.span(g)
        return None if a < 0 else self._s[a:b]

    def start(self, g: int | str = 0) -> int:
        return self._m.start(g)

    def end(self, g: int | str = 0) -> int:
        return self._m.end(g)

    def span(self, g: int | str = 0) -> tuple[int, int]:
        return self._m.span(g)

    def groupdict(self) -> dict[str, str | None]:
        return {k: self.group(k) for k in self._m.re.groupindex}


#: what the pattern classes' ``search`` / ``match`` give
AnyMatch = Union["re.Match[str]", _Match]


def may_match(need: Sequence[str], low: str) -> bool:
    """Is one of the strings every match contains in the lowered text? (a loop beats any() here)"""
    for w in need:
        if w in low:
            return True
    return False


# ---------------------------------------------------------------------------
# one pass for every pattern's pre-filter


class NeedIndex:
    """Which registered pre-filters a lowered text passes, all found in one pass.

    Each pattern with need words registers them and gets a slot. For a
    lowered sentence, one overlapping Aho-Corasick pass over every need word
    gives the set of slots with at least one of their words in the text:
    exactly the patterns for which :func:`may_match` is true, without one
    ``in`` scan per word per pattern (some needs have 40 words).
    :meth:`state` keeps, for the last few texts, the lowered text and that
    set: every pattern asks about the same sentence in turn, with the
    claimant phrases cut from it asked about in between, and the patterns
    read :attr:`states` directly (a dict lookup instead of two calls).
    """

    MEMO = 16

    def __init__(self) -> None:
        self.needs: list[tuple[str, ...]] = []
        #: (the Aho-Corasick automaton over every need word, the slots of each word); built on first use
        self.built: tuple[Any, list[tuple[int, ...]]] | None = None
        #: text -> (its lowering, or None when re.I must be used; the slots it passes)
        self.states: dict[str, tuple[str | None, frozenset[int] | set[int]]] = {}

    def register(self, need: tuple[str, ...]) -> int:
        """A slot for ``need``; the index is rebuilt on next use."""
        self.needs.append(need)
        self.built = None
        self.states.clear()  # the answers kept lack the new slot
        return len(self.needs) - 1

    def _build(self) -> tuple[Any, list[tuple[int, ...]]]:
        import ahocorasick_rs

        slots: dict[str, list[int]] = {}
        for slot, need in enumerate(self.needs):
            for w in need:
                slots.setdefault(w, []).append(slot)
        words = list(slots)
        self.built = (ahocorasick_rs.AhoCorasick(words), [tuple(slots[w]) for w in words])
        return self.built

    def passing(self, low: str) -> set[int]:
        """Slots whose need has a word in ``low`` (a lowered text)."""
        ac, slots_of = self.built or self._build()
        ok: set[int] = set()
        for wi in {m[0] for m in ac.find_matches_as_indexes(low, overlapping=True)}:
            ok.update(slots_of[wi])
        return ok

    def state(self, s: str) -> tuple[str | None, frozenset[int] | set[int]]:
        """``(s`` lowered or None, the slots it passes``)``, kept in :attr:`states`."""
        low = lowered(s)
        ok: frozenset[int] | set[int] = frozenset() if low is None else self.passing(low)
        st = (low, ok)
        if len(self.states) >= self.MEMO:
            self.states.clear()
        self.states[s] = st
        return st


#: the index every pattern of this module registers with
NEED_INDEX = NeedIndex()


class AnyOf:
    """Does a text hold any of these words, in any case? A test, not a match.

    One Aho-Corasick pass (``ahocorasick_rs``, native) over the lowered text:
    for a long list of bare words, several times faster than the regex
    alternation, which Python's engine tries word by word at each position.
    Texts whose lowering is not equivalent to ``re.I`` (see :func:`lowered`)
    are tested by the ``re.I`` alternation itself, so the answer is the same.
    """

    __slots__ = ("words", "rx", "_ac")

    def __init__(self, words: Iterable[str]) -> None:
        import ahocorasick_rs

        self.words = tuple(dict.fromkeys(words))
        bad = [w for w in self.words if not w or w != w.lower()]
        if bad:
            raise ValueError(f"AnyOf: expected non-empty lowercase words, got {bad!r}")
        self.rx = re.compile("|".join(map(re.escape, self.words)), re.I)
        self._ac = ahocorasick_rs.AhoCorasick(list(self.words))

    def __call__(self, s: str) -> bool:
        low = lowered(s)
        if low is None:
            return self.rx.search(s) is not None
        return bool(self._ac.find_matches_as_indexes(low))


#: texts up to this length are matched without the need index
_SHORT = 48


class IPattern:
    """A case-insensitive pattern (``re.I | flags``), matched on the lowered text behind its need words.

    ``need``, when given, are lowercase words one of which every match
    contains; they are checked against the pattern (``ValueError`` when an
    alternative could match without them). Otherwise they are derived by
    :func:`need_words`. ``index``: the need index the pattern registers
    with (the shared one, unless a caller wants its patterns kept apart).
    """

    __slots__ = ("rx", "lo", "pattern", "need", "_memo", "_slot", "_index")

    def __init__(
        self, pattern: str, flags: int = 0, *, need: Sequence[str] = (), index: NeedIndex = NEED_INDEX
    ) -> None:
        self.pattern = pattern
        self._memo: tuple[str | None, AnyMatch | None] = (None, None)  # (sentence, search result): coders ask twice
        self.rx = re.compile(pattern, re.I | flags)
        self.lo = re.compile(_lower_src(pattern), flags)
        if need:
            check_need_words(pattern, re.I | flags, need)
        self.need: tuple[str, ...] = tuple(need) or need_words(pattern, re.I | flags)
        self._index = index
        self._slot = index.register(self.need) if self.need else -1

    def search(self, s: str) -> AnyMatch | None:
        """``re.search`` with ``re.I``."""
        memo = self._memo
        if memo[0] is s:
            return memo[1]
        st = self._index.states.get(s)
        if st is None and len(s) <= _SHORT:
            # a short piece ("said on" before a date): the regex is cheaper
            # than a need pass, and keeping its state would evict a sentence's
            low = lowered(s)
            if low is None:
                return self.rx.search(s)
            m = self.lo.search(low)
            return None if m is None else _Match(m, s)
        low, ok = st or self._index.state(s)
        if low is None:
            return self.rx.search(s)
        if self._slot >= 0 and self._slot not in ok:
            self._memo = (s, None)
            return None
        m = self.lo.search(low)
        found = None if m is None else _Match(m, s)
        self._memo = (s, found)
        return found

    def match(self, s: str) -> AnyMatch | None:
        """``re.match`` with ``re.I``."""
        low = lowered(s)
        if low is None:
            return self.rx.match(s)
        m = self.lo.match(low)
        return None if m is None else _Match(m, s)

    def finditer(self, s: str) -> Iterator[AnyMatch]:
        """``re.finditer`` with ``re.I``."""
        # not a generator function: most calls are answered "nothing" by the
        # pre-filter, and a generator frame per call cost more than the answer
        low, ok = self._index.states.get(s) or self._index.state(s)
        if low is None:
            return self.rx.finditer(s)
        if self._slot >= 0 and self._slot not in ok:
            return iter(())
        return (_Match(m, s) for m in self.lo.finditer(low))

    def split(self, s: str, maxsplit: int = 0) -> list[str]:
        """``re.split`` with ``re.I``: pieces of the original string."""
        low = lowered(s)
        if low is None or self.lo.groups:
            return self.rx.split(s, maxsplit)
        out = []
        pos = 0
        for n, m in enumerate(self.lo.finditer(low)):
            if maxsplit and n >= maxsplit:
                break
            out.append(s[pos : m.start()])
            pos = m.end()
        out.append(s[pos:])
        return out

    def sub(self, repl: str, s: str) -> str:
        """``re.sub`` with ``re.I`` (fast for the empty replacement, the one the rules use)."""
        low = lowered(s)
        if low is None or repl:
            return self.rx.sub(repl, s)
        out = []
        pos = 0
        for m in self.lo.finditer(low):
            out.append(s[pos : m.start()])
            pos = m.end()
        out.append(s[pos:])
        return "".join(out)


class CasePattern:
    """A case-sensitive pattern behind the same need-word pre-filter as :class:`IPattern`.

    The need words are derived and looked for in the lowered text (a
    superset of where they occur in any case); matches are the pattern's own.
    """

    __slots__ = ("rx", "need", "pattern", "_slot", "_index")

    def __init__(self, pattern: str, flags: int = 0, *, index: NeedIndex = NEED_INDEX) -> None:
        self.rx = re.compile(pattern, flags)
        self.pattern = pattern
        self.need = need_words(pattern, flags)
        self._index = index
        self._slot = index.register(self.need) if self.need else -1

    def _excluded(self, s: str) -> bool:
        if self._slot < 0:
            return False
        low, ok = self._index.states.get(s) or self._index.state(s)
        return low is not None and self._slot not in ok

    def search(self, s: str) -> re.Match[str] | None:
        """``re.search``."""
        return None if self._excluded(s) else self.rx.search(s)

    def match(self, s: str) -> re.Match[str] | None:
        """``re.match``."""
        return None if self._excluded(s) else self.rx.match(s)

    def finditer(self, s: str) -> Iterator[re.Match[str]]:
        """``re.finditer``."""
        return iter(()) if self._excluded(s) else self.rx.finditer(s)


#: a compiled ``re`` pattern or one of the pattern classes above (they answer alike)
AnyPattern = Union["re.Pattern[str]", IPattern, CasePattern]
