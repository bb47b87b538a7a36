"""Discourse cues of one sentence: how a story says what a sentence's incident is to the ones told before.

Real copy tells one incident several times (a lead, a detail, a quote, a recap: "the strike", "that
raid", "the downing") and several incidents one after another; what keeps them apart is grammar,
not places alone:

* a sentence that **opens by moving the story's time** ("Earlier the same day, ...", "A day
  earlier, ...", "The next day, ...") tells another incident than the one just told;
* an **indefinite noun phrase that says it is another** ("a second incident", "a separate push",
  "a similar drone", "another strike") introduces a new referent;
* a **tally over a period** ("have killed 700 civilians since the start of the year") or a
  **share of a whole** ("65 percent of Raqqa is now in its hands") is no one incident: ACLED and
  UCDP code one event per day and place;
* a **forecast** ("he expected hard fighting", "Russia said it would track ...") tells nothing
  that happened;
* a **state** ("are in its hands", "already taken", "so far") or a **period of the whole campaign**
  ("during the campaign", "since the offensive started") tells how things stand, not when they came
  about: it runs from the offensive's **launch**, which the story states ("the offensive began on
  June 6", "ten days into their offensive");
* a **definite reference back** ("the strike", "that raid", "the same attack") points at an
  incident the story has told.

The words are data (``rules/discourse.toml``, each list with its source); the grammar is here.
Pure and memoised: every function takes one sentence.

May import ``geo.extraction.rules`` and ``geo.extraction.matching``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from geo.extraction import rules
from geo.extraction.matching import IPattern

__all__ = [
    "shifts_time",
    "new_referent",
    "tally",
    "share",
    "forecast_at",
    "refers_back",
    "generic",
    "launch_at",
    "days_into",
    "standing",
]

_D = rules.discourse()


def _alt(words: Iterable[str]) -> str:
    """The words as one alternation, a space matching any run of whitespace, longest first."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


# "But", "And" before the opening adverbial do not change what it does
_OPEN = r"^[\W_]*(?:(?:but|and|then)\s+)?"
_SHIFT = _alt(_D.time_shift.words)
_MEASURE = _alt(_D.time_measures.words)
# "Earlier the same day", "Earlier, late on Saturday", "Later that night", "Earlier on Monday":
# a bare shift word needs a frame after it ("Before the assault ..." is an absolute frame, not a
# shift against the incident just told)
_SHIFTS_TIME = IPattern(
    rf"{_OPEN}(?:(?:{_MEASURE})\s+){{1,3}}(?:{_SHIFT})\b|"
    rf"{_OPEN}(?:{_SHIFT})\s*(?:,|\bthe\s+same\b|\b(?:that|this|last)\s+\w+|\bon\b|\bin\b)|"
    rf"{_OPEN}(?:on\s+)?the\s+(?:{_alt(_D.next_day.words)})\s+(?:day|night|morning|afternoon|evening|week)\b"
)
_NUMBER_WORDS = r"\d|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|several|few|of\b"
_NEW = _alt(w for w in _D.new_referent.words if w != "another")
# "a second incident", "another strike"; "another 10 were wounded", "a third of the city" are
# counts and shares, not new incidents
# "another resident said", "a new toll": a new telling of the incident, not a new incident
_TELLING = _alt(_D.telling_nouns.words)
_NEW_REFERENT = IPattern(
    rf"\b(?:another|an?\s+(?:{_NEW}))\b(?!\s*(?:{_NUMBER_WORDS}))(?!\s+(?:[\w-]+\s+)?(?:{_TELLING})\b)"
)
# "since" opening a period: a month, a day, "the start", a clause of beginning ("since it broke
# into"), a date in figures; never the causal "since the militants would defend ..."
# "over the past week", "in the last few days": a period longer than a day
_TALLY = IPattern(
    rf"\bsince\s+(?:[\w'-]+\s+){{0,3}}?(?:{_alt(_D.since_anchors.words)})\b|\bsince\s+(?:[\w'-]+\s+){{0,2}}?\d|"
    rf"\b(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:[\w-]+\s+)?(?:{_alt(_D.period_units.words)})\b"
)
_PERCENT = _alt(w for w in _D.share_words.words if "cent" in w)
# "65 percent of Raqqa", "half of the city", "put the share it had freed at 80 percent"
# a share of people ("most of them children", "half of the victims") is a toll's make-up, not ground
_OF_PEOPLE = _alt(["them", "whom", "those", "these", "us", *rules.casualty_words().person_nouns.words])
_NOT_PEOPLE = rf"(?!\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+)?(?:{_OF_PEOPLE})\b)"
_SHARE = IPattern(
    rf"(?:\d\s*%|\b(?:{_alt(_D.share_words.words)})){_NOT_PEOPLE}\s+of\b|\d\s*(?:%|(?:{_PERCENT})\b){_NOT_PEOPLE}"
)
_FORECAST = IPattern(rf"\b(?:{_alt(_D.forecast.words)})\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?|this|that|its|their)\s+$", re.IGNORECASE)
_REFERS_BACK = IPattern(
    rf"\b(?:{_alt(_D.definite.words)})\s+(?:[\w'-]+\s+){{0,2}}?(?:{_alt(_D.event_nouns.words)})\b(?!\s+of\s+(?!the\b))|"
    rf"\b(?:in|at|near|on|around)\s+(?:{_alt(_D.place_anaphors.words)})\b"
)

