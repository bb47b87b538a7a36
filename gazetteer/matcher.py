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
_NON_ASCII_CHAR = re.compile(r"[^\x00-\x7f]")


def fold_text(text: str) -> str:
    """Fold ``text`` for matching, keeping its length (offsets stay valid)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    # one '?' per non-ASCII code point keeps the length; only runs holding letters
    # (Arabic, accented Latin) need the slow per-character fold
    base = text.encode("ascii", "replace").translate(_ASCII_TABLE).decode("ascii")
    if not any(c.isalnum() for c in set(_NON_ASCII_CHAR.findall(text))):
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


#: A whole-word match of a known spelling: ``text[start:end]`` and the places it may be.
Hit = tuple  # (start, end, places)


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

    Parameters
    ----------
    names : iterable of (place, spelling)
        Every spelling to match, canonical names and aliases, Latin or Arabic.
        ``place`` is stored as given and handed back in each :class:`Hit`.
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
                key = f" {v} "
                owners, first, was_cs = table.get(key, ({}, spelling, cs))
                owners[getattr(place, "id", place)] = place
                table[key] = (owners, first, was_cs and cs)
        for key, (owners, spelling, cs) in table.items():
            places = tuple(owners[k] for k in sorted(owners))
            self._auto.add_word(key, (False, places, spelling, cs, len(key)))
        for t in TRIGGERS:
            key = f" {fold_for_matching(t)} "
            if key not in table:
                self._auto.add_word(key, (True, (), t, False, len(key)))
        self._auto.make_automaton()
        self.size = len(table)
        self._case_sensitive = any(cs for _, _, cs in table.values())

    def scan(self, text: str) -> tuple[list[Hit], list[tuple[int, int]]]:
        """Return whole-word hits (longest, leftmost, non-overlapping) and trigger positions.

        Each hit is ``(start, end, places)``; offsets are ``str`` indices into ``text``.
        """
        folded = " " + fold_text(text) + " "
        raw: list[tuple[int, int, tuple]] = []
        triggers: list[tuple[int, int]] = []
        overlap = False
        last_end = -1
        for end_idx, payload in self._auto.iter(folded):
            # folded[end_idx] is the closing space; in ``text`` the word spans
            # [end_idx - n + 1, end_idx - 1) because folded has one leading pad char
            n = payload[4]
            if payload[0]:
                triggers.append((end_idx - n + 1, end_idx - 1))
            else:
                start = end_idx - n + 1
                overlap = overlap or start < last_end
                last_end = end_idx - 1
                raw.append((start, last_end, payload))
        if not overlap and not self._case_sensitive:
            return [(s, e, pl[1]) for s, e, pl in raw], triggers
        if overlap:  # hits arrive ordered by end; only overlapping ones need longest-leftmost ordering
            raw.sort(key=lambda h: (h[0], h[0] - h[1]))
        hits: list[Hit] = []
        taken_until = -1
        for start, stop, payload in raw:
            if start < taken_until:
                continue
            if payload[3]:
                spelling = payload[2]
                written = text[start:stop]
                if written != spelling and written != fold_for_matching(spelling).upper():
                    continue
            hits.append((start, stop, payload[1]))
            taken_until = stop
        return hits, triggers


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
