"""The incident table and the shared links, driven through Streamlit's AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import gazetteer  # noqa: E402
from geo.records.incidents import curated_reports  # noqa: E402

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def run(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture(scope="module")
def curated() -> list[dict]:
    return curated_reports(gz=gazetteer.load())


def test_the_table_lists_every_report_the_map_shows() -> None:
    at = run()
    (table,) = at.get("dataframe")
    shown = next(c.value for c in at.caption if "report(s) shown" in c.value)
    assert int(shown.split()[0].replace(",", "")) == len(table.value)
    assert {"Date", "Type", "Place", "Claimed by", "Link"} <= set(table.value.columns)
    assert all(link.startswith("?report=") for link in table.value["Link"])
    assert not any(p.startswith("raqqa-") for p in table.value["Place"])  # names, not ids


def test_a_report_link_opens_its_day_place_and_sentence(curated) -> None:
    r = next(r for r in curated if r["id"] == "r-002-10")
    at = run(report=r["id"])
    assert at.slider(key="day").value.isoformat() == r["date_start"]
    assert at.selectbox(key="place").value == r["place_id"]
    assert at.toggle(key="show_article").value is True
    assert at.selectbox(key="article_report").value == r["id"]
    assert any("atlas-article" in h.proto.body for h in at.get("html"))
    assert not at.warning


def test_an_event_link_opens_the_event(curated) -> None:
    ev = next(r["event_id"] for r in curated if r["event_id"].startswith("ev-") and r.get("place_id"))
    at = run(event=ev)
    place = at.selectbox(key="place").value
    assert place in {r["place_id"] for r in curated if r["event_id"] == ev}


def test_a_link_to_an_unknown_report_says_so() -> None:
    at = run(report="no-such-report")
    assert any("does not hold" in w.value for w in at.warning)
    assert at.selectbox(key="place").value is None
