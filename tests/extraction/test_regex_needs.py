"""Tests of geo.extraction.regex_needs: the need words read off a pattern, and the safe fallback."""

from __future__ import annotations

import re

import pytest

from geo.extraction.regex_needs import need_words

# ---------------------------------------------------------------------------
# the derivation (the property that they never hide a match: test_matching)


@pytest.mark.parametrize(
    ("pattern", "need"),
    [
        (r"\bclaim(?:ed|s|ing)?\b", ("claim",)),  # an optional group requires nothing
        (r"\brockets?\b|\bkatyusha\b|\bGrad\b", ("grad", "katyusha", "rocket")),  # one per alternative
        (r"\b[Ss]yrian\s+(?:army|forces)\b", ("syrian",)),  # [Ss] is one letter to a lowered text
        (r"\bsyrian\s+army\b|\bregime\s+forces\b", ("regime", "syrian")),
        (r"(?:ab)+cde", ("cde",)),  # a repeat done at least once keeps its literal; the longest run wins
        (r"(?:abcd){2,}x", ("abcd",)),
        (r"(?:abcd){0,3}xyz", ("xyz",)),  # {0,n} may be skipped
        (r"\bUS\b|\bcoalition\b", ()),  # "us" is too short to filter anything
        (r"x?y?z?", ()),  # optional parts require nothing
        (r"(?!not)\w+", ()),  # a lookahead is not part of the match
        (r"(?<=said )\bfled\b", ("fled",)),  # nor is a lookbehind
        (r"^\s*fled$", ("fled",)),  # anchors are zero-width: the run is unbroken
        (r"\bU\.S\.-led\b", ("u.s.-led",)),  # escaped punctuation is literal
        (r"\u201cquote\u201d", ("\u201cquote\u201d",)),  # caseless characters are literal
        (r"caf\u00e9s\s+open", ("open",)),  # a cased non-ASCII letter is not: re.I may match it by
        ("\u03c3\u03c4\u03bf\u03b1", ()),  # another lowercase (final sigma for sigma)
        (r"fl[a-e]d", ()),  # a range is not one letter: "fl" alone is too short
        (r"[^x]fled", ("fled",)),
        (r"(?P<who>men|troops)\s+fled", ("fled",)),  # the longest shortest option wins
        (r"(?i:islamic)\s+state", ("islamic",)),  # scoped flags
        (r"(?>atomic)", ("atomic",)),
        # alternations as CPython's parser shapes them: shared leading letters move out of the
        # group, and a plain group's letters join the run around it
        (r"\bpro-(?:is|isis|isil)\b", ("pro-is",)),
        (r"kill(?:ed)", ("killed",)),
        (r"\b(?:killed|killing)\b", ("kill",)),
        (r"(?:a|A)bcd", ("abcd",)),  # one letter in either case is a one-letter class
    ],
)
def test_need_words_table(pattern: str, need: tuple[str, ...]) -> None:
    re.compile(pattern)  # every row is a valid pattern
    assert need_words(pattern) == need


@pytest.mark.parametrize(
    "pattern",
    [
        r"(fled)\1",  # backreference
        r"(?P<w>fled)(?P=w)",
        r"(?x) fled  # verbose",
        r"(?i)fled",  # global inline flags
        r"(fled)?(?(1)abc|def)",  # conditional
        r"fled(?#comment)",
        r"\N{LATIN SMALL LETTER A}fled",
        r"\101fled",  # octal
        r"[[]fled",  # a bracket inside a class
        r"[a-c--]fled",  # what may become a set operation
    ],
)
@pytest.mark.filterwarnings("ignore::FutureWarning")  # CPython's own warning about the last two
def test_syntax_outside_the_subset_gives_no_need_words(pattern: str) -> None:
    # no need words: the regex always runs; never a guess
    re.compile(pattern)
    assert need_words(pattern) == ()


def test_verbose_mode_gives_no_need_words() -> None:
    assert need_words(r"fled  # and nothing else", re.VERBOSE) == ()
    assert need_words(r"fled") == ("fled",)
