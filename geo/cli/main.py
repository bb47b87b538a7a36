"""Argument parsing and the sub-commands of ``python -m geo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from geo.exc import GeoError


def _cmd_build(args) -> int:
    from geo.cli.build import build

    counts = build(
        args.out,
        day=args.day,
        parquet=not args.no_parquet,
        store=args.store,
        include_candidates=args.include_candidates,
    )
    width = max(map(len, counts))
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:>4} features  -> {args.out}/{name}.geojson")
    return 0


def _cmd_export(args) -> int:
    import gazetteer
    from geo.exc import InputError
    from geo.records.articles import parse_date
    from geo.records.export import write_any
    from geo.records.layers import (
        LAYERS,
        control_features,
        place_layers,
        place_scope,
        report_layers,
        reporting_period,
        select,
    )

    if args.layer not in LAYERS:
        raise InputError(f"unknown layer {args.layer!r}: expected one of {', '.join(LAYERS)}")
    d0 = parse_date(args.date_from, what="--from date").isoformat() if args.date_from else None
    d1 = parse_date(args.date_to, what="--to date").isoformat() if args.date_to else None
    if d0 and d1 and d1 < d0:
        raise InputError(f"--to {d1} is before --from {d0}")
    gz = gazetteer.load()
    if args.place and args.place not in gz:
        raise InputError(f"unknown place id {args.place!r}: see `python -m gazetteer lookup NAME`")
    from geo.cli.build import store_reports

    reports = store_reports(args.store, include_candidates=args.include_candidates)
    from geo.records.incidents import EVENT_TYPES

    if args.type and args.type not in EVENT_TYPES:
        raise InputError(f"unknown --type {args.type!r}: expected one of {', '.join(EVENT_TYPES)}")
    scope = place_scope(gz, args.place) if args.place else None
    chosen = select(reports, date_from=d0, date_to=d1, event_type=args.type, place_ids=scope)
    if args.layer == "control":
        # control on the --to day (default: the last reported day), from every report up to it
        coll = control_features(gz, reports, d1 or reporting_period(reports)[1])
    elif args.layer in ("places", "zones"):
        coll = place_layers(gz)[args.layer]
    else:
        coll = report_layers(chosen)[args.layer]
    if scope is not None and args.layer in ("places", "zones", "control"):
        coll = {"type": "FeatureCollection", "features": [f for f in coll["features"] if f["id"] in scope]}
    if args.out == "-":
        from geo.records.export import iter_geojson

        sys.stdout.writelines(iter_geojson(coll))
        fmt = "geojson"
    else:
        fmt = write_any(coll, args.out)
    print(f"wrote {len(coll['features'])} {args.layer} features as {fmt} to {args.out}", file=sys.stderr)
    return 0


def _cmd_extract(args) -> int:
    from geo.extraction.extract import extract_files
    from geo.records.articles import parse_date

    published = parse_date(args.published, what="--published date")
    coll = extract_files(args.files, published=published, outlet=args.outlet)
    from geo.records.export import geojson_text

    sys.stdout.write(geojson_text(coll))
    return 0


def _store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store", help="the review store: a file path or postgresql://... (default: ATLAS_STORE, else data/atlas.gpkg)"
    )
    p.add_argument(
        "--include-candidates", action="store_true", help="add the unreviewed candidates (marked reviewed: false)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m geo", description="Incidents from the Raqqa reporting: build layers, export, extract."
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("build", help="seeds + curated data + gazetteer -> every layer as GeoJSON and GeoParquet")
    p.add_argument("--out", default="build", help="output folder (default: build)")
    p.add_argument("--day", help="day for the control layer (default: the last reported day)")
    p.add_argument("--no-parquet", action="store_true", help="GeoJSON only")
    _store_options(p)
    p = sub.add_parser("export", help="one layer, filtered, to a .geojson, .parquet or .csv file")
    p.add_argument(
        "--layer",
        required=True,
        help="incidents, events, strikes, incendiary, advances, displacement, control, places, zones",
    )
    p.add_argument("--from", dest="date_from", help="first day YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="last day YYYY-MM-DD (the control layer's day)")
    p.add_argument("--type", help="event type, e.g. air_strike")
    p.add_argument("--place", help="place id; includes the places inside it")
    p.add_argument("--out", required=True, help="a .geojson, .parquet or .csv file (atomically); '-': stdout")
    _store_options(p)
    p = sub.add_parser("extract", help="candidate incident reports from new articles, as GeoJSON on stdout")
    p.add_argument("files", nargs="+")
    p.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    p.add_argument("--outlet", default="unknown outlet")
    from geo.cli.store_cmds import EXIT_CONFLICT, add_parsers

    add_parsers(sub)
    args = ap.parse_args(argv)
    from geo.store import ConflictError

    try:
        if hasattr(args, "func"):
            return args.func(args)
        return {"build": _cmd_build, "export": _cmd_export, "extract": _cmd_extract}[args.cmd](args)
    except ConflictError as e:
        print(f"conflict: {e}", file=sys.stderr)
        return EXIT_CONFLICT
    except (GeoError, ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
