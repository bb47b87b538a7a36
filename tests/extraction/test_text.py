"""Tests of geo.extraction.text: loading, sentences, captions."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extraction import text as T
from geo.extraction.text import (
    ArticleError,
    caption_reasons,
    captions,
    is_boilerplate,
    is_caption,
    lines,
    read_article,
    sentences,
    story_sentences,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "data" / "articles"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
CATALOG = {a["id"]: a for a in json.loads((SEEDS / "catalog.json").read_text())["articles"]}


def _pub(path: Path) -> tuple[date, date]:
    a = CATALOG[path.stem]
    return date.fromisoformat(a["published_earliest"]), date.fromisoformat(a["published_latest"])


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_sentences_offsets(path: Path) -> None:
    text = read_article(path)
    assert text == path.read_bytes().decode("utf-8", errors="replace")
    spans = sentences(text)
    assert spans
    prev = -1
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev
        prev = s.end


def test_seed_004_replacement_char_loads() -> None:
    text = read_article(SEEDS / "004_6fc452215bdd00e3.txt")
    assert "\ufffd" in text


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Previously, the U.S. used white phosphorous. It burns.",
            ["Previously, the U.S. used white phosphorous.", "It burns."],
        ),
        (
            "Coalition commander Lt. Gen. Steve Townsend said so. Others agreed.",
            ["Coalition commander Lt. Gen. Steve Townsend said so.", "Others agreed."],
        ),
        (
            '"The bombing has been going for two days," Abu Mohamed told AFP. He said shops were shut.',
            ['"The bombing has been going for two days," Abu Mohamed told AFP.', "He said shops were shut."],
        ),
        (
            'He said it was "deeply concerned." The group warned.',
            ['He said it was "deeply concerned."', "The group warned."],
        ),
        ('"IS wouldn\'t let us leave". Residents fled.', ['"IS wouldn\'t let us leave".', "Residents fled."]),
        (
            "Headline Without A Period\n\nFirst sentence. Second one!\nThird?",
            ["Headline Without A Period", "First sentence.", "Second one!", "Third?"],
        ),
        ("It rose 2.5 percent. Then fell.", ["It rose 2.5 percent.", "Then fell."]),
        ("the U.S-led coalition struck. 160,000 remain.", ["the U.S-led coalition struck.", "160,000 remain."]),
        ("A. Smith said no. But e.g. this stays.", ["A. Smith said no.", "But e.g. this stays."]),
        ("Is it over? he asked. Yes.", ["Is it over? he asked.", "Yes."]),
        ("", []),
        ("   \n \n", []),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences(text)] == expected


def test_seed_000_one_sentence_per_line() -> None:
    text = read_article(SEEDS / "000_b68d3658c3163bb5.txt")
    assert len(sentences(text)) == len(lines(text))


def test_seed_captions_002() -> None:
    path = SEEDS / "002_c43053039edc6be8.txt"
    text = read_article(path)
    caps = captions(text, published=_pub(path))
    assert len(caps) == 3
    assert all("Topzawa" in c.text or "photo credit" in c.text for c in caps)
    story = [s.text for s in story_sentences(text, published=_pub(path))]
    assert not any("Topzawa" in s for s in story)
    assert any("33 people were killed" in s for s in story)


def test_seed_captions_003() -> None:
    path = SEEDS / "003_ebdecad3bcd8edbe.txt"
    text = read_article(path)
    caps = captions(text, published=_pub(path))
    assert [c.text.startswith("A member of the Syrian Democratic Forces") for c in caps] == [True, True]


def test_seed_004_repeated_headline_and_quote_are_not_captions() -> None:
    path = SEEDS / "004_6fc452215bdd00e3.txt"
    text = read_article(path)
    caps = [c.text for c in captions(text, published=_pub(path))]
    assert not any(c.startswith("No 'Worse Place") for c in caps)
    assert not any(c.startswith('"But violations') for c in caps)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_no_story_sentence_is_a_caption_elsewhere(path: Path) -> None:
    text = read_article(path)
    caps = captions(text, published=_pub(path))
    for s in story_sentences(text, published=_pub(path)):
        assert not any(c.start <= s.start and s.end <= c.end for c in caps)


@pytest.mark.parametrize(
    "line,caption",
    [
        (
            "Smoke rises after an US airstrike near Mosul, Iraq October 24, 2016."
            "  (photo credit: REUTERS/AHMED JADALLAH)",
            True,
        ),
        ("(photo credit: REUTERS/AHMED JADALLAH)", True),
        ("A member of the SDF stands in the village of Hazima, on June 6, 2017. (DELIL SOULEIMAN/AFP)", True),
        ("Displaced Syrians wait at a checkpoint near Raqqa. AFP PHOTO / DELIL SOULEIMAN/AFP", True),
        ("Fighters walk past a ruined house in Raqqa. (Reuters)", True),
        ("An ISIS video allegedly showing white phosphorus dropped on Raqqa", True),
        ("The Observatory said 23 civilians were killed on Thursday night.", False),
        ("No 'Worse Place On Earth' Than Syria's Raqqa", False),
        ("SDF forces receive civilians fleeing Raqqa's southern Nazlat a-Shahadah district this week.", False),
        ("Amnesty International said the responsibility to safeguard civilians lies on all sides.", False),
    ],
)
def test_is_caption(line: str, caption: bool) -> None:
    assert is_caption(line, published=date(2017, 6, 7)) is caption


def test_caption_far_date_reason() -> None:
    r = caption_reasons(
        "Smoke rises over Bashiqa, Iraq October 24, 2016.", published=(date(2017, 6, 10), date(2017, 6, 11))
    )
    assert "date far from story" in r and "photo description" in r


def test_synthetic_article_captions() -> None:
    for name, pub in [("t01_old_city_wall", date(2017, 7, 4)), ("t04_nazlat_shahada", date(2017, 8, 14))]:
        caps = captions(read_article(ARTICLES / f"{name}.txt"), published=pub)
        assert len(caps) == 1 and caps[0].text.endswith("AFP)") or caps[0].text.endswith("REUTERS)")


@pytest.mark.parametrize(
    "line,boiler",
    [
        ("Breadcrumb", True),
        ("Related Video:", True),
        ("Show Full Article", True),
        ("Latest News", True),
        ("Jun 11, 2017 at 9:52 AM ET", True),
        ("The SDF said so.", False),
        ("160,000 inside Raqa", False),
    ],
)
def test_is_boilerplate(line: str, boiler: bool) -> None:
    assert is_boilerplate(line) is boiler


# --- read_article errors ----------------------------------------------------


def test_read_empty(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ArticleError, match=r"empty\.txt.*empty") as ei:
        read_article(p)
    assert isinstance(ei.value, ValueError) and ei.value.reason == "empty"
    p.write_bytes(b"  \n\t\n")
    with pytest.raises(ArticleError, match="whitespace only"):
        read_article(p)


def test_read_binary(tmp_path: Path) -> None:
    p = tmp_path / "pic.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ArticleError, match=r"pic\.png.*NUL byte at byte offset 8") as ei:
        read_article(p)
    assert ei.value.reason == "binary" and ei.value.offset == 8


def test_read_non_utf8(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Raqqa caf\u00e9 strike".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"latin1\.txt.*byte b'\\xe9' at byte offset 9") as ei:
        read_article(p)
    assert ei.value.reason == "encoding" and ei.value.offset == 9
    assert read_article(p, errors="replace") == "Raqqa caf\ufffd strike"


def test_read_encoded_replacement_char_is_fine(tmp_path: Path) -> None:
    p = tmp_path / "ok.txt"
    p.write_bytes("they don\ufffd\n".encode("utf-8"))
    assert read_article(p) == "they don\ufffd\n"


def test_read_oversized(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 101)
    with pytest.raises(ArticleError, match=r"big\.txt.*101 bytes is more than max_bytes=100") as ei:
        read_article(p, max_bytes=100)
    assert ei.value.reason == "too_large"
    assert read_article(p, max_bytes=101) == "a" * 101


def test_read_keeps_crlf(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"One.\r\nTwo.\r\n")
    text = read_article(p)
    assert text == "One.\r\nTwo.\r\n"
    assert [(s.start, s.end) for s in sentences(text)] == [(0, 4), (6, 10)]


def test_read_bad_args(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("x")
    with pytest.raises(ValueError, match="could not use max_bytes=0"):
        read_article(p, max_bytes=0)
    with pytest.raises(ValueError, match="could not use errors='ignore'"):
        read_article(p, errors="ignore")
    with pytest.raises(FileNotFoundError):
        read_article(tmp_path / "missing.txt")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_sentences_offsets_arbitrary(text: str) -> None:
    prev = 0
    for s in sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= prev
        prev = s.end
    captions(text, published=date(2017, 6, 7))
    story_sentences(text, drop_headline=True)


# the cheap tests in front of the credit patterns and the date pattern only spare what cannot match
_CREDIT_BITS = st.sampled_from(
    [
        "AFP",
        "Reuters",
        "AFP/Getty Images",
        "EPA-EFE",
        " photo",
        "Photo",
        ".",
        " ",
        "  ",
        "(",
        ")",
        "/",
        " - ",
        " \u2014 ",
        "|",
        "DELIL SOULEIMAN",
        "photo credit:",
        "Credit",
        "credit :",
        "Smoke rises",
        "over Raqqa",
        "June 6, 2017",
        "2016",
        "19 October 2016",
        "Image:",
        "x",
    ]
)


@given(st.lists(_CREDIT_BITS, max_size=9).map("".join))
@settings(max_examples=2000, deadline=None)
def test_credit_prefilters_are_exact(line):
    from geo.extraction.text import _CREDIT_RES, _FULL_DATE, _dates_in, caption_reasons

    credits = {"photo credit", "credit label", "agency credit", "photographer credit"}
    got = [r for r in caption_reasons(line) if r in credits]
    expected = list(dict.fromkeys(name for name, rx in _CREDIT_RES if rx.search(line.strip())))
    assert got == expected
    if _FULL_DATE.search(line) is None:
        assert _dates_in(line) == []


_WORD_BEFORE_RE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ. .-é1\u0130", max_size=30), st.data())
def test_word_before_a_period_matches_the_anchored_regex(line, data):
    # the backward scan must find exactly the word the $-anchored search found
    dot = data.draw(st.integers(0, len(line)))
    m = _WORD_BEFORE_RE.search(line[:dot])
    assert T._word_before(line, dot) == (m.group(1) if m else "")


def test_lines_of_the_same_text_asked_twice_are_fresh_equal_lists():
    text = "Headline\n\n  First line.  \nSecond line\n"
    first = lines(text)
    first.clear()  # a caller's list is its own
    again = lines(text)
    assert [(x.start, x.end, x.text) for x in again] == [
        (0, 8, "Headline"),
        (12, 23, "First line."),
        (26, 37, "Second line"),
    ]
    assert lines("Other\ntext") != again and [x.text for x in lines(text)] == ["Headline", "First line.", "Second line"]
