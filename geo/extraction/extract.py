"""Candidate incident reports from a new article.

Rule-based: split the story into sentences (captions, headline and page
furniture left out), keep the sentences that report an incident (an event
word, a casualty figure or a territory change), and code each one with the
building blocks -- :mod:`geo.extraction.classify` (event type, munition, status,
claimant, actor, target, control), :mod:`geo.extraction.numbers` (deaths and injured),
:mod:`geo.extraction.dates` (the date against the publication date or range) and the
gazetteer (the place). Each candidate is a :class:`~geo.records.report.Report`
with ``origin="extracted"``, placed and sourced as a curated report is
(:func:`geo.records.incidents.placed`, :func:`~geo.records.incidents.sourced`);
it is never ``reviewed``.

Rules that protect the map:

* a quote is always the sentence verbatim: ``text[span_start:span_end] == quote``;
* a place that cannot be resolved (unknown or ambiguous name, or none) gives
  ``lat``/``lon`` ``None`` and a ``null`` geometry -- never a guessed point;
  the name as written stays in ``place_text``/``place_name``;
* a date is never more precise than the publication date; a sentence with
  no date words is dated to the week up to publication, and one dated only
  by its statement ("said on Tuesday") to the week up to that day (upper
  bounds, precision ``week``); the notes say so;
* photo captions are not incidents of their story, and sentences whose only
  dates lie long before publication (background: Fallujah 2004) are dropped.

Pure apart from :func:`extract_files` / :func:`iter_extract`, which read files.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

import gazetteer
from gazetteer import Gazetteer, Mention
from gazetteer.notplaces import load_not_places
from geo.extraction import dates as _dates
from geo.extraction import discourse, rules
from geo.extraction.classify import (
    INCIDENT_PATTERNS,
    Classification,
    Control,
    classify,
    control_extents_at,
    event_type,
    explanatory,
    second_event,
)
from geo.extraction.language import require_english
from geo.extraction.matching import AnyOf, CasePattern, IPattern
from geo.extraction.matching import IPattern as _IRx
from geo.extraction.numbers import Casualties, casualties
from geo.extraction.text import Span, captions, is_boilerplate, lines, sentences
from geo.records.articles import Article
from geo.records.events import link_events
from geo.records.incidents import placed, sourced
from geo.records.report import Report

__all__ = [
    "extract_text",
    "extract_article",
    "extract_files",
    "iter_extract",
    "place_mentions",
    "link_across_articles",
    "BACKGROUND_DAYS",
    "UNDATED_DAYS",
    "GROUP_REACH",
]

UNDATED_DAYS = _dates.UNDATED_DAYS

#: A sentence whose every date ends more than this many days before the
#: publication is background (history, other wars), not a report.
BACKGROUND_DAYS = 120

# casualties() can only find a death or injury figure where a number and a
# casualty word both occur; most sentences have neither
_NUMBERISH = _IRx(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|dozens?|scores?|tens|several|few|an?\s+(?:dozen|hundred|thousand|score))\b",
)
_HARMISH = _IRx(r"kill|dead|die|death|perish|slain|massacr|execut|fatalit|toll|lives|injur|wound|hurt")


def cue_words(patterns: Iterable[IPattern | CasePattern]) -> tuple[str, ...]:
    """The need words of ``patterns``: a sentence holding none of them matches none of them.

    Raises
    ------
    ValueError
        When a pattern has no need words (it may match anything, so no word list can stand
        for it): the pre-filter would hide its matches.
    """
    words: dict[str, None] = {}
    for p in patterns:
        if not p.need:
            raise ValueError(f"the pattern {p.pattern!r} has no need words: no sentence pre-filter can stand for it")
        words.update(dict.fromkeys(p.need))
    return tuple(sorted(words))


#: Every pattern that can make a sentence an incident: classify's (``INCIDENT_PATTERNS``) and
#: the casualty words without which ``numbers.casualties`` is not asked.
CUE_PATTERNS: tuple[IPattern | CasePattern, ...] = (*INCIDENT_PATTERNS, _HARMISH)
# Sentence pre-filter, derived (never written by hand): a sentence holding none of the need
# words of CUE_PATTERNS cannot be coded as an incident, and the slow coders skip it.
_CUES = AnyOf(cue_words(CUE_PATTERNS))
# "in 2004", "since 2014": bare years, for the background rule
_YEAR = re.compile(r"(?<![\d,.\-/])(?:19|20)\d{2}(?!\d|,\d)")
_HEADLINE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]]*$")
_NEAR = _IRx(
    r"\b(?:near|outside|around|close\s+to|outskirts\s+of|edge\s+of|edges\s+of|(?:north|south|east|west)(?:-?(?:east|west))?\s+of|"
    r"(?:kilometers?|kilometres?|km|miles?)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?(?:\w+\s+)?$",
)
# smaller is more specific; kinds not listed sit with towns
_TIER = {
    "street": 0,
    "square": 0,
    "landmark": 0,
    "military_site": 0,
    "dam": 0,
    "border_crossing": 0,
    "district": 1,
    "suburb": 1,
    "village": 2,
    "town": 2,
    "zone": 2,
    "city": 3,
    "river": 4,
    "governorate": 4,
    "region": 4,
    "country": 5,
}
# "the city", "the besieged city", "inside the city": in a story that has named
# exactly one city so far, that city (coreference, not a guess)
_THE_CITY = _IRx(r"\bthe\s+(?:(?:besieged|beleaguered|embattled|ruined|devastated|syrian)\s+)?city\b(?!\s+of\b)")
_NO_CASUALTIES = Casualties()
_COARSE = frozenset({"country", "region", "governorate", "river"})
# "the capture of the neighbourhood and the citadel": the district the story named just before;
# "the village, which lies six kilometres south of Raqqa": the village (a definite description takes
# up the referent just introduced, of its kind)
_THE_DISTRICT = _IRx(
    r"\bthe\s+(neighbou?rhood|district|quarter|village|town|hospital|mosque|stadium|roundabout|bridge|"
    r"airport|church|museum|silos)\b(?!\s+of\b)"
)
#: nouns that take up the last place whose name has them as its head ("the National Hospital" ...
#: "the hospital"), the strict head match of deterministic coreference (Lee et al. 2013, Stanford's
#: multi-pass sieve); how far back (characters) they look
_HEAD_NOUNS = frozenset(
    {"hospital", "mosque", "stadium", "roundabout", "bridge", "airport", "church", "museum", "silos"}
)
HEAD_REACH = 2000
#: the kinds of place each anaphor's noun may mean
_ANAPHOR_KINDS = {"village": ("village",), "town": ("town", "city")}
_DISTRICT_KINDS = ("district", "suburb")
#: how far back (characters) "the neighbourhood" looks for the district it means
ANAPHOR_REACH = 600


def _alternations(entries: Iterable[rules.Aliases]) -> tuple[IPattern | CasePattern, ...]:
    """The patterns of rule entries: one for those matched in any case (lowered, 4x faster than
    inline ``(?i:...)`` groups in measurement), one for those matched as written."""
    es = list(entries)
    anycase = "|".join(f"(?:{e.pattern})" for e in es if e.case == "any")
    exact = "|".join(f"(?:{e.pattern})" for e in es if e.case != "any")
    return tuple(p for p in (anycase and _IRx(anycase), exact and CasePattern(exact)) if p)


# places.toml: names of outlets, organisations and operations that hold a place name; with the
# gazetteer's own list of them (gazetteer/data/not_places.json, checked by `gazetteer check`)
def _gazetteer_not_places() -> tuple[IPattern, ...]:
    names = sorted({n for e in load_not_places() for n in (e.name, *e.aliases)}, key=len, reverse=True)
    # as written, any case, any white space between the words; whole words only
    alt = "|".join(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)" for n in names)
    return (_IRx(alt),) if alt else ()


_NOT_PLACES = _alternations(rules.not_places()) + _gazetteer_not_places()
_LANDMARKS = [(lm, _IRx(lm.pattern)) for lm in rules.landmarks()]


def _outside_names(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` without those inside a name that is not a place ("the Euphrates Post").

    A name no longer than the mention it holds is itself a spelling of a place ("17th Division" is
    a unit's name and Raqqa's base): it removes nothing, as the place is never guessed away.
    """
    own = {(m.start, m.end) for m in mentions}
    spans = [sp for p in _NOT_PLACES for m in p.finditer(text) if (sp := m.span()) not in own]
    if not spans:
        return mentions
    inside = _Spans(spans)
    return [m for m in mentions if not inside.hold(m.start, m.end)]


# ---------------------------------------------------------------------------
# helpers


def _published(published) -> tuple[dt.date, dt.date]:
    if isinstance(published, (list, tuple)):
        return _dates.publication_range(*published)
    return _dates.publication_range(published)


def _pub_precision(lo: dt.date, hi: dt.date) -> str:
    span = (hi - lo).days + 1
    return "day" if span <= 1 else "range" if span <= 6 else "week" if span <= 13 else "month"


#: The longest first line taken as the article's title.
MAX_TITLE_CHARS = 300


def _headline_spans(text: str, title: str | None) -> list[tuple[int, int]]:
    """The headline (first story line without final punctuation, or the given
    title), its verbatim repeats, and short section heads ("160,000 inside Raqa")."""
    ls = [x for x in lines(text) if not is_boilerplate(x.text)]
    if not ls:
        return []
    heads = set()
    first = ls[0].text
    if title and first.strip() == title.strip():
        heads.add(first.strip())
    elif not _HEADLINE_END.search(first) and len(first.split()) <= 25:
        heads.add(first.strip())
    if title:
        heads.add(title.strip())
    out = []
    for x in ls:
        t = x.text.strip()
        if t in heads or (len(t.split()) <= 6 and not _HEADLINE_END.search(t)):
            out.append((x.start, x.end))
    return out


