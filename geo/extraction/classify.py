"""Rule-based coding of one sentence of reporting.

From the wording alone: the event type, the munition, the claim's status,
who asserts it (normalised to canonical names), the actor, the target, and
for territory changes the extent of control. Rules are ordered keyword
patterns, deliberately transparent: every decision records the words that
triggered it in ``Classification.cues``.

Canonical claimant and actor names follow ``geo/data/README.md``.

The module is pure; its patterns are built with :mod:`geo.extraction.matching`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "INCIDENT_PATTERNS",
    "second_event",
    "explanatory",
    "EVENT_TYPES",
    "STATUSES",
    "EXTENTS",
    "Control",
    "Classification",
    "classify",
    "event_type",
    "munition",
    "status",
    "claimants",
    "claimant",
    "normalise_claimant",
    "control_extent",
    "actor",
    "target",
]

from geo.extraction import rules  # noqa: E402  (the names and words: geo/extraction/rules/*.toml)
from geo.extraction.matching import AnyMatch, AnyPattern, CasePattern, IPattern  # noqa: E402
from geo.extraction.regex_needs import need_words  # noqa: E402
from geo.extraction.text import mask_abbreviation_dots  # noqa: E402
from geo.records.vocab import EVENT_TYPES, EXTENTS, STATUSES  # noqa: E402


@dataclass(frozen=True)
class Control:
    """Change of control in a ``territory_change``.

    Attributes
    ----------
    actor : str or None
        Who attacked / advanced (for ``repelled``: whose assault failed).
    from_ : str or None
        Who held the place (exported as ``"from"``).
    extent : str
        ``entered``, ``partial``, ``full`` or ``repelled``.
    """

    actor: str | None
    from_: str | None
    extent: str

    def as_dict(self) -> dict[str, str | None]:
        """The schema's ``control`` object."""
        return {"actor": self.actor, "from": self.from_, "extent": self.extent}


@dataclass(frozen=True)
class Classification:
    """Coding of one sentence.

    Attributes
    ----------
    event_type : str
        One of :data:`EVENT_TYPES`.
    munition : str or None
        ``white_phosphorus``, ``cluster``, ``incendiary``, ``barrel_bomb``,
        ``unguided``, ``rockets``, ``mortars``, ``missiles``, ``car_bomb``,
        ``ied``, ``landmine``; ``None`` when not stated.
    status : str
        One of :data:`STATUSES`.
    claimed_by : str or None
        Canonical claimant(s), joined with ``"; "`` when several assert it
        jointly ("the SDF and the Observatory said").
    claimants : tuple of str
        The same, as a tuple.
    actor, target : str or None
        Who acted; the target or affected party.
    control : Control or None
        For territory changes.
    civilian_harm : bool
        The sentence reports harm (or risk of harm) to civilians.
    cues : tuple of str
        ``"field:words"`` for each decision, to explain it.
    """

    event_type: str
    munition: str | None = None
    status: str = "reported"
    claimed_by: str | None = None
    claimants: tuple[str, ...] = field(default_factory=tuple)
    actor: str | None = None
    target: str | None = None
    control: Control | None = None
    civilian_harm: bool = False
    cues: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------------------
# the rules' patterns: case-insensitive unless written with _cs, each behind
# the need-word pre-filter of geo.extraction.matching


def _rx(pattern: str, *need: str) -> IPattern:
    """A case-insensitive rule pattern; ``need``: its need words, when written by hand (checked)."""
    return IPattern(pattern, need=need)


def _with_forms(event: str, pattern: str, *need: str) -> IPattern:
    """``pattern`` (need words by hand) widened by the ``events.toml`` forms of ``event``
    (codebook and wire vocabulary kept as data; their need words derived from them)."""
    extra = rules.event_pattern(event)
    if not extra:
        return _rx(pattern, *need)
    return _rx(f"(?:{pattern})|{extra}", *need, *need_words(extra, re.I))


def _cs(pattern: str, flags: int = 0) -> CasePattern:
    """A case-sensitive rule pattern (names written in capitals: "IS", "SDF")."""
    return CasePattern(pattern, flags)


# ---------------------------------------------------------------------------
# smaller patterns, compiled once

_PART_OF = re.compile(r"\bpart(?:s)?\s+of\b")
_INTO_TERRITORY = _rx(r"\b(?:advanc(?:ed|ing)|push(?:ed|ing)?)\s+into\s+(?:\w+\s+){0,3}territory\b")
_KILLED = _rx(r"\b(?:killed|killing|dead|died|wounded|injured)\b")
_AIR_HIT = _rx(r"\b(?:coalition|jets?|warplanes?|aircraft|drones?)\b.{0,60}?\b(hit|targeted|attacked|struck)\b")
_IS_A_WEAPON = re.compile(r"\b(?:is|are)\s+an?\s+(?:\w+\s+){0,2}(?:weapon|substance)\b")
_STRIKE_CONTEXT = _rx(
    r"\b(?:coalition|jets?|warplanes?|aircraft|air|US-led|U\.S\.|killed|dead|"
    r"civilians?|targeted|hit)\b"
)
_DROP_CONTEXT = _rx(
    r"\b(?:phosphorus|phosphorous|bombs?|munitions?|incendiar\w*|barrels?|"
    r"aircraft|jets?|warplanes?|coalition|leaflets)\b"
)
_LEAFLETS = _rx(r"\bleaflets\b")
_AIR_WORD = _rx(r"air")
_MINE_CONTEXT = _rx(r"\b(?:planted|laid|land|killed|explod)")
_EDGE_NONWORD = re.compile(r"^\W+|\W+$")
_LEADING_ARTICLE = _rx(r"^(?:the|a|an|one)\s+")
_EDGE_QUOTES = re.compile(r"^[\s'\"\u201c\u201d\u2018\u2019]+|[\s'\"\u201c\u201d\u2018\u2019]+$")
_COMMA = re.compile(r",(?!\d)")
_CLAUSE = re.compile(r"\b(?:that|but|while|when|as|and\s+(?=(?:he|she|they|it)\b))\s+")
_LEADING_CONJ = _rx(r"^(?:and|but|so)\s+")
_TIME_WORDS = _rx(r"\b(?:on|in|at|since|after|before|during|early|late|earlier|later)\b")
_PRONOUN = _rx(r"^(?:it|he|she|they)$")
_NOT_A_SOURCE = _rx(r"^(?:international\s+law|the\s+law|law|reports?|local\s+reports|(?:local\s+)?media)\b")
_PREPOSITION = _rx(r"\s+(?:in|on|at|to|from|via|who)\s+")
_AUXILIARY = _rx(r"\b(?:had|has|have|was|were|is|are|would|will|could|did|been)\b")
_NOT_A_SUBJECT_END = _rx(r"\b(?:is|are|was|were|been|what|which|who|images?|videos?)\s*$")
_EMPTY_SUBJECT = _rx(r"^(?:an?|the|according\s+to\b.*|\W*)$")
_SUBJECT_START = _rx(r"^(?:local|former|syrian|an?|the|one)\s")
_BY_AGENT = _rx(
    r"\b(?:(?P<not>backed|supported|led|held|controlled|affiliated|run|trapped|surrounded)\s+)?"
    r"(?:by|belong(?:ing)?\s+to)\s+(?:the\s+|a\s+)?"
)
_FIGHTERS_KILLED = re.compile(
    r"\s+(?:fighters|militants|members|troops|soldiers)\b[^.]{0,30}\b(?:killed|dead|died|wounded|injured)\b"
)
_PRO_REGIME = _rx(r"\bpro-(?:regime|government)\s+(?:troops|forces|fighters|convoy)\b|\bregime\s+convoy\b")
_AGAINST_IS = re.compile(r"\b(?:against|on|targeting|hit|struck)\s+(?:the\s+)?(?:Islamic\s+State|IS|ISIS|jihadists?)\b")
_SDF_TARGET = re.compile(r"\b(?:SDF\s+(?:assault|positions|fighters|lines))\b")
_FROM_NAME = re.compile(r"\bfrom\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:\s+rebels)?)")
_CIVILIAN_WORD = _rx(r"\bcivilian")


# ---------------------------------------------------------------------------
# event type

