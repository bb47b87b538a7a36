"""The real-reporting evaluation scores what it says, on a small coded article written for the test."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import eval_realworld as ev  # noqa: E402

import gazetteer  # noqa: E402

TEXT = (
    "Fighting in Raqqa\n\n"
    "The SDF captured al-Mishlab on Tuesday, the Observatory said. "
    "The Euphrates Post reported shelling. "
    '"The planes hit the district at dawn," a resident said.'
)


def _incident(quote: str, **fields: object) -> dict:
    start = TEXT.index(quote)
    base = {
        "quote": quote,
        "span_start": start,
        "span_end": start + len(quote),
        "place_id": None,
        "coarse_ok": None,
        "date_start": "2017-06-13",
        "date_end": "2017-06-13",
        "deaths_low": None,
        "deaths_high": None,
        "claimed_by": "Syrian Observatory for Human Rights",
        "control": None,
        "event_key": "k1",
    }
    return {**base, **fields}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "t1.txt").write_text(TEXT, encoding="utf-8")
    m = TEXT.index("al-Mishlab")
    e = TEXT.index("Euphrates")
    coding = {
        "article": "t1.txt",
        "published": "2017-06-14",
        "outlet": "Reuters",
        "mentions": [
            {
                "text": "Raqqa",
                "start": 12,
                "end": 17,
                "place_id": "raqqa",
                "coarse_ok": None,
                "not_place": False,
                "role": "name",
            },
            {
                "text": "al-Mishlab",
                "start": m,
                "end": m + 10,
                "place_id": "raqqa-mishlab",
                "coarse_ok": None,
                "not_place": False,
                "role": "name",
            },
            {
                "text": "Euphrates",
                "start": e,
                "end": e + 9,
                "place_id": None,
                "coarse_ok": None,
                "not_place": True,
                "role": "organisation",
            },
        ],
        "incidents": [
            _incident(
                "The SDF captured al-Mishlab on Tuesday, the Observatory said.",
                event_type="territory_change",
                place_id="raqqa-mishlab",
                claimed_by="SDF",  # coded wrong on purpose: the claimant check must see it
                control={"actor": "SDF", "from": "Islamic State", "extent": "full"},
            ),
            _incident(
                "The Euphrates Post reported shelling.",
                event_type="shelling",
                event_key="k2",
                claimed_by="Euphrates Post",
                date_start="2017-06-10",
                date_end="2017-06-10",
            ),
        ],
    }
    (tmp_path / "t1.json").write_text(json.dumps(coding), encoding="utf-8")
    return tmp_path


def test_the_measures_count_what_they_name(folder: Path) -> None:
    t = ev.evaluate(folder, gazetteer.load())["totals"]
    assert (t["mentions"], t["mentions_right"], t["mentions_wrong"]) == (3, 3, 0)  # the Post is no river
    assert (t["incidents"], t["found"], t["fully_right"]) == (2, 2, 1)  # the capture's claimant differs
    assert (t["control_changes"], t["inverted"]) == (1, 0)
    assert t["reports"] >= 2 and t["reports_without_incident"] <= t["reports"] - 2


def test_a_missing_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--dir", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err
