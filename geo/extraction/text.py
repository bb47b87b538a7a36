"""Article text: loading, sentences with character offsets, photo captions.

Offsets are Python ``str`` indices into the article exactly as
:func:`read_article` returns it: the file's bytes decoded as UTF-8, with no
newline translation and no BOM stripping, so that
``text[span.start:span.end] == span.text`` and quotes can be checked against
the file (``geo/data/README.md``).

The module is pure apart from :func:`read_article`; from other ``geo``
modules it imports only the rule data (:mod:`geo.extraction.rules`: the photo
agencies).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from os import PathLike
from pathlib import Path

from geo.extraction import rules

__all__ = [
    "Span",
    "ArticleError",
    "read_article",
    "lines",
    "sentences",
    "caption_reasons",
    "is_caption",
    "captions",
    "is_boilerplate",
    "story_sentences",
    "DEFAULT_MAX_BYTES",
]

#: default size limit of :func:`read_article` (news articles are a few kB)
DEFAULT_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Span:
    """A piece of a text with its character offsets.

    Attributes
    ----------
    start, end : int
        ``text == source[start:end]``.
    text : str
        The piece itself.
    """

    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------
# loading


class ArticleError(ValueError):
    """An article file that cannot be used as text.

    Attributes
    ----------
    path : str
        The file.
    reason : str
        ``"empty"``, ``"binary"``, ``"encoding"`` or ``"too_large"``.
    offset : int or None
        Byte offset of the problem, when there is one.
    """

    def __init__(self, path: str, reason: str, message: str, *, offset: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.offset = offset


def read_article(path: str | PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, errors: str = "strict") -> str:
    """Read an article file as UTF-8 text.

    Parameters
    ----------
    path : str or path-like
        The file.
    max_bytes : int, keyword-only
        Refuse files larger than this.
    errors : {"strict", "replace"}, keyword-only
        ``"strict"`` (default) refuses bytes that are not UTF-8, naming the
        byte offset; ``"replace"`` decodes them as U+FFFD (the convention of
        the curated offsets). A U+FFFD already *encoded* in the file (as in
        seed 004) is valid UTF-8 and always accepted.

    Returns
    -------
    str
        The decoded text, unchanged (no newline translation, BOM kept).

    Raises
    ------
    ArticleError
        (a ``ValueError``) naming the file, for an empty or whitespace-only
        file, a binary file (NUL bytes), undecodable bytes, or a file larger
        than ``max_bytes``.
    OSError
        When the file cannot be read at all (missing, a directory...).
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"could not use errors={errors!r}: expected 'strict' or 'replace'")
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ValueError(f"could not use max_bytes={max_bytes!r}: expected a positive int")
    p = Path(path)
    name = str(p)
    size = p.stat().st_size
    if size > max_bytes:
        raise ArticleError(
            name, "too_large", f"could not read article {name!r}: {size} bytes is more than max_bytes={max_bytes}"
        )
    with p.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while reading, or a special file
        raise ArticleError(name, "too_large", f"could not read article {name!r}: more than max_bytes={max_bytes} bytes")
    if not data.strip():
        raise ArticleError(
            name,
            "empty",
            f"could not read article {name!r}: the file is empty" + (" (whitespace only)" if data else ""),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(
            name,
            "binary",
            f"could not read article {name!r}: NUL byte at byte offset {nul}; "
            "expected a UTF-8 text file, not binary data",
            offset=nul,
        )
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return data.decode("utf-8", errors="replace")
        bad = data[exc.start : exc.end]
        raise ArticleError(
            name,
            "encoding",
            f"could not read article {name!r}: byte {bad!r} at byte offset {exc.start} "
            "is not valid UTF-8 (re-encode the file as UTF-8, or pass errors='replace')",
            offset=exc.start,
        ) from None


# ---------------------------------------------------------------------------
# lines and sentences

_ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "lt",
    "gen",
    "col",
    "maj",
    "sgt",
    "capt",
    "cpl",
    "pvt",
    "adm",
    "brig",
    "cmdr",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "jr",
    "sr",
    "vs",
    "v",
    "e.g",
    "i.e",
    "approx",
    "fig",
    "mt",
    "ft",
    "gov",
    "sen",
    "rep",
    "rev",
    "hon",
    "pres",
    "jan",
    "feb",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "dept",
    "est",
    "a.m",
    "p.m",
    "km",
    "al",
}
_OPENERS = "\"'\u201c\u2018([\u00ab"
_CLOSERS = "\"'\u201d\u2019)]\u00bb"

