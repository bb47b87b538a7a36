"""Relative and explicit dates in news reporting, resolved to date ranges.

A report's "on Thursday" or "last week" only becomes a date against the
article's publication date, and some publication dates are themselves known
only to a range (``published_earliest`` .. ``published_latest`` in
``seeds/catalog.json``). Every expression is resolved against *both* ends of
that range; the result spans both readings. If they agree on one day the
precision is ``day``, otherwise it is widened (``range``, ``week``,
``month``) by the span's length, so a date is never more precise than the
publication date allows.

Conventions (news usage, past tense):

* ``on <weekday>`` / ``late on <weekday>`` / ``<weekday>'s`` / ``<weekday>
  night``: the most recent such weekday on or before the publication day (a
  wire story's "on Wednesday" can be the day it was filed);
* ``last <weekday>``: the most recent such weekday strictly before it;
* ``over the weekend`` / ``at the weekend``: the latest Saturday-Sunday not
  after publication (clamped to the publication day);
* ``this week``: Monday of the publication week .. publication day;
  ``earlier this week``: Monday .. the day before (or Monday itself);
* ``last week``: the previous Monday-Sunday week; when published on a
  Saturday or Sunday, extended to the day before publication, because
  weekend copy often says "last week" of the week just ending;
* ``the past week`` / ``over the past week``: the seven days before
  publication; ``yesterday`` / ``last night``: the day before;
  ``today`` / ``tonight`` / ``this morning``: the publication day;
* ``last month``: the previous calendar month; ``this month`` / ``earlier
  this month``: the 1st .. publication day;
* explicit dates: "June 6, 2017", "6 June 2017", "Jun 11, 2017", "June 6"
  (year from the publication date), "2017-06-06", "June 2017" (month);
* a bare month after a preposition ("in May", "since early July", "by the end of
  May"): the latest such month not after publication, up to publication;
  early/mid/late: its first, middle and last ten days;
* ``the past 48 hours``, ``the last three days``, ``in recent days/weeks`` (7, 28
  days), ``ten days into``, ``over the month``, ``the past month`` (30 days): spans
  back from the publication day (or from a statement's day, see extract);
* ranges: "since/from/between X until/to/and Y", "Tuesday night into Wednesday";
  "since X" and a since-clause's date ("since it broke into Raqqa in June") run to
  publication; "by X" is the week up to X; a weekday apposed to the date it names
  ("late on Saturday, July 22") is that date;
* anchored: "a day after Monday's strike" is Tuesday; "Monday's shootdown came a day
  after X" dates X on Sunday (:func:`shift_opener` reads "A day earlier, ..." openers,
  whose anchor is in the sentences before).

Dates after the latest publication day are dropped (they are not reports of
past events); explicit dates long before it are kept (captions and history).

The module is pure: no I/O; from other ``geo`` modules it only borrows the
fast case-insensitive matcher of :mod:`geo.extraction.classify` (itself pure).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.extraction import rules

# fast case-insensitive matching behind need-word pre-filters
from geo.extraction.matching import AnyMatch, AnyPattern
from geo.extraction.matching import IPattern as _IRx
from geo.extraction.matching import lowered as _lowered
from geo.extraction.matching import may_match as _may_match
from geo.extraction.regex_needs import check_need_words

__all__ = [
    "PRECISIONS",
    "ResolvedDate",
    "parse_published",
    "parse_published_range",
    "publication_range",
    "find_dates",
    "resolve",
    "date_of",
    "is_statement_date",
    "is_toll_of",
    "night_before",
    "shift_opener",
    "RELATIVE_KINDS",
    "week_up_to",
    "period",
    "dateline",
    "UNDATED_DAYS",
    "DATELINE_REACH",
]

#: precisions from the most to the least precise
PRECISIONS: tuple[str, ...] = ("day", "range", "week", "month")

_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression resolved to a range of days.

    Attributes
    ----------
    start, end : datetime.date
        First and last possible day (inclusive); ``start <= end``.
    precision : str
        One of :data:`PRECISIONS`.
    text : str
        The expression as written ("late on Monday").
    span_start, span_end : int
        Character offsets of ``text`` in the string searched (0, len for
        :func:`resolve`).
    kind : str
        The name of the pattern that found it ("weekday", "mdy", "past hours", ...);
        :data:`RELATIVE_KINDS` are counted from a day ("today", "in the past 48 hours").
    """

    start: date
    end: date
    precision: str
    text: str
    span_start: int = 0
    span_end: int = 0
    kind: str = ""


# ---------------------------------------------------------------------------
# publication dates


def parse_published(s: str) -> date:
    """Parse a publication date given as ``YYYY-MM-DD``.

    Parameters
    ----------
    s : str
        E.g. ``"2017-06-07"`` (surrounding whitespace is ignored).

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        Quoting the bad value, when it is not a valid ISO calendar date.
    """
    if isinstance(s, date):
        return s
    if not isinstance(s, str):
        raise ValueError(f"could not parse {s!r}: expected a date as YYYY-MM-DD")
    v = s.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise ValueError(f"could not parse {s!r}: expected a date as YYYY-MM-DD, e.g. 2017-06-07")
    try:
        return date.fromisoformat(v)
    except ValueError as exc:
        raise ValueError(f"could not parse {s!r}: expected a valid date as YYYY-MM-DD ({exc})") from None


