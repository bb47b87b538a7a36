"""Rules that are data: the names and words the extraction rules look for.

Claimants, actors, munitions, outlets, reporting verbs and casualty words live in the TOML
files beside this module, each entry with its source (``README.md`` here
lists the files and their schemas). This module reads each file once,
checks it whole and returns immutable typed values; the rule modules
(``classify``, ``dates``, ``text``, ``numbers``) build their patterns and
word sets from them.

A broken file raises one :class:`RuleDataError` listing every problem, each
naming the file, the entry, the field, what was expected and what was found.

May import ``geo.exc``; nothing else from ``geo``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from geo.exc import GeoError

__all__ = [
    "RULES_DIR",
    "RuleDataError",
    "Aliases",
    "Claimant",
    "Munition",
    "EventForm",
    "Words",
    "Outlets",
    "Verbs",
    "CasualtyWords",
    "Discourse",
    "Prepositions",
    "NotAPlace",
    "Landmark",
    "CLAIMANT_KINDS",
    "NOT_A_PLACE_KINDS",
    "claimants",
    "actors",
    "munitions",
    "event_forms",
    "event_pattern",
    "EVENT_FORM_CLASSES",
    "outlets",
    "verbs",
    "casualty_words",
    "discourse",
    "prepositions",
    "not_places",
    "landmarks",
    "read_places",
    "read_claimants",
    "read_actors",
    "read_munitions",
    "read_event_forms",
    "read_outlets",
    "read_verbs",
    "read_casualty_words",
    "read_discourse",
    "read_prepositions",
]

#: the folder of the shipped rule files
RULES_DIR = Path(__file__).parent

#: what a claimant is; ``generic`` speakers give way to a named one
CLAIMANT_KINDS = ("party", "monitor", "rights", "aid", "un", "opposition", "media", "people", "generic")

#: what a name that is not a place names
NOT_A_PLACE_KINDS = ("outlet", "organisation", "operation")

_CASES = ("any", "exact")
_PLACE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE = re.compile(r"[a-z]+(?:_[a-z]+)*")
_VERB = re.compile(r"[a-z]+")
_SPEAKER = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
# photo agencies are joined into a pattern unescaped: only characters that
# are literal in a regex outside a character class
_AGENCY = re.compile(r"[A-Za-z][A-Za-z /-]*")
_TOKEN = re.compile(r"[^\sA-Z]+")
_PHRASE = re.compile(r"[a-z]+(?: [a-z]+)*")


class RuleDataError(GeoError, ValueError):
    """A rule file is broken. Lists every problem (file, entry, field, expected, found).

    Parameters
    ----------
    path : str
        The file read.
    problems : list of str
        One line per problem.
    """

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s) in the rule data:\n{body}")


@dataclass(frozen=True, kw_only=True)
class Aliases:
    """A named thing and the patterns that find it in text.

    Attributes
    ----------
    name : str
        Canonical name.
    case : str
        ``"any"`` (matched in any case) or ``"exact"`` (as written).
    aliases : tuple of str
        Regular expressions, in order.
    source : str
        Where the entry comes from.
    """

    name: str
    case: str
    aliases: tuple[str, ...]
    source: str

    @property
    def pattern(self) -> str:
        """The aliases as one alternation."""
        return "|".join(self.aliases)


@dataclass(frozen=True, kw_only=True)
class Claimant(Aliases):
    """Who asserts a claim: ``kind`` (one of :data:`CLAIMANT_KINDS`) and, for a party, its ``actor`` name."""

    kind: str
    actor: str | None


@dataclass(frozen=True, kw_only=True)
class Munition(Aliases):
    """A munition code; ``need``: lowercase words one of which every match contains."""

    need: tuple[str, ...]


#: the event classes an ``events.toml`` form adds words to (``classify``'s patterns of the same name)
EVENT_FORM_CLASSES = ("air_strike", "shelling", "armed_clash", "territory", "displacement", "other")


@dataclass(frozen=True, kw_only=True)
class EventForm(Aliases):
    """Word forms of one event class from the field's codebooks and wire usage (``events.toml``)."""

    event: str