# a candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then whitespace
_BOUNDARY_RE = re.compile(r"[.!?\u2026]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")


_LINE_RE = re.compile(r"[^\r\n]+")
# the last text split and its lines: extract, sentences and captions each ask
# for the lines of the same article in turn
_last_lines: tuple[str | None, tuple[Span, ...]] = (None, ())


def lines(text: str) -> list[Span]:
    """Non-blank lines with offsets (surrounding whitespace trimmed)."""
    global _last_lines
    c = _last_lines
    if c[0] is text:
        return list(c[1])
    out: list[Span] = []
    for m in _LINE_RE.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            s = m.start() + lead
            out.append(Span(s, s + len(body), body))
    _last_lines = (text, tuple(out))
    return out


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD_OR_DOT = _ASCII_LETTERS | {"."}
_INITIALS_RE = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")
_NUMBER_ABBR_RE = re.compile(r"\b(?:[Nn]o|[Nn]os|[Nn]r|[Pp]|[Pp]p|[Vv]ol|[Aa]rt)$")
_NEXT_START_RE = re.compile(r"\s+(\S)")


def _word_before(line: str, dot: int) -> str:
    """The run of ASCII letters and periods that ends, with a letter, at ``line[dot]``; "" if none.

    A scan back from the period: a ``$``-anchored regex search would try every
    position of the line before it, for each candidate period.
    """
    if dot == 0 or line[dot - 1] not in _ASCII_LETTERS:
        return ""
    i = dot - 1
    while i > 0 and line[i - 1] in _WORD_OR_DOT:
        i -= 1
    while line[i] == ".":  # the word starts with a letter
        i += 1
    return line[i:dot]


_TITLES = sorted((a for a in _ABBREVIATIONS if "." not in a), key=len, reverse=True)
_TITLE_DOT = re.compile(r"\b(?:" + "|".join(_TITLES) + r")\.", re.I)