# A wire dateline: the city the story was filed from, in capitals, perhaps its region or country,
# a date and the agency, then a dash ("BEIRUT (AP) —", "ERBIL, Kurdistan Region –", "RAQA, Syria,
# Oct 17, 2017 (AFP) -"; AP Stylebook and Reuters Handbook of Journalism, "datelines"). Its place is
# where the reporter is, never the incident's, dated or not (dates.dateline reads only dated ones)
_DATELINE_PLACE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\u2019/-]*(?:[ \t][A-Z][A-Z.'\u2019/-]*)*[A-Z]"  # the city (cities) in capitals
    r"(?:,[ \t]+[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)?"  # ", Kurdistan Region", ", Syria"
    r"(?:,?[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+[0-3]?\d|[0-3]?\d[ \t]+[A-Z][a-z]{2,8}))?"  # "June 6", "6 June"
    r"(?:,?[ \t]+(?:19|20)\d{2})?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:-{1,2}|\u2013|\u2014)[ \t]",
    re.MULTILINE,
)


def _dateline_span(text: str) -> tuple[int, int] | None:
    """The span of the story's dateline (dated or not) in its first lines, if it has one."""
    m = _DATELINE_PLACE.search(text[: _dates.DATELINE_REACH])
    return m.span() if m is not None else None


def _background(sentence: str, found: list[_dates.ResolvedDate], lo: dt.date) -> bool:
    """Only dates (or bare years) long before publication: history, not a report."""
    limit = lo - dt.timedelta(days=BACKGROUND_DAYS)
    ends = [d.end for d in found]
    if not found or all(d.end < limit for d in found):
        ends += [dt.date(int(m.group(0)), 12, 31) for m in _YEAR.finditer(sentence)]
    if not ends:
        return False
    return all(e < limit for e in ends)


# a country is where something happened only when the wording says so ("in
# Syria"); "government ally Russia slammed the strike" names an actor
_LOCATIVE = _IRx(r"\b(?:in|inside|across|into|throughout|over|within)\s+(?:the\s+)?(?:\w+\s+)?$")


#: the events a forecast ("would track coalition aircraft") may name without their having happened;
#: an evacuation agreed ("are to be driven out") is news as it stands, and a toll has happened
_FORECAST_TYPES = frozenset({"air_strike", "shelling", "armed_clash", "territory_change"})


def _forecast(sentence: str) -> bool:
    """Does the sentence tell its incident only after a forecast word ("He expected hard fighting",
    "Russia said it would track coalition aircraft")? The words before it, the clause that is
    asserted, tell no incident of their own (:func:`geo.extraction.classify.event_type`)."""
    at = discourse.forecast_at(sentence)
    return at is not None and event_type(sentence[:at]) == "other"


def _no_episode(sentence: str, event: str, *, dated: bool, toll: bool) -> bool:
    """Does the sentence tell no episode: how a weapon works ("when such a shell explodes"), a habit
    of a kind ("Those who survive the bombing face ..."), both undated, or a forecast of a strike,
    clash or capture; never with a toll in it."""
    if not dated and explanatory(sentence):
        return True
    if toll:
        return False
    return (not dated and discourse.generic(sentence)) or (event in _FORECAST_TYPES and _forecast(sentence))


# "Washington said", "Damascus has denied": a capital as the subject of a reporting verb stands for its
# government (metonymy), as a country does; it is not where anything happened (verbs.toml [speech])
_SPEAKING = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+)?(?:" + rules.verbs().speech.alternation + r")\b", re.IGNORECASE
)


def _speaking(m: Mention, text: str) -> bool:
    """Is city mention ``m`` the speaker of a reporting verb right after it ("Washington said")?"""
    return m.place is not None and m.place.kind == "city" and _SPEAKING.match(text, m.end) is not None


# ---------------------------------------------------------------------------
# the role a preposition gives each place name of a sentence (rules/prepositions.toml)

_P = rules.prepositions()
#: roles: "location" (in/at/on X, the village of X), "plain" (no preposition: subject, object),
#: "reference" (near X, 6 km from X), "direction" (south of X), "goal" (to/towards X), "source" (from X),
#: "speech" (said in X: where the speech act was),
#: "theatre" (the X offensive)
_AWAY = frozenset({"goal", "source", "speech"})  # never where the event is
#: how far from the place a role puts the event: "in X" 0, "near X" 1, "west of X" 2 (a bearing, no distance)
_REMOTENESS = {"reference": 1, "direction": 2}
_PHRASES = sorted(
    [(tuple(w.split()), role) for role, t in (("location", _P.location), ("reference", _P.reference),
     ("goal", _P.goal), ("source", _P.source), ("departure", _P.departure)) for w in t.words],
    key=lambda x: -len(x[0]),
)
#: the phrases by their last word, longest first: a token is looked up, not matched against all of them
_PHRASES_ENDING: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _role in _PHRASES:
    _PHRASES_ENDING.setdefault(_words[-1], []).append((_words, _role))
_COMPASS = frozenset(_P.compass.words)
_DISTANCE = frozenset(_P.distance.words)
_REMOVAL = frozenset(_P.removal.words)
_KIND_NOUNS = frozenset(_P.appositive.words)
_SAYING = frozenset(_P.speaking.words)
_THEATRE = re.compile(r"\s+(?:" + "|".join(map(re.escape, _P.theatre.words)) + r")\b", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'\u2019-]+|[^\w\s]")
# the determiners (a closed class) and "about" of "about two km": skipped between a preposition and its name
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "some", "about"}
)
#: how many words (determiners, modifiers) may stand between a preposition and the name it governs
_GAP = 3
#: how far back (characters) the words before a name are read
_ROLE_REACH = 80


def _compass(tok: str) -> bool:
    """"south", "south-west", "southwestern" is not one ("the southwestern countryside of")."""
    return all(p in _COMPASS for p in tok.split("-"))


def _removal_before(toks: list[str], i: int) -> bool:
    """Is there a verb of removal or leaving in the clause before token ``i`` ("expelled from")?"""
    j = i - 1
    while j >= 0 and j >= i - 8 and toks[j] not in {",", ";", ":", ".", "(", ")", '"'}:
        if toks[j] in _REMOVAL:
            return True
        j -= 1
    return False


def _speaking_before(written: list[str], i: int) -> bool:
    """Does a verb of saying govern the preposition at ``i`` ("said in", "told AFP in", "told
    reporters in")? Its place is where the speech act was, not the event's."""
    if i >= 1 and written[i - 1].lower() in _SAYING:
        return True
    told = i >= 2 and written[i - 2].lower() in _SAYING
    return told and (written[i - 1][:1].isupper() or written[i - 1] == "reporters")


def _measured_role(toks: list[str], i: int) -> str | None:
    """The role of "of"/"from" at ``i`` after a distance or a bearing: "6 km (south) of/from X" a
    reference point, "south-west of X" a direction (not "the north of X": a part of X), else None."""
    if toks[i] not in {"of", "from"} or i < 1:
        return None
    j = i - 1
    if toks[j] in _DISTANCE or (j >= 1 and _compass(toks[j]) and toks[j - 1] in _DISTANCE):
        return "reference"  # a bounded distance
    # ("pushing east from Tabqa": a source); "to the west of X" is outside it, "in the west of X" in it
    outside = j == 0 or toks[j - 1] not in _DETERMINERS or toks[j - 2 : j - 1] == ["to"]
    if toks[i] == "of" and _compass(toks[j]) and outside:
        return "direction"  # a bearing from X bounds no distance: vaguer than "near X"
    return None


def _phrase_role(written: list[str], toks: list[str], i: int) -> str | None:
    """The role of the preposition ending at token ``i``, if one does (the longest phrase first)."""
    for words, r in _PHRASES_ENDING.get(toks[i], ()):
        n = len(words)
        if i - n + 1 >= 0 and tuple(toks[i - n + 1 : i + 1]) == words:
            if r == "departure" or (r == "source" and _removal_before(toks, i - n + 1)):
                return "location"  # the place left: where the expulsion or the flight happened
            if r == "location" and _speaking_before(written, i - n + 1):
                return "speech"
            return r
    return None


def _role_before(before: str) -> str:
    """The role the words ``before`` a place name give it (the last ``_ROLE_REACH`` characters of
    its sentence): the nearest preposition over at most ``_GAP`` determiners or modifiers; an
    of-appositive ("the village of") is transparent, its head place taking the role of the phrase."""
    written = _TOKEN.findall(before)
    toks = [t.lower() for t in written]
    role = "plain"
    i = len(toks) - 1
    gap = 0
    det = False
    while i >= 0:
        t = toks[i]
        measured = _measured_role(toks, i)
        if measured is not None:
            return measured
        r = _phrase_role(written, toks, i)
        if r is not None:
            # "aims to liberate Raqqa": an infinitive's "to", no goal ("to the old city" is one)
            return role if r in _AWAY and gap and not det else r
        if t == "of" and i >= 1:
            # "the village of X": the head place of its phrase, which takes the phrase's role (location
            # if none); "the south bank of the Euphrates": the phrase's role, read on past its head noun
            if toks[i - 1] in _KIND_NOUNS:
                role = "location"
            i, gap, det = i - 2, 1, False
            continue
        if t in _DETERMINERS or t.isdigit():
            i -= 1
            det = True
            continue
        if det:
            return role  # PREP DET MOD* NAME: a word before the determiner that is no preposition ends it
        if not t.isalpha() and "-" not in t and "'" not in t or gap >= _GAP:
            return role
        if not written[i].islower() or t.endswith(("ed", "ing")):
            return role  # another name, or a verb: the name is its subject's or object's, no preposition's
        gap += 1
        i -= 1
    return role


