"""Tests of geo.extraction.numbers: casualty figures in sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extraction.numbers import Amount, casualties, parse_amount, parse_number, quantities

N = None

# sentence -> (deaths_low, deaths_best, deaths_high, injured_low, injured_high)
CASUALTY_TABLE = [
    # seeds
    (
        "Late on Monday, at least 21 civilians were killed in a coalition strike as they tried to escape "
        "Raqqa by dinghy on the Euphrates River, the Observatory said.",
        (21, N, N, N, N),
    ),
    (
        "More than 10 people were killed and dozens injured on Saturday when jets believed to belong to the "
        "US-led coalition hit the city's main Nour Street in the center of the commercial area, they said.",
        (11, N, N, 24, N),
    ),
    ("The agency said 33 people were killed and 25 injured in a series of raids.", (33, 33, 33, 25, 25)),
    (
        "One of Tuesday's air strikes inside the city killed eight civilians, including three children, "
        "Observatory head Rami Abdel Rahman told AFP.",
        (8, 8, 8, N, N),
    ),
    (
        "The Observatory said 23 civilians were killed on Thursday night in over two dozen US-led coalition "
        "strikes on and near Raqqa.",
        (23, 23, 23, N, N),
    ),
    (
        "Former residents in touch with relatives in the beleaguered city said at least 50 people, mostly "
        "civilians, were killed in escalating US-led strikes on residential areas inside the city.",
        (50, N, N, N, N),
    ),
    (
        "The other strike that killed at least 14 people was in the western neighborhood of Jazra, where jets "
        "targeted an internet cafe, according to Muhab Nasser, an exile from Raqqa in touch with relatives "
        "and friends.",
        (14, N, N, N, N),
    ),
    ("The Observatory said that at least 17 pro-regime troops were killed in the air strike.", (17, N, N, N, N)),
    # not casualties
    (
        "But thousands have fled in recent months, and the UN humanitarian office estimates about 160,000 "
        "people remain in the city.",
        (N, N, N, N, N),
    ),
    (
        "The International Rescue Committee warned last week that 200,000 people are still trapped inside "
        "Raqqa, including tens of thousands of children.",
        (N, N, N, N, N),
    ),
    (
        "An estimated 300,000 civilians were believed to have been living under IS rule in Raqqa, including "
        "80,000 displaced from other parts of Syria.",
        (N, N, N, N, N),
    ),
    ("The US-led coalition estimates that Raqqa is defended by 3,000 to 4,000 jihadists.", (N, N, N, N, N)),
    (
        'The coalition said the contingent was "well advanced" into the 34-mile (55-kilometer) '
        "de-confliction zone, where any intrusion is considered hostile.",
        (N, N, N, N, N),
    ),
    ("The citadel sits on a hilltop roughly two kilometers (just over a mile) from the city limits.", (N, N, N, N, N)),
    ("Jun 11, 2017 at 9:52 AM ET", (N, N, N, N, N)),
    ("Captured by the jihadists in 2014, Raqqa became synonymous with IS atrocities.", (N, N, N, N, N)),
    ("One of the strikes killed nobody, the coalition said.", (N, N, N, N, N)),
    # own
    ("Between 15 and 18 people died in the raid.", (15, N, 18, N, N)),
    ("Twenty-three civilians, including eight children, were killed when shells hit a street.", (23, 23, 23, N, N)),
    ("Two dozen people were killed and scores were wounded.", (24, 24, 24, 40, N)),
    ("Hundreds of civilians have been killed since June.", (200, N, N, N, N)),
    ("The death toll rose to 30 on Monday.", (30, 30, 30, N, N)),
    ("The strike killed some 40 people and wounded up to 100.", (N, 40, N, N, 100)),
    ("Fewer than 10 people were killed.", (N, N, 9, N, N)),
    ("As many as 300,000 people were killed in the war.", (N, N, 300000, N, N)),
    ("A mortar shell hit a crowd, killing at least 6 people and wounding 15, the Observatory said.", (6, N, N, 15, 15)),
    ("Islamic State snipers shot dead four people trying to cross the river on Sunday.", (4, 4, 4, N, N)),
    ("Two or three civilians were wounded.", (N, N, N, 2, 3)),
    ("More than a dozen fighters were killed.", (13, N, N, N, N)),
    ("Three hundred and twenty people were killed.", (320, 320, 320, N, N)),
    ("At least 3,250 people were killed in the four-month battle, including 1,130 civilians.", (3250, N, N, N, N)),
    ("Several dozen civilians were injured.", (N, N, N, 36, N)),
    ("12 dead, 30 wounded in Raqqa strikes", (12, 12, 12, 30, 30)),
    ("Coalition aircraft conducted more than 20 strikes near the stadium on Sunday.", (N, N, N, N, N)),
]


@pytest.mark.parametrize("sentence,expected", CASUALTY_TABLE)
def test_casualties_table(sentence: str, expected: tuple) -> None:
    c = casualties(sentence)
    assert (c.deaths_low, c.deaths_best, c.deaths_high, c.injured_low, c.injured_high) == expected


@pytest.mark.parametrize(
    "sentence,group",
    [
        ("The Observatory said that at least 17 pro-regime troops were killed in the air strike.", "pro-regime troops"),
        (
            "Former residents said at least 50 people, mostly civilians, were killed in strikes.",
            "people (mostly civilians)",
        ),
        ("at least 21 civilians were killed", "civilians"),
    ],
)
def test_casualty_group(sentence: str, group: str) -> None:
    assert casualties(sentence).casualty_group == group


@pytest.mark.parametrize(
    "sentence,affected",
    [
        ("the UN humanitarian office estimates about 160,000 people remain in the city.", [(N, 160000, N)]),
        ("200,000 people are still trapped inside Raqqa", [(200000, 200000, 200000)]),
        ("But thousands have fled in recent months", [(2000, N, N)]),
        ("saying that 20,000 civilians trapped by ISIS were at risk from airstrikes", [(20000, 20000, 20000)]),
    ],
)
def test_affected(sentence: str, affected: list) -> None:
    got = [(q.amount.low, q.amount.best, q.amount.high) for q in casualties(sentence).affected]
    assert got == affected


def test_strike_count_is_other() -> None:
    qs = quantities("23 civilians were killed in over two dozen US-led coalition strikes")
    roles = [(q.text, q.role) for q in qs]
    assert roles == [("23", "deaths"), ("over two dozen", "other")]
    assert qs[1].amount == Amount(low=25)
    assert qs[1].noun == "US-led coalition strikes"


def test_subset_is_marked() -> None:
    qs = quantities("killed eight civilians, including three children")
    assert [q.role for q in qs] == ["deaths", "subset"]


def test_quantity_spans_are_verbatim() -> None:
    s = "More than 10 people were killed and dozens injured"
    for q in quantities(s):
        assert s[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "words,exact,vague",
    [
        ("21", 21, 21),
        ("300,000", 300000, 300000),
        ("1.5 million", 1500000, 1500000),
        ("twenty-three", 23, 23),
        ("Twenty-Three", 23, 23),
        ("twenty three", 23, 23),
        ("two dozen", 24, 24),
        ("a dozen", 12, 12),
        ("three hundred and twenty", 320, 320),
        ("a thousand", 1000, 1000),
        ("four thousand five hundred", 4500, 4500),
        ("eleven", 11, 11),
        ("ninety-nine", 99, 99),
        ("dozens", N, 24),
        ("scores", N, 40),
        ("hundreds", N, 200),
        ("thousands", N, 2000),
        ("tens of thousands", N, 20000),
        ("hundreds of thousands", N, 200000),
        ("several dozen", N, 36),
        ("hello", N, N),
        ("", N, N),
        ("2,5", N, N),
        ("one two", N, N),
        ("twenty-ten", N, N),
    ],
)
def test_parse_number(words: str, exact: int | None, vague: int | None) -> None:
    assert parse_number(words) == exact
    assert parse_number(words, vague=True) == vague


def test_parse_number_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="could not parse 12"):
        parse_number(12)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text,amount",
    [
        ("at least 21", Amount(low=21)),
        ("more than 10", Amount(low=11)),
        ("dozens", Amount(low=24)),
        ("between 15 and 18", Amount(low=15, high=18)),
        ("15 to 18", Amount(low=15, high=18)),
        ("15-18", Amount(low=15, high=18)),
        ("about 160,000", Amount(best=160000)),
        ("up to 20", Amount(high=20)),
        ("nearly 20", Amount(best=20, high=20)),
        ("33", Amount(33, 33, 33)),
        ("over two dozen", Amount(low=25)),
        ("more than a dozen", Amount(low=13)),
    ],
)
def test_parse_amount(text: str, amount: Amount) -> None:
    assert parse_amount(text) == amount


def test_parse_amount_error_quotes_value() -> None:
    with pytest.raises(ValueError, match=r"could not parse 'many people': expected"):
        parse_amount("many people")


def _check_bounds(a: Amount) -> None:
    for v in (a.low, a.best, a.high):
        assert v is None or (isinstance(v, int) and v >= 0)
    if a.low is not None and a.high is not None:
        assert a.low <= a.high


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_crash_on_arbitrary_text(text: str) -> None:
    c = casualties(text)
    for q in c.quantities:
        _check_bounds(q.amount)
        assert text[q.start : q.end] == q.text
    parse_number(text)
    parse_number(text, vague=True)


_WORDS = [
    "at",
    "least",
    "more",
    "than",
    "over",
    "up",
    "to",
    "between",
    "and",
    "dozens",
    "dozen",
    "two",
    "twenty-three",
    "hundred",
    "thousands",
    "of",
    "a",
    "21",
    "300,000",
    "1.5",
    "million",
    "people",
    "civilians",
    "were",
    "killed",
    "injured",
    "wounded",
    "including",
    "children",
    "strikes",
    ",",
    "scores",
    "several",
    "few",
    "the",
    "died",
    "dead",
    "toll",
    "rose",
    "-",
    "or",
    "trapped",
    "remain",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14))
def test_no_crash_on_number_soup(words: list[str]) -> None:
    text = " ".join(words)
    c = casualties(text)
    for q in c.quantities:
        _check_bounds(q.amount)
    parse_number(text, vague=True)