def mask_abbreviation_dots(s: str) -> str:
    """``s`` with the period after a title or abbreviation ("Col.", "Gen.", "Dr.") turned into a space.

    The length is kept, so offsets into the result are offsets into ``s``: a
    phrase read up to the next period ("according to Col. Ryan Dillon") then
    runs on to the name instead of stopping at the rank.
    """
    return _TITLE_DOT.sub(lambda m: m.group(0)[:-1] + " ", s)


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the period at ``line[dot]`` the end of an abbreviation?"""
    word = _word_before(line, dot).lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # single initials ("A. Smith") and dotted acronyms ("U.S.", "e.g.")
    return bool(_INITIALS_RE.fullmatch(word))


def _split_line(line: Span) -> list[Span]:
    t = line.text
    out: list[Span] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(t):
        end = m.end()
        nxt = _NEXT_START_RE.match(t, end)
        if not nxt:
            continue
        ch = nxt.group(1)
        # the next sentence starts with a capital, a digit or an opening quote
        if not (ch.isupper() or ch.isdigit() or ch in _OPENERS):
            continue
        punct = m.group(0)
        # the abbreviation ends at the period: searching only the few characters before it keeps a
        # long line linear (the whole line before it made a 5 MB one-line article quadratic)
        if punct == "." and ch.isdigit() and _NUMBER_ABBR_RE.search(t, max(0, m.start() - 8), m.start()):
            continue  # "No. 5", "p. 12"
        if punct.startswith(".") and len(punct.rstrip(_CLOSERS)) == 1 and _is_abbreviation(t, m.start()):
            continue
        piece = t[start:end].strip()
        if piece:
            s = line.start + start + (len(t[start:end]) - len(t[start:end].lstrip()))
            out.append(Span(s, s + len(piece), piece))
        start = end
    piece = t[start:].strip()
    if piece:
        s = line.start + start + (len(t[start:]) - len(t[start:].lstrip()))
        out.append(Span(s, s + len(piece), piece))
    return out


def sentences(text: str) -> list[Span]:
    """Split a text into sentences with character offsets.

    Every line break ends a sentence (headlines, captions and one-line
    paragraphs have no final period). Within a line, a sentence ends at
    ``.``, ``!``, ``?`` (plus closing quotes/brackets) followed by
    whitespace and a capital, a digit or an opening quote -- but not after
    abbreviations (U.S., Lt., Gen., Dr., Jan., initials).

    Parameters
    ----------
    text : str
        The article.

    Returns
    -------
    list of Span
        ``text[s.start:s.end] == s.text`` for each, in order, non-empty,
        non-overlapping, trimmed.
    """
    if not isinstance(text, str):
        raise TypeError(f"could not split {text!r}: expected a str")
    out: list[Span] = []
    for line in lines(text):
        out.extend(_split_line(line))
    return out


# ---------------------------------------------------------------------------
# captions and boilerplate

_AGENCIES = rules.outlets().photo_agencies.alternation  # outlets.toml
_CREDIT_RES = [
    ("photo credit", re.compile(r"\b(?:photo|image|picture|video)\s+credit\s*:", re.I)),
    ("credit label", re.compile(r"^\(?\s*(?:photo|image|picture|credit|source)\s*:\s*\S", re.I)),
    (
        "agency credit",
        re.compile(r"\(\s*(?:[A-Z][\w .'\-]*/\s*)?(?:" + _AGENCIES + r")(?:\s*/\s*[\w .'\-]+)?\s*\)\s*$"),
    ),
    ("photographer credit", re.compile(r"\(\s*[A-Z][A-Z .'\-]{2,}/[A-Z][A-Za-z .'\-]{1,}\)\s*$")),
    (
        "agency credit",
        re.compile(r"(?:\u2014|\u2013|-|\|)\s*(?:[A-Z][\w .'\-]*/)?(?:" + _AGENCIES + r")(?:\s+photo)?\s*$"),
    ),
    ("agency credit", re.compile(r"\b(?:[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+)*)/(?:" + _AGENCIES + r")\.?\s*$")),
]
#: the credit patterns whose match ends the line with an agency name (then
#: " photo" or a period): a line that does not end so cannot match them
_AGENCY_AT_END = (_CREDIT_RES[4][1], _CREDIT_RES[5][1])
_AGENCY_NAMES = tuple(_AGENCIES.split("|"))


def _ends_in_agency(s: str) -> bool:
    """Does the stripped line end with an agency name, then maybe " photo" or a period?"""
    if s.endswith(_AGENCY_NAMES) or (s.endswith(".") and s[:-1].endswith(_AGENCY_NAMES)):
        return True
    return s.endswith("photo") and s[:-5].rstrip().endswith(_AGENCY_NAMES)


_PHOTO_VERBS = re.compile(
    r"\b(?:stands?|walks?|rises|sits?|looks?|poses?|holds?|carr(?:y|ies)|gathers?|"
    r"rides?|drives?|waits?|flees|arrives?|is seen|are seen|is pictured|are pictured|"
    r"pictured|smoke rises|billows|patrols?|inspects?|runs?|play|plays|queue|queues|"
    r"lies|lie|stand|walk|sit|gather|wait|arrive|cross(?:es)?|watch(?:es)?)\b"
)
_FULL_DATE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})"
    r"|(\d{1,2})\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d{2}))\b"
)
_MONTH_NUM = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}

_BOILERPLATE = re.compile(
    r"^(?:breadcrumb|related(?: video| articles?| stories| content)?:?|show full article|latest news|"
    r"read more(?::.*)?|advertisement|share(?: this)?(?: article)?|comments?|subscribe.*|"
    r"sign up.*|follow us.*|(?:more|top) stories|recommended(?: for you)?|most read|"
    r"click here.*|watch:.*|video:.*|image:.*|photo:.*|tags?:.*"
    # a bare dateline: "Jun 11, 2017 at 9:52 AM ET", "Updated: 10 June 2017"
    r"|(?:(?:published|updated|posted)\s*:?\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{1,4})?)?)$",
    re.I,
)


def is_boilerplate(line: str) -> bool:
    """Web-page furniture: "Breadcrumb", "Related Video:", "Show Full Article",
    a bare dateline ("Jun 11, 2017 at 9:52 AM ET")..."""
    return bool(_BOILERPLATE.match(line.strip()))


def _dates_in(line: str) -> list[date]:
    out: list[date] = []
    if "19" not in line and "20" not in line:
        return out  # every full date has a year 19xx or 20xx: the regex can be spared
    for m in _FULL_DATE.finditer(line):
        try:
            if m.group(1):
                mon = _MONTH_NUM[m.group(0).strip()[:3].lower()]
                out.append(date(int(m.group(2)), mon, int(m.group(1))))
            else:
                mon_word = m.group(0).split()[1]
                out.append(date(int(m.group(4)), _MONTH_NUM[mon_word[:3].lower()], int(m.group(3))))
        except (ValueError, KeyError):
            continue
    return out


def _strip_credit(line: str) -> str:
    s = re.sub(r"\(\s*(?:photo|image|picture)\s+credit\s*:[^)]*\)\s*$", "", line, flags=re.I)
    s = re.sub(r"\(\s*[A-Z][A-Z .'\-]*/[^)]*\)\s*$", "", s)
    s = re.sub(r"\(\s*(?:" + _AGENCIES + r")\s*\)\s*$", "", s)
    return s.strip()


def _norm(line: str) -> str:
    return " ".join(line.split()).lower()  # str.split() and re's \s agree on what is whitespace


def caption_reasons(line: str, *, published: date | tuple[date, date] | None = None, far_days: int = 45) -> list[str]:
    """Why a line looks like a photo caption (empty list: it does not).

    Considers the line alone; :func:`captions` adds the signals that need the
    whole article (a line repeated verbatim, with or without its credit).

    Parameters
    ----------
    line : str
        One line of an article.
    published : date or (earliest, latest), keyword-only
        Publication date/range; enables the "date far from the story" signal.
    far_days : int, keyword-only
        How many days from publication a full date must be to count as far.

    Returns
    -------
    list of str
        Strong reasons (``"photo credit"``, ``"agency credit"``,
        ``"photographer credit"``, ``"credit label"``) or weak ones
        (``"photo description"``, ``"date far from story"``,
        ``"truncated"``). A line is a caption with one strong or two weak
        reasons (see :func:`is_caption`).
    """
    s = line.strip()
    reasons: list[str] = []
    # cheap exact tests spare the credit patterns that cannot match: "photo
    # credit" needs the word, the closing-credit patterns an agency at the end
    has_credit_word = "credit" in s.lower()
    ends_in_agency = _ends_in_agency(s)
    for name, rx in _CREDIT_RES:
        if rx is _CREDIT_RES[0][1] and not has_credit_word:
            continue
        if rx in _AGENCY_AT_END and not ends_in_agency:
            continue
        if rx.search(s) and name not in reasons:
            reasons.append(name)
    first = re.split(r"(?<=[.!?])\s", s, maxsplit=1)[0]
    if _PHOTO_VERBS.search(" ".join(first.split(None, 14)[:14])) and not re.search(
        r"\b(?:said|says|told|according)\b", first
    ):
        reasons.append("photo description")
    if published is not None:
        lo, hi = published if isinstance(published, tuple) else (published, published)
        for d in _dates_in(s):
            if (lo - d).days > far_days or (d - hi).days > far_days:
                reasons.append("date far from story")
                break
    if (
        len(s.split()) <= 20
        and not re.search(r"[.!?\"\u201d]$", s)
        and re.match(
            r"^(?:(?:an?|the)\s+)?(?:[\w'\u2019-]+\s+){0,2}(?:video|photo|image|footage|picture)s?\b"
            r"(?:\s+\w+){0,2}\s+(?:of|showing|shows|allegedly|purportedly|appears|taken)\b",
            s,
            re.I,
        )
    ):
        reasons.append("media caption")
    if len(s.split()) >= 12 and not re.search(r"[.!?\"'\u201d\u2019)\]:]$", s):
        reasons.append("truncated")
    return reasons


_STRONG = {
    "media caption",
    "photo credit",
    "agency credit",
    "photographer credit",
    "credit label",
    "repeats a caption",
    "repeated line",
}


def is_caption(line: str, *, published: date | tuple[date, date] | None = None) -> bool:
    """True when a line, taken alone, looks like a photo caption.

    One strong reason (a credit) or two weak ones are needed; see
    :func:`caption_reasons`.
    """
    r = caption_reasons(line, published=published)
    return any(x in _STRONG for x in r) or len(r) >= 2


def captions(text: str, *, published: date | tuple[date, date] | None = None) -> list[Span]:
    """Photo-caption lines of an article.

    A line is a caption when it carries a credit (``(photo credit:
    REUTERS/...)``, ``(DELIL SOULEIMAN/AFP)``, ``... /AFP``), when it repeats
    (verbatim or minus its credit) a line that is a caption, when it repeats
    verbatim a line that describes a photo, or when it has two weak signals
    (photo-like wording, a full date far from the publication date, a
    truncated end). A repeated headline or pull-quote is *not* a caption on
    repetition alone.

    Returns
    -------
    list of Span
        Whole lines, in order.
    """
    ls = lines(text)
    reasons = [caption_reasons(x.text, published=published) for x in ls]
    alone = [any(r in _STRONG for r in rs) or len(rs) >= 2 for rs in reasons]
    normed = [_norm(x.text) for x in ls]
    counts = Counter(normed)
    stripped_caps = {_norm(_strip_credit(x.text)) for x, c in zip(ls, alone, strict=True) if c}
    out: list[Span] = []
    for x, rs, c, n in zip(ls, reasons, alone, normed, strict=True):
        if c or n in stripped_caps or (counts[n] > 1 and "photo description" in rs):
            out.append(x)
    return out


def story_sentences(
    text: str, *, published: date | tuple[date, date] | None = None, drop_headline: bool = False
) -> list[Span]:
    """Sentences of the story itself: captions and page furniture removed.

    Parameters
    ----------
    text : str
        The article.
    published : date or (earliest, latest), keyword-only
        Helps caption detection (dates far from the story).
    drop_headline : bool, keyword-only
        Also drop the first line (the headline) and verbatim repeats of it.
    """
    cap = captions(text, published=published)
    cap_ranges = [(c.start, c.end) for c in cap]
    ls = lines(text)
    skip = [(x.start, x.end) for x in ls if is_boilerplate(x.text)]
    if drop_headline and ls:
        head = _norm(ls[0].text)
        skip += [(x.start, x.end) for x in ls if _norm(x.text) == head]
    bad = cap_ranges + skip
    return [s for s in sentences(text) if not any(a <= s.start and s.end <= b for a, b in bad)]
