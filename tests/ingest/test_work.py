"""The inputs and the work on one article, without a store: skips named, dates never guessed, stories grouped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.ingest.sources import Item, iter_items
from geo.ingest.syndication import Stories
from geo.ingest.work import Context, signature, work_item

from .conftest import ARTICLES, PUBLISHED, ROW_STORY, syndicated_copy


def _outcomes(folder: Path, published=PUBLISHED):
    return [work_item(it, Context(published=published)) for it in iter_items([folder])]


def test_the_mixed_folder_is_read_in_sorted_order_and_every_problem_is_named(mixed):
    got = {o.source.removeprefix(str(mixed) + "/"): o.skip for o in _outcomes(mixed)}
    assert list(got) == sorted(got, key=lambda s: s.split(":")[0])  # files in sorted order, rows in file order
    assert got["broken/empty.txt"] == "file is empty; expected article text"
    assert got["broken/binary.txt"].startswith("binary data (NUL byte at offset 8)")
    assert got["broken/latin1.txt"].startswith("not UTF-8: undecodable byte 0xe9 at offset 3")
    assert "French" in got["broken/french.txt"]
    assert got["pages/menu.html"].startswith("no article body in the page")
    assert got["rows/desk.csv:row 2"] == "no article text: the 'text' field is empty"
    assert got["rows/desk.csv:row 3"].startswith("bad published date 'last Tuesday'")
    assert got["rows/wire.jsonl:line 3"].startswith("expected a JSON object")
    assert got["rows/wire.jsonl:line 4"].startswith("not JSON")
    assert got["rows/wire.jsonl:line 5"].startswith("no article text")
    ok = [k for k, v in got.items() if v is None]
    assert ok == [
        "pages/families.html",
        "rows/desk.csv:row 1",
        "rows/wire.jsonl:line 1",
        "rows/wire.jsonl:line 2",
        "rows/wire.jsonl:line 6",
        "texts/t01_again.txt",
        "texts/t01_old_city_wall.txt",
        "texts/t02_sinaa_rumaila.txt",
        "texts/t03_hospital_stadium.txt",
        "texts/t04_nazlat_shahada.txt",
    ]


def test_a_page_gives_its_body_and_metadata_and_its_candidates_their_places(mixed):
    (o,) = [o for o in _outcomes(mixed) if o.source.endswith("families.html")]
    assert o.published == dt.date(2017, 7, 5)  # from the page, not --published
    assert o.outlet == "Example Valley Post" and o.title == "Families Flee Western Raqqa as Fighting Nears the Old City"
    assert o.text is not None and "Home" not in o.text and "Copyright" not in o.text
    for r in o.candidates:
        assert o.text[r.span_start : r.span_end] == r.quote  # quotes are verbatim spans of the stored text
    assert any(r.place_text == "Hawi al-Zarzur" and r.lat is None for r in o.candidates)


def test_the_date_is_never_guessed(tmp_path):
    (tmp_path / "a.txt").write_text("\n\n".join(ROW_STORY), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "\n\n".join(ROW_STORY[:2])}) + "\n", encoding="utf-8")
    skips = [o.skip for o in _outcomes(tmp_path, published=None)]
    assert skips == ["no publication date: none in the row or the page's metadata, and no --published given"] * 2
    rows = [o.published for o in _outcomes(tmp_path, published=dt.date(2017, 7, 1))]
    assert rows == [dt.date(2017, 7, 1)] * 2


def test_a_timestamp_gives_its_day_and_a_date_out_of_range_is_refused():
    base = {"source": "r", "text": "\n\n".join(ROW_STORY)}
    assert work_item(Item(**base, published="2017-07-03T23:10:00+02:00"), Context()).published == dt.date(2017, 7, 3)
    o = work_item(Item(**base, published="1917-07-03"), Context())
    assert o.skip is not None and "expected a day from 2011-03-01" in o.skip


def test_a_stored_article_is_not_extracted_again_but_keeps_its_signature():
    text = (ARTICLES / "t02_sinaa_rumaila.txt").read_text(encoding="utf-8")
    first = work_item(Item(source="a", text=text), Context(published=PUBLISHED))
    again = work_item(Item(source="a", text=text), Context(published=PUBLISHED, known=frozenset({first.article_id})))
    assert first.candidates and not first.known
    assert again.known and again.candidates == () and again.signature == first.signature


def test_syndicated_copy_joins_the_first_story_and_other_stories_do_not():
    texts = {f.stem: f.read_text(encoding="utf-8") for f in sorted(ARTICLES.glob("t0*.txt"))}
    copy = syndicated_copy(texts["t02_sinaa_rumaila"])
    stories = Stories()
    keys = {name: stories.add(name, signature(t)) for name, t in texts.items()}
    assert all(not joined for _, joined in keys.values())
    assert stories.add("copy", signature(copy)) == ("t02_sinaa_rumaila", True)
    assert stories.add("t02_sinaa_rumaila", signature(texts["t02_sinaa_rumaila"])) == ("t02_sinaa_rumaila", False)


_FILES = sorted(ARTICLES.glob("t0*.txt"))
_SIGS = {f: signature(f.read_text(encoding="utf-8")) for f in _FILES}
_SIGS[ARTICLES / "copy"] = signature(syndicated_copy((ARTICLES / "t02_sinaa_rumaila.txt").read_text(encoding="utf-8")))


@settings(max_examples=25)
@given(st.lists(st.sampled_from(sorted(_SIGS)), min_size=1, max_size=8))
def test_story_keys_depend_on_input_order_only(files):
    sigs = _SIGS
    runs = []
    for _ in range(2):
        s = Stories()
        runs.append([s.add(f.stem, sigs[f]) for f in files])
    assert runs[0] == runs[1]
    for (key, _), f in zip(runs[0], files, strict=True):
        assert key in {g.stem for g in files[: files.index(f) + 1]}


@pytest.mark.parametrize("published", ["2017-07-03", None])
def test_a_row_with_html_is_read_as_a_page(published):
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ROW_STORY) + "</article></body></html>"
    o = work_item(Item(source="r", html=html, published=published), Context(published=dt.date(2017, 7, 1)))
    assert o.skip is None and o.text is not None and ROW_STORY[1] in o.text
    assert o.published == (dt.date(2017, 7, 3) if published else dt.date(2017, 7, 1))
