"""Tests of geo.extraction.dates: relative dates against a publication date range."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extraction.dates import (
    PRECISIONS,
    date_of,
    find_dates,
    parse_published,
    parse_published_range,
    publication_range,
    resolve,
)

P000 = ("2017-06-09", "2017-06-10")  # Fri..Sat
P001 = ("2017-06-11", "2017-06-11")  # Sun
P002 = ("2017-06-10", "2017-06-11")  # Sat..Sun
P003 = ("2017-06-07", "2017-06-07")  # Wed
P004 = ("2017-08-24", "2017-08-30")  # Thu..Wed

TABLE = [
    # seed sentences
    (
        "over the city on Thursday, the activist-run Raqqa Is Being Slaughtered Silently claimed.",
        P000,
        "2017-06-08",
        "2017-06-08",
        "day",
    ),
    ("The SDF broke into Raqqa city for the first time earlier this week", P000, "2017-06-05", "2017-06-09", "week"),
    (
        "SDF fighters took parts of the suburb of Jazra just west of Raqqa's city limits on Friday.",
        P000,
        "2017-06-09",
        "2017-06-09",
        "day",
    ),
    ("The Observatory said 23 civilians were killed on Thursday night", P000, "2017-06-08", "2017-06-08", "day"),
    ("was launched last Tuesday by the U.S-backed Syrian Democratic Forces", P001, "2017-06-06", "2017-06-06", "day"),
    ("Over the weekend, a group of Syrian journalists", P001, "2017-06-10", "2017-06-11", "range"),
    ("The International Rescue Committee warned last week that", P001, "2017-05-29", "2017-06-10", "week"),
    ("released images over the weekend of what is said", P002, "2017-06-10", "2017-06-11", "range"),
    ("the forces and a war monitor said on Saturday.", P002, "2017-06-10", "2017-06-10", "day"),
    (
        "The SDF said it had seized al-Mishlab district in the far east of Raqqa on Friday",
        P002,
        "2017-06-09",
        "2017-06-09",
        "day",
    ),
    (
        "US-backed fighters gained ground against the Islamic State group in the streets of Raqqa on Wednesday",
        P003,
        "2017-06-07",
        "2017-06-07",
        "day",
    ),
    ("On Tuesday, the SDF's Arab and Kurdish fighters finally broke into", P003, "2017-06-06", "2017-06-06", "day"),
    ("Late on Monday, at least 21 civilians were killed", P003, "2017-06-05", "2017-06-05", "day"),
    ("One of Tuesday's air strikes inside the city killed eight civilians", P003, "2017-06-06", "2017-06-06", "day"),
    (
        "on the northern outskirts of Raqqa, on June 6, 2017. (DELIL SOULEIMAN/AFP)",
        P003,
        "2017-06-06",
        "2017-06-06",
        "day",
    ),
    ("near Mosul, Iraq October 24, 2016.", P002, "2016-10-24", "2016-10-24", "day"),
    ("pushed ISIL from Mosul in neighbouring Iraq last month.", P004, "2017-07-01", "2017-07-31", "month"),
    ("Jan Egeland called Thursday for a humanitarian pause", P004, "2017-08-24", "2017-08-24", "day"),
    (
        "But the coalition acknowledged on Wednesday it has escalated its attacks",
        P004,
        "2017-08-23",
        "2017-08-30",
        "week",
    ),
    ("fleeing Raqqa's southern Nazlat a-Shahadah district this week.", P004, "2017-08-21", "2017-08-30", "week"),
    ("in Raqqa earlier this month.", P004, "2017-08-01", "2017-08-30", "month"),
    # own
    ("yesterday", P003, "2017-06-06", "2017-06-06", "day"),
    ("yesterday", P000, "2017-06-08", "2017-06-09", "range"),
    ("today", P003, "2017-06-07", "2017-06-07", "day"),
    ("last night", P001, "2017-06-10", "2017-06-10", "day"),
    ("6 June 2017", P004, "2017-06-06", "2017-06-06", "day"),
    ("on 6th June", P001, "2017-06-06", "2017-06-06", "day"),
    ("in August 2014", P003, "2014-08-01", "2014-08-31", "month"),
    ("2017-06-06", P001, "2017-06-06", "2017-06-06", "day"),
    ("last week", P003, "2017-05-29", "2017-06-04", "week"),
    ("over the past week", P003, "2017-05-31", "2017-06-07", "week"),
    ("last Wednesday", P003, "2017-05-31", "2017-05-31", "day"),
    ("on Wednesday", P003, "2017-06-07", "2017-06-07", "day"),
    ("since Friday", ("2017-08-14", "2017-08-15"), "2017-08-11", "2017-08-15", "range"),
    ("over the weekend", ("2017-08-14", "2017-08-15"), "2017-08-12", "2017-08-13", "range"),
    ("last weekend", P001, "2017-06-03", "2017-06-04", "range"),
    ("on Saturday", P000, "2017-06-03", "2017-06-10", "week"),
    ("last month", ("2017-01-05", "2017-01-05"), "2016-12-01", "2016-12-31", "month"),
]


@pytest.mark.parametrize("text,pub,start,end,precision", TABLE)
def test_resolve_table(text: str, pub: tuple, start: str, end: str, precision: str) -> None:
    r = resolve(text, pub)
    assert r is not None
    assert (r.start.isoformat(), r.end.isoformat(), r.precision) == (start, end, precision)
    assert text[r.span_start : r.span_end] == r.text


@pytest.mark.parametrize(
    "text",
    [
        "next Monday",
        "on June 20, 2017",
        "tomorrow",
        "The citadel sits on a hilltop.",
        "about 5 may have died",
        "in recent months",
    ],
)
def test_unresolvable_or_future(text: str) -> None:
    assert date_of(text, P003) is None


def test_date_text_as_written() -> None:
    assert resolve("Late on Monday, at least 21 civilians were killed", P003).text == "Late on Monday"


def test_find_dates_several() -> None:
    found = find_dates("the UN humanitarian office said on Tuesday that last month about 160,000", P003)
    assert [f.text for f in found] == ["on Tuesday", "last month"]


def test_default_to_published() -> None:
    # undated: the week up to publication (an upper bound), never the publication day itself
    r = date_of("no date here", P000, default_to_published=True)
    assert (r.start, r.end, r.precision, r.text) == (date(2017, 6, 3), date(2017, 6, 10), "week", "")


# sentence -> (start, end, precision, text) of the event's date; published Tuesday 2017-07-04
EVENT_DATES = [
    ("Jets struck a bakery on Sunday.", ("2017-07-02", "2017-07-02", "day", "on Sunday")),
    (
        "Jets struck a bakery on Sunday, the Observatory said on Monday.",
        ("2017-07-02", "2017-07-02", "day", "on Sunday"),
    ),
    (
        "The Observatory said on Monday that jets struck a bakery on Sunday.",
        ("2017-07-02", "2017-07-02", "day", "on Sunday"),
    ),
    ("The coalition said on Monday that it had struck the wall.", ("2017-06-27", "2017-07-03", "week", "on Monday")),
    (
        "The coalition said late on Monday it had struck the wall.",
        ("2017-06-27", "2017-07-03", "week", "late on Monday"),
    ),
    ("The coalition on Monday said it had struck the wall.", ("2017-06-27", "2017-07-03", "week", "on Monday")),
    ("The coalition acknowledged on Monday it had struck the wall.", ("2017-06-27", "2017-07-03", "week", "on Monday")),
    ("The wall was struck, the coalition said on Monday.", ("2017-06-27", "2017-07-03", "week", "on Monday")),
    ("Fighting raged on Monday, the coalition said.", ("2017-07-03", "2017-07-03", "day", "on Monday")),
    ("The Observatory said that on Sunday jets struck a bakery.", ("2017-07-02", "2017-07-02", "day", "on Sunday")),
]


@pytest.mark.parametrize("sentence,expected", EVENT_DATES)
def test_the_day_something_was_said_only_bounds_the_event(sentence: str, expected: tuple) -> None:
    r = date_of(sentence, "2017-07-04")
    assert (r.start.isoformat(), r.end.isoformat(), r.precision, r.text) == expected
    assert sentence[r.span_start : r.span_end] == r.text


def test_accepts_date_objects() -> None:
    assert resolve("on Monday", date(2017, 6, 7)).start == date(2017, 6, 5)
    assert resolve("on Monday", (date(2017, 6, 7), date(2017, 6, 7))).start == date(2017, 6, 5)


@pytest.mark.parametrize(
    "s,expected",
    [
        ("2017-06-07", date(2017, 6, 7)),
        (" 2017-06-07\n", date(2017, 6, 7)),
        ("2016-02-29", date(2016, 2, 29)),
    ],
)
def test_parse_published(s: str, expected: date) -> None:
    assert parse_published(s) == expected


@pytest.mark.parametrize(
    "bad", ["", "2017-6-7", "07/06/2017", "2017-13-01", "2017-02-30", "June 7, 2017", "2017-06-07T10:00", "yesterday"]
)
def test_parse_published_errors_quote_value(bad: str) -> None:
    with pytest.raises(
        ValueError,
        match="could not parse "
        + repr(bad).replace("(", r"\(").replace(")", r"\)").replace(".", r"\.").replace("+", r"\+"),
    ):
        parse_published(bad)


def test_parse_published_range() -> None:
    assert parse_published_range("2017-06-09/2017-06-10") == (date(2017, 6, 9), date(2017, 6, 10))
    assert parse_published_range("2017-06-09..2017-06-10") == (date(2017, 6, 9), date(2017, 6, 10))
    assert parse_published_range("2017-06-09") == (date(2017, 6, 9), date(2017, 6, 9))
    with pytest.raises(ValueError, match="expected earliest <= latest"):
        parse_published_range("2017-06-10/2017-06-09")
    with pytest.raises(ValueError, match="could not parse"):
        parse_published_range("2017-06-10/2017-06-09/2017-06-08")


def test_publication_range_order() -> None:
    with pytest.raises(ValueError, match="'2017-06-10'..'2017-06-09'"):
        publication_range(date(2017, 6, 10), date(2017, 6, 9))


_pub_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
_EXPRS = [
    "on Monday",
    "late on Tuesday",
    "last Wednesday",
    "on Thursday night",
    "Friday's",
    "last Saturday",
    "since Sunday",
    "over the weekend",
    "last weekend",
    "this week",
    "earlier this week",
    "last week",
    "the past week",
    "last month",
    "this month",
    "yesterday",
    "today",
    "last night",
    "overnight",
    "June 6, 2017",
    "6 June 2017",
    "October 24, 2016",
    "June 6",
    "December 31",
    "February 29",
    "in August 2014",
    "2017-06-06",
    "next Monday",
    "Jun 11, 2017 at 9:52 AM ET",
]


def _check(found: list, lo: date, hi: date, text: str) -> None:
    for r in found:
        assert r.start <= r.end
        assert r.end <= hi
        assert r.precision in PRECISIONS
        assert text[r.span_start : r.span_end] == r.text


@settings(max_examples=300, deadline=None)
@given(st.text(), _pub_dates, st.integers(min_value=0, max_value=10))
def test_no_crash_arbitrary_text(text: str, lo: date, width: int) -> None:
    hi = lo + timedelta(days=width)
    _check(find_dates(text, (lo, hi)), lo, hi, text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_EXPRS), min_size=1, max_size=4), _pub_dates, st.integers(min_value=0, max_value=10))
def test_resolved_within_publication_range(exprs: list[str], lo: date, width: int) -> None:
    hi = lo + timedelta(days=width)
    text = ", and ".join(exprs)
    found = find_dates(text, (lo, hi))
    _check(found, lo, hi, text)
    for r in found:
        # relative expressions never reach before a generous window
        if not any(ch.isdigit() for ch in r.text) and "month" not in r.text:
            assert r.start >= lo - timedelta(days=16)
        if width == 0 and r.text.lower() in ("today", "yesterday", "on monday"):
            assert r.precision == "day"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_EXPRS), _pub_dates)
def test_range_contains_both_ends(expr: str, d: date) -> None:
    """Resolving against a range covers what each end alone gives."""
    both = resolve(expr, (d, d + timedelta(days=3)))
    a = resolve(expr, d)
    b = resolve(expr, d + timedelta(days=3))
    if both is not None and a is not None and b is not None:
        assert both.start <= min(a.start, b.start) and both.end >= max(a.end, b.end)
