"""Bulk ingest: articles per second on 1 and 2 worker processes and a 2-worker Dask LocalCluster,
peak memory as the corpus grows, and the work of one article split into its parts.

The corpus is generated (``bench_extract.corpus``'s recipe: the seed and synthetic
articles' sentences recombined, places, weekdays and figures varied), written as
JSON Lines files of 1,000 rows with url, outlet and publication date; about
:data:`SYNDICATED` of the articles are syndicated copies of an earlier one (another
outlet, another headline, the last paragraph cut), so the LSH has groups to find.

Each run is a fresh process (``--child``) ingesting the corpus into a fresh
embedded store; it reports its wall time, its own peak RSS (the writer: inputs,
LSH, store) and the largest peak RSS of its children (the workers). The Dask
cluster is started before the clock starts (an existing cluster, as
``--scheduler`` expects). The stores of one size are exported and compared byte
for byte.

``--split`` times the parts of one article's work in one process on a sample:
read (JSON Lines row), page parse (trafilatura, on the sample rendered as HTML),
extraction, MinHash signature, LSH, store write (batches of 200).

Usage::

    uv run python benchmarks/bench_ingest.py                       # 1,000 / 4,000 / 10,000 articles
    uv run python benchmarks/bench_ingest.py --sizes 2000 --modes 1,2
    uv run python benchmarks/bench_ingest.py --full                # and 100,000 (long)
    uv run python benchmarks/bench_ingest.py --split 400 --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gazetteer  # noqa: E402

#: Share of generated articles that are syndicated copies of an earlier one.
SYNDICATED = 0.05
OUTLETS = ("Example Wire", "Example Post", "Example Daily", "Example Evening News", "Example Monitor")
ROWS_PER_FILE = 1000


def articles(n: int, *, seed: int = 2017) -> Iterator[dict]:
    """``n`` generated rows (text, url, outlet, title, published), streamed."""
    import bench_extract

    gz = gazetteer.load()
    rng = random.Random(seed)
    recent: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench_ingest_gen_") as tmp:
        gen = bench_extract.corpus(n, Path(tmp), gz, seed=seed)
        for i in range(n):
            if recent and rng.random() < SYNDICATED:
                src = rng.choice(recent)
                paras = src["text"].split("\n\n")
                text = "\n\n".join(["Raqqa: " + paras[0].lower(), *paras[1:-1]]) + "\n"
                outlet = rng.choice([o for o in OUTLETS if o != src["outlet"]])
                row = {"text": text, "outlet": outlet, "published": src["published"]}
            else:
                path, pub = next(gen)
                text = f"RAQQA, Syria (desk {i}) --\n\n" + path.read_text(encoding="utf-8")
                path.unlink()
                row = {"text": text, "outlet": rng.choice(OUTLETS), "published": pub.isoformat()}
                recent = [*recent[-50:], row]
            row["url"] = f"https://example.org/{i:06d}"
            yield row


def write_corpus(n: int, folder: Path) -> Path:
    """The corpus as JSON Lines files of :data:`ROWS_PER_FILE` rows in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    fh = None
    for i, row in enumerate(articles(n)):
        if i % ROWS_PER_FILE == 0:
            if fh:
                fh.close()
            fh = open(folder / f"part{i // ROWS_PER_FILE:04d}.jsonl", "w", encoding="utf-8")
        fh.write(json.dumps(row) + "\n")  # type: ignore[union-attr]
    if fh:
        fh.close()
    return folder


def child(corpus: str, store: str, mode: str) -> dict:
    """One run in this process (see the module docstring): time and peak memory."""
    from geo.ingest import ingest

    cluster = None
    if mode == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c0 = time.process_time()
    t0 = time.perf_counter()
    summary = ingest(
        [corpus],
        store=store,
        workers=None if mode == "dask" else int(mode),
        scheduler=cluster.scheduler_address if cluster else None,
        progress=False,
    )
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    if cluster:
        cluster.close()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "workers_cpu_s": round(kids.ru_utime + kids.ru_stime, 2),
        "articles_per_cpu_s": round(summary.read / (cpu + kids.ru_utime + kids.ru_stime), 1),
        "wall_s": round(wall, 2),
        "writer_cpu_s": round(cpu, 2),
        "articles_per_s": round(summary.read / wall, 1),
        "writer_peak_rss_mb": round(_peak_rss_mb(), 1),
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "summary": {k: v for k, v in summary.to_dict().items() if k not in ("skipped", "unresolved")},
    }


def _peak_rss_mb() -> float:
    """This process's peak RSS since it started. Not ``ru_maxrss``: Linux carries that over ``exec``
    from the parent (the benchmark, which holds far more), so a child would report its parent's peak."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_digest(store: str) -> str:
    """SHA-256 of the store's export (the same bytes at any worker count)."""
    from geo.ingest.snapshot import snapshot
    from geo.store import open_store

    st = open_store(store, create=False)
    try:
        return hashlib.sha256(snapshot(st)).hexdigest()
    finally:
        st.close()


