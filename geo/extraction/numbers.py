"""Casualty figures in news sentences.

Turns expressions such as "at least 21 civilians were killed", "more than 10
people were killed and dozens injured" or "between 15 and 18" into
``(low, best, high)`` bounds, following the curated schema
(``geo/data/README.md``):

* an exact figure ("33 people were killed") gives ``low == best == high``;
* "at least 21" gives ``low=21`` only; "more than 10" gives ``low=11``;
* "up to 20" / "as many as 20" give ``high=20``; "fewer than 20" ``high=19``;
* "about 20" / "some 20" / "an estimated 20" give ``best=20`` only;
* "between 15 and 18", "15 to 18", "15-18", "two or three" give ``low``/``high``;
* vague plurals are lower bounds: "dozens" 24, "scores" 40, "hundreds" 200,
  "thousands" 2000, "tens of thousands" 20000.

Counts of other things ("over two dozen strikes", "two kilometers") are never
casualties, and numbers inside an "including ..." clause ("eight civilians,
including three children") are subsets, not additional victims. Counts of
people who are trapped, remain, fled or were displaced ("160,000 people remain
in the city") are returned separately as ``affected``.

Its functions are pure: no I/O, no state. From other ``geo`` modules it imports
only the casualty words of :mod:`geo.extraction.rules` (``casualties.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.extraction import rules

__all__ = [
    "Amount",
    "Quantity",
    "Casualties",
    "parse_number",
    "parse_amount",
    "quantities",
    "casualties",
]

# ---------------------------------------------------------------------------
# vocabulary

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_DOZEN = {"dozen": 12, "score": 20}
# vague plurals -> lower bound when standing alone; the multiplier when it
# modifies a larger quantity ("tens of thousands" -> 10 * 2 * 1000 = 20000).
_VAGUE_PLURALS = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2_000_000,
    "tens": 20,
}
_VAGUE_BASE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000, "tens": 10}
# "several", "a few" before a scale word: lower-bound multipliers
_FEW = {"several": 3, "few": 2, "a few": 2, "a couple of": 2, "couple of": 2}

_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | set(_DOZEN) | set(_VAGUE_PLURALS)

_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}

# casualties.toml: people, things, and the words of death, injury and being affected
_PERSON_NOUNS = frozenset(rules.casualty_words().person_nouns.words)
_UNIT_NOUNS = frozenset(rules.casualty_words().unit_nouns.words)
_DEATH_WORDS = frozenset(rules.casualty_words().death_words.words)
_INJURY_WORDS = frozenset(rules.casualty_words().injury_words.words)
_AFFECTED_WORDS = frozenset(rules.casualty_words().affected_words.words)
# verbs that take the victim as object right after them ("killed 8")
_ACTIVE_DEATH = {"killed", "kill", "kills", "killing", "executed", "massacred"}
_ACTIVE_INJURY = {"injured", "injure", "injures", "injuring", "wounded", "wound", "wounds", "wounding"}
# death words that need a passive/copula before them to apply to a preceding
# subject ("One of the strikes killed eight" -> "One" is not a victim)
_TRANSITIVE = _ACTIVE_DEATH | _ACTIVE_INJURY | {"hurt"}
_BE = {"were", "was", "been", "are", "is", "be", "being", "got", "get", "reportedly"}
# fillers allowed between a noun keyword and its number ("death toll rose to 30")
_TOLL_FILLERS = {
    "to",
    "of",
    "at",
    "reached",
    "rose",
    "risen",
    "climbed",
    "has",
    "had",
    "have",
    "now",
    "stood",
    "stands",
    "is",
    "was",
    "the",
    "climbing",
    "rising",
    "jumped",
    "increased",
    "lives",
    "claimed",
    # "the toll may be more than 200", "could even reach 300"
    "may",
    "might",
    "could",
    "be",
    "possibly",
    "even",
    "reach",
}
_SUBSET_CUES = {"including", "includes", "include", "among", "whom", "them"}
_STOP_NOUN_SCAN = {
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "in",
    "on",
    "at",
    "of",
    "and",
    "or",
    "who",
    "which",
    "that",
    "from",
    "by",
    "to",
    "with",
    "as",
    "for",
    "into",
    "after",
    "before",
    "during",
    "when",
    "while",
    "but",
    "the",
    "a",
    "an",
    "said",
    "says",
    "still",
    "also",
    "reportedly",
    "allegedly",
    "mostly",
    "mainly",
    "all",
    "near",
    "inside",
    "across",
}

_QUAL_LOW_EXCL = ("more than", "over", "upwards of", "in excess of", "above")
_QUAL_LOW_INCL = (
    "at least",
    "a minimum of",
    "no fewer than",
    "no less than",
    "not less than",
    "not fewer than",
    "a total of at least",
)
_QUAL_HIGH_EXCL = ("fewer than", "less than", "under", "below")
_QUAL_HIGH_INCL = ("up to", "as many as", "at most", "no more than", "not more than", "a maximum of", "as high as")
_QUAL_NEAR = ("nearly", "almost", "close to", "just under")
_QUAL_APPROX = (
    "about",
    "around",
    "some",
    "roughly",
    "approximately",
    "an estimated",
    "estimated",
    "approx.",
    "approx",
    "an approximate",
    "circa",
    "perhaps",
    "possibly",
    "maybe",
    "a reported",
)
_QUALIFIERS = sorted(
    [(q, "low_excl") for q in _QUAL_LOW_EXCL]
    + [(q, "low_incl") for q in _QUAL_LOW_INCL]
    + [(q, "high_excl") for q in _QUAL_HIGH_EXCL]
    + [(q, "high_incl") for q in _QUAL_HIGH_INCL]
    + [(q, "near") for q in _QUAL_NEAR]
    + [(q, "approx") for q in _QUAL_APPROX],
    key=lambda x: -len(x[0].split()),
)
# the same, indexed by first word (longest first within each), so that the scan
# over a sentence's tokens does not try every qualifier at every token
_QUALIFIERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _q, _kind in _QUALIFIERS:
    _QUALIFIERS_BY_FIRST.setdefault(_q.split()[0], []).append((tuple(_q.split()), _kind))

# ---------------------------------------------------------------------------
# data classes


@dataclass(frozen=True)
class Amount:
    """Bounds of one quantity.

    Attributes
    ----------
    low, best, high : int or None
        Lower bound, best estimate and upper bound; ``None`` when the text
        gives none. An exact figure sets all three.
    """

    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def is_empty(self) -> bool:
        """True when no bound is known."""
        return self.low is None and self.best is None and self.high is None


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a sentence, with its role.

    Attributes
    ----------
    amount : Amount
        The bounds.
    start, end : int
        Character span of the quantity (qualifiers included) in the sentence.
    text : str
        ``sentence[start:end]``.
    noun : str or None
        The noun group counted ("civilians", "pro-regime troops",
        "US-led coalition strikes"), as written; ``None`` when absent.
    role : str
        ``"deaths"``, ``"injured"``, ``"affected"`` (trapped, remaining,
        displaced...), ``"subset"`` (inside an "including ..." clause) or
        ``"other"`` (counts of strikes, distances, anything else).
    """

    amount: Amount
    start: int
    end: int
    text: str
    noun: str | None
    role: str


