"""Precision and recall of the extractor against hand-coded reports.

Two gold sets:

* ``seeds``: the curated reports of the five seed articles
  (``geo/data/incidents.json``, verified through :func:`geo.cli.build.curated_reports`);
* ``synthetic``: the hand-coded incidents of the synthetic test articles
  (``tests/data/articles/*.expected.json``; never real reporting).

Matching: an extracted report matches a gold report of the same article when
their spans overlap (the gold quote lies inside or overlaps the extracted
sentence). Recall = gold reports with a match; precision = extracted reports
matching at least one gold report. Field accuracy is measured on each gold
report paired with the extracted report it overlaps most (``None == None``
counts as agreement: saying nothing where the coder said nothing is right).

Usage::

    uv run python benchmarks/eval_extract.py            # Markdown tables
    uv run python benchmarks/eval_extract.py --json     # machine-readable
    uv run python benchmarks/eval_extract.py --gazetteer tests/data/places_small.geojson
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from geo.extraction.extract import UNDATED_DAYS, extract_text  # noqa: E402

SYNTHETIC_DIR = ROOT / "tests" / "data" / "articles"
FIELDS = (
    "event_type",
    "place",
    "date_start",
    "date_end",
    "deaths_low",
    "claimed_by",
    "status",
    "munition",
    "control_extent",
)
#: checks of a pair rather than one field's equality: is the gold date range
#: consistent with the extracted one (they share a day), and does the
#: extracted range hold all of it (a researcher filtering by date finds it)
PAIR_CHECKS = ("date_overlaps", "date_holds")


def _pair_check(g: dict, x: dict, check: str) -> bool:
    gs, ge, xs, xe = g.get("date_start"), g.get("date_end"), x.get("date_start"), x.get("date_end")
    if gs is None or ge is None or xs is None or xe is None:
        return False
    if check == "date_overlaps":
        return xs <= ge and gs <= xe  # ISO dates compare as strings
    return xs <= gs and ge <= xe


def _extent(r: dict) -> str | None:
    if r.get("control_extent") is not None:
        return r["control_extent"]
    return (r.get("control") or {}).get("extent")


def _field(r: dict, f: str, *, place_key: str):
    if f == "control_extent":
        return _extent(r)
    if f == "place":
        return r.get(place_key)
    return r.get(f)


def _overlap(a: dict, b: dict) -> int:
    return min(a["span_end"], b["span_end"]) - max(a["span_start"], b["span_start"])


def score(gold: list[dict], extracted: list[dict], *, place_key: str = "place_id") -> dict:
    """Report-level precision/recall and per-field accuracy of one corpus.

    ``gold`` and ``extracted`` are flat reports with ``article_id``,
    ``span_start``, ``span_end`` and the fields compared; ``place_key`` is the
    place field compared (``place_id`` for curated reports, ``place_text``
    for the synthetic ones, whose coders wrote no gazetteer ids).
    """
    by_art: dict[str, list[dict]] = {}
    for x in extracted:
        by_art.setdefault(x["article_id"], []).append(x)
    matched_x: set[str] = set()
    pairs: list[tuple[dict, dict]] = []
    missed: list[dict] = []
    for g in gold:
        cands = [(x, _overlap(g, x)) for x in by_art.get(g["article_id"], [])]
        cands = [(x, o) for x, o in cands if o > 0]
        if not cands:
            missed.append(g)
            continue
        for x, _o in cands:
            matched_x.add(x["id"])
        # the most overlapping sentence; of its reports (one per place when a
        # sentence tells a change at several), the one about the gold's place
        pairs.append(
            (
                g,
                max(
                    cands,
                    key=lambda c: (
                        c[1],
                        _field(c[0], "place", place_key=place_key) == _field(g, "place", place_key=place_key),
                    ),
                )[0],
            )
        )
    n_g, n_x = len(gold), len(extracted)
    p = len(matched_x) / n_x if n_x else 0.0
    r = len(pairs) / n_g if n_g else 0.0
    fields = {}
    for f in FIELDS:
        ok = sum(1 for g, x in pairs if _field(g, f, place_key=place_key) == _field(x, f, place_key=place_key))
        fields[f] = {"correct": ok, "pairs": len(pairs), "accuracy": ok / len(pairs) if pairs else None}
    for f in PAIR_CHECKS:
        ok = sum(1 for g, x in pairs if _pair_check(g, x, f))
        fields[f] = {"correct": ok, "pairs": len(pairs), "accuracy": ok / len(pairs) if pairs else None}
    return {
        "articles": len({g["article_id"] for g in gold} | set(by_art)),
        "gold": n_g,
        "extracted": n_x,
        "gold_matched": len(pairs),
        "extracted_matched": len(matched_x),
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "fields": fields,
        "missed": [{"article_id": g["article_id"], "id": g.get("id"), "quote": g["quote"][:100]} for g in missed],
        "unmatched_extracted": [
            {"article_id": x["article_id"], "id": x["id"], "quote": x["quote"][:100]}
            for x in extracted
            if x["id"] not in matched_x
        ],
    }


def eval_seeds(gz: gazetteer.Gazetteer, *, curated: str | None = None) -> dict | None:
    """Score against the curated seed reports; ``None`` while the curated file does not exist."""
    from geo.records.articles import articles_by_id
    from geo.records.incidents import CURATED_PATH, curated_reports

    if not Path(curated or CURATED_PATH).exists():
        return None
    gold = curated_reports(gz=gz, curated=curated)
    arts = articles_by_id()
    extracted = []
    for a in arts.values():
        extracted += extract_text(
            a.text,
            article_id=a.id,
            published=(a.published_earliest, a.published_latest),
            outlet=a.outlet,
            title=None,
            gz=gz,
        )
    return score(gold, extracted, place_key="place_id")


def synthetic_gold(folder: Path = SYNTHETIC_DIR) -> list[tuple[str, str, tuple[dt.date, dt.date], list[dict]]]:
    """``(article_id, text, (earliest, latest), gold reports)`` of each synthetic article.

    A gold report with no date (``date_start`` null) expects the week up to
    publication (:data:`geo.extraction.extract.UNDATED_DAYS`), as the extractor dates an
    undated sentence: the text says only that it happened before publication.
    """
    out = []
    for exp in sorted(folder.glob("*.expected.json")):
        d = json.loads(exp.read_text(encoding="utf-8"))
        txt_path = folder / d["article"]
        text = gazetteer.read_article(txt_path)
        aid = txt_path.stem
        lo, hi = dt.date.fromisoformat(d["published_earliest"]), dt.date.fromisoformat(d["published_latest"])
        gold = []
        for i, g in enumerate(d["incidents"], 1):
            g = dict(g, article_id=aid, id=f"{aid}-{i:02d}")
            if g.get("date_start") is None:  # undated: the week up to publication, the extractor's convention
                g["date_start"] = (lo - dt.timedelta(days=UNDATED_DAYS)).isoformat()
                g["date_end"] = hi.isoformat()
            gold.append(g)
        out.append((aid, text, (lo, hi), gold))
    return out


def eval_synthetic(gz: gazetteer.Gazetteer, folder: Path = SYNTHETIC_DIR) -> dict:
    """Score against the synthetic articles' hand-coded incidents."""
    gold, extracted = [], []
    for aid, text, pub, g in synthetic_gold(folder):
        gold += g
        extracted += extract_text(text, article_id=aid, published=pub, outlet="synthetic outlet", gz=gz)
    return score(gold, extracted, place_key="place_text")