# "Where a report names only the city, Airwars uses ...": a present-tense verb (third person -s)
# after an indefinite subject; "Those who survive the bombing face ...": a present-tense verb
# after a generic subject ("those who fled" is an episode)
_GENERIC = IPattern(
    rf"^[\W_]*(?:{_alt(_D.generic_openers.words)})\s+(?:an?|such|any)\s+(?:[\w-]+\s+){{0,2}}?[a-z-]+[^s\W]s\b|"
    rf"^[\W_]*(?:{_alt(_D.generic_subjects.words)})\s+(?!\w+ed\b)[a-z]+\b"
)
# an episode told in the past: be and have in the past, or a past participle after has/have
_PAST = IPattern(r"\b(?:was|were|had|did)\b")


@lru_cache(maxsize=4096)
def shifts_time(sentence: str) -> bool:
    """Does the sentence open by moving the story's time ("A day earlier, ...")? It then tells
    another incident than the one just told."""
    return _SHIFTS_TIME.search(sentence) is not None


@lru_cache(maxsize=4096)
def new_referent(sentence: str) -> bool:
    """Does the sentence introduce another incident of a kind told ("a second incident", "another
    strike")?"""
    return _NEW_REFERENT.search(sentence) is not None


@lru_cache(maxsize=4096)
def tally(sentence: str) -> bool:
    """Is the sentence a count or state over a period ("since the start of the year", "over the past
    week")?"""
    return _TALLY.search(sentence) is not None


@lru_cache(maxsize=4096)
def share(sentence: str) -> bool:
    """Does the sentence give a share of a whole ("65 percent of Raqqa", "half of the city")?"""
    return _SHARE.search(sentence) is not None


def forecast_at(sentence: str) -> int | None:
    """Where the first forecast word ("would", "will", "expected") of the sentence starts, if any:
    what follows it in its clause has not happened."""
    for m in _FORECAST.finditer(sentence):
        if not _DETERMINER_BEFORE.search(sentence, 0, m.start()):  # "the expected assault" is no forecast
            return m.start()
    return None


@lru_cache(maxsize=4096)
def refers_back(sentence: str) -> bool:
    """Does the sentence name an incident with a definite noun phrase ("the strike", "that raid",
    "the same attack") or its place with a definite locative ("in the area"), pointing back at one
    the story told?"""
    return _REFERS_BACK.search(sentence) is not None


@lru_cache(maxsize=4096)
def generic(sentence: str) -> bool:
    """Is the sentence generic, a rule or habit rather than an episode ("Where a report names only
    the city, Airwars uses ...", "Those who survive the bombing face ...")? Never with ``was``,
    ``were``, ``had`` or ``did`` in it."""
    return _GENERIC.search(sentence) is not None and _PAST.search(sentence) is None


_CAMPAIGN = _alt(_D.campaign_nouns.words)
_LAUNCH_VERB = _alt(_D.launch_verbs.words)
# "The offensive on the city opened on June 6", "the campaign there began in mid-July" (the noun
# first, a few words of it between), "began its assault on the city on June 6" (the verb first)
_LAUNCH_PHRASE = IPattern(
    rf"\b(?:{_CAMPAIGN})\s+(?:[\w'’.-]+\s+){{0,5}}?(?:{_LAUNCH_VERB})\b|"
    rf"\b(?:{_LAUNCH_VERB})\s+(?:its|their|the|his|an?)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_CAMPAIGN})\b"
)
# "Ten days into their offensive", "Only a day into the campaign"
_DAYS_INTO = IPattern(
    rf"\b(?P<n>\d{{1,3}}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    rf"(?P<unit>days?|weeks?)\s+into\s+(?:its|their|the|his)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_CAMPAIGN})\b"
)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# how things stand: a completive adverb or a state ("in its hands", "under SDF control", "controls")
_STANDING = IPattern(
    rf"\b(?:{_alt(_D.standing.words)})\b|\bin\s+(?:[\w'’-]+\s+){{0,2}}?hands\b|"
    rf"\bunder\s+(?:[\w'’-]+\s+){{0,3}}?control\b|"
    # the whole campaign as the period: "during the campaign", "in the 130-day battle", "since the
    # offensive on Ar-Raqqa city started" (a dated since-clause is the date finder's)
    rf"\b(?:during|throughout)\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_CAMPAIGN})\b|"
    rf"\bin\s+the\s+\d+-day\s+(?:{_CAMPAIGN})\b|"
    rf"\bsince\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_CAMPAIGN}|start|launch|beginning|outset)\b"
)


def launch_at(sentence: str) -> int | None:
    """Where the sentence says an offensive began ("the offensive opened on June 6", "began its
    assault on the city"): the end of that phrase, after which its date stands; ``None`` if it
    says none."""
    m = _LAUNCH_PHRASE.search(sentence)
    return None if m is None else m.end()


def days_into(sentence: str) -> int | None:
    """How many days into the offensive the story is ("Ten days into their offensive": 10)."""
    m = _DAYS_INTO.search(sentence)
    if m is None:
        return None
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else _NUMBERS[n]
    return count * (7 if m.group("unit").lower().startswith("week") else 1)


@lru_cache(maxsize=4096)
def standing(sentence: str) -> bool:
    """Does the sentence tell how things stand ("are in its hands", "already taken", "so far",
    "during the campaign") rather than when something came about?"""
    return _STANDING.search(sentence) is not None