@dataclass(frozen=True, kw_only=True)
class NotAPlace(Aliases):
    """A name that holds a place name but is an outlet, organisation or operation (``places.toml``)."""

    kind: str


@dataclass(frozen=True, kw_only=True)
class Landmark(Aliases):
    """A generic description of one gazetteer place, valid with its city in context (``places.toml``)."""

    place: str
    context: str


@dataclass(frozen=True, kw_only=True)
class Words:
    """A list of words or names, with its source."""

    words: tuple[str, ...]
    source: str

    @property
    def alternation(self) -> str:
        """The words joined with ``|``, as written (they hold no regex syntax)."""
        return "|".join(self.words)


@dataclass(frozen=True, kw_only=True)
class Outlets:
    """Outlets that relay a quote (``speakers``) and agencies named in photo credits."""

    speakers: Words
    photo_agencies: Words


@dataclass(frozen=True, kw_only=True)
class Verbs:
    """Reporting verbs: after a claimant, before one after a quote, and around a statement's date."""

    speech: Words
    speech_inverted: Words
    statement_before: Words
    statement_after: Words


@dataclass(frozen=True, kw_only=True)
class CasualtyWords:
    """What makes a count a toll: people, things, and the words of death, injury and being affected."""

    person_nouns: Words
    unit_nouns: Words
    death_words: Words
    injury_words: Words
    affected_words: Words


@dataclass(frozen=True, kw_only=True)
class Discourse:
    """The words of the discourse cues (``discourse.toml``): a shift of the story's time, a new
    referent, a tally over a period, a share of a whole, a forecast, a definite reference back."""

    time_shift: Words
    time_measures: Words
    next_day: Words
    new_referent: Words
    telling_nouns: Words
    since_anchors: Words
    period_units: Words
    share_words: Words
    forecast: Words
    definite: Words
    event_nouns: Words
    place_anaphors: Words
    generic_openers: Words
    generic_subjects: Words
    campaign_nouns: Words
    launch_verbs: Words
    standing: Words


#: the tables of ``discourse.toml``, in file order
DISCOURSE_TABLES = (
    "time_shift",
    "time_measures",
    "next_day",
    "new_referent",
    "telling_nouns",
    "since_anchors",
    "period_units",
    "share_words",
    "forecast",
    "definite",
    "event_nouns",
    "place_anaphors",
    "generic_openers",
    "generic_subjects",
    "campaign_nouns",
    "launch_verbs",
    "standing",
)


@dataclass(frozen=True, kw_only=True)
class Prepositions:
    """The words that give a place name its role in a sentence (``prepositions.toml``): where the
    event is, a reference point, a goal, a source (unless after a verb of removal), an appositive
    kind noun, a campaign noun the name premodifies."""

    location: Words
    reference: Words
    compass: Words
    distance: Words
    goal: Words
    source: Words
    removal: Words
    departure: Words
    appositive: Words
    speaking: Words
    theatre: Words


#: the tables of ``prepositions.toml``, in file order
PREPOSITION_TABLES = (
    "location",
    "reference",
    "compass",
    "distance",
    "goal",
    "source",
    "removal",
    "departure",
    "appositive",
    "speaking",
    "theatre",
)


# ---------------------------------------------------------------------------
# checking