def _place_roles(ms: list[Mention], text: str, floor: int = 0) -> dict[int, str]:
    """The role of each mention (by start offset) of one sentence: a name coordinated with the one
    before it ("in Sakhani and Badu", "in Sakhani, Badu and Tawasuiya") takes its role."""
    roles: dict[int, str] = {}
    prev: Mention | None = None
    for m in ms:
        if prev is not None and _COORDINATED.fullmatch(text[prev.end : m.start]):
            role = roles[prev.start]
        else:
            role = _role_before(text[max(floor, m.start - _ROLE_REACH) : m.start])
        if role in {"location", "plain"} and _THEATRE.match(text, m.end) and text[m.end : m.end + 1].isspace():
            role = "theatre"
        roles[m.start] = role
        prev = m
    return roles


# "Sakhani, Badu and", "the Sakhani and Badu quarters and the White Garden area": one list
_COORDINATED = re.compile(
    r"(?:\s+(?:" + "|".join(_KIND_NOUNS) + r"))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?",
    re.IGNORECASE,
)


def _choose_place(
    ms: list[Mention],
    text: str = "",
    floor: int = 0,
    *,
    story_city: str | None = None,
    roles: dict[int, str] | None = None,
) -> tuple[Mention | None, Mention | None]:
    """(the resolved mention the event is at, the first unresolved mention), by the role each
    name's preposition gives it (:func:`_place_roles`): a place named only as a source ("from
    Tabqa") or a goal ("towards Maadan") is never chosen; of the rest the most specific, a
    reference point ("south of Raqqa") or a campaign's name ("the Raqqa offensive") giving way to a
    place as specific named as where it happened; of equals the story's city (``story_city``, the
    topic that continues: "jihadis in Mosul and Raqqa" in a Raqqa story), else the first named (the
    head of a list: "the Sakhani and Badu quarters"). A name the gazetteer
    cannot resolve, named as where it happened ("captured the village of Kasab"), is not replaced
    by a place of another role ("near Raqqa"), nor by a coarser one the text does not say holds it."""
    if roles is None:
        roles = _place_roles(ms, text, floor) if text else {}
    # a list ("in Sakhani, Badu and Tawasuiya", "in Mosul and Raqqa") is one choice: its places are
    # named alike, so of them the story's city, else the first; between lists the smaller place
    head: dict[int, Mention] = {}
    for prev, m in zip([None, *ms], ms, strict=False):
        coordinated = prev is not None and text and _COORDINATED.fullmatch(text[prev.end : m.start])
        head[m.start] = head[prev.start] if coordinated and prev is not None else m
    resolved = [
        m
        for m in ms
        if m.status == "resolved"
        and m.place is not None
        and roles.get(m.start) not in _AWAY
        and (m.place.kind != "country" or _LOCATIVE.search(text[max(0, m.start - 30) : m.start]))
        and not (text and _speaking(m, text))
    ]
    best = None
    if resolved:
        # resolved holds only mentions with a place; mypy cannot carry that into the lambda
        # of two places as specific, the one named as where it happened, not as a reference point
        # ("in Tabqa today ... in the town some 50 km west of Raqqa": Tabqa)
        best = min(
            resolved,
            key=lambda m: (
                roles.get(m.start) == "theatre",
                _TIER.get(m.place.kind, 2),  # type: ignore[union-attr]
                _REMOTENESS.get(roles.get(m.start, ""), 0) or (_near_before(text, m.start, 0) if text else False),
                _size(head[m.start]),
                head[m.start].start,
                m.place.id != story_city,  # type: ignore[union-attr]
                m.start,
            ),
        )
    unresolved = next((m for m in ms if m.place is None and roles.get(m.start) not in _AWAY), None)
    lost = next((m for m in ms if m.place is None and roles.get(m.start) == "location"), None)
    if lost is not None and best is not None and not _may_stand_for(best, lost, roles, text):
        best, unresolved = None, lost
    return best, unresolved


def _size(m: Mention) -> float:
    """How far the point of ``m``'s place may be off (a list's head for all of it; unplaced: any)."""
    return m.place.uncertainty_m if m.place is not None else float("inf")


def _may_stand_for(best: Mention, lost: Mention, roles: dict[int, str], text: str) -> bool:
    """May resolved ``best`` be the report's place though ``lost``, a name the gazetteer lacks, is
    named as where it happened? Only as a place of the same role as fine as a village (another place
    of a list), or as the place the text says holds it ("the village of Kasab in Raqqa province")."""
    assert best.place is not None
    if roles.get(best.start) not in {"location", "plain"}:
        return False
    if _TIER.get(best.place.kind, 2) <= 2:
        return True
    return best.start >= lost.end and _HOLDING.fullmatch(text[lost.end : best.start]) is not None


# "Kasab in Raqqa province", "al-Xyz neighbourhood of Raqqa", "Kasab, a village in the countryside of"
_HOLDING = re.compile(
    r"[\s,]*(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,3}?(?:in|of)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?",
)


class _Spans:
    """Character spans, asked whether one of them holds a given span: a binary search over the
    spans sorted by start with the running maximum of their ends (linear in the article)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def hold(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` inside one of the spans?"""
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end


class _StoryCities:
    """The cities the story names, in text order (captions and page furniture aside), built once
    an article so that "the one city named before this offset" is a binary search, not a scan of
    every earlier mention for every sentence (that scan made a 2 MB article quadratic)."""

    def __init__(self, mentions: list[Mention], not_story: _Spans, text: str = "") -> None:
        self.cities = [
            x
            for x in mentions
            if x.status == "resolved"
            and x.place is not None
            and x.place.kind == "city"
            and not not_story.hold(x.start, x.start + 1)
            and not (text and _speaking(x, text))  # "Washington said": a government, not a city of the story
        ]
        self.starts = [x.start for x in self.cities]
        #: distinct[i]: how many different cities the first i mentions name
        self.distinct = [0]
        seen: set[str] = set()
        for x in self.cities:
            seen.add(x.place.id)  # type: ignore[union-attr]  # only resolved mentions are kept
            self.distinct.append(len(seen))

    def only_city_before(self, at: int) -> Mention | None:
        """The first mention of the one city named before ``at``; ``None`` for none or several."""
        i = bisect.bisect_left(self.starts, at)
        return self.cities[0] if self.distinct[i] == 1 else None


#: kinds that are an area around the story's places rather than one of them: named, they must hold it
_AREAS = frozenset({"governorate", "region"})
#: kinds that say nothing of where a story is: a country names a government or a whole war
#: ("Russia said", "IS in Syria"), a river runs past every town of the campaign
_NOWHERE = frozenset({"country", "river"})


def _unit(gz: Gazetteer, place_id: str) -> str:
    """The place of the story ``place_id`` stands for: the outermost place holding it below the
    areas (a district, street or landmark of Raqqa is Raqqa; al-Tanf's zone is al-Tanf; a village
    or a town outside any city is itself)."""
    unit = place_id
    for a in gz.ancestors(place_id):
        if a.kind in _AREAS or a.kind in _NOWHERE:
            break
        unit = a.id
    return unit


class _StoryPlaces:
    """Where the story is, before each offset: the one place (city, town, village or site, with
    everything inside it) its mentions name so far, else ``None``: none, two of them (Raqqa and
    Tabqa, Raqqa and "Washington said"), or an area named that does not hold it. Captions, page
    furniture and the dateline (where the reporter is, never where it happened) are not the story.
    Built once an article, answered by a binary search (as :class:`_StoryCities`)."""

    def __init__(self, mentions: list[Mention], not_story: _Spans, gz: Gazetteer, text: str) -> None:
        self.starts: list[int] = []
        #: only[i]: (the one place, its first mention) of the first i story mentions, or None
        self.only: list[tuple[str, Mention] | None] = [None]
        units: dict[str, Mention] = {}
        areas: set[str] = set()
        for m in mentions:
            if m.status != "resolved" or m.place is None or not_story.hold(m.start, m.start + 1):
                continue
            if m.place.kind in _NOWHERE or _speaking(m, text):
                continue  # a country, a river, "Washington said": not where the story is
            if m.place.kind in _AREAS:
                areas.add(m.place.id)
            else:
                units.setdefault(_unit(gz, m.place.id), m)
            self.starts.append(m.start)
            one = next(iter(units.items())) if len(units) == 1 else None
            if one is not None and not all(_within(gz, one[0], a) for a in areas):
                one = None  # "Deir ez-Zor province" beside Raqqa: the story is not in one place
            if one is not None and areas:
                # "Deir ez-Zor province" and its city: a sentence naming neither may be anywhere in
                # the province ("250 square kilometres cleared"); the area is true either way
                one = (max(areas, key=lambda a: len(gz.ancestors(a))), one[1])
            self.only.append(one)

    def only_place_before(self, at: int) -> tuple[str, Mention] | None:
        """``(place id, its first mention)`` of the one place the story names before ``at``."""
        return self.only[bisect.bisect_left(self.starts, at)]


def _city_from_context(s: str, sent_start: int, story: _StoryCities) -> tuple[Mention, str, int] | None:
    """``(the city's earlier mention, "the city" as written, its offset in s)`` when
    the sentence says "the city" and the story before it has named exactly one city."""
    m = _THE_CITY.search(s)
    if m is None:
        return None
    city = story.only_city_before(sent_start)
    return None if city is None else (city, m.group(0), m.start())


