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
    * Need words are derived by :func:`need_words`, a small parser of the
      regex subset the rules use. Whatever it does not understand gives no
      need words: the regex then always runs, never a wrong skip.
    * Need words written by hand are checked against the pattern when it is
      built: each alternative the pattern can match must contain one of
      them, or :class:`IPattern` raises ``ValueError``.

Depends on the standard library and ``ahocorasick_rs`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

__all__ = [
    "lowered",
    "need_words",
    "may_match",
    "NeedIndex",
    "NEED_INDEX",
    "AnyOf",
    "IPattern",
    "CasePattern",
]

# ---------------------------------------------------------------------------
# lowering instead of re.I
#
# ``re.I`` compares every character through a case fold and disables the
# engine's literal prefix scan. Matching a lowercase pattern against
# ``s.lower()`` agrees with it on any text except the few characters that
# ``re.I`` folds onto an ASCII letter but ``str.lower()`` does not (long s,
# dotless i, Kelvin sign) or lowercases to two characters (dotted capital I):
# texts holding one of those use the ``re.I`` pattern itself. Offsets are the
# same in ``s`` and ``s.lower()``, so match text is sliced from ``s``.

_UNSAFE_FOLD = ("\u017f", "\u0131", "\u0130", "\u212a")
_last_lowered: tuple[str, str | None] = ("", "")


def lowered(s: str) -> str | None:
    """``s.lower()`` when matching it is equivalent to ``re.I`` matching ``s``, else None."""
    global _last_lowered
    c = _last_lowered
    if c[0] is s:  # the same sentence is asked about by pattern after pattern
        return c[1]
    low: str | None = s.lower()
    if not s.isascii() and (len(low) != len(s) or any(ch in s for ch in _UNSAFE_FOLD)):  # type: ignore[arg-type]
        low = None
    _last_lowered = (s, low)
    return low


def _lower_src(pattern: str) -> str:
    """A pattern's source with its literal letters lowercased (escapes and group names kept)."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # named group: "(?P<name>" / "(?P=name)"
            j = pattern.index(">" if pattern.startswith("(?P<", i) else ")", i)
            out.append(pattern[i:j + 1])
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

    def group(self, g: int | str = 0) -> str | None:
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

# ---------------------------------------------------------------------------
# need words: a parser of the regex subset the rules are written in
#
# Supported: literals and escaped punctuation; \xhh \uhhhh \Uhhhhhhhh \n \t
# \r \f \v \a; classes [...] with ranges, negation and \d \s \w (and their
# capitals); . ^ $ \b \B \A \Z; groups ( ), (?: ), (?P<name> ), (?> ),
# scoped flags (?aiLmsu-imsx: ); lookarounds (?= ), (?! ), (?<= ), (?<! );
# repeats ? * + {m} {m,} {,n} {m,n}, lazy or possessive; alternation.
# Anything else (verbose mode, global inline flags, backreferences,
# conditionals, comments, \N{...}, octal escapes, nested or set-operation
# classes) is _Unsupported, and the pattern gets no need words.


class _Unsupported(Exception):
    """Syntax outside the subset :func:`need_words` reads."""


@dataclass(frozen=True)
class _Lit:
    ch: str


@dataclass(frozen=True)
class _Class:
    """``[...]``, or ``\\d`` / ``\\s`` / ``\\w`` alone; items are ``("lit", c)``, ``("cat", x)``, ``("range", a, b)``."""

    items: tuple[tuple[str, ...], ...]
    negated: bool = False


@dataclass(frozen=True)
class _At:
    """A zero-width anchor: ``^ $ \\b \\B \\A \\Z``."""

    what: str


@dataclass(frozen=True)
class _AnyChar:
    pass


# Compound nodes compare by identity, as CPython's parse tree does when it
# looks for the common leading items of an alternation's branches.
@dataclass(eq=False)
class _Group:
    """Any group that is not a lookaround; ``plain`` for ``(?:...)`` (no capture, no flags)."""

    body: list[_Node]
    plain: bool = False


@dataclass(eq=False)
class _Look:
    body: list[_Node]


@dataclass(eq=False)
class _Repeat:
    low: int
    body: list[_Node]


@dataclass(eq=False)
class _Branch:
    alts: list[list[_Node]]
    sources: list[str] = field(default_factory=list)


_Node = Union[_Lit, _Class, _At, _AnyChar, _Group, _Look, _Repeat, _Branch]

_CATEGORIES = frozenset("dDsSwW")
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ANCHORS = frozenset("bBAZ")
_HEX = frozenset("0123456789abcdefABCDEF")
_BOUNDS = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_SCOPED_FLAGS = re.compile(r"([aiLmsu]*)(?:-([imsx]+))?:")  # "x" may be turned off, not on


class _Parser:
    """Recursive descent over one pattern (see the subset above)."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def take(self, s: str) -> bool:
        if self.p.startswith(s, self.i):
            self.i += len(s)
            return True
        return False

    def parse(self) -> list[_Node]:
        seq = self.alternation()
        if self.i != len(self.p):
            raise _Unsupported(f"unbalanced ')' at {self.i}")
        return seq

    def alternation(self) -> list[_Node]:
        alts = []
        sources = []
        while True:
            start = self.i
            alts.append(self.sequence())
            sources.append(self.p[start:self.i])
            if not self.take("|"):
                break
        return alts[0] if len(alts) == 1 else [_Branch(alts, sources)]

    def sequence(self) -> list[_Node]:
        seq: list[_Node] = []
        while self.i < len(self.p) and self.peek() not in "|)":
            c = self.peek()
            if c in "?*+" or (c == "{" and self.repeat_bounds(peek_only=True) is not None):
                self.repeat(seq)
                continue
            self.i += 1
            if c == "\\":
                node = self.escape(in_class=False)
                assert not isinstance(node, tuple)
                seq.append(node)
            elif c == "[":
                seq.append(self.char_class())
            elif c == "(":
                seq.append(self.group())
            elif c == ".":
                seq.append(_AnyChar())
            elif c in "^$":
                seq.append(_At(c))
            else:
                seq.append(_Lit(c))
        return seq

    def repeat_bounds(self, *, peek_only: bool = False) -> tuple[int, int | None] | None:
        """``{m,n}`` at the cursor as (m, n), None when it is a literal brace (as CPython reads it)."""
        m = _BOUNDS.match(self.p, self.i)
        if m is None or m.group(0) == "{}":
            return None
        if not peek_only:
            self.i = m.end()
        lo = int(m.group(1)) if m.group(1) else 0
        if m.group(2):
            return lo, int(m.group(3)) if m.group(3) else None
        return lo, lo

    def repeat(self, seq: list[_Node]) -> None:
        c = self.peek()
        if c == "{":
            bounds = self.repeat_bounds()
            assert bounds is not None
            low = bounds[0]
        else:
            self.i += 1
            low = 1 if c == "+" else 0
        if not seq or isinstance(seq[-1], (_At, _Repeat)):
            raise _Unsupported("nothing to repeat")
        if not self.take("?"):
            self.take("+")  # lazy or possessive: the same text is required
        seq[-1] = _Repeat(low, [seq[-1]])

    def group(self) -> _Node:
        look = plain = False
        if self.take("?"):
            if self.take(":"):
                plain = True
            elif self.take(">"):
                pass
            elif self.take("P<"):
                end = self.p.find(">", self.i)
                if end < 0 or not self.p[self.i:end].isidentifier():
                    raise _Unsupported("bad group name")
                self.i = end + 1
            elif self.take("=") or self.take("!") or self.take("<=") or self.take("<!"):
                look = True
            else:
                m = _SCOPED_FLAGS.match(self.p, self.i)
                if m is None or not (m.group(1) or m.group(2)):
                    raise _Unsupported(f"group syntax at {self.i}")  # global flags, (?P=, (?(, (?#
                self.i = m.end()
        body = self.alternation()
        if not self.take(")"):
            raise _Unsupported("missing ')'")
        return _Look(body) if look else _Group(body, plain)

    def escape(self, *, in_class: bool) -> _Node | tuple[str, ...]:
        """The escape after a backslash: a node, or in a class a class item."""
        c = self.peek()
        if not c:
            raise _Unsupported("trailing backslash")
        self.i += 1
        if c in _CATEGORIES:
            return ("cat", c) if in_class else _Class((("cat", c),))
        if c in _ANCHORS and not in_class:
            return _At(c)
        if c == "b":  # in a class: backspace
            ch = "\b"
        elif c in _CHAR_ESCAPES:
            ch = _CHAR_ESCAPES[c]
        elif c in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[c]
            digits = self.p[self.i:self.i + n]
            if len(digits) != n or not set(digits) <= _HEX:
                raise _Unsupported(f"bad \\{c} escape")
            self.i += n
            ch = chr(int(digits, 16))
        elif c.isascii() and c.isalnum():
            raise _Unsupported(f"escape \\{c}")  # backreferences, octal, \N{...}
        else:
            ch = c
        return ("lit", ch) if in_class else _Lit(ch)

    def class_item(self) -> tuple[str, ...]:
        c = self.peek()
        if not c:
            raise _Unsupported("unterminated class")
        self.i += 1
        if c == "\\":
            item = self.escape(in_class=True)
            assert isinstance(item, tuple)
            return item
        if c == "[" or (c in "-&~|" and self.peek() == c):
            raise _Unsupported("nested class or set operation")
        return ("lit", c)

    def char_class(self) -> _Node:
        negated = self.take("^")
        items: list[tuple[str, ...]] = []
        while True:
            if self.peek() == "]" and items:
                self.i += 1
                break
            first = self.class_item()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                last = self.class_item()
                if first[0] != "lit" or last[0] != "lit" or last[1] < first[1]:
                    raise _Unsupported("bad range")
                items.append(("range", first[1], last[1]))
            else:
                items.append(first)
        items = list(dict.fromkeys(items))
        if len(items) == 1 and items[0][0] == "lit" and not negated:
            return _Lit(items[0][1])  # [x] is x, as CPython reads it
        return _Class(tuple(items), negated)


def _parse(pattern: str, flags: int) -> list[_Node]:
    if flags & re.VERBOSE:
        raise _Unsupported("verbose mode")
    return _Parser(pattern).parse()


def _literal(node: _Node) -> str | None:
    """The lowercase character a node always matches (``a``, ``[Aa]``), or None."""
    if isinstance(node, _Lit):
        return node.ch.lower()
    if isinstance(node, _Class) and not node.negated and all(it[0] == "lit" for it in node.items):
        chars = {it[1].lower() for it in node.items}
        if len(chars) == 1:
            return chars.pop()
    return None


def _factor(alts: list[list[_Node]]) -> list[_Node]:
    """An alternation as CPython's parser builds it: the leading items every branch shares are
    moved in front of it, and branches of one character each become a class."""
    alts = [list(a) for a in alts]
    out: list[_Node] = []
    while all(alts) and all(a[0] == alts[0][0] for a in alts):
        out.append(alts[0][0])
        for a in alts:
            del a[0]
    if all(len(a) == 1 and (isinstance(a[0], _Lit) or (isinstance(a[0], _Class) and not a[0].negated)) for a in alts):
        items: list[tuple[str, ...]] = []
        for a in alts:
            node = a[0]
            items.extend([("lit", node.ch)] if isinstance(node, _Lit) else node.items)  # type: ignore[union-attr]
        out.append(_Class(tuple(dict.fromkeys(items))))
    else:
        out.append(_Branch(alts))
    return out


def _cpython_shape(seq: list[_Node]) -> list[_Node]:
    """``seq`` shaped as CPython's parser shapes it, so that the need words read off it are the
    ones CPython's own parse tree gives: alternations factored
    (:func:`_factor`), and plain ``(?:...)`` groups spliced into the sequence around them (a
    literal run then goes on through them: ``kill(?:ed)`` needs ``killed``)."""
    if len(seq) == 1 and isinstance(seq[0], _Branch):
        return _factor([_cpython_shape(a) for a in seq[0].alts])
    out: list[_Node] = []
    for node in seq:
        if isinstance(node, _Group):
            body = _cpython_shape(node.body)
            if node.plain:
                out.extend(body)
                continue
            node = _Group(body)
        elif isinstance(node, _Repeat):
            node = _Repeat(node.low, _cpython_shape(node.body))
        out.append(node)
    return out


def _node_need(node: _Node) -> set[str] | None:
    """What a group, an alternation or a repeat done at least once requires; None for the rest."""
    if isinstance(node, _Group):
        return _required(node.body)
    if isinstance(node, _Branch):
        alts = [_required(a) for a in node.alts]
        return None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[arg-type]
    if isinstance(node, _Repeat) and node.low >= 1:
        return _required(node.body)
    return None


def _required(seq: list[_Node]) -> set[str] | None:
    """Strings one of which every match of ``seq`` (CPython-shaped) contains, lowercased; None if none is known."""
    options: list[set[str]] = []
    run: list[str] = []
    for node in seq:
        ch = _literal(node)
        if ch is not None:
            run.append(ch)
            continue
        if isinstance(node, _At):
            continue  # zero-width: the literals either side are still adjacent in the text
        if run:
            options.append({"".join(run)})
            run = []
        need = _node_need(node)
        if need:
            options.append(need)
    if run:
        options.append({"".join(run)})
    if not options:
        return None
    # the most selective: longest shortest string, then fewest strings
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def need_words(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lowercase strings one of which every match of ``pattern`` contains.

    Empty when none can be read (syntax outside the subset included), or
    when one is shorter than three characters (too common to filter
    anything). A pre-filter only: ``w in s.lower()`` for no ``w`` proves
    the pattern cannot match ``s``, whatever its case flags.
    """
    try:
        need = _required(_cpython_shape(_parse(pattern, flags)))
    except _Unsupported:
        return ()
    if not need or min(map(len, need)) < 3 or len(need) > 48:
        return ()
    return tuple(sorted(need))


def _spliced(seq: list[_Node]) -> list[_Node]:
    """``seq`` with its plain ``(?:...)`` groups that hold no alternation written inline."""
    out: list[_Node] = []
    for node in seq:
        if isinstance(node, _Group) and node.plain and not (len(node.body) == 1 and isinstance(node.body[0], _Branch)):
            out.extend(_spliced(node.body))
        else:
            out.append(node)
    return out


def _always_contains(seq: list[_Node], words: Sequence[str]) -> bool:
    """Does every match of ``seq`` contain one of ``words`` (lowercase)?

    Conservative: a word is found in a run of literals, or required by a
    group, by every branch of an alternation, or by a repeat done at least once.
    """
    run: list[str] = []

    def in_run() -> bool:
        text = "".join(run)
        return any(w in text for w in words)

    for node in _spliced(seq):
        ch = _literal(node)
        if ch is not None:
            run.append(ch)
            continue
        if isinstance(node, _At):
            continue
        if in_run():
            return True
        run = []
        if isinstance(node, _Group) and _always_contains(node.body, words):
            return True
        if isinstance(node, _Branch) and all(_always_contains(a, words) for a in node.alts):
            return True
        if isinstance(node, _Repeat) and node.low >= 1 and _always_contains(node.body, words):
            return True
    return in_run()


def _uncovered(seq: list[_Node], words: Sequence[str]) -> str | None:
    """The source of an alternative in ``seq`` that can match without any of ``words``."""
    for node in seq:
        body = node.body if isinstance(node, _Group) or (isinstance(node, _Repeat) and node.low >= 1) else None
        if body is not None:
            found = _uncovered(body, words)
            if found is not None:
                return found
        if isinstance(node, _Branch):
            for alt, src in zip(node.alts, node.sources):
                if not _always_contains(alt, words):
                    return _uncovered(alt, words) or src
    return None


def _check_hand_need(pattern: str, flags: int, need: Sequence[str]) -> None:
    """Refuse need words written by hand that some match of ``pattern`` could lack."""
    bad = [w for w in need if not w or w != w.lower()]
    if bad:
        raise ValueError(f"need words must be non-empty and lowercase, got {bad!r} for {pattern!r}")
    try:
        tree = _parse(pattern, flags)
    except _Unsupported as e:
        raise ValueError(f"cannot check the need words {list(need)!r} of {pattern!r} ({e}): derive them instead") from None
    if not _always_contains(tree, need):
        missing = _uncovered(tree, need) or pattern
        raise ValueError(
            f"need words {list(need)!r} do not cover pattern {pattern!r}: "
            f"the alternative {missing!r} can match without any of them"
        )


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

    def __init__(self, pattern: str, flags: int = 0, *, need: Sequence[str] = (), index: NeedIndex = NEED_INDEX) -> None:
        self.pattern = pattern
        self._memo: tuple[str | None, AnyMatch | None] = (None, None)  # (sentence, search result): coders ask twice
        self.rx = re.compile(pattern, re.I | flags)
        self.lo = re.compile(_lower_src(pattern), flags)
        if need:
            _check_hand_need(pattern, re.I | flags, need)
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
            out.append(s[pos:m.start()])
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
            out.append(s[pos:m.start()])
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