@dataclass(frozen=True)
class Casualties:
    """Casualty figures of one sentence.

    The ``deaths_*`` / ``injured_*`` fields come from the first quantity of
    each role; every quantity found is kept in ``quantities`` so that
    competing figures in one sentence are not lost silently.

    Attributes
    ----------
    deaths_low, deaths_best, deaths_high : int or None
        Bounds of the death toll.
    injured_low, injured_best, injured_high : int or None
        Bounds of the number injured (the schema stores low and high only).
    casualty_group : str or None
        Whose deaths, as written ("civilians", "pro-regime troops",
        "people (mostly civilians)").
    affected : tuple of Quantity
        Counts of people trapped, remaining, displaced, fleeing...
    quantities : tuple of Quantity
        Every quantity found, in order.
    """

    deaths_low: int | None = None
    deaths_best: int | None = None
    deaths_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    casualty_group: str | None = None
    affected: tuple[Quantity, ...] = field(default_factory=tuple)
    quantities: tuple[Quantity, ...] = field(default_factory=tuple)

    @property
    def has_deaths(self) -> bool:
        """True when any death bound is known."""
        return any(v is not None for v in (self.deaths_low, self.deaths_best, self.deaths_high))

    @property
    def has_injured(self) -> bool:
        """True when any injury bound is known."""
        return any(v is not None for v in (self.injured_low, self.injured_best, self.injured_high))


