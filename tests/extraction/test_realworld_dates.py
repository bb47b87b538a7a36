"""Date expressions of real reporting (issue 16, round 3), as tables from the tune half.

The sentences are those of ``tests/data/realworld/tune`` (the project's own words, the
reporting's constructions): a bare month ("captured in May", "since early July"), the date
of a since-clause ("since the SDF opened its assault on Raqqa on June 6"), ranges opened
inside a weekday ("From Monday 5 June 2017 until Saturday 10 June", "from Tuesday night into
Wednesday"), a weekday in apposition to the date it names ("late on Saturday, July 22"),
"by Thursday", "in the past 48 hours" and "in recent weeks" counted from a statement's day,
statement dates with where it was said ("said in a statement on Sunday", "reported on June
9"), and the toll of a day's strike ("the toll of Tuesday's coalition strike"). Each table
has its counter-cases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gazetteer
from geo.extraction.dates import find_dates, is_statement_date
from geo.extraction.extract import extract_text

# (sentence, publication day, first date's start, end, precision); tune article in the comment
FIND = [
    # r16: a bare month after "in" is that month (the latest one not after publication)
    (
        "in the town some 50 km west of Raqqa that the alliance captured in May.",
        "2017-07-07",
        "2017-05-01",
        "2017-05-31",
        "month",
    ),
    # r30: the month of publication runs up to publication only
    (
        "Mosul was lost to Iraqi forces in July, and in Syria it now holds little.",
        "2017-07-20",
        "2017-07-01",
        "2017-07-20",
        "month",
    ),
    # r21: "since early July": the first ten days of July, stretched to publication
    (
        "Progress inside the old city has been slow since early July, when coalition jets blew gaps.",
        "2017-09-04",
        "2017-07-01",
        "2017-09-04",
        "month",
    ),
    # r14: "since the start of June"
    (
        "at least 173 civilians killed by air and ground strikes in the city since the start of June.",
        "2017-06-30",
        "2017-06-01",
        "2017-06-30",
        "month",
    ),
    # r12: "since the start of the year"
    (
        "Coalition raids on Raqqa have killed close to 700 civilians since the start of the year.",
        "2017-06-26",
        "2017-01-01",
        "2017-06-26",
        "month",
    ),
    # r22: the date of a since-clause opens the range
    (
        "More than half of the city has changed hands since the SDF opened its assault on Raqqa on June 6.",
        "2017-09-04",
        "2017-06-06",
        "2017-09-04",
        "month",
    ),
    # r29: ... and so does its month
    (
        "the SDF has taken around 90 percent of the city since it broke into Raqa in June.",
        "2017-10-17",
        "2017-06-01",
        "2017-10-17",
        "month",
    ),
    # seed 004: a long since-clause, its date at the end
    (
        "with more aircraft available since a US-backed operation successfully pushed ISIL from Mosul in "
        "neighbouring Iraq last month.",
        "2017-08-30",
        "2017-07-01",
        "2017-08-30",
        "month",
    ),
    # r20: "mid-July" is the middle ten days
    (
        "air strikes on villages since their campaign there began in mid-July, the report says.",
        "2017-08-24",
        "2017-07-11",
        "2017-08-24",
        "month",
    ),
    # r08: "between May and 5 June"
    (
        "Between May and 5 June, it added, the fighting had uprooted more than 100,000 people.",
        "2017-06-16",
        "2017-05-01",
        "2017-06-05",
        "month",
    ),
    # r03: a range whose ends carry their weekdays
    (
        "From Monday 5 June 2017 until Saturday 10 June, the Observatory documented the deaths of 68 civilians.",
        "2017-06-11",
        "2017-06-05",
        "2017-06-10",
        "range",
    ),
    # r25: a night into the next day
    (
        "Flames engulfed the Conoco gas field from Tuesday night into Wednesday.",
        "2017-09-21",
        "2017-09-19",
        "2017-09-20",
        "range",
    ),
    # r26: the weekday names the explicit date's own weekday, not the one before publication
    (
        "Earlier, late on Saturday, July 22, government forces seized an oil field in the Sabkha area.",
        "2017-09-23",
        "2017-07-22",
        "2017-07-22",
        "day",
    ),
    # r28: "by Thursday": done on or before it
    (
        "Parts of the town were in government hands by Thursday, according to a Hezbollah media unit.",
        "2017-10-14",
        "2017-10-06",
        "2017-10-12",
        "week",
    ),
    # r25: "in the past 48 hours"
    (
        "Islamic State jihadists have abandoned five Raqqa neighbourhoods in the past 48 hours.",
        "2017-09-20",
        "2017-09-18",
        "2017-09-20",
        "range",
    ),
    # r07: "Ten days into their offensive"
    (
        "Ten days into their offensive, the Syrian Democratic Forces (SDF) hold four districts of Raqqa.",
        "2017-06-16",
        "2017-06-06",
        "2017-06-16",
        "week",
    ),
    # r14: an OCHA month's report, "over the month"
    (
        "Conditions inside the city got worse over the month as the SDF tightened its grip.",
        "2017-06-30",
        "2017-06-01",
        "2017-06-30",
        "month",
    ),
    # r09: "in recent weeks": four weeks
    (
        "Government troops have in recent weeks pushed Islamic State out of villages.",
        "2017-06-18",
        "2017-05-21",
        "2017-06-18",
        "month",
    ),
]


@pytest.mark.parametrize(("text", "pub", "start", "end", "precision"), FIND)
def test_real_date_expressions(text: str, pub: str, start: str, end: str, precision: str) -> None:
    d = find_dates(text, pub)[0]
    assert (d.start.isoformat(), d.end.isoformat(), d.precision) == (start, end, precision)
    assert text[d.span_start : d.span_end] == d.text


def test_last_month_stays_the_calendar_month() -> None:
    # "the past month" is thirty days; "last month" is still the month before
    past, last = find_dates("Over the past month, and last month above all, strikes rose.", "2017-06-16")
    assert (past.start.isoformat(), past.end.isoformat()) == ("2017-05-17", "2017-06-16")
    assert (last.start.isoformat(), last.end.isoformat()) == ("2017-05-01", "2017-05-31")


# (text, start, end): the days of one month, as real copy joins them (published 16 June 2017)
DAY_RANGES = [
    ("from 5 until 10 June", "2017-06-05", "2017-06-10"),
    ("between 5 and 9 June", "2017-06-05", "2017-06-09"),
    ("Airwars logged 14 events on 5-9 June.", "2017-06-05", "2017-06-09"),
    ("on the night of 8 to 9 June", "2017-06-08", "2017-06-09"),
    ("between June 1 and 5, the monitor said", "2017-06-01", "2017-06-05"),
    ("strikes on June 5-9, the group said", "2017-06-05", "2017-06-09"),
    ("from 5 to 10 May 2017", "2017-05-05", "2017-05-10"),
]


@pytest.mark.parametrize(("text", "start", "end"), DAY_RANGES)
def test_days_of_one_month_joined(text: str, start: str, end: str) -> None:
    d = find_dates(text, "2017-06-16")[0]
    assert (d.start.isoformat(), d.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "On June 5 and 6 people died in the shelling.",  # a count after the day, not its end
        "Between 100 and 200 families crossed the river.",  # counts with no month
        "strikes on 9-5 June",  # backwards: no range
    ],
)
def test_counts_beside_a_day_are_no_range(text: str) -> None:
    assert all(d.start == d.end for d in find_dates(text, "2017-06-16"))


NOT_DATES = [
    "Civilians may be trapped in the old city.",  # the modal, not May
    "May God protect them, he said.",  # a sentence-initial May with no preposition
    "in recent months",  # too vague to date
    "The jets struck targets in Raqqa.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "2017-06-14") == []


def test_a_since_clause_stops_at_the_date_before() -> None:
    # seed 003: the since-clause's "in November" opens a range; "on Tuesday" after it is not in it
    s = (
        "The SDF has scored a series of victories since launching its operation to take Raqqa in November "
        "and on Tuesday announced the battle for Raqqa itself had begun."
    )
    nov, tue = find_dates(s, "2017-06-07")
    assert (nov.start.isoformat(), nov.end.isoformat()) == ("2016-11-01", "2017-06-07")
    assert (tue.start.isoformat(), tue.end.isoformat()) == ("2017-06-06", "2017-06-06")


# (sentence, is its first date the day of a statement)
STATEMENTS = [
    ("their alliance said in a statement on Sunday.", True),  # r12
    ("Coalition spokesman Col. Ryan Dillon wrote on Twitter on Sunday afternoon.", True),  # r24
    ("the state news agency SANA reported on June 9 that phosphorus shells had killed 17 people.", True),  # r06
    ("the U.S.-led Coalition confirmed in a press release on Saturday, October 14.", True),  # r27
    ("the Observatory's chief told AFP on Tuesday.", True),
    # counter-cases: the date after "that" is the event's; a place between verb and date is not a medium
    ("The coalition said that on Monday jets struck a convoy.", False),
    ("Fighters stormed the district on Tuesday, the SDF said.", False),
]


@pytest.mark.parametrize(("text", "said"), STATEMENTS)
def test_statement_dates_with_where_it_was_said(text: str, said: bool) -> None:
    d = find_dates(text, "2017-10-14")[0]
    assert is_statement_date(text, d) is said


def _first(gz: gazetteer.Gazetteer, text: str, pub: str) -> dict[str, Any]:
    reps = extract_text(text, article_id="d", published=pub, outlet="Reuters", gz=gz)
    assert reps, text
    return reps[0]


# (article text, publication day, the first report's date_start, date_end)
EXTRACTED = [
    # r17: the toll of Tuesday's strike, not today's digging
    (
        "Rescue workers dug more bodies out of the rubble in central Raqqa today, pushing up the toll of "
        "Tuesday's coalition strike on al-Moataz Street.",
        "2017-08-17",
        "2017-08-15",
        "2017-08-15",
    ),
    # r12: "since the start of the year ..., said on Saturday": up to the statement
    (
        "Coalition raids on Raqqa and its surroundings have killed close to 700 civilians since the start of the "
        "year, the Syrian Observatory for Human Rights said on Saturday.",
        "2017-06-26",
        "2017-01-01",
        "2017-06-24",
    ),
    # r25: "in the past 48 hours ..., said on Wednesday": counted from the statement's day
    (
        "Islamic State jihadists have abandoned at least five key Raqqa neighbourhoods in the past 48 hours, "
        "leaving US-backed fighters in control of 90 percent of the city, a monitor said on Wednesday.",
        "2017-09-21",
        "2017-09-18",
        "2017-09-20",
    ),
    # r01: "After a night of heavy air strikes, ... on Tuesday stormed": from Monday night
    (
        "After a night of heavy air strikes, fighters of the U.S.-backed Syrian Democratic Forces (SDF) on "
        "Tuesday stormed al-Mishlab on the eastern edge of Raqqa, the Syrian Observatory for Human Rights said.",
        "2017-06-06",
        "2017-06-05",
        "2017-06-06",
    ),
    # r12: said in a statement on Sunday: the week up to it, not the day
    (
        "Kurdish and Arab fighters have captured al-Qadisiya, a district of Raqqa, from Islamic State after "
        "three days of heavy fighting, their alliance said in a statement on Sunday.",
        "2017-06-26",
        "2017-06-19",
        "2017-06-25",
    ),
]


@pytest.mark.parametrize(("text", "pub", "start", "end"), EXTRACTED)
def test_report_dates_of_real_sentences(gz: gazetteer.Gazetteer, text: str, pub: str, start: str, end: str) -> None:
    r = _first(gz, text, pub)
    assert (r["date_start"], r["date_end"]) == (start, end)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@settings(max_examples=200, deadline=None)
@given(
    pub=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2019, 12, 31)),
    month=st.integers(min_value=1, max_value=12),
    prep=st.sampled_from(["in", "during", "since", "by", "until"]),
    part=st.sampled_from(["", "early ", "mid-", "late ", "the start of ", "the end of "]),
)
@example(pub=dt.date(2015, 1, 1), month=1, prep="by", part="")  # found in CI: "by" read the cut month as a day
def test_a_bare_month_is_the_latest_such_month_up_to_publication(
    pub: dt.date, month: int, prep: str, part: str
) -> None:
    text = f"The SDF took the village {prep} {part}{MONTHS[month - 1]}, the monitor said."
    found = find_dates(text, pub)
    first_day = {"mid-": 11, "late ": 21, "the end of ": 21}.get(part, 1)
    if not found:  # only a part of the month X that is still ahead when published in X
        assert pub.month == month and pub.day < first_day
        return
    d = found[0]
    assert d.start.month == month and d.start <= d.end <= pub
    assert (pub - d.start).days < 366  # the latest such month, never one a year earlier
    if prep == "since":
        assert d.end == pub


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2019, 12, 31)), later=st.integers(0, 400))
def test_a_weekday_apposed_to_its_date_is_that_date(day: dt.date, later: int) -> None:
    weekday = day.strftime("%A")
    text = f"Late on {weekday}, {MONTHS[day.month - 1]} {day.day}, {day.year}, jets struck the town."
    found = find_dates(text, day + dt.timedelta(days=later))
    assert [(d.start, d.end) for d in found] == [(day, day)]


@settings(max_examples=200, deadline=None)
@given(
    first=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2019, 12, 28)).filter(
        lambda d: not (d.month == 2 and d.day == 29)
    ),
    span=st.integers(1, 27),
    join=st.sampled_from(["-", " to ", " until ", " and ", "\u2013"]),
    later=st.integers(0, 300),
    mdy=st.booleans(),
)
def test_days_of_one_month_are_that_range(first: dt.date, span: int, join: str, later: int, mdy: bool) -> None:
    last = first + dt.timedelta(days=span)
    if last.month != first.month:
        return
    month = MONTHS[first.month - 1]
    days = f"{first.day}{join}{last.day}"
    text = f"between {month} {days}, the monitor said" if mdy else f"between {days} {month}, the monitor said"
    pub = last + dt.timedelta(days=later)
    if pub >= dt.date(first.year + 1, first.month, first.day):  # a year on, the latest such month is later
        return
    found = find_dates(text, pub)
    assert [(d.start, d.end) for d in found] == [(first, last)]
