"""Coverage of the 2017 campaign (issue 16, part 4): the places the reporting names, the
names that are no place, and the counts by kind and quality, on the shipped data."""

from __future__ import annotations

import copy
import json

import pytest

from gazetteer import AmbiguousName, DataError
from gazetteer.__main__ import main
from gazetteer.files import read_json
from gazetteer.normalize import fold_for_matching
from gazetteer.notplaces import (
    NOT_PLACE_KINDS,
    NOT_PLACES_PATH,
    check_not_places,
    load_not_places,
    parse_not_places,
    places_named_in,
)
from gazetteer.personal import generic_spellings
from gazetteer.place import GEOMETRY_QUALITIES, KINDS
from gazetteer.stats import count_places

# Spellings as the 2017 reporting writes them (outlet in the comment), and the place each names.
REPORTED = [
    ("al-Moataz Street", "raqqa-mutaz-street"),  # SOHR, 17 Aug
    ("Al-Rasheed area", "raqqa-al-rasheed-area"),  # SOHR, 17 Aug
    ("Al-Sakhani", "raqqa-sakhani"),  # SOHR, 22 Aug
    ("al-Sakhani", "raqqa-sakhani"),  # SANA, 22 Aug
    ("Al-Hadiqa Al-Baydaa", "raqqa-white-garden"),  # SOHR, 22 Aug
    ("White Garden", "raqqa-white-garden"),  # AFP, 22 Aug
    ("al-Tawassoiya", "raqqa-tawasuiya"),  # SOHR, Oct
    ("al Tawase'eya", "raqqa-tawasuiya"),  # SNHR via Airwars
    ("Tawasuiya", "raqqa-tawasuiya"),  # AFP
    ("al-Andalus", "raqqa-andalus"),  # Verify-Sy, 21 Sep
    ("al-Shuhadaa", "raqqa-shuhadaa"),  # Verify-Sy, 21 Sep
    ("Uwais al-Qarni shrine", "raqqa-uwais-al-qarni-shrine"),  # Reuters caption
    ("Tal al Bai'aa", "raqqa-tal-al-baya"),  # RBSS via the Daily Beast
    ("Al Wadi street", "raqqa-wadi-street"),  # Airwars CS1343
    ("Raqqa Museum", "raqqa-museum"),
    ("Deir Ezzor military airport", "deir-ez-zor-airport"),  # Inside Syria MC
    ("137th Brigade Base", "deir-ez-zor-brigade-137"),  # SouthFront
    ("Brigade 137 base", "deir-ez-zor-brigade-137"),  # Inside Syria MC
    ("Conoco gas plant", "conoco-gas-field"),  # Deir Ezzor 24
    ("Koniko gas field", "conoco-gas-field"),  # SOHR
    ("Khasham", "khasham"),  # Deir Ezzor 24
    ("Busayrah", "busayrah"),
    ("Hajin", "hajin"),
    ("Al Sha'afa", "shaafah"),  # Airwars
    ("al-Susah", "susah"),
    ("al-Shaddadi", "shaddadi"),
    ("Shaddadah", "shaddadi"),  # Rudaw
    ("Khabur", "khabur"),
    ("Rawa", "rawa"),
    ("ERBIL", "erbil"),  # Rudaw dateline
    ("Kurdistan Region", "kurdistan-region"),  # Rudaw dateline
    ("BEIRUT", "beirut"),  # Reuters and AFP datelines
    ("AMMAN", "amman"),  # Reuters dateline
    ("al-Nuri mosque", "mosul-al-nuri-mosque"),
    ("Iran", "iran"),
    ("Lebanon", "lebanon"),
    ("Ma'adan Ateaq", "maadan-atiq"),  # Muraselon, Sept
    ("Ganiem Ali", "ghanim-ali"),  # Muraselon, Sept
    ("Tharda Mountains", "jabal-tharda"),  # Xinhua, 11 Sep
    ("Thardeh Mountain", "jabal-tharda"),  # SOHR
    ("al-Jafra", "jafra"),  # SANA, 17 Sep
    ("Muhassan", "muhassan"),  # SANA, 3 Oct
    ("Tal al_Samn", "tal-samn"),  # SOHR
    ("Tel al-Samen", "tal-samn"),  # SDF Press
    ("23 Shubat Street", "raqqa-23-february-street"),  # SDF Press
    ("Albou Kamal crossing", "albu-kamal-crossing"),  # Asharq al-Awsat
    ("Abu Fas", "abu-fas"),  # ANHA, SouthFront
]


