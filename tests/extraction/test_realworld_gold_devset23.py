"""The hand-coded gold of the real-reporting development set, parts 2 and 3 (articles r17–r32, tuning,
and r33 on, the held-back set written on 2026-12-07).

Checks the files themselves, not the extractor: every quote and every place
mention is the text at its span, every place id is the shipped gazetteer's,
every proposed id is not (yet), and every incident's claim fields pass
:func:`geo.records.report.claim_problems`. Provenance: ``tests/data/realworld/provenance_devset2.md``
and ``provenance_devset3*.md``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

import gazetteer
from geo.records.report import CLAIM_KEYS, claim_problems
from geo.records.vocab import EXTENTS
from tests.extraction.realworld_gold import CONSTRUCTIONS, EXTRA, KINDS, ROLES, proposal_fits

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT / "tests" / "data" / "realworld"
PLACES = json.loads((ROOT / "gazetteer" / "data" / "places.geojson").read_text(encoding="utf-8"))
GAZETTEER_IDS = frozenset(f["id"] for f in PLACES["features"])
NUMBERS = range(17, 33)  # part 2; part 3 is every article from r33 on
HELD_BACK_FROM = 33


def _gold_files() -> list[Path]:
    found = []
    for split in ("tune", "heldout"):
        found += [p for p in (REALWORLD / split).glob("r*.json") if int(p.name[1:3]) >= NUMBERS.start]
    return sorted(found, key=lambda p: p.name)


GOLD = _gold_files()


def _load(path: Path) -> tuple[dict[str, Any], str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["article"]).read_text(encoding="utf-8")
    return gold, text


def test_the_set_is_complete_and_split() -> None:
    numbers = sorted(int(p.name[1:3]) for p in GOLD)
    assert numbers[: len(NUMBERS)] == list(NUMBERS)
    assert numbers == list(range(NUMBERS.start, NUMBERS.start + len(numbers))), "no gaps in the numbering"
    for p in GOLD:
        # r01-r32 all tune now; from r33 on, held back (README.md)
        want = "tune" if int(p.name[1:3]) < HELD_BACK_FROM else "heldout"
        assert p.parent.name == want, p
        assert json.loads(p.read_text(encoding="utf-8"))["split"] == want, p


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_article_record(path: Path) -> None:
    gold, text = _load(path)
    assert gold["article"] == path.stem + ".txt"
    assert gold["split"] == path.parent.name
    assert dt.date.fromisoformat(gold["published"])
    assert gold["url"] is None  # the article is ours; its sources are in written_from
    assert 150 <= len(text.split()) <= 450
    assert gold["written_from"], "every article names the reporting it was written from"
    for src in gold["written_from"]:
        assert src["kind"] in KINDS, src
        assert re.match(r"https?://", src["url"]), src
        # the campaign's reporting (a source may re-report the facts a few days after our article's date)
        assert dt.date(2017, 5, 1) <= dt.date.fromisoformat(src["published"]) <= dt.date(2017, 12, 31), src
        assert src["outlet"] and src["title"]
    assert set(gold["constructions"]) <= CONSTRUCTIONS
    assert gold["incidents"], "every article reports at least one incident"


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_mentions_are_spans_and_ids(path: Path) -> None:
    gold, text = _load(path)
    spans = []
    for m in gold["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"], m
        assert m["role"] in ROLES, m
        spans.append((m["start"], m["end"]))
        if m["not_place"]:
            assert m["role"] == "organisation"
            assert (m["place_id"], m["proposed_id"], m["coarse_ok"]) == (None, None, None), m
        elif m["place_id"] is not None:
            assert m["place_id"] in GAZETTEER_IDS, m
            assert m["proposed_id"] is None and m["coarse_ok"] is None, m
        else:
            assert m["proposed_id"] and proposal_fits(gazetteer.load(), m), m
            assert m["coarse_ok"] is None or m["coarse_ok"] in GAZETTEER_IDS, m
    spans.sort()
    for (s0, e0), (s1, _) in itertools.pairwise(spans):
        assert e0 <= s1, f"overlapping mentions at {s0} and {s1} in {path.name}"


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_incidents_are_quotes_and_valid_claims(path: Path) -> None:
    gold, text = _load(path)
    published = dt.date.fromisoformat(gold["published"])
    for n, inc in enumerate(gold["incidents"]):
        assert text[inc["span_start"] : inc["span_end"]] == inc["quote"], inc["quote"]
        if inc["place_text"] is not None:
            assert inc["place_text"] in inc["quote"]
        if inc["date_text"] is not None:
            assert inc["date_text"] in inc["quote"], inc["date_text"]
        if inc["place_id"] is not None:
            assert inc["place_id"] in GAZETTEER_IDS
            assert inc["proposed_id"] is None
        if inc["proposed_id"] is not None:
            assert proposal_fits(gazetteer.load(), inc), inc
        if inc["coarse_ok"] is not None:
            assert inc["coarse_ok"] in GAZETTEER_IDS
        assert dt.date.fromisoformat(inc["date_end"]) <= published, inc["quote"]
        control = inc["control"]
        if inc["event_type"] == "territory_change":
            assert control and control["actor"] and control["extent"] in EXTENTS, inc["quote"]
        else:
            assert control is None, inc["quote"]
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}-[a-z0-9-]+", inc["event_key"]), inc["event_key"]
        rec = {k: v for k, v in inc.items() if k not in EXTRA}
        rec.update(id=f"{path.stem}-{n:02d}", event_id=f"ev-{inc['event_key']}", article_id=path.stem)
        assert set(rec) <= set(CLAIM_KEYS)
        assert claim_problems(rec) == []


def test_event_keys_agree_across_articles() -> None:
    """Reports that share an event key tell one incident: one event type, and dates at most three days apart.

    Sources may date one incident differently (SOHR's Tuesday 15 August, Airwars' 16 August for the
    al-Moataz Street strike): the claims stand side by side, so a small gap is allowed, not a large one.
    """
    by_key: dict[str, list[dict[str, Any]]] = {}
    for path in GOLD:
        gold, _ = _load(path)
        for inc in gold["incidents"]:
            by_key.setdefault(inc["event_key"], []).append(inc)
    assert any(len({i["quote"] for i in v}) > 1 for v in by_key.values())
    for key, reps in by_key.items():
        assert len({r["event_type"] for r in reps}) == 1, key
        latest_start = max(dt.date.fromisoformat(r["date_start"]) for r in reps)
        earliest_end = min(dt.date.fromisoformat(r["date_end"]) for r in reps)
        assert (latest_start - earliest_end).days <= 3, key


def test_provenance_names_every_article() -> None:
    prov = "\n".join(p.read_text(encoding="utf-8") for p in sorted(REALWORLD.glob("provenance_devset[23]*.md")))
    for path in GOLD:
        gold, _ = _load(path)
        assert f"{path.parent.name}/{gold['article']}" in prov
        for src in gold["written_from"]:
            assert src["url"] in prov
