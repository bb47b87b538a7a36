"""Tests of geo.extraction.matching.

The pre-filtered patterns answer as ``re`` does; hand-written need words are checked.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo.extraction.classify as classify_module
import geo.extraction.dates as dates_module
import geo.extraction.extract as extract_module
from geo.extraction.matching import NEED_INDEX, AnyOf, CasePattern, IPattern, NeedIndex, lowered, may_match
from geo.extraction.regex_needs import need_words

# ---------------------------------------------------------------------------
# need words written by hand are checked when the pattern is built


def test_a_hand_list_missing_an_alternative_is_refused() -> None:
    with pytest.raises(ValueError, match=r"the alternative 'stampeded' can match without any of them"):
        IPattern(r"\b(?:fled|stampeded)\b", need=("fled",))
    smoke = r"\bwhite\s+smoke\b"
    with pytest.raises(ValueError, match=re.escape(f"the alternative {smoke!r}")):
        IPattern(smoke + r"|\bphosphorus\b", need=("phosphor",))
    with pytest.raises(ValueError, match="do not cover"):
        IPattern(r"\bmines?\b", need=("mines",))  # "mine" matches too


@pytest.mark.parametrize(
    ("pattern", "need"),
    [
        (r"\b(?:fled|stampeded)\b", ("fled", "stampede")),
        (r"\bwhite\s+phosphorus\b", ("white",)),  # any required word will do, not only the derived one
        (r"\b(?:land)?mines?\b(?!\s+(?:said|told))", ("mine",)),
        (r"\bfree-?fall\s+bombs?\b|\bunguided\b", ("free", "unguided")),
    ],
)
def test_a_hand_list_every_match_contains_is_kept(pattern: str, need: tuple[str, ...]) -> None:
    assert IPattern(pattern, need=need).need == need


@pytest.mark.parametrize(
    ("pattern", "need", "message"),
    [
        (r"\bfled\b", ("Fled",), "lowercase"),
        (r"\bfled\b", ("",), "non-empty"),
        (r"(fled)\1", ("fled",), "cannot check"),  # the parser cannot read it: derive instead
    ],
)
def test_a_hand_list_that_cannot_be_used_is_refused(pattern: str, need: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        IPattern(pattern, need=need)


# ---------------------------------------------------------------------------
# the property: a pre-filtered pattern answers as the bare regex does

_WORDS = ("fled", "air", "strike", "kill", "ed", "ing", "s", "the", "pro-is", "IS")
_ATOMS = st.sampled_from([*map(re.escape, _WORDS), r"\s+", r"\b", r"\w+", "[Ss]", "[a-f]", ".", r"\.", "-", "^", "$"])


def _patterns() -> st.SearchStrategy[str]:
    """Random patterns of the subset: sequences, alternations, optional, repeated, captured and lookaround groups."""
    return st.recursive(
        _ATOMS,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            st.lists(inner, min_size=2, max_size=3).map("|".join),
            inner.map(lambda x: f"(?:{x})?"),
            inner.map(lambda x: f"(?:{x})+"),
            inner.map(lambda x: f"(?:{x}){{2,3}}"),
            inner.map(lambda x: f"({x})"),
            inner.map(lambda x: f"(?={x})"),
            inner.map(lambda x: f"(?<!{x[:1] or 'x'})"),
        ),
        max_leaves=8,
    )


def _texts_for(rx: re.Pattern[str], vocab: list[str]) -> st.SearchStrategy[str]:
    """Texts holding the need words, random matches of the pattern (of any of its alternatives), or both."""
    piece = st.one_of(st.sampled_from(vocab), st.from_regex(rx, fullmatch=True))
    return st.lists(piece, min_size=1, max_size=4).map(" ".join)


def _agrees(p: IPattern | CasePattern, text: str) -> None:
    # as built (often short: matched without the need index) and padded past
    # matching._SHORT (through the index)
    for t in (text, text + " and so on" * 6):
        bare = p.rx.search(t)  # the pattern as written (re.I for IPattern), no pre-filter
        wrapped = p.search(t)
        assert (bare is None) == (wrapped is None), (p.pattern, t)
        if bare is not None:
            assert wrapped is not None and bare.span() == wrapped.span()
            assert bare.group(0) == wrapped.group(0)
            low = lowered(t)
            if low is not None and p.need:
                # the need words are in the match itself: they were read off the letters it consumes
                assert may_match(p.need, bare.group(0).lower()), (p.pattern, p.need, t)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_patterns().filter(lambda p: _compiles(p)), st.data())
def test_derived_need_words_never_hide_a_match(pattern: str, data: st.DataObject) -> None:
    # each generated pattern in an index of its own: the shared one holds the rules'
    p = IPattern(pattern, index=NeedIndex())
    text = data.draw(_texts_for(p.rx, [*_WORDS, *p.need]))
    _agrees(p, text)
    c = CasePattern(pattern, index=NeedIndex())
    _agrees(c, data.draw(_texts_for(c.rx, [*_WORDS, *c.need])))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_patterns().filter(lambda p: _compiles(p)), st.data())
def test_a_hand_list_accepted_never_hides_a_match(pattern: str, data: st.DataObject) -> None:
    # hand lists near the derived one (pieces of its words) and far from it (other words):
    # each is either refused or as safe as a derived one
    derived = need_words(pattern, re.I)
    piece = (
        st.sampled_from(derived).flatmap(
            lambda w: st.tuples(st.integers(0, len(w) - 1), st.integers(1, len(w))).map(
                lambda ij: w[ij[0] : ij[0] + ij[1]] or w
            )
        )
        if derived
        else st.nothing()
    )
    hand = data.draw(
        st.lists(st.one_of(piece, st.sampled_from(["fled", "air", "kill", "the", "pro-"])), min_size=1, max_size=3)
    )
    try:
        p = IPattern(pattern, need=hand, index=NeedIndex())
    except ValueError as e:
        assert "do not cover" in str(e) or "cannot check" in str(e)
        return
    _agrees(p, data.draw(_texts_for(p.rx, [*_WORDS, *hand])))


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _rule_patterns() -> list[IPattern | CasePattern]:
    """Every pre-filtered pattern of the extraction rules (classify, dates, extract), alone or in their tables."""
    found: dict[int, IPattern | CasePattern] = {}

    def walk(v: object, depth: int = 0) -> None:
        if isinstance(v, (IPattern, CasePattern)):
            if v.need:
                found[id(v)] = v
        elif isinstance(v, (list, tuple)) and depth < 3:
            for x in v:
                walk(x, depth + 1)
        elif isinstance(v, dict) and depth < 3:
            for x in v.values():
                walk(x, depth + 1)

    for module in (classify_module, dates_module, extract_module):
        for v in vars(module).values():
            walk(v)
    return list(found.values())


_RULES = _rule_patterns()


def test_most_rule_patterns_are_prefiltered() -> None:
    assert len(_RULES) >= 60, len(_RULES)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_RULES), st.data())
def test_rule_patterns_answer_as_the_bare_regex(p: IPattern | CasePattern, data: st.DataObject) -> None:
    """Texts from the need words and from random matches of each alternative: the wrapper finds what re finds."""
    vocab = sorted({w for n in p.need for w in n.split()} | {"the", "SDF", "IS", "said", "US", "-", "."})
    _agrees(p, data.draw(_texts_for(p.rx, vocab)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="fledFLED stampeIS\u0130\u017f.", max_size=30))
def test_the_other_methods_answer_as_re_does(text: str) -> None:
    rx = re.compile(r"\b(?:fled|stamped(?:ed)?)\b|\bis\b", re.I)
    p = IPattern(rx.pattern, index=NeedIndex())
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in rx.finditer(text)]
    m, want = p.match(text), rx.match(text)
    assert (m and m.span()) == (want and want.span())
    assert p.split(text) == rx.split(text)
    assert p.split(text, 1) == rx.split(text, maxsplit=1)
    assert p.sub("", text) == rx.sub("", text)
    named = IPattern(r"(?P<who>\w+)\s+(?P<verb>fled)", index=NeedIndex())
    got, ref = named.search(text + " Troops FLED"), re.search(named.pattern, text + " Troops FLED", re.I)
    assert got is not None and ref is not None and got.groupdict() == ref.groupdict()


# --------------------------------------------------------------------------
# AnyOf: the Aho-Corasick word test answers as the re.I alternation does

_ANYOF_WORDS = ("air", "strike", "left the city", "ied", "kill", "overran")


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("airAIRstrikeSTRIKE left thcyLEFTDKol") + ["\u0130", "\u017f", "\u0131", "é"]),
        max_size=40,
    )
)
def test_anyof_agrees_with_the_case_insensitive_alternation(text: str) -> None:
    rx = re.compile("|".join(map(re.escape, _ANYOF_WORDS)), re.I)
    assert AnyOf(_ANYOF_WORDS)(text) == (rx.search(text) is not None)


@pytest.mark.parametrize(("words", "bad"), [(("air", "IED"), "IED"), (("",), "")])
def test_anyof_refuses_words_it_could_not_match_as_written(words: tuple[str, ...], bad: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr([bad]))):
        AnyOf(words)


# --------------------------------------------------------------------------
# the need index

_NEED_WORDS = sorted({w for need in NEED_INDEX.needs for w in need})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_NEED_WORDS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz -.,", max_size=6)),
        max_size=12,
    )
)
def test_need_index_passes_exactly_the_patterns_the_word_loop_passes(pieces: list[str]) -> None:
    # one Aho-Corasick pass must give, for every registered pre-filter, the loop's answer
    low = "".join(pieces).lower()
    passing = NEED_INDEX.passing(low)
    assert {slot for slot, need in enumerate(NEED_INDEX.needs) if may_match(need, low)} == passing
    assert len(NEED_INDEX.needs) > 50  # the classify, dates and extract patterns registered theirs


def test_a_pattern_made_after_a_text_was_asked_about_still_matches_it() -> None:
    # the need index keeps answers per text: a new pattern must not inherit a stale one
    text = "Warplanes of the zorblax coalition struck the zorblax quarter."
    assert IPattern(r"\bwarplanes\b").search(text)
    late = IPattern(r"\bzorblax\s+quarter\b")
    assert late.need == ("zorblax",)
    found = late.search(text)
    assert found is not None and found.group(0) == "zorblax quarter"


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("Raqqa FLED", "raqqa fled"),
        ("Caf\u00e9", "caf\u00e9"),
        ("\u0130dlib", None),
        ("Kelvin \u212a", None),
        ("the \u017fame", None),
    ],
)
def test_lowered_only_where_it_matches_as_re_i_does(text: str, low: str | None) -> None:
    assert lowered(text) == low


def _case_class(c: str) -> set[str]:
    """``c`` with the single characters its lowering and uppercasing reach."""
    return {x for x in {c, c.lower(), c.upper(), c.upper().lower(), c.lower().upper()} if len(x) == 1}


def test_lowering_is_refused_for_every_character_whose_case_class_lowers_apart() -> None:
    # over every code point: where re.I and lower() could disagree, lowered() must say None
    apart = []
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        if c.lower() == c.upper() == c:
            continue
        cls = _case_class(c)
        if len(c.lower()) != 1 or len({x.lower() for x in cls}) > 1:
            apart += [x for x in cls if not x.isascii()]
    assert len(apart) > 50  # sigma, theta, micro sign, long s, dotless i, Cyrillic ve ...
    assert [c for c in apart if lowered("a" + c) is not None] == []
    # and everywhere else, re.I agrees with comparing lowercased characters
    for cp in range(0x80, 0x3000):
        t = chr(cp)
        if lowered(t) is None:
            continue
        for p in _case_class(t):
            assert (re.fullmatch(re.escape(p), t, re.I) is not None) == (p.lower() == t.lower()), (t, p)


def test_a_greek_final_sigma_is_matched_as_re_i_matches_it() -> None:
    p = IPattern("\u03c3\u03c4\u03bf\u03b1", index=NeedIndex())  # medial sigma in the pattern
    text = "x" * 60 + " \u03c2\u03c4\u03bf\u03b1"  # final sigma in the text: re.I matches it
    assert re.search(p.pattern, text, re.I) is not None
    assert p.search(text) is not None


# --------------------------------------------------------------------------
# the extractor's sentence pre-filter: derived from the patterns, never hiding a match


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(extract_module.CUE_PATTERNS), st.data())
def test_the_sentence_prefilter_passes_every_match_of_every_incident_pattern(p, data: st.DataObject) -> None:
    """Random matches of each pattern that can make a sentence an incident, in any case, alone or
    in filler: the pre-filter lets every one through (issue 16: "stampeded" behind "fled")."""
    match = data.draw(st.from_regex(p.rx, fullmatch=True).filter(lambda t: p.rx.fullmatch(t) is not None))
    filler = data.draw(st.sampled_from(["", "On Monday ", "The report said that "]))
    text = filler + match + data.draw(st.sampled_from(["", ".", " in the city."]))
    assert p.rx.search(text) is not None
    assert extract_module._CUES(text), (p.pattern, text)


def test_the_prefilter_is_derived_and_refuses_a_pattern_without_need_words() -> None:
    assert set(extract_module._CUES.words) == set(extract_module.cue_words(extract_module.CUE_PATTERNS))
    with pytest.raises(ValueError, match="no need words"):
        extract_module.cue_words([IPattern(r"\w+ed\b", index=NeedIndex())])
    # every pattern classify decides an incident with is among them
    assert set(map(id, classify_module.INCIDENT_PATTERNS)) <= set(map(id, extract_module.CUE_PATTERNS))


@pytest.mark.parametrize(
    "sentence",
    [
        "Islamic State lost the Jazra district to the SDF on Monday.",  # "lost" was in no hand-written cue
        "Some buildings in the district were already in SDF hands.",
        "The hospital had been freed, the SDF said.",
    ],
)
def test_sentences_the_hand_list_hid_now_pass(sentence: str) -> None:
    assert extract_module._CUES(sentence)


def test_the_date_gates_written_by_hand_are_checked() -> None:
    with pytest.raises(ValueError, match="do not cover"):
        from geo.extraction.regex_needs import check_need_words

        check_need_words(dates_module._PATTERNS[-1][1].pattern, re.I, ("monday",))