def _landmarks_in(
    s: str, sent_start: int, ms: list[Mention], story: _StoryCities, gz: Gazetteer
) -> list[Mention]:
    """Generic descriptions of places ("the city hospital") in sentence ``s``, as mentions of the
    place they mean, when their city is in context: named in the sentence, or the one city the
    story has named before it (places.toml). Offsets are the article's."""
    out: list[Mention] = []
    for lm, rx in _LANDMARKS:
        m = rx.search(s)
        if m is None or lm.place not in gz:
            continue
        here = {x.place.id for x in ms if x.place is not None}
        city = story.only_city_before(sent_start)
        if lm.context not in here and (city is None or city.place is None or city.place.id != lm.context):
            continue
        place = gz.get(lm.place)
        out.append(Mention(m.group(0), sent_start + m.start(), sent_start + m.end(), place, (place,), "resolved"))
    return out


def _district_before(
    mentions: list[Mention],
    starts: list[int],
    at: int,
    floor: int,
    not_story: _Spans,
    kinds: tuple[str, ...] = _DISTRICT_KINDS,
    text: str = "",
) -> Mention | None:
    """The last district (or suburb) named between ``floor`` (the previous sentence's start) and
    ``at``, and at most ``ANAPHOR_REACH`` characters back: "the neighbourhood" means the one just
    named, never one from further back in the story (that would be a guess)."""
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and mentions[i].start >= max(floor, at - ANAPHOR_REACH):
        m = mentions[i]
        if (
            m.place is not None
            and m.status == "resolved"
            and m.place.kind in kinds
            and not not_story.hold(m.start, m.end)
            and not (text and _speaking(m, text))  # "Damascus said": a government, not the town
        ):
            return m
        i -= 1
    return None


def _head_match_before(
    noun: str, at: int, mentions: list[Mention], starts: list[int], not_story: _Spans
) -> Mention | None:
    """The place last named before ``at`` (at most ``HEAD_REACH`` back) with ``noun`` as the head of its
    name ("National Hospital" for "the hospital"); none when two places of that head were named there."""
    head = re.compile(rf"\b{noun}\W*$", re.IGNORECASE)
    found: Mention | None = None
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and mentions[i].start >= at - HEAD_REACH:
        m = mentions[i]
        named = m.place is not None and m.status == "resolved" and head.search(m.text) is not None
        if named and not not_story.hold(m.start, m.end):
            if found is not None and found.place != m.place:
                return None  # two hospitals named: which one is a guess
            found = found or m
        i -= 1
    return found


def _anaphor_place(
    s: str, at: int, floor: int, mentions: list[Mention], starts: list[int], not_story: _Spans, text: str
) -> Mention | None:
    """The place "the neighbourhood", "the village" or "the town" of sentence ``s`` (at ``at``) takes
    up, named since ``floor`` (:func:`_district_before`); none when the sentence itself brought in a
    new one of its kind before it ("assaulted Ja'Din, a town ... pull out of the town")."""
    anaphor = _THE_DISTRICT.search(s)
    if anaphor is None:
        return None
    noun = anaphor.group(1).lower()
    if re.search(rf"\b(?:an?|another)\s+(?:[\w-]+\s+){{0,2}}{noun}\b", s[: anaphor.start()], re.IGNORECASE):
        return None
    if noun in _HEAD_NOUNS:
        return _head_match_before(noun, at, mentions, starts, not_story)
    return _district_before(mentions, starts, at, floor, not_story, _ANAPHOR_KINDS.get(noun, _DISTRICT_KINDS), text)


def _near_before(text: str, at: int, floor: int) -> bool:
    """Is the place named at ``at`` only as near ("outside", "north of")? Looks back to ``floor``."""
    return _NEAR.search(text[max(floor, at - 40) : at]) is not None


def _place_fields(m: Mention, text: str, sent_start: int) -> tuple[str, str, int]:
    """``(place_id, place_text, geo_precision)`` of a resolved mention."""
    place = m.place
    assert place is not None  # callers pass resolved mentions only
    return (place.id, m.text, 3 if place.kind in _COARSE else 2 if _near_before(text, m.start, sent_start) else 1)


def _changed_places(ms: list[Mention], text: str, sent_start: int) -> list[Mention]:
    """The distinct places below city level a territory sentence names, in order,
    leaving out those only named as near ("near the town of Tabqa")."""
    out: list[Mention] = []
    seen: set[str] = set()
    for m in ms:
        if m.status != "resolved" or m.place is None or m.place.id in seen:
            continue
        if _TIER.get(m.place.kind, 2) > 2 or _near_before(text, m.start, sent_start):
            continue
        seen.add(m.place.id)
        out.append(m)
    return out


def _winner_told_before(
    control: Control, c: Classification, recs: list[Report], notes: list[str]
) -> tuple[Control, Classification]:
    """A change whose winner the sentence does not name ("SOHR counts Sinaa and Mushlab as already
    taken", tune r07) is the winner's of the change told just before, never the loser's."""
    last = next((r for r in reversed(recs) if r.control_extent is not None), None)
    if last is None or last.control_actor is None or last.control_actor == control.from_:
        return control, c
    notes.append(f"the winner unnamed: {last.control_actor}, of the change told before ({last.id})")
    return replace(control, actor=last.control_actor), replace(c, actor=c.actor or last.control_actor)


def _code_uncached(sentence: str, previous: str | None, outlet: str) -> tuple[Classification, Casualties]:
    """Classification and casualties of one sentence (pure: safe to memoise)."""
    c = classify(sentence, previous_claimant=previous, default_claimant=outlet)
    cas = casualties(sentence) if _HARMISH.search(sentence) and _NUMBERISH.search(sentence) else _NO_CASUALTIES
    return c, cas


#: Syndicated wire copy repeats sentences verbatim across outlets (seeds 000
#: and 003 share several), so the coding of recent sentences is memoised. The
#: cache is bounded (memory stays flat) and the coders are pure, so a hit
#: returns exactly what a fresh call would. ``_code = _code_uncached`` turns it off.
CACHE_SIZE = 4096
_code = lru_cache(maxsize=CACHE_SIZE)(_code_uncached)


#: the events whose toll a later sentence of the story may give without naming them again
_TOLL_EVENTS = frozenset({"air_strike", "shelling", "armed_clash"})

#: how many reports back a report of the same article looks for an earlier telling of its event
GROUP_REACH = 12


def _within(gz: Gazetteer, inner: str, outer: str) -> bool:
    """Is the place ``inner`` inside ``outer`` (``outer`` among its parents)?"""
    seen = 0
    while inner in gz and seen < 8:
        parent = gz.get(inner).parent
        if parent is None:
            return False
        if parent == outer:
            return True
        inner, seen = parent, seen + 1
    return False


#: event types that may tell one incident: the assault and the capture it led to ("the assault on
#: al-Mishlab was under way" beside "the SDF stormed al-Mishlab"); only at the same or a containing place
_KIN_TYPES = (frozenset({"armed_clash", "territory_change"}),)


def _nested(gz: Gazetteer, a: str, b: str) -> bool:
    """The same place, or one inside the other."""
    return a == b or _within(gz, a, b) or _within(gz, b, a)


def _city_of(gz: Gazetteer, place_id: str) -> str | None:
    """The city ``place_id`` is or lies in (``None`` for a village, a region, a river...)."""
    seen = 0
    while place_id in gz and seen < 8:
        p = gz.get(place_id)
        if p.kind == "city":
            return place_id
        if p.parent is None:
            return None
        place_id, seen = p.parent, seen + 1
    return None


def _may_be_one(gz: Gazetteer, a: str, b: str) -> bool:
    """Can places ``a`` and ``b`` be where one incident happened: nested, or one only a city or
    vaguer ("Raqqa" beside "Kasrat Afnan, six kilometres south of it"), never in two cities."""
    if _nested(gz, a, b):
        return True
    if gz.get(a).kind not in _CITYISH and gz.get(b).kind not in _CITYISH:
        return False  # two sibling places (al-Batani and Hattin): two incidents
    ca, cb = _city_of(gz, a), _city_of(gz, b)
    return ca is None or cb is None or ca == cb


#: a place this vague may be the reading of a finer one the sentence before names
_CITYISH = frozenset({"city", *_COARSE})


#: fire from afar, whose reporters often cannot tell aircraft from guns ("killed by coalition air
#: strikes or artillery", Airwars, tune r04): one incident when the same munition is named
_FIRE = frozenset({"air_strike", "shelling"})


def _one_weapon(e: Report, r: Report) -> bool:
    """An air strike and a shelling that name the same munition ("white phosphorus") may be one
    incident told by two sources who disagree on what fired it."""
    return e.munition is not None and e.munition == r.munition and {e.event_type, r.event_type} <= _FIRE


def _link(e: Report, r: Report, *, adjacent: bool, gz: Gazetteer) -> int:
    """How ``r`` (later, same article) is tied to ``e`` as a telling of the same event: 3 the same
    place; 2 ``r``'s place inside ``e``'s (the lead says "Raqqa", the detail "al-Jazra suburb"), or,
    in the sentence right after and of the same type, around it (a resident's words about the raid
    "in Raqqa"; a city-wide tally further on is another matter); 1 the sentence right before, with
    one of the two placed nowhere ("'They bombed everything,' a resident said" after the strike it
    quotes about; "the SDF had taken the roundabout" before the sentence naming it) or only as a
    city or vaguer, not another city (:func:`_may_be_one`); 0 none.

    All need overlapping date ranges, no two winners of one change, and the same event type or,
    with a tie of 2 or 3 and ``r`` placed below city level, kin types (:data:`_KIN_TYPES`).
    """
    if e.date_start > r.date_end or r.date_start > e.date_end:
        return 0
    if e.control_actor and r.control_actor and e.control_actor != r.control_actor:
        return 0
    kin = e.event_type != r.event_type and not _one_weapon(e, r)
    if kin and not any({e.event_type, r.event_type} <= k for k in _KIN_TYPES):
        return 0
    if e.place_id is not None and r.place_id is not None:
        if kin and (e.place_kind in _COARSE or r.place_kind in _CITYISH):
            return 0  # "fighting raged in Raqqa" is not the capture of a district of it
        if e.place_id == r.place_id:
            return 3
        if _within(gz, r.place_id, e.place_id) or (adjacent and not kin and _within(gz, e.place_id, r.place_id)):
            return 2
    if kin or not adjacent:
        return 0
    if e.place_id is None or r.place_id is None:
        return 1 if e.place_id != r.place_id else 0
    return 1 if _may_be_one(gz, e.place_id, r.place_id) else 0


