"""Names audit, class 3: a place name inside a local body's name ("Tabqa Military Council")
names the body, not where an incident happened; the place said on its own still counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extraction.extract import extract_text


def places(text: str) -> list[list[str]]:
    return [r["places_mentioned"] for r in extract_text(text, article_id="t", published="2017-06-14", outlet="AFP")]


@settings(max_examples=30, deadline=None)
@given(
    place=st.sampled_from(["Tabqa", "Deir ez-Zor", "Aleppo", "Hasakah", "Raqqa", "Manbij", "al-Mayadin"]),
    body=st.sampled_from(
        ["Military Council", "Civil Council", "Local Council", "Media Center", "Media Centre", "Tahrir Brigade"]
    ),
)
def test_a_place_inside_a_bodys_name_is_no_place(place, body):
    text = f"Raqqa fighting\n\nThe {place} {body} said heavy shelling killed 4 people in Hajin on Monday."
    assert places(text) == [["hajin"]]


@pytest.mark.parametrize(
    ("sentence", "place_id"),
    [
        # the body's head in lower case is a description, and the place is where it sits
        ("The military council in Tabqa said shelling killed 4 people on Monday.", "tabqa"),
        # a place before a full stop and a capitalised sentence start is no body
        ("Shelling killed 4 people in Tabqa. Military Council members said so on Monday.", "tabqa"),
    ],
)
def test_the_place_outside_a_bodys_name_still_counts(sentence, place_id):
    assert [place_id] in places(f"Raqqa fighting\n\n{sentence}")
