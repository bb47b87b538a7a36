"""Fast place-name matching over article text, with exact character offsets.

Strategy (measured in ``benchmarks/bench_mentions.py``): the text is folded to
lower case with every non-letter turned into a space, *without changing its
length*, so an offset in the folded text is an offset in the original. Each
known spelling is expanded into its variants and compiled into one
Aho-Corasick DFA (``ahocorasick_rs``, Rust) as `` variant`` (a leading
space), so a hit always starts on a word boundary; leftmost-longest matching
runs in native code and only the trailing boundary is checked in Python.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Any, NamedTuple

import ahocorasick_rs

from .normalize import ARTICLES, fold_for_matching, surface_variants


def _ascii_table() -> bytes:
    table = bytearray(range(256))
    for b in range(256):
        c = chr(b)
        if b < 128:
            table[b] = ord(c.lower()) if c.isalnum() else ord(" ")
    return bytes(table)


_ASCII_TABLE = _ascii_table()
_ARABIC_FOLD = {
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ة"): "ه",
    ord("ى"): "ي",
    ord("ؤ"): "و",
    ord("ئ"): "ي",
}


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


def _foldable_class() -> re.Pattern[str]:
    """A regex for runs of non-ASCII characters that may fold to a letter.

    Built by exclusion: the non-ASCII characters below U+3000 that are not
    letters or digits (no-break space, curly quotes, dashes, U+FFFD...) fold
    to a space, as every non-ASCII character already does in the fast ASCII
    pass, so only the rest needs the per-character fold. The class is a
    speed-up, not a rule: a character it lets through is folded correctly.
    """
    spans: list[list[int]] = []
    for code in [*range(0x80, 0x3000), 0xFEFF, 0xFFFD]:
        if not chr(code).isalnum():
            if spans and spans[-1][1] == code - 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
    excluded = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)
    return re.compile(f"[^\\x00-\\x7f{excluded}]+")


_FOLDABLE = _foldable_class()


_ASCII_BYTES = bytes(range(128))


def _letter_free(text: str) -> bool:
    """True when no non-ASCII character of ``text`` is a letter or digit (exact).

    Only the non-ASCII characters are looked at one by one, once each: C
    deletes the ASCII bytes of the UTF-8 form, and what is left (a news
    story's curly quotes and dashes, a few dozen bytes) is decoded whole.
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return not any(c.isalnum() for c in set(rest.decode("utf-8", "surrogatepass")))


def fold_ascii(text: str) -> bytes | None:
    """`` `` + :func:`fold_text` + `` `` as ASCII bytes, or ``None`` when ``text``
    has a non-ASCII letter or digit (it then needs the per-character fold).

    Most news copy takes this path: the only non-ASCII characters in it are
    curly quotes, dashes and no-break spaces, all spaces to the matcher. One
    byte per character, so a byte offset is a character offset; the padding
    spaces put a word boundary before the first and after the last word.
    """
    if not (text.isascii() or _letter_free(text)):
        return None
    # one '?' (a space after the table) per non-ASCII code point keeps the length
    return b"".join((b" ", text.encode("ascii", "replace"), b" ")).translate(_ASCII_TABLE)


def fold_text(text: str) -> str:
    """Fold ``text`` for matching, keeping its length (offsets stay valid)."""
    fast = fold_ascii(text)
    if fast is not None:
        return fast[1:-1].decode("ascii")  # curly quotes, dashes and the like are all spaces to the matcher
    base = text.encode("ascii", "replace").translate(_ASCII_TABLE).decode("ascii")
    # runs holding letters (Arabic, accented Latin) get the slow per-character fold
    pieces: list[str] = []
    last = 0
    for m in _FOLDABLE.finditer(text):
        pieces.append(base[last : m.start()])
        pieces.append(m.group().translate(_FOLD))
        last = m.end()
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
    simple: bool  # one place, none of the flags above: the fast path of ``mentions``
    article: bool  # starts with an Arabic article ("al raqqa"): a longer name may start at the next word
    personal: bool = False  # a given name too ("mansour"): kept only with a place context
    capital: bool = False  # an English word too ("slug"): kept only when written with a capital


#: Words after which a capitalised name is a place we may not know ("the al-X district").
TRIGGERS = (
    "district",
    "districts",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "suburb",
    "village of",
    "town of",
    "city of",
    "neighbourhood of",
    "neighborhood of",
    "district of",
    "suburb of",
    "area of",
)

_MODIFIER_AFTER = re.compile(
    r"^\.?\s?-\s?(?:led|backed|based|born|run|held|controlled|allied|supported|trained)\b", re.IGNORECASE
)
#: A country name used for its people or state ("US and British troops", "the US government").
_ACTOR_AFTER = re.compile(
    r"^\.?(?:\s+and\s+[A-Z][a-z]+)?\s+(?:troops|forces|soldiers|military|government|officials?|army|air\s?force|"
    r"warplanes|jets|aircraft|president|administration|embassy|envoy|diplomats?|special\s+forces|commandos|advisers|advisors)\b"
)


_AUTOMATON: dict[str, Any] = {
    "matchkind": ahocorasick_rs.MatchKind.LeftmostLongest,
    "implementation": ahocorasick_rs.Implementation.DFA,
}


class Matcher:
    """An Aho-Corasick automaton over every spelling of every place.

    Patterns are stored as `` variant`` (a leading space), so a hit always
    starts on a word boundary; the automaton's leftmost-longest matching
    (native code) picks among overlapping spellings, and only the trailing
    boundary is checked in Python. Not storing the trailing space lets two
    names separated by one space both match.

    Parameters
    ----------
    names : iterable of (place, spelling)
        Every spelling to match, canonical names and aliases, Latin or Arabic.
        ``place`` is stored as given and handed back in each hit.
    personal : callable, keyword-only
        ``personal(key)`` is true for a folded spelling that is also a person's
        name ("mansour"): its hits are flagged (:attr:`Pattern.personal`).
    capitalised : collection of str, keyword-only
        Folded spellings that are English words too ("slug"): flagged
        :attr:`Pattern.capital`.
    """

    def __init__(self, names, *, personal=None, capitalised=frozenset()) -> None:
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
        # word-prefixes of the multiword keys: " raqqa" begins " raqqa sugar plant"; an article's
        # spelling (" al raqqa") needs the longer-name check only when its rest begins another key
        begins = {key[:i] for key in table for i in range(1, len(key)) if key[i] == " "}
        patterns: dict[str, Pattern] = {}
        for key, (owners, spelling, cs) in table.items():
            places = tuple(owners[k] for k in sorted(owners))
            countries = all(getattr(pl, "kind", None) == "country" for pl in places)
            # rivers and regions lend their names to operations ("Operation Euphrates Shield")
            op_prone = any(getattr(pl, "kind", None) in ("river", "region", "dam") for pl in places)
            first, _sp, rest = key[1:].partition(" ")
            article = first in ARTICLES and bool(rest) and f" {rest}" in begins
            is_personal = bool(personal is not None and personal(key[1:]))
            capital = key[1:] in capitalised
            simple = len(places) == 1 and not (cs or countries or op_prone or article or is_personal or capital)
            patterns[key] = Pattern(
                False,
                places,
                spelling,
                cs,
                len(key),
                " " in key[1:],
                countries,
                op_prone,
                simple,
                article,
                is_personal,
                capital,
            )
        for t in TRIGGERS:
            key = f" {fold_for_matching(t)}"
            if key not in patterns:
                patterns[key] = Pattern(True, (), t, False, len(key), " " in key[1:], False, False, False, False)
        self._keys = list(patterns)
        self._payloads = [patterns[k] for k in self._keys]
        self._patterns = patterns
        # the keys over bytes for text that folds to ASCII (nearly all news
        # copy): no UTF-8 offset mapping, and 1.3x faster in measurement;
        # Arabic keys cannot match ASCII, so they are left out. The str
        # automaton (:attr:`_auto`, 21 MB measured) is built on first need.
        ascii_keys = [i for i, k in enumerate(self._keys) if k.isascii()]
        self._bauto = ahocorasick_rs.BytesAhoCorasick([self._keys[i].encode("ascii") for i in ascii_keys], **_AUTOMATON)
        self._bpayloads = [self._payloads[i] for i in ascii_keys]
        self.size = len(table)
        self._longest = max(map(len, self._keys), default=0)

    @cached_property
    def _auto(self) -> ahocorasick_rs.AhoCorasick:
        """Every key, for text with non-ASCII letters (Arabic, accented Latin)."""
        return ahocorasick_rs.AhoCorasick(self._keys, **_AUTOMATON)

    def scan(self, text: str) -> tuple[list[Hit], list[tuple[int, int]]]:
        """Return whole-word hits (longest, leftmost, non-overlapping) and trigger positions.

        Each hit is ``(start, end, places)``; offsets are ``str`` indices into ``text``.
        """
        hits: list[Hit] = []
        triggers: list[tuple[int, int]] = []
        for start, end, pat in self.hits(text):
            if pat.trigger:
                triggers.append((start, end))
            else:
                hits.append((start, end, pat.places))
        return hits, triggers

    def iter_hits(self, text: str):
        """Yield ``(start, end, pattern)`` for every whole-word hit, longest leftmost, triggers included."""
        return iter(self.hits(text))

    def hits(self, text: str) -> list[tuple[int, int, Pattern]]:
        """``(start, end, pattern)`` of every whole-word hit, longest leftmost, triggers included."""
        found, payloads, folded, space = self.raw(text)
        out = []
        last = 0
        for i, start, end in found:
            if start < last:
                continue  # inside a hit that :meth:`settle` moved past the automaton's own
            payload = payloads[i]
            if folded[end] != space or payload.case_sensitive or payload.article:
                settled = self.settle(text, folded, start, end, payload)
                if settled is None:
                    continue
                start, end, payload = settled
            last = end
            out.append((start, end - 1, payload))
        return out

    def raw(self, text: str) -> tuple[list[tuple[int, int, int]], list[Pattern], str | bytes, str | int]:
        """The automaton's own hits, before the trailing-boundary check: the hot path's input.

        Returns ``(found, payloads, folded, space)``: ``found`` holds
        ``(pattern index, start, end)`` with offsets into ``folded`` (the text
        folded and padded with a space each side, so a key's start there is
        its start in the text); ``payloads[index]`` is the key's
        :class:`Pattern`; ``folded[end] == space`` when the hit ends on a word
        boundary. A hit that does not, or whose pattern is case-sensitive,
        goes through :meth:`settle`.
        """
        ascii_folded = fold_ascii(text)
        if ascii_folded is not None:
            return self._bauto.find_matches_as_indexes(ascii_folded), self._bpayloads, ascii_folded, 32
        folded = " " + fold_text(text) + " "
        return self._auto.find_matches_as_indexes(folded), self._payloads, folded, " "

    def settle(
        self, text: str, folded: str | bytes, start: int, end: int, payload: Pattern
    ) -> tuple[int, int, Pattern] | None:
        """``(start, end, pattern)`` of a raw hit past a word boundary or case-sensitive; ``None`` if it is no hit.

        A hit that ran into a longer word gives way to the longest spelling that
        ends on a word boundary: first one starting where it starts ("Raqqa" in
        "Raqqa citywide"), then one starting at a later word inside it
        ("al-Romaniyah": the article's spelling "al Romaniya" ran into the "h",
        and "Romaniyah" starts at the second word).
        """
        if payload.article and folded[end] in (" ", 32):
            # "al-Raqqa sugar plant": the article's spelling "al Raqqa" is the leftmost hit, but
            # "Raqqa sugar plant", starting at its second word, is the longer name
            w = folded.find(32 if isinstance(folded, bytes) else " ", start + 1, end)  # type: ignore[arg-type]
            longer = self._longest_at(folded, w)
            if longer is not None and longer[0] > end:
                start, (end, payload) = w, longer
        if folded[end] not in (" ", 32):
            shorter = self._shorter(folded, start, end) if payload.multiword else None
            if shorter is not None:
                end, payload = shorter
            else:
                inner = self._inner(folded, start, end)
                if inner is None:
                    return None  # ran into a longer word ("Syrian", "use")
                start, end, payload = inner
        if payload.case_sensitive:
            written = text[start : end - 1]
            if written != payload.spelling and written != fold_for_matching(payload.spelling).upper():
                return None
        return start, end, payload

    def _inner(self, folded: str | bytes, begin: int, end: int) -> tuple[int, int, Pattern] | None:
        """``(start, end, pattern)`` of the first later word inside a hit that ran into a longer word
        where a spelling starts and ends on a word boundary (the automaton, matching without
        overlaps, never looked there)."""
        sp: str | int = 32 if isinstance(folded, bytes) else " "
        w = folded.find(sp, begin + 1, end)  # type: ignore[arg-type]  # bytes with an int, str with a str
        while w != -1:
            found = self._longest_at(folded, w)
            if found is not None:
                return (w, *found)
            w = folded.find(sp, w + 1, end)  # type: ignore[arg-type]
        return None

    def _longest_at(self, folded: str | bytes, w: int) -> tuple[int, Pattern] | None:
        """``(end, pattern)`` of the longest spelling starting at ``w`` (a space) that ends on a word boundary."""
        if w < 0:
            return None
        binary = isinstance(folded, bytes)
        auto = self._bauto if binary else self._auto
        payloads = self._bpayloads if binary else self._payloads
        window = folded[w : w + self._longest + 1]
        for i, s, e in auto.find_matches_as_indexes(window):  # type: ignore[arg-type]
            if s != 0:
                return None
            pat = payloads[i]
            if e < len(window) and window[e] in (" ", 32):
                return w + e, pat
            if pat.multiword:
                shorter = self._shorter(window, 0, e)
                if shorter is not None:
                    return w + shorter[0], shorter[1]
            return None
        return None

    def _shorter(self, folded: str | bytes, begin: int, end: int) -> tuple[int, Pattern] | None:
        """The longest pattern starting at ``begin`` that ends on a word boundary
        before ``end`` (the longest one ran into a longer word: "Raqqa citywide")."""
        if isinstance(folded, bytes):
            folded = folded[begin:end].decode("ascii")
            end -= begin
            offset, begin = begin, 0
        else:
            offset = 0
        j = folded.rfind(" ", begin + 1, end)
        while j > begin:
            payload = self._patterns.get(folded[begin:j])
            if payload is not None:
                return j + offset, payload
            j = folded.rfind(" ", begin + 1, j)
        return None


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
    elif (
        sep == " "
        and text[start - 3 : start - 1] in ("Al", "al", "El", "el", "Ar")
        and (start < 4 or not text[start - 4].isalnum())
    ):
        return start - 3
    return start


def is_modifier(text: str, end: int) -> bool:
    """True when the name is part of a compound modifier (``US-led``, ``Britain-based``): an actor, not a place."""
    if "-" not in text[end : end + 3]:
        return False
    return bool(_MODIFIER_AFTER.match(text[end : end + 14]))


def is_actor_use(text: str, end: int) -> bool:
    """True when a country's name stands for its state or troops (``US and British troops``), not a place."""
    return bool(_ACTOR_AFTER.match(text[end : end + 40]))
