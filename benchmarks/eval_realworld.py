"""The extractor and the gazetteer measured on the development set of real reporting (issue 16).

The set (``tests/data/realworld/``, see its README) holds articles written in our own words from
real reporting of the 2017 campaign, each coded by hand before the extractor was run on it: every
place mention (``mentions``) and every incident report (``incidents``, one per sentence, with an
``event_key`` shared by the reports of one incident). It is split in two: ``tune`` (the rules may
be fitted to it) and ``heldout`` (never read while writing rules: the honest measure).

The measures are the ones of issue 16's target table:

* place mentions (names and generic descriptions; anaphora such as "the city" are left to the
  incidents' place) **placed wrong**: a gold mention (organisation names included, ``not_place``) that
  the gazetteer's mention finder resolves to a place that is neither the coded place nor one that
  contains it;
* place mentions **resolved right**: the coded place, or, for a place the gazetteer does not hold
  (``proposed_id`` not in it), the coarse place that contains it (``coarse_ok``) or left unresolved;
  organisation names left unresolved count as right;
* incidents **found**: gold reports matched by an extracted report (spans overlap) of the right
  type at the right place;
* incidents **fully right**: also the date range holding the coded one, the tolls, the claimant and,
  for territory changes, who took what from whom;
* control changes with the **winner inverted**;
* extracted reports that **repeat** another report of the same incident in the same article but
  sit in another event (ungrouped), out of the extracted reports that tell an incident told twice;
* extracted reports with **no incident** behind them (overlapping no gold report);
* extracted reports **grouped with other incidents only**: in an event with other reports that
  tell incidents, none of them one this report tells (over-grouping, the other side of repeats).

Usage::

    uv run python benchmarks/eval_realworld.py                 # Markdown, both halves and the seeds
    uv run python benchmarks/eval_realworld.py --json
    uv run python benchmarks/eval_realworld.py --details heldout
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from geo.extraction.extract import UNDATED_DAYS, extract_text, link_across_articles, place_mentions  # noqa: E402

REALWORLD_DIR = ROOT / "tests" / "data" / "realworld"
SPLITS = ("tune", "heldout")
COUNTS = ("deaths_low", "deaths_best", "deaths_high", "injured_low", "injured_high")


@dataclass(frozen=True)
class GoldArticle:
    """One hand-coded article of the set."""

    article_id: str
    text: str
    published: dt.date
    outlet: str
    mentions: tuple[dict, ...]
    incidents: tuple[dict, ...]


def load_split(split: str, folder: Path = REALWORLD_DIR) -> list[GoldArticle]:
    """The coded articles of one half, in file order (undated gold reports get the extractor's week)."""
    out = []
    for meta in sorted((folder / split).glob("*.json")):
        d = json.loads(meta.read_text(encoding="utf-8"))
        path = meta.parent / d["article"]
        text = gazetteer.read_article(path)
        pub = dt.date.fromisoformat(d["published"])
        aid = path.stem
        incidents = []
        for i, g in enumerate(d.get("incidents", []), 1):
            g = dict(g, article_id=aid, id=f"{aid}-{i:02d}")
            if g.get("date_start") is None:  # undated: the week up to publication, the extractor's convention
                g["date_start"] = (pub - dt.timedelta(days=UNDATED_DAYS)).isoformat()
                g["date_end"] = pub.isoformat()
            incidents.append(g)
        out.append(
            GoldArticle(
                aid, text, pub, d.get("outlet") or "unknown outlet", tuple(d.get("mentions", [])), tuple(incidents)
            )
        )
    return out


@dataclass
class Tally:
    """Counts of one measure: ``ok`` of ``n``, with the cases that failed for ``--details``."""

    ok: int = 0
    n: int = 0
    cases: list[str] = field(default_factory=list)

    def add(self, good: bool, case: str) -> None:
        self.n += 1
        if good:
            self.ok += 1
        else:
            self.cases.append(case)

    def share(self) -> float | None:
        return self.ok / self.n if self.n else None


def _within(gz: gazetteer.Gazetteer, inner: str, outer: str) -> bool:
    """Whether place ``outer`` is ``inner`` or contains it (by the gazetteer's parents)."""
    if inner == outer:
        return True
    try:
        return any(p.id == outer for p in gz.ancestors(inner))
    except KeyError:
        return False


def _known(gz: gazetteer.Gazetteer, place_id: str | None) -> bool:
    if place_id is None:
        return False
    try:
        gz.get(place_id)
    except KeyError:
        return False
    return True


def gold_place(gz: gazetteer.Gazetteer, g: dict) -> tuple[str | None, str | None]:
    """``(exact, coarse)``: the place id a gold mention or report must get, else the coarse one allowed.

    A proposed place that has since been added to the gazetteer is expected exactly.
    """
    if g.get("not_place"):
        return None, None
    for key in ("place_id", "proposed_id"):
        if _known(gz, g.get(key)):
            return g[key], None
    return None, g.get("coarse_ok")


def place_verdict(gz: gazetteer.Gazetteer, g: dict, got: str | None) -> str:
    """``right``, ``coarse`` (a containing place, for a known one), ``unresolved`` or ``wrong``."""
    exact, coarse = gold_place(gz, g)
    if g.get("not_place"):
        return "right" if got is None else "wrong"
    if exact is not None:
        if got == exact:
            return "right"
        if got is None:
            return "unresolved"
        return "coarse" if _within(gz, exact, got) else "wrong"
    # a place the gazetteer does not hold: coarse or unresolved is all one can ask
    if got is None or (coarse is not None and got == coarse):
        return "right"
    if coarse is not None and _within(gz, coarse, got):
        return "right"
    return "wrong"


def score_mentions(gz: gazetteer.Gazetteer, arts: Iterable[GoldArticle]) -> dict:
    """Place mentions: right, coarse, unresolved and wrong, as the extractor finds them (the gazetteer's
    mentions without those inside the name of an outlet, organisation or operation)."""
    counts = {"right": 0, "coarse": 0, "unresolved": 0, "wrong": 0}
    wrong: list[str] = []
    n = 0
    anaphora = 0
    for a in arts:
        found = place_mentions(a.text, gz)  # what the extractor reads as places (names of outlets dropped)
        for g in a.mentions:
            if g.get("role") == "anaphor":  # "the city", "the district": the extractor's to resolve, per report
                anaphora += 1
                continue
            n += 1
            hits = [m for m in found if m.start < g["end"] and g["start"] < m.end]
            placed = [m for m in hits if m.place is not None]
            got = placed[0].place.id if placed else None  # type: ignore[union-attr]
            v = place_verdict(gz, g, got)
            exact, _ = gold_place(gz, g)
            if v == "wrong" and exact and got and _within(gz, got, exact):
                # a longer name than the one coded ("eastern Raqqa" where "Raqqa" was coded): the finer
                # place it names is the better answer, not a wrong one
                longer = placed[0].start <= g["start"] and g["end"] <= placed[0].end and placed[0].text != g["text"]
                v = "right" if longer else v
            counts[v] += 1
            if v == "wrong":
                wrong.append(
                    f"{a.article_id}: {g['text']!r} -> {got} (coded {g.get('place_id') or g.get('proposed_id')})"
                )
    return {"mentions": n, "anaphora": anaphora, **counts, "wrong_cases": wrong}


def _same_control(g: dict, x: dict) -> bool:
    gc = g.get("control") or {}
    return (x.get("control_actor"), x.get("control_from")) == (gc.get("actor"), gc.get("from"))


def _inverted(g: dict, x: dict) -> bool:
    gc = g.get("control") or {}
    if g.get("event_type") != "territory_change" or not gc.get("actor"):
        return False
    return x.get("control_actor") is not None and x.get("control_actor") == gc.get("from")


def _date_holds(g: dict, x: dict) -> bool:
    xs, xe = x.get("date_start"), x.get("date_end")
    return xs is not None and xe is not None and xs <= g["date_start"] and g["date_end"] <= xe


def _norm(s: object) -> object:
    return s.casefold().strip() if isinstance(s, str) else s


def _overlap(a: dict, b: dict) -> int:
    return min(a["span_end"], b["span_end"]) - max(a["span_start"], b["span_start"])


MISS_NONE = "no extracted report in the sentence"
MISS_CAUSES = (
    MISS_NONE,
    "a report of another type (place right)",
    "another type and another place",
    "right type, no place, the place named in the sentence",
    "right type, no place, the place named only elsewhere",
    "right type, a containing place only",
    "right type, a wrong place named in the sentence",
    "right type, a wrong place from elsewhere in the article",
)


def _miss_cause(gz: gazetteer.Gazetteer, a: GoldArticle, g: dict, x: dict, *, type_ok: bool) -> str:
    """Why gold report ``g`` paired with extracted ``x`` is not found (a cause of ``MISS_CAUSES``)."""
    verdict = place_verdict(gz, g, x.get("place_id"))
    if not type_ok:
        return MISS_CAUSES[1] if verdict == "right" else MISS_CAUSES[2]
    if verdict == "unresolved":
        want = {g.get("place_id"), g.get("proposed_id")} - {None}
        named = any(
            g["span_start"] <= m["start"]
            and m["end"] <= g["span_end"]
            and m.get("role") != "anaphor"
            and {m.get("place_id"), m.get("proposed_id")} & want
            for m in a.mentions
        )
        return MISS_CAUSES[3] if named else MISS_CAUSES[4]
    if verdict == "coarse":
        return MISS_CAUSES[5]
    said = x.get("place_text") or ""
    return MISS_CAUSES[6] if said and said.casefold() in g["quote"].casefold() else MISS_CAUSES[7]


def _best_match(gz: gazetteer.Gazetteer, g: dict, cands: list[dict]) -> dict:
    """Of a sentence's extracted reports (one per place), the one at the coded place and of the coded type."""
    return max(
        cands,
        key=lambda c: (
            c.get("event_type") == g.get("event_type"),
            place_verdict(gz, g, c.get("place_id")) == "right",
            _overlap(g, c),
        ),
    )


def score_links(gz: gazetteer.Gazetteer, arts: Iterable[GoldArticle], extracted: dict[str, list[dict]]) -> dict:
    """Events across articles: the extracted reports of all articles joined by
    :func:`link_across_articles`, against the gold's incidents that several articles tell.

    * **told by several, joined**: for each incident (``event_key``) and each pair of articles that
      both tell it with a matched report, whether a report of one sits in an event with a report of
      the other;
    * **joined wrongly**: pairs of extracted reports of different articles in one event that tell no
      incident in common (each report tells the gold incidents its span overlaps).
    """
    arts = list(arts)
    linked = {x["id"]: x for x in link_across_articles([x for xs in extracted.values() for x in xs])}
    by_key: dict[str, dict[str, set[str]]] = {}  # gold incident -> article -> its events
    told: dict[str, set[str]] = {}  # extracted report -> the gold incidents it tells
    for a in arts:
        xs = extracted.get(a.article_id, [])
        for g in a.incidents:
            key = g.get("event_key") or g["id"]
            cands = [x for x in xs if _overlap(g, x) > 0]
            for x in cands:
                told.setdefault(x["id"], set()).add(key)
            if cands:
                x = _best_match(gz, g, cands)
                by_key.setdefault(key, {}).setdefault(a.article_id, set()).add(linked[x["id"]]["event_id"])
    joined = Tally()
    for key, per_article in sorted(by_key.items()):
        ids = sorted(per_article)
        for i, one in enumerate(ids):
            for other in ids[i + 1 :]:
                joined.add(bool(per_article[one] & per_article[other]), f"{key}: {one} and {other} apart")
    wrong = Tally()
    events: dict[str, list[dict]] = {}
    for x in linked.values():
        events.setdefault(x["event_id"], []).append(x)
    for members in events.values():
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if x["article_id"] != y["article_id"]:
                    ok = bool(told.get(x["id"], set()) & told.get(y["id"], set()))
                    wrong.add(
                        ok,
                        f"{x['id']} and {y['id']} joined, telling {sorted(told.get(x['id'], []))} "
                        f"and {sorted(told.get(y['id'], []))}",
                    )
    return {"joined": joined, "joined_wrongly": wrong}


def score_incidents(gz: gazetteer.Gazetteer, arts: Iterable[GoldArticle], extracted: dict[str, list[dict]]) -> dict:
    """Incident measures of issue 16 over gold reports and the extracted reports of the same articles."""
    found, full, inverted = Tally(), Tally(), Tally()
    fields = {f: Tally() for f in ("type", "place", "date", "toll", "claimant", "control")}
    repeats = Tally()
    behind = Tally()
    mixed = Tally()
    misses: Counter[str] = Counter()  # why a gold report was not found, by cause
    for a in arts:
        xs = extracted.get(a.article_id, [])
        matched: dict[str, dict] = {}  # gold id -> extracted report paired with it
        for g in a.incidents:
            cands = [x for x in xs if _overlap(g, x) > 0]
            if not cands:
                misses[MISS_NONE] += 1
                found.add(False, f"{g['id']} missed: {g['quote'][:90]}")
                full.add(False, f"{g['id']} missed")
                continue
            want, _coarse = gold_place(gz, g)
            x = _best_match(gz, g, cands)
            matched[g["id"]] = x
            ok = {
                "type": x.get("event_type") == g.get("event_type"),
                "place": place_verdict(gz, g, x.get("place_id")) == "right",
                "date": _date_holds(g, x),
                "toll": all(x.get(c) == g.get(c) for c in COUNTS),
                "claimant": _norm(x.get("claimed_by")) == _norm(g.get("claimed_by")),
                "control": g.get("event_type") != "territory_change" or _same_control(g, x),
            }
            for f, good in ok.items():
                fields[f].add(good, f"{g['id']}: {f}: coded {_show(g, f)}, got {_show(x, f)}")
            if not (ok["type"] and ok["place"]):
                misses[_miss_cause(gz, a, g, x, type_ok=ok["type"])] += 1
            found.add(
                ok["type"] and ok["place"],
                f"{g['id']} type/place: {g.get('event_type')}@{want or g.get('coarse_ok')}"
                f" got {x.get('event_type')}@{x.get('place_id')}",
            )
            full.add(all(ok.values()), f"{g['id']} not fully right: " + ", ".join(f for f, v in ok.items() if not v))
            if g.get("event_type") == "territory_change":
                inverted.add(
                    not _inverted(g, x),
                    f"{g['id']} inverted: coded {g.get('control')}, got "
                    f"{x.get('control_actor')} from {x.get('control_from')}",
                )
        # repeats: extracted reports paired with gold reports of one incident, in one event or not
        by_key: dict[str, list[dict]] = {}
        for g in a.incidents:
            if g["id"] in matched:
                by_key.setdefault(g.get("event_key") or g["id"], []).append(matched[g["id"]])
        for key, group in by_key.items():
            distinct = list({x["id"]: x for x in group}.values())
            if len(distinct) < 2:
                continue
            first = distinct[0].get("event_id")
            for x in distinct[1:]:
                repeats.add(x.get("event_id") == first, f"{a.article_id} {key}: {x['id']} not grouped")
        for x in xs:
            behind.add(any(_overlap(g, x) > 0 for g in a.incidents), f"{x['id']}: {x['quote'][:90]}")
        # over-grouping: a report whose event mates all tell other incidents than it does
        told = {x["id"]: {g.get("event_key") or g["id"] for g in a.incidents if _overlap(g, x) > 0} for x in xs}
        for x in xs:
            mates = [y for y in xs if y["id"] != x["id"] and y.get("event_id") == x.get("event_id") and told[y["id"]]]
            if told[x["id"]] and mates:
                mixed.add(
                    any(told[x["id"]] & told[y["id"]] for y in mates),
                    f"{x['id']} {sorted(told[x['id']])} grouped with {[y['id'] for y in mates]}",
                )
    return {
        "gold": found.n,
        "found": found,
        "fully_right": full,
        "inverted": inverted.n - inverted.ok,
        "territory_changes": inverted.n,
        "inverted_cases": inverted.cases,
        "fields": fields,
        "repeats_ungrouped": repeats.n - repeats.ok,
        "repeats": repeats.n,
        "repeat_cases": repeats.cases,
        "extracted": behind.n,
        "no_incident": behind.n - behind.ok,
        "no_incident_cases": behind.cases,
        "grouped": mixed.n,
        "mixed": mixed.n - mixed.ok,
        "mixed_cases": mixed.cases,
        "misses": {cause: misses[cause] for cause in MISS_CAUSES},
    }


def _show(r: dict, f: str) -> object:
    if f == "toll":
        return tuple(r.get(c) for c in COUNTS)
    if f == "control":
        c = r.get("control") or {}
        return (c.get("actor"), c.get("from")) if c else (r.get("control_actor"), r.get("control_from"))
    if f == "date":
        return (r.get("date_start"), r.get("date_end"))
    return r.get({"type": "event_type", "place": "place_id", "claimant": "claimed_by"}[f])


def evaluate(gz: gazetteer.Gazetteer, split: str, folder: Path = REALWORLD_DIR) -> dict | None:
    """Both score tables of one half; ``None`` when the half holds no article."""
    arts = load_split(split, folder)
    if not arts:
        return None
    extracted = {
        a.article_id: extract_text(a.text, article_id=a.article_id, published=a.published, outlet=a.outlet, gz=gz)
        for a in arts
    }
    return {
        "articles": len(arts),
        "places": score_mentions(gz, arts),
        "incidents": score_incidents(gz, arts, extracted),
        "links": score_links(gz, arts, extracted),
    }


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.0f}% ({ok}/{n})" if n else "n/a"


