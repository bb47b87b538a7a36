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
from typing import NamedTuple

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


# UTF-8 lead bytes of code points that may be letters or digits: everything
# non-ASCII but U+0080-U+00BF (C2), U+2000-U+2FFF (E2) and U+F000-U+FFFF (EF),
# the blocks of the no-break space, curly quotes, dashes and U+FFFD
_DELETE_SAFE_LEADS = bytes(b for b in range(256) if not (0xC3 <= b <= 0xE1 or 0xE3 <= b <= 0xEE or b >= 0xF0))
# the characters of those three blocks that news text uses, none a letter or
# digit: U+2000-U+203F (spaces, dashes, quotes); U+FFFD and the BOM; from
# U+0080-U+00BF the no-break space, soft hyphen, guillemets, degree, middle
# dot, copyright, registered, pound, section. Anything else takes the exact path.
_C2_SAFE = tuple(c.encode() for c in "\u00a0\u00ad\u00ab\u00bb\u00b0\u00b7\u00a9\u00ae\u00a3\u00a7")
assert not any(chr(c).isalnum() for c in range(0x2000, 0x2040))
assert not any(x.decode().isalnum() for x in _C2_SAFE)


def _letter_free(text: str) -> bool:
    """True when no non-ASCII character of ``text`` is a letter or digit (exact, fast).

    Counts bytes in C instead of testing characters one by one: a character is
    cleared only when its UTF-8 form proves it is punctuation or a space.
    """
    b = text.encode("utf-8", "surrogatepass")
    if b.translate(None, _DELETE_SAFE_LEADS):
        return False  # Latin letters with diacritics, Arabic, ...: fold them
    n = b.count(b"\xe2")
    if n and n != b.count(b"\xe2\x80"):
        return False  # U+2040-U+2FFF holds letter-like symbols
    n = b.count(b"\xef")
    if n and n != b.count(b"\xef\xbf\xbd") + b.count(b"\xef\xbb\xbf"):
        return False
    n = b.count(b"\xc2")
    return not n or n == sum(b.count(x) for x in _C2_SAFE)


def fold_text(text: str) -> str:
    """Fold ``text`` for matching, keeping its length (offsets stay valid)."""
    # one '?' (a space after the table) per non-ASCII code point keeps the length
    base = text.encode("ascii", "replace").translate(_ASCII_TABLE).decode("ascii")
    if text.isascii() or _letter_free(text):
        return base  # curly quotes, dashes and the like are all spaces to the matcher
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
    starts on a word boundary; the automaton's leftmost-longest matching
    (native code) picks among overlapping spellings, and only the trailing
    boundary is checked in Python. Not storing the trailing space lets two
    names separated by one space both match.

    Parameters
    ----------
    names : iterable of (place, spelling)
        Every spelling to match, canonical names and aliases, Latin or Arabic.
        ``place`` is stored as given and handed back in each hit.
    """

    def __init__(self, names) -> None:
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
        patterns: dict[str, Pattern] = {}
        for key, (owners, spelling, cs) in table.items():
            places = tuple(owners[k] for k in sorted(owners))
            countries = all(getattr(pl, "kind", None) == "country" for pl in places)
            # rivers and regions lend their names to operations ("Operation Euphrates Shield")
            op_prone = any(getattr(pl, "kind", None) in ("river", "region", "dam") for pl in places)
            patterns[key] = Pattern(False, places, spelling, cs, len(key), " " in key[1:], countries, op_prone)
        for t in TRIGGERS:
            key = f" {fold_for_matching(t)}"
            if key not in patterns:
                patterns[key] = Pattern(True, (), t, False, len(key), " " in key[1:], False, False)
        self._keys = list(patterns)
        self._payloads = [patterns[k] for k in self._keys]
        self._patterns = patterns
        self._auto = ahocorasick_rs.AhoCorasick(
            self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA,
        )
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
        payloads = self._payloads
        # (pattern index, start, end) in the folded text; its leading space
        # shifts offsets by one, so a key's start there is its text start
        for i, start, end in self._auto.find_matches_as_indexes(folded):
            payload = payloads[i]
            if folded[end] != " ":
                if not payload.multiword:
                    continue  # ran into a longer word ("Syrian", "use")
                found = self._shorter(folded, start, end)
                if found is None:
                    continue
                end, payload = found
            last = end - 1
            if payload.case_sensitive and text[start:last] != payload.spelling and text[start:last] != fold_for_matching(payload.spelling).upper():
                continue
            yield start, last, payload

    def _shorter(self, folded: str, begin: int, end: int):
        """The longest pattern starting at ``begin`` that ends on a word boundary
        before ``end`` (the longest one ran into a longer word: "Raqqa citywide")."""
        j = folded.rfind(" ", begin + 1, end)
        while j > begin:
            payload = self._patterns.get(folded[begin:j])
            if payload is not None:
                return j, payload
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
