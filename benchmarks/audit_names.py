"""Audit every spelling of the gazetteer against the classes of false matches (issue 16, G2).

Run: ``uv run --frozen python benchmarks/audit_names.py [--words /usr/share/dict/words]``

Each class lists the place spellings (as the matcher stores them, leading article
dropped) that a reader could take for something else, and what the gazetteer does
with them now, so that a new alias is audited by rerunning this script:

1. given names of the region (``gazetteer/data/personal_names.json``): must need a
   place context (flagged ``personal`` in the matcher);
2. ordinary English words (a word list, ``/usr/share/dict/words`` when present:
   Debian's ``wamerican``): a single word must be written with a capital
   (``gazetteer/data/english_words.json``); a phrase that many cities have ("National
   Hospital") needs its city named (``gazetteer/data/generic_names.json``) or a
   declared ambiguity;
3. organisation, outlet, operation and actor names (``geo/extraction/rules``) holding
   a place name, that no not-places list covers;
4. spellings shared by several places: declared ambiguous, or reported;
5. a settlement's name before a head that changes its referent ("countryside",
   "airport", "road"...): never the settlement itself.

Exit status 1 on an unhandled finding: a single English word not in
``gazetteer/data/english_words.json``, a name of class 3 not listed, an undeclared
shared spelling, a head word that leaves the settlement. Class 1 is handled by the
data file; the multiword English names of class 2 are listed for a reader.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from gazetteer import load
from gazetteer.normalize import ARTICLES, surface_variants
from gazetteer.notplaces import load_not_places
from gazetteer.personal import english_spellings, generic_spellings, is_personal_key
from geo.extraction import rules

_HEADS = ("countryside", "province", "airport", "prison", "road", "river", "oil field", "crossing", "dam", "airbase")


def spellings(gz) -> dict[str, set[str]]:
    """Every folded spelling the matcher stores, with the ids of the places it may be."""
    table: dict[str, set[str]] = defaultdict(set)
    for p in gz:
        for n in p.names:
            for v in surface_variants(n):
                if v and v not in ARTICLES:
                    table[v].add(p.id)
    return table


def bare(key: str) -> str:
    """The spelling without its leading article."""
    first, _, rest = key.partition(" ")
    return rest if first in ARTICLES and rest else key


def english_words(path: Path | None) -> set[str]:
    """Lower-case entries of a word list (proper nouns, capitalised there, are left out)."""
    if path is None or not path.exists():
        return set()
    return {w.strip() for w in path.read_text(encoding="utf-8", errors="replace").splitlines() if w.strip().islower()}


def given_names(gz, table: dict[str, set[str]]) -> int:
    """Class 1: spellings made of given names (kept only with a place context by the matcher)."""
    print("## 1. spellings that are given names (kept only with a place context)")
    personal = sorted(k for k in table if is_personal_key(k))
    for k in personal:
        print(f"  {k!r:28} {', '.join(sorted(table[k]))}")
    print(f"  {len(personal)} spellings")
    return 0


def english(gz, table: dict[str, set[str]], path: Path) -> int:
    """Class 2: spellings that are English words; a single word must be in ``english_words.json``."""
    words = english_words(path)
    print(f"\n## 2. spellings that are English words ({len(words)} words from {path})")
    if not words:
        # an audit that skipped a class must not pass as complete (`./run tests` installs the list)
        print(f"  no word list at {path}: class 2 not audited (Debian: apt install wamerican; or --words FILE)")
        return 1
    capital, generic = english_spellings(), generic_spellings()
    failures = listed = 0
    for k in sorted(table):
        b = bare(k)
        if not all(w in words for w in b.split()):
            continue
        places = [gz.get(i) for i in sorted(table[k])]
        if len(places) > 1:
            state = "ambiguous"
        elif b == "us":
            state = "matched as written: US"  # short capitals are case-sensitive in the matcher
        elif " " not in b:
            state = "capitalised only" if b in capital else "UNHANDLED single word"
            failures += state.startswith("UNHANDLED")
        elif places[0].ambiguous:
            state = "declared ambiguous"
        else:
            state = "needs its city named" if b in generic else "one place"
        print(f"  {k!r:28} {', '.join(p.id for p in places)} ({state})")
        listed += 1
    print(f"  {listed} spellings")
    return failures


def organisations(gz) -> int:
    """Class 3: organisation, outlet and actor names that hold a place name, listed nowhere as no place."""
    print("\n## 3. organisation, outlet, operation and actor names holding a place name, not listed as no place")
    covered = [n.casefold() for e in load_not_places() for n in e.names]
    rule_res = [re.compile(e.pattern, re.IGNORECASE) for e in rules.not_places()]
    names = [("actor", a.name) for a in rules.actors()]
    names += [("claimant", c.name) for c in rules.claimants()]
    names += [("outlet", w) for w in rules.outlets().speakers.words]
    failures = 0
    for kind, name in names:
        placed = [(m.text, m.place) for m in gz.mentions(name, unresolved=False) if m.place is not None]
        if not placed or name.casefold() in covered or any(r.search(name) for r in rule_res):
            continue
        if all(p.kind == "country" for _t, p in placed):
            continue  # a state's own name ("Russia", "Syrian government"): an actor by the actor rules
        failures += 1
        print(f"  {kind:9} {name!r}: {', '.join(f'{t}->{p.id}' for t, p in placed)}")
    return failures


def shared(gz, table: dict[str, set[str]]) -> int:
    """Class 4: spellings of several places, each declared ambiguous (or one inside the other)."""
    print("\n## 4. spellings shared by several places")
    failures = 0
    for k in sorted(table):
        ids = table[k]
        if len(ids) < 2:
            continue
        declared = all(gz.get(i).ambiguous for i in ids)
        nested = any(a.id in ids for i in ids for a in gz.ancestors(i))  # "raqqa" city in "raqqa governorate"
        mark = "declared" if declared else ("nested" if nested else "UNDECLARED")
        failures += mark == "UNDECLARED"
        print(f"  {k!r:28} {', '.join(sorted(ids))} ({mark})")
    return failures


def heads(gz) -> int:
    """Class 5: a settlement's name before a head word never resolves to the settlement itself."""
    print("\n## 5. a settlement's name before a head word")
    failures = 0
    for p in gz:
        if p.kind not in ("city", "town", "village") or p.name.endswith("."):
            continue  # "Washington, D.C.": the full stop ends the name
        for head in _HEADS:
            text = f"Fighting near the {p.name} {head} on Tuesday."
            if any(m.place is not None and m.place.id == p.id for m in gz.mentions(text, unresolved=False)):
                failures += 1
                print(f"  {text!r}: resolved to the {p.kind} itself")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--words", type=Path, default=Path("/usr/share/dict/words"), help="an English word list")
    args = ap.parse_args(argv)
    gz = load()
    table = spellings(gz)
    given_names(gz, table)
    failures = english(gz, table, args.words) + organisations(gz) + shared(gz, table) + heads(gz)
    print(f"\n{failures} unhandled findings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
