"""Is this English? The rules read English news copy only; other text is refused by name, not read as empty.

A cheap test, not a language identifier. A text is judged only when it has at
least :data:`MIN_WORDS` words (a headline alone says too little), and refused
only on positive evidence:

* its letters are mostly (:data:`MIN_SCRIPT_SHARE`) of one script other than
  Latin (Arabic copy, say);
* or it is in Latin letters and the common function words of French, German or
  Spanish outnumber English ones: our English copy has 29-38% English function
  words and 0-3% of any other language's; French and German wire copy the
  reverse (measured on the seeds, the test articles and the samples in the tests).

Telegraphic English (lists of names, fragments) has few function words of any
language, and passes.
"""

from __future__ import annotations

import re
import unicodedata

from geo.exc import InputError

#: Common function words of each language (closed-class words that any prose in it uses).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "English": frozenset(
        "the of and to in a is was that for on with as by at from it he she they were are be has have had "
        "said says an this which who or not but its their been after over into also than more".split()
    ),
    "French": frozenset(
        "le la les des du de un une et est sont dans pour par sur avec selon qui que ont été au aux ce cette "
        "il elle ils a été".split()
    ),
    "German": frozenset(
        "der die das den dem des und ist sind wurde wurden mit von zu im auf für bei nach aus ein eine einer "
        "nicht sich es hat haben".split()
    ),
    # not "al" or "el": in our copy they are Arabic articles ("al-Sinaa")
    "Spanish": frozenset("la los las de del y en que por con para una un es son fue según se su sus ha han".split()),
}
#: Texts with fewer words are not judged.
MIN_WORDS = 30
#: A script other than Latin must hold this share of the letters to refuse the text.
MIN_SCRIPT_SHARE = 0.8
#: Another language's function words must make up this share of the words (and outnumber English ones).
MIN_FOREIGN_SHARE = 0.08

_WORD = re.compile(r"[^\W\d_]\w*")  # a word with a letter: figures say nothing of the language


class NotEnglishError(InputError):
    """The text is not English, which the extraction rules read."""


def function_word_shares(text: str) -> tuple[dict[str, float], int]:
    """Each language's share of the words that are its function words, and the number of words."""
    words = _WORD.findall(text.casefold())
    if not words:
        return dict.fromkeys(FUNCTION_WORDS, 0.0), 0
    return {lang: sum(w in fw for w in words) / len(words) for lang, fw in FUNCTION_WORDS.items()}, len(words)


def main_script(text: str) -> tuple[str, float]:
    """The most common script among the letters (``LATIN``, ``ARABIC``, ... by Unicode name) and its share."""
    counts: dict[str, int] = {}
    for ch in text[:20_000]:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN ?").split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "NONE", 0.0
    top = max(counts, key=counts.__getitem__)
    return top, counts[top] / sum(counts.values())


def require_english(text: str, *, name: str) -> None:
    """Raise :class:`NotEnglishError` naming ``name`` when ``text`` is long enough to judge and not English."""
    shares, n = function_word_shares(text)
    if n < MIN_WORDS:
        return
    script, script_share = main_script(text)
    if script not in ("LATIN", "NONE") and script_share >= MIN_SCRIPT_SHARE:
        seen = f"{script.title()} script"
    else:
        lang = max((k for k in shares if k != "English"), key=shares.__getitem__)
        if not (shares[lang] >= MIN_FOREIGN_SHARE and shares[lang] > shares["English"]):
            return
        seen = f"{lang} by its common words"
    raise NotEnglishError(f"{name}: the text does not read as English ({seen}); the extractor reads English only")
