"""Incidents with no event word of the older rules (issue 16, round 2), as tables in our own words.

Real 2017 reporting tells events the rules did not name: an evacuation agreed or under way
("to be brought out under a deal", "would be driven to ... province"), fighters giving
themselves up, people held as hostages or in districts cut off, an aircraft that "was hit" or
"came down" (one aircraft against another: a clash, not a strike), ground "given up", and aid
"dropped from the air" that is no strike. The wording of every sentence is ours; the
constructions are the reporting's (tune half of ``tests/data/realworld``). Each table has its
counter-cases: the same words where no such event is told.
"""

from __future__ import annotations

from typing import Any

import pytest

import gazetteer
from geo.extraction.classify import event_type
from geo.extraction.extract import extract_text


def _reports(gz: gazetteer.Gazetteer, text: str) -> list[dict[str, Any]]:
    return extract_text(text, article_id="ev", published="2017-10-15", outlet="AFP", gz=gz)


# (sentence, event type the whole extractor gives its first report)
FOUND = [
    # an evacuation agreed: still ahead, but the agreement is the news
    (
        "Families will be taken out of the besieged quarters of Raqqa under an agreement with tribal leaders.",
        "displacement",
    ),
    ("The council said the agreement lets civilians leave Raqqa by the end of the week.", "displacement"),
    ("Dozens of buses were waiting to carry people out of the city of Raqqa on Sunday.", "displacement"),
    ("Local fighters who laid down their arms are to be driven to camps north of Raqqa.", "displacement"),
    # fighters giving up: a strategic development, kept as a report
    ("Around 60 jihadists surrendered to the SDF in Raqqa on Friday, a commander said.", "other"),
    ("Several local militants gave themselves up at the edge of Raqqa overnight.", "other"),
    # people held where they are
    ("IS is holding hundreds of residents of Raqqa hostage near the stadium, the council said.", "displacement"),
    ("Some 90,000 people in Deir ez-Zor have been cut off for three years, the UN said.", "displacement"),
    # a danger named is no strike: the news is who is still there
    (
        "Up to 40,000 civilians are still inside Raqqa, the UN said, exposed to mines as well as air strikes.",
        "displacement",
    ),
    # an aircraft as the one hit: a clash between the air and the ground or the air
    ("The Syrian army said one of its jets was hit near Resafa on Sunday.", "armed_clash"),
    ("State media said the aircraft had come down south of Tabqa and its pilot was missing.", "armed_clash"),
    ("The drone, about the size of a U.S. Reaper, still carried bombs when it was hit near al-Tanf.", "armed_clash"),
    # ground given up: the place is the subject, its holder the loser
    (
        "The western quarters of Raqqa had been given up by the militants by Tuesday, the monitor said.",
        "territory_change",
    ),
]


@pytest.mark.parametrize(("text", "kind"), FOUND)
def test_events_without_an_older_event_word_are_found(gz: gazetteer.Gazetteer, text: str, kind: str) -> None:
    rs = _reports(gz, text)
    assert rs, f"no report from {text!r}"
    assert rs[0]["event_type"] == kind, rs[0]["notes"]


# the event beside the words that are not it: the air war as a backer, time "entered", "the first to"
OTHER_WORDS = [
    # the jets back the advance: the news is the entry, not a strike
    ("Supported by coalition jets, the SDF broke into the Old City of Raqqa on Monday.", "territory_change"),
    # a phase entered is time; a front opened is fighting
    (
        "The SDF said a new front had been opened north of Raqqa as the offensive was entering its last phase.",
        "armed_clash",
    ),
    # the first to reach the base did reach it
    (
        "An army unit was the first to reach the base of the 137th Brigade in Deir ez-Zor on Tuesday.",
        "territory_change",
    ),
    # the whole offensive begun, told with its owner's possessive: the campaign, no clash of a day
    ("Backed by coalition aircraft, the alliance began its assault on the city of Raqqa on Tuesday.", "other"),
    # the launch told with no clash word
    ("The operation to take Raqqa got under way on Tuesday, an SDF spokesman said.", "other"),
    # a rapid thrust is fighting
    ("A rapid thrust on Monday brought the army to within 3 km of Deir ez-Zor.", "armed_clash"),
]


@pytest.mark.parametrize(("text", "kind"), OTHER_WORDS)
def test_the_event_beside_words_that_are_not_it(gz: gazetteer.Gazetteer, text: str, kind: str) -> None:
    rs = _reports(gz, text)
    assert rs, f"no report from {text!r}"
    assert rs[0]["event_type"] == kind, rs[0]["notes"]


# a second event in a later clause: the capture and the fighting beside it are two events
TWO_EVENTS = [
    (
        "The SDF now hold three districts of Raqqa, but IS has hit back with a counterattack in the west.",
        ["territory_change", "armed_clash"],
    ),
    (
        "Parts of al-Mishlab were in SDF hands by Tuesday, and other units were assaulting the 17th Division base.",
        ["territory_change", "armed_clash"],
    ),
    # the fighting a capture came after is the capture's own: one event
    ("The SDF captured al-Mishlab after two days of heavy fighting.", ["territory_change"]),
    # a strike told before the striker was brought down: the strike and the downing
    (
        "A Syrian jet bombed SDF positions near Tabqa on Sunday, and a U.S. fighter shot it down minutes later.",
        ["armed_clash", "air_strike"],
    ),
    # the shooter's own aircraft is no strike: one event
    ("A U.S. jet shot down a Syrian drone near al-Tanf on Tuesday.", ["armed_clash"]),
]


@pytest.mark.parametrize(("text", "kinds"), TWO_EVENTS)
def test_a_clash_in_a_later_clause_is_a_second_event(gz: gazetteer.Gazetteer, text: str, kinds: list[str]) -> None:
    # (a second place of the change may add its own territory report: the kinds, not their count)
    got = [r["event_type"] for r in _reports(gz, text)]
    assert got[0] == kinds[0]
    assert set(got) == set(kinds)


# the same words where no such event is told: no report at all
NOT_FOUND = [
    "The two councils signed an agreement on school curricula on Tuesday.",
    "The SDF had given up hope of a quick victory, a commander said.",
    "Aid agencies said food and medicine had been dropped from the air over Deir ez-Zor.",
    "The alliance is backed by coalition air strikes and by a few hundred foreign advisers.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_the_same_words_without_the_event_give_no_report(gz: gazetteer.Gazetteer, text: str) -> None:
    assert _reports(gz, text) == []


# the rules that came before still win where they name the event
KEPT = [
    ("Coalition aircraft hit an IS position near Tabqa, killing four fighters.", "air_strike"),
    ("A bakery was hit when coalition jets struck the Badu district, killing six civilians.", "air_strike"),
    ("A U.S. jet shot down a Syrian SU-22 near Resafa on Sunday.", "armed_clash"),
    ("The SDF captured the village after the jihadists surrendered.", "territory_change"),
    ("Thousands fled Raqqa as the SDF advanced into the city.", "territory_change"),
    ("The SDF entered the district of al-Mishlab on Tuesday.", "territory_change"),
    ("Coalition jets struck the city, and the SDF advanced into al-Mishlab.", "air_strike"),
    ("Fighters are trying to reach the base before nightfall.", "other"),
    ("Coalition air strikes killed 12 civilians who were still inside the city.", "air_strike"),
]


@pytest.mark.parametrize(("text", "kind"), KEPT)
def test_older_event_words_keep_their_rank(text: str, kind: str) -> None:
    assert event_type(text) == kind
