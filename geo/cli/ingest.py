"""``python -m geo ingest PATH...``: folders of articles into the review store (see :mod:`geo.ingest`)."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    """Add the ``ingest`` sub-command to ``sub`` (the parser's sub-parsers)."""
    p = sub.add_parser(
        "ingest",
        help="articles (folders, text, saved pages, JSON Lines, CSV) into the review store as candidates",
        description="Read every article under PATH..., extract candidate reports and add them to the review "
        "store, each article once, syndicated copy grouped as one story. Resumable: run the same command "
        "again after an interruption.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a folder (read recursively) or a file")
    p.add_argument("--store", help="store URL or file (default: $ATLAS_STORE, else the default store)")
    p.add_argument("--workers", type=_positive, help="worker processes (default: every core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run the work on a Dask cluster, e.g. tcp://HOST:8786")
    p.add_argument("--published", help="publication date YYYY-MM-DD of articles that state none")
    p.add_argument("--json", action="store_true", help="the summary as JSON on stdout")
    p.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of workers, found {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 worker, found {n}")
    return n


def run(args) -> int:
    """Run the ingest and print its summary (a table, or JSON with ``--json``)."""
    from geo.ingest import ingest
    from geo.records.articles import parse_date

    published = parse_date(args.published, what="--published date") if args.published else None
    summary = ingest(args.paths, store=args.store, workers=args.workers, scheduler=args.scheduler, published=published)
    sys.stdout.write(summary.to_json() if args.json else summary.table())
    return 0