def _fits(event: list[Report], r: Report, gz: Gazetteer) -> bool:
    """May ``r``'s place be where every located report of the event happened (:func:`_may_be_one`)?
    Two sibling places (al-Batani and Hattin under one city-wide lead) are two incidents, never one
    event, however the reports between them chain."""
    if r.place_id is None:
        return True
    return all(_may_be_one(gz, x.place_id, r.place_id) for x in event if x.place_id)


def _as_told(r: Report) -> Report:
    """``r`` as its sentence tells it, for grouping: a place only its story gives
    (:func:`_placed_from_story`, no ``place_text``) is no sign that two reports tell one event."""
    if r.place_id is None or r.place_text is not None:
        return r
    return replace(r, place_id=None, place_kind=None)


def _is_tally(r: Report) -> bool:
    """Is ``r`` a count or state over a period ("since June", "65 percent of Raqqa"), no one incident?
    A share counts only of a city or wider ("more than half of Sabahia" is the capture of a district)."""
    return discourse.tally(r.quote) or (discourse.share(r.quote) and (r.place_kind or "city") in _CITYISH)


def _dates_meet(a: Report, b: Report) -> bool:
    return not (a.date_start > b.date_end or b.date_start > a.date_end)


def _told_again(e: Report, r: Report, gz: Gazetteer) -> bool:
    """Does ``r`` refer back to ``e``'s incident, however far back: a definite description of an
    incident ("the strike", "that raid", "the same attack") of ``e``'s type, or a share of the same
    ground told again ("put the share it had freed at 80 percent"), placed nowhere or where ``e`` may
    have happened, at overlapping dates and with no second winner."""
    if e.event_type != r.event_type or not _dates_meet(e, r):
        return False
    if e.control_actor and r.control_actor and e.control_actor != r.control_actor:
        return False
    if r.place_id is not None and (e.place_id is None or not _may_be_one(gz, e.place_id, r.place_id)):
        return False
    return discourse.refers_back(r.quote) or (
        discourse.share(r.quote) and discourse.share(e.quote) and r.event_type == "territory_change"
    )


def _append(recs: list[Report], r: Report, gz: Gazetteer, *, after: Report | None = None) -> None:
    """Add ``r``, in the event of an earlier report of the article that tells the same event (the
    lead, its detail, a quote about it: the closest tie of :func:`_link`, then the latest), else in
    an event of its own.

    A sentence that says it tells another incident stays apart whatever its place: it opens by
    moving the story's time ("A day earlier, ...") or names a new referent ("a second incident",
    :mod:`geo.extraction.discourse`). A tally over a period and a single incident are never one event.
    A definite reference back ("the strike") ties ``r`` to the latest incident of its type however far
    back (:func:`_told_again`); ``after``, the report whose toll ``r`` gives with no event word of its
    own, is its event when their places and dates agree.
    """
    if (
        after is None  # "Later, 30 more were found dead": a toll has no incident of its own to be new
        and (discourse.shifts_time(r.quote) or discourse.new_referent(r.quote))
        and not discourse.refers_back(r.quote)  # "Later the Observatory raised the toll of the strike"
    ):
        recs.append(r)
        return
    told = _as_told(r)
    tally = _is_tally(told)
    if after is not None and after in recs and _dates_meet(after, r) and _is_tally(_as_told(after)) == tally:
        event = [_as_told(x) for x in recs if x.event_id == after.event_id]
        if _fits(event, told, gz):
            recs.append(replace(r, event_id=after.event_id))
            return
    window = [_as_told(x) for x in recs[-GROUP_REACH:]]
    before = [x.span_start for x in window if x.span_start < r.span_start]
    prev = max(before, default=None)  # the sentence right before r's
    best: tuple[int, int] | None = None
    for i, e in enumerate(window):
        if e.span_start == r.span_start:
            continue  # two places of one sentence are two changes, never one event
        if _is_tally(e) != tally:
            continue
        tie = _link(e, told, adjacent=e.span_start == prev, gz=gz) or (1 if _told_again(e, told, gz) else 0)
        if not tie:
            continue
        event = [x for x in window if x.event_id == e.event_id]
        if any(x.span_start == r.span_start for x in event):
            continue  # another place of r's own sentence already in that event: a second change, not a repeat
        if not _fits(event, told, gz):
            continue
        if best is None or (tie, i) > best:
            best = (tie, i)
    if best is None:
        recs.append(r)
    else:
        recs.append(replace(r, event_id=window[best[1]].event_id))


def _append_second(recs: list[Report], r: Report, c: Classification, gz: Gazetteer) -> None:
    """Add the second event of ``r``'s sentence ("after a night of air strikes, ... stormed
    al-Mishlab"), coded as ``c``: never in the first's event, without the sentence's toll (that stays
    with the first report, the one the wording ranks first); grouped as any report
    (:func:`_append`) with the earlier tellings of its own event."""
    rid = f"{r.id}b"
    ctrl = c.control if c.event_type == "territory_change" else None
    _append(
        recs,
        replace(
            r,
            id=rid,
            event_id=f"ev-{rid}",
            event_type=c.event_type,
            munition=c.munition,
            actor=c.actor,
            target=c.target,
            status=c.status,
            claimed_by=c.claimed_by or r.claimed_by,
            deaths_low=None,
            deaths_best=None,
            deaths_high=None,
            injured_low=None,
            injured_high=None,
            casualty_group=None,
            control_actor=ctrl.actor if ctrl else None,
            control_from=ctrl.from_ if ctrl else None,
            control_extent=ctrl.extent if ctrl else None,
            notes=(r.notes or "") + f". The sentence tells a second event ({c.event_type}) besides {r.event_type}",
        ),
        gz,
    )


def place_mentions(text: str, gz: Gazetteer) -> list[Mention]:
    """The gazetteer's place mentions of ``text`` that the extractor reads as places: without those
    inside the name of an outlet, organisation or operation ("the Euphrates Post", rules/places.toml)."""
    return _outside_names(gz.mentions(text), text)


def link_across_articles(reports: Iterable[dict]) -> list[dict]:
    """Reports (flat dicts) of several articles with the events that several articles tell joined
    into one ``event_id``, their figures kept side by side (:func:`geo.records.events.link_events`)."""
    ds = list(reports)
    names = {f.name for f in fields(Report)}
    # the extractor's own output, rebuilt as it was built (from_dict holds curated records to the
    # curated schema: an extracted change with its winner unnamed has no control actor)
    kept: list[dict[str, Any]] = [
        {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in names} for d in ds
    ]
    recs = [Report(**k) for k in kept]
    ids = {r.id: r.event_id for r in link_events(recs)}
    return [{**d, "event_id": ids[d["id"]]} for d in ds]


# ---------------------------------------------------------------------------
# the extractor


#: words that mean a day counted from when they were said
_DEICTIC = frozenset({"today", "tonight", "this morning", "this afternoon", "this evening", "yesterday", "last night"})


def _quoted(s: str, at: int) -> bool:
    """Does offset ``at`` of sentence ``s`` stand inside a quotation (straight or curly quotes),
    one opened in it or one closed after ``at`` that an earlier sentence opened?"""
    head, tail = s[:at], s[at:]
    if head.count('"') % 2 == 1 or head.count("\u201c") > head.count("\u201d"):
        return True
    closes = tail.find("\u201d")
    return tail.count('"') % 2 == 1 or (closes >= 0 and "\u201c" not in tail[:closes])


def _recounted(
    events: list[_dates.ResolvedDate],
    day: tuple[dt.date, dt.date],
    counts: Callable[[_dates.ResolvedDate], bool],
    said: str,
    notes: list[str],
) -> list[_dates.ResolvedDate]:
    """``events`` with those that ``counts`` re-resolved from ``day``, the day a speaker spoke rather
    than the reporter's (Reichenbach's speech time of reported speech); ``said`` ends each note."""
    moved = []
    for d in events:
        again = _dates.resolve(d.text, day) if counts(d) else None
        if again is not None:
            notes.append(f"{d.text!r} {said}")
            d = _dates.ResolvedDate(again.start, again.end, again.precision, d.text, d.span_start, d.span_end)
        moved.append(d)
    return moved


#: how far back the reference time of a "A day earlier, ..." opener is looked for (about two sentences)
_REFERENCE_REACH = 400


def _reference_day(text: str, at: int, anchor: tuple[dt.date, dt.date]) -> _dates.ResolvedDate | None:
    """The story's reference time before offset ``at``: the last date it told in the sentences just
    before (the dateline's day, the filing day, counts: it is the reporter's now)."""
    before = text[max(0, at - _REFERENCE_REACH) : at]
    found = _dates.find_dates(before, anchor)
    return found[-1] if found else None


def _launch_day(spans: Iterable[Span], anchor: tuple[dt.date, dt.date]) -> dt.date | None:
    """The day the story (its sentence ``spans``) says its offensive began ("The offensive on the city
    opened on June 6", "Ten days into their offensive"): the earliest such day within a year before filing."""
    days: list[dt.date] = []
    for sp in spans:
        at = discourse.launch_at(sp.text)
        if at is not None:
            found = _dates.find_dates(sp.text, anchor)
            after = [d for d in found if d.span_start >= at]
            before = [d for d in found if d.span_end <= at]
            d = after[0] if after else before[-1] if before else None
            if d is not None:
                days.append(d.start)
        n = discourse.days_into(sp.text)
        if n is not None:
            days.append(anchor[1] - dt.timedelta(days=n))
    kept = [d for d in days if anchor[1] - dt.timedelta(days=366) <= d <= anchor[1]]
    return min(kept) if kept else None


