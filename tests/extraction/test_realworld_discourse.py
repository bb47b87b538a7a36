"""One incident, one event; no report without an incident (issue 16): the discourse cues, as tables.

The sentences are the tune half's (``tests/data/realworld/tune``, written in our own words from
2017 reporting), each with the article it comes from; the counter-cases are the same
constructions where the cue must not fire. What is checked: the cue functions of
:mod:`geo.extraction.discourse` on single sentences, then the whole extractor's events (which
reports share an ``event_id``) and the sentences it no longer reports.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gazetteer
from geo.extraction import discourse
from geo.extraction.classify import event_type
from geo.extraction.extract import extract_text

# ---------------------------------------------------------------------------
# the cues, one sentence at a time

SHIFTS_TIME = [
    # r05: a second engagement, earlier the same day
    ("Earlier the same day, coalition jets had struck two pro-regime pickup trucks mounted with weapons.", True),
    # r26, r29: a measured shift
    ("A day earlier, they had taken the nearby village of Maadan Atiq, the source added.", True),
    ("A day earlier, the SDF had taken the roundabout where the jihadists used to behead people.", True),
    # r15
    ("Two days earlier, on Sunday, SDF fighters had for the first time got into the city from the south.", True),
    # r26: the bare adverb with a frame after it
    ("Earlier, late on Saturday, July 22, government forces seized an oil field in the Sabkha area.", True),
    ("The next day, the militants struck back.", True),
    # counter-cases: a shift inside the sentence dates the statement, not the event; "Before"
    # with an object is an absolute frame
    ("Col. Ryan Dillon had earlier told Reuters that some 100 ISIS fighters gave themselves up.", False),
    ("The coalition later declared a strike in the area, and Airwars lists nine named victims.", False),
    ("Before the assault, coalition jets struck the district.", False),
]

NEW_REFERENT = [
    # r08: the second of two incidents the monitor logged
    (
        "A second incident logged the same day, CS999, records an alleged coalition strike in the Nazlat Shahada area.",
        True,
    ),
    # r10: another drone, another day
    ("On June 8, a similar drone dropped a munition near a coalition patrol east of Tanf.", True),
    # r25: a new front
    ("The SDF said in a statement that a new front had been opened on the northern edge of Raqqa.", True),
    # r05
    ("The two engagements come after an air strike on May 18 and another on June 6.", True),
    # counter-cases: counts and shares
    ("Another 10 civilians were wounded, the monitor said.", False),
    ("The SDF now holds a third of the city.", False),
    ("A second district of Raqqa has fallen to the SDF in as many days, the force said.", True),
    ("Fighters captured the second district of Raqqa to fall in as many days.", False),
    # a new telling or teller of the incident told, not a new incident
    ("The Observatory later gave a new toll of 25 dead.", False),
    ("Another local activist told AFP that the building had collapsed.", False),
    ("SANA gave a different figure, saying 78 people had been killed.", False),
]

TALLY = [
    # r12, r19, r29, r14
    (
        "Coalition raids on Raqqa and its surroundings have killed close to 700 civilians since the start of the year.",
        True,
    ),
    ("Since the afternoon of Monday, 14 August, the Observatory has counted about 60 civilians killed.", True),
    (
        "Backed by a US-led coalition, the SDF has taken around 90 percent of the city since it broke into "
        "Raqa in June.",
        True,
    ),
    ("Since 1 April some 190,081 people are estimated to have been displaced.", True),
    # r13: a week's gains; r19: a day's strikes are one incident
    ("Over the past week, he said, the SDF had pushed ISIS out of some 20 square kilometres.", True),
    ("Air strikes by the US-led coalition have killed 42 civilians in Raqqa over the past 24 hours.", False),
    # counter-case: the causal "since"
    ("He expected hard fighting, since the militants would defend what they call their capital.", False),
]

SHARE = [
    ("By the alliance's own count, 65 percent of Raqqa is now in its hands.", True),  # r21
    ("The alliance put the share of the city it had freed at 80 percent.", True),  # r25
    ("On Monday the monitor said the SDF now held about a quarter of the city.", True),  # r12
    ("Three quarters of the Abbasid wall around the Old City is now held by the fighters.", True),  # r16
    ("The SDF seized the Sakhani district on Monday.", False),
    # a share of the dead is the make-up of a toll (r17, r19), not ground
    ("The Observatory counted about 60 civilians killed, roughly half of them children and women.", False),
    ("A coalition strike killed 12 people in Raqqa, most of the victims women.", False),
]

REFERS_BACK = [
    (
        "With these recoveries, the Observatory has documented the deaths of at least 25 civilians in that strike.",
        True,
    ),  # r17
    ('The army called the downing a "flagrant attack".', True),  # r09
    ("The raids that killed them hit the northern bank of the Euphrates River.", True),  # r03
    ("The coalition later declared a strike in the area.", True),  # r04: a place told before
    # counter-cases: indefinite, or a name ("the battle of")
    ("A strike that day on al-Mukhtalata killed eight civilians.", False),
    ("Coalition jets struck the district overnight.", False),
]

FORECAST = [
    (
        "He expected hard fighting, since the militants would defend what they call their capital to the end.",
        True,
    ),  # r01
    ("She warned that the danger would only grow as the fighting moved into the city centre.", True),  # r20
    ("Russia said it would track coalition aircraft flying west of the Euphrates as potential targets.", True),  # r10
    # counter-cases: the asserted clause tells the incident; "the expected assault" is no forecast
    ("The SDF said it had captured al-Mishlab and would push on into the city.", False),
    ("The expected assault on the stadium began on Tuesday.", False),
]

GENERIC = [
    ("Where a report names only the city, Airwars instead uses generic coordinates for Raqqa.", True),  # r18
    ("Those who survive the bombing face the landmines that the organisation has planted.", True),  # r17
    # counter-cases: an episode told in the past
    ("Those who fled said coalition jets struck the market.", False),
    ("Where a strike hit the market, 12 people died.", False),
    ("Those who stayed were killed in the strike.", False),
]


@pytest.mark.parametrize(("sentence", "want"), SHIFTS_TIME)
def test_a_sentence_opening_on_another_time_shifts_the_story(sentence: str, want: bool) -> None:
    assert discourse.shifts_time(sentence) is want


@pytest.mark.parametrize(("sentence", "want"), NEW_REFERENT)
def test_another_incident_of_a_kind_is_a_new_referent(sentence: str, want: bool) -> None:
    assert discourse.new_referent(sentence) is want


@pytest.mark.parametrize(("sentence", "want"), TALLY)
def test_since_opening_a_period_is_a_tally(sentence: str, want: bool) -> None:
    assert discourse.tally(sentence) is want


@pytest.mark.parametrize(("sentence", "want"), SHARE)
def test_a_share_of_a_whole(sentence: str, want: bool) -> None:
    assert discourse.share(sentence) is want


@pytest.mark.parametrize(("sentence", "want"), REFERS_BACK)
def test_a_definite_description_refers_back(sentence: str, want: bool) -> None:
    assert discourse.refers_back(sentence) is want


@pytest.mark.parametrize(("sentence", "want"), FORECAST)
def test_a_forecast_word_before_the_incident(sentence: str, want: bool) -> None:
    at = discourse.forecast_at(sentence)
    # the extractor's test: the clause before the forecast word tells no incident
    assert (at is not None and event_type(sentence[:at]) == "other") is want


@pytest.mark.parametrize(("sentence", "want"), GENERIC)
def test_a_generic_sentence_is_no_episode(sentence: str, want: bool) -> None:
    assert discourse.generic(sentence) is want


@given(
    n=st.integers(min_value=1, max_value=10_000),
    noun=st.sampled_from(["civilians", "people", "fighters", "children"]),
    verb=st.sampled_from(["were killed", "were wounded", "died", "fled"]),
)
def test_another_count_is_never_a_new_incident(n: int, noun: str, verb: str) -> None:
    # "another 12 civilians were killed" adds to the toll of the incident told
    assert not discourse.new_referent(f"Another {n} {noun} {verb}, the monitor said.")
    assert not discourse.new_referent(f"The toll rose when a further {n} {noun} {verb}.")


@given(
    opener=st.sampled_from(["", "But ", "And "]),
    measure=st.sampled_from(["A day", "Two days", "Several hours", "A week", "Three nights"]),
    shift=st.sampled_from(["earlier", "later"]),
)
def test_a_measured_shift_opens_another_incident_whatever_the_measure(opener: str, measure: str, shift: str) -> None:
    s = f"{opener}{measure} {shift}, coalition jets struck the same district."
    assert discourse.shifts_time(s)
    # the same words inside the sentence date something else
    assert not discourse.shifts_time(
        f"Coalition jets struck the same district, the monitor said {measure.lower()} {shift}."
    )


# ---------------------------------------------------------------------------
# the whole extractor: events and dropped sentences


def _events(gz: gazetteer.Gazetteer, text: str, published: str = "2017-06-16") -> list[tuple[str, int]]:
    """(first words of the quote, event number) per report, the events numbered in order of first report."""
    rs: list[dict[str, Any]] = extract_text(
        "Raqqa\n\n" + text, article_id="rw", published=published, outlet="Airwars", gz=gz
    )
    order: dict[str, int] = {}
    return [(" ".join(r["quote"].split()[:3]), order.setdefault(r["event_id"], len(order))) for r in rs]


GROUPED = [
    # r18: a strike, then its tolls from other sources with no event word of their own
    (
        "According to local media, an alleged Coalition airstrike west of al-Mu'taz Street in Raqqa killed up to "
        "30 civilians, women and children among them, and wounded dozens more. Step News and other outlets "
        "reported that 25 people from a single family were killed. The Syrian Observatory for Human Rights "
        "counted 25 dead, up to 13 of them children.",
        "2017-08-17",
        [("According to local", 0), ("Step News and", 0), ("The Syrian Observatory", 0)],
    ),
    # r04: "a strike in the area", two sentences after the strike it is about
    (
        "A strike on al-Mukhtalata, part of the al-Sinaa neighbourhood, killed eight civilians, according to "
        'local media. The Syrian Press Center accused the coalition of committing "the worst massacres" against '
        "civilians in Raqqa in the name of fighting terrorism. The coalition later declared a strike in the "
        "area, and Airwars lists nine named victims.",
        "2017-06-09",
        [("A strike on", 0), ("The Syrian Press", 1), ("The coalition later", 0)],
    ),
    # r06: artillery-fired white phosphorus in the lead, "coalition strikes" in the monitor's toll: two
    # sources that disagree on what fired the same munition over the same city
    (
        "Human Rights Watch warned on Wednesday that the U.S.-led coalition is putting civilians in danger "
        "with artillery-fired white phosphorus, following reports that the incendiary was used over Raqqa. "
        "The Syrian Observatory for Human Rights said 23 civilians were killed in coalition strikes on Raqqa "
        "that night, while SANA reported on June 9 that phosphorus shells had killed 17 people.",
        "2017-06-14",
        [("Human Rights Watch", 0), ("The Syrian Observatory", 0)],
    ),
    # a later telling that names the strike again is the same incident, whatever its opening
    (
        "Coalition jets struck al-Badu in Raqqa on Monday, killing 12 people, activists said. Later on Monday "
        "the Observatory raised the toll of the strike to 19.",
        "2017-06-14",
        [("Coalition jets struck", 0), ("Later on Monday", 0)],
    ),
    # r25: a share of the city told again, however far back
    (
        "Islamic State jihadists have abandoned at least five key Raqqa neighbourhoods in the past 48 hours, "
        "leaving US-backed fighters in control of 90 percent of the city, a monitor said. The SDF said in a "
        "statement that fierce clashes went on at the northern edge of Raqqa. The alliance put the share of "
        "the city it had freed at 80 percent.",
        "2017-09-21",
        [("Islamic State jihadists", 0), ("The SDF said", 1), ("The alliance put", 0)],
    ),
]

APART = [
    # r05: two engagements of one day at one garrison, the second told as "earlier"
    (
        "Dillon said the drone had attacked coalition troops patrolling with partner forces east of At Tanf. "
        "Earlier the same day, coalition jets had struck two pro-regime pickup trucks mounted with weapons that "
        "were moving toward the coalition at At Tanf, the statement said.",
        "2017-06-08",
        [("Dillon said the", 0), ("Earlier the same", 1)],
    ),
    # r08: the monitor's second incident of the day
    (
        "Local sources said a coalition air strike on the al-Intifada neighbourhood of Raqqa killed five "
        "civilians, including a father and three of his children. A second incident logged the same day, "
        "CS999, records an alleged coalition strike in the Nazlat Shahada area, between Raqqa's two bridges, "
        "that killed three adult brothers.",
        "2017-06-16",
        [("Local sources said", 0), ("A second incident", 1)],
    ),
    # the same munition, two days: two incidents
    (
        "Coalition artillery fired white phosphorus over Raqqa on Monday, activists said. On Wednesday "
        "coalition jets dropped white phosphorus on Raqqa, the monitor said.",
        "2017-06-14",
        [("Coalition artillery fired", 0), ("On Wednesday coalition", 1)],
    ),
    # r17: a strike and the campaign's tally since the day before it
    (
        "SOHR activists saw 21 bodies being recovered from the buildings that warplanes of the International "
        "Coalition hit on Tuesday, 15 August, in al-Moataz Street. Since the afternoon of Monday, 14 August, "
        "the Observatory has counted about 60 civilians killed by coalition warplanes in the neighbourhoods "
        "of Raqqa.",
        "2017-08-17",
        [("SOHR activists saw", 0), ("Since the afternoon", 1)],
    ),
    # r21: the capture of the old city and the share of the city held
    (
        "Syrian militias backed by the United States have wrested Raqqa's historic old city and its Great "
        "Mosque from Islamic State, the US-led coalition said on Monday. Last week the SDF said it had "
        "captured the final districts of the old city from IS. By the alliance's own count, 65 percent of "
        "Raqqa is now in its hands.",
        "2017-09-04",
        None,  # checked below: the share is in an event of its own
    ),
]


@pytest.mark.parametrize(("text", "published", "want"), GROUPED)
def test_tellings_of_one_incident_are_one_event(gz: gazetteer.Gazetteer, text: str, published: str, want) -> None:
    assert _events(gz, text, published) == want


@pytest.mark.parametrize(("text", "published", "want"), APART)
def test_another_incident_or_a_tally_stays_apart(gz: gazetteer.Gazetteer, text: str, published: str, want) -> None:
    got = _events(gz, text, published)
    if want is not None:
        assert got == want
        return
    share = [n for q, n in got if q.startswith("By the alliance's")]
    others = {n for q, n in got if not q.startswith("By the alliance's")}
    assert share and others and share[0] not in others


NO_INCIDENT = [
    # forecasts (r01, r20, r10)
    "He expected hard fighting in Raqqa, since the militants would defend what they call their capital to the end.",
    "She warned that the danger in Raqqa would only grow as the fighting moved into the city centre.",
    "Russia said it would track coalition aircraft flying west of the Euphrates as potential targets.",
    # generic statements (r18, r17)
    "Where a report names only the city, Airwars instead uses generic coordinates for Raqqa, which say "
    "nothing about where a strike fell.",
    "Those who survive the bombing in Raqqa face the landmines that the organisation has planted.",
]

STILL_INCIDENTS = [
    # the same constructions telling something that happened
    "The SDF said it had captured al-Mishlab in Raqqa and would push on into the city.",
    "Those who fled said coalition jets struck the market in Raqqa on Monday.",
    "Coalition jets struck al-Badu in Raqqa on Monday, killing 12 people, and more strikes would follow.",
    # an evacuation agreed is news as it stands
    "Families will be taken out of the besieged quarters of Raqqa under an agreement with tribal leaders.",
]


@pytest.mark.parametrize("sentence", NO_INCIDENT)
def test_forecasts_and_generic_sentences_are_no_reports(gz: gazetteer.Gazetteer, sentence: str) -> None:
    assert _events(gz, sentence) == []


@pytest.mark.parametrize("sentence", STILL_INCIDENTS)
def test_the_same_words_telling_an_episode_stay_reports(gz: gazetteer.Gazetteer, sentence: str) -> None:
    assert len(_events(gz, sentence)) >= 1