def markdown(results: dict[str, dict | None]) -> str:
    names = [k for k, v in results.items() if v is not None]
    rows = [
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]

    def row(label: str, cell) -> None:
        rows.append(f"| {label} | " + " | ".join(cell(results[k]) for k in names) + " |")

    row("articles", lambda r: str(r["articles"]))
    row(
        "place mentions coded (anaphora apart)",
        lambda r: f"{r['places']['mentions']} (+{r['places']['anaphora']})",
    )
    row("placed wrong (organisation names included)", lambda r: str(r["places"]["wrong"]))
    row(
        "resolved right (or coarse/unresolved where the gazetteer lacks the place)",
        lambda r: _pct(r["places"]["right"], r["places"]["mentions"]),
    )
    row("known place left coarse / unresolved", lambda r: f"{r['places']['coarse']} / {r['places']['unresolved']}")
    row("gold reports", lambda r: str(r["incidents"]["gold"]))
    row(
        "incidents found (right type at the right place)",
        lambda r: _pct(r["incidents"]["found"].ok, r["incidents"]["found"].n),
    )
    for cause in MISS_CAUSES:
        row(f"&nbsp;&nbsp;not found: {cause}", lambda r, c=cause: str(r["incidents"]["misses"][c]))
    row("incidents fully right", lambda r: _pct(r["incidents"]["fully_right"].ok, r["incidents"]["fully_right"].n))
    for f in ("type", "place", "date", "toll", "claimant", "control"):
        row(
            f"&nbsp;&nbsp;field: {f}",
            lambda r, f=f: _pct(r["incidents"]["fields"][f].ok, r["incidents"]["fields"][f].n),
        )
    row(
        "control changes with the winner inverted",
        lambda r: f"{r['incidents']['inverted']} of {r['incidents']['territory_changes']}",
    )
    row(
        "repeats of one incident left ungrouped",
        lambda r: _pct(r["incidents"]["repeats_ungrouped"], r["incidents"]["repeats"]),
    )
    row(
        "grouped reports in an event of other incidents only",
        lambda r: _pct(r["incidents"]["mixed"], r["incidents"]["grouped"]),
    )
    row(
        "incidents told by several articles: pairs of tellings joined in one event",
        lambda r: _pct(r["links"]["joined"].ok, r["links"]["joined"].n),
    )
    row(
        "pairs of reports of two articles joined in one event, telling no incident in common",
        lambda r: _pct(
            r["links"]["joined_wrongly"].n - r["links"]["joined_wrongly"].ok, r["links"]["joined_wrongly"].n
        ),
    )
    row(
        "extracted reports with no incident behind them",
        lambda r: _pct(r["incidents"]["no_incident"], r["incidents"]["extracted"]),
    )
    return "\n".join(rows) + "\n"


