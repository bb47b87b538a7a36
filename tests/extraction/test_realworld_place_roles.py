"""Where it happened: the place of a report among the places of its sentence (issue 16, round 4).

A sentence names several places in different roles, and the role is the preposition's (Huddleston
& Pullum 2002, ch. 7; ``geo/extraction/rules/prepositions.toml``): "in/at/on/into X" and "the
village of X" name where it happened; "near X", "outside X", "6 km from X" a reference point,
"west of X" a bearing from one; "to/towards X" a goal and "from X" a source (unless after a verb of
removal: "expelled from X" is where the expulsion happened). The ACLED and UCDP codebooks code an
event where it happened, not where its actors came from or went to. So a report never takes a
source or a goal; a reference point only "in or near" it (precision 2); a list is one choice (its
first, or the story's city); and a name the gazetteer lacks, named as where it happened, is never
replaced by a resolved place of another role. The first table holds sentences of the tune half of
``tests/data/realworld`` (our own words), the second counter-cases written for these rules.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gazetteer
from geo.extraction import rules
from geo.extraction.extract import _role_before
from tests.extraction.stories import report_at, reports


def _reports(gz: gazetteer.Gazetteer, text: str, published: str = "2017-09-23") -> list[dict[str, Any]]:
    return reports(gz, text, published=published, article_id="pr")


# (story, the sentence of the report, expected place id, place_text when unresolved, geo precision)
TUNE = [
    # a list is one choice: its first (r19)
    (
        "BEIRUT, Aug 22, 2017 (AFP) - Air strikes have killed 42 civilians in Raqqa, a monitor said.\n\n"
        "The raids hit the Sakhani and Badu quarters and the White Garden area of the city, and the dead came "
        "from about five families, the Britain-based monitor said.",
        "The raids hit",
        "raqqa-sakhani",
        None,
        1,
    ),
    (
        "BEIRUT, Aug 22, 2017 (AFP) - Air strikes have killed 42 civilians in Raqqa, a monitor said.\n\n"
        "Syria's state news agency SANA gave a higher figure, saying 78 people had been killed in 24 hours "
        "when coalition missiles struck narrow streets in Sakhani, Badu and the Tawasuiya district.",
        "Syria's state",
        "raqqa-sakhani",
        None,
        1,
    ),
    # a village the gazetteer lacks, named as where it happened, is not replaced by the Raqqa of
    # "the Raqqa offensive" (a campaign's name) (r13)
    (
        "The Syrian Observatory for Human Rights said the SDF also captured the nearby village of Kasab, and "
        "that the Manbij Military Council, one of the groups fighting in the Raqqa offensive as part of the "
        'SDF, had made what it called "strategic progress" south of the river.',
        "The Syrian Observatory",
        None,
        "Kasab",
        None,
    ),
    # "came within about two km of the town": the town is a reference point; the villages captured
    # lie in the countryside the sentence names (r26)
    (
        "DAMASCUS, Sept. 23 (Xinhua) -- The Syrian army on Saturday captured Maadan, the last town held by "
        "the Islamic State (IS) group in the eastern countryside of Raqqa province, a military source said.\n\n"
        "On Aug. 8, the army and allied fighters captured three villages in the southeastern countryside of "
        "Raqqa and came within about two km of the town, a source told Xinhua at the time.",
        "On Aug. 8,",
        "raqqa-governorate",
        None,
        3,
    ),
    # "driven to Deir Ezzor province": a goal, never the place; "outside the city" is (r27)
    (
        "Overnight, dozens of buses rolled into Raqqa, the activist group Raqqa Is Being Slaughtered "
        "Silently said on Twitter.\n\nThe fighters who surrendered would be driven to Deir Ezzor province in "
        "vehicles parked outside the city, an SDF military source told AFP.",
        "The fighters who surrendered",
        "raqqa",
        None,
        2,
    ),
]

COUNTER = [
    # a source is where the actors came from, not where it happened
    (
        "SDF fighters pushing east from Tabqa clashed with Islamic State in Kasrat Sheikh al-Jumaa on Monday.",
        "SDF fighters",
        "kasrat",
        None,
        1,
    ),
    ("SDF fighters advancing from Tabqa clashed with Islamic State militants on Monday.", "SDF", None, None, None),
    # after a verb of removal the "from" place is where the expulsion happened
    ("Islamic State fighters were expelled from Maadan on Saturday, the army said.", "Islamic", "maadan", None, 1),
    ("The army drove Islamic State out of Hazima on Saturday, a military source said.", "The army", "hazima", None, 1),
    # a goal: an advance towards a town happened short of it
    ("The army advanced towards Maadan on Saturday and clashed with militants.", "The", None, None, None),
    # an infinitive's "to" governs no place
    ("Heavy fighting raged on Monday as the SDF tried to reach Tabqa.", "Heavy", "tabqa", None, 1),
    # a reference point named with "near": in or near it; a bearing ("west of Raqqa") gives way to it
    ("Clashes broke out near the town of Tabqa, west of Raqqa, on Monday.", "Clashes", "tabqa", None, 2),
    # a name the gazetteer lacks in the location role: never replaced by a reference point ...
    (
        "A suicide car bomb killed 16 SDF fighters in the village of Kasab, south-west of Raqqa, on Monday.",
        "A suicide",
        None,
        "Kasab",
        None,
    ),
    # ... but the area the text says holds it is true, coarse
    ("IS fighters attacked the village of Kasab in Raqqa province on Monday.", "IS", "raqqa-governorate", None, 3),
    # a place after a verb of saying is where the speech act was ("said in Beirut"), not the event's
    (
        "Coalition strikes killed 12 civilians in Raqqa on Sunday, the Observatory's head said in Beirut.",
        "Coalition strikes",
        "raqqa",
        None,
        1,
    ),
    ("Clashes were reported in Tabqa on Monday, the monitor said.", "Clashes", "tabqa", None, 1),
    # a list of the story's city and another: the story's city
    (
        "Air strikes killed 20 civilians in Raqqa on Sunday, the monitor said.\n\nAmaq said the coalition "
        "struck the jihadis in Mosul and Raqqa with white phosphorus on Monday.",
        "Amaq said",
        "raqqa",
        None,
        1,
    ),
]


@pytest.mark.parametrize(("text", "sentence", "place", "unresolved", "precision"), TUNE + COUNTER)
def test_the_report_takes_the_place_named_where_it_happened(gz, text, sentence, place, unresolved, precision):
    r = report_at(_reports(gz, text), text, sentence)
    assert r["place_id"] == place, r["notes"]
    assert r["geo_precision"] == precision
    if place is None:
        assert r["place_text"] == unresolved
        assert r["lat"] is None and r["lon"] is None  # never a guessed point


_P = rules.prepositions()
_NAMES = st.sampled_from(["Tabqa", "Maadan", "al-Mishlab", "Kasrat Sheikh al-Jumaa"])
_DETS = st.sampled_from(["", "the ", "the old "])


@given(word=st.sampled_from(_P.location.words), det=_DETS, subject=st.sampled_from(["Fighting raged", "It was hit"]))
def test_a_locative_preposition_names_where_it_happened(word, det, subject):
    assert _role_before(f"{subject} {word} {det}") == "location"


@given(word=st.sampled_from(_P.reference.words), det=_DETS)
def test_a_reference_preposition_names_a_point_to_place_it_from(word, det):
    assert _role_before(f"Clashes broke out {word} {det}") == "reference"


@given(compass=st.sampled_from(_P.compass.words), unit=st.sampled_from(_P.distance.words), n=st.integers(1, 90))
def test_a_bearing_or_a_distance_from_a_place_is_not_at_it(compass, unit, n):
    assert _role_before(f"a village {compass} of ") == "direction"
    assert _role_before(f"a village {n} {unit} {compass} of ") == "reference"
    assert _role_before(f"a village {n} {unit} from ") == "reference"
    # "in the north of X" is a part of X: where it happened
    assert _role_before(f"fighting in the {compass} of ") == "location"


@given(word=st.sampled_from(_P.goal.words + _P.source.words), det=_DETS)
def test_a_goal_or_a_source_is_not_where_it_happened(word, det):
    assert _role_before(f"the fighters advanced {word} {det}") in {"goal", "source"}


@given(verb=st.sampled_from(_P.speaking.words), word=st.sampled_from(["in", "at"]), det=_DETS)
def test_a_place_after_a_verb_of_saying_is_the_speech_acts(verb, word, det):
    assert _role_before(f"the monitor {verb} {word} {det}") == "speech"
    assert _role_before(f"a spokesman {verb} Reuters {word} {det}") == "speech"
    assert _role_before(f"clashes were reported {word} {det}") == "location"  # an event verb: its place


@given(verb=st.sampled_from(_P.removal.words), det=_DETS)
def test_the_place_left_after_a_verb_of_removal_is_where_it_happened(verb, det):
    assert _role_before(f"the militants were {verb} from {det}") == "location"
    assert _role_before(f"the militants {verb} Islamic State from {det}") == "location"


@given(noun=st.sampled_from(_P.appositive.words), name=_NAMES)
def test_an_of_appositive_takes_the_role_of_its_phrase(noun, name):
    assert _role_before(f"the SDF captured the {noun} of ") == "location"
    assert _role_before(f"an advance towards the {noun} of ") == "goal"
    assert _role_before(f"fighting near the {noun} of ") == "reference"