@pytest.mark.parametrize(
    ("sentence", "name", "place_id"),
    [
        # Reuters, 18 June 2017: the governorate's south, not the city's west or east zone
        (
            "A jet was brought down in the southern Raqqa countryside on Sunday.",
            "southern Raqqa countryside",
            "raqqa-governorate",
        ),
        (
            "IS was pushed out of oil fields in the western Raqqa countryside.",
            "western Raqqa countryside",
            "raqqa-governorate",
        ),
        (
            "Strikes hit villages in the eastern countryside of Raqqa.",
            "eastern countryside of Raqqa",
            "raqqa-governorate",
        ),
        ("Fighting raged in western Raqqa near the stadium.", "western Raqqa", "raqqa-west"),
    ],
)
def test_a_part_of_the_countryside_is_the_governorate_not_a_part_of_the_city(gz, sentence, name, place_id):
    assert [(m.text, m.place.id) for m in gz.mentions(sentence) if m.place] == [(name, place_id)]


@pytest.mark.parametrize(("spelling", "place_id"), REPORTED)
def test_a_reported_spelling_resolves(gz, spelling, place_id):
    assert gz.lookup(spelling).id == place_id
    # a generic spelling ("White Garden", gazetteer/data/generic_names.json) needs its city named
    city = " in Raqqa" if fold_for_matching(spelling) in generic_spellings() else ""
    text = f"Reports came from {spelling}{city} today."
    found = [(m.text, m.place.id if m.place else m.status) for m in gz.mentions(text) if m.text != "Raqqa"]
    assert found == [(spelling, place_id)]


def test_every_spelling_of_every_place_looks_up_to_it(gz):
    """Each alias of a place resolves to it, or, when declared ambiguous, to all that share it."""
    wrong = []
    for p in gz:
        for n in p.names:
            try:
                got = gz.lookup(n)
            except AmbiguousName as e:
                if not p.ambiguous or p not in e.candidates or not all(c.ambiguous for c in e.candidates):
                    wrong.append((p.id, n, [c.id for c in e.candidates]))
                continue
            if got is None or got.id != p.id:
                wrong.append((p.id, n, got and got.id))
    assert wrong == []


def test_the_two_panorama_roundabouts_never_resolve_without_their_city(gz):
    with pytest.raises(AmbiguousName) as e:
        gz.lookup("Panorama roundabout")
    assert {c.id for c in e.value.candidates} == {"raqqa-panorama-roundabout", "deir-ez-zor-panorama-roundabout"}
    alone = gz.mentions("Fighting went on at the Panorama roundabout.")
    assert [(m.text, m.status) for m in alone] == [("Panorama roundabout", "ambiguous")]

    def placed(sentence: str) -> str | None:
        return next(m.place.id if m.place else None for m in gz.mentions(sentence) if m.text == "Panorama roundabout")

    assert placed("IS captured the Panorama roundabout south of Deir Ezzor.") == "deir-ez-zor-panorama-roundabout"
    assert placed("The SDF took the Panorama roundabout in Raqqa.") == "raqqa-panorama-roundabout"


def test_generic_descriptions_are_not_aliases(gz):
    """'the grain silos', 'the military airport', 'an Armenian church' need their city in context:
    they are rules of the extractor (geo/extraction/rules/places.toml), never gazetteer names."""
    for generic in ("grain silos", "military airport", "Armenian church", "sugar factory", "city hospital", "Panorama"):
        assert gz.candidates(generic) == (), generic


def test_an_unsourced_position_says_so_and_covers_the_city(gz):
    for p in gz:
        if p.geometry_quality == "unsourced":
            assert p.notes.startswith("UNSOURCED POSITION"), p.id
            assert p.uncertainty_m >= 1500, p.id
            assert not any(s["supports"] == "point" for s in p.sources), p.id


# ------------------------------------------------------------------ names that are no place