_AIR = _with_forms(
    "air_strike",
    r"\b(?:air\s*-?\s*strikes?|airstrikes?|air\s+raids?|air\s+attacks?|bombing\s+raids?|"
    r"raids?|(?<!car\s)(?<!car-)(?<!suicide\s)(?<!roadside\s)(?<!truck\s)bomb(?:ing|ings|ed|s)?|"
    r"bombard(?:ment|ed|ing)?|jets?|warplanes?|war\s+planes?|"
    r"aircraft|drones?|sorties|coalition\s+strikes?|(?:US|U\.S\.?|coalition)[-\s]led\s+strikes?|"
    r"strikes?|struck|dropp(?:ed|ing)|airstrike)\b",
    "air",
    "raid",
    "bomb",
    "jet",
    "plane",
    "drone",
    "sortie",
    "strike",
    "struck",
    "dropp",
)
_SHELL = _with_forms(
    "shelling",
    r"\b(?:shell(?:ing|ed|s)?|artillery|mortars?|howitzers?|rocket\s+fire|"
    r"barrages?|bombarded\s+by\s+artillery)\b",
    "shell",
    "artiller",
    "mortar",
    "howitzer",
    "rocket",
    "barrage",
)
_CLASH = _with_forms(
    "armed_clash",
    r"\b(?:clash(?:es|ed)?|fighting|fought|battl(?:e|es|ed|ing)|firefights?|"
    r"gun\s*battles?|skirmish(?:es)?|combat|assault(?:s|ed|ing)?|attack(?:s|ed)?|trading\s+fire|"
    r"ambush(?:ed)?|counter-?attacks?|"
    r"(?:opened|opening|opens)\s+(?:a\s+|another\s+)?(?:new\s+|second\s+|third\s+)?front|"
    r"new\s+front\s+(?:had\s+|has\s+)?(?:been\s+|was\s+)?opened|thrusts?|"
    # a bomb brought by land (ACLED: remote violence on the ground), coded as the ground fight it is
    # part of: "a suicide car bomb killed 16 SDF fighters", "ambushes, car bombs and roadside explosives"
    r"car[\s-]+bombs?|suicide\s+(?:car\s+|truck\s+)?(?:bomb(?:s|ings?|ers?)?|attacks?)|"
    r"roadside\s+(?:bombs?|explosives?)|VBIEDs?)\b",
    "car",
    "suicide",
    "roadside",
    "vbied",
    "clash",
    "fight",
    "fought",
    "battl",
    "skirmish",
    "combat",
    "assault",
    "attack",
    "ambush",
    "trading",
    "front",
    "thrust",
)
_DISPLACE = _with_forms(
    "displacement",
    r"\b(?:fled|fleeing|flee|displaced|displacement|(?<!booby-)(?<!booby\s)trapped|escap(?:e|ed|ing)|"
    r"evacuat(?:ed|ion|ing)|exodus|refugees?|camps?\s+for\s+the\s+displaced|"
    r"left\s+the\s+city|streamed\s+out|made\s+their\s+way\s+out|camps?|corridors?|"
    r"turned\s+back\s+(?:\w+\s+)?(?:families|civilians|people|residents|refugees|women|children)|"
    r"(?:brought|bussed|bused|moved|taken|driven)\s+out\s+of\s+(?:the\s+)?(?:city|town|last|area)|"
    r"left\s+with\s+their\s+families|evacuees|buses|"
    # held where they are: "keeping 400 women and children hostage", "used as human shields",
    # "districts that have been cut off" (as "trapped")
    r"hostages?|human\s+shields?|(?:been|being|are|were|remain|remained)\s+cut\s+off|"
    # ("30 people from four families were inside it": a struck building's occupants, not a population held)
    r"(?:civilians|people|residents|families)\s+(?:are|were|remain|remained)\s+(?:still\s+)?inside)\b"
    r"(?!\s+(?:it|them|the\s+(?:building|house|home|shelter|basement|car|vehicle|boat)))",
    "fled",
    "flee",
    "displace",
    "trapped",
    "escap",
    "evacuat",
    "exodus",
    "refugee",
    "camp",
    "left",
    "streamed",
    "made",
    "corridor",
    "turned",
    "out",
    "evacuees",
    "buses",
    "hostage",
    "shield",
    "cut",
    "inside",
)
# an evacuation agreed or under way, told as news even while still ahead ("civilians are to be
# brought out under a deal", "vehicles were expected to drive out of the city in a convoy",
# "would be driven to Deir Ezzor province"): read without the intent test of _first
_EVACUATION = _rx(
    r"\b(?:under|in|by)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:deal|agreement)\b|"
    r"\b(?:deal|agreement)\b[^.;]{0,80}?\b(?:evacuat\w*|leave|left|civilians|fighters|brought\s+out|bring\s+out)\b|"
    r"\b(?:convoys?|buses|vehicles)\b[^.;]{0,60}?\bout\s+of\s+(?:the\s+)?(?:city|town)\b|"
    r"\b(?:drive|drove|driving)\s+out\s+of\s+(?:the\s+)?(?:city|town)\b|\bdriven\s+(?:out\s+of|to)\b",
    "deal",
    "agreement",
    "out",
    "driven",
)
# "the operation got under way on Monday", "when the campaign began on June 6": the launch of
# the whole offensive, a strategic development (ACLED) kept as a report
_OPERATION_BEGUN = _rx(
    r"\b(?:operation|campaign|offensive)\s+(?:\w+\s+){0,3}?"
    r"(?:got\s+under\s+way|got\s+underway|began|begun|started|opened|was\s+launched|kicked\s+off)\b",
    "operation",
    "campaign",
    "offensive",
)
# fighters giving up: a strategic development (ACLED), kept as a report
_SURRENDER = _rx(
    r"\b(?:surrender(?:ed|s|ing)?|(?:gave|given|give|giving)\s+themselves\s+up|laid\s+down\s+(?:their\s+)?arms)\b",
    "surrender",
    "themselves",
    "laid",
)
# "food and medicine dropped from the air": an aid drop, not a strike
_AID_DROP = _rx(r"\b(?:food|medicine|medical|aid|supplies|rations|water)\b")
# "IS lost the Jazra district to the SDF": the loser is the subject, the winner after "to"
_LOST_TO = _rx(
    r"\b(?:lost|loses|losing)\s+(?!(?:their|his|her|its|the)\s+lives\b|contact\b|count\b)"
    r"(?:control\s+(?:of|over)\s+)?[^.;:]{1,80}?\bto\s+(?:the\s+)?(?P<winner>\S)",
    "los",
)
# "IS had been expelled from Kasrat": the subject lost the place; the winner is the agent, if named
_EXPELLED = _rx(
    r"\b(?:was|were|been|being|is|are)\s+(?:(?:finally|completely|fully)\s+)?"
    r"(?:expelled|driven\s+out|pushed\s+out|forced\s+out|ousted|routed|given\s+up)\b(?P<loser_first>)",
    "given",
    "expelled",
    "driven",
    "pushed",
    "forced",
    "ousted",
    "routed",
)
# territory: (pattern, extent)
_TERRITORY: list[tuple[IPattern, str]] = [
    (
        _rx(
            r"\b(?:turned\s+back(?!\s+(?:\w+\s+)?(?:families|civilians|people|residents|refugees|women|children))|repelled|repulsed|fended\s+off|beat\s+back|thwarted|foiled|"
            r"pushed\s+back|drove\s+back|halted)\b",
            "turned",
            "repelled",
            "repulsed",
            "fended",
            "beat",
            "thwarted",
            "foiled",
            "pushed",
            "drove",
            "halted",
        ),
        "repelled",
    ),
    (
        _rx(
            r"\b(?:broke|break|breaking|broken)\s+(?:into|through)\b|"
            # "entering its last phase", "entered a second week": time, not ground
            r"\b(?:entered|enter|entering)\b(?!\s+(?:\w+\s+){0,2}(?:phase|stage|year|month|week|day)s?\b)|"
            # ("stormed to victory", "stormed off": no ground entered)
            r"\b(?:(?:stormed|storming)(?!\s+(?:to\s+(?:victory|power|the\s+top)|off|out\s+of\s+the\s+(?:room|meeting|talks)))|"
            r"(?:advanced|advancing|advance|pushed|pushing|push|moved|moving|got|"
            # "fought their way into", "have made their way into the Hisham bin Abdul Malik neighbourhood"
            r"(?:fought|made|forced|battled|pushed)\s+their\s+way)"
            # "are pushing on into the old part of the city"
            r"\s+(?:on\s+)?(?:(?:north|south|east|west)\w*\s+)?into|breached|penetrated|made\s+inroads|"
            r"reach(?:ed)?\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:end|edge|outskirts|centre|center|gates?|walls?|"
            # "have reached the first streets of the zone"
            # ... "the southern suburbs", "the entrances of the town"
            r"neighbou?rhood|district|village|town|city|base|bank|troops|positions|heart|streets?|suburbs?|"
            # the place kinds of our gazetteer (geo/data/README.md): "reached the industrial zone"
            r"entrances?|zone|quarter|square|roundabout|dam|airport|airbase|crossing|garrison))\b",
            "brok",
            "break",
            "enter",
            "storm",
            "advanc",
            "push",
            "mov",
            "breached",
            "penetrated",
            "inroads",
            "fought",
            "made",
            "forced",
            "battled",
            "got",
            "reach",
        ),
        "entered",
    ),
    (
        _rx(
            r"\b(?:gained|gaining|gains?)\s+ground\b|\badvanc(?:ed|ing|es)\s+(?:on|towards?|deeper|further)\b",
            "ground",
            "advanc",
        ),
        "partial",
    ),
    (
        _rx(
            # "footage captured the moment", "captured the world's attention": a camera's or a
            # story's capture, not ground taken
            r"\b(?:seized|seize|seizing|"
            r"(?:captured|capture|capturing)(?!\s+(?:the\s+)?(?:moment|scene|attention|imagination|world|"
            r"images?|footage|headlines?|hearts?|mood)\b)|"
            r"(?:took|taken|take|taking)(?!\s+(?:responsibility|part|place|steps|care|shelter|refuge|"
            r"measures|precautions|action|time|hours|days|weeks|months|years)\b)|"
            r"took\s+control|taken\s+control|seized\s+control|retook|retaken|recaptured|"
            r"reclaimed|liberated|liberating|cleared|overran|overrun|fell\s+to|falls\s+to|fallen\s+to|"
            # "finished clearing it of militants", "more than half of the city has changed hands"
            r"clearing\s+(?:\w+\s+){0,3}?of\s+(?:the\s+)?(?:militants|jihadists|fighters|IS|ISIS|ISIL|Daesh|"
            r"Islamic\s+State)|(?:changed|change|changes|changing)\s+hands|"
            # "the alliance also controls part of the 17th Division base"
            # ("Islamic State still controls the rest of Deir al-Zor": the holder kept it, no change)
            # (the verb only: the extent is read from what follows, "part of" is partial)
            r"(?<!still\s)controls(?=\s+(?:\w+\s+){0,2}?(?:part|parts|half|most|much|all|the\s+rest)\s+of)|"
            # "have brought back dozens of towns and villages under government control", "the town came
            # under army control": a change (never IS's: "civilians ... under IS control" is where they
            # live; a state, "was under regime control", is left out: on tune it placed a road's change
            # at the city the road is named after)
            r"(?:(?:brought|put|placed)\s+(?:back\s+)?(?:[\w,'-]+\s+){0,6}?|(?:came|come|comes|fell)\s+"
            r"(?:(?:now|again|entirely|fully|completely|firmly|back)\s+)?)under\s+(?:the\s+)?(?:full\s+)?"
            r"(?!(?:IS|ISIS|ISIL|Islamic|jihadists?|militants?|Daesh|the\s+group)\b)(?:[\w'-]+\s+)?control|"
            r"control\s+of|(?:now|fully|firmly)\s+control|wrested|wrest|"
            r"(?<!still\s)(?<!remains\s)(?<!remained\s)in\s+(?:(?:the\s+)?\w+(?:'s|')?\s+)?hands|freed|"
            # after a capture, the last of the losers sought out: "troops were hunting down the last militants
            # in the town" (wire copy's mopping-up)
            r"(?:hunting\s+down|mopping\s+up|flushing\s+out)\s+(?:the\s+)?(?:last|remaining)\s+(?:\w+\s+)?"
            r"(?:militants|jihadists|fighters|pockets)|"
            r"(?:now|completely|entirely|fully)\s+free|"
            r"(?:pushed|drove|driven|forced|chased)\s+(?:[\w'-]+\s+){1,3}?out\s+of|"
            r"now\s+(?:holds?|held)|holds?\s+(?:more\s+than\s+half|half|most|much|\w+\s+districts))\b",
            "seiz",
            "captur",
            "took",
            "tak",
            "reclaimed",
            "liberat",
            "cleared",
            "overr",
            "fell",
            "falls",
            "fallen",
            "clearing",
            "chang",
            "under",
            "hunting",
            "mopping",
            "flushing",
            "control",
            "wrest",
            "hands",
            "free",
            "out",
            "hold",
            "held",
        ),
        "full",
    ),
    # the codebooks' territory words the verbs above lack ("regained", "the recapture of",
    # "the SDF expelled IS from"): events.toml, the winner the subject as for "seized"
    (_rx(rules.event_pattern("territory")), "full"),
    (_LOST_TO, "full"),
    (_EXPELLED, "full"),
]
_PARTIAL = _rx(
    r"\b(?:parts?\s+of|half\s+of|more\s+than\s+half|much\s+of|most\s+of|"
    r"limited\s+areas?|some\s+areas?|areas?\s+in|outskirts|edges?\s+of|"
    r"sections?\s+of|portions?\s+of|positions\s+in|several\s+(?:buildings|streets|blocks)|"
    r"a\s+foothold|neighbou?rhoods\s+of)\b"  # "the neighbourhood of al-Mishlab" names a place, not a part
)
_FULL_STRONG = _rx(r"\b(?:fully|entire(?:ly)?|complete(?:ly|d)?|whole|full\s+control|all\s+of)\b")
# words that say an action is only intended, not done
_INTENT = _rx(
    r"\b(?:(?<!first\s)(?<!last\s)to|aims?\s+to|bid\s+to|battle\s+to|operation\s+to|offensive\s+to|"
    r"campaign\s+to|attempt(?:ing)?\s+to|trying\s+to|tried\s+to|eager\s+to|plans?\s+to|"
    r"will|would|could|before|can\s+be|could\s+be|to\s+be|will\s+be|"
    # negation: "did not capture", "have never retaken" tell no event
    r"not|never)\s+$|n't\s+$"
)


def _first(rx: AnyPattern, s: str) -> AnyMatch | None:
    for m in rx.finditer(s):
        if not _INTENT.search(s[max(0, m.start() - 25) : m.start()]):
            return m
    return None


@lru_cache(maxsize=8)  # within one sentence: _event(), actor() and control_extent() ask again
def _territory(s: str) -> tuple[str, AnyMatch] | None:
    hits: list[tuple[int, str, AnyMatch]] = []
    for rx, extent in _TERRITORY:
        m = _first(rx, s)
        if m is not None and rx is _EXPELLED and m.group(0).startswith("IS"):
            continue  # "IS expelled the SDF from ...": the group's name, not the auxiliary "is"
        if m is not None and (rx is not _LOST_TO or _winner_after(s, m) is not None):
            hits.append((m.start(), extent, m))
    if not hits:
        return None
    # "repelled" beats everything; otherwise the earliest verb decides
    for h in hits:
        if h[1] == "repelled":
            return h[1], h[2]
    hits.sort(key=lambda h: h[0])
    return hits[0][1], hits[0][2]


_MEANS_AFTER = _rx(r"^\s*(?:air\s*strikes?|strikes?|raids?|bombing|bombardment|fire|shelling|attacks?|snipers?)\b")


def _winner_after(s: str, m: AnyMatch) -> str | None:
    """The actor "lost ... to" names as the winner ("lost Jazra to the SDF"), not a means ("to coalition strikes")."""
    at = m.start("winner")
    for a, b, name in _actor_mentions(s):
        if a == at:
            return None if _MEANS_AFTER.match(s[b:]) else name
    return None


def control_extent(sentence: str) -> str | None:
    """Extent of a territorial change, or ``None`` when none is reported.

    ``entered`` (broke into, entered, advanced into), ``partial`` (gained
    ground, part of, half of, limited areas), ``full`` (seized, captured,
    took, reclaimed) or ``repelled`` (turned back, repelled).
    """
    t = _territory(sentence)
    if t is None:
        return None
    extent, m = t
    if extent == "full":
        after = sentence[m.end() : m.end() + 60]
        before = sentence[max(0, m.start() - 30) : m.start()]
        if _PARTIAL.search(after) and not _FULL_STRONG.search(after[:25]):
            return "partial"
        if _PART_OF.search(before):
            return "partial"
    if extent == "entered" and _INTO_TERRITORY.search(sentence):
        return "partial"
    return extent


# between two places of one change: a plain list ("X and Y", "X, Y and the Z
# district") shares the previous place's extent
_JUST_AND = re.compile(r"^[\s,]*(?:and|as\s+well\s+as|&)?[\s,]*(?:the\s+)?$", re.IGNORECASE)


