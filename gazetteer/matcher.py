"""Fast place-name matching over article text, with exact character offsets.

Strategy (measured in ``benchmarks/bench_mentions.py``): the text is folded to
lower case with every non-letter turned into a space, *without changing its
length*, so an offset in the folded text is an offset in the original. Each
known spelling is expanded into its variants and inserted into one
Aho-Corasick automaton as `` variant `` (space-delimited), so only whole-word
hits ever reach Python.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple
import ahocorasick

from .normalize import ARTICLES, fold_for_matching, surface_variants


def _ascii_table() -> bytes:
    table = bytearray(range(256))
    for b in range(256):
        c = chr(b)
        if b < 128:
            table[b] = ord(c.lower()) if c.isalnum() else ord(" ")
    return bytes(table)


_ASCII_TABLE = _ascii_table()
_ARABIC_FOLD = {ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا", ord("ة"): "ه", ord("ى"): "ي", ord("ؤ"): "و", ord("ئ"): "ي"}


class _FoldMap(dict):
    """``str.translate`` table built lazily: one character in, exactly one out."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        if code in _ARABIC_FOLD:
            out = _ARABIC_FOLD[code]
        elif c.isalnum():
            base = unicodedata.normalize("NFKD", c)[0].lower()
            out = base[0] if base and base[0].isalnum() else c.lower()[0]
        else:
            out = " "
        self[code] = out
        return out


_FOLD = _FoldMap()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")  # a letter or digit outside ASCII


