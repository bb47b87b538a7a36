"""Benchmark: ``Gazetteer.mentions`` throughput on a generated corpus (one core).

The corpus is built from the five seed articles with their place names swapped
for other gazetteer spellings at random, so the density of real place names is
that of real reporting. Offsets are computed and checked against the text.

Each pass over the corpus is timed as process CPU time (robust to other load
on a shared machine); the best and the median of ``--repeat`` passes are
reported, with a breakdown of what no per-mention Python code can avoid:

- the fold alone (lower-casing, punctuation to spaces, offsets kept);
- the native automaton scan alone, over text already folded;
- the fold plus the scan, exactly as ``mentions()`` runs them, which hands
  Python one ``(pattern, start, end)`` tuple per hit: the floor under any
  per-mention code written in Python on top.

Usage: ``uv run python benchmarks/bench_mentions.py [--mb 64] [--repeat 3] [--data FILE]``
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import time
from pathlib import Path

import gazetteer
from gazetteer.matcher import fold_ascii, fold_text

ROOT = Path(__file__).resolve().parent.parent


def corpus(gz: gazetteer.Gazetteer, mb: float, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    seeds = [gazetteer.read_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    names = [n for p in gz for n in p.names]
    target = int(mb * 1024 * 1024)
    docs, total = [], 0
    pat = re.compile(r"\b(Raqqa|Mosul|Jazra|Tabqa|Aleppo|Syria|Iraq|Mishlab|Sabahia)\b")
    while total < target:
        base = rnd.choice(seeds)
        doc = pat.sub(lambda m: rnd.choice(names), base)
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=64.0, help="corpus size in MB (default 64)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (default 3)")
    ap.add_argument("--data", help="gazetteer file (default: the shipped one)")
    args = ap.parse_args()
    one_core = hasattr(os, "sched_setaffinity")
    if one_core:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    gz = gazetteer.load(args.data)
    t0 = time.perf_counter()
    gz.mentions("warm-up: build the automaton in Raqqa")
    build = time.perf_counter() - t0
    docs = corpus(gz, args.mb)
    size = sum(len(d.encode("utf-8")) for d in docs)
    matcher = gz._matcher

    def fold_only() -> None:
        for d in docs:
            if fold_ascii(d) is None:
                fold_text(d)

    def scan_only() -> None:
        for d in docs:
            matcher.raw(d)

    folded = [f for f in map(fold_ascii, docs) if f is not None]
    folded_mb = sum(map(len, folded)) / 1e6

    def hits_only() -> None:
        for f in folded:
            matcher._bauto.find_matches_as_indexes(f)

    def full() -> tuple[int, int]:
        n = resolved = 0
        for d in docs:
            for m in gz.mentions(d):
                n += 1
                resolved += m.place is not None
        return n, resolved

    def cpu(fn) -> list[float]:
        out = []
        for _ in range(args.repeat):
            c0 = time.process_time()
            fn()
            out.append(time.process_time() - c0)
        return out

    t_full = cpu(full)
    n, resolved = full()
    t_scan = cpu(scan_only)
    t_fold = cpu(fold_only)
    t_hits = cpu(hits_only)
    n_hits = sum(len(matcher._bauto.find_matches_as_indexes(f)) for f in folded)
    # check offsets outside the timed loop
    for d in docs[:200]:
        assert all(d[m.start : m.end] == m.text for m in gz.mentions(d))
    mb = size / 1e6
    print(f"places: {len(gz)}; automaton patterns: {matcher.size:,}; build {build:.2f} s; one core: {one_core}")
    print(
        f"corpus: {mb:.1f} MB in {len(docs):,} articles; mentions: {n:,} ({resolved:,} resolved); "
        f"{n / (size / 1024):.1f} mentions per KB"
    )
    print(
        f"mentions(): best {mb / min(t_full):.1f} MB/s, median {mb / statistics.median(t_full):.1f} MB/s "
        f"of {args.repeat} passes, CPU time, one core ({len(docs) / min(t_full):,.0f} articles/s)"
    )
    print(f"  of which the fold alone: best {mb / min(t_fold):.1f} MB/s ({1000 * min(t_fold) / mb:.1f} ms per MB)")
    print(
        "  of which fold + automaton scan (hits as Python tuples, no per-mention work): "
        f"best {mb / min(t_scan):.1f} MB/s ({1000 * min(t_scan) / mb:.1f} of {1000 * min(t_full) / mb:.1f} ms per MB); "
        "the rest is per-mention work in Python "
        f"({1e6 * (min(t_full) - min(t_scan)) / max(n, 1):.2f} us per mention)"
    )
    print(
        f"  the native scan alone, over the {folded_mb:.1f} MB that fold to ASCII, already folded: "
        f"best {folded_mb / min(t_hits):.0f} MB/s ({n_hits:,} hits, {n_hits / (folded_mb * 1e3):.1f} per KB)"
    )


if __name__ == "__main__":
    main()