def parse_published_range(s: str) -> tuple[date, date]:
    """Parse ``YYYY-MM-DD`` or a range ``YYYY-MM-DD/YYYY-MM-DD`` (also ``..``).

    Raises
    ------
    ValueError
        For a bad date, or a range whose start is after its end.
    """
    if not isinstance(s, str):
        raise ValueError(f"could not parse {s!r}: expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
    parts = re.split(r"\s*(?:/|\.\.)\s*", s.strip())
    if len(parts) == 1:
        d = parse_published(parts[0])
        return d, d
    if len(parts) != 2:
        raise ValueError(f"could not parse {s!r}: expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
    return publication_range(parse_published(parts[0]), parse_published(parts[1]))


def publication_range(earliest: date | str, latest: date | str | None = None) -> tuple[date, date]:
    """Normalise a publication date or range to ``(earliest, latest)``.

    Raises
    ------
    ValueError
        When ``earliest`` is after ``latest``.
    """
    a = parse_published(earliest) if isinstance(earliest, str) else earliest
    b = a if latest is None else (parse_published(latest) if isinstance(latest, str) else latest)
    if not isinstance(a, date) or not isinstance(b, date):
        raise ValueError(f"could not use publication range {earliest!r}..{latest!r}: expected dates")
    if a > b:
        raise ValueError(
            f"could not use publication range {a.isoformat()!r}..{b.isoformat()!r}: expected earliest <= latest"
        )
    return a, b


def _pub(published: date | str | tuple) -> tuple[date, date]:
    if isinstance(published, tuple):
        if len(published) != 2:
            raise ValueError(f"could not use publication range {published!r}: expected (earliest, latest)")
        return publication_range(published[0], published[1])
    return publication_range(published)


# ---------------------------------------------------------------------------
# resolvers: each takes one publication day and returns (start, end) or None


def _on_or_before(p: date, wd: int) -> date:
    return p - timedelta(days=(p.weekday() - wd) % 7)


def _strictly_before(p: date, wd: int) -> date:
    back = (p.weekday() - wd) % 7 or 7
    return p - timedelta(days=back)


def _monday(p: date) -> date:
    return p - timedelta(days=p.weekday())


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _prev_month(p: date) -> tuple[date, date]:
    y, m = (p.year, p.month - 1) if p.month > 1 else (p.year - 1, 12)
    return _month_bounds(y, m)


def _weekend(p: date, *, last: bool) -> tuple[date, date]:
    sat = _on_or_before(p, 5)
    if p.weekday() >= 5:
        if last:
            sat -= timedelta(days=7)
        else:
            return sat, p  # published during the weekend: up to that day
    return sat, sat + timedelta(days=1)


def _last_week(p: date) -> tuple[date, date]:
    mon = _monday(p) - timedelta(days=7)
    end = mon + timedelta(days=6)
    if p.weekday() >= 5:
        end = p - timedelta(days=1)
    return mon, end


_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# month names are matched case-sensitively (Title or UPPER case) so that the
# modal "may" is not read as May
_MON = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
    r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|"
    r"NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC))\.?"
)

# (name, compiled pattern, precision, resolver(p, match) -> (start, end) | None)
_Resolver = tuple[str, AnyPattern, str, object]


def _explicit(m: re.Match[str], p: date) -> tuple[date, date] | None:
    g = m.groupdict()
    try:
        if g.get("iso"):
            d = date.fromisoformat(g["iso"])
            return d, d
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"]) if g.get("day") else None
        year = int(g["year"]) if g.get("year") else None
        if day is None:
            if year is None:
                return None
            return _month_bounds(year, month)
        if year is None:
            d = date(p.year, month, day)
            if d > p:
                d = date(p.year - 1, month, day)
            return d, d
        d = date(year, month, day)
        return d, d
    except (ValueError, KeyError):
        return None


def _weekday_res(m: re.Match[str], p: date) -> tuple[date, date] | None:
    wd = _WEEKDAYS[m.group("wd").lower()]
    pre = (m.group("pre") or "").lower().split()
    if pre and pre[-1] == "next":
        return None
    if pre and pre[-1] == "since":
        return _on_or_before(p, wd), p
    if pre and pre[-1] == "by":
        # "in government hands by Thursday": done on or before that day, the week up to it
        d = _on_or_before(p, wd)
        return d - timedelta(days=UNDATED_DAYS), d
    if pre and pre[-1] == "last":
        d = _strictly_before(p, wd)
    else:
        d = _on_or_before(p, wd)
    return d, d


#: "early June" is its first ten days, "mid-June" the next ten, "late June" the rest
_PART_DAYS = {"early": (1, 10), "start": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20)}


def _month_res(m: re.Match[str], p: date) -> tuple[date, date] | None:
    """ "in June", "since early July", "by the end of May": the latest such month not after ``p``."""
    month = _MONTHS[m.group("mon").lower().rstrip(".")]
    year = p.year if date(p.year, month, 1) <= p else p.year - 1
    start, end = _month_bounds(year, month)
    part = (m.group("part") or "").lower()
    for word, (a, b) in _PART_DAYS.items():
        if word in part:
            start, end = start.replace(day=a), start.replace(day=b)
            break
    else:
        if "late" in part or "end" in part:
            start = start.replace(day=21)
    if start > p:
        return None  # "late June" in a story of 15 June has not happened yet
    return start, min(end, p)  # the current month: up to publication