def _jsonable(o):
    if isinstance(o, Tally):
        return {"ok": o.ok, "n": o.n, "failed": o.cases}
    raise TypeError(type(o))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    ap.add_argument("--details", choices=SPLITS, help="list every failed case of one half")
    ap.add_argument("--folder", type=Path, default=REALWORLD_DIR, help="the set's folder")
    args = ap.parse_args(argv)
    gz = gazetteer.load()
    results = {s: evaluate(gz, s, args.folder) for s in SPLITS}
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False, default=_jsonable))
        return 0
    print(markdown(results), end="")
    r = results.get(args.details) if args.details else None
    if r is not None:
        print(f"\n## {args.details}: places placed wrong")
        for c in r["places"]["wrong_cases"]:
            print(f"- {c}")
        inc = r["incidents"]
        for title, cases in (
            ("missed or wrong type/place", inc["found"].cases),
            ("not fully right", inc["fully_right"].cases),
            ("inverted", inc["inverted_cases"]),
            ("repeats ungrouped", inc["repeat_cases"]),
            ("grouped with other incidents only", inc["mixed_cases"]),
            ("no incident behind", inc["no_incident_cases"]),
            ("told by several articles, kept apart", r["links"]["joined"].cases),
            ("joined across articles, no incident in common", r["links"]["joined_wrongly"].cases),
        ):
            print(f"\n## {args.details}: {title}")
            for c in cases:
                print(f"- {c}")
        for f, t in inc["fields"].items():
            print(f"\n## {args.details}: field {f}")
            for c in t.cases:
                print(f"- {c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