def test_the_shipped_not_places_list_is_valid_and_fits_the_gazetteer(gz):
    entries = load_not_places()
    assert {e.kind for e in entries} <= set(NOT_PLACE_KINDS)
    assert check_not_places(list(entries), gz) == []
    for e in entries:
        assert e.source.strip()
        for n in e.names:  # each name really does hold a place name a reader could take
            assert places_named_in(n, gz) <= set(e.contains), n
        assert set(e.contains) <= set().union(*(places_named_in(n, gz) for n in e.names)), e.name


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Raqqa Is Being Slaughtered Silently", "raqqa"),
        ("Deir Ezzor 24", "deir-ez-zor"),
        ("Euphrates Wrath", "euphrates"),
        ("Euphrates Post", "euphrates"),
        ("Raqqa Civil Council", "raqqa"),
        ("Shuhada al-Raqqa", "raqqa-shuhadaa"),
    ],
)
def test_an_organisation_name_is_listed_with_the_place_it_spells(gz, name, place_id):
    entry = next(e for e in load_not_places() if name in e.names)
    assert place_id in entry.contains
    # the hazard is real: the gazetteer alone reads the place inside the name
    assert place_id in {m.place.id for m in gz.mentions(f"{name} said so.") if m.place}


def _shipped() -> list:
    return json.loads(NOT_PLACES_PATH.read_text(encoding="utf-8"))


def test_every_problem_of_a_broken_list_is_named_at_once():
    data = copy.deepcopy(_shipped())
    data[0]["kind"] = "militia"
    del data[1]["source"]
    data[2]["contains"] = []
    data.append({"name": data[3]["name"], "contains": ["euphrates"], "kind": "outlet", "source": "x"})
    with pytest.raises(DataError) as e:
        parse_not_places(data, source="broken.json")
    got = {(p.place_id, p.field) for p in e.value.problems}
    assert got == {
        (data[0]["name"], "kind"),
        (data[1]["name"], "source"),
        (data[2]["name"], "contains"),
        (data[3]["name"], "name"),
    }
    assert "broken.json" in str(e.value) and "militia" in str(e.value)


def test_a_list_that_misses_or_invents_a_place_is_caught(gz):
    entries = parse_not_places(_shipped())
    martyrs = next(e for e in entries if e.name == "Raqqa Martyrs Brigade")
    fewer = [e if e is not martyrs else type(e)(e.name, ("raqqa",), e.kind, e.source, e.aliases) for e in entries]
    problems = check_not_places(fewer, gz)
    assert [(p.place_id, p.field) for p in problems] == [("Raqqa Martyrs Brigade", "contains")]
    assert "raqqa-shuhadaa" in problems[0].expected
    invented = [type(martyrs)("Raqqa Post", ("raqqa", "raqqa-nowhere"), "outlet", "test")]
    assert {p.found for p in check_not_places(invented, gz)} >= {"raqqa-nowhere"}


def test_check_names_a_broken_not_places_list(tmp_path, capsys):
    data = _shipped()
    data[0]["contains"] = ["euphrates"]  # RBSS spells Raqqa, not the river
    path = tmp_path / "not_places.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", "--not-places", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Raqqa Is Being Slaughtered Silently: contains" in out and "raqqa" in out
    assert main(["check"]) == 0
    assert "names that are no place" in capsys.readouterr().out


# ------------------------------------------------------------------ counts


def test_stats_count_every_place_once(gz, capsys):
    counts = count_places(gz)
    assert counts.total == len(gz) == sum(counts.kinds.values()) == sum(counts.quality.values())
    assert sum(counts.by_kind_quality.values()) == counts.total
    assert set(counts.kinds) <= set(KINDS) and set(counts.quality) <= set(GEOMETRY_QUALITIES)
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(counts.to_json()))
    assert main(["stats"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 2 + len(counts.kinds) + 1
    assert table[-1].endswith(f"| **{counts.total}** |")


def test_the_data_file_and_its_readme_agree_on_the_not_places_schema():
    readme = (NOT_PLACES_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert "not_places.json" in readme
    for field in ("name", "contains", "kind", "source", "aliases", "note"):
        assert f"`{field}`" in readme
    assert read_json(NOT_PLACES_PATH) == _shipped()


def test_docs_show_the_current_counts(gz):
    """docs/data.md keeps the table `python -m gazetteer stats` prints: a new place updates both."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "data.md").read_text(encoding="utf-8")
    counts = count_places(gz)
    assert counts.markdown() in doc
    for quality, n in counts.quality.items():
        assert f"| `{quality}` | {n} |" in doc
    assert f"{counts.total} places" in doc