def control_extents_at(sentence: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The extent of a territorial change at each of several places of one sentence.

    "The SDF had taken Mishlab and more than half of Sabahia": ``full`` for
    Mishlab, ``partial`` for Sabahia. A place takes ``partial`` when a
    partial cue ("half of", "parts of") comes between it and the place
    before it, the previous place's extent when only "and" / a comma does,
    and otherwise the verb's own extent (for ``full`` and ``repelled``) or
    the sentence's (:func:`control_extent`). Empty when no change is reported.

    Parameters
    ----------
    sentence : str
        One sentence.
    spans : sequence of (start, end)
        The places' offsets in ``sentence``, in order.
    """
    t = _territory(sentence)
    if t is None:
        return []
    verb = t[0]
    overall = control_extent(sentence) or "partial"
    out: list[str] = []
    prev = 0
    for a, b in spans:
        window = sentence[prev:a]
        if _PARTIAL.search(window):
            ext = "partial"
        elif out and _JUST_AND.match(window):
            ext = out[-1]
        elif verb in ("full", "repelled"):
            ext = verb
        else:
            ext = overall
        out.append(ext)
        prev = b
    return out


def event_type(sentence: str) -> str:
    """Event type from the wording.

    Priority: air strike > shelling > territory change > armed clash >
    displacement > other -- so "killed in a coalition strike as they tried
    to escape" is an air strike and "seized ... after heavy fighting" a
    territory change.
    """
    return _event_with_munition(sentence)[0]


# "under a deal struck by the council": an agreement, not a strike
_DEAL_STRUCK = _rx(r"\b(?:deal|agreement|accord|truce|bargain|ceasefire)\s+(?:was\s+|had\s+been\s+|been\s+)?$")


# "backed by coalition jets", "supported by air strikes": the air war as the backer of another
# event, not a strike of its own (a narrower _AIR_BACKDROP: the backer is named with "by")
_AIR_BACKER = _rx(
    r"\b(?:backed|supported|aided|covered|helped)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:jets|air\s*strikes|air\s*power|warplanes|aircraft|strikes|bombing|raids|planes)\b|"
    # "with coalition aircraft covering the SDF advance": the air war as the cover of an advance
    r"\bwith\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}?(?:jets|aircraft|warplanes|planes|drones|air\s+power)\s+"
    r"(?:covering|backing|supporting|providing\s+(?:air\s+)?(?:cover|support))\b|"
    # "exposed to snipers and mines as well as air strikes": a danger named, no strike told
    r"\b(?:exposed|vulnerable)\s+to\b[^.;]{0,60}?\b(?:air\s*strikes|bombing|raids|shelling)\b"
)


def _first_air(s: str) -> AnyMatch | None:
    backers = [b.span() for b in _AIR_BACKER.finditer(s)]
    for m in _AIR.finditer(s):
        if any(a <= m.start() < b for a, b in backers):
            continue
        if m.group(0).lower() == "struck" and _DEAL_STRUCK.search(s[max(0, m.start() - 30) : m.start()]):
            continue
        if not _INTENT.search(s[max(0, m.start() - 25) : m.start()]):
            return m
    return None


# "a U.S. jet shot down a Syrian SU-22", "the downing of the drone": one aircraft against another
# is a clash (ACLED: armed clash), not a strike on the ground
_SHOOT_DOWN = _rx(
    r"\b(?:shot|shoots|shooting|brought|brings|bringing)\s+(?:it\s+|them\s+)?down\b|\b(?:downing|downed)\b|"
    # the aircraft as the one hit: "the jet was hit near al-Rasafa", "the aircraft had come down",
    # "the drone ... still had weapons on board when it was hit"
    r"\b(?:jets?|aircraft|planes?|warplanes?|drones?|helicopters?)\s+(?:was|were|had\s+been|has\s+been)\s+hit\b|"
    r"\b(?:jets?|aircraft|planes?|warplanes?|drones?|helicopters?)\s+(?:had\s+|has\s+)?(?:came|come|comes)\s+down\b|"
    r"\b(?:jets?|aircraft|planes?|warplanes?|drones?|helicopters?)\b(?:[^.;:]|(?<=\b[A-Z])\.){0,100}?\bwhen\s+it\s+was\s+hit\b",
    "down",
    "hit",
)
# "have closed the ring around Raqqa", "is now completely encircled": a strategic development
_STRATEGIC = _rx(
    r"\b(?:encircled|encirclement|closed\s+the\s+ring|completely\s+surrounded|"
    r"(?:broke|broken|breaking)\s+(?:the\s+)?siege)\b",
    "encircle",
    "ring",
    "surrounded",
    "siege",
)


# the fighting as the cause of people's flight, not the news: "the fighting had uprooted more than
# 100,000 people", "kept fleeing their homes ... because of the fighting and heavy air strikes"
# (OCHA's and UNHCR's wording: displacement "due to hostilities"); with nobody killed, a displacement
_FIGHT_NOUN = (
    r"(?:fighting|clashes|hostilities|violence|battles?|offensive|(?:air\s*)?strikes|airstrikes|bombardment|shelling)"
)
_DISPLACED_BY = _rx(
    r"\b" + _FIGHT_NOUN + r"\s+(?:\w+\s+){0,2}?(?:uprooted|displaced|forced\s+(?:\S+\s+){1,4}?to\s+flee)\b|"
    r"\b(?:fled|fleeing|flee|flees|displaced|uprooted)\b[^.;]{0,80}?\b(?:because\s+of|due\s+to|to\s+escape|amid|during)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?" + _FIGHT_NOUN + r"\b|"
    # the fight as the object of the flight: "fled the shelling", "escaping the bombardment", "fleeing
    # from the fighting" (the verb of motion is the event, its object the cause: UNHCR's "fleeing
    # conflict"); "fled to X as the shelling ..." is left to the order of the words below
    r"\b(?:fled|fleeing|flee|flees|escap(?:e|ed|es|ing))\s+(?:from\s+)?(?:the\s+)?(?:(?!(?:to|into|towards?)\b)[\w-]+\s+){0,2}?"
    + _FIGHT_NOUN
    + r"\b"
)


#: violence by hand and the strategic developments our vocabulary files as ``other`` (events.toml,
#: ACLED "Violence against civilians" and "Strategic developments", CAMEO 18x/20x): one pattern per
#: form, each behind the need words derived from it
_OTHER_FORMS: tuple[tuple[str, IPattern], ...] = tuple(
    (f.name, _rx(a)) for f in rules.event_forms() if f.event == "other" for a in f.aliases
)


# the noun forms of the other events ("executions", "beheadings", "abductions", "looting", "a mass grave")
_NOMINAL = re.compile(r"(?:ions?|ings?|graves?|force|shots?|attacks?|weapons?|agents?|munitions?|strikes?|gas)$", re.I)
# what makes a noun tell one episode: "a mass grave", "another execution", "the killings of 12 men"
_ONE_EPISODE = re.compile(
    r"\b(?:an?|another|one|two|three|four|five|several|dozens|hundreds|\d[\d,]*)\s+(?:[\w-]+\s+){0,2}$", re.I
)
_A_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|scores|hundreds)\b", re.I)


def _told(m: AnyMatch, s: str) -> bool:
    """Does the ``other`` word ``m`` tell an episode? A verb does ("executed", "set fire to"); a bare
    plural or mass noun names a kind, a habit, not an event ("notorious for beheadings", "documented
    abductions", "the looting of antiquities": generic reference of bare plurals, Carlson 1977), so a
    noun needs an article or a count before it, or a number in the sentence."""
    if not _NOMINAL.search(m.group(0)):
        return True
    return bool(_ONE_EPISODE.search(s[max(0, m.start() - 40) : m.start()]) or _A_NUMBER.search(s))


def _violence(s: str) -> AnyMatch | None:
    """The first ``other`` event word of ``s`` that is told, not intended nor generic ("executed",
    "a mass grave"; not "plans to execute", "notorious for beheadings")."""
    hits = [m for _, rx in _OTHER_FORMS if (m := _first(rx, s)) is not None and _told(m, s)]
    return min(hits, key=lambda m: m.start()) if hits else None


# "a show of force by coalition aircraft", "executions by firing squad": the event noun, then the
# means after "by"/"with"; the aircraft is how it was done, not a strike of its own
_MEANS_OF = re.compile(r"^\s+(?:by|with|from)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}$", re.I)
# the aircraft named: only these make a generic "bombardment", "strikes", "hit" an air strike when
# the sentence also names ground fire (ACLED: Air/drone strike is by aircraft; Shelling/artillery/
# missile attack by guns, mortars and rockets)
_AIRCRAFT = _rx(
    r"\b(?:air|airstrikes?|aerial|jets?|warplanes?|war\s+planes?|planes?|aircraft|drones?|helicopters?|"
    r"gunships?|sorties|coalition|US-led|U\.S\.-led)\b"
)
_GENERIC_AIR_CUE = _rx(r"^(?:bomb(?:ing|ings|ed|s)?|bombard(?:ment|ed|ing)?|strikes?|struck|raids?|dropp(?:ed|ing))$")


_FIGHT_AS_SUBJECT = re.compile(r"\b(?:the\s+)?" + _FIGHT_NOUN + r"\s+(?:has\s+|had\s+|have\s+)?$", re.I)
_APPROACH = _rx(r"^(?:advanc(?:ed|ing|es)|gain(?:ed|ing|s)?)\s+(?:on|towards?|ground)\b")
# the aircraft named as a vehicle, not as an attack ("jets", "aircraft"; not "struck", "air strikes")
_VEHICLE = _rx(
    r"^(?:jets?|warplanes?|war\s+planes?|aircraft|drones?|(?:coalition|russian|regime|government|syrian|american|"
    r"u\.?s\.?|iraqi|turkish|fighter|military)\s+planes|helicopter\s+gunships?)$"
)


def _only_aircraft(s: str) -> bool:
    """Does every air word of ``s`` name an aircraft, none an attack ("struck", "air strikes")?"""
    return all(_VEHICLE.match(m.group(0)) for m in _AIR.finditer(s))


def _ground_fire_only(air: AnyMatch, shell: AnyMatch, s: str) -> bool:
    """Is the air word generic ("bombardment", "strikes") in a sentence that names ground fire
    (``shell``: artillery, mortars, rockets) and no aircraft? Then the fire is shelling."""
    return shell is not None and _GENERIC_AIR_CUE.search(air.group(0)) is not None and _AIRCRAFT.search(s) is None


def _event(s: str) -> tuple[str, str]:
    down = _SHOOT_DOWN.search(s)
    if down is not None:
        return "armed_clash", down.group(0)
    viol = _violence(s)
    flight = _DISPLACED_BY.search(s)
    if flight is not None and viol is None and not _KILLED.search(s):
        return "displacement", flight.group(0)
    air = _first_air(s)
    shell = _first(_SHELL, s)
    terr = _territory(s)
    if terr is not None and (
        (_APPROACH.match(terr[1].group(0)) and _first(_CLASH, s) is not None)
        or _FIGHT_AS_SUBJECT.search(s[max(0, terr[1].start() - 40) : terr[1].start()])
    ):
        # "clashes erupted as the SDF advanced on the stadium": an advance with fighting and no
        # capture stated is the fight (ACLED: Armed clash until territory changes hands); "the
        # fighting reached their district": the fight's spread, nobody took ground
        terr = None
    if viol is not None and air is not None and _aircraft_only_means(viol, air, s):
        return "other", viol.group(0)
    # a territory verb that comes first is the news ("broke into the Old City
    # after coalition aircraft blasted the wall"), unless people were killed
    if terr is not None and not _KILLED.search(s):
        firsts = [m.start() for m in (air, shell) if m is not None]
        if firsts and terr[1].start() < min(firsts):
            return "territory_change", terr[1].group(0)
    fire = _fire(s, air, shell)
    if fire is not None:
        return fire
    if viol is not None and (terr is None or viol.start() <= terr[1].start()):
        # the killing, abduction or destruction is the event, fighting its setting; told before a
        # capture verb, the capture is of people or is its background ("beheaded two fighters they
        # had captured", "took 40 villagers hostage")
        return "other", viol.group(0)
    if terr is not None:
        return "territory_change", terr[1].group(0)
    return _fighting_or_else(s, air)


def _aircraft_only_means(viol: AnyMatch, air: AnyMatch, s: str) -> bool:
    """ "a show of force by coalition aircraft", "executed a man accused of guiding coalition jets":
    is the aircraft only the means or the setting of the ``other`` event, no strike told?"""
    return bool(viol.start() < air.start() and _MEANS_OF.search(s[viol.end() : air.start()])) or _only_aircraft(s)


def _fire(s: str, air: AnyMatch | None, shell: AnyMatch | None) -> tuple[str, str] | None:
    """An air strike or shelling, if the sentence tells one: a strike/raid that is only the means of
    a territory change or a backdrop ("with backing from the coalition bombing") is still coded by
    its most specific cue; ties broken by priority."""
    if air is not None and not _only_generic_strike(air.group(0), s):
        if shell is not None and shell.start() < air.start() and not _AIR_WORD.search(air.group(0)):
            return "shelling", shell.group(0)
        if shell is not None and _ground_fire_only(air, shell, s):
            return "shelling", shell.group(0)
        return "air_strike", air.group(0)
    if shell is not None:
        return "shelling", shell.group(0)
    return None


# a temporal clause before a fight word: "since the battle ended", "after the fighting", "once clashes stop"
_TEMPORAL_BEFORE = re.compile(r"\b(?:since|after|before|until|till|once)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _fighting_or_else(s: str, air: AnyMatch | None) -> tuple[str, str]:
    """A clash, the campaign's launch, an attempt on ground, or else the events without fighting."""
    clash = _first(_CLASH, s)
    if clash is not None and _danger_of_flight(s, clash):
        clash = None
    if clash is not None and _TEMPORAL_BEFORE.search(s[max(0, clash.start() - 40) : clash.start()]):
        # "families have been returning to their homes since the battle ended": the fight dates the
        # movement, the movement is the news
        flight = _first_flight(s)
        if flight is not None:
            return "displacement", flight.group(0)
    if clash is not None:
        if not _only_the_campaign(s):
            return "armed_clash", clash.group(0)
        launch = _LAUNCH.search(s)
        if launch is not None:  # a strategic development (ACLED), kept as a report
            return "other", f"campaign {launch.group(0)}"
    attempt = _attempted_territory(s)
    if attempt is not None:
        return "armed_clash", f"attempt {attempt}"
    return _event_without_fighting(s, air)


# "were still trying to push the militants out of the base", "failed to seize the village": an
# attempt on ground under way or beaten back is a fight (ACLED, Armed clash: an attempt to take
# territory that does not succeed); a plan ("aims to", "will try to") is no event
_ATTEMPT = _rx(
    r"\b(?:trying|tried|tries|attempting|attempted|struggling|struggled|failed|failing|fighting|battling|"
    r"(?:attempts?|bids?|efforts?)(?:\s+by(?:\s+[\w-]+){1,3}?)?)\s+"
    r"(?:(?:on|in|at|since|for)\s+\w+\s+|again\s+|still\s+)?to\s+"
    r"(?:push|drive|force|dislodge|expel|oust|clear|storm|take|seize|capture|retake|recapture|enter|"
    r"break\s+(?:into|through)|encircle|surround|infiltrate|overrun|regain)\b"
)


def _attempted_territory(s: str) -> str | None:
    """An attempt on ground told as under way or failed ("trying to push ... out of"), not planned."""
    for m in _ATTEMPT.finditer(s):
        if not _FORECAST_BEFORE.search(s[max(0, m.start() - 30) : m.start()]):
            return m.group(0)
    return None


_FORECAST_BEFORE = _rx(r"\b(?:will|would|plans?|planning|aims?|expected|intends?|hopes?|wants?|may|might)\b")


# the hazards of a road out ("civilians trying to flee face sniper fire and landmines", "booby
# traps lined the roads out"): a danger named beside a flight, with nothing set off and nobody
# hurt, is the flight's condition, not a fight of its own (OCHA's and UNHCR's wording of 2017)
_DANGER_CUE = _rx(r"\b(?:(?:land\s*-?\s*)?mines?|booby|snipers?|sniper\s+fire|IEDs?|explosive\s+devices?)\b")
# a laid explosive named with nothing set off and nobody hurt is a hazard ("mines left in homes
# have to be found and made safe", "booby traps lined the roads"), not an incident (ACLED codes
# a remote explosive when it is detonated)
_LAID_EXPLOSIVE = _rx(r"\b(?:(?:land\s*-?\s*)?mines?|booby|IEDs?|explosive\s+devices?)\b")
_SET_OFF = _rx(r"\b(?:explod\w*|explosions?|blasts?|went\s+off|blew\s+up|detonat\w*)\b")


def _danger_of_flight(s: str, clash: AnyMatch) -> bool:
    """Is the clash word only a hazard: a laid explosive not set off, or a danger of people's
    flight told in the same sentence, with nobody hurt?"""
    cue = clash.group(0)
    if _DANGER_CUE.search(cue) is None or _KILLED.search(s) or _SET_OFF.search(s):
        return False
    # "trying to flee" too: the road out is the setting
    return _LAID_EXPLOSIVE.search(cue) is not None or _DISPLACE.search(s) is not None


# "were forced to flee", "managed to escape", "risking their lives to get out": the flight done or
# under way, not intended (UNHCR: "forced to flee"); the "to" before it is no intent
_FLIGHT_DONE = _rx(
    r"\b(?:forced|force|forcing|compelled|obliged|managed|manage|had|have|has|able|continued|continue|continues|"
    r"continuing|began|begun|begin|started|starting|start|trying|tried|attempting|attempted|struggling|"
    r"(?:risking|risked|risk)\s+their\s+lives)\s+(?:\w+\s+)?to\s+$"
)


def _first_flight(s: str) -> AnyMatch | None:
    """The first displacement word of ``s`` that is told: not intended, unless the flight is forced,
    managed or tried ("were forced to flee", "trying to get out")."""
    for m in _DISPLACE.finditer(s):
        before = s[max(0, m.start() - 40) : m.start()]
        if not _INTENT.search(before[-25:]) or _FLIGHT_DONE.search(before):
            return m
    return None


def _event_without_fighting(s: str, air: AnyMatch | None) -> tuple[str, str]:
    """The event of a sentence with no strike, shelling, territory or clash word ranked first:
    people moved or held, fighters giving up, a strike word left over, a strategic development."""
    evac = _EVACUATION.search(s)
    if evac is not None:
        return "displacement", evac.group(0)
    surrender = _SURRENDER.search(s)
    if surrender is not None:  # a strategic development (ACLED), kept as a report
        return "other", f"strategic {surrender.group(0)}"
    disp = _first_flight(s)
    if disp is not None:
        return "displacement", disp.group(0)
    if air is not None and not (air.group(0).lower().startswith("dropp") and _AID_DROP.search(s)):
        return "air_strike", air.group(0)
    if air is not None and _CIVILIAN_WORD.search(s):
        # "civilians in the enclave depended on food dropped from the air": the air drop feeds a
        # population cut off (OCHA's besieged Deir ez-Zor), the trapped civilians are the news
        return "displacement", f"aid {air.group(0)}"
    strategic = _first(_STRATEGIC, s)
    if strategic is not None:  # a strategic development (ACLED), kept as a report
        return "other", f"strategic {strategic.group(0)}"
    begun = _OPERATION_BEGUN.search(s)
    if begun is not None:  # the campaign's launch, as "began its assault" (_LAUNCH)
        return "other", f"campaign {begun.group(0)}"
    return "other", ""


# "the battle for Raqqa", "the battle to retake the city", "the Great Battle":
# the whole campaign, not a clash on a day
_CAMPAIGN = _rx(
    r"\b(?:the\s+(?:long-awaited\s+|great\s+|final\s+|decisive\s+)?battle\s+(?:to|for|of)\b|"
    r"the\s+great\s+battle\b|"
    # "began its assault on the city": the whole offensive, told by its owner's possessive
    r"\b(?:its|their)\s+(?:final\s+|main\s+)?(?:assault|offensive)\s+on\s+the\s+city\b)",
    "battle",
    "assault",
    "offensive",
)


_LAUNCH = _rx(r"\b(?:launch(?:ed|es|ing)?|announc(?:e|ed|es|ing)|start\s+of|began|begun|kicked\s+off)\b")


def _only_the_campaign(s: str) -> bool:
    """Is every clash word of the sentence "battle" naming the whole campaign?"""
    spans = [m.span() for m in _CAMPAIGN.finditer(s)]
    if not spans:
        return False
    return all(any(a <= m.start() < b for a, b in spans) for m in _CLASH.finditer(s))


_DELIVERY = _rx(
    r"\b(?:attack(?:s|ing|ed)?|used|using|uses|use\s+of|dropp(?:ed|ing)|shower(?:s|ed|ing)?|"
    r"bombing|fired|rain(?:ed|ing))\b"
)
_AERIAL_MUNITION = _rx(
    r"\bwhite[\s-]+phosphor(?:us|ous)\b|\bWP\b|\bincendiar(?:y|ies)\b|"
    r"\bcluster\s+(?:bombs?|munitions?)\b|\bunguided\b"
)


# "families who tried to escape ... were hit by coalition fire": people hit by the air war (passive, its
# agent after "by") is a strike; their flight is the setting
_HIT_BY_AIR = _rx(
    r"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:hit|targeted|struck|bombed)\s+by\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}?"
    r"(?:coalition|jets?|warplanes?|aircraft|drones?|air\s*strikes?|airstrikes?)\b"
)


def _event_with_munition(s: str) -> tuple[str, str]:
    ev, cue = _event(s)
    if ev == "displacement":
        hit = _HIT_BY_AIR.search(s)
        if hit is not None:
            return "air_strike", hit.group(0)
    if ev == "other" and _violence(s) is None:
        hm = _AIR_HIT.search(s)
        if hm:
            return "air_strike", hm.group(1)
    if ev in ("other", "armed_clash"):
        mm = _AERIAL_MUNITION.search(s)
        dm = _DELIVERY.search(s)
        if mm and dm and not _IS_A_WEAPON.search(s):
            if dm.group(0).lower() == "fired" and _AIRCRAFT.search(s) is None:
                # "fired white phosphorus over the city": fired by guns, no aircraft named (ACLED:
                # the munition is coded by its delivery)
                return "shelling", mm.group(0)
            return "air_strike", mm.group(0)
    return ev, cue


def _only_generic_strike(word: str, s: str) -> bool:
    """ "strike(s)"/"attack" words that do not imply aircraft without context."""
    w = word.lower()
    if w in ("strike", "strikes", "struck"):
        # "strike" alone is aerial in this war's reporting when a coalition,
        # jets or air words are around, or casualties are counted
        return not _STRIKE_CONTEXT.search(s)
    if w in ("dropped", "dropping"):
        return not _DROP_CONTEXT.search(s) or bool(_LEAFLETS.search(s))
    return False


# ---------------------------------------------------------------------------
# munition


def _alias_rx(entry: rules.Aliases) -> IPattern | CasePattern:
    """One pattern for an entry's aliases: matched in any case, or as written."""
    return _rx(entry.pattern) if entry.case == "any" else _cs(entry.pattern)


# most specific first (munitions.toml)
_MUNITIONS = [(m.name, _rx(m.pattern, *m.need)) for m in rules.munitions()]
_WHITE_PHOSPHORUS = dict(_MUNITIONS)["white_phosphorus"]


def munition(sentence: str) -> str | None:
    """The munition named, most specific first (white phosphorus > cluster >
    incendiary > barrel bomb > unguided > car bomb > IED > landmine >
    rockets > mortars > missiles); ``None`` when none is named."""
    for name, rx in _MUNITIONS:
        m = rx.search(sentence)
        if m is None:
            continue
        if name == "landmine" and m.group(0).lower() == "mines" and not _MINE_CONTEXT.search(sentence):
            continue
        return name
    return None


# ---------------------------------------------------------------------------
# status

_DENIED = _rx(
    r"\b(?:denied|denies|deny|denying|rejected\s+(?:the\s+)?(?:claims?|reports?|allegations?)|"
    r"dismissed\s+(?:the\s+)?(?:claims?|reports?|allegations?))\b",
    "den",
    "rejected",
    "dismissed",
)
_NOT_DENY = _rx(r"\b(?:not|n't|never)\s+(?:\w+\s+)?deny\b|\bwithout\s+denying\b", "deny")
_CONFIRMED = _rx(
    r"\b(?:confirmed|confirms|acknowledged|acknowledges|admitted|admits|"
    r"accepted\s+responsibility|took\s+responsibility|conceded)\b",
    "confirm",
    "acknowledg",
    "admit",
    "accepted",
    "took",
    "conceded",
)
_ALLEGED = _rx(
    r"\b(?:alleged(?:ly)?|allegations?|accus(?:ed|es|ing|ation|ations)|"
    r"purported(?:ly)?|suspected)\b",
    "alleg",
    "accus",
    "purported",
    "suspected",
)
_CLAIMED = _rx(r"\bclaim(?:ed|s|ing)?\b", "claim")
_REPORTED = _rx(
    r"\b(?:said|says|say|told|according\s+to|reported(?:ly)?|reports?|estimated|"
    r"estimates|announced|warned|added|stated|believed)\b"
)


def status(sentence: str) -> str:
    """Status of the claim.

    ``alleged`` whenever white phosphorus is named (it stays alleged whoever
    repeats it) or the wording is allegedly/accused; ``denied`` for a
    denial (but "does not deny" is an acknowledgement: ``confirmed``);
    ``confirmed`` for confirmed/acknowledged/admitted; ``claimed`` for
    claimed/claims; otherwise ``reported``.
    """
    return _status(sentence)[0]


def _status(s: str) -> tuple[str, str]:
    if _WHITE_PHOSPHORUS.search(s):
        return "alleged", "white phosphorus"
    nd = _NOT_DENY.search(s)
    if nd:
        return "confirmed", nd.group(0)
    m = _DENIED.search(s)
    if m:
        return "denied", m.group(0)
    m = _ALLEGED.search(s)
    if m:
        return "alleged", m.group(0)
    m = _CLAIMED.search(s)
    if m:
        return "claimed", m.group(0)
    m = _CONFIRMED.search(s)
    if m:
        return "confirmed", m.group(0)
    return "reported", ""


# ---------------------------------------------------------------------------
# claimants

# (canonical, pattern); order matters: the first alias that matches a phrase
# wins, so specific names come before generic words.
_ALIASES = [(c.name, _alias_rx(c)) for c in rules.claimants()]

# generic references resolved from the previous claimant when given
_ANAPHORA = _rx(
    r"^(?:it|he|she|they|(?:the|its|their)\s+(?:group|organi[sz]ation|agency|collective|media\s+collective|"
    r"monitor|monitoring\s+group|aid\s+group|statement|forces?|alliance|militia|official|"
    r"officials|spokesman|spokeswoman|spokesperson|source|sources|ministry|report|release|communiqu\w+)|"
    r"an?\s+(?:war\s+)?monitor)$"
)

_SAY = rules.verbs().speech.alternation
_SAY_RE = _rx(
    r"(?<![-\w])(?:has\s+|have\s+|had\s+)?(?:also\s+|earlier\s+|previously\s+|already\s+)?(?:" + _SAY + r")\b"
)
# "after it released one of its bombs": a weapon let go, not a statement released
_WEAPON_RELEASED = re.compile(
    r"(?i)\s+(?:\w+\s+){0,4}?(?:bombs?|munitions?|payloads?|missiles?|rockets?|shells?|ordnance)\b"
)
# "SOHR counts Sinaa and Mushlab as already taken" (tune r07): a count is a claim; only with its
# "as", so that "casualty counts vary" is no speaker
_COUNTS_AS = _rx(r"(?<![-\w])count(?:s|ed)\b(?=[^.;:]{1,120}?\bas\b)")
# "By the alliance's own count, 65 percent of Raqqa is in its hands" (tune r21): the count's owner
_BY_COUNT = re.compile(
    r"(?i)\bby\s+((?:the\s+)?[\w .-]{2,60}?)['\u2019]s?\s+(?:own\s+)?(?:count|tally|reckoning|estimates?|figures?)\b"
)
# "For Rami Abdulrahman, head of the Observatory, getting through the wall was ...": the view
# is the named speaker's (only a speaker the rules know, tune r15)
_FOR_SPEAKER = re.compile(r"^\W*for\s+([^,]{2,80}),", re.IGNORECASE)
# "the monitor added": a monitor named before, else the first monitor of claimants.toml
# "a monitor said" in an AFP lead is the same anaphor, the monitor not yet named (tune r25)
_MONITOR_ANAPHOR = re.compile(r"^(?:the|an?)\s+(?:war\s+)?monitor$", re.IGNORECASE)
# the phrase runs to the clause's end, or to a figure ("according to monitoring groups 15
# civilians were killed"); a title's period ("Col. Ryan Dillon") is masked before it is read; a
# number that ends the phrase belongs to a name ("according to Deir ez-Zor 24.")
_ACCORDING = _rx(r"\baccording\s+to\s+((?:[^,.;:\d]|\d+(?=\s*(?:[,.;:)]|$)))+)")
_INVERTED = _rx(
    r"[,\"\u201d]\s*(?:" + rules.verbs().speech_inverted.alternation + r")\s+(?!that\b|it\b|he\b|she\b|they\b)"
    r"((?:the\s+|a\s+|an\s+|one\s+)?[^,.;:\"\u201c\u201d]{2,80}?)\s*(?:,[^\"\u201c\u201d]*)?"
    r"[.!?\"\u201d']*\s*$"
)
# '..., a Britain-based war monitor, said on Saturday': the words after an inverted verb are a
# time, not a speaker (tune r12; Reuters and AFP put the day after the verb)
_TIME_FIRST = _rx(
    r"^(?:on|in|at|since|after|before|during|early|late|earlier|later|last|this|today|yesterday|"
    r"tonight|overnight)\b"
)
# "On Monday the monitor said", "Last week it announced": a time before the speaker is no part of it
_LEADING_TIME = _rx(
    r"^(?:(?:late\s+|early\s+)?on\s+(?:\w+day|\d{1,2}\s+\w+|\w+\.?\s+\d{1,2})|(?:last|this)\s+(?:week|month|night|year|\w+day)|"
    r"earlier|later|overnight|yesterday|today|by\s+\w+day),?\s+"
)
# "the monitor could not say whether ...": the speaker without its modal (tune r32)
_TRAILING_MODAL = _rx(r"\s+(?:could|would|will|can|cannot|may|might|did|does|do)(?:\s+not|n't)?$")
# "The outlet Baladi News said" (Airwars' wording, tune r04): the name without the noun that
# introduces it; "Step News and other outlets reported" (tune r18): the one outlet named
_INTRODUCING_NOUN = re.compile(
    r"^(?:the\s+)?(?:outlet|website|site|news\s+site|newspaper|daily|channel|broadcaster)\s+(?=[A-Z])",
    re.IGNORECASE,
)
_AND_OTHERS = _rx(r"\s+and\s+(?:several\s+|many\s+|some\s+)?others?(?:\s+\w+)?$")
# "a military source said": the party whose action the sentence tells (_party_of_actor)
# an unnamed official of a defence or security body is one too ("according to a defense official
# who spoke on condition of anonymity", AP, tune r10); the relative clause that keeps him unnamed
# is read past
_MILITARY_SOURCE = _rx(
    r"^(?:an?\s+|the\s+)?(?:senior\s+)?(?:military|army|field|militia|defen[cs]e|security)\s+"
    r"(?:sources?|spokes(?:man|woman|person)|commanders?|officials?)"
    r"(?:\s+(?:who|speaking|on\s+condition)\b.*)?$"
)
# "opposition sources said", "some sources said" (tune r16, r26): unnamed sources are the claimant
# as the copy describes them, never the outlet
_SOURCES = _rx(r"^(?:(?:some|several|local|other)\s+|[\w-]+\s+){0,2}sources?$")
# a toll or share is a claim of whoever puts or gives it: "Local media put the dead at up to 17"
# (Airwars), "SANA gave a higher figure, saying 78 ..." (AFP), "the Observatory counted 25 dead"
# (tune r04, r18, r19, r25); the figure must follow, so "put out of service" is no statement
_TOLL_CLAIM = _rx(
    r"(?<![-\w])(?:put|puts|putting)\s+(?:the|its|their)\s+(?=[^.;:]{1,60}?\bat\s+"
    r"(?:up\s+to\s+|about\s+|around\s+|more\s+than\s+|at\s+least\s+|least\s+|nearly\s+|some\s+)?\d)|"
    r"(?<![-\w])gave\s+(?:an?|the|its|their)\s+(?:\w+\s+)?(?:figure|toll|total|count|estimate|number)\b|"
    r"(?<![-\w])counted\s+(?=(?:about\s+|around\s+|at\s+least\s+|more\s+than\s+|up\s+to\s+|nearly\s+|some\s+)?\d)"
)
# "Footage from the Hawar news agency showed ...": the one who released the pictures (tune r07,
# r29, AFP and Rudaw copy); only a claimant the rules know, so "footage from the front" is nobody
_FOOTAGE = _rx(
    r"\b(?:footage|videos?|images|pictures|photos|photographs)\s+(?:\w+\s+){0,2}?"
    r"(?:from|by|(?:released|published|posted|shared|aired|broadcast)\s+by)\s+([^,.;:()]{2,60})"
)
_INVERTED_VERB = _rx(r"[,\"\u201d]\s*(?:" + rules.verbs().speech_inverted.alternation + r")\s")
# a space in an outlet's name matches any run of whitespace
_OUTLETS = _rx(
    r"^(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in rules.outlets().speakers.words) + r")\b"
)


def normalise_claimant(name: str) -> str:
    """Canonical name of a claimant written in any form.

    ``"the Britain-based Observatory"`` -> ``"Syrian Observatory for Human
    Rights"``, ``"IS' Amaq Agency"`` -> ``"Amaq"``, ``"the command of
    Operation Wrath of the Euphrates"`` -> ``"SDF"``... Unknown names are
    returned trimmed of leading articles (``"Abu Mohamed"``).
    """
    if not isinstance(name, str):
        raise TypeError(f"could not normalise {name!r}: expected a str")
    for canonical, rx in _ALIASES:
        if rx.search(name):
            return canonical
    s = _EDGE_NONWORD.sub("", name.strip())
    s = _LEADING_ARTICLE.sub("", s)
    return s


# every claimant alias in one pattern, in any case: a phrase it misses names nobody (most do), so the
# entries are tried one by one only on the others
_ANY_ALIAS = re.compile("|".join(f"(?:{a})" for c in rules.claimants() for a in c.aliases), re.IGNORECASE)


def _aliases_in(phrase: str) -> list[str]:
    """The canonical names of the claimants a phrase names, first named first."""
    return list(_aliases_of(phrase)) if _ANY_ALIAS.search(phrase) else []


@lru_cache(maxsize=4096)  # the same speaker phrases recur across a story and across syndicated copy
def _aliases_of(phrase: str) -> tuple[str, ...]:
    hits: list[tuple[int, str]] = []
    for canonical, rx in _ALIASES:
        m = rx.search(phrase)
        if m and canonical not in [h[1] for h in hits]:
            # "Amaq, a news agency affiliated to Islamic State": the agency,
            # not IS; a later, less specific alias inside an earlier one's
            # appositive is dropped below
            hits.append((m.start(), canonical))
    hits.sort()
    names = [h[1] for h in hits]
    if "Amaq" in names and "Islamic State" in names:
        names.remove("Islamic State")
    if "pro-IS social media users" in names and "Islamic State" in names:
        names.remove("Islamic State")
    if "former residents" in names and "residents" in names:
        names.remove("residents")
    if any(n not in _GENERIC for n in names):
        names = [n for n in names if n not in _GENERIC]
    return tuple(names)


_GENERIC = {c.name for c in rules.claimants() if c.kind == "generic"}
_KIND = {c.name: c.kind for c in rules.claimants()}
_FIRST_MONITOR = next(c.name for c in rules.claimants() if c.kind == "monitor")
_APPOSITIVE = re.compile(
    r"^(?:of|a|an|the|author|head|director|chief|spokes\w+|an?\s+\w+|about|who|which|"
    r"affiliated|based)\b"
)


# an auxiliary makes a chunk a clause (lower case only: "IS" is the Islamic State)
_FINITE = re.compile(r"\b(?:had|has|have|was|were|is|are|would|will|could|did|been)\b")
# a person's name: capitalised words, with Arabic particles ("al-", "bin") between them
_NAME_ONLY = re.compile(r"^(?:[A-Z][\w'\u2019-]*)(?:\s+(?:[A-Z][\w'\u2019-]*|al-[\w'-]+|bin|ibn|abu|el-[\w'-]+)){1,4}$")


def _clean_chunk(c: str) -> str:
    return _EDGE_QUOTES.sub("", c)


def _subject_before(s: str, verb_start: int) -> tuple[str, int]:
    """The noun phrase before a speech verb -> (phrase, its start offset).

    Appositives are skipped: "Rovera, of Amnesty International, told VOA"
    and "Nicolas Davies, author of ..., told RT" keep the name;
    "Amaq News Agency, the official news agency of ISIS, distributed"
    keeps Amaq.
    """
    head = s[:verb_start]
    cut = max(head.rfind('"'), head.rfind("\u201d"), head.rfind(";"), head.rfind(":"))
    if cut >= 0 and head[cut + 1 :].strip(" ,"):
        base = cut + 1
    else:
        base = 0
    # split into comma chunks with offsets
    chunks: list[tuple[int, str]] = []
    pos = base
    for part in _COMMA.split(head[base:]):
        c = _clean_chunk(part)
        if c:
            chunks.append((pos + part.find(c[:1]) if c else pos, c))
        pos += len(part) + 1
    if not chunks:
        return "", verb_start
    start, last = chunks[-1]
    if len(chunks) >= 2 and _NAME_ONLY.match(last) and not _aliases_in(last):
        # "The UN High Commissioner for Human Rights, Zeid Ra'ad al-Hussein, called ..." (OCHA,
        # tune r14): a name the rules do not know after its title speaks for the title's body
        st, title = chunks[-2]
        found = _aliases_in(title)
        if found and len(title.split()) <= 8:
            return title, st
    # drop a leading clause ("..., but she said" / "X says that Y said")
    parts = _CLAUSE.split(last)
    if len(parts) > 1:
        start += len(last) - len(parts[-1])
        last = parts[-1]
    last = _LEADING_CONJ.sub("", last)
    if len(chunks) >= 2 and _APPOSITIVE.match(last) and not _ANAPHORA.match(last):
        # "Amaq, a news agency affiliated to Islamic State, released":
        # a short name chunk followed by a description chunk
        for i in range(len(chunks) - 2, max(-1, len(chunks) - 5), -1):
            st, c = chunks[i]
            # "..., the Syrian Observatory for Human Rights, a monitoring group, said": a name the
            # rules know may follow its article mid-sentence
            # (not when the description is itself a name: "..., where IS counter-attacked, the
            # Syrian Observatory for Human Rights said" is the Observatory's)
            known = bool(_aliases_in(c)) and not _aliases_in(last)
            if len(c.split()) > 6 or not (known or c[:1].isupper()) or (_APPOSITIVE.match(c) and not known):
                continue
            if _TIME_WORDS.search(c):
                continue  # "Early on Wednesday, ..." is not a speaker
            if _FINITE.search(c):
                continue  # "The road was closed overnight, a military source said": a clause, no name
            if _aliases_in(c) or not _aliases_in(last):
                return c, st
    return last, start


#: the claimant of "he said" / "they said" when nobody before it names who
UNNAMED_SOURCE = "unnamed source"


def _resolve_anaphora(s: str, span: tuple[int, int], previous: str | None) -> list[str]:
    """ "it added", "the alliance said": the previous claimant, else the
    one organisation the sentence itself names ("The SDF seized ..., the
    alliance said")."""
    if _MONITOR_ANAPHOR.match(s[span[0] : span[1]].strip()):
        # a monitor refers to a monitor: "According to the SDF, ... Overnight, the monitor added"
        # is the Observatory quoted before the SDF, not the SDF (tune r07)
        before = [p for p in (previous or "").split("; ") if _KIND.get(p) == "monitor"]
        named = [n for n in _aliases_in(s[: span[0]] + " " + s[span[1] :]) if _KIND.get(n) == "monitor"]
        return (before or named or [_FIRST_MONITOR])[:1]
    if previous:
        return [previous]
    if _PRONOUN.match(s[span[0] : span[1]]):
        # "He says ...": somebody the copy does not name -- not the outlet
        return [UNNAMED_SOURCE]
    # with nobody else to refer to, an anaphor that is itself a name ("the alliance") is that name;
    # else the party named last before it ("has fallen to a U.S.-backed Syrian force ..., the force
    # said", AP, tune r02): the loser of a change is named before the winner less often than after
    own = _aliases_in(s[span[0] : span[1]])
    if own:
        return own[:1]
    before = _aliases_in(s[: span[0]])
    return before[-1:] or _aliases_in(s[span[1] :])[:1]


def _according_to(s: str, previous: str | None) -> tuple[list[str], tuple[int, int]] | None:
    """ "according to X": X's canonical name, with its span; ``None`` without one (or a source that is none)."""
    m = _ACCORDING.search(s)
    if m and s[m.end(1) : m.end(1) + 1] == ".":
        m = _ACCORDING.search(mask_abbreviation_dots(s))  # a title's period ("Col.") ends no phrase
    if not m:
        return None
    phrase = s[m.start(1) : m.end(1)].strip()
    if _ANAPHORA.match(phrase):  # "according to the source" (Xinhua, tune r26): the one quoted before
        return _resolve_anaphora(s, m.span(1), previous), m.span(1)
    found = _aliases_in(phrase)  # a name the rules know first: "according to local media" (Airwars)
    if found:
        return found[:1], m.span(1)
    if _NOT_A_SOURCE.match(phrase):
        return None
    if _MILITARY_SOURCE.match(phrase):
        return _party_of_actor(s, phrase), m.span(1)
    return (_role_of(s, m.end(1)) or [normalise_claimant(phrase)]), m.span(1)


def _claimants_span(
    sentence: str, previous: str | None, *, event_at: int | None = None
) -> tuple[list[str], tuple[int, int] | None]:
    """Who asserts the sentence, with the speaker's span; ``event_at``: where the sentence's event
    word stands (a relative clause's speaker asserts only what that clause tells)."""
    s = sentence
    said = _according_to(s, previous)
    if said is not None and _OUTLETS.match(s[said[1][0] : said[1][1]].strip()):
        # "..., the Observatory said, according to AFP": the relay names the speaker it relays
        lo, hi = said[1]
        other = _attributed(s[:lo] + " " * (hi - lo) + s[hi:], previous, event_at)
        if other[0] and other[0][0] not in _GENERIC and other[0][0] != UNNAMED_SOURCE:
            return other
    if said is not None:
        return said
    cited = _cited(s, previous, event_at)
    if cited is not None:
        return cited
    return _attributed(s, previous, event_at)


def _after_the_event_clause(s: str, vm: AnyMatch, event_at: int | None) -> bool:
    """Does the speech verb ``vm`` open a clause of its own after a semicolon that closes the
    clause telling the event (at ``event_at``), reporting no toll? "A Syrian jet was brought down
    by a U.S. warplane on Sunday; Washington said the plane had bombed close to U.S.-backed
    fighters" (Reuters, tune r09): the downing is the outlet's, the bombing Washington's."""
    if event_at is None:
        return False
    semi = s.rfind(";", 0, vm.start())
    if semi < event_at:
        return False
    told = s[vm.end() :]
    return len(told.split()) > 3 and not _TOLL_WORDS.search(told)


def _speaker_of(s: str, vm: AnyMatch, event_at: int | None) -> tuple[str, int]:
    """The speaker phrase of the speech verb ``vm`` and its start; ``""`` when the verb asserts
    nothing of the sentence (a passive, or a relative clause that does not tell its claim)."""
    if _PASSIVE_BY.match(s, vm.end()) and not _SAID.match(vm.group().strip()):
        return "", vm.start()  # "the strike, reported by Airwars, ...": the speaker follows "by" (_for_speaker)
    if _after_the_event_clause(s, vm, event_at):
        return "", vm.start()
    rel = _relative_clause(s, vm, event_at)
    if rel is None:
        return _trim_subject(*_subject_before(s, vm.start()))
    if not rel[0]:
        return "", vm.start()  # "a SU-22, which Washington said had bombed ...": not the sentence's claim
    # "the hospital, which the Observatory said killed 12": the clause's own speaker
    return _trim_subject(s[rel[1] : vm.start()].strip(), rel[1] + _lead_space(s, rel[1]))


def _attributed(s: str, previous: str | None, event_at: int | None) -> tuple[list[str], tuple[int, int] | None]:
    """The speaker of an inverted quote or of the first speech verb that governs the sentence."""
    m = _INVERTED.search(s)
    if m is None and _INVERTED_VERB.search(s):
        # a title's period ("said Brig. Gen. Jonathan Braga, ...") ends no speaker either; masked
        # only here, where a verb after a comma or quote could start one (masking costs a pass)
        m = _INVERTED.search(mask_abbreviation_dots(s))
    if m and not _TIME_FIRST.match(m.group(1).strip()) and not m.group(1).strip()[:1].isdigit():
        phrase = _PREPOSITION.split(s[m.start(1) : m.end(1)].strip(), maxsplit=1)[0]
        if not _OUTLETS.match(phrase) and len(phrase.split()) <= 7 and not _AUXILIARY.search(phrase):
            span = (m.start(1), m.start(1) + len(phrase))
            if _ANAPHORA.match(phrase.strip()):
                return _resolve_anaphora(s, span, previous), span
            found = _aliases_in(phrase) or _role_of(s, span[1])
            return (found or [normalise_claimant(phrase)]), span
    for vm in _speech_verbs(s):
        subj, st = _speaker_of(s, vm, event_at)
        if not subj:
            continue
        span = (st, st + len(subj))
        if _ANAPHORA.match(subj):
            return _resolve_anaphora(s, span, previous), span
        if _NOT_A_SUBJECT_END.search(subj):
            continue
        if _EMPTY_SUBJECT.match(subj):
            continue
        found = _aliases_in(subj)
        if found:
            return found, span
        if _MILITARY_SOURCE.match(subj):
            return _party_of_actor(s, subj, told=vm.end()), span
        words = subj.split()
        if 1 <= len(words) <= 6 and (subj[:1].isupper() or _SUBJECT_START.match(subj) or _SOURCES.match(subj)):
            return [normalise_claimant(subj)], span
    return _for_speaker(s)


# ", the coalition's director of operations", ", a spokesman for the SDF": the role after a name
# (matched at the name's end, so no "^")
_ROLE = re.compile(
    r"\s*,\s*(?:the\s+|a\s+|an\s+)?(?:[\w.'\u2019-]+\s+){0,4}?(?:spokes(?:man|woman|person)|commander|"
    r"director|head|chief|official|officer|adviser|minister|member|leader|envoy)\b[^,;:]*",
    re.IGNORECASE,
)


_FORMER = re.compile(r"\b(?:former|ex-|defect\w*|fled|left)\b", re.IGNORECASE)


def _role_of(s: str, end: int) -> list[str]:
    """The body a name's role names, when the rules know it: "said Brig. Gen. Jonathan Braga, the
    coalition's director of operations" is the coalition's (a general's rank is read past); else []."""
    m = _ROLE.match(s, end)
    if not m or _FORMER.search(m.group(0)):  # "a former member of IS" no longer speaks for it
        return []
    return [n for n in _aliases_in(m.group(0)) if n not in _GENERIC][:1]


def _party_of_actor(s: str, phrase: str, *, told: int | None = None) -> list[str]:
    """ "The Syrian army captured Maadan, a military source said" (Xinhua, Reuters, tune r26, r28):
    an unnamed military source speaking of a party's action is that party's; with no party acting,
    the party whose own news agency it spoke to ("a military source told state news agency SANA":
    ``told``, where the speech verb ends); else the phrase as written."""
    act = actor(s)
    party = _CLAIMANT_OF_ACTOR.get(act) if act is not None else None
    if party is None and told is not None:
        m = _TOLD_OUTLET.match(s, told)
        heard = [n for n in _aliases_in(m.group(1)) if n in _PARTY] if m else []
        party = _CLAIMANT_OF_ACTOR.get(_PARTY[heard[0]]) if heard else None
    return [party] if party is not None else [normalise_claimant(phrase)]


# "said by telephone" is active; "reported by Airwars" passive
_SAID = _rx(r"^(?:(?:has|have|had)\s+)?(?:\w+\s+)?(?:said|says|say)$")
_PASSIVE_BY = re.compile(
    r"\s+(?:\w+ly\s+)?by\s+(?!(?:the\s+)?(?:\w+day|end|time|then|now|noon|midnight|morning|evening|night|dawn|"
    r"\d|tele(?:phone|gram)|phone|e-?mail|text|video|satellite|radio|letter|message)\b)",
    re.IGNORECASE,
)

# "told state news agency SANA", "told the Islamic State's Amaq agency": the addressee after "told"
_TOLD_OUTLET = re.compile(r"(?<=told)\s+([^,.;:\"\u201c\u201d]{2,60})", re.IGNORECASE)

# a reporting verb in a relative clause asserts that clause only: "a SU-22, which Washington said
# had bombed U.S.-backed fighters" (AP, tune r10), "the city it once called its capital" (Reuters,
# tune r30), "what it called strategic progress" (Rudaw, tune r13): a relative word opens the
# speaker, or a pronoun follows a noun with no comma (a contact clause) before a verb of naming
_RELATIVE_OPENING = _rx(r"^(?:which|who|whom|whose|what|where)\b")
# ... or stands inside the words before the verb with its own subject after it ("struck what Rupert
# Colville described as a depot"); "the group which monitors the war said" has no subject after it
_RELATIVE_INSIDE = re.compile(
    r"\b((?i:which|what|whom)\s+)(?=(?i:the|an?|it|he|she|they|we|its|their)\b|[A-Z])(?:[\w.'\u2019-]+\s+){0,5}[\w.'\u2019-]+\s*$"
)
_CONTACT_PRONOUN = _rx(
    r"(?<=[\w'\u2019)])\s+(?:it|he|she|they|we)(?:\s+(?:once|also|later|still|now|first|had|has|have))?$"
)
_NAMING_VERB = _rx(r"^(?:has\s+|have\s+|had\s+)?(?:\w+\s+)?(?:called|described|dubbed|termed|branded)$")
_CLAUSE_END = re.compile(r"[,;:\u2014]|\s-\s|$")
# a relative clause that gives a toll tells the sentence's claim ("a strike hit the hospital, which
# the Observatory said killed 12 civilians"): a figure, or a word of death or injury (casualties.toml)
_TOLL_WORDS = _rx(
    r"\d|\b(?:"
    + "|".join((*rules.casualty_words().death_words.words, *rules.casualty_words().injury_words.words))
    + r")\b"
)


def _lead_space(s: str, at: int) -> int:
    """How many spaces start ``s`` at ``at``."""
    return len(s[at:]) - len(s[at:].lstrip())


def _relative_clause(s: str, verb: AnyMatch, event_at: int | None) -> tuple[bool, int] | None:
    """Does the speech verb ``verb`` stand in a relative clause (in the words since the last comma
    before it)? ``None`` if not; else whether the clause tells the sentence's claim (a toll, or the
    event word at ``event_at``; unknown: it does not) and where its speaker starts."""
    head = s[: verb.start()]
    start = max(head.rfind(","), head.rfind(";"), head.rfind(":")) + 1
    chunk = head[start:]
    start += len(chunk) - len(chunk.lstrip(" \"'\u201c\u201d"))
    chunk = chunk.strip(" \"'\u201c\u201d")
    opening = _RELATIVE_OPENING.match(chunk)
    inside = _RELATIVE_INSIDE.search(chunk)
    if opening is not None:
        opens, speaker = start, start + opening.end()
    elif inside is not None:
        opens, speaker = start + inside.start(), start + inside.start() + len(inside.group(1))
    else:
        m = _CONTACT_PRONOUN.search(chunk)
        if m is None or m.start() == 0 or not _NAMING_VERB.match(verb.group().strip()):
            return None
        opens = speaker = start + m.start()
    ends = _CLAUSE_END.search(s, verb.end())
    close = ends.start() if ends else len(s)
    tells = bool(_TOLL_WORDS.search(s[verb.end() : close])) or (event_at is not None and opens <= event_at < close)
    return tells, speaker


# "SANA, citing a military source, said", "Reuters reported, citing witnesses", "quoted a
# commander as saying": the cited source, not the one who relays it (a source the rules know,
# an unnamed source by its head noun, or a person's name); "citing the self-defence of ..."
# and "citing security concerns" cite no source
_CITING = _rx(
    r"(?:,\s*|\b)(?:citing|quoting)\s+([^,.;:()\"\u201c\u201d]{2,80})|"
    r"\bquoted\s+([^,.;:()\"\u201c\u201d]{2,80}?)\s+as\s+saying\b"
)
_SOURCE_HEAD = _rx(
    r"^(?:(?:an?|the|its|their|one|two|three|several|some|unnamed|local|senior|military|security|"
    r"medical|field|government|opposition|official|pro-government|kurdish|arab|syrian|iraqi|u\.?s\.?|"
    r"russian|coalition|army|state|hospital|human\s+rights)\s+){0,4}"
    r"(?:sources?|officials?|spokes(?:man|men|woman|women|person|people)|commanders?|officers?|"
    r"witness(?:es)?|eyewitness(?:es)?|residents?|activists?|doctors?|medics?|statements?|"
    r"reports?|monitors?|agency|ministry|channel|television|media)$"
)


def _cited(s: str, previous: str | None, event_at: int | None) -> tuple[list[str], tuple[int, int]] | None:
    """ "X, citing Y" / "X quoted Y as saying": Y when the rules know it; an unnamed Y (a military
    source, witnesses) gives way to a named X that is no outlet, and a military source is its
    party's; ``None`` without a cited source."""
    m = _CITING.search(s)
    if m is None:
        return None
    g = 1 if m.group(1) is not None else 2
    if s[m.end(g) : m.end(g) + 1] == ".":
        masked = mask_abbreviation_dots(s)  # a title's period ("citing Col. Joe Scrocca") ends no name
        again = _CITING.search(masked)
        if again is not None:
            m, s = again, masked
    g = 1 if m.group(1) is not None else 2
    phrase = _PREPOSITION.split(m.group(g).strip(), maxsplit=1)[0]
    lo = m.start(g) + (len(m.group(g)) - len(m.group(g).lstrip()))
    span = (lo, lo + len(phrase))
    named = [n for n in _aliases_in(phrase) if n not in _GENERIC]
    if named and _LEADING_ARTICLE.sub("", phrase)[:1] != "" and len(phrase.split()) <= 8:
        return named[:1], span
    unnamed = bool(_SOURCE_HEAD.match(phrase)) or bool(_aliases_in(phrase))
    if not unnamed and not _NAME_ONLY.match(phrase):
        return None
    # who relays it: the sentence read without the citing phrase
    cut = m.end() + (1 if s[m.end() : m.end() + 1] == "," else 0)  # the comma closing it too
    rest = s[: m.start()] + " " * (cut - m.start()) + s[cut:]
    teller, tspan = _attributed(rest, previous, event_at)
    teller = [n for n in teller if n not in _GENERIC and n != UNNAMED_SOURCE and not _OUTLETS.match(n)]
    if _NAME_ONLY.match(phrase) and not unnamed:
        return [normalise_claimant(phrase)], span
    if _MILITARY_SOURCE.match(phrase):
        act = actor(s)
        party = _CLAIMANT_OF_ACTOR.get(act) if act is not None else None
        if party is None and teller and teller[0] in _PARTY:
            party = _CLAIMANT_OF_ACTOR.get(_PARTY[teller[0]])
        if party is not None:
            return [party], span
    if teller and tspan is not None:
        return teller, tspan
    return ([n for n in _aliases_in(phrase)][:1] or [normalise_claimant(phrase)]), span


def _trim_subject(subj: str, start: int) -> tuple[str, int]:
    """A speaker phrase without a time before it, a modal after it, a noun introducing a name or
    the "and other outlets" that follow it."""
    m = _LEADING_TIME.match(subj)
    if m and m.end() < len(subj):
        subj, start = subj[m.end() :], start + m.end()
    m = _INTRODUCING_NOUN.match(subj)
    if m:
        subj, start = subj[m.end() :], start + m.end()
    for rx in (_TRAILING_MODAL, _AND_OTHERS):
        m = rx.search(subj)
        if m and m.start() > 0:
            subj = subj[: m.start()]
    return subj, start


def _speech_verbs(s: str) -> Iterator[AnyMatch]:
    """The speech verbs of a sentence, without a weapon "released"."""
    # only "released" lets a weapon go: "IS claimed that a suicide car bomb killed 16" is a claim
    said = [
        vm
        for vm in _SAY_RE.finditer(s)
        if not (vm.group().lower().endswith("released") and _WEAPON_RELEASED.match(s, vm.end()))
    ]
    return iter(sorted([*said, *_COUNTS_AS.finditer(s), *_TOLL_CLAIM.finditer(s)], key=lambda m: m.start()))


# the passive of a reporting verb names its speaker after "by": "the strike, reported by Airwars,
# killed 12", "a toll documented by the Syrian Network for Human Rights" ("released by" is left
# to _FOOTAGE: bombs are released by aircraft)
_BY_SPEAKER = _rx(
    r"\b(?:reported|claimed|announced|documented|recorded|confirmed|cited|published|posted|issued|"
    r"compiled|verified|logged)\s+(?:\w+\s+)?by\s+([^,.;:()]{2,60})"
)


def _for_speaker(s: str) -> tuple[list[str], tuple[int, int] | None]:
    """ "For <a speaker the rules know>, ...", "By <its> own count, ...", "Footage from <it>" or
    "reported by <it>": that speaker; else nobody."""
    m = _FOR_SPEAKER.match(s) or _BY_COUNT.search(s) or _FOOTAGE.search(s) or _BY_SPEAKER.search(s)
    found = [n for n in _aliases_in(m.group(1)) if n not in _GENERIC] if m else []
    return (found[:1], m.span(1)) if m and found else ([], None)


def default_claimant_of(outlet: str | None) -> str | None:
    """The claimant of copy nobody in it is said to assert: the outlet, by its canonical
    claimant name when the claim rules know it (a CJTF-OIR release is the coalition's)."""
    if outlet is None:
        return None
    found = [n for n in _aliases_in(outlet) if n not in _GENERIC]
    return found[0] if found else outlet


def claimants(sentence: str, *, previous: str | None = None) -> list[str]:
    """Who asserts what a sentence reports, as canonical names.

    Recognises "the Observatory said", "according to X", "X told AFP",
    "X claimed", '"...," said X', "the SDF and the Observatory said",
    "Amaq ... released images". Pronouns and generic references ("it
    added", "they said", "the aid group warned") take ``previous`` when
    given; with nothing to refer to, a pronoun is ``"unnamed source"`` (the
    outlet did not say it) and a generic reference the one organisation the
    sentence names, if any.

    Parameters
    ----------
    sentence : str
        One sentence.
    previous : str, keyword-only
        The claimant of the preceding sentence, for anaphora.

    Returns
    -------
    list of str
        Canonical names, first-asserting first; empty when unattributed.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"could not parse {sentence!r}: expected a str")
    return _claimants_span(sentence, previous)[0]


def claimant(sentence: str, *, previous: str | None = None, default: str | None = None) -> str | None:
    """Claimants joined with ``"; "``; ``default`` (e.g. the outlet) when none."""
    c = claimants(sentence, previous=previous)
    return "; ".join(c) if c else default


# ---------------------------------------------------------------------------
# actor and target

_ACTORS = [(a.name, _alias_rx(a)) for a in rules.actors()]


@lru_cache(maxsize=8)  # within one sentence: actor() (twice) and classify() ask again
def _actor_mentions(s: str) -> tuple[tuple[int, int, str], ...]:
    out: list[tuple[int, int, str]] = []
    for name, rx in _ACTORS:
        for m in rx.finditer(s):
            if any(a <= m.start() < b for a, b, _ in out):
                continue
            out.append((m.start(), m.end(), name))
    return tuple(sorted(out))


def actor(
    sentence: str, *, event: str | None = None, exclude: tuple[str, ...] = (), skip: tuple[int, int] | None = None
) -> str | None:
    """Who acted.

    Looks, in order, for an agent after "by" ("dropped by the US-led
    coalition"), an actor modifying or just before the event word
    ("coalition strikes", "the SDF ... seized"), jets "believed to belong
    to" someone, then the first actor named. Air strikes default to the
    US-led coalition only when the coalition is named.
    """
    s = sentence
    ev, cue = _event_with_munition(s) if event is None else (event, "")
    ments = [m for m in _actor_mentions(s) if skip is None or not (skip[0] <= m[0] < skip[1])]
    if not ments:
        return None
    for mm in _BY_AGENT.finditer(s):
        if mm.group("not"):
            continue
        after = [x for x in ments if x[0] == mm.end()]
        if after:
            return after[0][2]
    ments = [x for x in ments if not _FIGHTERS_KILLED.match(s[x[1] :])]
    if not ments or ev == "displacement":
        return None
    if ev == "territory_change":
        who = _territory_actor(s, ments, exclude)
        if who is not None:
            return who
        # no winner before the verb: a party named after it is the loser far more often than
        # the winner ("seized ground, tightening the ring around Islamic State's stronghold"),
        # so Islamic State is never taken from there; "fell to X" and "lost ... to X" say it
        rest = [x for x in ments if x[2] not in exclude and x[2] != "Islamic State"]
        return rest[0][2] if rest else None
    cue_pos = s.lower().find(cue.lower()) if cue else -1
    if cue_pos >= 0:
        before = [x for x in ments if x[1] <= cue_pos and cue_pos - x[1] <= 40 and x[2] not in exclude]
        if before:
            return before[-1][2]
    cands = [x for x in ments if x[2] not in exclude]
    if ev in ("air_strike",):
        for x in cands:
            if x[2] in ("US-led coalition", "Russia", "Syrian army"):
                return x[2]
        return None
    return cands[0][2] if cands else None


_BACKER = _rx(r"\b(?:backed|supported|aided|helped|armed|trained)\s+by\s+(?:the\s+)?$")
# "fell to the SDF", "the fall of the Old City to the SDF" (events.toml): the winner after "to"
_FELL_TO = re.compile(r"(?:fell|falls|fallen|fall\s+of\s+.+?)\s+to$", re.I)
_STATE = re.compile(r"\bfree(?:d)?$|\bhands$", re.I)


# "expelled IS from", "drove the militants from": verbs whose object is the loser (with "seized X
# from" the object is the place; "recaptured by the SDF from IS" names the agent, never the loser)
_EXPEL_VERB = re.compile(r"^(?:expelled|ousted|evicted|dislodged|drove|drives|driving)$", re.I)
_OBJECT_FROM = re.compile(r"\s+(?!by\b)((?:[\w'-]+\s+){1,3}?)from\b", re.I)


def _loser(s: str) -> str | None:
    """Who lost the place: the party after "from", or the subject of "lost ... to"."""
    t = _territory(s)
    if t is not None and ("winner" in t[1].groupdict() or "loser_first" in t[1].groupdict()):  # "lost ... to"
        before = [x for x in _actor_mentions(s) if x[1] <= t[1].start()]
        return before[-1][2] if before else None
    if t is not None:
        # "the SDF expelled IS from Jazra", "drove the militants from": the object between the
        # verb and "from" is the loser (events.toml's expulsion forms)
        obj = _OBJECT_FROM.match(s, t[1].end()) if _EXPEL_VERB.match(t[1].group(0)) else None
        if obj is not None:
            names = [x[2] for x in _actor_mentions(obj.group(1))]
            if names:
                return names[0]
    mfrom = _FROM_NAME.search(s)
    if mfrom:
        names = [x[2] for x in _actor_mentions(mfrom.group(1))]
        return names[0] if names else None
    return None


def _territory_actor(s: str, ments: list[tuple[int, int, str]], exclude: tuple[str, ...]) -> str | None:
    """The actor of a territory change: the one before its verb (after it for "turned back"), or None."""
    t = _territory(s)
    if t is None:
        return None
    extent, tm = t
    if "winner" in tm.groupdict():  # "lost ... to"
        return _winner_after(s, tm)
    if _STATE.search(tm.group(0)):
        # "Raqqa, once the capital of Daesh, is completely free": the subject is the place, and
        # a party named before it is its former holder, not the winner; "in the jihadists' hands":
        # the possessor named inside the phrase holds it
        inside = [x for x in ments if tm.start() <= x[0] and x[1] <= tm.end() and x[2] not in exclude]
        return inside[0][2] if inside and tm.group(0).lower().endswith("hands") else None
    if _FELL_TO.match(tm.group(0)):
        # "Mayadeen, an ISIS stronghold, fell to the Syrian army": the winner comes after
        after = [x for x in ments if x[0] >= tm.end() and x[2] not in exclude]
        return after[0][2] if after else None
    if "loser_first" in tm.groupdict():  # "IS was expelled from X by the SDF"
        by = _BY_AGENT.search(s[tm.end() :])
        after = [x for x in ments if by is not None and x[0] == tm.end() + by.end()]
        return after[0][2] if after else None
    if extent == "repelled":
        # "Islamic State had turned back an earlier SDF assault": the
        # attacker is the one after the verb
        after = [x for x in ments if x[0] >= tm.end()]
        if after:
            return after[0][2]
    # "The SDF, an alliance backed by the coalition, now holds ...": a backer is not the winner
    before = [
        x
        for x in ments
        if x[1] <= tm.start() and x[2] not in exclude and not _BACKER.search(s[max(0, x[0] - 24) : x[0]])
    ]
    if before:
        return before[-1][2]
    return None


_CIVILIAN = _rx(
    r"\b(?:civilians?|residents|children|women|families|people|homes|houses|"
    r"residential|internet\s+cafe|market|hospital|school|mosque|bakery|boats?|dinghy|"
    r"displaced|refugees|non-combatants)\b"
)
_HARM = _rx(
    r"\b(?:killed|killing|dead|died|deaths|injured|wounded|casualt(?:y|ies)|harm|endanger\w*|"
    r"trapped|at\s+risk|hit|targeted|struck|attacking|burn\w*|toll|shields)\b"
)


def target(sentence: str) -> str | None:
    """Target or affected party: ``civilians``, ``pro-regime forces``,
    ``Islamic State``, ``SDF``... or ``None``."""
    s = sentence
    if _PRO_REGIME.search(s):
        return "pro-regime forces"
    if _CIVILIAN.search(s) and _HARM.search(s):
        return "civilians"
    if _AGAINST_IS.search(s):
        return "Islamic State"
    if _SDF_TARGET.search(s):
        return "SDF"
    return None


#: claimants that are parties to the fighting -> their name as actor
_PARTY = {c.name: c.actor for c in rules.claimants() if c.actor is not None}
#: an actor -> the party claimant that speaks for it: the one of the same name, else the first in
#: claimants.toml ("Syrian army" -> "Syrian government", not its news agency listed after it)
_CLAIMANT_OF_ACTOR: dict[str, str] = {}
for _c in rules.claimants():
    if _c.actor is not None and (_c.actor not in _CLAIMANT_OF_ACTOR or _c.name == _c.actor):
        _CLAIMANT_OF_ACTOR[_c.actor] = _c.name


_CLAUSE_BREAK = _rx(r"[;]|,?\s+but\s|,?\s+while\s|,?\s+whereas\s")


def _other_clause(s: str, cue: str, span: tuple[int, int]) -> bool:
    """Do the status words ``cue`` and the claimant at ``span`` stand in clauses a "but" or ";" parts?"""
    at = s.lower().find(cue.lower())
    if at < 0:
        return False
    lo, hi = (at, span[0]) if at < span[0] else (span[1], at)
    return _CLAUSE_BREAK.search(s[lo:hi]) is not None


def classify(
    sentence: str,
    *,
    previous_claimant: str | None = None,
    default_claimant: str | None = None,
    event: str | None = None,
) -> Classification:
    """Code one sentence.

    Parameters
    ----------
    sentence : str
        One sentence of reporting.
    previous_claimant : str, keyword-only
        Claimant of the preceding sentence, for "it added", "they said".
    default_claimant : str, keyword-only
        Used when nobody is named (normally the outlet itself).
    event : str, keyword-only
        Code the sentence as this event type (the second event of a sentence that tells two,
        see :func:`second_event`) instead of the one its wording ranks first.

    Returns
    -------
    Classification
    """
    if not isinstance(sentence, str):
        raise TypeError(f"could not classify {sentence!r}: expected a str")
    s = sentence
    cues: list[str] = []
    ev, ev_cue = _event_with_munition(s) if event is None else (event, "")
    if ev_cue:
        cues.append(f"event_type:{ev_cue}")
    mun = munition(s)
    st, st_cue = _status(s)
    if st_cue:
        cues.append(f"status:{st_cue}")
    cl, cl_span = _claimants_span(s, previous_claimant, event_at=_event_at(s, ev, ev_cue))
    if st != "reported" and st_cue and cl_span is not None and _other_clause(s, st_cue, cl_span):
        # "The coalition confirmed strikes, but according to monitors 15 were killed": the
        # confirmation is the coalition's clause, the claim the monitors'
        cues.append(f"status:reported ({st_cue!r} is another speaker's clause)")
        st = "reported"
    act = actor(s, event=ev, skip=cl_span)
    if act is None and cl_span is not None:
        # "The SDF said it had seized ...": the speaker is also the actor
        act = actor(s, event=ev)
    # a claimant named only as speaker is not the actor ("..., the SDF and
    # the Observatory said") unless the sentence names it elsewhere
    tgt = target(s)
    ctrl: Control | None = None
    if ev == "territory_change":
        ext = control_extent(s) or "partial"
        cues.append(f"control:{ext}")
        frm: str | None
        if ext == "repelled":
            defenders = [x[2] for x in _actor_mentions(s) if x[2] != act]
            frm = defenders[0] if defenders else None
        else:
            frm = _loser(s)
            if frm is not None and act == frm:
                # "captured the final districts of the old city from IS" with the winner unnamed:
                # the loser is the only party named, and it did not win (0 inversions)
                act = actor(s, event=ev, skip=cl_span, exclude=(frm,))
            if frm is None:
                frm = "Islamic State" if act != "Islamic State" else None
        ctrl = Control(actor=act, from_=frm, extent=ext)
        tgt = frm if ext != "repelled" else act
    if st == "reported" and act is not None and cl and all(_PARTY.get(c) == act for c in cl):
        # a party speaking of its own action: its gains and the enemy's
        # losses are its claims, its own strikes acknowledged (the curated
        # convention); with a monitor also saying it, it stays a report
        st = "confirmed" if ev in ("air_strike", "shelling") else "claimed"
        cues.append(f"status:{st} by the actor itself ({act})")
    harm = bool(_CIVILIAN.search(s) and _HARM.search(s)) or tgt == "civilians"
    if mun == "white_phosphorus" and _CIVILIAN_WORD.search(s):
        harm = True
    return Classification(
        event_type=ev,
        munition=mun,
        status=st,
        claimed_by="; ".join(cl) if cl else default_claimant_of(default_claimant),
        claimants=tuple(cl),
        actor=act,
        target=tgt,
        control=ctrl,
        civilian_harm=harm,
        cues=tuple(cues),
    )


#: The patterns one of which matches in every sentence :func:`classify` codes as an incident
#: (an event type other than ``other``, or a control change): each event word, ``_AIR_HIT``, the
#: delivery words an aerial munition needs, every territory verb. ``other`` with a cue (the
#: campaign's launch) needs a clash word too. The extractor derives its sentence pre-filter
#: from their need words (``geo.extraction.extract``), so a new pattern cannot hide from it.
INCIDENT_PATTERNS: tuple[IPattern, ...] = (
    _SHOOT_DOWN,
    _STRATEGIC,
    _EVACUATION,
    _SURRENDER,
    _OPERATION_BEGUN,
    _AIR,
    _SHELL,
    _CLASH,
    _DISPLACE,
    *(rx for _, rx in _OTHER_FORMS),
    _AIR_HIT,
    _DELIVERY,
    *(rx for rx, _ in _TERRITORY),
)


# "When such a shell explodes it ...", "If a white phosphorus munition bursts ...", "Such
# rockets are unguided and ...": how a weapon works or what usually happens, not an incident
_GENERIC_OPEN = _rx(
    r"^\W*(?:(?:when|whenever|if|once|because)\s+(?:such\s+|an?\s+|these\s+|those\s+|this\s+(?:kind|type)\s+)|"
    r"such\s+(?:an?\s+)?\w+\s+(?:is|are|can|may|will|often|usually|tends?|burns?|explodes?|kills?)\b)"
)
_PAST_EVENT = _rx(
    r"\b(?:killed|struck|hit\s+(?:the|a)\b|fired|dropped|exploded|died|wounded|injured|destroyed|"
    r"was|were|had|has\s+been|have\s+been)\b"
)


def explanatory(sentence: str) -> bool:
    """Does the sentence explain (a generic or habitual present: "when such a shell explodes it
    scatters ...") rather than report an incident? Only at its opening, and never with a
    past-tense report in it ("When a shell exploded, it killed four")."""
    return _GENERIC_OPEN.search(sentence) is not None and _PAST_EVENT.search(sentence) is None


# "backed by coalition jets", "with air support": the air war as the backdrop of an advance
_AIR_BACKDROP = _rx(
    r"\b(?:backed|backing|supported|support|covered|cover|aided|helped|help)\s+(?:(?:by|of|from)\s+)?"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:jets|air|strikes|warplanes|aircraft|air\s*power|bombing|bombs|raids|planes)\b|"
    r"\bwith\s+(?:\w+\s+)?air\s+(?:support|cover|backing)\b"
)


# where a sentence's second clause starts: "..., and other units were assaulting the base",
# "..., but IS has struck back with a counterattack"
_LATER_CLAUSE = re.compile(r";|,\s*(?:and|but|while|whereas)\s|\s(?:but|while|whereas)\s")


def _clash_in_a_later_clause(s: str) -> bool:
    """Does a clause after the territory change's verb tell fighting of its own ("hold four
    districts ..., but IS has struck back with a counterattack")? Not the fighting a capture
    came after ("seized X after heavy fighting": one clause), nor the whole campaign."""
    terr = _territory(s)
    if terr is None:
        return False
    brk = _LATER_CLAUSE.search(s, terr[1].end())
    if brk is None:
        return False
    campaign = [m.span() for m in _CAMPAIGN.finditer(s)]
    return any(m.start() >= brk.end() and not any(a <= m.start() < b for a, b in campaign) for m in _CLASH.finditer(s))


def _strike_before_a_shoot_down(s: str) -> bool:
    """ "an SU-22 bombed close to SDF fighters, and a U.S. jet brought it down": the strike, told
    in a clause before the aircraft's downing, is an event of its own (not "a U.S. jet shot
    down a drone": one clause, the jet only the shooter)."""
    down = _SHOOT_DOWN.search(s)
    if down is None:
        return False
    air = _first_air(s)
    if air is None or air.start() >= down.start() or _only_generic_strike(air.group(0), s):
        return False
    return _LATER_CLAUSE.search(s, air.end(), down.start()) is not None


def _event_at(s: str, event: str, cue: str) -> int | None:
    """Where the event word of ``event`` stands: its cue, else (a second event, coded without
    one) the first word of its class; ``None`` when not found."""
    at = s.find(cue) if cue else -1
    if at >= 0:
        return at
    m: AnyMatch | None = None
    if event == "air_strike":
        m = _first_air(s)
    elif event == "shelling":
        m = _first(_SHELL, s)
    elif event == "armed_clash":
        m = _first(_CLASH, s) or _first(_SHOOT_DOWN, s)
    elif event == "territory_change":
        found = _territory(s)
        m = found[1] if found else None
    return m.start() if m is not None else None


def second_event(sentence: str, first: str) -> str | None:
    """The other event a sentence tells besides ``first``: "After a night of air strikes, the SDF
    stormed al-Mishlab" is an air strike and a territory change. Only air strikes with a
    territory change, and only when the strikes are not the advance's backdrop ("backed by
    coalition jets")."""
    if first == "territory_change" and _clash_in_a_later_clause(sentence):
        return "armed_clash"
    if first == "armed_clash" and _strike_before_a_shoot_down(sentence):
        return "air_strike"
    if first not in ("air_strike", "territory_change"):
        return None
    air = _first(_AIR, sentence)
    if air is None or _only_generic_strike(air.group(0), sentence):
        return None
    if _territory(sentence) is None:
        return None
    if any(b.start() <= air.start() < b.end() for b in _AIR_BACKDROP.finditer(sentence)):
        return None
    return "territory_change" if first == "air_strike" else "air_strike"
