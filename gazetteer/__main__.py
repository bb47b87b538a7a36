"""Command line: ``python -m gazetteer {lookup,mentions,check,stats,export,fmt}``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import DEFAULT_PATH, load
from .exc import AmbiguousName, ArticleError, DataError, WriteError
from .files import read_article, read_json, write_text_atomic
from .stats import count_places
from .validate import check_parents, collect_places


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def _cmd_lookup(args) -> int:
    gz = load(args.data)
    try:
        p = gz.lookup(args.name)
    except AmbiguousName as e:
        print(
            f"ambiguous: {args.name!r} may be any of: "
            + ", ".join(f"{c.id} ({c.kind}, {c.name})" for c in e.candidates),
            file=sys.stderr,
        )
        return 1
    if p is None:
        print(f"unknown place: {args.name!r} is not in the gazetteer", file=sys.stderr)
        return 1
    print(_dump(p.to_json()))
    return 0


def _cmd_mentions(args) -> int:
    gz = load(args.data)
    out = []
    for path in args.files:
        text = read_article(path)
        for m in gz.mentions(text, unresolved=not args.known_only):
            out.append({"file": path, **m.to_json()})
    print(_dump(out))
    return 0


def _cmd_check(args) -> int:
    from .consistency import check_claims

    path = args.data or str(DEFAULT_PATH)
    report: dict = {"file": path}
    try:
        places, problems = collect_places(read_json(path), source=path)
    except DataError as e:  # not a FeatureCollection at all
        problems, places = list(e.problems), []
    if problems:
        # the checks on whole places run on the good ones, so one pass lists every problem
        error = DataError(path, problems + check_parents(places))
        report["errors"] = [p.__dict__ for p in error.problems]
        if args.json:
            print(_dump(report))
        else:
            print(str(error))
        return 1
    from .gazetteer import Gazetteer

    gz = Gazetteer(places)
    parent_problems = check_parents(places)
    not_place_problems, not_places_file = _check_not_places(args, gz)
    claims = check_claims(gz)
    counts = count_places(places)
    kinds, quality = counts.kinds, counts.quality
    report.update(
        places=len(places),
        kinds=kinds,
        geometry_quality=quality,
        errors=[p.__dict__ for p in parent_problems + not_place_problems],
        distance_claims=[c.to_json() for c in claims],
    )
    if args.json:
        print(_dump(report))
    else:
        print(f"{path}: {len(places)} places")
        print("  kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        print("  geometry quality: " + ", ".join(f"{k} {v}" for k, v in sorted(quality.items())))
        print("schema, geometry, ids, aliases, sources: ok")
        if parent_problems:
            print(f"places outside their parent: {len(parent_problems)}")
            for problem in parent_problems:
                print(f"  ERROR {problem}")
        else:
            print("every place within or near its parent: ok")
        if not_places_file and not_place_problems:
            print(f"{not_places_file}: {len(not_place_problems)} problem(s)")
            for problem in not_place_problems:
                print(f"  ERROR {problem}")
        elif not_places_file:
            print(f"{not_places_file}: names that are no place, each naming the places it spells: ok")
        print("distances stated in the seeds (geodesic, WGS84):")
        for c in claims:
            verdict = {True: "consistent", False: "INCONSISTENT", None: "not checked"}[c.consistent]
            print(
                f"  [{verdict}] {c.claim.subject} -> {c.claim.target} ({c.claim.article}: {c.claim.text!r}): {c.detail}"
            )
    return 1 if parent_problems or not_place_problems else 0


def _check_not_places(args, gz) -> tuple[list, str | None]:
    """Problems of the not-places list checked against ``gz``, and the list's path.

    The shipped list is checked with the shipped gazetteer; with ``--data`` only when
    ``--not-places`` names a list (another gazetteer need not hold its ids).
    """
    from .exc import Problem
    from .notplaces import NOT_PLACES_PATH, check_not_places, parse_not_places

    path = args.not_places or (None if args.data else str(NOT_PLACES_PATH))
    if path is None:
        return [], None
    try:
        entries = parse_not_places(read_json(path), source=path)
    except DataError as e:
        return list(e.problems) or [Problem("<file>", "not_places", "a valid list", str(e))], path
    return check_not_places(entries, gz), path


def _cmd_stats(args) -> int:
    counts = count_places(load(args.data))
    if args.json:
        print(_dump(counts.to_json()))
    else:
        print(counts.markdown())
    return 0


def _cmd_export(args) -> int:
    fc = load(args.data).to_geojson()
    text = json.dumps(fc, ensure_ascii=False, indent=None if args.compact else 1) + "\n"
    if args.out and args.out != "-":
        write_text_atomic(args.out, text)
        print(f"wrote {len(fc['features'])} places to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def format_places(data: dict) -> str:
    """Canonical text of a places file: features sorted by id, one property per line,
    each geometry on one line, so a change to a place is a small diff."""
    feats = sorted(data["features"], key=lambda f: str(f.get("id")))
    blocks = []
    for f in feats:
        props = f.get("properties", {})
        lines = [f'{{"type": "Feature", "id": {json.dumps(f.get("id"))},']
        lines.append(f' "geometry": {json.dumps(f.get("geometry"), ensure_ascii=False)},')
        lines.append(' "properties": {')
        items = list(props.items())
        for i, (k, v) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            if k == "sources" and isinstance(v, list):
                inner = ",\n".join("    " + json.dumps(s, ensure_ascii=False) for s in v)
                lines.append(f'  "sources": [\n{inner}\n  ]{comma}')
            else:
                lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{comma}")
        lines.append(" }}")
        blocks.append("\n".join(lines))
    head = {k: v for k, v in data.items() if k not in ("type", "features")}
    head_txt = "".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in head.items())
    return '{"type": "FeatureCollection",\n' + head_txt + '"features": [\n' + ",\n".join(blocks) + "\n]}\n"


def _cmd_fmt(args) -> int:
    path = args.data or str(DEFAULT_PATH)
    data = read_json(path)
    text = format_places(data)
    if json.loads(text) != {**data, "features": sorted(data["features"], key=lambda f: str(f.get("id")))}:
        raise SystemExit("formatting changed the data; refusing to write")
    write_text_atomic(path, text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m gazetteer", description="The curated gazetteer of the Raqqa incident atlas."
    )
    ap.add_argument("--data", help=f"gazetteer file (default: {DEFAULT_PATH})")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("lookup", help="look a place name up; JSON on stdout, exit 1 when unknown or ambiguous")
    p.add_argument("name")
    p = sub.add_parser("mentions", help="every place mention in article files, as JSON")
    p.add_argument("files", nargs="+")
    p.add_argument("--known-only", action="store_true", help="leave out place-like names the gazetteer does not know")
    p = sub.add_parser("check", help="validate the data and check the distances the seeds state")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--not-places", help="a not-places list to check against the data (default: the shipped one, without --data)"
    )
    p = sub.add_parser("stats", help="count the places by kind and by geometry quality (a Markdown table)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("export", help="the gazetteer as RFC 7946 GeoJSON")
    p.add_argument("--out", help="write this file (atomically; a directory or device is refused); '-' or none: stdout")
    p.add_argument("--compact", action="store_true")
    sub.add_parser("fmt", help="rewrite the data file in its canonical, diff-friendly form")
    args = ap.parse_args(argv)
    try:
        return {
            "lookup": _cmd_lookup,
            "mentions": _cmd_mentions,
            "check": _cmd_check,
            "stats": _cmd_stats,
            "export": _cmd_export,
            "fmt": _cmd_fmt,
        }[args.cmd](args)
    except (DataError, ArticleError, WriteError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