_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "few": 3, "couple of": 2}


def _past_span(m: re.Match[str], p: date) -> tuple[date, date] | None:
    """ "in the past 48 hours", "over the last three days", "in the past two weeks": up to ``p``."""
    n_text = m.group("n").lower()
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[" ".join(n_text.split())]
    unit = m.group("unit").lower()
    days = -(-n // 24) if unit.startswith("hour") else n * (7 if unit.startswith("week") else 1)
    return p - timedelta(days=max(days, 1)), p


#: "in recent days/weeks": about a week, four weeks before ("in recent months" is too vague to date)
_RECENT_DAYS = {"day": 7, "week": 28}

# month names as in _MON: case-sensitive, so that the modal "may" is not read as May; the word
# before is what makes a bare month a date ("in May", "since June", "between May and 5 June")
_MONTH_WORD = (
    r"\b(?:[Ii]n|IN|[Dd]uring|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Tt]hrough|[Ff]rom|[Bb]etween)\s+"
    r"(?P<core>(?P<part>(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s+|-)|(?:the\s+)?(?:start|beginning|end|middle)\s+of\s+)?"
    + _MON
    + r")(?!\w)"
)


def _day_range(m: re.Match[str], p: date) -> tuple[date, date] | None:
    """ "5-9 June", "from 5 until 10 June 2017", "between June 1 and 5": one month's days."""
    month = _MONTHS[m.group("mon").lower().rstrip(".")]
    a, b = int(m.group("d1")), int(m.group("d2"))
    if a >= b:
        return None  # "9-5 June" is no range
    try:
        if m.group("year"):
            return date(int(m.group("year")), month, a), date(int(m.group("year")), month, b)
        year = p.year if date(p.year, month, a) <= p else p.year - 1
        return date(year, month, a), min(date(year, month, b), p)
    except ValueError:
        return None


# the words joining two days of one month ("5-9 June", "5 to 9 June", "between 5 and 9 June")
_DAY_JOIN = r"\s*(?:-|\u2013|\u2014|\s(?:to|until|till|through|and)\s)\s*"

_PATTERNS: list[_Resolver] = [
    (
        "dmy range",
        re.compile(
            r"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
            + _DAY_JOIN
            + r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MON
            + r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b"
        ),
        "range",
        _day_range,
    ),
    (
        # "June 5-9", "from June 5 to 9,": the second day ends the clause, so that "June 5 and 6 people" is
        # not read as a range
        "mdy range",
        re.compile(
            r"\b" + _MON + r"\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?" + _DAY_JOIN + r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
            r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?(?=\s*(?:[,.;:)]|$))"
        ),
        "range",
        _day_range,
    ),
    ("iso", re.compile(r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"), "day", _explicit),
    (
        "mdy",
        re.compile(r"\b" + _MON + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b"),
        "day",
        _explicit,
    ),
    (
        "dmy",
        re.compile(
            r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b"
        ),
        "day",
        _explicit,
    ),
    ("my", re.compile(r"\b(?:in\s+)?" + _MON + r",?\s+(?P<year>(?:19|20)\d{2})\b"), "month", _explicit),
    ("month", re.compile(_MONTH_WORD), "range", _month_res),
    (
        "year start",
        _IRx(
            r"\b(?:the\s+)?(?:start|beginning|turn)\s+of\s+(?:the|this)\s+year\b|\b(?:earlier|so\s+far)\s+this\s+year\b"
        ),
        "range",
        lambda m, p: (date(p.year, 1, 1), p),
    ),
    (
        "past hours",
        _IRx(
            r"\b(?:the\s+)?(?:past|last|previous)\s+(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|"
            r"few|couple\s+of)\s+(?P<unit>hours|days|weeks)\b"
        ),
        "range",
        _past_span,
    ),
    (
        # "Ten days into their offensive", "two weeks into the battle": counted back from the day
        "days into",
        _IRx(
            r"\b(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s+"
            r"(?P<unit>hours|days|weeks)\s+into\b"
        ),
        "range",
        _past_span,
    ),
    (
        # an OCHA month's report: "over the month"; "the past month": thirty days
        "the month",
        _IRx(r"\b(?:over|during|throughout)\s+the\s+month\b|\bthe\s+(?P<past>past|last)\s+(?:30\s+days|month)\b"),
        "range",
        lambda m, p: (p - timedelta(days=30), p) if m.group("past") else (p.replace(day=1), p),
    ),
    (
        "recent",
        _IRx(r"\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+(?P<unit>days|weeks)\b"),
        "range",
        lambda m, p: (p - timedelta(days=_RECENT_DAYS[m.group("unit").lower()[:-1]]), p),
    ),
    (
        "weekend",
        _IRx(r"\b(?P<pre>over|at|during|on|this|last|past)\s+(?:the\s+)?(?:past\s+)?weekend\b"),
        "range",
        lambda m, p: _weekend(p, last=m.group("pre").lower() in ("last",)),
    ),
    (
        "earlier this week",
        _IRx(r"\bearlier\s+(?:this|in\s+the)\s+week\b"),
        "week",
        lambda m, p: (_monday(p), max(_monday(p), p - timedelta(days=1))),
    ),
    ("this week", _IRx(r"\b(?:this|later\s+this)\s+week\b"), "week", lambda m, p: (_monday(p), p)),
    (
        "past week",
        _IRx(
            r"\b(?:the\s+)?(?:past|last)\s+(?:seven\s+days|7\s+days)\b|\b(?:(?:over|in|during)\s+)?the\s+(?:past|last)\s+week\b"
        ),
        "week",
        lambda m, p: (p - timedelta(days=7), p),
    ),
    ("last week", _IRx(r"\blast\s+week\b"), "week", lambda m, p: _last_week(p)),
    ("last month", _IRx(r"\blast\s+month\b"), "month", lambda m, p: _prev_month(p)),
    ("this month", _IRx(r"\b(?:earlier\s+|so\s+far\s+)?this\s+month\b"), "month", lambda m, p: (p.replace(day=1), p)),
    (
        "yesterday",
        _IRx(r"\b(?:yesterday|last\s+night)\b"),
        "day",
        lambda m, p: (p - timedelta(days=1), p - timedelta(days=1)),
    ),
    (
        "overnight",
        _IRx(r"\bovernight\b(?!\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"),
        "range",
        lambda m, p: (p - timedelta(days=1), p),
    ),
    ("today", _IRx(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"), "day", lambda m, p: (p, p)),
    (
        "weekday",
        _IRx(
            r"\b(?:(?P<pre>(?:(?:late|early|later|earlier)\s+)?(?:on|last|this|next|since|from|by|until|overnight)(?:\s+on)?)\s+)?"
            + _WD
            + r"(?:'s|\u2019s)?(?:\s+(?:night|morning|evening|afternoon))?\b"
        ),
        "day",
        _weekday_res,
    ),
]

# cheap pre-filters: a pattern can only match a text holding one of these
# (the numeric patterns all need a digit; the others one of the lowercase
# words, looked up in the lowered text)
_NUMERIC = frozenset({"iso", "mdy", "dmy", "my", "dmy range", "mdy range"})
_DIGIT = re.compile(r"\d")
# the patterns that hold a month name (_MON) run only on a text that has one: one search spares six
_NEEDS_MONTH = frozenset({"mdy", "dmy", "my", "month", "dmy range", "mdy range"})
_MONTH_NAME = re.compile(r"\b" + _MON.replace("(?P<mon>", "(?:", 1))
_GATES: dict[str, tuple[str, ...]] = {
    "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "year start": ("year",),
    "past hours": ("hours", "days", "weeks"),
    "recent": ("days", "weeks"),
    "days into": ("hours", "days", "weeks"),
    "the month": ("month", "days"),
    "weekend": ("weekend",),
    "earlier this week": ("week",),
    "this week": ("week",),
    "past week": ("week", "days"),
    "last week": ("week",),
    "last month": ("month",),
    "this month": ("month",),
    "yesterday": ("yesterday", "night"),
    "overnight": ("overnight",),
    "today": ("today", "tonight", "this"),
    "weekday": ("day",),
}
assert set(_GATES) | _NUMERIC == {p[0] for p in _PATTERNS}
# the gates are written by hand: each is checked to be in every match of its pattern (issue 16:
# a hand list that missed an alternative silently hid its matches)
for _name, _pat, _prec, _fn in _PATTERNS:
    if _name in _GATES:
        check_need_words(_pat.pattern, re.I, _GATES[_name])


def _widen(precision: str, start: date, end: date) -> str:
    span = (end - start).days + 1
    if span <= 1:
        by_span = "day"
    elif span <= 6:
        by_span = "range"
    elif span <= 13:
        by_span = "week"
    else:
        by_span = "month"
    return max(precision, by_span, key=PRECISIONS.index)


def _combine(
    m: AnyMatch, precision: str, fn: object, pub: tuple[date, date], offset: int = 0, kind: str = ""
) -> ResolvedDate | None:
    try:
        a = fn(m, pub[0])  # type: ignore[operator]
        b = fn(m, pub[1])  # type: ignore[operator]
    except (OverflowError, ValueError):  # near date.min/max, impossible dates
        return None
    if a is None or b is None:
        return None
    start = min(a[0], b[0])
    end = max(a[1], b[1])
    if end > pub[1]:
        return None  # a future date is not a report of a past event
    if start > end:  # pragma: no cover - resolvers return ordered ranges
        return None
    prec = _widen(precision, start, end)
    if (
        precision == "month"
        and start.day == 1
        and end == _month_bounds(end.year, end.month)[1]
        and start.month == end.month
    ):
        prec = "month"
    # "in June": the expression is "June"; the word before it stays outside, where the range
    # rules read "since", "from", "between" and the statement rules "said in"
    g = "core" if m.groupdict().get("core") is not None else 0
    return ResolvedDate(start, end, prec, m.group(g), offset + m.start(g), offset + m.end(g), kind)


def find_dates(text: str, published: date | str | tuple) -> list[ResolvedDate]:
    """Find and resolve every date expression in a text.

    Parameters
    ----------
    text : str
        A sentence (or longer text).
    published : date, str or (earliest, latest)
        Publication date or range (ISO strings accepted).

    Returns
    -------
    list of ResolvedDate
        Non-overlapping matches in order of appearance; the longest/most
        explicit pattern wins where two overlap. Expressions that resolve to
        dates after the publication range are left out.

    Raises
    ------
    ValueError
        For a bad publication date or range.
    """
    if not isinstance(text, str):
        raise TypeError(f"could not search {text!r}: expected a str")
    pub = _pub(published)
    taken: list[tuple[int, int]] = []
    found: list[ResolvedDate] = []
    low = _lowered(text)
    digits = _DIGIT.search(text) is not None
    months = _MONTH_NAME.search(text) is not None
    for name, pat, precision, fn in _PATTERNS:
        if name in _NEEDS_MONTH and not months:
            continue
        if name in _NUMERIC:
            if not digits:
                continue
        elif low is not None and not _may_match(_GATES[name], low):
            continue  # cannot match: spare the regex
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            r = _combine(m, precision, fn, pub, kind=name)
            taken.append((s, e))  # claimed even when dropped as future
            if r is not None:
                found.append(r)
    found.sort(key=lambda r: r.span_start)
    found = _ranges(text, found, pub)
    if not found or (low is not None and "after" not in low and "before" not in low):
        return found  # no anchored expression can stand in it: spare the regex
    return _anchored(text, found, pub) if _OFFSET_GATE.search(text) else found


# "since 22 May until 11 June", "from June 6 to June 11", "between 5 and 9 June" is one range;
# "since August 14" runs to publication
_RANGE_OPEN = _IRx(r"\b(?:since|from|between)\s+(?:the\s+)?$")
_RANGE_JOIN = _IRx(r"^\s*(?:until|till|to|through|into|and|-|\u2013|\u2014)\s*(?:the\s+)?$")
_SINCE = _IRx(
    r"\bsince\s+(?:the\s+)?(?:(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\s+of\s+)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?$"
)
#: "Monday, 14 August": a weekday in apposition to the date it names
_APPOSED = re.compile(r"^,?\s*$")
_OPEN_DEIXIS = frozenset({"today", "yesterday", "tonight", "last night", "this morning", "this afternoon"})
_NIGHT_INTO = re.compile(r"^\s*into\s*$", re.I)
_OWN_JOIN = re.compile(r"(?:until|till|to|through)(?=\s)", re.I)
#: a range opened inside the expression itself ("from Monday", "since Friday")
_OWN_OPEN = re.compile(r"(?:since|from|between)\s", re.I)
#: "since the SDF opened its assault on Raqqa on June 6", "since it broke into Raqqa in June": the
#: date of a since-clause opens the range too (a clause, no comma or quote between)
_SINCE_CLAUSE = _IRx(r"\bsince\s+[^,;:()\"\u201c\u201d]{1,90}$")
#: "were in its hands by June 10": on or before that day
_BY = _IRx(r"\bby\s+$")
_WEEKDAY_NAME = _IRx(r"\b" + _WD + r"\b")


def _names_weekday_of(d: ResolvedDate, e: ResolvedDate) -> bool:
    """Is ``d`` a weekday ("late on Saturday") naming the weekday of the one day ``e`` ("July 22")?"""
    m = _WEEKDAY_NAME.search(d.text) if d.kind == "weekday" else None
    return m is not None and e.start == e.end and e.start.weekday() == _WEEKDAYS[m.group("wd").lower()]


def _apposed(text: str, found: list[ResolvedDate]) -> list[ResolvedDate]:
    """ "Monday, 14 August", "late on Saturday, July 22", "From Monday 5 June 2017" as one expression.

    It is the one day the explicit date names (its own weekday, whatever day the story was
    filed), its words kept: "From" still opens a range, "said on" still marks a statement.
    """
    out: list[ResolvedDate] = []
    for e in found:
        d = out[-1] if out else None
        if (
            d is not None
            and _APPOSED.match(text[d.span_end : e.span_start])
            and (d.start <= e.start <= e.end <= d.end or _names_weekday_of(d, e))
        ):
            out[-1] = ResolvedDate(
                e.start, e.end, e.precision, text[d.span_start : e.span_end], d.span_start, e.span_end, e.kind
            )
        else:
            out.append(e)
    return out


def _ranges(text: str, found: list[ResolvedDate], pub: tuple[date, date]) -> list[ResolvedDate]:
    """Join "since/from X until/to Y" into one range; stretch "since X" to publication."""
    found = _apposed(text, found)
    out: list[ResolvedDate] = []
    i = 0
    while i < len(found):
        d = found[i]
        # the words before it, back to the date before at most ("since X in November and on Tuesday")
        floor = out[-1].span_end if out else 0
        before = text[max(floor, d.span_start - 100) : d.span_start]
        night_into = (
            i + 1 < len(found)
            and d.text.lower().endswith("night")
            and _NIGHT_INTO.match(text[d.span_end : found[i + 1].span_start])
        )  # "on Tuesday night into Wednesday"
        if i + 1 < len(found) and (_RANGE_OPEN.search(before) or _OWN_OPEN.match(d.text) or night_into):
            e = found[i + 1]
            own = _OWN_JOIN.match(e.text)  # "until Saturday": the weekday took the joining word
            joint = text[d.span_end : e.span_start] + (own.group(0) if own else "")
            if _RANGE_JOIN.match(joint) and d.start <= e.end:
                out.append(
                    ResolvedDate(
                        d.start,
                        e.end,
                        _widen(d.precision, d.start, e.end),
                        text[d.span_start : e.span_end],
                        d.span_start,
                        e.span_end,
                    )
                )
                i += 2
                continue
        since = _SINCE.search(before) or _SINCE_CLAUSE.search(before) or d.text.lower().startswith("since ")
        if since and d.end <= pub[1] and d.text.lower() not in _OPEN_DEIXIS:
            # "since August 14": from that day until the story was filed (kind "since": a statement's
            # day, if the sentence names one, ends it instead)
            d = ResolvedDate(
                d.start, pub[1], _widen(d.precision, d.start, pub[1]), d.text, d.span_start, d.span_end, "since"
            )
        elif _BY.search(before) and d.start == d.end and d.kind != "month":
            # "in government hands by June 10": done on or before that day (a month cut to its first
            # day by the publication, "by January" filed on 1 January, is still that month, not a day)
            start = d.start - timedelta(days=UNDATED_DAYS)
            d = ResolvedDate(start, d.end, _widen("week", start, d.end), d.text, d.span_start, d.span_end, d.kind)
        out.append(d)
        i += 1
    return out


# Anchored relative expressions (TimeML/TIMEX3: a duration and a direction "anchored" to another
# time; Reichenbach: an event time given by its reference time; Quirk et al. 1985, 8.55-8.59 and
# 9.4 on "after"/"before" as time prepositions and conjunctions): "a day after Monday's strike",
# "two days before the breach on June 6" date the event of the clause that holds the phrase from
# the anchor in its complement; "Monday's shootdown came a day after a U.S. jet downed a Su-22"
# dates the complement's event (the new one: the given, dated subject "came/followed" it) back from
# the anchor in the subject. The anchor must be one day; no clause boundary may stand between.
_NUMBER_DAYS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_OFFSET = (
    r"(?:(?P<n>a|one|two|three|four|five|six|seven|[1-7])\s+(?P<unit>days?|weeks?)|the\s+(?P<the>day|week))"
    r"\s+(?P<dir>after|before)\b"
)
_OFFSET_GATE = _IRx(r"\b(?:days?|weeks?)\s+(?:after|before)\b")
_OFFSET_RE = re.compile(r"\b" + _OFFSET, re.I)
#: the anchor in the complement: "a day after Monday's strike", "two days after the SDF entered it on June 6"
_COMPLEMENT = re.compile(r"^[^,;:.()\"\u201c\u201d]{0,60}$")
#: the anchor in the subject of a verb of sequence: "Monday's shootdown came a day after ..."
_SEQUENCE = re.compile(r"^(?:'s|\u2019s)?[^,;:.()\"\u201c\u201d]{0,40}?\b(?:came|comes|followed|follows)\s+$", re.I)


def _offset_days(m: re.Match[str]) -> int:
    n = 1 if m.group("the") else _NUMBER_DAYS.get(m.group("n").lower()) or int(m.group("n"))
    unit = m.group("the") or m.group("unit")
    return n * (7 if unit.lower().startswith("week") else 1)


def _anchored(text: str, found: list[ResolvedDate], pub: tuple[date, date]) -> list[ResolvedDate]:
    """``found`` with each anchor of an anchored relative expression replaced by the day it names
    (left as it is where that day would fall after publication)."""
    out = list(found)
    for m in _OFFSET_RE.finditer(text):
        days = _offset_days(m)
        sign = 1 if m.group("dir").lower() == "after" else -1
        after = [i for i, d in enumerate(out) if d.span_start >= m.end()]
        before = [i for i, d in enumerate(out) if d.span_end <= m.start()]
        i = after[0] if after else None
        if i is not None and out[i].start == out[i].end and _COMPLEMENT.match(text[m.end() : out[i].span_start]):
            # "a day after Monday's strike": the event of the phrase's own clause
            a = out[i]
            day = a.start + timedelta(days=sign * days)
            if day > pub[1]:
                continue
            out[i] = ResolvedDate(day, day, "day", text[m.start() : a.span_end], m.start(), a.span_end, "anchored")
            continue
        i = before[-1] if before else None
        if i is not None and out[i].start == out[i].end and _SEQUENCE.match(text[out[i].span_end : m.start()]):
            # "Monday's shootdown came a day after a U.S. jet downed a Su-22": the complement's event
            a = out[i]
            day = a.start - timedelta(days=sign * days)
            if day > pub[1]:
                continue
            out[i] = ResolvedDate(day, day, "day", m.group(0), m.start(), m.end(), "anchored")
    return sorted(out, key=lambda r: r.span_start)


# A sentence opening with a measured shift and no date of its own ("A day earlier, they had taken
# the nearby village", "Two days later, ...", "The next day, ...", "The previous night, ..."): its event
# time is the narrative's reference time moved by the measure (Reichenbach 1947; Kamp & Reyle 1993,
# ch. 5 on the reference time a frame-setting adverbial resets; TimeML/TIMEX3 anchored durations)
_SHIFT_OPENER = _IRx(
    r"^[\W_]*(?:(?:but|and|then)\s+)?(?:"
    r"(?P<n>a|an|one|two|three|four|five|six|seven|[1-7])\s+(?P<unit>days?|weeks?)\s+(?P<dir>earlier|later|before)|"
    r"(?:on\s+)?the\s+(?P<dir2>next|following|previous|preceding)\s+(?P<unit2>day|night|morning|afternoon|evening)"
    r")\b(?!\s*,?\s*(?:on|in)\b)"
)


def shift_opener(sentence: str) -> tuple[int, str] | None:
    """``(days, words)`` of a measured shift opening ``sentence`` ("A day earlier, ...": ``(-1, "A day
    earlier")``); ``None`` if it opens with none, or gives its own day after it ("A day earlier, on
    Monday, ...": that day is the event's)."""
    m = _SHIFT_OPENER.search(sentence)
    if m is None:
        return None
    if m.group("dir2"):
        back = m.group("dir2").lower() in ("previous", "preceding")
        return (-1 if back else 1), m.group(0).strip(" \t\"\u201c")
    n = _NUMBER_DAYS.get(m.group("n").lower()) or int(m.group("n"))
    days = n * (7 if m.group("unit").lower().startswith("week") else 1)
    return (days if m.group("dir").lower() == "later" else -days), m.group(0).strip(" \t\"\u201c")


#: "BEIRUT, June 14 (Reuters) -": the city, the day the story was filed, the agency
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Za-z .'\u2019/-]{1,40}?)(?:,[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)?,?[ \t]+"
    r"(?P<when>[A-Z][a-z]{2,8}\.?[ \t]+[0-3]?\d|[0-3]?\d[ \t]+[A-Z][a-z]{2,8})"
    r"(?:,?[ \t]+(?:19|20)\d{2})?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:-{1,2}|\u2013|\u2014)[ \t]*",
    re.MULTILINE,
)
#: how far into an article its dateline may stand (a headline and a byline come first)
DATELINE_REACH = 600


def dateline(text: str, published: date | str | tuple) -> ResolvedDate | None:
    """The dateline of a wire story ("BEIRUT, June 14 (Reuters) -"): the day it was filed.

    The day is when the story was written, not when its events happened; it is the
    day the story's "on Tuesday" and "today" are counted from. Only a line start in
    the first :data:`DATELINE_REACH` characters is read, and only a day within the
    week before the publication range up to its end is taken. Offsets
    (``span_start``, ``span_end``) cover the whole dateline in ``text``.
    """
    pub = _pub(published)
    m = _DATELINE.search(text[:DATELINE_REACH])
    if m is None or not m.group("city").strip().upper() == m.group("city").strip():
        return None  # a dateline's city is written in capitals: "BEIRUT", "AL-TABQA"
    found = find_dates(m.group("when"), pub)
    if not found or found[0].start != found[0].end:
        return None
    day = found[0].start
    if not (pub[0] - timedelta(days=UNDATED_DAYS + 1) <= day <= pub[1]):
        return None
    return ResolvedDate(day, day, "day", m.group(0).strip(), m.start(), m.end())


def resolve(expression: str, published: date | str | tuple) -> ResolvedDate | None:
    """Resolve one date expression.

    Parameters
    ----------
    expression : str
        E.g. ``"late on Monday"``, ``"over the weekend"``, ``"June 6, 2017"``.
    published : date, str or (earliest, latest)
        Publication date or range.

    Returns
    -------
    ResolvedDate or None
        The first expression found in ``expression``; ``None`` when there is
        none or it lies after publication.
    """
    found = find_dates(expression, published)
    return found[0] if found else None


#: A report dated only by when something was said ("the coalition said on
#: Tuesday that it had hit..."), or not dated at all, is of an event on or
#: before that day: it gets the week ending then (ACLED's time_precision 2,
#: "within a week or so"), never the day itself.
UNDATED_DAYS = 6

# a date that belongs to the statement, not the event: "said on Tuesday",
# "said late on Monday that", "on Tuesday said", "acknowledged on Wednesday"
# (but "said that on Monday jets struck" dates the strike). The verbs
# (verbs.toml) are narrower than classify's [speech] on purpose: "images
# released on Monday", "strikes reported on Sunday" date the event itself
# (with [speech], a synthetic report and two seed start dates were lost)
# "said in a statement on Sunday", "wrote on Twitter on Sunday", "told AFP on Monday", "reported on
# June 9": where or to whom it was said may stand between the verb and its date (Reuters, AFP copy)
_MEDIUM = (
    r"(?:\s+(?:in\s+an?\s+(?:\w+\s+)?(?:statement|press\s+release|release|tweet|post|video|message|interview|"
    r"briefing|communique|bulletin)|on\s+(?:twitter|facebook|telegram|(?:its|his|their)\s+(?:\w+\s+){0,2}?"
    r"(?:website|account|channel|feed|page)s?)|(?:to\s+)?(?:afp|reuters|reporters|journalists)))?"
)
_SPEECH_BEFORE = _IRx(r"\b(?:" + rules.verbs().statement_before.alternation + r")" + _MEDIUM + r"\s+(?:on\s+)?$")
_SPEECH_AFTER = _IRx(r"^,?\s*(?:" + rules.verbs().statement_after.alternation + r")\b")
# a fronted time adjunct before the subject of a reporting clause ("On Monday the monitor said the
# SDF now held ...", "Last week it announced the death ..."): the adjunct scopes over the clause it
# opens, the saying (Quirk et al. 1985, 8.17-8.19 on initial adverbials and their scope); the
# subject is a pronoun or a short definite or proper noun phrase, no verb or comma in it
_SPEECH_FRONTED = _IRx(
    r"^,?\s*(?:it|he|she|they|(?:the|its|their|a|an)\s+(?:[\w'\u2019.-]+\s+){0,5}?[\w.-]+|"
    r"[\w.-]+(?:\s+[\w.-]+){0,2})\s+(?:"
    # not "claimed": "On Monday the SDF claimed the district" is a capture
    + "|".join(re.escape(w) for w in rules.verbs().statement_after.words if w != "claimed")
    + r")\b"
)


#: expressions counted from a day (kinds of :class:`ResolvedDate`): said on a day, they count from it
#: ('the Observatory said on Wednesday ... in the past 48 hours' runs up to that Wednesday)
RELATIVE_KINDS = frozenset(
    {"yesterday", "today", "overnight", "past week", "past hours", "recent", "this week", "earlier this week"}
    | {"days into", "the month"}
)

# "the toll of Tuesday's strike": the incident counted is the one of that day, whatever else the
# sentence dates ("Rescue workers dug more bodies out today, pushing up the toll of Tuesday's strike")
_TOLL_OF = _IRx(r"\b(?:toll|victims|casualties|dead|aftermath|wake|survivors|rubble)\s+(?:of|from|in)\s+(?:the\s+)?$")


def is_toll_of(sentence: str, d: ResolvedDate) -> bool:
    """Is ``d`` the day of an incident whose toll or aftermath the sentence tells ("the toll of Tuesday's strike")?"""
    return d.text.lower().endswith(("'s", "\u2019s")) and bool(
        _TOLL_OF.search(sentence[max(0, d.span_start - 32) : d.span_start])
    )


# "After a night of heavy air strikes, the SDF on Tuesday stormed ...": the strikes ran through the
# night before that day
_NIGHT_OF = _IRx(r"\b(?:after|following)\s+(?:a|another)\s+(?:\w+\s+)?night\s+of\b")


def night_before(sentence: str, d: ResolvedDate) -> bool:
    """Does ``sentence`` tell "a night of" something before the day ``d`` it names?"""
    return d.start == d.end and _NIGHT_OF.search(sentence[: d.span_start]) is not None


def is_statement_date(sentence: str, d: ResolvedDate) -> bool:
    """Is ``d`` (found in ``sentence``) the day a statement was made rather than the event's day?"""
    before = sentence[max(0, d.span_start - 72) : d.span_start]
    after = sentence[d.span_end : d.span_end + 48]
    return bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.search(after) or _fronted(sentence, d, after))


def _fronted(sentence: str, d: ResolvedDate, after: str) -> bool:
    """Does ``d`` open the sentence (or a clause after a colon or semicolon) as the time of the
    reporting clause that follows it ("On Monday the monitor said ...")?"""
    head = sentence[: d.span_start]
    opens = not head.strip(" \t\"\u201c") or head.rstrip().endswith((":", ";"))
    return opens and _SPEECH_FRONTED.match(after) is not None


def week_up_to(lo: date, hi: date) -> tuple[date, date, str]:
    """``(start, end, precision)`` of the week ending on ``lo`` .. ``hi``."""
    start = lo - timedelta(days=UNDATED_DAYS)
    return start, hi, _widen("week", start, hi)


def period(start: date, end: date) -> tuple[date, date, str]:
    """``(start, end, precision)`` of the days ``start`` .. ``end``, the precision by their span."""
    return start, end, _widen("day", start, end)


def date_of(sentence: str, published: date | str | tuple, *, default_to_published: bool = False) -> ResolvedDate | None:
    """The date of the event a sentence reports.

    Its first date expression that is not merely when a statement was made
    (:func:`is_statement_date`); failing that, the week up to the statement's
    day (text kept).

    Parameters
    ----------
    sentence : str
        One sentence.
    published : date, str or (earliest, latest)
        Publication date or range.
    default_to_published : bool, keyword-only
        When no expression is found, return the week up to publication
        (text ``""``) instead of ``None`` -- an undated report happened on or
        before publication, but how long before is unknown, so callers should
        treat the end as an upper bound only.
    """
    found = find_dates(sentence, published)
    for d in found:
        if not is_statement_date(sentence, d):
            return d
    if found:
        d = found[0]
        start, end, prec = week_up_to(d.start, d.end)
        return ResolvedDate(start, end, prec, d.text, d.span_start, d.span_end)
    if default_to_published:
        start, end, prec = week_up_to(*_pub(published))
        return ResolvedDate(start, end, prec, "", 0, 0)
    return None
