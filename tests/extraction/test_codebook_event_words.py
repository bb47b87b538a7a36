"""The event vocabulary of the field's codebooks, checked form by form (issue 16, X5).

ACLED's sub-event types (Air/drone strike; Shelling/artillery/missile attack; Armed clash;
Remote explosive/landmine/IED; Suicide bomb; Government regains territory; Non-state actor
overtakes territory) and the way 2017 wire copy words each one: every sentence is ours, in wire
style, one per word form (active, passive, nominal, participle). Beside them the counter-cases
(negation, intent, metaphor, a camera's "capture") and the direction of a territory change: the
winner is who took the ground, never inverted ("IS recaptured X from the SDF" makes IS the
winner). The forms the rules lacked are in ``geo/extraction/rules/events.toml``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extraction.classify import classify, event_type

# (sentence, event type): one row per word form
FORMS = [
    # Air/drone strike
    ("Coalition jets pounded IS positions in the Sinaa district on Tuesday.", "air_strike"),
    ("Warplanes bombarded the Old City overnight.", "air_strike"),
    ("The neighbourhood was bombarded by coalition aircraft.", "air_strike"),
    ("Airstrikes targeted a bakery in the Rumaila district.", "air_strike"),
    ("Coalition aircraft struck a building near the clock tower.", "air_strike"),
    ("The aerial bombardment of the Daraiya district killed 12 civilians.", "air_strike"),
    ("Coalition planes raided the Badu district, killing eight civilians.", "air_strike"),
    ("Russian planes hit the villages east of the city.", "air_strike"),
    ("Helicopter gunships strafed IS positions near Tabqa.", "air_strike"),
    ("Aerial attacks on the eastern districts continued overnight.", "air_strike"),
    ("Strafing runs by coalition aircraft hit boats on the Euphrates.", "air_strike"),
    # Shelling/artillery/missile attack
    ("Mortar rounds fell on the Tayyar neighbourhood.", "shelling"),
    ("The regime shelled the town of Maadan on Friday.", "shelling"),
    ("SDF positions came under artillery fire in the Jazra district.", "shelling"),
    ("Rockets slammed into a residential building in the Nahda district.", "shelling"),
    ("IS fired rockets at the SDF lines in Mishlab.", "shelling"),
    ("A rocket attack on the Tabqa dam wounded two workers.", "shelling"),
    ("Government forces launched a missile attack on the town of Maadan.", "shelling"),
    ("Several projectiles fell on the Tayyar neighbourhood.", "shelling"),
    # Armed clash
    ("Clashes erupted between the SDF and IS in the Hisham district.", "armed_clash"),
    ("Heavy fighting raged in the Old City on Sunday.", "armed_clash"),
    ("IS fighters ambushed an SDF patrol near Tabqa.", "armed_clash"),
    ("SDF fighters exchanged fire with IS militants in the Sinaa district.", "armed_clash"),
    ("An exchange of fire lasted several hours in the Nahda district.", "armed_clash"),
    ("IS snipers opened fire on SDF fighters in the Old City.", "armed_clash"),
    ("Street fighting continued near the Naim roundabout.", "armed_clash"),
    ("A militant hurled a grenade at an SDF checkpoint.", "armed_clash"),
    ("SDF units met fierce resistance near the stadium.", "armed_clash"),
    # Remote explosive/landmine/IED and Suicide bomb (coded with the ground fight)
    ("A car bomb exploded at an SDF checkpoint in the Mishlab district.", "armed_clash"),
    ("A landmine exploded in the Mishlab district, killing a child.", "armed_clash"),
    ("A landmine killed two civilians fleeing the Old City.", "armed_clash"),
    ("Mines planted by IS killed three civilians returning to Tabqa.", "armed_clash"),
    ("An improvised explosive device went off in the Romaniah district.", "armed_clash"),
    ("A booby-trapped house blew up in the Jazra district.", "armed_clash"),
    ("A suicide bomber blew himself up at an SDF checkpoint near Tabqa.", "armed_clash"),
    # displacement (the codebooks' forced displacement; a strategic development in ACLED)
    ("Thousands of civilians fled the Tabqa area.", "displacement"),
    # a danger named beside a flight is the flight's hazard: nothing set off, nobody hurt
    ("Families fleeing Raqqa must cross fields of mines planted by IS.", "displacement"),
    ("Residents who escaped said booby traps lined the roads out of the city.", "displacement"),
    ("Some 2,000 people were displaced from the Mishlab district.", "displacement"),
    ("Hundreds of families were evacuated from the Old City.", "displacement"),
]

# (sentence, winner, loser): territory words, each form; the loser None where none is named and
# the rules' default applies (asserted only where named)
TERRITORY = [
    ("The SDF seized the Jazra district from IS.", "SDF", "Islamic State"),
    ("The SDF wrested control of the Sinaa district from IS.", "SDF", "Islamic State"),
    ("The SDF recaptured the Tayyar neighbourhood from IS.", "SDF", "Islamic State"),
    ("IS recaptured the Tayyar neighbourhood from the SDF.", "Islamic State", "SDF"),
    ("SDF fighters overran IS positions in the Nahda district.", "SDF", "Islamic State"),
    ("SDF fighters stormed the Old City.", "SDF", None),
    ("The SDF retook the Mishlab district.", "SDF", None),
    ("The SDF pushed IS out of the Jazra district.", "SDF", "Islamic State"),
    ("The SDF expelled IS from the Sinaa district.", "SDF", "Islamic State"),
    ("The SDF ousted IS from the Jazra district.", "SDF", "Islamic State"),
    ("The SDF drove IS from the Sinaa district.", "SDF", "Islamic State"),
    ("IS was expelled from the Sinaa district by the SDF.", "SDF", "Islamic State"),
    ("The SDF liberated the Romaniah district.", "SDF", None),
    ("The Mishlab district was recaptured by the SDF on Tuesday.", "SDF", None),
    ("The Mishlab district was recaptured by the SDF from IS.", "SDF", "Islamic State"),
    ("The recapture of the Mishlab district by the SDF came after weeks of fighting.", "SDF", None),
    ("The capture of the Jazra district by the SDF was announced on Monday.", "SDF", None),
    ("The Old City fell to the SDF on Monday.", "SDF", None),
    ("The fall of the Old City to the SDF ended IS rule there.", "SDF", None),
    ("The coalition welcomed the fall of Tabqa to the SDF.", "SDF", None),
    ("Regime forces regained control of Maadan from IS.", "Syrian army", "Islamic State"),
    ("Regime forces regained the town of Maadan.", "Syrian army", None),
    ("IS militants overtook the village of Kasrat.", "Islamic State", None),
]

# sentences that tell no event of the word's class: negation, intent, metaphor, a camera
NOT_THE_EVENT = [
    ("The SDF failed to seize the Jazra district.", "territory_change"),
    ("The SDF plans to recapture the Jazra district.", "territory_change"),
    ("The SDF did not capture the Jazra district.", "territory_change"),
    ("The SDF didn't capture the Jazra district.", "territory_change"),
    ("The SDF has never retaken the dam.", "territory_change"),
    ("The dam was not captured.", "territory_change"),
    ("The SDF will storm the Old City next week.", "territory_change"),
    ("The news captured the world's attention.", "territory_change"),
    ("The team stormed to victory in the final.", "territory_change"),
    ("The coalition regained the initiative.", "territory_change"),
    ("IS fighters expelled from Tabqa regrouped in the desert.", "territory_change"),
    ("IS drove a car bomb from the Sinaa district into SDF lines.", "territory_change"),
    ("Footage captured the moment the building collapsed.", "territory_change"),
    ("IS fighters fired rocket-propelled grenades at SDF vehicles.", "shelling"),
    ("A booby-trapped car was found near the dam.", "displacement"),
    ("Mines planted in homes have to be cleared before troops can move in.", "armed_clash"),
    ("The coalition's spokesman described the recapture of the mosque as a symbolic gain.", "territory_change"),
    ("Civilians trying to flee the city face sniper fire and landmines.", "armed_clash"),
]


@pytest.mark.parametrize(("sentence", "expected"), FORMS)
def test_each_codebook_form_is_typed(sentence: str, expected: str) -> None:
    assert event_type(sentence) == expected


@pytest.mark.parametrize(("sentence", "winner", "loser"), TERRITORY)
def test_territory_forms_keep_the_winner(sentence: str, winner: str, loser: str | None) -> None:
    c = classify(sentence)
    assert c.event_type == "territory_change"
    assert c.control is not None and c.control.actor == winner
    if loser is not None:
        assert c.control.from_ == loser


@pytest.mark.parametrize(("sentence", "not_type"), NOT_THE_EVENT)
def test_counter_cases_tell_no_such_event(sentence: str, not_type: str) -> None:
    assert event_type(sentence) != not_type


_SIDES = {"The SDF": "SDF", "IS": "Islamic State", "Regime forces": "Syrian army"}
_PLACES = ["the Jazra district", "the Old City", "the village of Kasrat", "the Tabqa dam"]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(_SIDES)),
    st.sampled_from(sorted(_SIDES)),
    st.sampled_from(["expelled", "ousted", "drove"]),
    st.sampled_from(_PLACES),
)
def test_active_expulsion_never_inverts(winner: str, loser: str, verb: str, place: str) -> None:
    """ "W expelled L from P": whoever the two sides are, the subject is the winner; the passive
    "L was expelled from P by W" names the same winner."""
    if winner == loser:
        return
    lose_obj = "the SDF" if loser == "The SDF" else loser.replace("Regime", "regime")
    active = classify(f"{winner} {verb} {lose_obj} from {place}.")
    assert active.event_type == "territory_change"
    assert active.control is not None and active.control.actor == _SIDES[winner]
    assert active.control.from_ == _SIDES[loser]
    subject = lose_obj[0].upper() + lose_obj[1:]
    passive = classify(f"{subject} was expelled from {place} by {winner.replace('The', 'the')}.")
    assert passive.control is not None and passive.control.actor == _SIDES[winner]