def fold_text(text: str) -> str:
    """Fold ``text`` for matching, keeping its length (offsets stay valid)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    # one '?' per non-ASCII code point keeps the length; only runs holding letters
    # (Arabic, accented Latin) need the slow per-character fold
    base = text.encode("ascii", "replace").translate(_ASCII_TABLE).decode("ascii")
    if not _NON_ASCII_WORD.search(text):
        return base  # only curly quotes, dashes and the like: all spaces to the matcher
    pieces: list[str] = []
    last = 0
    for m in _NON_ASCII.finditer(text):
        run = m.group()
        f = run.translate(_FOLD)
        if not f.isspace():
            pieces.append(base[last : m.start()])
            pieces.append(f)
            last = m.end()
    if not pieces:
        return base
    pieces.append(base[last:])
    return "".join(pieces)


#: A whole-word match of a known spelling: ``(start, end, places)``, offsets into the text.
Hit = tuple


class Pattern(NamedTuple):
    """What the automaton stores for one folded spelling."""

    trigger: bool  # a word such as "district" that may follow an unknown place name
    places: tuple  # every place this spelling may be
    spelling: str  # the first spelling it came from
    case_sensitive: bool  # "US": only as written
    length: int  # of the stored key, leading space included
    multiword: bool
    countries: bool  # every candidate is a country (may stand for a state, not a place)
    op_prone: bool  # a river/region name that operations borrow


#: Words after which a capitalised name is a place we may not know ("the al-X district").
TRIGGERS = ("district", "districts", "neighbourhood", "neighborhood", "quarter", "suburb", "village of", "town of", "city of", "neighbourhood of", "neighborhood of", "district of", "suburb of", "area of")

_MODIFIER_AFTER = re.compile(r"^\.?\s?-\s?(?:led|backed|based|born|run|held|controlled|allied|supported|trained)\b", re.IGNORECASE)
#: A country name used for its people or state ("US and British troops", "the US government").
_ACTOR_AFTER = re.compile(
    r"^\.?(?:\s+and\s+[A-Z][a-z]+)?\s+(?:troops|forces|soldiers|military|government|officials?|army|air\s?force|"
    r"warplanes|jets|aircraft|president|administration|embassy|envoy|diplomats?|special\s+forces|commandos|advisers|advisors)\b"
)


class Matcher:
    """An Aho-Corasick automaton over every spelling of every place.

    Patterns are stored as `` variant`` (a leading space), so a hit always
    starts on a word boundary; the automaton's own longest-leftmost iteration
    (``iter_long``, in C) picks among overlapping spellings, and only the
    trailing boundary is checked in Python. Not storing the trailing space
    lets two names separated by one space both match.

    Parameters
    ----------
    names : iterable of (place, spelling)
        Every spelling to match, canonical names and aliases, Latin or Arabic.
        ``place`` is stored as given and handed back in each hit.
    """

    def __init__(self, names) -> None:
        self._auto = ahocorasick.Automaton()
        table: dict[str, tuple[dict, str, bool]] = {}
        for place, spelling in names:
            # short all-capital names ("US", "UK") only match as written, not as words ("us")
            cs = len(spelling) <= 3 and spelling.isupper()
            for v in surface_variants(spelling):
                if not v or (v in ARTICLES):
                    continue
                key = f" {v}"
                owners, first, was_cs = table.get(key, ({}, spelling, cs))
                owners[getattr(place, "id", place)] = place
                table[key] = (owners, first, was_cs and cs)
        for key, (owners, spelling, cs) in table.items():
            places = tuple(owners[k] for k in sorted(owners))
            countries = all(getattr(pl, "kind", None) == "country" for pl in places)
            # rivers and regions lend their names to operations ("Operation Euphrates Shield")
            op_prone = any(getattr(pl, "kind", None) in ("river", "region", "dam") for pl in places)
            self._auto.add_word(key, Pattern(False, places, spelling, cs, len(key), " " in key[1:], countries, op_prone))
        for t in TRIGGERS:
            key = f" {fold_for_matching(t)}"
            if key not in table:
                self._auto.add_word(key, Pattern(True, (), t, False, len(key), " " in key[1:], False, False))
        self._auto.make_automaton()
        self.size = len(table)

    def scan(self, text: str) -> tuple[list[Hit], list[tuple[int, int]]]:
        """Return whole-word hits (longest, leftmost, non-overlapping) and trigger positions.

        Each hit is ``(start, end, places)``; offsets are ``str`` indices into ``text``.
        """
        hits: list[Hit] = []
        triggers: list[tuple[int, int]] = []
        for start, end, pat in self.iter_hits(text):
            if pat.trigger:
                triggers.append((start, end))
            else:
                hits.append((start, end, pat.places))
        return hits, triggers

    def iter_hits(self, text: str):
        """Yield ``(start, end, pattern)`` for every whole-word hit, longest leftmost, triggers included.

        The fast path of :meth:`scan`, for callers that examine each hit once.
        """
        folded = " " + fold_text(text) + " "
        for last, payload in self._auto.iter_long(folded):
            if folded[last + 1] != " ":
                if not payload.multiword:
                    continue  # ran into a longer word ("Syrian", "use")
                found = self._shorter(folded, last - payload.length + 1, last)
                if found is None:
                    continue
                last, payload = found
            start = last - payload.length + 1
            if payload.case_sensitive and text[start:last] != payload.spelling and text[start:last] != fold_for_matching(payload.spelling).upper():
                continue
            yield start, last, payload

    def _shorter(self, folded: str, begin: int, last: int):
        """The longest pattern starting at ``begin`` that ends on a word boundary
        before ``last`` (the longest one ran into a longer word: "Raqqa citywide")."""
        best = None
        for end_idx, payload in self._auto.iter(folded, begin, last):
            if end_idx - payload[4] + 1 == begin and folded[end_idx + 1] == " ":
                if best is None or payload[4] > best[1][4]:
                    best = (end_idx, payload)
        return best


_ARTICLE_WORDS = frozenset({"al", "el", "ar", "as", "ash", "an", "at", "ad", "az", "a"})


def extend_article(text: str, start: int) -> int:
    """Move ``start`` left over an Arabic article written before the name (``Al-`` in ``Al-Meshleb``)."""
    sep = text[start - 1 : start]
    if sep == "-":
        j = start - 2
        while j >= 0 and start - 2 - j < 3 and text[j].isalpha():
            j -= 1
        word = text[j + 1 : start - 1]
        if word.lower() in _ARTICLE_WORDS and (j < 0 or not text[j].isalnum()):
            return j + 1
    elif sep == " " and text[start - 3 : start - 1] in ("Al", "al", "El", "el", "Ar") and (start < 4 or not text[start - 4].isalnum()):
        return start - 3
    return start


def is_modifier(text: str, end: int) -> bool:
    """True when the name is part of a compound modifier (``US-led``, ``Britain-based``): an actor, not a place."""
    if "-" not in text[end : end + 3]:
        return False
    return bool(_MODIFIER_AFTER.match(text[end : end + 14]))


def is_actor_use(text: str, end: int) -> bool:
    """True when a country's name stands for its state or troops (``US and British troops``), not for where something happened."""
    return bool(_ACTOR_AFTER.match(text[end : end + 40]))
