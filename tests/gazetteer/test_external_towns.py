"""The towns and villages of the Raqqa and Deir ez-Zor governorates added from an external,
systematic list (issue 16, item 4): Airwars' village geolocations, GeoNames and Wikipedia's
settlement pages, not the articles of the development set.

The sentences are written for these tests in the manner of 2017 wire copy; each names one of the
added places next to places the gazetteer already held."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import AmbiguousName
from gazetteer.geodesy import distance_m

# the places this list added (and those it surveyed with a second, independent point)
ADDED = [
    "gharanij", "baghuz-fawqani", "suwar", "abu-hamam", "kashma", "shuhayl", "mahkan", "sayyal", "darnaj", "qata",
    "sukkariya", "abu-naital", "kasrah", "jalaa", "subaykhan", "jinniyah", "khatouniya", "dibsi-afnan",
    "bukrus-tahtani",
]  # fmt: skip
SURVEYED = ["baghuz-fawqani", "suwar", "khasham", "tibni", "shaafah", "susah", "mayadin"]

# (sentence, the name as written, the place it must resolve to)
SENTENCES = [
    ("The SDF said on Saturday it had taken Gharanij, north of Hajin, after two days of fighting.",
     "Gharanij", "gharanij"),
    ("Government troops entered al-Jalaa on Tuesday, some 20 km up the river from Albu Kamal.",
     "al-Jalaa", "jalaa"),
    ("Warplanes struck al-Shuhail, across the Euphrates from al-Mayadin, killing four civilians.",
     "al-Shuhail", "shuhayl"),
    ("Families from al-Suwar on the Khabur fled north towards al-Hasakah.", "al-Suwar", "suwar"),
    ("An airstrike hit the village of Daranj east of the river, the monitor said.", "Daranj", "darnaj"),
    ("A drone struck a car near Dibsi Afnan, west of Tabqa, on Monday.", "Dibsi Afnan", "dibsi-afnan"),
    ("Fighters were seen in Jinniyah on the road from Ain Issa to Raqqa.", "Jinniyah", "jinniyah"),
    ("The army pushed on from Mahkan towards al-Quriyah.", "Mahkan", "mahkan"),
    ("Shelling hit Abu Hamam, a town of the Shaitat, overnight.", "Abu Hamam", "abu-hamam"),
    ("Thousands fled into Baghouz, across the river from Albu Kamal.", "Baghouz", "baghuz-fawqani"),
    ("Activists said jets bombed al-Kishma and Hajin at dawn.", "al-Kishma", "kashma"),
    ("A river crossing at al-Sayyal was hit on 6 December.", "al-Sayyal", "sayyal"),
    ("Six people died when houses in Sukkariyeh near Albu Kamal were destroyed.", "Sukkariyeh", "sukkariya"),
    ("Strikes hit oil burners at Abu al-Nitel in the northern countryside.", "Abu al-Nitel", "abu-naital"),
    ("A fire engine was struck on the road to Khatouniya, west of Raqqa.", "Khatouniya", "khatouniya"),
    ("Regime forces reached Sbeikhan and al-Qata on the right bank.", "Sbeikhan", "subaykhan"),
    ("Regime forces reached Sbeikhan and al-Qata on the right bank.", "al-Qata", "qata"),
    ("Schools reopened in Kisrah, west of Deir Ezzor.", "Kisrah", "kasrah"),
    ("Russian jets struck Khisham and Hatla east of the Euphrates.", "Khisham", "khasham"),
    ("The road from al-Tabani to Maadan was cut.", "al-Tabani", "tibni"),
    ("An IS commander was killed by the river crossing at Bokros Tahtani.", "Bokros Tahtani", "bukrus-tahtani"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "name", "place_id"), SENTENCES)
def test_a_sentence_places_the_added_name(gz, sentence, name, place_id):
    found = [m for m in gz.mentions(sentence) if m.text == name]
    assert [(m.text, m.place.id if m.place else m.status) for m in found] == [(name, place_id)]
    # and it takes no other name of the sentence with it
    assert all(m.place is None or m.place.id != place_id for m in gz.mentions(sentence) if m.text != name)


def test_every_added_place_has_a_sourced_point_and_an_honest_quality(gz):
    for pid in ADDED + SURVEYED:
        p = gz.get(pid)
        points = [s for s in p.sources if s["supports"] == "point"]
        assert points and all(s["url"] for s in points), pid
        assert p.geometry_quality in ("single_source", "surveyed"), pid
        assert p.kind in ("city", "town", "village"), pid
        assert p.parent in ("raqqa-governorate", "deir-ez-zor-governorate"), pid
        assert 1000 <= p.uncertainty_m <= 2000, pid


def _stated_points(p) -> list[tuple[str, float, float]]:
    """The decimal positions a place's point sources state ("at 35.30, 40.29" or "(35.30, 40.29)")."""
    out = []
    for s in p.sources:
        if s["supports"] == "point":
            out += [(s["ref"], float(a), float(b)) for a, b in re.findall(r"(\d{2}\.\d+), (\d{2}\.\d+)", s["note"])]
    return out


@pytest.mark.parametrize("pid", ADDED + SURVEYED)
def test_every_point_a_source_states_lies_within_the_uncertainty(gz, pid):
    p = gz.get(pid)
    stated = _stated_points(p)
    assert stated, pid
    for ref, lat, lon in stated:
        assert distance_m(p.lat, p.lon, lat, lon) <= p.uncertainty_m, (pid, ref)


@pytest.mark.parametrize("pid", SURVEYED)
def test_a_surveyed_place_has_two_independent_points(gz, pid):
    hosts = {re.sub(r"^https?://(www\.)?([^/]+)/.*$", r"\2", s["url"]) for s in gz.get(pid).sources if s["url"]}
    points = [s for s in gz.get(pid).sources if s["supports"] in ("point", "identity") and s["url"]]
    assert gz.get(pid).geometry_quality == "surveyed"
    assert len(points) >= 2 and len(hosts) >= 2, pid


# ------------------------------------------------------------------ a name both governorates have

KASRAH = ["Kasrah", "al-Kasrah", "Kasra", "al-Kasra", "Kasreh"]


def test_kasrah_is_declared_ambiguous_between_deir_ez_zor_and_raqqa(gz):
    for name in KASRAH:
        with pytest.raises(AmbiguousName) as e:
            gz.lookup(name)
        assert {c.id for c in e.value.candidates} == {"kasrah", "kasrat"}, name
    assert gz.get("kasrah").ambiguous and gz.get("kasrat").ambiguous


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(KASRAH),
    verb=st.sampled_from(["Jets struck", "Fighting went on in", "Families fled"]),
)
def test_kasrah_alone_stays_ambiguous_and_its_governorate_decides(gz, name, verb):
    def status(sentence: str) -> str:
        return next(m.place.id if m.place else m.status for m in gz.mentions(sentence) if m.text == name)

    assert status(f"{verb} {name} on Sunday.") == "ambiguous"
    assert status(f"{verb} {name}, west of Deir Ezzor, on Sunday.") == "kasrah"
    assert status(f"{verb} {name}, south of Raqqa, on Sunday.") == "kasrat"
