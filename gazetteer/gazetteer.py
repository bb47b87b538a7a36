"""The :class:`Gazetteer`: curated places, name lookup, mentions in text, reverse lookup."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import NamedTuple

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .exc import AmbiguousName
from .geodesy import area_m2, circle, disc_area_m2, distance_m, rfc7946_geometry
from .matcher import Matcher, extend_article, is_actor_use, is_modifier
from .normalize import fold_for_matching, name_key, strict_key
from .personal import english_spellings, folded_given_names, generic_spellings, is_personal_key
from .place import SUB_CITY_KINDS, Place

#: Words right after a name that make it a place inside a city ("al-Romania district").
_LOCAL_HEADS = r"district|neighbou?rhood|quarter|area|street|suburb|square|roundabout"
_LOCAL_CUE = re.compile(rf"^\W{{0,3}}(?:{_LOCAL_HEADS})s?\b", re.IGNORECASE)
#: Context that points to a country rather than a Raqqa district of the same name.
_COUNTRY_CUE = re.compile(r"\b(?:country|countries|European|EU|NATO|Bucharest|government of|embassy)\b")
#: A capitalised name just before a trigger word ("the Tayar district"), or right after "town of".
_NAME_BEFORE = re.compile(
    r"((?:(?:[Aa]l|[Ee]l|[Aa]r|[Aa]s|[Aa]sh|a)[-\u2019' ])?"
    r"[A-Z][\w\u2019'-]*(?: (?:(?:al|el|a)-)?[A-Z][\w\u2019'-]*){0,3})\s+$"
)
_NAME_AFTER = re.compile(
    r"^\s+((?:(?:[Aa]l|[Ee]l|[Aa]r|[Aa]s|[Aa]sh|a)-)?"
    r"[A-Z][\w\u2019'-]*(?: (?:(?:al|el|a)-)?[A-Z][\w\u2019'-]*){0,3})"
)
_LEADING_ARTICLE = re.compile(r"(?:al|el|ar|as|ash|an|at|ad|az|a)[- ]\S", re.IGNORECASE)
_SPACED_ARTICLES = frozenset({"Al ", "al ", "El ", "el ", "Ar "})
_OPERATION_BEFORE = re.compile(r"\bOperation(?: [A-Z][\w'-]*)*(?: of the)? $")
#: Place context for a spelling that is also a given name ("Mansour"): a head after it ...
_PERSONAL_HEAD_AFTER = re.compile(rf"^\W{{0,3}}(?:{_LOCAL_HEADS}|village|town|city|camp)s?\b", re.IGNORECASE)
#: ... or a place noun before it ("the village of Karama"), also at the end of a list of names
#: it governs ("the villages of al-Buhamad, Athshana and Ghanim Ali").
_PERSONAL_CUE_BEFORE = re.compile(
    r"\b(?i:village|town|city|district|neighbou?rhood|suburb|area|outskirts|countryside|entrance|edge)s? of (?:the )?"
    r"(?:(?:(?:al|el|a)-)?[A-Z][\w\u2019'-]*(?: [A-Z][\w\u2019'-]*){0,3}(?:, and |, | and | or ))*$"
)
#: A head after a settlement's name that names a wider area: "the Deir ez-Zor countryside" is the governorate.
_AREA_HEAD = re.compile(
    r"(?:['\u2019]s)?\s+(?:countryside|province|governorate|rural areas|hinterland)\b", re.IGNORECASE
)
#: ... or before it, governing the name with "of": "the southeastern countryside of Raqqa".
_AREA_HEAD_BEFORE = re.compile(
    r"\b(?:countryside|province|governorate|rural areas|hinterland) of (?:the )?$", re.IGNORECASE
)
#: A capitalised word right after a cluster's shared first word ("Kasrat Srour"): a member we do not list.
_NAME_GOES_ON = re.compile(r"[ -](?:(?:al|el|a)-)?[A-Z][a-z\u2019']+")
#: A head that names a site outside the settlement ("Tabqa prison", "the Raqqa-Deir ez-Zor road"):
#: not the town's centre point. A longer known name ("Tabqa Dam") was matched whole before this is asked.
_SITE_HEAD = re.compile(
    r"(?:\s?[-\u2013]\s?[A-Z][\w\u2019']*(?:[ -][A-Za-z][\w\u2019']*){0,3})?"
    r"\s+(?:military |civil(?:ian)? |international )?"
    r"(?:airport|air ?base|airfield|airstrip|dam|oil ?fields?|gas ?fields?|refinery|border crossing|crossing|"
    r"river|road|highway|motorway|prison|jail)s?\b",
    re.IGNORECASE,
)
#: What joins a generic name to the city it is in: "the National Hospital in Deir ez-Zor".
_IN_CITY = re.compile(r"\s*(?:,\s*)?(?:in|of|at)\s+(?:the\s+)?(?:city\s+of\s+)?$")
#: What may stand between a settlement's name and its head ("Raqqa countryside", "Raqqa's", "Raqqa-Deir").
_HEAD_JOINS = frozenset((" ", "'", "\u2019", "-", "\u2013"))
#: Kinds whose name a head word may turn into another referent.
_SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,3}$")
#: A name that starts with a direction word ("West Raqqa") ...
_DIRECTED = re.compile(r"^(?P<dir>(?:North|South|East|West)(?:ern)?|Upper|Lower) (?P<rest>\S.*)$")
#: ... and the direction words coordinated just before it ("East and West Raqqa",
#: "North, East and West Raqqa"): each elides the same name
_COORDINATED = re.compile(r"(?:\b(?:(?:North|South|East|West)(?:ern)?|Upper|Lower)(?:,\s+|\s+(?:and|or|&)\s+)){1,3}$")
_DIRECTION_WORD = re.compile(r"\b(?:(?:North|South|East|West)(?:ern)?|Upper|Lower)\b")
_NOT_NAMES = frozenset(
    "The A An This That These Those Each Every One Two Three Its His Her Their Our "
    "Eastern Western Northern Southern Central "
    "East West North South Old New Industrial Residential Another Same Whole Entire Which What".split()
)


def _start(m: Mention) -> int:
    return m.start


def _end(m: Mention) -> int:
    return m.end


class Mention(NamedTuple):
    """A place name found in a text.

    Attributes
    ----------
    text : str
        The name as written (article included: ``Al-Meshleb``).
    start, end : int
        Character offsets in the text: ``text == source[start:end]``.
    place : Place or None
        The resolved place; ``None`` when unknown or ambiguous.
    candidates : tuple of Place
        Every place the name could be (more than one when ambiguous).
    status : str
        ``resolved``, ``ambiguous`` or ``unknown`` (a place-like name not in the gazetteer).
    """

    text: str
    start: int
    end: int
    place: Place | None
    candidates: tuple[Place, ...] = ()
    status: str = "resolved"

    def to_json(self) -> dict:
        """The mention as the command line prints it."""
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "status": self.status,
            "place_id": p.id if p else None,
            "name": p.name if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "uncertainty_m": p.uncertainty_m if p else None,
            "candidates": [c.id for c in self.candidates] if self.status == "ambiguous" else [],
        }


class Gazetteer:
    """A set of curated places with name lookup and text matching.

    Parameters
    ----------
    places : iterable of Place
        Already validated places (see :func:`gazetteer.load`).
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self._places: dict[str, Place] = {}
        for p in places:
            self._places[p.id] = p
        index: dict[str, set[str]] = defaultdict(set)
        for p in self._places.values():
            for n in p.names:
                index[name_key(n)].add(p.id)
            if p.name_ar:
                index[name_key(p.name_ar)].add(p.id)
        self._index = {k: tuple(sorted(v)) for k, v in index.items() if k}

    # ------------------------------------------------------------ containers
    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def get(self, place_id: str) -> Place:
        """The place with this id; ``KeyError`` naming it otherwise."""
        try:
            return self._places[place_id]
        except KeyError:
            raise KeyError(f"no place with id {place_id!r} in the gazetteer") from None

    def ancestors(self, place_id: str) -> list[Place]:
        """Parents of a place, nearest first."""
        out: list[Place] = []
        p = self.get(place_id)
        while p.parent and p.parent in self._places and len(out) < 20:
            p = self._places[p.parent]
            out.append(p)
        return out

    @cached_property
    def _lineage(self) -> dict[str, frozenset[str]]:
        """Each place's id with the ids of all its ancestors."""
        return {p.id: frozenset([p.id] + [a.id for a in self.ancestors(p.id)]) for p in self}

    def descendants(self, place_id: str) -> list[Place]:
        """Every place whose chain of parents passes through ``place_id``."""
        return [p for p in self if any(a.id == place_id for a in self.ancestors(p.id))]

    def address(self, place: Place) -> str:
        """``al-Mishlab, Raqqa, Raqqa Governorate, Syria``."""
        return ", ".join([place.name] + [a.name for a in self.ancestors(place.id)])

    # ------------------------------------------------------------ lookup
    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place this name (or id) may refer to.

        When several places share the loose key, a spelling that matches one of
        them *with* its article ("al-Romania": the district, never the country)
        narrows it to that one.
        """
        if name in self._places:
            return (self._places[name],)
        found = tuple(self._places[i] for i in self._index.get(name_key(name), ()))
        if len(found) > 1:
            strict = strict_key(name)
            exact = [p for p in found if any(strict_key(n) == strict for n in p.names)]
            if len(exact) == 1:
                return tuple(exact)
        return found

    def lookup(self, name: str) -> Place | None:
        """The place a name refers to, or ``None`` when the gazetteer does not know it.

        Raises
        ------
        AmbiguousName
            When the name is shared by several places (e.g. ``Romania``);
            :meth:`mentions` uses context to decide, ``lookup`` never guesses.
        """
        found = self.candidates(name)
        if len(found) > 1:
            raise AmbiguousName(name, found)
        return found[0] if found else None

    # ------------------------------------------------------------ reverse
    def reverse(self, lat: float, lon: float) -> Place | None:
        """The smallest place containing the point.

        Polygons contain what they cover; a place known only as a point
        "contains" what lies within its uncertainty radius (circular zones,
        their radius). Lines (rivers, streets) contain nothing.
        """
        best: tuple[float, Place] | None = None
        pt = Point(lon, lat)
        for p, geom, area in self._areas:
            if geom is not None:
                if not geom.covers(pt):
                    continue
            else:
                radius = p.radius_m or p.uncertainty_m
                if distance_m(lat, lon, p.lat, p.lon) > radius:
                    continue
            if best is None or area < best[0]:
                best = (area, p)
        return best[1] if best else None

    @cached_property
    def _areas(self) -> list[tuple[Place, BaseGeometry | None, float]]:
        out = []
        for p in self:
            g = p.shape
            if g.geom_type in ("Polygon", "MultiPolygon"):
                out.append((p, g, area_m2(g)))
            elif g.geom_type == "Point":
                out.append((p, None, disc_area_m2(p.radius_m or p.uncertainty_m)))
        return out

    # ------------------------------------------------------------ mentions
    @cached_property
    def _matcher(self) -> Matcher:
        pairs: list[tuple[Place, str]] = []
        for p in self:
            pairs.extend((p, n) for n in p.names)
            if p.name_ar:
                pairs.append((p, p.name_ar))
        return Matcher(pairs, personal=is_personal_key, capitalised=english_spellings())

    def mentions(self, text: str, *, unresolved: bool = True) -> list[Mention]:  # noqa: C901 - the hot loop, kept flat
        """Every place mention in ``text``, in order, with character offsets.

        Ambiguous names are settled by context where it speaks clearly (a
        following "district", an attached Arabic article, the city named
        nearby, country words); otherwise they come back ``ambiguous`` with
        their candidates. Compound modifiers (``US-led``, ``Britain-based``)
        and countries standing for their state or troops (``US and British
        troops``) name actors, not places, and are skipped.

        Parameters
        ----------
        text : str
            The article.
        unresolved : bool, keyword-only
            Also return place-like names the gazetteer does not know ("the
            Tayar district", "the town of X") with ``status="unknown"``.
        """
        out: list[Mention] = []
        pending: list[int] = []
        triggers: list[tuple[int, int]] = []
        new = tuple.__new__  # NamedTuple's own __new__ is a Python function: this is the hot loop
        append = out.append
        matcher = self._matcher
        found, payloads, folded, space = matcher.raw(text)
        last = 0
        for i, h_start, end in found:
            if h_start < last:
                continue  # inside a hit that settle() moved past the automaton's own
            pat = payloads[i]
            if folded[end] != space or pat.case_sensitive or pat.article:
                settled = matcher.settle(text, folded, h_start, end, pat)
                if settled is None:
                    continue
                h_start, end, pat = settled
                last = end
            end -= 1  # the folded text's leading space: an end there is one past the end in the text
            if pat.simple:
                # one place, no flag to weigh (most hits): only the modifier and article checks
                if "-" in text[end : end + 3] and is_modifier(text, end):
                    continue
                if h_start and (text[h_start - 1] == "-" or text[h_start - 4 : h_start][-3:] in _SPACED_ARTICLES):
                    start = extend_article(text, h_start)
                    if start < h_start and self._after_given_name(text, start):
                        continue  # "Khalid al-Hajin": a family name (nisba), not the place
                    append(new(Mention, (text[start:end], start, end, pat.places[0], pat.places, "resolved")))
                else:
                    append(new(Mention, (text[h_start:end], h_start, end, pat.places[0], pat.places, "resolved")))
                continue
            trigger, cands, _sp, _cs, _len, _mw, countries, op_prone, _simple, _art, personal, capital = (
                pat  # one unpack beats eight attribute reads
            )
            if trigger:
                triggers.append((h_start, end))
                continue
            if capital and not text[h_start].isupper():
                continue  # "the attack bared": an English word, no place (a name is capitalised)
            after = text[end : end + 3]
            if "-" in after and is_modifier(text, end):
                continue
            start = h_start
            if h_start and (text[h_start - 1] == "-" or text[h_start - 4 : h_start][-3:] in _SPACED_ARTICLES):
                start = extend_article(text, h_start)
            if (start < h_start or (personal and _LEADING_ARTICLE.match(text[start:end]))) and self._after_given_name(
                text, start
            ):
                continue  # "Khalid al-Mansour": a family name, not the district
            if (
                personal
                and not _LEADING_ARTICLE.match(text[start:end])
                and not self._place_context(text, h_start, end)
            ):
                continue  # "Mansour, 34, said": a bare given name is no place without a place word
            if op_prone and _OPERATION_BEFORE.search(text[max(0, h_start - 60) : h_start]):
                continue  # "Operation Wrath of the Euphrates" names an operation, not the river
            if countries:
                if ((after[:1] == " " or after[:1] == ".") and is_actor_use(text, end)) or _ABBREVIATION.match(
                    text[h_start:end]
                ):
                    # "US", "U.S.", "UK" in reporting name the state as an actor, never where something happened
                    continue
            if len(cands) == 1:
                append(new(Mention, (text[start:end], start, end, cands[0], cands, "resolved")))
            else:
                pending.append(len(out))
                append(new(Mention, (text[start:end], start, end, None, cands, "ambiguous")))
        for i in pending:
            out[i] = self._disambiguate(text, out[i], out)
        # the second passes only where their words are in the text at all (a substring test of
        # the folded text, native code): they walk every mention in Python
        low = folded if isinstance(folded, str) else folded.decode("ascii")
        if self._head_words.search(low):
            self._headed(text, out)
        if self._generic_words is not None and self._generic_words.search(low):
            self._generic(text, out)
        elided = self._elided(text, out)
        if elided:
            out.extend(elided)
            out.sort(key=lambda m: m.start)
        if unresolved and triggers:
            out.extend(self._unknown(text, triggers, out))
            out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _after_given_name(text: str, start: int) -> bool:
        """True when a given name stands just before ``start`` ("Khalid al-Mansour": a family name)."""
        if start < 3 or text[start - 1] != " " or not text[start - 2].isalpha():
            return False  # the cheap test first: this runs for every name written with its article
        j = text.rfind(" ", max(0, start - 24), start - 1)
        word = text[j + 1 : start - 1]
        return word[:1].isupper() and word.lower().replace("\u2019", "'") in folded_given_names()

    @staticmethod
    def _place_context(text: str, start: int, end: int) -> bool:
        """A place word right after ("Mansour district") or a place noun before ("the village of Karama")."""
        return bool(
            _PERSONAL_HEAD_AFTER.match(text[end : end + 20])
            or _PERSONAL_CUE_BEFORE.search(text[max(0, start - 160) : start])
        )

    @cached_property
    def _head_words(self) -> re.Pattern[str]:
        """Folded words without which :meth:`_headed` has nothing to do: the heads, and the first
        word of each cluster of villages ("kasrat"), as one pattern (one native scan of the text)."""
        heads = ["countryside", "province", "governorate", "rural", "hinterland", "airport", "air", "airbase",
                 "airfield", "airstrip", "dam", "oil", "oilfields?", "gas", "refinery", "crossing", "river", "road",
                 "highway", "motorway", "prison", "jail"]  # fmt: skip
        clusters = {name_key(p.name).split()[0] for p in self if p.name.endswith(" villages")}
        alternation = "|".join([*heads, *map(re.escape, sorted(clusters))])
        return re.compile(f" (?:{alternation}) ")

    @cached_property
    def _generic_words(self) -> re.Pattern[str] | None:
        """The generic spellings, folded as in the text (" national hospital "), as one pattern."""
        if not self._generic_places:
            return None
        alternation = "|".join(re.escape(g) for g in sorted(generic_spellings()))
        return re.compile(f" (?:{alternation}) ")

    @cached_property
    def _generic_places(self) -> dict[str, str]:
        """``{place id: its city's id}`` of the places with a generic spelling ("National Hospital")."""
        generic = generic_spellings()
        out: dict[str, str] = {}
        for p in self:
            if any(fold_for_matching(n) in generic for n in p.names):
                city = next((a for a in self.ancestors(p.id) if a.kind == "city"), None)
                if city is not None:
                    out[p.id] = city.id
        return out

    def _generic(self, text: str, out: list[Mention]) -> None:
        """A generic spelling ("the National Hospital") is its city's place only when the text names
        that city (or a place in it); otherwise it is a place we cannot tell, and comes back unknown."""
        generic, lineage = self._generic_places, self._lineage
        for i, m in enumerate(out):
            if m.place is None or m.place.id not in generic:
                continue
            words = fold_for_matching(m.text).split()
            if words and words[0] in ("al", "el", "the") and len(words) > 2:
                words = words[1:]
            if " ".join(words) not in generic_spellings():
                continue  # a proper spelling ("Raqqa National Hospital", "al-Mashfa al-Watani")
            city = generic[m.place.id]
            nxt = out[i + 1] if i + 1 < len(out) else None
            elsewhere = (
                nxt is not None
                and nxt.place is not None
                and nxt.place.kind == "city"
                and nxt.place.id != city
                and _IN_CITY.match(text, m.end, nxt.start) is not None
            )  # "the National Hospital in Deir ez-Zor": another city's, whatever else the text names
            if elsewhere or not any(o.place is not None and o is not m and city in lineage[o.place.id] for o in out):
                out[i] = m._replace(place=None, candidates=(), status="unknown")

    def _headed(self, text: str, out: list[Mention]) -> None:
        """Settle a settlement's name followed by a head that changes what it names, in place.

        "the Deir ez-Zor countryside" is the governorate around the city, so the
        mention goes to the settlement's governorate (coarser, still right);
        "Tabqa prison" or "the Raqqa-Deir ez-Zor road" is a site we do not know,
        outside the town: never the town's centre point, so it comes back unknown.
        """
        settlements = _SETTLEMENT_KINDS
        for i, m in enumerate(out):
            place = m.place
            if place is None or place.kind not in settlements:
                continue
            end = m.end
            if place.name.endswith(" villages") and " " not in m.text:
                goes_on = _NAME_GOES_ON.match(text, end)
                if goes_on is not None:
                    # "Kasrat Srour": one village of the cluster, not listed; the cluster's point is not it
                    stop = goes_on.end()
                    if i + 1 < len(out) and out[i + 1].start < stop:
                        stop = end  # the next word is a name of its own
                    name = text[m.start : stop]
                    out[i] = m._replace(text=name, end=stop, place=None, candidates=(), status="unknown")
                    continue
            if text.endswith(("of ", "the "), 0, m.start) and _AREA_HEAD_BEFORE.search(
                text, max(0, m.start - 40), m.start
            ):
                area = True  # "the countryside of Raqqa" is "Raqqa countryside"
            elif text[end : end + 1] in _HEAD_JOINS:
                # match at the position, not on a slice: this runs for every settlement's name
                area = _AREA_HEAD.match(text, end, end + 40) is not None
                if not area and _SITE_HEAD.match(text, end, end + 60) is not None:
                    out[i] = m._replace(place=None, candidates=(), status="unknown")
                    continue
            else:
                continue  # the cheap test first: most names are followed by a comma or a full stop
            if area:
                gov = next((a for a in self.ancestors(place.id) if a.kind == "governorate"), None)
                if gov is not None:
                    out[i] = m._replace(place=gov, candidates=(gov,))
                else:
                    out[i] = m._replace(place=None, candidates=(), status="unknown")

    def _disambiguate(self, text: str, m: Mention, others: list[Mention]) -> Mention:
        cands = list(m.candidates)
        after = text[m.end : m.end + 30]
        window = text[max(0, m.start - 250) : m.end + 120]
        has_article = bool(_LEADING_ARTICLE.match(m.text))
        local = [c for c in cands if c.kind in SUB_CITY_KINDS or c.kind == "suburb"]
        if (_LOCAL_CUE.match(after) or has_article) and len(local) >= 1:
            cands = local
        elif _COUNTRY_CUE.search(window):
            countries = [c for c in cands if c.kind == "country"]
            if len(countries) == 1:
                cands = countries
        if len(cands) > 1:
            # the city named nearest before (or just after) decides between same-named parts of two cities
            near = [
                (o, o.place)
                for o in others
                if o.place is not None and o.start != m.start and abs(o.start - m.start) <= 300
            ]
            near.sort(key=lambda op: (op[0].start > m.start, abs(op[0].start - m.start)))
            lineage = self._lineage
            for _o, o_place in near:
                ctx = lineage[o_place.id]
                # sharing only a country settles nothing: both Old Cities are in some country
                fit = [
                    c
                    for c in cands
                    if c.kind != "country" and any(self._places[a].kind != "country" for a in ctx & lineage[c.id])
                ]
                if len(fit) == 1:
                    cands = fit
                    break
        if len(cands) == 1:
            return m._replace(place=cands[0], status="resolved")
        return m

    def _elided(self, text: str, found: list[Mention]) -> list[Mention]:
        """Direction words that elide a known name: "East" in "East and West Raqqa".

        Only when the full name ("East Raqqa") is itself one known place: the
        word alone is never looked up.
        """
        out = []
        for m in found:
            if m.text[:1] not in "NSEWUL" or m.place is None:
                continue  # the cheap test first: this runs over every mention
            d = _DIRECTED.match(m.text)
            if d is None:
                continue
            lead = _COORDINATED.search(text, max(0, m.start - 60), m.start)
            if lead is None:
                continue
            for w in _DIRECTION_WORD.finditer(text, lead.start(), lead.end()):
                cands = self.candidates(f"{w.group()} {d.group('rest')}")
                if len(cands) == 1:
                    out.append(Mention(w.group(), w.start(), w.end(), cands[0], cands, "resolved"))
        return out

    def _unknown(self, text: str, triggers: list[tuple[int, int]], known: list[Mention]) -> list[Mention]:
        # ``known`` is sorted and non-overlapping, so its ends rise with its
        # starts: bisection answers "a mention starts/ends here" and "overlaps"
        # without a pass over every mention
        def starts_at(i: int) -> bool:
            k = bisect_left(known, i, key=_start)
            return k < len(known) and known[k].start == i

        def ends_at(i: int) -> bool:
            k = bisect_left(known, i, key=_end)
            return k < len(known) and known[k].end == i

        def overlaps(s: int, e: int) -> bool:
            k = bisect_left(known, e, key=_start)  # known[k - 1]: the last one starting before e
            return k > 0 and known[k - 1].end > s

        out: dict[int, Mention] = {}
        for t_start, t_end in triggers:
            word = text[t_start:t_end].lower()
            if word.endswith(" of"):
                if starts_at(t_end + 1):
                    continue  # "the town of Tabqa": a place we know
                mt = _NAME_AFTER.match(text[t_end : t_end + 60])
                if not mt:
                    continue
                s, e = t_end + mt.start(1), t_end + mt.end(1)
            else:
                if ends_at(t_start - 1):
                    continue  # "al-Romania district": a place we know
                mt = _NAME_BEFORE.search(text[max(0, t_start - 60) : t_start])
                if not mt:
                    continue
                s = max(0, t_start - 60) + mt.start(1)
                e = s + len(mt.group(1))
            name = text[s:e].rstrip("'\u2019s").rstrip()
            e = s + len(name)
            first = name.split()[0].split("-")[-1] if name.split() else ""
            if not name or first in _NOT_NAMES or name in _NOT_NAMES:
                continue
            if overlaps(s, e):
                continue
            out.setdefault(s, Mention(name, s, e, None, (), "unknown"))
        return list(out.values())

    # ------------------------------------------------------------ export
    def to_geojson(self) -> dict:
        """The gazetteer as RFC 7946 GeoJSON.

        Longitude-latitude order, counter-clockwise exterior rings, no ``crs``
        member; circular zones expanded to geodesic polygons (``radius_m``
        kept as a property), coordinates rounded to 6 decimals (about 0.1 m).
        """
        feats = []
        for p in sorted(self, key=lambda p: p.id):
            f = p.to_feature()
            f["geometry"] = rfc7946_geometry(circle(p.lat, p.lon, p.radius_m) if p.radius_m else p.shape)
            f["properties"]["id"] = p.id
            f["properties"]["address"] = self.address(p)
            f["properties"]["sources"] = [dict(s) for s in p.sources]
            feats.append(f)
        return {"type": "FeatureCollection", "features": feats}