def _date_fields(
    s: str,
    found: list[_dates.ResolvedDate],
    lo: dt.date,
    hi: dt.date,
    notes: list[str],
    *,
    launched: Callable[[], dt.date | None] = lambda: None,
    reference: Callable[[], _dates.ResolvedDate | None] = lambda: None,
) -> tuple[dt.date, dt.date, str, str | None]:
    """``(date_start, date_end, date_precision, date_text)`` of a sentence from its dates ``found``; notes appended.

    ``reference`` gives the story's reference time before the sentence (:func:`_reference_day`),
    read only for a sentence that opens with a shift from it ("A day earlier, ...")."""
    shift = _dates.shift_opener(s) if not found else None
    ref = reference() if shift is not None else None
    if shift is not None and ref is not None and ref.start == ref.end:
        shifted = ref.start + dt.timedelta(days=shift[0])
        if shifted <= hi:
            # "A day earlier, they had taken the nearby village": a day before the day just told
            notes.append(f"{shift[1]!r}: counted from the day the story told last ({ref.text!r}, {ref.start})")
            return shifted, shifted, "day", shift[1]
    limit = lo - dt.timedelta(days=BACKGROUND_DAYS)
    recent = [d for d in found if d.end >= limit]
    events = [d for d in recent if not _dates.is_statement_date(s, d)]
    said = [d for d in recent if d not in events]
    if said and said[0].start == said[0].end:
        # 'The SDF said on Sunday: "Today our forces took Jazra"': the speaker's today is the day it spoke
        events = _recounted(
            events,
            (said[0].start, said[0].end),
            lambda d: d.text.lower() in _DEICTIC or d.kind in _dates.RELATIVE_KINDS,
            f"is counted from the day of the statement ({said[0].text!r})",
            notes,
        )
    else:
        # '"Our forces liberated al-Qadisiya today," the SDF said', no day given: wire copy files a
        # statement the day it is made or the next, so the speaker's day is publication or the day before
        events = _recounted(
            events,
            (lo - dt.timedelta(days=1), hi),
            lambda d: d.text.lower() in _DEICTIC and _quoted(s, d.span_start),
            "is the speaker's, quoted: the day it spoke, filed that day or the next",
            notes,
        )
    toll_of = [d for d in events if _dates.is_toll_of(s, d)]
    if toll_of and toll_of[0] is not events[0]:
        # "dug more bodies out today, pushing up the toll of Tuesday's strike": the strike's day
        notes.append(f"dated by the incident whose toll it tells ({toll_of[0].text!r})")
        events = toll_of + [d for d in events if d is not toll_of[0]]
    if events:
        d = events[0]
        dtext: str | None
        d0, d1, prec, dtext = d.start, d.end, d.precision, d.text
        if d.kind == "since" and said and d0 <= said[0].end < d1 and said[0].span_start > d.span_end:
            # "killed 700 since the start of the year, the Observatory said on Saturday": the tally
            # attributed after it is closed on that day ("said on Monday that ... since Friday" keeps
            # the convention: up to publication)
            d1 = said[0].end
            notes.append(f"a range since {d.text!r} up to when it was said ({said[0].text!r})")
        if _dates.night_before(s, d):
            d0 = d0 - dt.timedelta(days=1)
            prec = "range"
            notes.append(f"'a night of' before {d.text!r}: from the day before")
        if len(events) > 1:
            notes.append(f"dated by the first of {len(events)} date expressions ({d.text!r})")
        if len(events) < len(recent):
            notes.append(
                "the date of the statement is not the event's: "
                + ", ".join(repr(x.text) for x in recent if x not in events)
            )
    else:
        said_on = recent[0] if recent else None
        began = launched() if discourse.standing(s) else None
        until = said_on.end if said_on is not None else hi
        if began is not None and began < until - dt.timedelta(days=_dates.UNDATED_DAYS):
            # "al-Mishlab and al-Senaa are entirely in its hands", "already taken", "during the
            # campaign": a state or a tally of the whole offensive, come about since it began
            d0, d1, prec = _dates.period(began, until)
            dtext = said_on.text if said_on is not None else None
            notes.append(
                f"a state or a count of the whole offensive, undated: from its start ({began.isoformat()}, "
                "as the story states it) up to " + ("when it was said" if said_on is not None else "publication")
            )
        elif said_on is not None:
            d0, d1, prec = _dates.week_up_to(said_on.start, said_on.end)
            dtext = said_on.text
            notes.append(
                f"dated only by when it was said ({said_on.text!r}): the week up to then (the event is on or before it)"
            )
        else:
            d0, d1, prec = _dates.week_up_to(lo, hi)
            dtext = None
            notes.append(
                "no date words in the sentence: dated to the week up to publication "
                "(an upper bound; news reports recent events, but the event may be earlier)"
            )
    if prec == "day" and d0 != d1:
        prec = "range"
    return d0, d1, prec, dtext


def _place_of(
    s: str,
    sent_start: int,
    text: str,
    ms: list[Mention],
    story: _StoryCities,
    notes: list[str],
    district: Mention | None = None,
) -> tuple[str | None, str | None, int | None, list[str]]:
    """``(place_id, place_text, geo_precision, places_mentioned)`` of a sentence from its mentions ``ms``.

    ``district`` is the district the story named just before, for "the neighbourhood".
    Notes on how the place was chosen are appended to ``notes``.
    """
    city = story.only_city_before(sent_start)
    roles = _place_roles(ms, text, sent_start)
    best, unresolved = _choose_place(
        ms, text, sent_start, story_city=city.place.id if city and city.place else None, roles=roles
    )
    coarse = best is not None and best.place is not None and best.place.kind in _COARSE
    # a name the gazetteer lacks, named as where it happened, is not replaced by "the city"
    lost = unresolved is not None and roles.get(unresolved.start) == "location"
    # "got into the city from the south by crossing the Euphrates": the city, not the river; "driven to
    # Deir Ezzor province in vehicles parked outside the city": a goal is never the place, the city is
    context = _city_from_context(s, sent_start, story) if (best is None and not lost) or coarse else None
    if context is not None and coarse:
        best = None
    place_id: str | None
    place_text: str | None
    geo_precision: int | None
    anaphor = _THE_DISTRICT.search(s) if district is not None else None
    # "came within about two km of the town", "an advance towards the town": the town taken up is a
    # reference point or a goal, not where it happened; a place the sentence names as such stays
    taken_as = _role_before(s[max(0, anaphor.start() - _ROLE_REACH) : anaphor.start()]) if anaphor else "plain"
    if (
        anaphor is not None
        and district is not None
        and district.place is not None
        and not (taken_as in _AWAY or (best is not None and taken_as in _REMOTENESS))
        # a district, village or town taken up beats the city the sentence names; "the stadium" only
        # stands in where the sentence names no place ("the stadium is the last position ... in Raqqa")
        and (best is None or (_TIER.get(best.place.kind, 2) >= 3 and anaphor.group(1).lower() not in _HEAD_NOUNS))  # type: ignore[union-attr]
    ):
        place_id, place_text = district.place.id, anaphor.group(0)
        geo_precision = 2 if _near_before(s, anaphor.start(), 0) else 1
        noun = anaphor.group(1).lower()
        notes.append(f"place from the story: {anaphor.group(0)!r} is {district.text!r}, the {noun} named just before")
        context = None
    elif best is not None:
        place_id, place_text, geo_precision = _place_fields(best, text, sent_start)
        role = roles.get(best.start)
        if geo_precision == 1 and role in _REMOTENESS:
            geo_precision = 2  # "reached SDF lines near the town of Tabqa": in or near it, not at its point
            notes.append(f"place {best.text!r} named as a reference point ({role}): precision 2, in or near it")
    elif context is not None:
        city, words, at = context
        assert city.place is not None  # _city_from_context returns a resolved city
        place_id, place_text, geo_precision = city.place.id, words, 2 if _near_before(s, at, 0) else 1
        notes.append(f"place from the story: {words!r} is {city.text!r}, the only city it names before this sentence")
    else:
        place_id, place_text, geo_precision = None, unresolved.text if unresolved is not None else None, None
        if unresolved is not None:
            why = (
                "ambiguous: " + ", ".join(p.id for p in unresolved.candidates)
                if unresolved.status == "ambiguous"
                else "not in the gazetteer"
            )
            notes.append(f"place {unresolved.text!r} unresolved ({why}): no point")
    mentioned = list(dict.fromkeys(m.place.id for m in ms if m.place is not None))
    if context is not None:
        assert context[0].place is not None  # a resolved city (see _city_from_context)
        mentioned.append(context[0].place.id)  # named as "the city"
    return place_id, place_text, geo_precision, mentioned


# "the city", "the town", "the village": a sentence that names the kind of its place takes
# no place of another kind from the report before it
_KIND_WORD = _IRx(r"\bthe\s+(?:\w+\s+)?(city|town|village|province|governorate)\b")
_KIND_OF_WORD = {
    "city": {"city"},
    "town": {"town", "city"},
    "village": {"village"},
    "province": {"governorate"},
    "governorate": {"governorate"},
}


# "an earlier assault on a military base on the north side": an indefinite description brings a
# new place into the story (indefinites introduce new referents, definites take up known ones), so
# the sentence is not at the place of the report before it, though it may be in the story's place
_NEW_PLACE = _IRx(
    r"\b(?:an?|another)\s+(?:[\w-]+\s+){0,2}(?:base|village|town|city|district|neighbou?rhood|quarter|suburb|"
    r"area|complex|compound|building|hospital|school|mosque|street|road|bridge|dam|airport|checkpoint|camp|site)s?\b"
)