def _pct(v) -> str:
    return "n/a" if v is None else f"{100 * v:.0f}%"


def markdown(results: dict) -> str:
    names = [k for k, v in results.items() if v is not None]
    out = [
        "| gold set | articles | gold reports | extracted | gold matched | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for k in names:
        r = results[k]
        out.append(
            f"| {k} | {r['articles']} | {r['gold']} | {r['extracted']} | {r['gold_matched']} | "
            f"{_pct(r['precision'])} | {_pct(r['recall'])} | {_pct(r['f1'])} |"
        )
    for k, v in results.items():
        if v is None:
            out.append(f"| {k} | - | - | - | - | not available (no curated file yet) | | |")
    out += [
        "",
        "Field accuracy on matched pairs (gold report vs the extracted sentence overlapping it most):",
        "",
        "| field | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    labels = {
        "place": "place (place_id; synthetic: place_text)",
        "date_overlaps": "date range shares a day with the gold range",
        "date_holds": "date range holds the whole gold range",
    }
    for f in FIELDS + PAIR_CHECKS:
        label = labels.get(f, f)
        cells = []
        for k in names:
            fr = results[k]["fields"][f]
            cells.append(f"{_pct(fr['accuracy'])} ({fr['correct']}/{fr['pairs']})")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    ap.add_argument("--gazetteer", help="gazetteer file (default: the shipped one)")
    ap.add_argument("--curated", help="curated incidents file (default: geo/data/incidents.json)")
    ap.add_argument("--details", action="store_true", help="list missed gold and unmatched extracted reports")
    args = ap.parse_args(argv)
    gz = gazetteer.load(args.gazetteer) if args.gazetteer else gazetteer.load()
    results = {"seeds": eval_seeds(gz, curated=args.curated), "synthetic": eval_synthetic(gz)}
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return 0
    print(markdown(results), end="")
    if args.details:
        for k, r in results.items():
            if r is None:
                continue
            print(f"\n## {k}: missed gold")
            for m in r["missed"]:
                print(f"- {m['article_id']} {m['id']}: {m['quote']}")
            print(f"\n## {k}: extracted, matching no gold")
            for m in r["unmatched_extracted"]:
                print(f"- {m['id']}: {m['quote']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