# ---------------------------------------------------------------------------
# tokenising

_TOKEN_RE = re.compile(
    r"(?P<time>\d{1,2}:\d{2})"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+(?:\.\d+)?)(?P<suf>(?:-|\u2011)?[A-Za-z]+|%)?"
    r"|(?P<word>[A-Za-z](?:[A-Za-z'\u2019.]*[A-Za-z])?(?:[-\u2011][A-Za-z0-9]+)*)"
    r"|(?P<punct>[^\sA-Za-z0-9])",
)


@dataclass
class _Tok:
    kind: str  # num, word, punct, time
    text: str
    low: str
    start: int
    end: int
    value: float | None = None
    suffix: str | None = None


def _tokenise(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("time"):
            toks.append(_Tok("time", m.group(0), m.group(0), m.start(), m.end()))
        elif m.group("num") is not None:
            raw = m.group("num")
            try:
                val = float(raw.replace(",", ""))
            except ValueError:  # pragma: no cover - regex guarantees digits
                val = None
            suf = m.group("suf")
            toks.append(
                _Tok(
                    "num",
                    m.group(0),
                    m.group(0).lower(),
                    m.start(),
                    m.end(),
                    val,
                    suf.lstrip("-\u2011").lower() if suf else None,
                )
            )
        elif m.group("word"):
            w = m.group("word")
            toks.append(_Tok("word", w, w.lower().replace("\u2019", "'"), m.start(), m.start() + len(w)))
        else:
            toks.append(_Tok("punct", m.group(0), m.group(0), m.start(), m.end()))
    return toks


def _word_value(w: str) -> int | None:
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    if "-" not in w and "\u2011" not in w:  # most words: no compound to split
        return None
    parts = w.replace("\u2011", "-").split("-")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and 0 < _UNITS[parts[1]] < 10:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def _is_number_word(w: str) -> bool:
    return w in _NUMBER_WORDS or _word_value(w) is not None


# ---------------------------------------------------------------------------
# number parsing


_DIGITS_WORD = re.compile(r"\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+")


def _parse_number_tokens(words: list[str]) -> tuple[int | None, bool]:
    """Parse lowercase words/digit strings; return (value, vague)."""
    if not words:
        return None, False
    # vague plural chains: "dozens", "tens of thousands", "hundreds of thousands"
    ws = [w for w in words if w != "of"]
    if ws and ws[0] in _VAGUE_PLURALS:
        return _vague_chain(ws)
    if ws and ws[-1] in _VAGUE_PLURALS and len(ws) >= 2:
        # "several thousands" -> treat like "several thousand"
        ws = ws[:-1] + [ws[-1][:-1]]
    # "several dozen", "a few hundred"
    vague = False
    head = " ".join(ws[:2])
    if head in ("a few", "a couple"):
        ws = ["few"] + ws[2:]
    if ws and ws[0] in ("several", "few", "couple") and len(ws) >= 2:
        ws = [str(_FEW[ws[0]])] + ws[1:]
        vague = True
    if ws and ws[0] in ("a", "an") and len(ws) >= 2 and (ws[1] in _SCALES or ws[1] in _DOZEN):
        ws = ["1"] + ws[1:]
    value = _word_sum(ws)
    if value is None:
        return None, False
    if value != int(value):
        return None, False
    return int(value), vague


def _vague_chain(ws: list[str]) -> tuple[int | None, bool]:
    """A vague plural chain ("dozens", "tens of thousands"; ``of`` removed) -> (lower bound, True)."""
    if len(ws) == 1:
        return _VAGUE_PLURALS[ws[0]], True
    mult = _VAGUE_PLURALS[ws[0]]
    rest = ws[1:]
    if all(r in _VAGUE_BASE for r in rest):
        val = mult
        for r in rest:
            val *= _VAGUE_BASE[r]
        return val, True
    return None, False


def _word_sum(ws: list[str]) -> float | None:
    """The value of number words / digit strings ("three hundred and twenty"), or None when they do not make one."""
    total: float = 0
    current: float | None = None
    seen_any = False
    for w in ws:
        if w == "and":
            continue
        if _DIGITS_WORD.fullmatch(w):
            n = float(w.replace(",", ""))
            if current is not None:
                return None
            current = n
            seen_any = True
            continue
        v = _word_value(w)
        if v is not None:
            current = _join_word(current, v)
            if current is None:
                return None
            seen_any = True
            continue
        if w in _DOZEN:
            current = (current if current is not None else 1) * _DOZEN[w]
            seen_any = True
            continue
        if w in _SCALES:
            scale = _SCALES[w]
            base = current if current is not None else None
            if base is None:
                return None
            if scale == 100:
                current = base * 100
            else:
                total += base * scale
                current = None
            seen_any = True
            continue
        return None
    if not seen_any:
        return None
    return total + (current or 0)


def _join_word(current: float | None, v: int) -> float | None:
    """``current`` followed by a number word worth ``v`` ("twenty" "three"), or None when they do not join."""
    if current is None:
        return v
    if 20 <= current < 100 and current % 10 == 0 and 0 < v < 10:
        return current + v  # "twenty three"
    if current >= 100 and current % 100 == 0 and v < 100:
        return current + v
    if current < 10 and v >= 20:
        return None
    if current % 1000 == 0 and current >= 1000 and v < 1000:
        return current + v
    return None


def parse_number(words: str, *, vague: bool = False) -> int | None:
    """Parse a number written in digits or words.

    Parameters
    ----------
    words : str
        The number alone: ``"21"``, ``"300,000"``, ``"1.5 million"``,
        ``"twenty-three"``, ``"two dozen"``, ``"three hundred and twenty"``,
        ``"a thousand"``, ``"dozens"``...
    vague : bool, keyword-only
        When true, vague quantities ("dozens", "scores", "hundreds",
        "tens of thousands", "several dozen") return their lower bound
        (24, 40, 200, 20000, 36); when false (default) they return ``None``.

    Returns
    -------
    int or None
        The value, or ``None`` when ``words`` is not (only) a number.
    """
    if not isinstance(words, str):
        raise TypeError(f"could not parse {words!r}: expected a str")
    parts = re.findall(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[A-Za-z]+(?:[-\u2011][A-Za-z]+)*|\S", words.lower())
    if not parts:
        return None
    value, is_vague = _parse_number_tokens(parts)
    if value is None:
        return None
    if is_vague and not vague:
        return None
    return value


def _amount_from(kind: str | None, value: int, vague: bool, value2: int | None = None) -> Amount:
    if value2 is not None:
        lo, hi = sorted((value, value2))
        return Amount(low=lo, best=None, high=hi)
    if vague:
        # a vague plural is a lower bound whatever the qualifier
        if kind == "low_excl":
            return Amount(low=value + 1)
        if kind in ("high_excl", "high_incl", "near"):
            return Amount()
        return Amount(low=value)
    if kind is None:
        return Amount(value, value, value)
    if kind == "low_excl":
        return Amount(low=value + 1)
    if kind == "low_incl":
        return Amount(low=value)
    if kind == "high_excl":
        return Amount(high=max(value - 1, 0))
    if kind == "high_incl":
        return Amount(high=value)
    if kind == "near":
        return Amount(best=value, high=value)
    return Amount(best=value)  # approx


def parse_amount(text: str) -> Amount:
    """Parse a quantity with its qualifier into bounds.

    Parameters
    ----------
    text : str
        E.g. ``"at least 21"``, ``"more than 10"``, ``"dozens"``,
        ``"between 15 and 18"``, ``"about 160,000"``, ``"up to 20"``.

    Returns
    -------
    Amount
        The bounds.

    Raises
    ------
    ValueError
        When ``text`` is not a quantity.
    """
    if not isinstance(text, str):
        raise TypeError(f"could not parse {text!r}: expected a str")
    found = [q for q in _find_quantities(_tokenise(text), text)]
    stripped = text.strip()
    if len(found) == 1 and found[0][0] <= len(text) - len(text.lstrip()) and found[0][1] >= len(text.rstrip()):
        return found[0][2]
    raise ValueError(
        f"could not parse {stripped!r}: expected a quantity such as 'at least 21', 'dozens' or 'between 15 and 18'"
    )


# ---------------------------------------------------------------------------
# finding quantities in a sentence


def _number_run(toks: list[_Tok], i: int) -> tuple[int, int | None, bool] | None:
    """Longest number phrase starting at token i -> (end_index, value, vague)."""
    n = len(toks)
    t = toks[i]
    if t.kind == "num":
        if t.suffix and t.suffix not in ("km", "%") and not t.suffix.isalpha():
            return None
        words = [t.text if not t.suffix else t.text[: len(t.text) - len(t.suffix)].rstrip("-\u2011")]
        j = i + 1
        if not t.suffix and j < n and toks[j].kind == "word" and toks[j].low in ("million", "thousand", "hundred"):
            words.append(toks[j].low)
            j += 1
        value, vague = _parse_number_tokens([w.lower() for w in words])
        return (j, value, vague) if value is not None else None
    if t.kind != "word":
        return None
    lw = t.low
    start_words: list[str] = []
    j = i
    if (
        lw in ("a", "an")
        and i + 1 < n
        and toks[i + 1].kind == "word"
        and (
            toks[i + 1].low in _SCALES
            or toks[i + 1].low in _DOZEN
            or (toks[i + 1].low == "few" and i + 2 < n and toks[i + 2].low in _SCALES | _DOZEN.keys())
        )
    ):
        start_words.append(lw)
        j = i + 1
    elif lw in ("several",) and i + 1 < n and toks[i + 1].low in set(_SCALES) | set(_DOZEN) | {"thousands", "hundreds"}:
        start_words.append(lw)
        j = i + 1
    elif not _is_number_word(lw):
        return None
    best: tuple[int, int | None, bool] | None = None
    words = list(start_words)
    while j < n:
        tj = toks[j]
        if tj.kind == "word" and (_is_number_word(tj.low) or tj.low in ("few",)):
            words.append(tj.low)
        elif (
            tj.kind == "word"
            and tj.low in ("and", "of")
            and words
            and j + 1 < n
            and toks[j + 1].kind == "word"
            and _is_number_word(toks[j + 1].low)
        ):
            if tj.low == "of" and words[-1] not in _VAGUE_PLURALS:
                break
            words.append(tj.low)
            j += 1
            continue
        else:
            break
        value, vague = _parse_number_tokens(words)
        if value is not None:
            best = (j + 1, value, vague)
        j += 1
    if best is None:
        return None
    # a lone "one" used as a pronoun/determiner is rarely a count; keep it
    return best


# complexity (C901) waived: one pass over every token of every sentence (the extraction benchmark's floor): kept inline
def _find_quantities(toks: list[_Tok], text: str) -> list[tuple[int, int, Amount, int, int]]:  # noqa: C901
    """Return (char_start, char_end, amount, tok_start, tok_end) for each quantity."""
    out: list[tuple[int, int, Amount, int, int]] = []
    n = len(toks)
    i = 0
    while i < n:
        # skip dates: "June 6", "6 June", years after months, times
        t = toks[i]
        if t.kind == "time":
            i += 1
            continue
        if t.kind == "num" and i > 0 and toks[i - 1].low in _MONTHS:
            i += 1
            if i < n and toks[i].text == "," and i + 1 < n and toks[i + 1].kind == "num":
                i += 2
            continue
        if t.kind == "num" and i + 1 < n and toks[i + 1].low in _MONTHS and not t.suffix:
            i += 1
            continue
        if t.kind == "num" and t.suffix in ("st", "nd", "rd", "th", "s"):
            i += 1
            continue
        if (
            t.kind == "num"
            and t.value is not None
            and 1900 <= t.value <= 2099
            and "," not in t.text
            and "." not in t.text
            and not t.suffix
        ):
            i += 1  # a year
            continue
        # qualifier?
        qual_kind: str | None = None
        qual_len = 0
        for qw, kind in _QUALIFIERS_BY_FIRST.get(t.low, ()):
            if i + len(qw) < n and tuple(x.low for x in toks[i : i + len(qw)]) == qw:
                run = _number_run(toks, i + len(qw))
                if run is not None:
                    qual_kind, qual_len = kind, len(qw)
                    break
        k = i + qual_len
        # "between X and Y"
        if toks[i].low == "between" and i + 1 < n:
            run1 = _number_run(toks, i + 1)
            if run1 and run1[0] + 1 < n and toks[run1[0]].low == "and":
                run2 = _number_run(toks, run1[0] + 1)
                if run2 and run1[1] is not None and run2[1] is not None:
                    e = run2[0]
                    out.append((toks[i].start, toks[e - 1].end, _amount_from(None, run1[1], False, run2[1]), i, e))
                    i = e
                    continue
        run = _number_run(toks, k)
        if run is None:
            i += 1
            continue
        end, value, vague = run
        assert value is not None
        # ranges: "15 to 18", "15-18", "two or three", "3,000 to 4,000"
        value2 = None
        if end + 1 < n and toks[end].low in ("to", "or", "-", "\u2013") and toks[end].end <= toks[end + 1].start:
            run2 = _number_run(toks, end + 1)
            if run2 is not None and run2[1] is not None and not vague and not run2[2]:
                if run2[1] >= value:
                    value2 = run2[1]
                    end = run2[0]
        amount = _amount_from(qual_kind, value, vague, value2)
        out.append((toks[i].start, toks[end - 1].end, amount, i, end))
        i = end
    return out


def _noun_after(toks: list[_Tok], e: int, vague: bool) -> tuple[str | None, str, int]:
    """Noun group after a quantity -> (text, kind in person/unit/none, end_token)."""
    n = len(toks)
    j = e
    if j < n and toks[j].low == "of":
        if not vague:
            return None, "partitive", e  # "one of the strikes", "two of them"
        j += 1  # "dozens of civilians", "hundreds of the residents"
        if j < n and toks[j].low == "the":
            j += 1
    words: list[_Tok] = []
    kind = "none"
    while j < n and len(words) < 4:
        tj = toks[j]
        if tj.kind != "word":
            break
        lw = tj.low
        if lw in _STOP_NOUN_SCAN or lw in _DEATH_WORDS or lw in _INJURY_WORDS or lw in _AFFECTED_WORDS - {"displaced"}:
            break
        words.append(tj)
        j += 1
        base = lw.split("-")[-1]
        if lw in _UNIT_NOUNS or base in _UNIT_NOUNS:
            kind = "unit"
            break
        if lw in _PERSON_NOUNS or base in _PERSON_NOUNS:
            kind = "person"
            break
    if kind == "none":
        # an unknown noun group: keep the words only when they look like a noun
        if words and not any(w.low in _NUMBER_WORDS for w in words):
            return " ".join(w.text for w in words), "unknown", j
        return None, "none", e
    return (" ".join(w.text for w in words) if words else None), kind, j


def _role(toks: list[_Tok], s: int, e: int, noun_kind: str, noun_end: int) -> str:
    if noun_kind in ("unit", "partitive"):
        return "other"
    role = _role_before(toks, s)
    if role is not None:
        return role
    return _role_after(toks, noun_end)


def _role_before(toks: list[_Tok], s: int) -> str | None:
    """The role the words before the quantity (starting at token ``s``) give it, or None."""
    prev = toks[s - 1].low if s > 0 else ""
    prev2 = toks[s - 2].low if s > 1 else ""
    # subsets: "including three children", "among them two children"
    if prev in _SUBSET_CUES or (prev in ("them", "whom") and prev2 in ("among", "of")):
        return "subset"
    if prev in ("and", ",", "or") and _in_subset_list(toks, s):
        return "subset"  # "including four women and five children": the list goes on
    # active verbs right before the quantity: "killed 8", "killing at least 14"
    if prev in _ACTIVE_DEATH or (
        prev == "dead" and prev2 in ("shot", "shooting", "stabbed", "beaten", "left", "leaving")
    ):
        return "deaths"
    if prev in _ACTIVE_INJURY:
        return "injured"
    # noun keywords with fillers: "death toll rose to 30", "claimed the lives of 12"
    j = s - 1
    steps = 0
    while j >= 0 and steps < 4 and toks[j].low in _TOLL_FILLERS:
        j -= 1
        steps += 1
    if j >= 0 and j < s - 1 and toks[j].low in ("toll", "deaths", "lives", "fatalities"):
        return "deaths"
    if j >= 0 and j < s - 1 and toks[j].low in ("injuries",):
        return "injured"
    return None


def _in_subset_list(toks: list[_Tok], s: int) -> bool:
    """Is the quantity at token ``s`` a later item of a list a subset cue opened ("including four
    women, two men and five children")? Looks back over numbers, nouns, "and" and commas."""
    j = s - 1
    while j >= 0 and s - j <= 12:
        t = toks[j]
        lw = t.low
        if lw in _SUBSET_CUES:
            return True
        if t.kind == "punct" and lw != ",":
            return False
        if lw in _DEATH_WORDS or lw in _INJURY_WORDS or lw in _BE or lw in _AFFECTED_WORDS:
            return False
        j -= 1
    return False


# complexity (C901) waived: a token scan run for every quantity of every sentence: kept inline
def _role_after(toks: list[_Tok], noun_end: int) -> str:  # noqa: C901
    """The role from a keyword after the quantity's noun (ending at token ``noun_end``), in the same clause."""
    n = len(toks)
    # following keyword in the same clause
    j = noun_end
    seen_be = False
    steps = 0
    in_subset = False
    while j < n and steps < 14:
        tj = toks[j]
        lw = tj.low
        if lw in _SUBSET_CUES:
            in_subset = True  # "eight civilians, including three children, were killed"
        elif lw == "," and in_subset and j + 1 < n and toks[j + 1].kind == "word" and toks[j + 1].low in _BE:
            in_subset = False
        if tj.kind == "num" or (tj.kind == "word" and _number_run(toks, j) is not None and lw not in ("one",)):
            if in_subset:
                j += 1
                steps += 1
                continue
            break
        if tj.kind == "punct" and lw in (";", ":", "?", "!", "(", ")", '"', "\u201c", "\u201d"):
            break
        if tj.kind == "punct" and lw == ".":
            break
        if lw in _BE or lw in ("have", "had", "has"):
            seen_be = True
        immediate = j == noun_end
        if lw in _DEATH_WORDS:
            if lw in _TRANSITIVE and not (seen_be or immediate):
                return "other"
            if lw in ("toll", "lives"):
                return "other"
            return "deaths"
        if lw in _INJURY_WORDS:
            if lw in _TRANSITIVE and not (seen_be or immediate):
                return "other"
            return "injured"
        if lw in _AFFECTED_WORDS:
            return "affected"
        if lw in ("still",) and j + 1 < n and toks[j + 1].low in ("inside", "in"):
            return "affected"
        if lw == "and" and in_subset:
            j += 1  # "among them four women and five children, died": the list goes on
            steps += 1
            continue
        if lw in ("and", "but", "while", "when", "after", "because", "as", "where", "said", "says", "told"):
            break
        j += 1
        steps += 1
    # "80,000 displaced" is caught above; "displaced" as the noun itself
    return "other"


def quantities(sentence: str) -> list[Quantity]:
    """All quantities in a sentence, each with its role.

    Parameters
    ----------
    sentence : str
        One sentence (longer text works, but clauses may then bleed).

    Returns
    -------
    list of Quantity
        In order of appearance. Dates, years, times, ordinals and
        partitives ("one of the strikes") are skipped.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"could not parse {sentence!r}: expected a str")
    toks = _tokenise(sentence)
    out: list[Quantity] = []
    for cs, ce, amount, ts, te in _find_quantities(toks, sentence):
        tq = toks[ts:te]
        vague = (
            amount.best is None
            and amount.high is None
            and amount.low is not None
            and any(t.low in _VAGUE_PLURALS or t.low in ("several", "few") for t in tq)
        )
        suffix = toks[te - 1].suffix if toks[te - 1].kind == "num" else None
        noun: str | None
        if suffix:
            noun, kind, nend = suffix, ("unit" if suffix in _UNIT_NOUNS or suffix == "%" else "unknown"), te
        else:
            noun, kind, nend = _noun_after(toks, te, vague)
            if kind == "none":
                noun = None
        role = _role(toks, ts, te, kind, nend)
        if kind == "displaced" or (noun and noun.lower() == "displaced"):
            role = "affected"
        out.append(Quantity(amount, cs, ce, sentence[cs:ce], noun, role))
    return out


def _group(sentence: str, q: Quantity) -> str | None:
    if q.noun is None:
        return None
    rest = sentence[q.end :]
    m = re.match(
        r"\s*(?:of\s+(?:the\s+)?)?"
        + re.escape(q.noun)
        + r"\s*,\s*(mostly|mainly|many of them|most of them|including)\s+([A-Za-z -]+?)\s*,",
        rest,
    )
    if m and m.group(1) in ("mostly", "mainly", "many of them", "most of them"):
        return f"{q.noun} ({m.group(1)} {m.group(2)})"
    return q.noun


def casualties(sentence: str) -> Casualties:
    """Death and injury figures reported in a sentence.

    Parameters
    ----------
    sentence : str
        One sentence of reporting.

    Returns
    -------
    Casualties
        Bounds of the first death figure and the first injury figure, the
        group killed, counts of affected people (trapped, remaining,
        displaced) and every quantity found.

    Examples
    --------
    >>> c = casualties("More than 10 people were killed and dozens injured")
    >>> (c.deaths_low, c.injured_low)
    (11, 24)
    """
    qs = quantities(sentence)
    deaths = next((q for q in qs if q.role == "deaths"), None)
    if deaths is not None and deaths.amount.low is not None and deaths.amount.high is not None:
        # "between 150 and 180 ..., and the toll may be more than 200": the open bound beyond the
        # range is the sentence's last word on the toll (geo/data/README.md: more than N -> N+1)
        beyond = [
            q
            for q in qs
            if q.role == "deaths"
            and q.start > deaths.start
            and q.amount.high is None
            and q.amount.low is not None
            and q.amount.low > deaths.amount.high
        ]
        if beyond:
            deaths = beyond[0]
    injured = next((q for q in qs if q.role == "injured"), None)
    kw: dict[str, object] = {}
    if deaths is not None:
        kw.update(
            deaths_low=deaths.amount.low,
            deaths_best=deaths.amount.best,
            deaths_high=deaths.amount.high,
            casualty_group=_group(sentence, deaths),
        )
    if injured is not None:
        kw.update(injured_low=injured.amount.low, injured_best=injured.amount.best, injured_high=injured.amount.high)
    return Casualties(affected=tuple(q for q in qs if q.role == "affected"), quantities=tuple(qs), **kw)  # type: ignore[arg-type]
