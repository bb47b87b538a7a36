"""Grouping an article's reports into events (issue 16, part 3), as tables of sentences in our own words.

A report joins the event of an earlier telling of the same incident in the same article: the same
place, or one inside the other, or the sentence right before with one of them placed nowhere or
only as a city (not another city); overlapping dates; the same type, or an assault and the
capture at one place. Two sibling places (two districts) are never one event, however the reports
between them chain. The cases marked ``# fails before`` were split (or joined) wrongly at fe7c323.
"""

from __future__ import annotations

from typing import Any

import pytest

import gazetteer
from geo.extraction.extract import extract_text


def _events(gz: gazetteer.Gazetteer, text: str) -> list[tuple[str, str | None, int]]:
    """(type, place, event number) per report, the events numbered in order of first report."""
    rs: list[dict[str, Any]] = extract_text(
        "Raqqa\n\n" + text, article_id="rw", published="2017-06-14", outlet="Reuters", gz=gz
    )
    order: dict[str, int] = {}
    return [(r["event_type"], r["place_id"], order.setdefault(r["event_id"], len(order))) for r in rs]


GROUPED = [
    # fails before: an assault and the capture it belongs to, told at one place, were two events
    (
        "Fighters of the SDF stormed al-Mishlab on Tuesday, the alliance said. A commander said the "
        "assault on al-Mishlab was under way on Tuesday and that the fighting was fierce.",
        [("territory_change", "raqqa-mishlab", 0), ("armed_clash", "raqqa-mishlab", 0)],
    ),
    # fails before: the repeat of "the Old City" joined the mosque's event, not the Old City's
    (
        "The SDF captured the Old City and the Great Mosque of Raqqa on Monday. On Monday the SDF said "
        "it had captured the last streets of the Old City from IS.",
        [
            ("territory_change", "raqqa-old-city", 0),
            ("territory_change", "raqqa-great-mosque", 1),
            ("territory_change", "raqqa-old-city", 0),
        ],
    ),
    # fails before: the first telling placed only by its story ("the roundabout": Raqqa, the headline's
    # one place), the next one names it
    (
        "A day earlier, the SDF had taken the roundabout where IS used to hold public executions. "
        "Footage showed fighters raising their flags at al-Naim roundabout on Monday, after it fell to the SDF.",
        [("territory_change", "raqqa", 0), ("territory_change", "raqqa-naim-square", 0)],
    ),
    # fails before: the second event of a sentence ("after a night of air strikes ... stormed")
    # was always an event of its own, even when the story had told that capture just before
    (
        "The SDF captured al-Mishlab on Tuesday, the alliance said. After a night of heavy air strikes, "
        "SDF fighters stormed al-Mishlab on Tuesday, a commander said.",
        [
            ("territory_change", "raqqa-mishlab", 0),
            ("air_strike", "raqqa-mishlab", 1),
            ("territory_change", "raqqa-mishlab", 0),
        ],
    ),
    # a village near the city, then the sentence after calling it "the village": one capture
    (
        "The SDF captured the village of Kasrat Afnan on Thursday, the alliance said. The SDF said on "
        "Thursday the village, six kilometres south of Raqqa, was now free.",
        [("territory_change", "kasrat", 0), ("territory_change", "kasrat", 0)],
    ),
    # the lead at a district, a resident's words about the same raid at the city
    (
        'Coalition jets struck al-Badu on Monday, killing 12 people, activists said. "They destroyed '
        'everything in Raqqa," a resident said of the raid on Monday.',
        [("air_strike", "raqqa-badu", 0), ("air_strike", "raqqa", 0)],
    ),
]

APART = [
    # fails before: a city-wide lead chained two districts' captures into one event
    (
        "The SDF captured two more districts of Raqqa on Monday, the alliance said. Its units took "
        "al-Batani on Monday, it said. On Monday they also took Hattin, the Observatory said.",
        [
            ("territory_change", "raqqa", 0),
            ("territory_change", "raqqa-batani", 0),
            ("territory_change", "raqqa-hattin", 1),
        ],
    ),
    # two strikes in two cities, told one after the other
    (
        "Coalition jets struck Tabqa on Monday, activists said. "
        "Coalition jets struck al-Badu on Monday, activists said.",
        [("air_strike", "tabqa", 0), ("air_strike", "raqqa-badu", 1)],
    ),
    # fails before: a city in the sentence after was taken as a vaguer telling, whatever city
    (
        "Coalition jets struck Tabqa on Monday, activists said. Coalition jets also struck Raqqa on Monday, "
        "activists said.",
        [("air_strike", "tabqa", 0), ("air_strike", "raqqa", 1)],
    ),
    # a capture and a clash in another district are two incidents
    (
        "The SDF captured al-Mishlab on Monday, the alliance said. Fierce clashes went on in al-Sinaa "
        "on Monday, the Observatory said.",
        [("territory_change", "raqqa-mishlab", 0), ("armed_clash", "raqqa-sinaa", 1)],
    ),
    # fails before: a city-wide tally later in the story is not the district's capture told again
    (
        "The SDF captured al-Mishlab on Monday, the alliance said. Fierce clashes went on in al-Sinaa "
        "on Monday, the Observatory said. By Monday the SDF had captured half of Raqqa, the alliance said.",
        [
            ("territory_change", "raqqa-mishlab", 0),
            ("armed_clash", "raqqa-sinaa", 1),
            ("territory_change", "raqqa", 2),
        ],
    ),
    # fighting across a city is not the capture told of it: an assault and a capture are one
    # event only below city level
    (
        "US-backed fighters captured two districts of Raqqa on Monday, the alliance said. Fighting was "
        "also raging in Raqqa on Monday, activists said.",
        [("territory_change", "raqqa", 0), ("armed_clash", "raqqa", 1)],
    ),
    # the same district struck on two days
    (
        "Coalition jets struck al-Badu on Monday, killing 12 people. "
        "On Wednesday jets struck al-Badu again, killing four.",
        [("air_strike", "raqqa-badu", 0), ("air_strike", "raqqa-badu", 1)],
    ),
]


@pytest.mark.parametrize(("text", "want"), GROUPED)
def test_tellings_of_one_incident_are_one_event(gz: gazetteer.Gazetteer, text: str, want: list) -> None:
    assert _events(gz, text) == want


@pytest.mark.parametrize(("text", "want"), APART)
def test_different_incidents_stay_apart(gz: gazetteer.Gazetteer, text: str, want: list) -> None:
    assert _events(gz, text) == want
