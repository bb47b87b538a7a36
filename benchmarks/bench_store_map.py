"""The dashboard's first map with its reports from the review store, against today's (the curated file).

Two parts:

1. **Server side, in process** (no browser): what a page run costs for its reports.
   ``file``: the curated file read and verified (what ``load_reports`` did before the
   store); ``store``: a seeded store's accepted reports and candidates
   (:func:`app.review.store_reports`); ``store version``: the one query every run pays
   to key the caches (:meth:`geo.store.Store.version`); ``store, first open``: opening
   a new store, which migrates it and imports the seeds (once per store, ever).
2. **In Chromium** (``--browser``): request -> map drawn and click -> panel filled, as
   ``bench_dashboard.py`` measures them, for this branch's dashboard on a seeded store and
   for ``--baseline REV``'s dashboard (default ``main``, exported with ``git archive`` to a
   temporary folder), both with the seed data, first visits, one after the other.

    uv run python benchmarks/bench_store_map.py [--runs 20] [--browser --browser-runs 3 --rounds 2] [--baseline main]

Prints Markdown tables. Goal: the store's first map no slower than the file's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and fastest of ``runs`` calls, in milliseconds."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out), min(out)


def server_side(runs: int) -> list[tuple[str, float, float, str]]:
    import gazetteer
    from app.review import store_reports
    from geo.records import articles
    from geo.records.incidents import curated_reports
    from geo.store import open_store

    gz = gazetteer.load()
    rows = []

    def from_file() -> int:
        articles.load_catalog.cache_clear()  # read and verify as a fresh process would
        return len(curated_reports(gz=gz))

    n_file = from_file()
    rows.append(("file: curated_reports()", *timed(from_file, runs), f"{n_file} reports"))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        s = open_store(str(Path(tmp) / "atlas.gpkg"), gz=gz)
        first = (time.perf_counter() - t0) * 1000
        rows.append(("store, first open (migrate + import the seeds)", first, first, "once per store"))
        n_store = len(store_reports(s))
        rows.append(("store: store_reports()", *timed(lambda: store_reports(s), runs), f"{n_store} reports"))
        rows.append(("store version (every run)", *timed(s.version, runs), "one query, two max()"))
        s.close()
    return rows


def export_baseline(rev: str, into: Path) -> Path:
    """``rev``'s tree in ``into`` (git archive), with this worktree's vendored map assets."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    shutil.copytree(ROOT / "static" / "vendor", into / "static" / "vendor", dirs_exist_ok=True)
    return into


def in_browser(runs: int, baseline: str, rounds: int) -> list[tuple[str, dict]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT / "tests" / "app"))
    from bench_dashboard import measure
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, stop_server

    import gazetteer

    p = gazetteer.load().get("raqqa-mishlab")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        base = export_baseline(baseline, Path(tmp) / "baseline")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        variants = ((f"{baseline}: curated file", base), ("this branch: review store", ROOT))
        # rounds alternate the two (the shared machine's load drifts; the first start warms the disk cache)
        order = [v for k in range(rounds) for v in (variants if k % 2 == 0 else variants[::-1])]
        for i, (name, cwd) in enumerate(order):
            label = f"{name} (round {i // 2 + 1})"
            port = free_port()
            env = {"ATLAS_STORE": str(Path(tmp) / "atlas.gpkg"), "PYTHONPATH": str(cwd)}
            proc = start_server(port, env, cwd=cwd)
            try:
                rows.append((label, measure(browser, f"http://127.0.0.1:{port}", runs, p.lat, p.lon, None)))
            finally:
                stop_server(proc)
        browser.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20, help="server-side repetitions")
    ap.add_argument("--browser", action="store_true", help="also measure the first map in Chromium")
    ap.add_argument("--browser-runs", type=int, default=3)
    ap.add_argument("--baseline", default="main", help="the revision whose dashboard reads the curated file")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of the two dashboards, alternating")
    args = ap.parse_args()
    print(f"| server side (median / fastest of {args.runs}) | median | fastest | |")
    print("|---|---|---|---|")
    for label, med, best, note in server_side(args.runs):
        print(f"| {label} | {med:.1f} ms | {best:.1f} ms | {note} |")
    if args.browser:
        print()
        print(f"| dashboard, seed data | first load (cold server) | request → map drawn (median of "
              f"{args.browser_runs}) | click → panel filled |")
        print("|---|---|---|---|")
        for label, r in in_browser(args.browser_runs, args.baseline, args.rounds):
            print(f"| {label} | {r['cold_load']:.2f} s | {r['load']:.2f} s | {r['click']:.2f} s |")


if __name__ == "__main__":
    main()
