"""Place mentions in text: offsets, resolution, context, unresolved names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# How each spelling in the seeds must resolve. Every mention found must be listed here,
# so a new wrong placement fails the test rather than slipping onto the map.
EXPECTED = {
    "Raqqa": "raqqa",
    "Raqa": "raqqa",
    "Syria": "syria",
    "Iraq": "iraq",
    "Mosul": "mosul",
    "Aleppo": "aleppo",
    "Fallujah": "fallujah",
    "Jazra": "raqqa-jazra",
    "West Raqqa": "raqqa-west",
    "East": "raqqa-east",  # "all across East and West Raqqa"
    "Topzawa": "topzawa",
    "Bashiqa": "bashiqa",
    "al-Mishlab": "raqqa-mishlab",
    "Mishlab": "raqqa-mishlab",
    "Al-Meshleb": "raqqa-mishlab",
    "al-Sabahia": "raqqa-sabahia",
    "Sabahia": "raqqa-sabahia",
    "al-Romania": "raqqa-romania",
    "Nour Street": "raqqa-nour-street",
    "Tabqa": "tabqa",
    "Hazima": "hazima",
    "Harqal citadel": "heraqla",
    "Euphrates River": "euphrates",
    "Euphrates": "euphrates",
    "Old City": "mosul-old-city",
    "Jordan": "jordan",
    "Al-Tanaf garrison": "al-tanf",
    "Nazlat a-Shahadah": "raqqa-nazlat-shahada",
    "Russia": "russia",
    "Washington": "washington",  # "accused Washington of ...": a capital for its government, as "Russia" is
    "Raqqa city": "raqqa",
    "Syria's Euphrates valley": "euphrates-valley",
}

MUST_FIND = [
    ("000", "Jazra", "raqqa-jazra"),
    ("000", "West Raqqa", "raqqa-west"),
    ("000", "East", "raqqa-east"),
    ("001", "Fallujah", "fallujah"),
    ("001", "Aleppo", "aleppo"),
    ("002", "Topzawa", "topzawa"),
    ("002", "Bashiqa", "bashiqa"),
    ("002", "al-Mishlab", "raqqa-mishlab"),
    ("002", "al-Sabahia", "raqqa-sabahia"),
    ("002", "al-Romania", "raqqa-romania"),
    ("002", "Nour Street", "raqqa-nour-street"),
    ("002", "Jazra", "raqqa-jazra"),
    ("002", "Tabqa", "tabqa"),
    ("003", "Hazima", "hazima"),
    ("003", "Al-Meshleb", "raqqa-mishlab"),
    ("003", "Harqal citadel", "heraqla"),
    ("003", "Euphrates River", "euphrates"),
    ("003", "Old City", "mosul-old-city"),
    ("003", "Al-Tanaf garrison", "al-tanf"),
    ("003", "Raqa", "raqqa"),
    ("004", "Nazlat a-Shahadah", "raqqa-nazlat-shahada"),
    ("004", "Euphrates", "euphrates"),
]


@pytest.mark.parametrize(("seed", "text", "place_id"), MUST_FIND)
def test_seed_mention_found_and_resolved(gz, seed_texts, seed, text, place_id):
    found = [m for m in gz.mentions(seed_texts[seed]) if m.text == text]
    assert found, f"{text!r} not found in seed {seed}"
    assert {m.place.id if m.place else None for m in found} == {place_id}


def test_no_seed_mention_is_placed_wrongly(gz, seed_texts):
    wrong = []
    for seed, text in seed_texts.items():
        for m in gz.mentions(text):
            assert text[m.start : m.end] == m.text
            if m.place is None:
                continue
            want = EXPECTED.get(m.text, EXPECTED.get(m.text.split("-", 1)[-1]))
            if want != m.place.id:
                wrong.append((seed, m.text, m.start, m.place.id, want))
    assert wrong == []


def test_actor_modifiers_are_not_places(gz, seed_texts):
    texts = [m.text for t in seed_texts.values() for m in gz.mentions(t)]
    assert "US" not in texts and "U.S" not in texts and "Britain" not in texts


def test_operation_names_are_not_places(gz):
    ms = gz.mentions('the command of "Operation Wrath of the Euphrates" said, near the Euphrates.')
    assert [(m.text, m.start) for m in ms] == [("Euphrates", 65)]


@pytest.mark.parametrize(
    ("sentence", "name", "place_id"),
    [
        ("The forces are now advancing into al-Romania district in northwest Raqqa.", "al-Romania", "raqqa-romania"),
        ("Fighting reached the Romania district on Monday.", "Romania", "raqqa-romania"),
        ("Romania, a European Union member, sent aid to the country.", "Romania", "romania"),
        (
            "US-backed forces are battling IS in Mosul and have confined them around the Old City.",
            "Old City",
            "mosul-old-city",
        ),
        ("In Raqqa, the SDF pushed into the Old City from the east.", "Old City", "raqqa-old-city"),
    ],
)
def test_context_settles_ambiguous_names(gz, sentence, name, place_id):
    m = next(m for m in gz.mentions(sentence) if m.text == name)
    assert m.place is not None and m.place.id == place_id, m
    if not name.startswith("al-"):  # "al-Romania" as written is the district's own spelling, not shared
        assert len(m.candidates) >= 2


def test_ambiguous_without_context_is_not_placed(gz):
    ms = [m for m in gz.mentions("Romania.") if m.text == "Romania"]
    assert ms and ms[0].place is None and ms[0].status == "ambiguous"
    assert {c.id for c in ms[0].candidates} >= {"romania", "raqqa-romania"}


@pytest.mark.parametrize(
    ("sentence", "unknown"),
    [
        ("SDF fighters took the al-Zzzqiya district on Sunday.", "al-Zzzqiya"),
        ("Clashes spread to the Qwertyville neighbourhood.", "Qwertyville"),
        ("They reached the town of Blorptown after dawn.", "Blorptown"),
    ],
)
def test_unknown_place_like_names_come_back_unresolved(gz, sentence, unknown):
    ms = [m for m in gz.mentions(sentence) if m.status == "unknown"]
    assert [m.text for m in ms] == [unknown]
    assert ms[0].place is None
    assert sentence[ms[0].start : ms[0].end] == unknown


def test_known_names_are_not_also_unknown(gz):
    ms = gz.mentions("The SDF broke into the eastern Al-Meshleb district of the city.")
    assert [(m.text, m.status) for m in ms] == [("Al-Meshleb", "resolved")]


def test_non_ascii_text_keeps_offsets(gz):
    text = "Ｆighting in Raqqā’s al-Mishlab — and in الرقة — continued; İstanbul Jazra."
    ms = gz.mentions(text)
    for m in ms:
        assert text[m.start : m.end] == m.text
    ids = [m.place.id for m in ms if m.place]
    assert ids.count("raqqa") == 2 and "raqqa-mishlab" in ids and "raqqa-jazra" in ids


def test_damaged_character_does_not_stop_matching(gz, seed_texts):
    assert "\ufffd" in seed_texts["004"]
    assert any(m.text == "Nazlat a-Shahadah" for m in gz.mentions(seed_texts["004"]))


_pieces = st.sampled_from(
    [
        "Raqqa",
        " ",
        "al-",
        "Mishlab",
        "Romania",
        "district",
        ",",
        "\n",
        "é",
        "الرقة",
        "town of ",
        "X",
        "US-led",
        "Old City",
    ]
)


@given(st.lists(_pieces, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_offsets_always_point_at_the_text(gz, text):
    prev_end = -1
    for m in gz.mentions(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= prev_end  # in order, not overlapping
        prev_end = m.end
        assert (m.place is None) == (m.status != "resolved")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Turkey's Operation Euphrates Shield ended near the Euphrates.", [("Euphrates", "euphrates")]),
        # the longest spelling runs into a longer word; the shorter one still counts
        ("West Raqqawi families and Raqqa citywide.", [("Raqqa", "raqqa")]),
        ("Syrian and Iraqi forces; Syria and Iraq.", [("Syria", "syria"), ("Iraq", "iraq")]),
        ("Mosul Raqqa", [("Mosul", "mosul"), ("Raqqa", "raqqa")]),  # one space between two names
    ],
)
def test_word_boundaries_and_operations(gz, sentence, expected):
    assert [(m.text, m.place.id) for m in gz.mentions(sentence) if m.place] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a direction word coordinated with a known "<direction> <name>" elides the name
        ("phosphorous all across East and West Raqqa", [("East", "raqqa-east"), ("West Raqqa", "raqqa-west")]),
        ("Eastern and Western Raqqa", [("Eastern", "raqqa-east"), ("Western Raqqa", "raqqa-west")]),
        (
            "North, East and West Raqqa",
            [("North", "raqqa-north"), ("East", "raqqa-east"), ("West Raqqa", "raqqa-west")],
        ),
        # "South Raqqa" is not a place we know: "South" stays unplaced, never guessed
        ("South and West Raqqa", [("West Raqqa", "raqqa-west")]),
        ("South, East and West Raqqa", [("East", "raqqa-east"), ("West Raqqa", "raqqa-west")]),
        # not coordinated: nothing elided
        ("East of the river, West Raqqa burned", [("West Raqqa", "raqqa-west")]),
        ("in East Raqqa and West Mosul", [("East Raqqa", "raqqa-east"), ("Mosul", "mosul")]),
    ],
)
def test_coordinated_direction_words(gz, sentence, expected):
    assert [(m.text, m.place.id) for m in gz.mentions(sentence) if m.place] == expected


def _fold_reference(text: str) -> str:
    """fold_text by definition, one character at a time (slow, obviously right)."""
    from gazetteer.matcher import _FOLD

    return "".join((c.lower() if c.isalnum() else " ") if c.isascii() else _FOLD[ord(c)] for c in text)


# the blocks the fast path reasons about (C2, E2, EF lead bytes), their neighbours, Arabic, astral
_FOLD_ALPHABET = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x2FF),
    st.characters(min_codepoint=0x2000, max_codepoint=0x2100),
    st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
    st.characters(min_codepoint=0xF000, max_codepoint=0xFFFF),
    st.characters(min_codepoint=0x10000, max_codepoint=0x1D7FF),
    st.sampled_from("\u00a0\u2019\u201c\u201d\u2014\ufffd\u00aa\u00b2\u00b5\u2071\u207f\uff21"),
)


@given(st.text(alphabet=_FOLD_ALPHABET, max_size=40))
@settings(max_examples=1500, deadline=None)
def test_fold_text_is_the_per_character_fold(text):
    from gazetteer.matcher import fold_text

    folded = fold_text(text)
    assert len(folded) == len(text)  # offsets stay valid
    assert folded == _fold_reference(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Al-Raqqa\u2019s", "al raqqa s"),
        ("\u201cJazra\u201d\u00a0district", " jazra  district"),
        ("\u1e24az\u012bma", "hazima"),  # Latin letters with diacritics fold to their base
        ("x\u00b2 \u00bd", "x2 1"),  # a superscript digit is a digit, not a space
        ("\u0627\u0644\u0631\u0642\u0629", "\u0627\u0644\u0631\u0642\u0647"),  # Arabic kept, ta marbuta folded
        ("seed 004\ufffd damaged", "seed 004  damaged"),
    ],
)
def test_fold_text_table(text, folded):
    from gazetteer.matcher import fold_text

    assert fold_text(text) == folded


_SPELLINGS = st.sampled_from(
    [
        "Raqqa",
        "al-Mishlab",
        "Al-Meshleb",
        "Syria",
        "Syrian",
        "US",
        "us",
        "used",
        "U.S.",
        "Romania",
        "al-Romania district",
        "Raqqa citywide",
        "Old City",
        "East and West Raqqa",
        "Tabqa",
        "Euphrates",
        "Operation Euphrates Shield",
        "US-led",
        "the town of Foo",
        "\u0627\u0644\u0631\u0642\u0629",
    ]
)
_GLUE = st.sampled_from([" ", ", ", "-", "\u2019s ", " \u2014 ", "\u00a0", ". ", " and ", "\n\n", "'", "\u201c"])


@given(st.lists(st.tuples(_SPELLINGS, _GLUE), max_size=12))
@settings(max_examples=300, deadline=None)
def test_bytes_scan_finds_what_the_str_scan_finds(gz, parts):
    """Text that folds to ASCII is scanned as bytes; the same hits must come out of the str automaton."""
    import gazetteer.matcher as gm

    text = "".join(a + b for a, b in parts)
    fast = gz._matcher.hits(text) if gm.fold_ascii(text) is not None else None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(gm, "fold_ascii", lambda t: None)  # every text down the exact, per-character path
        slow = gz._matcher.hits(text)
        slow_mentions = gz.mentions(text)
    if fast is not None:
        assert [(s, e, p.spelling) for s, e, p in fast] == [(s, e, p.spelling) for s, e, p in slow]
    assert gz.mentions(text) == slow_mentions
