"""Throughput and memory of the extractor on a generated corpus (one core).

The corpus recombines the sentences of the seed and synthetic articles into
new articles, varying the places (names from the gazetteer), weekdays and
figures, with a headline, paragraphs and now and then a credited photo
caption. Articles are written lazily to a temporary folder, one at a time,
just before they are extracted, and removed as the run goes (nothing of the
corpus is held in memory). Each article gets its own publication date in
2017.

Only the extraction (read + :func:`geo.extraction.extract.extract_article`) is timed,
as wall-clock and as process CPU time (the honest figure on a busy machine).
Memory is reported at 2,500 / 5,000 / 10,000 articles as the process RSS,
and (``--tracemalloc``, a second, slower pass) as the tracemalloc peak: both
should stay flat, since nothing is kept between articles.

Usage::

    uv run python benchmarks/bench_extract.py                 # 10,000 articles
    uv run python benchmarks/bench_extract.py --n 2000 --tracemalloc
    uv run python benchmarks/bench_extract.py --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from geo.extraction.extract import extract_article  # noqa: E402
from geo.extraction.text import captions, sentences  # noqa: E402
from geo.records.articles import articles_by_id  # noqa: E402

SMALL = ROOT / "tests" / "data" / "places_small.geojson"
SYNTHETIC = ROOT / "tests" / "data" / "articles"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_PLACES = (
    "al-Mishlab",
    "al-Sinaa",
    "al-Rumaila",
    "the Old City",
    "Jazra",
    "al-Badu",
    "al-Romania",
    "Nazlat al-Shahada",
    "al-Sabahia",
    "Hisham bin Abdul Malik",
    "Tabqa",
    "Hazima",
    "al-Tayar",
    "Ain Issa",
    "al-Batani",
)
HEADLINES = (
    "US-Backed Fighters Push Deeper Into Raqqa",
    "Civilians Killed in Raqqa Strikes, Monitor Says",
    "SDF Seizes District in Raqqa",
    "Thousands Flee Fighting in Raqqa",
    "IS Fighters Counter-Attack in Raqqa",
)


def sentence_pool() -> tuple[list[str], list[str]]:
    """Sentences of the story and caption lines of every seed and synthetic article."""
    texts = [a.text for a in articles_by_id().values()]
    texts += [gazetteer.read_article(p) for p in sorted(SYNTHETIC.glob("*.txt"))]
    story, caps = [], []
    for t in texts:
        cap = captions(t)
        caps += [c.text for c in cap]
        spans = [(c.start, c.end) for c in cap]
        story += [
            s.text
            for s in sentences(t)
            if not any(a <= s.start and s.end <= b for a, b in spans) and len(s.text.split()) > 6
        ]
    return story, caps


def _place_names(gz: gazetteer.Gazetteer) -> list[str]:
    names = [p.name for p in gz if p.kind in ("district", "suburb", "village", "town", "landmark", "street", "square")]
    return names or list(DEFAULT_PLACES)


def corpus(n: int, folder: Path, gz: gazetteer.Gazetteer, *, seed: int = 2017) -> Iterator[tuple[Path, dt.date]]:
    """Write ``n`` articles lazily (one per iteration) and yield ``(path, publication date)``."""
    rng = random.Random(seed)
    story, caps = sentence_pool()
    names = _place_names(gz)
    known = sorted({*names, *DEFAULT_PLACES}, key=len, reverse=True)
    place_rx = re.compile("|".join(re.escape(x) for x in known))
    day_rx = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
    num_rx = re.compile(r"\b\d{1,3}\b(?![,.]\d)")
    first = dt.date(2017, 6, 6)
    for i in range(n):
        pub = first + dt.timedelta(days=rng.randrange(0, 135))
        paras = []
        for _ in range(rng.randint(4, 9)):
            para = []
            for _ in range(rng.randint(1, 3)):
                s = rng.choice(story)
                s = place_rx.sub(lambda m: rng.choice(names), s)
                s = day_rx.sub(lambda m: rng.choice(WEEKDAYS), s)
                s = num_rx.sub(lambda m: str(rng.randint(2, 60)), s)
                para.append(s)
            paras.append(" ".join(para))
        if rng.random() < 0.3:
            paras.insert(rng.randrange(0, len(paras)), rng.choice(caps))
        text = rng.choice(HEADLINES) + "\n\n" + "\n\n".join(paras) + "\n"
        p = folder / f"a{i:06d}.txt"
        p.write_text(text, encoding="utf-8")
        yield p, pub


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: peak RSS instead
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    n: int, gz: gazetteer.Gazetteer, checkpoints: tuple[int, ...], *, trace: bool = False, cache: bool = True
) -> dict:
    """Extract ``n`` generated articles; figures at each checkpoint.

    ``cache=False`` codes every sentence afresh (no memo of repeated sentences).
    """
    import geo.extraction.extract as gx

    memo = gx.lru_cache(maxsize=gx.CACHE_SIZE)(gx._code_uncached)
    gx._code = memo if cache else gx._code_uncached  # type: ignore[assignment]  # our own memo, swapped to measure it
    marks = {}
    busy = 0.0
    cpu = 0.0  # process CPU time of the extraction: robust to other load on the machine
    chars = reports = 0
    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        if trace:
            tracemalloc.start()
        for i, (path, pub) in enumerate(corpus(n, Path(tmp), gz), 1):
            chars += path.stat().st_size
            c0 = time.process_time()
            t0 = time.perf_counter()
            rs = extract_article(path, published=pub, outlet="bench", gz=gz)
            busy += time.perf_counter() - t0
            cpu += time.process_time() - c0
            reports += len(rs)
            del rs
            path.unlink()
            if i in checkpoints:
                gc.collect()
                m = {
                    "articles": i,
                    "seconds": round(busy, 3),
                    "articles_per_s": round(i / busy, 1),
                    "cpu_seconds": round(cpu, 3),
                    "articles_per_cpu_s": round(i / max(cpu, 1e-9), 1),
                    "reports": reports,
                    "mb_text": round(chars / 2**20, 1),
                    "rss_mb": round(_rss_mb(), 1),
                }
                if cache:
                    info = gx._code.cache_info()
                    m["cache_hit_rate"] = round(info.hits / max(1, info.hits + info.misses), 3)
                if trace:
                    m["tracemalloc_current_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 2)
                    m["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
                marks[i] = m
        if trace:
            tracemalloc.stop()
    return {"n": n, "checkpoints": list(marks.values())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles (default 10,000)")
    ap.add_argument(
        "--gazetteer", help="gazetteer file (default: the shipped one; the small test fixture if it is missing)"
    )
    ap.add_argument("--tracemalloc", action="store_true", help="a second pass with tracemalloc (slower)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    gpath = args.gazetteer or (gazetteer.DEFAULT_PATH if Path(gazetteer.DEFAULT_PATH).exists() else SMALL)
    gz = gazetteer.load(gpath)
    checkpoints = tuple(
        sorted(
            {min(args.n, c) for c in (args.n // 4, args.n // 2, args.n)}
            | ({2500, 5000, 10000} & set(range(1, args.n + 1)))
        )
    )
    out: dict[str, Any] = {
        "gazetteer": str(gpath),
        "places": len(gz),
        "python": sys.version.split()[0],
        "one_core": hasattr(os, "sched_setaffinity"),
    }
    out["throughput"] = run(args.n, gz, checkpoints)
    out["no_cache"] = run(args.n, gz, checkpoints, cache=False)
    if args.tracemalloc:
        out["tracemalloc"] = run(args.n, gz, checkpoints, trace=True)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(
        f"gazetteer {out['gazetteer']} ({out['places']} places), Python {out['python']}, one core: {out['one_core']}\n"
    )
    print(
        "| articles | MB of text | reports | articles/s (memo) | memo hit rate | articles/s (no memo) | "
        "CPU s (no memo) | articles/CPU s (no memo) | RSS MB |" + (" tracemalloc peak MB |" if args.tracemalloc else "")
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if args.tracemalloc else ""))
    traced = out.get("tracemalloc", {})
    tm = {c["articles"]: c for c in traced.get("checkpoints", [])}
    nc = {c["articles"]: c for c in out["no_cache"]["checkpoints"]}
    for c in out["throughput"]["checkpoints"]:
        row = (
            f"| {c['articles']:,} | {c['mb_text']} | {c['reports']:,} | {c['articles_per_s']} | "
            f"{c['cache_hit_rate']:.0%} | "
            f"{nc[c['articles']]['articles_per_s']} | {nc[c['articles']]['cpu_seconds']} | "
            f"{nc[c['articles']]['articles_per_cpu_s']} | {max(c['rss_mb'], nc[c['articles']]['rss_mb'])} |"
        )
        if args.tracemalloc:
            row += f" {tm[c['articles']]['tracemalloc_peak_mb']} |"
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
