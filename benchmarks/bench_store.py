"""The review store at scale: 50,000 curated records, embedded (GeoPackage file) and PostGIS.

For each back end, in a fresh store (the seeds' 78 records imported on
creation), times:

* import: 50,000 generated records (:mod:`geo.records.synthetic`, never real
  data) stored as accepted curated records, in one transaction;
* load: ``Store.reports()``, every accepted record as a typed ``Report``
  (what ``geo build``, ``geo export`` and the map read), and
  ``Store.report_dicts()`` (the flat properties every export carries);
* review list: ``Store.review_rows(status=("candidate",))`` with 5,000
  candidates among the 50,000 records (what ``geo review list`` prints), and
  the same for the accepted ones;
* one review: ``Store.accept`` of one candidate with a changed field
  (read, check, write, history), the median of ``--runs``.

Wall-clock seconds, best of ``--runs`` (one review: median). PostGIS runs on a
throwaway server (:mod:`tools.postgis`); it is skipped, with a note, when the
Debian packages are not installed.

    uv run python benchmarks/bench_store.py [--n 50000] [--candidates 5000] [--runs 3] [--no-postgis]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import gazetteer  # noqa: E402
from geo.records.report import Report  # noqa: E402
from geo.records.synthetic import synthetic_reports  # noqa: E402
from geo.store import open_store  # noqa: E402


def best(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def bench(url: str, reports: list[Report], candidates: list[Report], runs: int) -> dict[str, str]:
    gz = gazetteer.load()
    t0 = time.perf_counter()
    s = open_store(url, gz=gz)
    created = time.perf_counter() - t0
    t0 = time.perf_counter()
    s.import_reports(reports, by="benchmark")
    imported = time.perf_counter() - t0
    s.import_reports(candidates, by="benchmark", status="candidate")
    n_acc = s.counts()["accepted"]
    t_load, got = best(s.reports, runs)
    assert isinstance(got, list) and len(got) == n_acc
    t_dicts, _ = best(s.report_dicts, runs)
    t_list_c, rows = best(lambda: s.review_rows(status=("candidate",)), runs)
    assert isinstance(rows, list) and len(rows) == len(candidates)
    t_list_a, _ = best(lambda: s.review_rows(status=("accepted",)), runs)
    one = []
    for c in candidates[:runs]:
        t0 = time.perf_counter()
        s.accept(c.id, changes={"notes": "reviewed in the benchmark"}, by="benchmark", why="benchmark")
        one.append(time.perf_counter() - t0)
    s.close()
    return {
        "create + seed import": f"{created:.2f} s",
        f"import {len(reports):,} records (one transaction)": f"{imported:.1f} s ({len(reports) / imported:,.0f}/s)",
        f"load {n_acc:,} accepted as Reports": f"{t_load:.2f} s",
        f"load {n_acc:,} accepted as export dicts": f"{t_dicts:.2f} s",
        f"review list: {len(candidates):,} candidates": f"{t_list_c:.2f} s",
        f"review list: {n_acc:,} accepted": f"{t_list_a:.2f} s",
        "one accept with a change (median)": f"{statistics.median(one) * 1000:.0f} ms",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--candidates", type=int, default=5_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-postgis", action="store_true")
    args = ap.parse_args(argv)
    gz = gazetteer.load()
    dicts = synthetic_reports(gz, args.n + args.candidates, last_day="2017-10-20")
    reps = [Report.from_dict(d, source="synthetic") for d in dicts]
    reports = [dataclasses.replace(r, id=f"syn-{i:06d}") for i, r in enumerate(reps[: args.n])]
    candidates = [
        dataclasses.replace(r, id=f"cand-{i:06d}", reviewed=False, origin="extracted")
        for i, r in enumerate(reps[args.n :])
    ]
    results: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["embedded (GeoPackage file)"] = bench(str(Path(tmp) / "atlas.gpkg"), reports, candidates, args.runs)
    if not args.no_postgis:
        from postgis import available, throwaway_postgis

        if available():
            with throwaway_postgis() as new_db:
                results["PostGIS (local, throwaway)"] = bench(new_db(), reports, candidates, args.runs)
        else:
            print("PostGIS skipped: PostgreSQL 15 with PostGIS is not installed", file=sys.stderr)
    names = list(results)
    print("| what | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for row in next(iter(results.values())):
        print(f"| {row} | " + " | ".join(results[n].get(row, "-") for n in names) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