def run_size(n: int, modes: list[str], tmp: Path) -> dict:
    corpus = write_corpus(n, tmp / f"corpus{n}")
    out: dict = {"articles": n, "runs": {}}
    for mode in modes:
        store = str(tmp / f"store{n}-{mode}.gpkg")
        res = subprocess.run(
            [sys.executable, __file__, "--child", str(corpus), store, mode],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(res.stdout.strip().splitlines()[-1])
        r["export_sha256"] = export_digest(store)
        out["runs"][mode] = r
        print(json.dumps({"articles": n, "mode": mode, **r}), file=sys.stderr, flush=True)  # as it goes
    if "1" in out["runs"] and "2" in out["runs"]:
        out["speedup_2_over_1"] = round(out["runs"]["2"]["articles_per_s"] / out["runs"]["1"]["articles_per_s"], 2)
    out["same_export"] = len({r["export_sha256"] for r in out["runs"].values()}) == 1
    return out


def split(n: int, tmp: Path) -> dict:
    """CPU milliseconds per article of each part of the work, in one process (see the module docstring)."""
    import trafilatura

    from geo.extraction.extract import article_for, extract_records
    from geo.ingest.sources import iter_items
    from geo.ingest.syndication import Stories
    from geo.ingest.work import UNKNOWN_OUTLET, _published, signature
    from geo.store import NewArticle, open_store
    from geo.store.records import article_id_of as article_id_for

    gz = gazetteer.load()
    corpus = write_corpus(n, tmp / "split")
    t: dict[str, float] = dict.fromkeys(("read", "page", "extract", "minhash", "lsh", "store"), 0.0)
    clock = time.process_time  # CPU time of this process: the honest figure on a shared machine
    t0 = clock()
    items = list(iter_items([corpus]))
    t["read"] = clock() - t0
    stories = Stories()
    news = []
    for it in items:
        assert it.text is not None
        html = (
            "<html><body><article>" + "".join(f"<p>{p}</p>" for p in it.text.split("\n\n")) + "</article></body></html>"
        )
        t0 = clock()
        trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
        t["page"] += clock() - t0
        t0 = clock()
        day = _published(it.published, None, None)
        assert day is not None
        aid = article_id_for(it.text)
        art = article_for(it.text, aid, day, day, outlet=it.outlet or UNKNOWN_OUTLET, title=it.title, file=it.source,
                          note="given at ingest")
        reports = tuple(extract_records(it.text, article=art, gz=gz, title=it.title))
        t["extract"] += clock() - t0
        t0 = clock()
        sig = signature(it.text)
        t["minhash"] += clock() - t0
        t0 = clock()
        key, _ = stories.add(aid, sig)
        t["lsh"] += clock() - t0
        news.append(
            NewArticle(text=it.text, published=day, outlet=it.outlet, url=it.url, story_key=key, candidates=reports)
        )
    st = open_store(str(tmp / "split.gpkg"))
    t0 = clock()
    for i in range(0, len(news), 200):
        st.add_articles(news[i : i + 200], by="bench")
    t["store"] = clock() - t0
    st.close()
    ms = {k: round(1000 * v / n, 3) for k, v in t.items()}
    return {
        "articles": n,
        "ms_per_article": ms,
        "candidates_per_article": round(sum(len(a.candidates) for a in news) / n, 2),
    }


def marginal(sizes: list[dict]) -> dict:
    """CPU ms per article between the two largest sizes, per mode: the fixed costs (process and
    cluster start, imports, the gazetteer, warming the extractor's cache) cancel out."""
    if len(sizes) < 2:
        return {}
    a, b = sizes[-2], sizes[-1]
    n = b["articles"] - a["articles"]
    out = {}
    for mode in b["runs"]:
        if mode in a["runs"]:
            ra, rb = a["runs"][mode], b["runs"][mode]
            w = 1000 * (rb["writer_cpu_s"] - ra["writer_cpu_s"]) / n
            k = 1000 * (rb["workers_cpu_s"] - ra["workers_cpu_s"]) / n
            out[mode] = {"writer_ms": round(w, 2), "workers_ms": round(k, 2), "total_ms": round(w + k, 2)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,4000,10000", help="corpus sizes, comma-separated")
    ap.add_argument("--full", action="store_true", help="add 100,000 articles (long: about an hour here)")
    ap.add_argument("--modes", default="1,2,dask", help="worker counts and/or 'dask', comma-separated")
    ap.add_argument("--split", type=int, default=0, help="time the parts of the work on this many articles")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs=3, metavar=("CORPUS", "STORE", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.full:
        sizes.append(100_000)
    modes = [m for m in args.modes.split(",") if m]
    result: dict = {"cpus": os.cpu_count(), "date": dt.date.today().isoformat(), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        if args.split:
            result["split"] = split(args.split, Path(tmp))
            print(json.dumps(result["split"]), file=sys.stderr, flush=True)
        for n in sizes:
            result["sizes"].append(run_size(n, modes, Path(tmp)))
    result["marginal"] = marginal(result["sizes"])
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for s in result["sizes"]:
            for mode, r in s["runs"].items():
                print(
                    f"{s['articles']:>7,}  {mode:>4}  {r['articles_per_s']:>7} art/s"
                    f"  {r['articles_per_cpu_s']:>7} art/CPU-s  writer {r['writer_peak_rss_mb']} MB"
                    f"  workers {r['worker_peak_rss_mb']} MB"
                )
            print(f"         speedup 2/1: {s.get('speedup_2_over_1')}  same export: {s['same_export']}")
        if "split" in result:
            print("ms per article:", result["split"]["ms_per_article"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
