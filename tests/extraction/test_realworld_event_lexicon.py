"""The event lexicon by type from the codebooks, and the type of a sentence with several cues (issue 16, Y3).

``geo/extraction/rules/events.toml`` holds, as data with a source per form, the words of our two
types that ACLED's fighting sub-events do not cover: ``displacement`` (UNHCR's and OCHA's wording
of people who got out, are still inside, are stranded or besieged, or return; CAMEO 191 and 201)
and ``other`` (ACLED's Violence against civilians and Strategic developments, CAMEO 18x and 20x:
executions, abductions, mass graves, deaths of the siege and of the flight, chemical weapons,
looting and destruction, a show of force). Each form has a sentence of ours here, with its
counter-cases, and the decision between cues is checked row by row: which word is the event and
which its means or its setting. The tune rows are sentences of the tune half of
``tests/data/realworld`` (our own words), with the type the gold gives them.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gazetteer
from geo.extraction.classify import classify, event_type
from geo.extraction.extract import extract_text

# (tune sentence, gold type): sentences no event word of the older rules typed right
TUNE = [
    (  # r08: people who got out (OCHA)
        "The UN's humanitarian office said on 10 June that roughly 10,000 people had got out of the city since "
        "6 June, by boat across the river, over the damaged bridges or by road, although Islamic State tried to "
        "stop them.",
        "displacement",
    ),
    (  # r20: the population still inside
        "By the United Nations' count, somewhere between 10,000 and 50,000 civilians are still in the city.",
        "displacement",
    ),
    (  # r22: brought to safety
        "According to the coalition, the SDF and its Syrian Arab Coalition partners took care to spare the mosque "
        "and brought thousands of civilians to safety.",
        "displacement",
    ),
    (  # r23: a besieged population fed from the air
        "Since 2015, up to 100,000 civilians in the government-held enclave have depended on food and medicine "
        "dropped from the air.",
        "displacement",
    ),
    (  # r25: property destroyed (ACLED Strategic developments)
        "Flames engulfed the Conoco gas field in Deir Ezzor province from Tuesday night into Wednesday, shortly "
        "after state media reported an army advance towards it; the jihadists had already left, the monitor said.",
        "other",
    ),
    (  # r09: a show of force, the aircraft its means
        "A show of force by coalition aircraft stopped that first push, and the coalition rang its Russian "
        "counterparts on the agreed de-confliction line to get the firing halted, the statement said.",
        "other",
    ),
    (  # r02: an attempt on ground under way
        "SDF fighters were still trying on Sunday to push the militants out of the 17th Division base",
        "armed_clash",
    ),
    (  # r14: a flight under way, its "to" no intent
        "Between 100 and 200 families are said to be risking their lives to get out across the front lines.",
        "displacement",
    ),
    (  # r20: people in flight hit by the air war: the strike is the event
        "Families who tried to escape across the Euphrates by boat were hit by coalition fire, the organisation said.",
        "air_strike",
    ),
    (  # r18: the occupants of a struck building are no population held
        "According to the Euphrates Post, the building struck stood behind the Abu Hussein Sironx shop and 30 people "
        "from four families were inside it; two were pulled out and the others remained under the rubble.",
        "air_strike",
    ),
]


@pytest.mark.parametrize(("text", "kind"), TUNE)
def test_tune_sentences_get_their_gold_type(text: str, kind: str) -> None:
    assert event_type(text) == kind


# (sentence of ours, type): one row per form of events.toml's displacement and other entries
FORMS = [
    # displacement: UNHCR / OCHA
    ("Some 2,000 people got out of the Old City overnight.", "displacement"),
    ("Some families were smuggled out of the city at night.", "displacement"),
    ("SDF fighters brought 300 civilians to safety from the Badu district.", "displacement"),
    ("Some 200 families sought refuge in the Ain Issa camp.", "displacement"),
    ("The offensive has uprooted tens of thousands in the countryside.", "displacement"),
    ("Thousands of civilians remain stranded at the camp.", "displacement"),
    ("Residents said they were unable to leave the Old City.", "displacement"),
    ("IS prevented families from leaving the city.", "displacement"),
    ("Besieged civilians in the enclave are short of food.", "displacement"),
    ("Returnees to Tabqa found their homes destroyed.", "displacement"),
    ("Families began returning to their homes in al-Mishlab on Monday.", "displacement"),
    ("Thousands of families were forced to flee their homes in the eastern countryside.", "displacement"),
    # other: ACLED Violence against civilians, CAMEO 18x/20x
    ("IS executed 12 men in the main square of al-Mayadin.", "other"),
    ("The militants beheaded two fighters they had captured.", "other"),
    ("A man was crucified at the Naim roundabout.", "other"),
    ("Activists said a mass grave was found near the stadium.", "other"),
    ("IS gunmen abducted three aid workers in al-Mayadin.", "other"),
    ("Militants took 40 villagers hostage near Maadan.", "other"),
    ("Five children starved to death in the besieged enclave.", "other"),
    ("Eleven people drowned when their boat capsized on the Euphrates.", "other"),
    ("The government accused rebels of a chemical attack on the town.", "other"),
    # other: ACLED Strategic developments
    ("IS militants looted the grain silos before withdrawing.", "other"),
    ("The jihadists torched the oil wells near the Omar field.", "other"),
    # shelling: ACLED's Shelling/artillery/missile attack names missiles with the guns
    ("A Russian missile strike hit the town of Mayadin, killing 12 civilians.", "shelling"),
    ("Russian warships fired cruise missiles at IS positions near Deir ez-Zor.", "shelling"),
    ("IS fighters blew up the old bridge over the Euphrates before withdrawing.", "other"),
]


@pytest.mark.parametrize(("text", "kind"), FORMS)
def test_each_codebook_form_gives_its_type(text: str, kind: str) -> None:
    assert event_type(text) == kind


# several cues: which one is the event (the type), the others being its means or setting
DECISIONS = [
    ("Civilians killed in an air strike while fleeing the Old City were buried on Monday.", "air_strike"),
    ("Families fled the shelling of the Old City on Monday.", "displacement"),
    ("Thousands were fleeing from the fighting in the eastern districts.", "displacement"),
    ("Thousands fled as fighting raged in the Old City.", "displacement"),
    ("Thousands fled Raqqa as the SDF advanced into the city.", "territory_change"),
    ("Families fleeing the fighting were killed by a mortar round near the river.", "shelling"),
    ("Clashes erupted as the SDF advanced on the stadium.", "armed_clash"),
    ("Clashes erupted as the SDF captured the stadium.", "territory_change"),
    ("The regime bombarded the town with mortars and artillery, killing five.", "shelling"),
    ("The jets bombarded the town with rockets.", "air_strike"),
    ("Coalition strikes and artillery fire hit the Old City, killing five.", "air_strike"),
    ("Heavy artillery bombardment of the Old City killed seven people.", "shelling"),
    ("US forces fired white phosphorus over the Old City, activists said.", "shelling"),  # fired: by guns
    ("Coalition jets fired white phosphorus over the Old City, activists said.", "air_strike"),
    ("IS executed 20 of its own fighters who fled the fighting.", "other"),
    ("Civilians drowned while fleeing across the Euphrates.", "other"),
    ("IS executed a man accused of guiding coalition jets to their targets.", "other"),
    ("Coalition jets struck a prison where IS had executed dozens of men.", "air_strike"),
    ("IS fighters attempted to storm SDF positions near the stadium overnight.", "armed_clash"),
    ("An attempt by IS to retake the village was beaten back.", "armed_clash"),
]


@pytest.mark.parametrize(("text", "kind"), DECISIONS)
def test_the_event_among_several_cues(text: str, kind: str) -> None:
    assert event_type(text) == kind


# counter-cases: the same words where they do not name that event
NOT_THAT = [
    ("The coalition executed a series of strikes on the Old City.", "air_strike"),  # carried out, not killed
    ("A suicide bomber blew himself up at an SDF checkpoint near Tabqa.", "armed_clash"),  # no property
    ("Fighters are trying to reach the base before nightfall.", "other"),  # no taking verb
    ("The SDF plans to try to capture the stadium.", "other"),  # a plan
    ("Islamic State snipers shot dead four people trying to cross the river on Sunday.", "other"),
    ("Ar-Raqqa city has been completely encircled by the SDF since 27 June, leaving no official way out.", "other"),
    ("The SDF advanced on the stadium on Monday.", "territory_change"),  # no fighting named: the gain
    ("The UN plans to evacuate the civilians next week.", "other"),  # a plan
    ("A drone fired a missile at a car near Tabqa, killing two IS commanders.", "air_strike"),  # aircraft named
]


@pytest.mark.parametrize(("text", "kind"), NOT_THAT)
def test_the_same_words_where_they_are_not_that_event(text: str, kind: str) -> None:
    assert event_type(text) == kind


def _reports(gz: gazetteer.Gazetteer, text: str) -> list[dict[str, Any]]:
    return extract_text(text, article_id="lx", published="2017-10-15", outlet="AFP", gz=gz)


# no incident behind: background and explanation with the new words give no report
NO_REPORT = [
    "Since 2014, Raqqa became synonymous with IS atrocities including beheadings and public displays of bodies.",
    # a bare plural or mass noun names a kind, not an episode
    "The group is notorious for beheadings and mass executions.",
    "Human rights groups have long documented abductions by the group.",
    "The looting of antiquities has financed the group for years.",
    # a return as a condition or an aim
    "Returning home remains dangerous because of unexploded ordnance.",
    # a flight urged or habitual, not told
    "The SDF has urged civilians to get out of the city.",
    "Aid groups are preparing to receive people who get out of Raqqa.",
    "The coalition executed a plan to isolate the city.",
    "The besieged city is home to some 300,000 people.",
    "When such a shell explodes it can set fire to houses.",
]


@pytest.mark.parametrize("text", NO_REPORT)
def test_background_with_the_new_words_gives_no_report(gz: gazetteer.Gazetteer, text: str) -> None:
    assert _reports(gz, text) == []


# the same nouns telling one episode: an article or a count, or a number in the sentence
EPISODE = [
    ("Activists said a mass grave was found near the stadium in Raqqa on Monday.", "other"),
    ("The executions of five men in al-Mayadin were filmed by the group, the Observatory said.", "other"),
    ("Families began returning to their homes in al-Mishlab on Monday.", "displacement"),
    ("Hundreds of families have been returning to their homes in Tabqa since the battle ended.", "displacement"),
    ("Thousands of civilians fled Raqqa after the fighting reached their district.", "displacement"),
]


@pytest.mark.parametrize(("text", "kind"), EPISODE)
def test_the_same_nouns_telling_one_episode_give_a_report(gz: gazetteer.Gazetteer, text: str, kind: str) -> None:
    assert [r["event_type"] for r in _reports(gz, text)] == [kind]


def test_a_toll_of_an_execution_is_not_given_to_the_strike_before_it(gz: gazetteer.Gazetteer) -> None:
    # a toll with no event word counts the event just told; an execution is an event word of its own
    text = (
        "A coalition air strike hit the Badu district of Raqqa on Monday, the Observatory said. "
        "In al-Mayadin, IS executed 12 men on Tuesday, the monitor said."
    )
    kinds = [r["event_type"] for r in _reports(gz, text)]
    assert kinds == ["air_strike", "other"]


_GROUND = ["mortars", "artillery", "mortar rounds", "howitzers", "tank fire"]
_GENERIC = ["bombarded", "struck", "bombed"]
_AIRCRAFT = ["Jets", "Warplanes", "Coalition aircraft", "Drones", "Russian planes"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_GENERIC), st.sampled_from(_GROUND), st.sampled_from(_AIRCRAFT), st.booleans())
def test_aircraft_words_alone_make_a_generic_strike_aerial(verb: str, means: str, craft: str, named: bool) -> None:
    # "X bombarded the town with mortars": shelling, unless an aircraft is named in the sentence
    subject = craft if named else "Government forces"
    text = f"{subject} {verb} the town of Maadan with {means} on Friday, killing four civilians."
    assert event_type(text) == ("air_strike" if named else "shelling")


# territory: a plural possessive holds the place ("in the jihadists' hands"), never inverted; the
# place kinds of our gazetteer are places reached ("reached the industrial zone")
HELD = [
    (
        "Albu Kamal, the last significant town the Islamic State group held in Syria, was again entirely in the "
        "jihadists' hands on Saturday after a fierce counter-offensive against pro-regime forces, a monitor said.",
        "Islamic State",
    ),
    ("The town is now in the SDF's hands, the alliance said.", "SDF"),
    ("By Tuesday the Old City was in the militants' hands again.", "Islamic State"),
    (
        "Only a day into their offensive against ISIS in the northern countryside of Deir ez-Zor province, the "
        "Syrian Democratic Forces (SDF) reached the industrial zone of Deir ez-Zor on Sunday.",
        "SDF",
    ),
]


@pytest.mark.parametrize(("text", "winner"), HELD)
def test_who_holds_the_place_is_the_winner(text: str, winner: str) -> None:
    c = classify(text)
    assert c.event_type == "territory_change"
    assert c.control is not None and c.control.actor == winner and c.control.from_ != winner


@pytest.mark.parametrize(
    "text", ["The town is still in the jihadists' hands.", "The stadium remains in the militants' hands."]
)
def test_a_place_still_held_is_no_change(text: str) -> None:
    assert event_type(text) != "territory_change"
