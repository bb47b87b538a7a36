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
from dataclasses import dataclass

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


def fold_text(text: str) -> str:
    """Fold ``text`` for matching, keeping its length (offsets stay valid)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Hit:
    """A whole-word match of a known spelling."""

    start: int
    end: int
    place_ids: tuple[str, ...]
    spelling: str
    case_sensitive: bool


#: Words after which a capitalised name is a place we may not know ("the al-X district").
TRIGGERS = ("district", "districts", "neighbourhood", "neighborhood", "quarter", "suburb", "village of", "town of", "city of", "neighbourhood of", "neighborhood of", "district of", "suburb of", "area of")

_ARTICLE_BEFORE = re.compile(r"(?:\b(?:al|el|ar|as|ash|an|at|ad|az|a)-|\b(?:[Aa]l|[Ee]l|Ar) )$")
_MODIFIER_AFTER = re.compile(r"^\.?\s?-\s?(?:led|backed|based|born|run|held|controlled|allied|supported|trained)\b", re.IGNORECASE)
#: A country name used for its people or state ("US and British troops", "the US government").
_ACTOR_AFTER = re.compile(
    r"^\.?(?:\s+and\s+[A-Z][a-z]+)?\s+(?:troops|forces|soldiers|military|government|officials?|army|air\s?force|"
    r"warplanes|jets|aircraft|president|administration|embassy|envoy|diplomats?|special\s+forces|commandos|advisers|advisors)\b"
)


class Matcher:
    """An Aho-Corasick automaton over every spelling of every place.

    Parameters
    ----------
    names : iterable of (place_id, spelling)
        Every spelling to match, canonical names and aliases, Latin or Arabic.
    """

    def __init__(self, names) -> None:
        self._auto = ahocorasick.Automaton()
        table: dict[str, tuple[set[str], str, bool]] = {}
        for pid, spelling in names:
            # short all-capital names ("US", "UK") only match as written, not as words ("us")
            cs = len(spelling) <= 3 and spelling.isupper()
            for v in surface_variants(spelling):
                if not v or (v in ARTICLES):
                    continue
                key = f" {v} "
                ids, first, was_cs = table.get(key, (set(), spelling, cs))
                ids.add(pid)
                table[key] = (ids, first, was_cs and cs)
        for key, (ids, spelling, cs) in table.items():
            self._auto.add_word(key, ("place", tuple(sorted(ids)), spelling, cs, len(key)))
        for t in TRIGGERS:
            key = f" {fold_for_matching(t)} "
            if key not in table:
                self._auto.add_word(key, ("trigger", (), t, False, len(key)))
        self._auto.make_automaton()
        self.size = len(table)

    def scan(self, text: str) -> tuple[list[Hit], list[tuple[int, int]]]:
        """Return whole-word hits (longest, leftmost, non-overlapping) and trigger positions.

        Offsets are ``str`` indices into ``text``.
        """
        folded = " " + fold_text(text) + " "
        raw: list[tuple[int, int, tuple]] = []
        triggers: list[tuple[int, int]] = []
        for end_idx, (what, ids, spelling, cs, n) in self._auto.iter(folded):
            # folded[end_idx] is the closing space; the word is folded[end_idx-n+2 : end_idx]
            start = end_idx - n + 1  # == index in text (folded has one leading pad char)
            stop = end_idx - 1
            if what == "trigger":
                triggers.append((start, stop))
            else:
                raw.append((start, stop, (ids, spelling, cs)))
        raw.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        hits: list[Hit] = []
        taken_until = -1
        for start, stop, (ids, spelling, cs) in raw:
            if start < taken_until:
                continue
            if cs and text[start:stop] != fold_for_matching(spelling).upper() and text[start:stop] != spelling:
                continue
            hits.append(Hit(start, stop, ids, spelling, cs))
            taken_until = stop
        return hits, triggers


def extend_article(text: str, start: int) -> int:
    """Move ``start`` left over an Arabic article written before the name (``Al-`` in ``Al-Meshleb``)."""
    m = _ARTICLE_BEFORE.search(text[max(0, start - 4) : start])
    return start - len(m.group(0)) if m else start


def is_modifier(text: str, end: int) -> bool:
    """True when the name is part of a compound modifier (``US-led``, ``Britain-based``): an actor, not a place."""
    return bool(_MODIFIER_AFTER.match(text[end : end + 14]))


def is_actor_use(text: str, end: int) -> bool:
    """True when a country's name stands for its state or troops (``US and British troops``), not for where something happened."""
    return bool(_ACTOR_AFTER.match(text[end : end + 40]))
