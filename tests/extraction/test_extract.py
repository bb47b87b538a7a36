"""The extractor on real data: the seeds, the synthetic articles, the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gazetteer
from geo.extraction.extract import extract_files, extract_text, iter_extract
from geo.extraction.text import captions
from geo.records.articles import articles_by_id
from geo.records.export import geojson_text
from geo.records.incidents import CURATED_PATH, to_feature

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SMALL = ROOT / "tests" / "data" / "places_small.geojson"
REAL = Path(gazetteer.DEFAULT_PATH).exists()
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def egz():
    """The shipped gazetteer once it exists, the small fixture until then."""
    return gazetteer.load() if REAL else gazetteer.load(SMALL)


@pytest.fixture(scope="module")
def seeds():
    return articles_by_id()


@pytest.fixture(scope="module")
def extracted(seeds, egz):
    return {
        a.id[:3]: extract_text(
            a.text, article_id=a.id, published=(a.published_earliest, a.published_latest), outlet=a.outlet, gz=egz
        )
        for a in seeds.values()
    }


def _cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m geo ...``; on the small gazetteer while the shipped one is not written yet."""
    if REAL:
        cmd = [sys.executable, "-m", "geo", *args]
    else:
        boot = (
            f"import sys, gazetteer; gazetteer.DEFAULT_PATH = {str(SMALL)!r}; "
            "from geo.__main__ import main; raise SystemExit(main(sys.argv[1:]))"
        )
        cmd = [sys.executable, "-c", boot, *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


# ---------------------------------------------------------------------------
# the seeds


def test_every_seed_extracts_with_quotes_at_their_spans(seeds, extracted):
    for key, reports in extracted.items():
        art = next(a for a in seeds.values() if a.id.startswith(key))
        assert reports, f"seed {key}: no report"
        ids = [r["id"] for r in reports]
        assert len(ids) == len(set(ids))
        for r in reports:
            assert art.text[r["span_start"] : r["span_end"]] == r["quote"]
            assert r["origin"] == "extracted" and r["reviewed"] is False
            assert r["article_id"] == art.id and r["id"].startswith(f"x-{art.id}-")
            assert r["event_id"].startswith("ev-x-")
            # never more precise than the publication date, never after it
            assert r["date_start"] <= r["date_end"] <= art.published_latest.isoformat()
            if r["place_text"]:
                assert r["place_text"] in r["quote"]
            if r["event_type"] == "territory_change":
                assert r["control_extent"] in ("entered", "partial", "full", "repelled")


def test_extracted_reports_pass_the_curated_verification(seeds, extracted, egz):
    from geo.records.incidents import verify_report

    for key, reports in extracted.items():
        art = next(a for a in seeds.values() if a.id.startswith(key))
        for r in reports:
            rec = dict(
                r,
                control={"actor": r["control_actor"], "from": r["control_from"], "extent": r["control_extent"]}
                if r["control_extent"]
                else None,
            )
            assert verify_report(rec, art, egz) == [], r["id"]


def test_unresolved_places_have_null_geometry(extracted):
    feats = [to_feature(r) for rs in extracted.values() for r in rs]
    assert any(f["geometry"] is None for f in feats)
    for f in feats:
        p = f["properties"]
        if p["place_id"] is None:
            assert f["geometry"] is None and p["lat"] is None and p["lon"] is None
        else:
            assert f["geometry"]["coordinates"] == [p["lon"], p["lat"]]
            # a place the sentence does not name comes from the story, and the notes say so
            assert p["place_id"] in p["places_mentioned"] or (
                p["place_text"] is None and "place from the story: the sentence names no place" in p["notes"]
            )


def test_an_unknown_place_is_kept_as_written_without_a_point(egz):
    text = (
        "Coalition jets struck the Zorba Nowhere district on Monday,"
        " killing at least 4 civilians, the Observatory said."
    )
    (r,) = extract_text(text, article_id="u", published=dt.date(2017, 6, 7), outlet="AFP", gz=egz)
    assert r["place_id"] is None and r["lat"] is None and to_feature(r)["geometry"] is None
    assert r["place_text"] and r["place_text"] in text and r["place_name"] == r["place_text"]
    assert r["deaths_low"] == 4 and r["date_start"] == r["date_end"] == "2017-06-05"


def test_the_most_specific_place_wins(egz):
    text = "US-backed fighters entered the al-Mishlab district of Raqqa in Syria on Tuesday, the SDF said."
    (r,) = extract_text(text, article_id="m", published=dt.date(2017, 6, 7), outlet="AFP", gz=egz)
    assert r["place_id"] == "raqqa-mishlab"
    assert {"raqqa-mishlab", "raqqa"} <= set(r["places_mentioned"])
    assert r["control_extent"] == "entered"


def test_captions_are_not_incidents(seeds, extracted):
    for key, word in (("002", "Topzawa"), ("003", "Hazima")):
        art = next(a for a in seeds.values() if a.id.startswith(key))
        caps = captions(art.text, published=(art.published_earliest, art.published_latest))
        assert any(word in c.text for c in caps)
        for r in extracted[key]:
            assert word not in r["quote"]
            assert not any(c.start <= r["span_start"] and r["span_end"] <= c.end for c in caps)


def test_the_nour_street_strike(extracted):
    (r,) = [r for r in extracted["002"] if "More than 10 people were killed" in r["quote"]]
    assert r["deaths_low"] == 11
    assert r["date_start"] == r["date_end"] == "2017-06-10" and r["date_precision"] == "day"
    assert r["event_type"] == "air_strike"
    if REAL:
        assert r["place_text"] and "Nour" in r["place_text"]


def test_background_history_is_not_a_2017_incident(extracted):
    quotes = " ".join(r["quote"] for rs in extracted.values() for r in rs)
    assert "Fallujah" not in quotes  # 001: white phosphorus in Fallujah, 2004
    assert "August 2014" not in quotes  # 003: the coalition began striking in 2014


def test_undated_sentences_are_dated_to_the_week_up_to_publication(extracted, seeds):
    # an undated report happened on or before publication: never pinned to the day itself
    art = seeds["000_b68d3658c3163bb5"]
    assert (art.published_earliest.isoformat(), art.published_latest.isoformat()) == ("2017-06-09", "2017-06-10")
    undated = [r for r in extracted["000"] if r["date_text"] is None]
    assert undated
    for r in undated:
        assert (r["date_start"], r["date_end"]) == ("2017-06-03", "2017-06-10")
        assert r["date_precision"] == "week" and r["time_precision"] == 2  # ACLED: "within a week or so"
        assert "week up to publication" in r["notes"]


# (sentence, expected date_text, date_start, date_end, date_precision, a phrase of the notes);
# published Tuesday 2017-07-04
STATEMENT_DATES = [
    (
        "The coalition said on Monday that it had hit a regime convoy in al-Badu.",
        "on Monday",
        "2017-06-27",
        "2017-07-03",
        "week",
        "when it was said",
    ),
    (
        "The coalition said late on Monday that it had struck two sections of the wall in al-Badu.",
        "late on Monday",
        "2017-06-27",
        "2017-07-03",
        "week",
        "when it was said",
    ),
    (
        "The coalition on Monday said its jets had struck a bakery in al-Badu.",
        "on Monday",
        "2017-06-27",
        "2017-07-03",
        "week",
        "when it was said",
    ),
    (
        "The Observatory said on Monday that coalition jets struck a bakery in al-Badu on Sunday.",
        "on Sunday",
        "2017-07-02",
        "2017-07-02",
        "day",
        "the date of the statement is not the event's: 'on Monday'",
    ),
    (
        "Coalition jets struck a bakery in al-Badu on Sunday, the Observatory said.",
        "on Sunday",
        "2017-07-02",
        "2017-07-02",
        "day",
        "extracted automatically",
    ),
    (
        "Coalition jets struck a bakery in al-Badu, the Observatory said on Monday.",
        "on Monday",
        "2017-06-27",
        "2017-07-03",
        "week",
        "when it was said",
    ),
    (
        "Coalition jets struck a bakery in al-Badu, the Observatory said.",
        None,
        "2017-06-28",
        "2017-07-04",
        "week",
        "week up to publication",
    ),
]


@pytest.mark.parametrize("sentence, dtext, start, end, precision, note", STATEMENT_DATES)
def test_the_day_a_statement_was_made_bounds_the_event_not_dates_it(egz, sentence, dtext, start, end, precision, note):
    (r,) = extract_text(f"Strike in Raqqa\n\n{sentence}\n", article_id="t", published="2017-07-04", outlet="o", gz=egz)
    assert (r["date_text"], r["date_start"], r["date_end"], r["date_precision"]) == (dtext, start, end, precision)
    assert note in r["notes"]


# (article body, expected place_id, place_text, geo_precision) of its one report; "the city"
# is a place only when the story before it has named exactly one city
THE_CITY = [
    (
        "US-backed fighters pressed into Raqqa on Monday.\n\n"
        "Coalition jets struck the city on Sunday, killing five civilians.",
        "raqqa",
        "the city",
        1,
    ),
    (
        "Fighting went on in Raqqa.\n\nAt least 40 civilians were killed in the besieged city over the weekend.",
        "raqqa",
        "the besieged city",
        1,
    ),
    (
        "Fighting went on in Raqqa.\n\nJets struck a military base two kilometers north of the city on Sunday.",
        "raqqa",
        "the city",
        2,
    ),
    # two cities named: which one is meant is not known -- no point
    (
        "Fighting went on in Raqqa and Mosul.\n\nCoalition jets struck the city on Sunday, killing five civilians.",
        None,
        None,
        None,
    ),
    # no city named before the sentence
    (
        "Coalition jets struck the city on Sunday, killing five civilians.\n\nThe strikes hit Raqqa hard.",
        None,
        None,
        None,
    ),
    # a city named only in a photo caption is not the story's
    (
        (
            "Smoke rises after an airstrike near Mosul, Iraq October 24, 2016."
            "  (photo credit: REUTERS/AHMED JADALLAH)\n\n"
            "Coalition jets struck the city on Sunday, killing five civilians."
        ),
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize("body, place_id, place_text, geo_precision", THE_CITY)
def test_the_city_is_the_one_city_the_story_has_named(egz, body, place_id, place_text, geo_precision):
    reports = extract_text(f"Strikes in Syria\n\n{body}\n", article_id="t", published="2017-07-04", outlet="o", gz=egz)
    (r,) = [r for r in reports if "the city" in r["quote"] or "besieged city" in r["quote"]]
    assert (r["place_id"], r["place_text"], r["geo_precision"]) == (place_id, place_text, geo_precision)
    if place_id is None:
        assert r["lat"] is None and r["lon"] is None
    else:
        assert r["lat"] is not None and "the only city it names before this sentence" in r["notes"]
        assert r["quote"][r["quote"].index(place_text) :].startswith(place_text)


def test_the_launch_of_the_campaign_is_a_report_of_its_own(extracted):
    # seed 001: "The long-awaited battle to retake ... Raqqa was launched last Tuesday by the ... SDF"
    (r,) = [r for r in extracted["001"] if "battle to retake" in r["quote"]]
    assert (r["event_type"], r["date_text"], r["acled_event_type"]) == (
        "other",
        "last Tuesday",
        "Strategic developments",
    )
    assert "campaign launched" in r["notes"]


def test_a_change_at_several_places_is_a_report_at_each(extracted):
    # seed 002: "... the SDF had taken Mishlab and more than half of Sabahia."
    rs = [r for r in extracted["002"] if "more than half of Sabahia" in r["quote"]]
    assert [(r["place_id"], r["control_extent"]) for r in rs] == [
        ("raqqa-mishlab", "full"),
        ("raqqa-sabahia", "partial"),
    ]
    assert rs[0]["span_start"] == rs[1]["span_start"] and rs[0]["id"] != rs[1]["id"]
    assert rs[0]["event_id"] != rs[1]["event_id"]  # two places, two events
    assert all("one of 2 places this sentence reports a change at (Mishlab, Sabahia)" in r["notes"] for r in rs)


def test_a_place_only_named_as_near_does_not_change_hands(egz):
    text = "The SDF seized al-Mishlab near Jazra on Friday, the alliance said."
    (r,) = extract_text(text, article_id="n", published="2017-06-10", outlet="o", gz=egz)
    assert (r["place_id"], r["control_extent"]) == ("raqqa-mishlab", "full")


def test_headline_is_not_reported(extracted):
    assert not any(r["span_start"] == 0 for rs in extracted.values() for r in rs)


# ---------------------------------------------------------------------------
# GeoJSON


def test_rfc7946_output_validates_and_reads_back(tmp_path, egz):
    import geopandas as gpd
    from geojson_validator import validate_structure

    coll = extract_files(sorted(SEEDS.glob("*.txt")), published=dt.date(2017, 6, 11), outlet="test", gz=egz)
    text = geojson_text(coll)
    data = json.loads(text)
    assert validate_structure(data) == {}
    assert "crs" not in data
    out = tmp_path / "x.geojson"
    out.write_text(text, encoding="utf-8")
    gdf = gpd.read_file(out, engine="pyogrio")
    assert len(gdf) == len(coll["features"]) > 20
    assert gdf.geometry.isna().sum() == sum(f["geometry"] is None for f in coll["features"]) > 0
    assert set(gdf["origin"]) == {"extracted"}


def test_iter_extract_streams_per_file(egz):
    paths = sorted(SEEDS.glob("*.txt"))
    it = iter_extract(paths, published=(dt.date(2017, 6, 7), dt.date(2017, 6, 11)), outlet="t", gz=egz)
    first = next(it)
    assert first[0] == str(paths[0]) and first[1]
    assert len(list(it)) == len(paths) - 1


def test_cli_extract_prints_rfc7946_geojson():
    from geojson_validator import validate_structure

    res = _cli("extract", "seeds/003_ebdecad3bcd8edbe.txt", "--published", "2017-06-07", "--outlet", "AFP")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["type"] == "FeatureCollection" and data["features"]
    assert validate_structure(data) == {}
    for f in data["features"]:
        assert f["properties"]["outlet"] == "AFP"
        assert f["properties"]["published"] == "2017-06-07"


@pytest.mark.parametrize("value", ["2017-13-45", "yesterday", ""])
def test_cli_bad_published_quotes_the_value(value):
    res = _cli("extract", "seeds/003_ebdecad3bcd8edbe.txt", "--published", value)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.startswith("error:") and repr(value) in res.stderr


@pytest.mark.parametrize("kind", ["empty", "binary", "latin1", "oversized", "missing"])
def test_cli_bad_file_names_it(tmp_path, kind):
    p = tmp_path / f"bad_{kind}.txt"
    if kind == "empty":
        p.write_bytes(b"  \n")
    elif kind == "binary":
        p.write_bytes(b"PK\x03\x04\x00\x00binary")
    elif kind == "latin1":
        p.write_bytes("Raqqa caf\u00e9 struck on Monday.".encode("latin-1"))
    elif kind == "oversized":
        p.write_bytes(b"Coalition strikes hit Raqqa. " * 200_000)
    # a good file first: nothing may be printed for it when a later file is bad
    res = _cli("extract", "seeds/003_ebdecad3bcd8edbe.txt", str(p), "--published", "2017-06-07")
    assert res.returncode == 2, res.stderr
    assert res.stdout == ""
    assert res.stderr.startswith("error:") and str(p) in res.stderr


# ---------------------------------------------------------------------------
# recall floors (benchmarks/eval_extract.py)


def test_recall_on_synthetic_articles(egz):
    from eval_extract import eval_synthetic

    r = eval_synthetic(egz)
    # measured: recall 100% (23/23), precision 96% (23/24 extracted), with the shipped gazetteer
    # and with the small fixture (the building blocks were written alongside these articles)
    assert r["recall"] >= 0.95
    assert r["precision"] >= 0.85
    assert r["fields"]["event_type"]["accuracy"] >= 0.9
    assert r["fields"]["deaths_low"]["accuracy"] >= 0.9


@pytest.mark.skipif(
    not (REAL and CURATED_PATH.exists()), reason="curated incidents / shipped gazetteer not written yet"
)
def test_recall_on_curated_seed_reports(egz):
    from eval_extract import eval_seeds

    r = eval_seeds(egz)
    # measured on the 78 curated reports: recall 86% (67/78), precision 79% (52/66 extracted);
    # floors set a little under. Misses are mostly second claims of one sentence and
    # sentences the coders kept as context ("IS wouldn't let us leave").
    assert r["recall"] >= 0.80
    assert r["precision"] >= 0.70
    assert r["fields"]["deaths_low"]["accuracy"] >= 0.9
    # measured: event type 84%, place 66%, status 81%, date range sharing a day with the
    # coder's 100% and holding it whole 64% (54 / 79 / 70 / 93 / 43% before the place,
    # status and date rules of the extractor's last revision)
    assert r["fields"]["event_type"]["accuracy"] >= 0.8
    assert r["fields"]["place"]["accuracy"] >= 0.6
    assert r["fields"]["status"]["accuracy"] >= 0.78
    assert r["fields"]["date_overlaps"]["accuracy"] >= 0.95
    assert r["fields"]["date_holds"]["accuracy"] >= 0.6


# ---------------------------------------------------------------------------
# properties


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.sampled_from(list("abcXYZ .,!?\n\"'-0123456789")) | st.characters(), max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "Coalition jets struck Raqqa on Monday, killing at least 12 civilians.",
                "The SDF seized al-Mishlab",
                " district.",
                "\n",
                "(JOHN DOE/AFP)",
                "in 2004",
                "Fallujah",
                "more than",
                " dozens ",
                "wounded",
                "last week",
                "Old City",
                "Tuesday",
                "\u201c",
                "\ufffd",
                "Mr. ",
                " U.S.-led ",
            ]
        ),
        max_size=25,
    ).map("".join)
)
def test_extract_text_never_crashes_and_quotes_are_verbatim(text):
    gz = gazetteer.load(SMALL)
    for r in extract_text(
        text, article_id="h", published=(dt.date(2017, 6, 9), dt.date(2017, 6, 10)), outlet="o", gz=gz
    ):
        assert text[r["span_start"] : r["span_end"]] == r["quote"]
        assert r["date_end"] <= "2017-06-10"
        assert (r["lat"] is None) == (r["place_id"] is None)
