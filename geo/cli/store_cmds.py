"""The store's commands: ``store init|import|export|places|add-place|add-alias``, ``add``, and
``review list|accept|reject|merge|history|undo|grade``.

Every one takes ``--store URL`` (default: ``ATLAS_STORE``, else the embedded
file ``geo.settings.DEFAULT_STORE``). Bad input is one message naming the
record, the field, what was expected and what was found (exit code 2, nothing
changed); a review made on a stale version is refused with both versions
(exit code 3).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

#: Exit code of a review refused because somebody changed the record first.
EXIT_CONFLICT = 3


def _by(args) -> str:
    return args.by or getpass.getuser()


def _open(args, *, create: bool = True):
    from geo.store import open_store

    return open_store(args.store, create=create)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- store ------------------------------------------------------------------------


def cmd_store_init(args) -> int:
    with _open(args) as s:
        counts = s.counts()
        print(
            f"store {s.engine.url.render_as_string(hide_password=True)} ({s.backend}): "
            + ", ".join(f"{n} {k}" for k, n in counts.items())
        )
    return 0


def cmd_store_import(args) -> int:
    from geo.store.transfer import import_curated

    with _open(args) as s:
        added, same = import_curated(s, args.file, by=_by(args))
    print(f"imported {added} curated record(s) from {args.file}; {same} already stored as they are")
    return 0


def cmd_store_export(args) -> int:
    from gazetteer.files import write_text_atomic
    from geo.store.transfer import export_curated

    with _open(args) as s:
        data = export_curated(s)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        write_text_atomic(args.out, text)
        print(f"wrote {len(data['reports'])} curated record(s) to {args.out}", file=sys.stderr)
    return 0


def cmd_store_places(args) -> int:
    from gazetteer.files import write_text_atomic

    with _open(args) as s:
        data = s.gazetteer_additions()
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        write_text_atomic(args.out, text)
        print(f"wrote {len(data['features'])} added or changed place(s) to {args.out}", file=sys.stderr)
    return 0


def cmd_store_add_place(args) -> int:
    from gazetteer.files import read_json
    from geo.store import BadChange

    data = read_json(args.file)
    feats = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else [data]
    if not isinstance(feats, list) or not feats:
        raise BadChange(f"{args.file}: expected a GeoJSON Feature or FeatureCollection of places, found {data!r:.80}")
    with _open(args) as s:
        for f in feats:
            print(f"added place {s.add_place(f, by=_by(args), why=args.why)}")
    return 0


def cmd_store_add_alias(args) -> int:
    with _open(args) as s:
        s.add_alias(args.place_id, args.name, by=_by(args), why=args.why)
    print(f"added alias {args.name!r} of {args.place_id}")
    return 0


# -- add --------------------------------------------------------------------------


def cmd_add(args) -> int:
    import gazetteer
    from geo.exc import InputError
    from geo.extraction.extract import extract_text
    from geo.records.articles import parse_date
    from geo.records.report import Report
    from geo.store import NewArticle
    from geo.store.records import article_id_of

    published = parse_date(args.published, what="--published date")
    if (args.url or args.archive_url) and len(args.files) > 1:
        raise InputError(f"--url names one article: expected one FILE with it, found {len(args.files)} files")
    texts = [(Path(p), gazetteer.read_article(p)) for p in args.files]  # every file read before anything is added
    gz = gazetteer.load()
    batch = []
    for p, text in texts:
        aid = article_id_of(text)
        found = extract_text(
            text, article_id=aid, published=published, outlet=args.outlet, title=args.title, gz=gz, file=str(p)
        )
        batch.append(
            NewArticle(
                text=text,
                published=published,
                outlet=args.outlet,
                url=args.url,
                title=args.title,
                archive_url=args.archive_url,
                byline=args.byline,
                source=str(p),
                candidates=tuple(Report.from_dict(r, source=str(p)) for r in found),
            )
        )
    with _open(args) as s:
        results = s.add_articles(batch, by=_by(args))
        where = s.engine.url.render_as_string(hide_password=True)
    _print_json(
        {
            "store": where,
            "articles": [
                {
                    "file": str(p),
                    "article_id": r.article_id,
                    "created": r.created,
                    "duplicate_of": r.duplicate_of,
                    "candidate_ids": list(r.candidate_ids),
                }
                for (p, _), r in zip(texts, results, strict=True)
            ],
        }
    )
    return 0


# -- review -----------------------------------------------------------------------


def cmd_review_list(args) -> int:
    with _open(args) as s:
        rows = s.review_rows(status=(args.status,))
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        place = r["place_id"] or (f"({r['place_text']})" if r["place_text"] else "-")
        days = r["date_start"] if r["date_start"] == r["date_end"] else f"{r['date_start']}/{r['date_end']}"
        print(f"{r['id']}  v{r['version']}  {r['review_status']:<9}  {r['event_type']:<16}  {days:<21}  {place}")
    print(f"{len(rows)} {args.status} report(s)", file=sys.stderr)
    return 0


def _parse_sets(rid: str, sets: list[str]) -> dict[str, object]:
    from geo.store import BadChange
    from geo.store.edits import parse_value

    out: dict[str, object] = {}
    for item in sets:
        field, eq, raw = item.partition("=")
        if not eq or not field.strip():
            raise BadChange(f"record {rid!r}: --set: expected FIELD=VALUE, found {item!r}")
        out[field.strip()] = parse_value(field.strip(), raw)
    return out


def cmd_review_accept(args) -> int:
    changes = _parse_sets(args.id, args.set or [])
    with _open(args, create=False) as s:
        v = s.accept(args.id, changes=changes, by=_by(args), why=args.why, expected_version=args.version)
    print(f"accepted {args.id} (version {v})")
    return 0


def cmd_review_reject(args) -> int:
    with _open(args, create=False) as s:
        v = s.reject(args.id, why=args.why, by=_by(args), expected_version=args.version)
    print(f"rejected {args.id} (version {v})")
    return 0


def cmd_review_merge(args) -> int:
    with _open(args, create=False) as s:
        v = s.merge(args.id, args.event_id, by=_by(args), why=args.why, expected_version=args.version)
    print(f"merged {args.id} into {args.event_id} (version {v})")
    return 0


def cmd_review_history(args) -> int:
    with _open(args, create=False) as s:
        changes = s.history(args.id)
    if args.json:
        _print_json([c.to_dict() for c in changes])
        return 0
    for c in changes:
        fields = ", ".join(f"{k}: {c.before.get(k)!r} -> {v!r}" for k, v in c.after.items())
        why = f"  because {c.why}" if c.why else ""
        undone = f" (undoes change {c.undone_of})" if c.undone_of else ""
        print(f"#{c.id}  {c.at.isoformat(timespec='seconds')}  {c.by}  {c.action}{undone}  {fields}{why}")
    return 0


def cmd_review_undo(args) -> int:
    with _open(args, create=False) as s:
        cid = s.undo(args.change_id, by=_by(args), why=args.why)
    print(f"undid change {args.change_id} (change {cid})")
    return 0


def cmd_review_grade(args) -> int:
    with _open(args, create=False) as s:
        s.grade_event(args.event_id, None if args.grade == "none" else args.grade, why=args.why, by=_by(args))
    print(f"graded {args.event_id}: {args.grade}")
    return 0


# -- the parsers --------------------------------------------------------------------


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store", help="the store: a file path or postgresql://... (default: ATLAS_STORE, else data/atlas.gpkg)"
    )


def _by_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by", help="the reviewer's name (default: the login name)")


def _version_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--version", type=int, help="the version you reviewed (a newer stored one is a conflict)")


def add_parsers(sub) -> None:
    """The store's sub-commands, on ``python -m geo``'s sub-parsers."""
    from geo.records.vocab import EVENT_GRADES
    from geo.store import REVIEW_STATUSES

    st = sub.add_parser("store", help="the review store: init, import, export").add_subparsers(
        dest="store_cmd", required=True
    )
    p = st.add_parser("init", help="create the store (and import the seeds' curated records); say what it holds")
    _store_option(p)
    p.set_defaults(func=cmd_store_init)
    p = st.add_parser("import", help="import curated records (the format of geo/data/incidents.json) as accepted")
    p.add_argument("file")
    _store_option(p)
    _by_option(p)
    p.set_defaults(func=cmd_store_import)
    p = st.add_parser("export", help="the accepted records in the format of geo/data/incidents.json")
    p.add_argument("--out", help="a .json file, written atomically (default: stdout)")
    _store_option(p)
    p.set_defaults(func=cmd_store_export)

    p = st.add_parser("places", help="the places and aliases reviewers added, in the places.geojson format")
    p.add_argument("--out", help="a .geojson file, written atomically (default: stdout)")
    _store_option(p)
    p.set_defaults(func=cmd_store_places)
    p = st.add_parser("add-place", help="add places (a GeoJSON Feature or FeatureCollection as places.geojson has)")
    p.add_argument("file")
    p.add_argument("--why")
    _store_option(p)
    _by_option(p)
    p.set_defaults(func=cmd_store_add_place)
    p = st.add_parser("add-alias", help="add a name of a known place")
    p.add_argument("place_id")
    p.add_argument("name")
    p.add_argument("--why")
    _store_option(p)
    _by_option(p)
    p.set_defaults(func=cmd_store_add_alias)

    p = sub.add_parser("add", help="add articles to the store and extract their candidates; prints a JSON summary")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    p.add_argument("--outlet", default="unknown outlet")
    p.add_argument("--url", help="the article's URL (one FILE)")
    p.add_argument("--archive-url", help="an archived copy's URL (one FILE)")
    p.add_argument("--title")
    p.add_argument("--byline")
    _store_option(p)
    _by_option(p)
    p.set_defaults(func=cmd_add)

    rv = sub.add_parser("review", help="review candidates: list, accept, reject, merge, history").add_subparsers(
        dest="review_cmd", required=True
    )
    p = rv.add_parser("list", help="the reports of one review status")
    p.add_argument("--status", default="candidate", choices=REVIEW_STATUSES)
    p.add_argument("--json", action="store_true")
    _store_option(p)
    p.set_defaults(func=cmd_review_list)
    p = rv.add_parser("accept", help="accept a report, changing fields with --set FIELD=VALUE")
    p.add_argument("id")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="a field's new value (null: none)")
    p.add_argument("--why")
    _by_option(p)
    _version_option(p)
    _store_option(p)
    p.set_defaults(func=cmd_review_accept)
    p = rv.add_parser("reject", help="reject a report, with the reason (it stays in the store)")
    p.add_argument("id")
    p.add_argument("--why", required=True)
    _by_option(p)
    _version_option(p)
    _store_option(p)
    p.set_defaults(func=cmd_review_reject)
    p = rv.add_parser("merge", help="accept a report as one more report of an existing event")
    p.add_argument("id")
    p.add_argument("event_id")
    p.add_argument("--why")
    _by_option(p)
    _version_option(p)
    _store_option(p)
    p.set_defaults(func=cmd_review_merge)
    p = rv.add_parser("history", help="every change of a report: who, when, before, after, why")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    _store_option(p)
    p.set_defaults(func=cmd_review_history)
    p = rv.add_parser("undo", help="undo a change (writes a new change; nothing is deleted)")
    p.add_argument("change_id", type=int)
    p.add_argument("--why")
    _by_option(p)
    _store_option(p)
    p.set_defaults(func=cmd_review_undo)
    p = rv.add_parser("grade", help="grade an event as Airwars does")
    p.add_argument("event_id")
    p.add_argument("grade", choices=(*EVENT_GRADES, "none"))
    p.add_argument("--why", required=True)
    _by_option(p)
    _store_option(p)
    p.set_defaults(func=cmd_review_grade)