class _Problems:
    """Problems of one file, collected to be raised together."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.lines: list[str] = []

    def add(self, where: str, field: str, expected: str, found: object) -> None:
        self.lines.append(f"{where}: field {field!r}: expected {expected}, found {found!r}")

    def raise_any(self) -> None:
        if self.lines:
            raise RuleDataError(self.path, self.lines)


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise RuleDataError(str(path), [f"expected TOML, found a syntax error: {exc}"]) from None


def _text(p: _Problems, where: str, entry: dict[str, Any], field: str) -> str:
    v = entry.get(field)
    if not isinstance(v, str) or not v.strip():
        p.add(where, field, "a non-empty string", v)
        return ""
    return v


def _strings(
    p: _Problems,
    where: str,
    entry: dict[str, Any],
    field: str,
    *,
    shape: re.Pattern[str] | None = None,
    shape_name: str = "",
) -> tuple[str, ...]:
    """A non-empty list of distinct non-empty strings (each of ``shape`` when given)."""
    v = entry.get(field)
    if not isinstance(v, list) or not v:
        p.add(where, field, "a non-empty list of strings", v)
        return ()
    out: list[str] = []
    for i, s in enumerate(v):
        if not isinstance(s, str) or not s:
            p.add(where, f"{field}[{i}]", "a non-empty string", s)
        elif shape is not None and not shape.fullmatch(s):
            p.add(where, f"{field}[{i}]", shape_name, s)
        elif s in out:
            p.add(where, f"{field}[{i}]", "no repeated entry", s)
        else:
            out.append(s)
    return tuple(out)


def _only(p: _Problems, where: str, entry: dict[str, Any], fields: Collection[str]) -> None:
    for k in entry:
        if k not in fields:
            p.add(where, k, f"only the fields {', '.join(fields)}", k)


def _entries(
    p: _Problems, doc: dict[str, Any], section: str, fields: Collection[str]
) -> list[tuple[str, dict[str, Any], Aliases]]:
    """Each ``[[section]]`` entry -> (its label for messages, its table, its common fields)."""
    raw = doc.get(section)
    if not isinstance(raw, list) or not raw or not all(isinstance(e, dict) for e in raw):
        p.add(f"[[{section}]]", section, "a non-empty array of tables", raw)
        return []
    out = []
    owner: dict[str, str] = {}  # alias -> the entry that has it
    seen: set[str] = set()
    for n, e in enumerate(raw, 1):
        label = e.get("name")
        where = f"{section} #{n}" + (f" {label!r}" if isinstance(label, str) else "")
        _only(p, where, e, fields)
        name = _text(p, where, e, "name")
        if name and name in seen:
            p.add(where, "name", "a name no other entry has", name)
        seen.add(name)
        case = e.get("case") if "case" in fields else "any"  # munitions: always any case
        if case not in _CASES:
            p.add(where, "case", " or ".join(map(repr, _CASES)), case)
        aliases = _strings(p, where, e, "aliases")
        for i, a in enumerate(aliases):
            try:
                re.compile(a, re.I if case == "any" else 0)
            except re.error as exc:
                p.add(where, f"aliases[{i}]", f"a regular expression ({exc})", a)
            if a in owner:
                p.add(where, f"aliases[{i}]", f"an alias no other entry has (also in {owner[a]})", a)
            owner.setdefault(a, where)
        item = Aliases(name=name, case=case, aliases=aliases, source=_text(p, where, e, "source"))
        out.append((where, e, item))
    return out


# ---------------------------------------------------------------------------
# readers


def read_actors(path: Path) -> tuple[Aliases, ...]:
    """The ``[[actor]]`` entries of ``path``, checked; raises :class:`RuleDataError`."""
    p = _Problems(path)
    got = _entries(p, _read(path), "actor", ("name", "case", "aliases", "source"))
    p.raise_any()
    return tuple(a for _, _, a in got)


def read_claimants(path: Path, *, actor_names: Collection[str] | None = None) -> tuple[Claimant, ...]:
    """The ``[[claimant]]`` entries of ``path``, checked; a party's ``actor``
    must be one of ``actor_names`` (default: the shipped actors)."""
    if actor_names is None:
        actor_names = [a.name for a in actors()]
    p = _Problems(path)
    out = []
    for where, e, a in _entries(p, _read(path), "claimant", ("name", "kind", "actor", "case", "aliases", "source")):
        kind = e.get("kind")
        if kind not in CLAIMANT_KINDS:
            p.add(where, "kind", "one of " + ", ".join(CLAIMANT_KINDS), kind)
        actor = e.get("actor")
        if kind == "party" and actor not in actor_names:
            p.add(where, "actor", "for a party, an actor name (" + ", ".join(actor_names) + ")", actor)
        elif kind != "party" and actor is not None:
            p.add(where, "actor", "no actor for a claimant that is not a party", actor)
        out.append(Claimant(name=a.name, case=a.case, aliases=a.aliases, source=a.source, kind=str(kind), actor=actor))
    p.raise_any()
    return tuple(out)


def read_munitions(path: Path) -> tuple[Munition, ...]:
    """The ``[[munition]]`` entries of ``path``, checked; names are munition codes (``white_phosphorus``)."""
    p = _Problems(path)
    out = []
    for where, e, a in _entries(p, _read(path), "munition", ("name", "need", "aliases", "source")):
        if a.name and not _CODE.fullmatch(a.name):
            p.add(where, "name", "a munition code (lowercase letters and '_')", a.name)
        need = _strings(p, where, e, "need", shape=re.compile(r"[^A-Z]+"), shape_name="a lowercase word")
        out.append(Munition(name=a.name, case=a.case, aliases=a.aliases, source=a.source, need=need))
    p.raise_any()
    return tuple(out)


def read_event_forms(path: Path) -> tuple[EventForm, ...]:
    """The ``[[form]]`` entries of ``path``, checked: each adds aliases to one event class."""
    p = _Problems(path)
    out = []
    for where, e, a in _entries(p, _read(path), "form", ("name", "event", "aliases", "source")):
        event = e.get("event")
        if event not in EVENT_FORM_CLASSES:
            p.add(where, "event", "one of " + ", ".join(EVENT_FORM_CLASSES), event)
        out.append(EventForm(name=a.name, case=a.case, aliases=a.aliases, source=a.source, event=str(event)))
    p.raise_any()
    return tuple(out)


def read_places(path: Path) -> tuple[tuple[NotAPlace, ...], tuple[Landmark, ...]]:
    """The ``[[not_a_place]]`` and ``[[landmark]]`` entries of ``path``, checked (the place ids
    are checked against the shipped gazetteer by the tests: this module imports nothing of it)."""
    p = _Problems(path)
    doc = _read(path)
    nots = []
    for where, e, a in _entries(p, doc, "not_a_place", ("name", "kind", "case", "aliases", "source")):
        kind = e.get("kind")
        if kind not in NOT_A_PLACE_KINDS:
            p.add(where, "kind", "one of " + ", ".join(NOT_A_PLACE_KINDS), kind)
        nots.append(NotAPlace(name=a.name, case=a.case, aliases=a.aliases, source=a.source, kind=str(kind)))
    marks = []
    for where, e, a in _entries(p, doc, "landmark", ("name", "place", "context", "aliases", "source")):
        ids = {}
        for f in ("place", "context"):
            v = e.get(f)
            if not isinstance(v, str) or not _PLACE_ID.fullmatch(v):
                p.add(where, f, "a gazetteer id (lowercase letters, digits and '-')", v)
            ids[f] = str(v)
        marks.append(Landmark(name=a.name, case="any", aliases=a.aliases, source=a.source, **ids))
    p.raise_any()
    return tuple(nots), tuple(marks)


def _words(
    p: _Problems, doc: dict[str, Any], section: str, field: str, shape: re.Pattern[str], shape_name: str
) -> Words:
    table = doc.get(section)
    if not isinstance(table, dict):
        p.add(f"[{section}]", section, "a table", table)
        return Words(words=(), source="")
    _only(p, f"[{section}]", table, (field, "source"))
    return Words(
        words=_strings(p, f"[{section}]", table, field, shape=shape, shape_name=shape_name),
        source=_text(p, f"[{section}]", table, "source"),
    )


def _word_tables(path: Path, sections: Iterable[str], shape: re.Pattern[str], shape_name: str) -> dict[str, Words]:
    """The ``words`` lists of ``sections`` of ``path``, each word of ``shape``; every problem in one error."""
    p = _Problems(path)
    doc = _read(path)
    lists = {s: _words(p, doc, s, "words", shape, shape_name) for s in sections}
    p.raise_any()
    return lists


def read_outlets(path: Path) -> Outlets:
    """The ``[speakers]`` and ``[photo_agencies]`` tables of ``path``, checked."""
    p = _Problems(path)
    doc = _read(path)
    out = Outlets(
        speakers=_words(p, doc, "speakers", "names", _SPEAKER, "letters and single spaces"),
        photo_agencies=_words(p, doc, "photo_agencies", "names", _AGENCY, "letters, spaces, '-' and '/'"),
    )
    p.raise_any()
    return out


def read_verbs(path: Path) -> Verbs:
    """The four verb tables of ``path``, checked: lowercase words."""
    sections = ("speech", "speech_inverted", "statement_before", "statement_after")
    return Verbs(**_word_tables(path, sections, _VERB, "a lowercase word"))


def read_casualty_words(path: Path) -> CasualtyWords:
    """The five word tables of ``path``, checked: lowercase words without spaces."""
    sections = ("person_nouns", "unit_nouns", "death_words", "injury_words", "affected_words")
    return CasualtyWords(**_word_tables(path, sections, _TOKEN, "a lowercase word without spaces"))


def read_discourse(path: Path) -> Discourse:
    """The discourse tables of ``path``, checked: lowercase words or phrases of single spaces."""
    return Discourse(**_word_tables(path, DISCOURSE_TABLES, _PHRASE, "lowercase words and single spaces"))


def read_prepositions(path: Path) -> Prepositions:
    """The preposition tables of ``path``, checked: lowercase words or phrases of single spaces."""
    return Prepositions(**_word_tables(path, PREPOSITION_TABLES, _PHRASE, "lowercase words and single spaces"))


# ---------------------------------------------------------------------------
# the shipped files, read once


@cache
def actors() -> tuple[Aliases, ...]:
    """``actors.toml``: who acts, in matching order."""
    return read_actors(RULES_DIR / "actors.toml")


@cache
def claimants() -> tuple[Claimant, ...]:
    """``claimants.toml``: who asserts a claim, in matching order."""
    return read_claimants(RULES_DIR / "claimants.toml")


@cache
def munitions() -> tuple[Munition, ...]:
    """``munitions.toml``: munitions, most specific first."""
    return read_munitions(RULES_DIR / "munitions.toml")


@cache
def event_forms() -> tuple[EventForm, ...]:
    """``events.toml``: event word forms taken from the codebooks and wire usage."""
    return read_event_forms(RULES_DIR / "events.toml")


def event_pattern(event: str) -> str:
    """The ``events.toml`` aliases of one event class as one alternation (``""`` for none)."""
    return "|".join(f"(?:{a})" for f in event_forms() if f.event == event for a in f.aliases)


@cache
def outlets() -> Outlets:
    """``outlets.toml``: outlets relaying quotes, agencies in photo credits."""
    return read_outlets(RULES_DIR / "outlets.toml")


@cache
def verbs() -> Verbs:
    """``verbs.toml``: reporting verbs."""
    return read_verbs(RULES_DIR / "verbs.toml")


@cache
def casualty_words() -> CasualtyWords:
    """``casualties.toml``: the words that make a count a toll."""
    return read_casualty_words(RULES_DIR / "casualties.toml")


@cache
def _places() -> tuple[tuple[NotAPlace, ...], tuple[Landmark, ...]]:
    return read_places(RULES_DIR / "places.toml")


def not_places() -> tuple[NotAPlace, ...]:
    """``places.toml``: names that hold a place name but are not places."""
    return _places()[0]


def landmarks() -> tuple[Landmark, ...]:
    """``places.toml``: generic descriptions of gazetteer places, with the city they need."""
    return _places()[1]


@cache
def prepositions() -> Prepositions:
    """``prepositions.toml``: the words that give a place name its role in a sentence."""
    return read_prepositions(RULES_DIR / "prepositions.toml")


@cache
def discourse() -> Discourse:
    """``discourse.toml``: the words of the discourse cues."""
    return read_discourse(RULES_DIR / "discourse.toml")
