"""The extractor and the gazetteer against the hand-coded development set of real reporting (issue 16).

Reads a folder of articles written in our own words from 2017 reporting, each ``NAME.txt`` with
its hand coding ``NAME.json`` (``mentions``: every place mention with its gazetteer id, or
``not_place`` for a name inside an organisation's, or ``coarse_ok`` for an unknown place and the
coarser place that may stand for it; ``incidents``: every report with its fields and an
``event_key`` naming the real-world event, shared by the reports of one event across articles).
Default: ``tests/data/realworld/tune`` (the half we tune on). Run the held-back half only to
report, never to tune: ``--dir tests/data/realworld/heldout``.

Measures (the targets of issue 16):

* place mentions placed wrong (an organisation's name included), and resolved right (or left
  coarse / unresolved where the place is unknown to the gazetteer);
* incidents found (an extracted report over the gold sentence, of its type, at its place);
* incidents fully right (found, and the extracted date range holds the gold one, same death
  bounds, same claimant, same control actor and loser);
* control changes with the winner inverted;
* reports that repeat another report of the same event in the same article, left in another
  event (ungrouped); events told by several articles whose reports of two articles at least
  share an event after linking (joined);
* extracted reports with no incident behind them.

Usage::

    uv run python benchmarks/eval_realworld.py [--dir FOLDER ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from geo.extraction.extract import extract_text, link_across_articles, place_mentions  # noqa: E402

DEFAULT_DIR = ROOT / "tests" / "data" / "realworld" / "tune"


def load(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """``(article id, text, coding)`` of every coded article in ``folder``, by name."""
    out = []
    for j in sorted(folder.glob("*.json")):
        coding = json.loads(j.read_text(encoding="utf-8"))
        text = (folder / coding.get("article", j.with_suffix(".txt").name)).read_text(encoding="utf-8")
        out.append((j.stem, text, coding))
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _mentions(text: str, coding: dict[str, Any], gz: gazetteer.Gazetteer) -> dict[str, int]:
    found = [m for m in place_mentions(text, gz) if m.place is not None]
    wrong = right = total = 0
    for g in coding["mentions"]:
        if g["role"] not in ("name", "organisation"):
            continue  # anaphora and generic descriptions are the extractor's, scored with the incidents
        total += 1
        hits = [m for m in found if _overlap(m.start, m.end, g["start"], g["end"])]
        ids = {m.place.id for m in hits if m.place is not None}
        if g["not_place"]:
            ok = not ids
        elif g["place_id"] is None:
            ok = not ids or ids == {g["coarse_ok"]}
        else:
            ok = ids == {g["place_id"]}
        wrong += bool(ids) and not ok
        right += ok
    return {"mentions": total, "mentions_right": right, "mentions_wrong": wrong}


def _place_ok(x: dict[str, Any], g: dict[str, Any]) -> bool:
    """The extracted place is the coded one (or, for a place the gazetteer lacks, none or the coarse one)."""
    if g["place_id"] is not None:
        return x["place_id"] == g["place_id"]
    return x["place_id"] in (None, g.get("coarse_ok"))


def _holds(x: dict[str, Any], g: dict[str, Any]) -> bool:
    return x["date_start"] <= g["date_start"] and g["date_end"] <= x["date_end"]


def _fully_right(x: dict[str, Any], g: dict[str, Any]) -> dict[str, bool]:
    gc = g.get("control") or {}
    return {
        "date": _holds(x, g),
        "toll": (x["deaths_low"], x["deaths_high"]) == (g["deaths_low"], g["deaths_high"]),
        "claimant": x["claimed_by"] == g["claimed_by"],
        "control": not gc or (x["control_actor"], x["control_from"]) == (gc.get("actor"), gc.get("from")),
    }


def evaluate(folder: Path, gz: gazetteer.Gazetteer) -> dict[str, Any]:
    """Every measure over the articles of ``folder`` (see the module docstring)."""
    totals: dict[str, int] = defaultdict(int)
    field_right: dict[str, int] = defaultdict(int)
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)  # event_key -> (article, extracted event id)
    everything: list[dict[str, Any]] = []
    for aid, text, coding in load(folder):
        for k, v in _mentions(text, coding, gz).items():
            totals[k] += v
        xs = extract_text(text, article_id=aid, published=coding["published"], outlet=coding["outlet"], gz=gz)
        everything += xs
        gold = coding["incidents"]
        totals["incidents"] += len(gold)
        totals["reports"] += len(xs)
        totals["reports_without_incident"] += sum(
            not any(_overlap(x["span_start"], x["span_end"], g["span_start"], g["span_end"]) for g in gold) for x in xs
        )
        first_of_key: dict[str, str] = {}
        for g in gold:
            over = [x for x in xs if _overlap(x["span_start"], x["span_end"], g["span_start"], g["span_end"])]
            same = [x for x in over if x["event_type"] == g["event_type"]]
            placed = [x for x in same if _place_ok(x, g)]
            if not over:
                continue
            x = (placed or same or over)[0]
            if placed:
                totals["found"] += 1
                checks = _fully_right(x, g)
                for f, ok in checks.items():
                    field_right[f] += ok
                totals["fully_right"] += all(checks.values())
            gc = g.get("control")
            if gc and x.get("control_extent") and gc.get("actor") != gc.get("from"):
                totals["control_changes"] += 1
                inverted = (x["control_actor"] is not None and x["control_actor"] == gc.get("from")) or (
                    x["control_from"] is not None and x["control_from"] == gc.get("actor")
                )
                totals["inverted"] += inverted
            key = g["event_key"]
            by_key[key].append((aid, x["event_id"]))
            if key in first_of_key:
                totals["repeats"] += 1
                totals["repeats_ungrouped"] += x["event_id"] != first_of_key[key]
            else:
                first_of_key[key] = x["event_id"]
    linked = {r["id"]: r["event_id"] for r in link_across_articles(everything)}
    to_linked = {r["event_id"]: linked[r["id"]] for r in everything}
    for _key, pairs in by_key.items():
        arts = {a for a, _ in pairs}
        if len(arts) < 2:
            continue
        totals["events_in_several_articles"] += 1
        # joined: the reports of at least two of its articles share one event after linking
        arts_of: dict[str, set[str]] = defaultdict(set)
        for a, e in pairs:
            arts_of[to_linked[e]].add(a)
        totals["events_joined_across"] += any(len(v) > 1 for v in arts_of.values())
    totals["articles"] = len(load(folder))
    return {"totals": dict(totals), "fields_of_found": dict(field_right)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}% ({a}/{b})" if b else "-"


def markdown(name: str, r: dict[str, Any]) -> str:
    """The measures as a Markdown table."""
    t, f = defaultdict(int, r["totals"]), r["fields_of_found"]
    rows = [
        ("articles", str(t["articles"])),
        ("place mentions placed wrong", f"{t['mentions_wrong']} of {t['mentions']}"),
        ("place mentions resolved right (or coarse where unknown)", _pct(t["mentions_right"], t["mentions"])),
        ("incidents found (type at the place)", _pct(t["found"], t["incidents"])),
        ("incidents fully right", _pct(t["fully_right"], t["incidents"])),
        ("  of found: date range holds the gold date", _pct(f.get("date", 0), t["found"])),
        ("  of found: death bounds", _pct(f.get("toll", 0), t["found"])),
        ("  of found: claimant", _pct(f.get("claimant", 0), t["found"])),
        ("  of found: control actor and loser", _pct(f.get("control", 0), t["found"])),
        ("control changes with the winner inverted", f"{t['inverted']} of {t['control_changes']}"),
        ("repeats in one article left ungrouped", _pct(t["repeats_ungrouped"], t["repeats"])),
        ("events of several articles joined", _pct(t["events_joined_across"], t["events_in_several_articles"])),
        ("reports with no incident behind them", _pct(t["reports_without_incident"], t["reports"])),
    ]
    return "\n".join([f"| measure | {name} |", "|---|---:|", *(f"| {a} | {b} |" for a, b in rows)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, action="append", help=f"coded articles (default {DEFAULT_DIR})")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    gz = gazetteer.load()
    folders = args.dir or [DEFAULT_DIR]
    missing = [str(d) for d in folders if not d.is_dir()]
    if missing:
        print(f"no coded articles in {', '.join(missing)}: expected a folder of NAME.txt + NAME.json", file=sys.stderr)
        return 2
    results = {str(d): evaluate(d, gz) for d in folders}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for d, r in results.items():
            print(markdown(Path(d).name, r), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
