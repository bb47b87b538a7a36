"""Time and peak memory of extracting one article, against the article's size.

Articles of 10 KB up to the reader's limit (5 MB), written two ways: as wire copy
with a line break after each sentence, and as one line with none (the shape
that once made a title of the whole text and copied it into every report).
Each size is the seed articles' sentences repeated, so the text stays real
reporting with incidents in it. Memory is ``tracemalloc``'s peak (Python
allocations) and the process's peak RSS after each run.

Usage::

    uv run python benchmarks/bench_article_size.py            # Markdown table
    uv run python benchmarks/bench_article_size.py --max-kb 1000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from gazetteer.files import MAX_ARTICLE_BYTES  # noqa: E402
from geo.extraction.extract import extract_text  # noqa: E402
from geo.extraction.text import story_sentences  # noqa: E402

SIZES_KB = (10, 100, 1000, MAX_ARTICLE_BYTES // 1024)


def corpus_sentences() -> list[str]:
    out: list[str] = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = gazetteer.read_article(p)
        out.extend(s.text for s in story_sentences(text))
    return out


def article(sentences: list[str], n_bytes: int, *, newlines: bool) -> str:
    sep = "\n" if newlines else " "
    parts, size, i = [], 0, 0
    while size < n_bytes:
        s = sentences[i % len(sentences)]
        parts.append(s)
        size += len(s.encode("utf-8")) + 1
        i += 1
    return sep.join(parts)[:n_bytes]


def measure(text: str, gz: gazetteer.Gazetteer) -> dict[str, float]:
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    reports = extract_text(text, article_id="size", published="2017-06-11", outlet="Bench", gz=gz)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out_bytes = len(json.dumps(reports))
    return {
        "reports": len(reports),
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "peak_mb": round(peak / 1e6, 1),
        "out_mb": round(out_bytes / 1e6, 2),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-kb", type=int, default=MAX_ARTICLE_BYTES // 1024, help="largest size (KB)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    gz = gazetteer.load()
    sentences = corpus_sentences()
    rows = []
    for kb in (k for k in SIZES_KB if k <= args.max_kb):
        for newlines in (True, False):
            text = article(sentences, kb * 1024, newlines=newlines)
            rows.append({"kb": kb, "newlines": newlines, **measure(text, gz)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("| KB | line breaks | reports | CPU s | CPU ms per KB | tracemalloc peak MB | reports MB | RSS MB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        per_kb = 1000 * r["cpu_s"] / r["kb"]
        print(f"| {r['kb']:,} | {'yes' if r['newlines'] else 'none'} | {r['reports']:,} | {r['cpu_s']} | "
              f"{per_kb:.2f} | {r['peak_mb']} | {r['out_mb']} | {r['rss_mb']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
