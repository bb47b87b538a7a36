"""The names audit (issue 16, G2): spellings that are also given names, English words, or
a settlement's name before a head word that changes its referent.

Sentences are written for these tests in the way wire and monitor copy puts them; each
class has its counter-cases (the same spelling where it is the place).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.exc import DataError
from gazetteer.personal import (
    ENGLISH_WORDS_PATH,
    english_spellings,
    folded_given_names,
    generic_spellings,
    is_personal_key,
    parse_personal_names,
    personal_names,
)

_ARTICLES = ("al", "el", "ar", "as", "ash", "an", "at", "ad", "az", "a")


def placed(gz, text: str) -> dict[str, str | None]:
    """``{mention text: place id or None}`` of every mention."""
    return {m.text: (m.place.id if m.place is not None else None) for m in gz.mentions(text)}


# ---------------------------------------------------------------- 1. given names

PERSON = [
    # a bare given name is a person where copy quotes or describes one
    "Mansour, a 34-year-old father of three, said the strike hit at dawn.",
    "Karama Ahmed, who fled the city in June, said the bakery was hit.",
    "Rawda told the agency that her brother was killed.",
    "Firdous, a nurse, said the clinic had run out of supplies.",
    "Ghanim Ali, a farmer, said the fighters had left.",
    # the article form after a given name is a family name (nisba), not the place
    "Khalid al-Mansour, a local council member, said the convoy left at noon.",
    "Omar al-Karama told reporters the bridge was cut.",
    "Ahmad al Rawda said the shelling lasted all night.",
]


@pytest.mark.parametrize("text", PERSON)
def test_given_names_are_people_without_a_place_context(gz, text):
    assert [m for m in gz.mentions(text) if m.place is not None] == []


PLACE = [
    ("Clashes continued in the al-Mansour district on Sunday.", "al-Mansour", "raqqa-mansour"),
    ("Clashes continued in the Mansour district on Sunday.", "Mansour", "raqqa-mansour"),
    ("Coalition jets struck al-Karama, east of Raqqa.", "al-Karama", "karama"),
    ("The SDF entered the town of Karama after a week of fighting.", "Karama", "karama"),
    ("Fighters entered the villages of al-Buhamad, Athshana and Ghanim Ali.", "Ghanim Ali", "ghanim-ali"),
    ("Residents of the al-Rawda neighbourhood fled south.", "al-Rawda", "raqqa-rawda"),
    ("Shelling hit al-Ferdous overnight.", "al-Ferdous", "raqqa-ferdous"),
    ("SDF pushes into Hisham bin Abdul Malik", "Hisham bin Abdul Malik", "raqqa-hisham-bin-abdul-malik"),
]


@pytest.mark.parametrize(("text", "name", "place_id"), PLACE)
def test_given_names_with_a_place_context_are_places(gz, text, name, place_id):
    assert placed(gz, text).get(name) == place_id


@settings(max_examples=40, deadline=None)
@given(
    given_name=st.sampled_from(["Mansour", "Karama", "Rawda", "Firdous", "Ferdous", "Amin"]),
    verb=st.sampled_from(["said", "told AFP", "added", ", 41, said", "was wounded"]),
)
def test_a_bare_given_name_before_any_verb_is_never_placed(gz, given_name, verb):
    text = f"{given_name} {verb} that the market was hit on Tuesday."
    assert all(m.place is None for m in gz.mentions(text) if m.text == given_name)


@settings(max_examples=40, deadline=None)
@given(
    first=st.sampled_from(sorted(personal_names()["given"])),
    family=st.sampled_from(["al-Mansour", "al-Karama", "al-Rawda", "al-Ferdous"]),
)
def test_a_given_name_before_an_article_form_makes_it_a_family_name(gz, first, family):
    text = f"Witnesses quoted {first} {family} as saying the road was closed."
    assert all(m.place is None for m in gz.mentions(text) if m.text.endswith(family[3:]))


def test_personal_keys_are_given_names_only():
    assert is_personal_key("mansour") and is_personal_key("al mansour") and is_personal_key("ghanim al ali")
    assert not is_personal_key("hisham bin abdul malik")  # a caliph's whole nasab: the district's own name
    assert not is_personal_key("mansour street")  # a second word that is no name is context enough
    assert not is_personal_key("raqqa") and not is_personal_key("bin")  # particles alone name nobody
    assert {"mansour", "mansur", "karama"} <= folded_given_names()


def test_the_personal_names_list_is_checked():
    with pytest.raises(DataError) as e:
        parse_personal_names([{"use": "given", "names": ["Ali"]}, {"use": "nickname", "source": "x", "names": []}])
    message = str(e.value)
    assert "entry #0" in message and "source" in message
    assert "entry #1" in message and "use" in message and "names" in message


# ---------------------------------------------------------------- 2. English words


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("The report bared the toll of the siege.", "bared", None),
        ("Families breed sheep on the river bank.", "breed", None),
        ("A slug of diesel was left at the checkpoint.", "slug", None),
        ("Fighting reached the al-Breed district.", "al-Breed", "raqqa-bareed"),
        ("Turkish-backed fighters shelled Slouk and Tal Abyad.", "Slouk", "suluk"),
    ],
)
def test_english_word_spellings_need_a_capital(gz, text, name, place_id):
    assert placed(gz, text).get(name) == place_id


def test_english_word_list_is_folded_single_words(tmp_path):
    assert "slug" in english_spellings()
    bad = tmp_path / "words.json"
    bad.write_text(json.dumps({"source": "x", "spellings": ["Two Words"]}), encoding="utf-8")
    with pytest.raises(DataError, match="spelling #0"):
        english_spellings(str(bad))
    assert json.loads(ENGLISH_WORDS_PATH.read_text(encoding="utf-8"))["source"]


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Shelling hit the National Hospital in Deir ez-Zor on Sunday.", "National Hospital", None),
        ("Protesters gathered in Clock Square in Homs.", "Clock Square", None),
        ("In Raqqa, the National Hospital was hit again.", "National Hospital", "raqqa-national-hospital"),
        ("After Raqqa, the National Hospital in Deir ez-Zor was hit.", "National Hospital", None),
        ("The National Hospital in Raqqa was hit.", "National Hospital", "raqqa-national-hospital"),
        ("IS fighters held the National Hospital near al-Mishlab.", "National Hospital", "raqqa-national-hospital"),
        ("The Raqqa National Hospital was hit.", "Raqqa National Hospital", "raqqa-national-hospital"),
    ],
)
def test_a_generic_name_needs_its_city_named(gz, text, name, place_id):
    assert placed(gz, text).get(name, "absent") == place_id


def test_generic_names_are_folded_phrases(tmp_path):
    assert "national hospital" in generic_spellings()
    bad = tmp_path / "generic.json"
    bad.write_text(json.dumps({"source": "x", "spellings": ["hospital"]}), encoding="utf-8")
    with pytest.raises(DataError, match="spelling #0"):
        generic_spellings(str(bad))


# ---------------------------------------------------------------- 5. head words

AREA = [
    ("Airstrikes hit villages in the Deir ez-Zor countryside.", "Deir ez-Zor", "deir-ez-zor-governorate"),
    ("Clashes spread to the eastern Hasakah countryside.", "Hasakah", "hasakah-governorate"),
    ("The group withdrew to the Mayadin countryside.", "Mayadin", "deir-ez-zor-governorate"),
    ("Displaced families reached Raqqa's countryside.", "Raqqa", "raqqa-governorate"),
    ("Fighting in the Raqqa countryside continued.", "Raqqa countryside", "raqqa-governorate"),  # an alias
    # the head before the name, governing it with "of"
    ("They took three villages in the southeastern countryside of Raqqa.", "Raqqa", "raqqa-governorate"),
    ("Fighting in the northern countryside of Deir ez-Zor went on.", "Deir ez-Zor", "deir-ez-zor-governorate"),
    ("Residents of the province of Hasakah fled.", "Hasakah", "hasakah-governorate"),
]


@pytest.mark.parametrize(("text", "name", "place_id"), AREA)
def test_countryside_is_the_governorate_not_the_city(gz, text, name, place_id):
    assert placed(gz, text).get(name) == place_id


SITE = [
    ("Detainees were moved to the Tabqa prison.", "Tabqa"),
    ("Jets took off from near the Raqqa airport.", "Raqqa"),
    ("A car bomb exploded on the Raqqa-Deir ez-Zor road.", "Raqqa"),
    ("A car bomb exploded on the Raqqa-Deir ez-Zor road.", "Deir ez-Zor"),
    ("Convoys used the Hasakah highway.", "Hasakah"),
    ("IS fighters attacked the Mayadin oil field.", "Mayadin"),
]


@pytest.mark.parametrize(("text", "name"), SITE)
def test_a_site_head_never_leaves_the_settlement_point(gz, text, name):
    assert placed(gz, text).get(name, "absent") is None


KEPT = [
    ("The SDF captured the Deir ez-Zor airport.", "Deir ez-Zor airport", "deir-ez-zor-airport"),
    ("Engineers inspected the Tabqa Dam.", "Tabqa Dam", "tabqa-dam"),
    ("The convoy took the road to Raqqa.", "Raqqa", "raqqa"),
    ("Fighters fled Raqqa, road by road.", "Raqqa", "raqqa"),
    ("Strikes hit Hasakah and its countryside.", "Hasakah", "hasakah"),
]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A car bomb killed 16 fighters in the village of Kasrat Srour, south-west of Raqqa.", "Kasrat Srour"),
        ("Shelling hit Hamrat Khalil overnight.", "Hamrat Khalil"),
    ],
)
def test_an_unlisted_village_of_a_cluster_is_not_the_clusters_point(gz, text, name):
    assert name in placed(gz, text) and placed(gz, text)[name] is None


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Fighters were expelled from Kasrat al-Farj, a spokesman said.", "Kasrat al-Farj", "kasrat"),  # a listed one
        ("The Kasrat villages lie south of the river.", "Kasrat villages", "kasrat"),
        ("The SDF took Kasrat. Then it moved on.", "Kasrat", "kasrat"),
        ("The outskirts of Raqqa were shelled.", "Raqqa", "raqqa"),  # the outskirts are the city's
    ],
)
def test_listed_members_and_other_contexts_keep_their_place(gz, text, name, place_id):
    assert placed(gz, text).get(name) == place_id


@pytest.mark.parametrize(("text", "name", "place_id"), KEPT)
def test_known_sites_and_other_words_after_a_name_are_untouched(gz, text, name, place_id):
    assert placed(gz, text).get(name) == place_id


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(["Raqqa", "Tabqa", "Hajin", "Mayadin", "Hasakah", "Manbij", "al-Busayrah", "Markadah"]),
    head=st.sampled_from(["airport", "prison", "road", "highway", "river", "oil field", "crossing", "dam", "airbase"]),
    lead=st.sampled_from(["near the", "on the", "at the", "outside the"]),
)
def test_no_settlement_is_placed_at_its_centre_for_a_site(gz, name, head, lead):
    text = f"Fighting was reported {lead} {name} {head} on Monday."
    for m in gz.mentions(text):
        if m.place is not None and m.text.lstrip("al-") == name.lstrip("al-"):
            assert m.place.kind not in ("city", "town", "village"), (text, m)


# ---------------------------------------------------------------- the audit reruns


def test_the_audit_finds_nothing_unhandled(capsys):
    from benchmarks.audit_names import main

    assert main([]) == 0, capsys.readouterr().out
