"""Curated incident reports: verified verbatim against their seeds; bad records named."""

from __future__ import annotations

import copy
import json

import pytest

from geo.exc import CuratedDataError
from geo.records.articles import articles_by_id
from geo.records.incidents import CURATED_PATH, curated_reports, load_curated

QUOTE = (
    "On Tuesday, the SDF's Arab and Kurdish fighters finally broke into the eastern Al-Meshleb district of the city."
)


@pytest.fixture(scope="module")
def arts():
    return articles_by_id()


def good_record(arts) -> dict:
    text = arts["003_ebdecad3bcd8edbe"].text
    s = text.index(QUOTE)
    return {
        "id": "r-003-90",
        "event_id": "ev-test",
        "article_id": "003_ebdecad3bcd8edbe",
        "quote": QUOTE,
        "span_start": s,
        "span_end": s + len(QUOTE),
        "place_text": "Al-Meshleb",
        "place_id": "raqqa-mishlab",
        "geo_precision": 1,
        "event_type": "territory_change",
        "munition": None,
        "actor": "SDF",
        "target": "Islamic State",
        "status": "claimed",
        "claimed_by": "Operation Wrath of the Euphrates command",
        "date_text": "On Tuesday",
        "date_start": "2017-06-06",
        "date_end": "2017-06-06",
        "date_precision": "day",
        "control": {"actor": "SDF", "from": "Islamic State", "extent": "entered"},
    }


def write(tmp_path, recs) -> str:
    p = tmp_path / "incidents.json"
    p.write_text(json.dumps({"reports": recs}), encoding="utf-8")
    return str(p)


def test_good_record_loads_with_source_and_place(tmp_path, arts, gz):
    (r,) = load_curated(arts, gz, write(tmp_path, [good_record(arts)]))
    assert r.outlet == "AFP" and r.published == "2017-06-07"
    assert r.place_name == gz.get("raqqa-mishlab").name and r.lat == gz.get("raqqa-mishlab").lat
    assert r.acled_sub_event_type == "Non-state actor overtakes territory"
    assert r.control_extent == "entered" and r.control_actor == "SDF" and r.reviewed is True
    assert r.origin == "curated" and r.has_point


def _with(**changes):
    def f(rec):
        rec = copy.deepcopy(rec)
        for k, v in changes.items():
            if v is KeyError:
                rec.pop(k)
            else:
                rec[k] = v
        return rec

    return f


BAD = [
    (_with(span_start=10), "quote", "expected the text at 10"),
    (_with(quote="The SDF captured the moon."), "quote", "nowhere in the article"),
    (_with(place_id="atlantis"), "place_id", "'atlantis'"),
    (_with(article_id="999_nope"), "article_id", "'999_nope'"),
    (_with(event_type="skirmish"), "event_type", "'skirmish'"),
    (_with(status="true"), "status", "'true'"),
    (_with(date_start="06/06/2017"), "date_start", "'06/06/2017'"),
    (_with(date_end="2017-06-05"), "date_end", "on or after date_start"),
    (_with(date_start="2017-06-08", date_end="2017-06-08"), "date_end", "publication"),
    (_with(date_end="2017-06-07"), "date_precision", "'range' when start and end differ"),
    (_with(deaths_low=-1), "deaths_low", "-1"),
    (_with(deaths_low=30, deaths_high=20), "deaths_high", "at least deaths_low"),
    (_with(control=None), "control", "None"),
    (_with(place_text="Mishlab Street"), "place_text", "inside the quote"),
    (_with(claimed_by=KeyError), "claimed_by", "a value"),
    (_with(casualties=3), "casualties", "no such field"),
    (_with(span_end="12"), "span_end", "a non-negative whole number"),
]


