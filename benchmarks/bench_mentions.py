"""Benchmark: ``Gazetteer.mentions`` throughput on a generated corpus (one core).

The corpus is built from the five seed articles with their place names swapped
for other gazetteer spellings at random, so the density of real place names is
that of real reporting. Offsets are computed and checked against the text.

Usage: ``uv run python benchmarks/bench_mentions.py [--mb 64] [--data FILE]``
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import gazetteer

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
    ap.add_argument("--data", help="gazetteer file (default: the shipped one)")
    args = ap.parse_args()
    gz = gazetteer.load(args.data)
    t0 = time.perf_counter()
    gz.mentions("warm-up: build the automaton in Raqqa")
    build = time.perf_counter() - t0
    docs = corpus(gz, args.mb)
    size = sum(len(d.encode("utf-8")) for d in docs)
    n = resolved = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        for m in gz.mentions(d):
            n += 1
            resolved += m.place is not None
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    # check offsets outside the timed loop
    for d in docs[:200]:
        assert all(d[m.start : m.end] == m.text for m in gz.mentions(d))
    print(f"places: {len(gz)}; automaton patterns: {gz._matcher.size:,}; build {build:.2f} s")
    print(f"corpus: {size / 1e6:.1f} MB in {len(docs):,} articles; mentions: {n:,} ({resolved:,} resolved)")
    print(f"mentions(): {dt:.2f} s wall, {cpu:.2f} s CPU -> {size / 1e6 / dt:.1f} MB/s on one core ({len(docs) / dt:,.0f} articles/s)")


if __name__ == "__main__":
    main()
