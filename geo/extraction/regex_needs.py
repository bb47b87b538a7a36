"""Need words: the literal strings one of which every match of a regex must contain.

What it is for
    :mod:`geo.extraction.matching` spares a rule's regex on every text that
    holds none of its need words. This module reads them off the pattern,
    with its own small parser of the regex subset the rules are written in
    (Python's own parser is private). It also checks need words written by
    hand: each alternative the pattern can match must contain one of them.

Contract
    * :func:`need_words` is a pre-filter only, and safe: ``w in s.lower()``
      for no ``w`` proves the pattern cannot match ``s``, whatever its case
      flags. Syntax outside the subset gives no need words (the regex then
      always runs), never a guess.
    * The words are the ones CPython's own parse tree gives (the parser
      mirrors how that tree groups alternations; see :func:`_cpython_shape`).
    * :func:`check_need_words` raises ``ValueError`` naming the pattern and an
      alternative that could match without any of the words.

Depends on the standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["need_words", "check_need_words"]

# ---------------------------------------------------------------------------
# The subset read. Supported: literals and escaped punctuation; \xhh \uhhhh \Uhhhhhhhh \n \t
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
    """``[...]``, or ``\\d`` / ``\\s`` / ``\\w`` alone.

    Items are ``("lit", c)``, ``("cat", x)``, ``("range", a, b)``.
    """

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


_Node = _Lit | _Class | _At | _AnyChar | _Group | _Look | _Repeat | _Branch

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
            sources.append(self.p[start : self.i])
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
                if end < 0 or not self.p[self.i : end].isidentifier():
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
            digits = self.p[self.i : self.i + n]
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


def _plain_case(ch: str) -> bool:
    """Is ``ch`` ASCII or caseless? Only then is ``ch.lower()`` in the lowered text wherever ``re.I``
    matches it (``re.I`` also matches final sigma for sigma, the Kelvin sign for k: ``lower()`` does not)."""
    return ch.isascii() or ch.lower() == ch.upper()


def _literal(node: _Node) -> str | None:
    """The lowercase character a node always matches (``a``, ``[Aa]``), or None."""
    if isinstance(node, _Lit):
        return node.ch.lower() if _plain_case(node.ch) else None
    if (
        isinstance(node, _Class)
        and not node.negated
        and all(it[0] == "lit" and _plain_case(it[1]) for it in node.items)
    ):
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
            # branches built by _factor carry no sources (zip yields nothing), as before
            for alt, src in zip(node.alts, node.sources, strict=False):
                if not _always_contains(alt, words):
                    return _uncovered(alt, words) or src
    return None


def check_need_words(pattern: str, flags: int, need: Sequence[str]) -> None:
    """Refuse need words written by hand that some match of ``pattern`` could lack (``ValueError``)."""
    bad = [w for w in need if not w or w != w.lower()]
    if bad:
        raise ValueError(f"need words must be non-empty and lowercase, got {bad!r} for {pattern!r}")
    try:
        tree = _parse(pattern, flags)
    except _Unsupported as e:
        raise ValueError(
            f"cannot check the need words {list(need)!r} of {pattern!r} ({e}): derive them instead"
        ) from None
    if not _always_contains(tree, need):
        missing = _uncovered(tree, need) or pattern
        raise ValueError(
            f"need words {list(need)!r} do not cover pattern {pattern!r}: "
            f"the alternative {missing!r} can match without any of them"
        )