@pytest.mark.parametrize(("mutate", "field", "message"), BAD)
def test_bad_record_names_file_record_field(tmp_path, arts, gz, mutate, field, message):
    path = write(tmp_path, [mutate(good_record(arts))])
    with pytest.raises(CuratedDataError) as e:
        load_curated(arts, gz, path)
    text = str(e.value)
    assert path in text and "'r-003-90'" in text and f"{field}:" in text and message in text


def test_duplicate_ids_and_all_problems_at_once(tmp_path, arts, gz):
    a = good_record(arts)
    b = dict(a, place_id="atlantis")
    with pytest.raises(CuratedDataError) as e:
        load_curated(arts, gz, write(tmp_path, [a, b]))
    assert any("found it 2 times" in p for p in e.value.problems)
    assert any("place_id" in p for p in e.value.problems)


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "not valid JSON"), ("[]", "'reports' list"), ('{"reports": [1]}', "expected an object")],
)
def test_broken_file(tmp_path, arts, gz, content, message):
    p = tmp_path / "incidents.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(CuratedDataError, match=message):
        load_curated(arts, gz, p)


# --- the shipped curated data -------------------------------------------------


@pytest.fixture(scope="module")
def curated(arts, gz):
    return curated_reports(gz=gz)


def test_every_curated_quote_is_verbatim_at_its_offsets(arts):
    data = json.loads(CURATED_PATH.read_text(encoding="utf-8"))
    for r in data["reports"]:
        text = arts[r["article_id"]].text
        assert text[r["span_start"] : r["span_end"]] == r["quote"], r["id"]


def test_curated_covers_the_seeds(curated):
    assert {r["article_id"][:3] for r in curated} == {"000", "001", "002", "003", "004"}
    ids = [r["id"] for r in curated]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("event_id", "articles"),
    [("ev-mishlab-capture", {"002", "003"}), ("ev-jazra-internet-cafe-strike", {"002"})],
)
def test_events_group_reports(curated, event_id, articles):
    rs = [r for r in curated if r["event_id"] == event_id]
    assert {r["article_id"][:3] for r in rs} >= articles


def test_white_phosphorus_is_alleged_whoever_repeats_it(curated):
    wp = [r for r in curated if r.get("munition") == "white_phosphorus"]
    assert {r["article_id"][:3] for r in wp} >= {"000", "001", "002"}
    assert {r["status"] for r in wp} == {"alleged"}


def test_captions_are_not_incidents(curated, arts):
    # 002's caption is Topzawa near Mosul in October 2016; 003's is Hazima on 6 June
    assert not any(r.get("place_id") in ("topzawa", "bashiqa") for r in curated)
    assert not any("photo credit" in r["quote"] or "DELIL SOULEIMAN" in r["quote"] for r in curated)


def test_no_report_is_dated_after_its_article(curated, arts):
    for r in curated:
        assert r["date_end"] <= arts[r["article_id"]].published_latest.isoformat(), r["id"]


def test_strike_count_is_not_a_death_toll(curated):
    r = next(r for r in curated if "two dozen" in r["quote"])
    assert r["deaths_low"] == 23 and r["deaths_high"] in (None, 23)


def test_streamed_exports_are_the_whole_texts(tmp_path):
    """GeoJSON and CSV written piece by piece are byte for byte the texts made whole."""
    from geo.records.export import csv_text, geojson_text, iter_csv, iter_geojson, write_csv, write_geojson
    from geo.records.incidents import curated_reports, to_feature

    reports = curated_reports()
    fc = {"type": "FeatureCollection", "features": [to_feature(r) for r in reports]}
    write_geojson(fc, tmp_path / "a.geojson")
    write_csv(reports, tmp_path / "a.csv")
    assert (tmp_path / "a.geojson").read_text(encoding="utf-8") == geojson_text(fc)
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == csv_text(reports)
    assert len(list(iter_geojson(fc))) == len(reports) + 2 and len(list(iter_csv(reports))) == len(reports) + 1
    empty = {"type": "FeatureCollection", "features": []}
    assert json.loads(geojson_text(empty)) == empty and csv_text([]).count("\n") == 1