def _context_of(prev: Report, r: Report, s: str, story: str | None, gz: Gazetteer) -> bool:
    """May ``r`` (sentence ``s``, naming no place) take the place of ``prev``, the report just
    before it? When it tells the same event (:func:`_link`: same type, dates that meet), ``prev``
    is placed at the one place its sentence names (any other it names holds that one: "al-Mutaz
    Street in Raqqa", never "al-Jazra and the Euphrates bank") and ``s`` names no other kind of
    place ("strikes on the city" after a village's car bomb)."""
    if prev.place_id is None or _NEW_PLACE.search(s) or not _link(prev, r, adjacent=True, gz=gz):
        return False
    if (discourse.shifts_time(s) or discourse.new_referent(s)) and not discourse.refers_back(s):
        return False  # "A day earlier, ...", "a second strike": another incident (as _append reads it)
    if any(not _within(gz, prev.place_id, p) for p in prev.places_mentioned or () if p != prev.place_id and p in gz):
        return False
    if prev.place_kind in _COARSE and story is not None and _within(gz, story, prev.place_id):
        return False  # "in southern Syria" before, al-Tanf the story's place: the finer one
    kinds = [_KIND_OF_WORD[m.group(1).lower()] for m in _KIND_WORD.finditer(s)]
    if not all(prev.place_kind in k for k in kinds):
        return False
    # the same event by type and dates alone is weak ("Unlike Aleppo, ..." then "Any pause would not
    # involve IS"): the place must also be where the story is, or the sentence name its kind ("the town")
    return bool(kinds) or (story is not None and _nested(gz, prev.place_id, story))


def _off_dateline(ms: list[Mention], dl_place: tuple[int, int] | None) -> list[Mention]:
    """``ms`` without the mentions inside the dateline ("BEIRUT (AP) —": the reporter's city)."""
    if dl_place is None or not ms or ms[0].start >= dl_place[1]:
        return ms
    return [m for m in ms if not dl_place[0] <= m.start < dl_place[1]]


def _of_kind(s: str, place_id: str, gz: Gazetteer) -> str | None:
    """The story's place ``place_id`` as the kind of place sentence ``s`` names ("across the
    governorate": the governorate holding it); ``None`` when the sentence names a kind it is not
    and does not lie in ("the village" in a story about a city)."""
    kinds = {k for m in _KIND_WORD.finditer(s) for k in _KIND_OF_WORD[m.group(1).lower()]}
    if not kinds or gz.get(place_id).kind in kinds:
        return place_id
    holding = [a.id for a in gz.ancestors(place_id) if a.kind in kinds]
    return holding[0] if len(kinds) == 1 and holding else None


def _placed_from_story(
    r: Report, s: str, recs: list[Report], story: tuple[str, Mention] | None, notes: list[str], gz: Gazetteer
) -> Report:
    """``r``, whose sentence names no place, placed as a coder reading the story places it (ACLED's
    geo-precision convention): at the place of the report just before when ``r`` tells the same
    event (:func:`_link`: same type, dates that meet), else at the one place the story has named
    before it (``story``), with geo_precision 2, "in or near it", since that place is wider than
    where it happened. A story that has named two places, or none, leaves ``r`` unplaced (never a guess)."""
    if r.place_id is not None or r.place_text is not None:
        return r  # placed, or naming a place the gazetteer cannot resolve: never replaced
    prev = recs[-1] if recs else None
    kind = _of_kind(s, story[0], gz) if story is not None else None
    place_id: str | None
    if prev is not None and _context_of(prev, r, s, story[0] if story is not None else None, gz):
        assert prev.place_id is not None  # _context_of holds only placed reports
        place_id, precision = prev.place_id, prev.geo_precision
        why = (
            "place from the story: the sentence names no place; "
            f"that of the report of the same event just before ({prev.id})"
        )
    elif story is not None and kind is not None:
        place_id = kind
        precision = 3 if gz.get(place_id).kind in _COARSE else 2
        why = (
            f"place from the story: the sentence names no place; {gz.get(place_id).name} "
            f"({story[1].text!r} at {story[1].start}) is the one place the story names before it"
            + (", so precision 2: somewhere in or near it" if precision == 2 else ": somewhere in the area")
        )
    else:
        return r
    notes.append(why)
    return replace(r, place_id=place_id, geo_precision=precision, notes=". ".join(notes), **placed(gz, place_id, None))


def _without_dateline(s: str, at: int, dl: _dates.ResolvedDate | None) -> str:
    """Sentence ``s`` (at offset ``at``) with the dateline ``dl`` in it blanked, length kept."""
    if dl is None or not at <= dl.span_start < at + len(s):
        return s
    a, b = dl.span_start - at, min(len(s), dl.span_end - at)
    return s[:a] + " " * (b - a) + s[b:]


def _sentence_dates(
    s: str, at: int, anchor: tuple[dt.date, dt.date], dl: _dates.ResolvedDate | None
) -> list[_dates.ResolvedDate]:
    """The date expressions of sentence ``s`` (at offset ``at``), resolved against ``anchor``;
    the dateline ``dl``'s own date left out (it is the filing day, not an event's)."""
    found = _dates.find_dates(s, anchor)
    if dl is not None and at <= dl.span_start < at + len(s):
        found = [d for d in found if not dl.span_start <= at + d.span_start < dl.span_end]
    return found


def _sentence_mentions(
    s: str, start: int, end: int, mentions: list[Mention], starts: list[int], story: _StoryCities, gz: Gazetteer
) -> list[Mention]:
    """The place mentions of the sentence ``s`` at ``start``..``end`` (one slice of the article's, in
    order), with the generic landmarks its city makes places ("the city hospital")."""
    i = bisect.bisect_left(starts, start)
    ms = []
    while i < len(mentions) and mentions[i].start < end:
        if mentions[i].end <= end and s[mentions[i].start - start : mentions[i].end - start].strip():
            ms.append(mentions[i])  # (a mention blanked with the dateline is left out)
        i += 1
    marks = _landmarks_in(s, start, ms, story, gz)
    return sorted([*ms, *marks], key=lambda m: m.start) if marks else ms


def _append_places(
    recs: list[Report],
    r: Report,
    places: list[Mention],
    s: str,
    at: int,
    text: str,
    gz: Gazetteer,
    notes: list[str],
    *,
    after: Report | None = None,
) -> None:
    """Add ``r``; a change at several ``places`` of its sentence ("The SDF had taken Mishlab and more
    than half of Sabahia") as a report at each, so that each district's control over time hears of it."""
    extents = control_extents_at(s, [(m.start - at, m.end - at) for m in places]) if len(places) > 1 else []
    if len(extents) < 2:
        _append(recs, r, gz, after=after)
        return
    names = ", ".join(m.text for m in places)
    for m, ext in zip(places, extents, strict=True):  # one extent per place
        place_id, place_text, geo_precision = _place_fields(m, text, at)
        rid = f"x-{r.article_id}-{len(recs) + 1:02d}"
        _append(
            recs,
            replace(
                r,
                id=rid,
                event_id=f"ev-{rid}",
                control_extent=ext,
                place_id=place_id,
                place_text=place_text,
                geo_precision=geo_precision,
                **placed(gz, place_id, place_text),
                notes=". ".join([*notes, f"one of {len(places)} places this sentence reports a change at ({names})"]),
            ),
            gz,
        )


class _Story:
    """What the sentences of one article are read against: its filing day and dateline, the spans that
    are not its story (captions, page furniture, the headline), the day its offensive began, and its
    place mentions (read once, and only when a sentence needs them)."""

    def __init__(self, text: str, article: Article, gz: Gazetteer, title: str | None) -> None:
        self.text, self.article, self.gz = text, article, gz
        self.pub = (article.published_earliest, article.published_latest)
        # "BEIRUT, June 14 (Reuters) -": the day the story was filed, from which its "on Tuesday"
        # counts; the dateline's own date is never an event's
        self.dl = _dates.dateline(text, self.pub)
        self.anchor = (self.dl.start, self.dl.end) if self.dl is not None else self.pub
        self.source = sourced(article, origin="extracted")
        skip = [(c.start, c.end) for c in captions(text, published=self.pub)]
        skip += [(x.start, x.end) for x in lines(text) if is_boilerplate(x.text)]
        # captions, page furniture and the dateline (where the reporter is): their places are not the story's
        self.dl_place = _dateline_span(text)
        self.not_story = _Spans(skip + ([self.dl_place] if self.dl_place is not None else []))
        self.skipped = _Spans(skip + _headline_spans(text, title))
        # the day the story says its offensive began: read once, and only for an undated state
        self.sentences = sentences(text)
        self.launched = lru_cache(maxsize=1)(lambda: _launch_day(self.sentences, self.anchor))

    @cached_property
    def mentions(self) -> list[Mention]:
        return place_mentions(self.text, self.gz)

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.mentions]  # in text order: a sentence's mentions are one slice

    @cached_property
    def cities(self) -> _StoryCities:
        return _StoryCities(self.mentions, self.not_story, self.text)

    @cached_property
    def places(self) -> _StoryPlaces:
        return _StoryPlaces(self.mentions, self.not_story, self.gz, self.text)


_Dates = tuple[dt.date, dt.date, str, str | None]


