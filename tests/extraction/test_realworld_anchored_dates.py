"""When it happened (issue 16, round 4): dates relative to another event and to a statement.

Tables from the tune half (``tests/data/realworld/tune``) with counter-cases:

- anchored relative expressions (TimeML/TIMEX3 anchored durations; Quirk et al. 1985 on "after"
  and "before"): "Monday's shootdown came a day after a U.S. Navy fighter downed a Syrian SU-22"
  dates the downing on Sunday; "a day after Monday's strike" is Tuesday;
- a fronted statement date ("On Monday the monitor said ...", "Last week it announced ..."): the day
  of the saying, not of what is said;
- a speaker's "today" inside a quotation, with no day of the statement in the sentence: the day the
  speaker spoke, the day of filing or the day before (Reichenbach's speech time is the speaker's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gazetteer
from geo.extraction.dates import find_dates, is_statement_date
from geo.extraction.extract import extract_text

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["a", "two", "three", "four", "five", "six", "seven"]

# (sentence, publication day, first date's start, end); tune article in the comment
ANCHORED = [
    # r10: the anchor in the subject of "came": the complement's event, a day before Monday
    (
        "Monday's shootdown came a day after a U.S. Navy fighter downed a Syrian air force SU-22 south of "
        "Tabqa, which Washington said had bombed U.S.-backed fighters.",
        "2017-06-20",
        "2017-06-18",
        "2017-06-18",
    ),
    # the anchor in the complement: the clause's own event, a day after Monday
    (
        "The SDF stormed the district a day after Monday's strike on the bridge.",
        "2017-06-20",
        "2017-06-20",
        "2017-06-20",
    ),
    ("Two days before the breach on June 6, jets hit the wall.", "2017-06-20", "2017-06-04", "2017-06-04"),
    ("The raid came the day after the June 8 ambush near Tanf.", "2017-06-20", "2017-06-09", "2017-06-09"),
    # counter-cases: a comma between the phrase and the date (another clause), no verb of sequence
    (
        "The SDF entered Tabqa on Monday, two days after the coalition bombed the dam.",
        "2017-06-20",
        "2017-06-19",
        "2017-06-19",
    ),
    ("On Monday, a day after the strike, people fled.", "2017-06-20", "2017-06-19", "2017-06-19"),
    # "a day after" a day that would put the event after publication: the anchor stays as it is
    ("Fighting resumed a day after Tuesday's truce.", "2017-06-20", "2017-06-20", "2017-06-20"),
    # a range is no anchor
    ("Jets struck a day after the talks of 5-9 June.", "2017-06-20", "2017-06-05", "2017-06-09"),
]


@pytest.mark.parametrize(("text", "pub", "start", "end"), ANCHORED)
def test_anchored_relative_expressions(text: str, pub: str, start: str, end: str) -> None:
    d = find_dates(text, pub)[0]
    assert (d.start.isoformat(), d.end.isoformat()) == (start, end)


@settings(max_examples=150, deadline=None)
@given(
    pub=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2019, 12, 31)),
    wd=st.integers(0, 6),
    n=st.integers(1, 7),
    subject=st.booleans(),
)
def test_an_anchored_day_is_the_anchor_moved_by_the_offset(pub: dt.date, wd: int, n: int, subject: bool) -> None:
    anchor = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)  # "<weekday>'s": on or before publication
    days = f"{NUMBERS[n - 1]} day{'s' if n > 1 else ''}"
    if subject:
        text = f"{WEEKDAYS[wd]}'s attack came {days} after jets struck the bridge."
        want = anchor - dt.timedelta(days=n)
    else:
        text = f"The SDF stormed the village {days} after {WEEKDAYS[wd]}'s strike."
        want = anchor + dt.timedelta(days=n)
        if want > pub:
            want = anchor  # never after publication: the anchor is left as it is
    d = find_dates(text, pub)[0]
    assert (d.start, d.end) == (want, want)


# (sentence, is the first date the statement's?)
FRONTED = [
    # r12: a time adjunct before the subject of a reporting clause dates the saying
    (
        "On Monday the monitor said the SDF now held about a quarter of the city: al-Meshleb and al-Senaa in "
        "the south-east are entirely in its hands.",
        True,
    ),
    ("Last week it announced the death in an air strike in Syria of Fawaz al-Rawi.", True),
    ("On Monday, the Syrian Observatory for Human Rights said 12 civilians died.", True),
    ("The jets returned: on Tuesday the coalition confirmed two more strikes.", True),
    # counter-cases: the clause after the date tells the event, or "claimed" is a capture
    ("On Monday the SDF claimed the district of al-Sinaa.", False),
    ("On Monday jets struck a school, activists said.", False),
    ("On Monday IS fighters killed five people in Tabqa.", False),
    ("Jets hit the bridge on Monday the monitor said.", False),
    ("The SDF said that on Monday its fighters took the hospital.", False),
]


@pytest.mark.parametrize(("text", "said"), FRONTED)
def test_a_fronted_date_of_a_reporting_clause_is_the_statement_s(text: str, said: bool) -> None:
    d = find_dates(text, "2017-06-26")[0]
    assert is_statement_date(text, d) is said


def _first(gz: gazetteer.Gazetteer, text: str, pub: str) -> dict[str, Any]:
    reps = extract_text(text, article_id="d", published=pub, outlet="Reuters", gz=gz)
    assert reps, text
    return reps[0]


QADISIYA = (
    '"Our forces liberated al-Qadisiya today after three days of clashes with the Daesh mercenaries," '
    "the Syrian Democratic Forces (SDF) said on one of its official social media feeds."
)

# (article text, publication day, the first report's date_start, date_end)
EXTRACTED = [
    # r12: a quoted "today" with no day of the statement: filed that day or the next
    (QADISIYA, "2017-06-26", "2017-06-25", "2017-06-26"),
    # r12: with a dateline, counted from the dateline's day
    ("BEIRUT, June 26 (Reuters) - Headline\n\n" + QADISIYA, "2017-06-27", "2017-06-25", "2017-06-26"),
    # counter-case: outside quotes "today" is the reporter's day
    (
        "The SDF liberated al-Qadisiya in Raqqa today after three days of clashes.",
        "2017-06-26",
        "2017-06-26",
        "2017-06-26",
    ),
    # counter-case: the statement's day given: the speaker's today is that day
    (
        '"Our forces liberated al-Qadisiya today," the SDF said on Sunday.',
        "2017-06-26",
        "2017-06-25",
        "2017-06-25",
    ),
    # a quotation opened in the sentence before, closed after "yesterday"
    (
        '"The fighting goes on. We took al-Qadisiya in Raqqa yesterday," an SDF commander said.',
        "2017-06-26",
        "2017-06-24",
        "2017-06-25",
    ),
    # r12: the state the monitor told on Monday: since the offensive opened (stated before) up to then
    (
        "The offensive on the city opened on June 6. On Monday the monitor said the SDF now held about a "
        "quarter of the city: al-Meshleb and al-Senaa in the south-east are entirely in its hands.",
        "2017-06-26",
        "2017-06-06",
        "2017-06-26",
    ),
    # r10: the downing a day before Monday's shootdown
    (
        "Monday's shootdown came a day after a U.S. Navy fighter downed a Syrian air force SU-22 south of "
        "Tabqa, which Washington said had bombed U.S.-backed fighters.",
        "2017-06-20",
        "2017-06-18",
        "2017-06-18",
    ),
]


@pytest.mark.parametrize(("text", "pub", "start", "end"), EXTRACTED)
def test_report_dates_relative_to_an_event_or_a_statement(
    gz: gazetteer.Gazetteer, text: str, pub: str, start: str, end: str
) -> None:
    reps = extract_text(text, article_id="d", published=pub, outlet="Reuters", gz=gz)
    assert reps, text
    r = reps[-1]  # the sentence's report (after the launch sentence where there is one)
    assert (r["date_start"], r["date_end"]) == (start, end)


@settings(max_examples=40, deadline=None)
@given(pub=st.dates(min_value=dt.date(2016, 1, 2), max_value=dt.date(2018, 12, 31)), quoted=st.booleans())
def test_a_quoted_today_reaches_back_a_day_an_unquoted_one_does_not(
    gz: gazetteer.Gazetteer, pub: dt.date, quoted: bool
) -> None:
    text = (
        '"Our forces captured al-Qadisiya in Raqqa today," the SDF said.'
        if quoted
        else "The SDF captured al-Qadisiya in Raqqa today, the alliance said."
    )
    r = _first(gz, text, pub.isoformat())
    back = 1 if quoted else 0
    assert (r["date_start"], r["date_end"]) == ((pub - dt.timedelta(days=back)).isoformat(), pub.isoformat())


MAADAN = (
    "DAMASCUS, Sept. 23 (Xinhua) -- The Syrian army on Saturday captured Maadan, the last town held by the "
    "Islamic State (IS) group in the eastern countryside of Raqqa province, a military source said.\n\n"
)

# (article text, publication day, the last report's date_start, date_end)
SHIFTED = [
    # r26: "A day earlier, ..." with no day of its own: a day before the day the story told last
    (
        MAADAN + "A day earlier, they had taken the nearby village of Maadan Atiq, the source added.",
        "2017-09-23",
        "2017-09-22",
        "2017-09-22",
    ),
    (
        MAADAN + "The previous night, the army captured the village of Maadan Atiq.",
        "2017-09-23",
        "2017-09-22",
        "2017-09-22",
    ),
    # counter-cases: its own day after the shift ("A day earlier, on Monday"): that day
    (
        "BEIRUT, Sept 5 (Reuters) - Headline\n\nThe army broke the siege of Deir al-Zor on Tuesday. A day earlier, "
        "on Monday, a rapid thrust had brought the army to within 3 km of the enclave.",
        "2017-09-05",
        "2017-09-04",
        "2017-09-04",
    ),
    # a bare "Earlier," measures nothing: the week up to publication
    (
        MAADAN + "Earlier, they had taken the nearby village of Maadan Atiq, the source added.",
        "2017-09-23",
        "2017-09-17",
        "2017-09-23",
    ),
    # no day told before: the week up to publication
    (
        "A day earlier, they had taken the nearby village of Maadan Atiq, the source added.",
        "2017-09-23",
        "2017-09-17",
        "2017-09-23",
    ),
    # the shifted day would fall after publication: not taken
    (MAADAN + "A day later, the army captured the village of Maadan Atiq.", "2017-09-23", "2017-09-17", "2017-09-23"),
]


@pytest.mark.parametrize(("text", "pub", "start", "end"), SHIFTED)
def test_a_shift_opener_counts_from_the_day_told_before(
    gz: gazetteer.Gazetteer, text: str, pub: str, start: str, end: str
) -> None:
    reps = extract_text(text, article_id="d", published=pub, outlet="Xinhua", gz=gz)
    assert reps, text
    r = reps[-1]
    assert (r["date_start"], r["date_end"]) == (start, end)


@settings(max_examples=60, deadline=None)
@given(day=st.integers(1, 20), n=st.integers(1, 7), later=st.booleans(), lag=st.integers(0, 10))
def test_a_measured_shift_moves_the_day_told_by_its_measure(
    gz: gazetteer.Gazetteer, day: int, n: int, later: bool, lag: int
) -> None:
    told = dt.date(2017, 6, day)
    pub = told + dt.timedelta(days=n + lag)  # the shifted day is never after publication
    text = (
        f"Coalition jets struck the al-Mishlab district of Raqqa on June {day}. "
        f"{NUMBERS[n - 1].capitalize()} day{'s' if n > 1 else ''} {'later' if later else 'earlier'}, "
        "the SDF captured the village of Hawi al-Hawa."
    )
    r = extract_text(text, article_id="d", published=pub.isoformat(), outlet="AFP", gz=gz)[-1]
    want = told + dt.timedelta(days=n if later else -n)
    assert (r["date_start"], r["date_end"]) == (want.isoformat(), want.isoformat())
