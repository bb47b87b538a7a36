"""Name normalisation for Arabic place names written in Latin or Arabic script.

Two jobs, two functions:

* :func:`name_key` reduces a name to a key so that spellings that differ only in
  case, diacritics, hyphens and apostrophes, the Arabic article (al-, el-, ar-,
  as-, ash-, a-...), doubled consonants, e/i, ou/u and the -ia/-iya/-iyah/-iyeh
  endings compare equal. It is used by ``lookup``.
* :func:`surface_variants` expands one known spelling into the spellings a text
  may use, for the Aho-Corasick matcher: matching raw text against variants is
  what makes ``mentions`` fast, and is why the matcher never loosens beyond
  these rules (a looser matcher would place words that are not place names).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

#: The Arabic definite article as transliterated, with sun-letter assimilation.
ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "a", "an", "at", "ad", "adh", "az", "ath", "ul", "il"})

_APOSTROPHES = "'\u2019\u2018`\u02bf\u02be\u00b4\u02bc"
_ENDING = re.compile(r"(iyyah|iyyeh|iyya|iyah|iyeh|iyye|iya|iah|ieh|iye|ia)$")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def strip_diacritics(s: str) -> str:
    """Remove combining marks from Latin letters (``Raqqā`` → ``Raqqa``)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def arabic_key(s: str) -> str:
    """Key for Arabic script: marks and tatweel dropped, alef/ta marbuta/ya folded, article dropped."""
    s = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", s)).translate(_ARABIC_FOLD)
    words = []
    for w in re.split(r"[\s\-\u200c\u200f]+", s.strip()):
        if not w:
            continue
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        words.append(w)
    return " ".join(words)


def _latin_token_key(tok: str) -> str:
    # vowels first (e/i, ou/u), then doubled letters, then endings: every variant
    # surface_variants() makes lands on the same key
    tok = tok.replace("ou", "u").replace("e", "i")
    tok = re.sub(r"(.)\1+", r"\1", tok)
    tok = re.sub(r"(?:iyah|iyih|iya|iah|ia)$", "ia", tok)
    tok = re.sub(r"(?<=[^aiu])(?:ah|ih)$", "a", tok)
    return tok


def tokens(name: str) -> list[str]:
    """Lower-case Latin tokens of a name, diacritics and apostrophes removed."""
    s = strip_diacritics(unicodedata.normalize("NFKC", name)).casefold()
    for ch in _APOSTROPHES:
        s = s.replace(ch, "")
    return [t for t in re.split(r"[^0-9a-z]+", s) if t]


def name_key(name: str) -> str:
    """Reduce a place name to its comparison key.

    Parameters
    ----------
    name : str
        A name as written, in Latin or Arabic script.

    Returns
    -------
    str
        The key; ``""`` for a name with no letters.

    Examples
    --------
    >>> name_key("Al-Meshleb") == name_key("al-Mishlab") == name_key("Mishlab")
    True
    >>> name_key("Sabahiyah") == name_key("al-Sabahia")
    True
    """
    if _ARABIC.search(name):
        return "ar:" + arabic_key(name)
    toks = tokens(name)
    if toks and toks[0] == "the" and len(toks) > 1:
        toks = toks[1:]
    kept = [t for t in toks if t not in ARTICLES]
    if not kept:  # a name that is only an article is itself
        kept = toks
    return " ".join(_latin_token_key(t) for t in kept)


def strict_key(name: str) -> str:
    """Like :func:`name_key` but keeping the Arabic article (as ``al``): tells
    ``al-Romania`` (a Raqqa district) from ``Romania`` (the country)."""
    if _ARABIC.search(name):
        return name_key(name)
    toks = tokens(name)
    if toks and toks[0] == "the" and len(toks) > 1:
        toks = toks[1:]
    return " ".join("al" if t in ARTICLES else _latin_token_key(t) for t in toks)


# ---------------------------------------------------------------- matcher side


#: Characters a matcher folds to a space: everything but letters and digits.
def fold_for_matching(s: str) -> str:
    """Lower-case, strip Latin diacritics, turn every non-letter/digit into a space.

    Applied to an alias to make a pattern, and (length-preserving) to text.
    """
    out = []
    for ch in strip_diacritics(unicodedata.normalize("NFKC", s)).lower():
        out.append(ch if ch.isalnum() else " ")
    return re.sub(r" +", " ", "".join(out)).strip()


def _token_variants(tok: str) -> list[str]:
    stems: list[str] = []
    m = _ENDING.search(tok)
    if m and len(tok) > len(m.group(1)) + 1:
        stem = tok[: m.start()]
        stems = [stem + e for e in ("ia", "iya", "iyah", "iyeh", "iyya", "iyyah", "iah")]
    elif re.search(r"[^aeiou](a|ah|eh)$", tok) and len(tok) > 3:
        stem = re.sub(r"(a|ah|eh)$", "", tok)
        stems = [stem + e for e in ("a", "ah", "eh")]
    else:
        stems = [tok]
    out: list[str] = []
    for s in stems:
        # doubled consonants, both ways, for the first doubled run only (bounded growth)
        forms = {s}
        d = re.search(r"([b-df-hj-np-tv-z])\1", s)
        if d:
            forms.add(s[: d.start()] + s[d.start() + 1 :])
        more = set()
        for f in forms:
            if "ou" in f:
                more.add(f.replace("ou", "u"))
            # e/i swap at up to the first two vowel positions
            pos = [i for i, c in enumerate(f) if c in "ei"][:2]
            for choice in itertools.product("ei", repeat=len(pos)):
                g = list(f)
                for p, c in zip(pos, choice, strict=True):
                    g[p] = c
                more.add("".join(g))
        forms |= more
        out.extend(sorted(forms))
    return list(dict.fromkeys(out))


def surface_variants(name: str, *, limit: int = 256) -> list[str]:
    """Spellings of ``name`` that a text may use, folded for matching.

    The leading article is dropped (the matcher extends a hit leftwards over an
    article written before it); an internal article (``Nazlat al-Shahada``)
    becomes each of its common forms or nothing.

    Parameters
    ----------
    name : str
        A known spelling (canonical name or alias).
    limit : int, keyword-only
        Upper bound on the number of variants returned.

    Returns
    -------
    list of str
        Folded variants, the folded name itself first.
    """
    if _ARABIC.search(name):
        base = arabic_key(name)
        forms = [base]
        for pre in ("ال", "وال", "بال", "فال", "لل", "و", "ب"):
            forms.append(pre + base)
        return list(dict.fromkeys(fold_for_matching(f) for f in forms))[:limit]
    folded = fold_for_matching(name)
    # apostrophe dropped rather than split: Sina'a -> sinaa as well as "sina a"
    joined = fold_for_matching("".join(c for c in name if c not in _APOSTROPHES))
    toks = joined.split()
    while toks and toks[0] in ARTICLES and len(toks) > 1:
        toks = toks[1:]
    per_token: list[list[str]] = []
    for t in toks:
        if t in ARTICLES:
            per_token.append(["al", "el", "a", "ash", "as", "ar", ""])
        elif t.isdigit() or len(t) <= 2:
            per_token.append([t])
        else:
            per_token.append(_token_variants(t))
    out = [folded, joined]
    for combo in itertools.product(*per_token):
        out.append(" ".join(w for w in combo if w))
        if len(out) >= limit * 2:
            break
    if toks:
        out.insert(2, " ".join(toks))
    return [v for v in dict.fromkeys(out) if v][:limit]