def _dated(story: _Story, s: str, at: int, c: Classification, has_cas: bool) -> tuple[_Dates, list[str]] | None:
    """``((date_start, date_end, precision, date_text), notes)`` of sentence ``s`` (at ``at``), or ``None``
    when it tells no episode of its own (a forecast, a generic statement, background long past)."""
    found = _sentence_dates(s, at, story.anchor, story.dl)
    if _no_episode(s, c.event_type, dated=bool(found), toll=has_cas):
        return None
    notes = ["extracted automatically from the wording; not reviewed"]
    if story.dl is not None:
        notes.append(f"dates counted from the dateline's day, {story.dl.start.isoformat()} ({story.dl.text!r})")
    if _background(s, found, story.pub[0]):
        return None
    told = partial(_reference_day, story.text, at, story.anchor)  # "A day earlier, ...": from the day told before
    lo, hi = story.anchor
    return _date_fields(s, found, lo, hi, notes, launched=story.launched, reference=told), notes


def _as_toll_of_last(
    c: Classification, has_cas: bool, recs: list[Report], notes: list[str]
) -> tuple[Classification, Report | None]:
    """``c``, and the report just told, when the sentence gives its toll with no event word of its own
    ("Tens of people were also wounded", "the Observatory documented the deaths of 68 civilians")."""
    if c.event_type == "other" and has_cas and recs and recs[-1].event_type in _TOLL_EVENTS and not c.cues:
        last = recs[-1]
        notes.append(f"a toll with no event word: of the {last.event_type} told just before ({last.id})")
        return replace(c, event_type=last.event_type, munition=c.munition or last.munition), last
    return c, None


def extract_records(text: str, *, article: Article, gz: Gazetteer, title: str | None = None) -> list[Report]:
    """Candidate reports of ``article`` (its ``text``), placed and sourced, never reviewed.

    ``title`` is the headline as given, if any (it and its repeats are not incidents).
    """
    story = _Story(text, article, gz, title)
    article_id, outlet = article.id, article.outlet
    recs: list[Report] = []
    previous: str | None = None
    here = 0
    for sp in story.sentences:
        # the dateline is read as words of no one: its city is not the place, its date not the
        # event's, its agency not the speaker; blanked (same length) for the coders, kept in the quote
        s = _without_dateline(sp.text, sp.start, story.dl)
        before, here = here, sp.start  # the previous sentence's start: how far back "the neighbourhood" reaches
        if story.skipped.hold(sp.start, sp.end) or not _CUES(s):
            continue
        c, cas = _code(s, previous, outlet)
        if c.claimants:
            previous = "; ".join(c.claimants)
        has_cas = cas.has_deaths or cas.has_injured
        if (
            c.event_type == "other"
            and not has_cas
            and c.control is None
            and not any(x.startswith("event_type:") for x in c.cues)
        ):  # "other" with a cue: the campaign's launch
            continue
        dated = _dated(story, s, sp.start, c, has_cas)
        if dated is None:
            continue
        (d0, d1, prec, dtext), notes = dated
        ms = _sentence_mentions(s, sp.start, sp.end, story.mentions, story.starts, story.cities, gz)
        ms = _off_dateline(ms, story.dl_place)
        district = _anaphor_place(s, sp.start, before, story.mentions, story.starts, story.not_story, text)
        place_id, place_text, geo_precision, mentioned = _place_of(
            s, sp.start, text, ms, story.cities, notes, district
        )
        if cas.injured_best is not None and cas.injured_low is None and cas.injured_high is None:
            notes.append(f"about {cas.injured_best} injured (a best estimate the schema's low/high cannot hold)")
        control = c.control if c.event_type == "territory_change" else None
        if control is not None and control.actor is None and control.extent != "repelled":
            control, c = _winner_told_before(control, c, recs, notes)
        c, after = _as_toll_of_last(c, has_cas, recs, notes)  # the report whose toll this sentence gives
        if c.cues:
            notes.append("cues: " + "; ".join(c.cues))
        rid = f"x-{article_id}-{len(recs) + 1:02d}"
        r = Report(
            id=rid,
            event_id=f"ev-{rid}",
            article_id=article_id,
            quote=sp.text,
            span_start=sp.start,
            span_end=sp.end,
            event_type=c.event_type,
            munition=c.munition,
            actor=c.actor,
            target=c.target,
            status=c.status,
            claimed_by=c.claimed_by or outlet,
            date_text=dtext,
            date_start=d0.isoformat(),
            date_end=d1.isoformat(),
            date_precision=prec,
            place_id=place_id,
            place_text=place_text,
            geo_precision=geo_precision,
            places_mentioned=tuple(mentioned),
            deaths_low=cas.deaths_low,
            deaths_best=cas.deaths_best,
            deaths_high=cas.deaths_high,
            injured_low=cas.injured_low,
            injured_high=cas.injured_high,
            casualty_group=cas.casualty_group,
            civilian_harm=bool(c.civilian_harm or (cas.casualty_group and "civilian" in cas.casualty_group.lower())),
            control_actor=control.actor if control else None,
            control_from=control.from_ if control else None,
            control_extent=control.extent if control else None,
            notes=". ".join(notes),
            **placed(gz, place_id, place_text),
            **story.source,
        )
        r = _placed_from_story(r, s, recs, story.places.only_place_before(sp.start), notes, gz)
        other = second_event(s, c.event_type)
        second = classify(s, previous_claimant=previous, default_claimant=outlet, event=other) if other else None
        places = _changed_places(ms, text, sp.start) if control is not None else []
        _append_places(recs, r, places, s, sp.start, text, gz, notes, after=after)
        if second is not None:
            _append_second(recs, r, second, gz)
    return recs


def article_for(
    text: str,
    article_id: str,
    lo: dt.date,
    hi: dt.date,
    *,
    outlet: str,
    title: str | None,
    file: str | None,
    note: str = "given at extraction",
) -> Article:
    """The :class:`Article` the extractor reads: published between ``lo`` and ``hi`` (``note`` says how that
    was known); without a ``title``, the first line when it is a headline, else the article's id."""
    if title is None:
        # the first line, when it is a headline: a line as long as the article is no title, and a
        # title is copied into every report (a 100 KB one-line file made 121 MB of reports)
        ls = [x for x in lines(text) if not is_boilerplate(x.text)]
        title = ls[0].text if ls and len(ls[0].text) <= MAX_TITLE_CHARS else article_id
    return Article(
        id=article_id,
        outlet=outlet,
        title=title,
        published_earliest=lo,
        published_latest=hi,
        date_precision=_pub_precision(lo, hi),
        date_basis="stated",
        date_note=note,
        text=text,
        file=file,
        reviewed=False,
    )


def extract_text(
    text: str,
    *,
    article_id: str,
    published,
    outlet: str,
    title: str | None = None,
    gz: Gazetteer | None = None,
    file: str | None = None,
) -> list[dict]:
    """Candidate incident reports of one article, as flat report properties.

    Parameters
    ----------
    text : str
        The article as read (offsets are ``str`` indices into it).
    article_id : str
        Used in report ids (``x-<article_id>-<nn>``).
    published : date or (earliest, latest)
        Publication date or range; dates in the text are resolved against it.
    outlet : str
        The claimant of unattributed sentences.
    title : str, optional
        The headline (default: the first line); it is not reported as an incident.
    gz : Gazetteer, optional
        Default: the shipped gazetteer.

    Returns
    -------
    list of dict
        :meth:`Report.to_dict <geo.records.report.Report.to_dict>` of each report (the boundary
        for callers that hold dicts), ``origin="extracted"``, ``reviewed=False``; ``lat``/``lon``
        ``None`` for unresolved places.

    Raises
    ------
    ValueError
        For a bad publication date or range.
    NotEnglishError
        For text long enough to judge that does not read as English.
    """
    if not isinstance(text, str):
        raise TypeError(f"could not extract from {text!r}: expected a str")
    require_english(text, name=file or article_id)
    gz = gz if gz is not None else gazetteer.load()
    lo, hi = _published(published)
    art = article_for(text, article_id, lo, hi, outlet=outlet, title=title, file=file)
    return [r.to_dict() for r in extract_records(text, article=art, gz=gz, title=title)]


def extract_article(
    path: str | os.PathLike, *, published, outlet: str, title: str | None = None, gz: Gazetteer | None = None
) -> list[dict]:
    """Read one article file (errors name it) and extract its reports; id = file stem."""
    p = Path(path)
    text = gazetteer.read_article(p)
    return extract_text(text, article_id=p.stem, published=published, outlet=outlet, title=title, gz=gz, file=str(p))


def iter_extract(
    paths: Iterable[str | os.PathLike], *, published, outlet: str, title: str | None = None, gz: Gazetteer | None = None
) -> Iterator[tuple[str, list[dict]]]:
    """Stream ``(path, reports)`` one article at a time (nothing is kept between articles).

    Raises
    ------
    gazetteer.ArticleError
        Naming the file, for a missing, empty, binary, non-UTF-8 or oversized article.
    """
    gz = gz if gz is not None else gazetteer.load()
    _published(published)  # fail early on a bad date, before reading anything
    for p in paths:
        yield str(p), extract_article(p, published=published, outlet=outlet, title=title, gz=gz)


def extract_files(
    paths: Iterable[str | os.PathLike], *, published, outlet: str, title: str | None = None, gz: Gazetteer | None = None
) -> dict:
    """Candidate reports of several articles as a GeoJSON FeatureCollection.

    Every file is read before anything is returned, so a bad file (its
    :class:`gazetteer.ArticleError` names it) means no output at all.
    """
    lo, hi = _published(published)
    texts = [(Path(p), gazetteer.read_article(p)) for p in paths]  # every file checked before any work
    for p, text in texts:
        require_english(text, name=str(p))
    gz = gz if gz is not None else gazetteer.load()
    recs: list[Report] = []
    for p, text in texts:
        art = article_for(text, p.stem, lo, hi, outlet=outlet, title=title, file=str(p))
        recs.extend(extract_records(text, article=art, gz=gz, title=title))
    # one incident told by several of the articles is one event, its figures side by side
    return {"type": "FeatureCollection", "features": [r.to_feature() for r in link_events(recs)]}
