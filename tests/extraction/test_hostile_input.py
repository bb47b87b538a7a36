"""Hostile and unlucky article text: the extractor finishes, cites only what is there, and grows
linearly with the input (nothing an article carries is copied into every report)."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extraction.extract import extract_text
from geo.extraction.language import NotEnglishError

SENTENCE = "Coalition jets struck al-Mishlab on Tuesday, killing {n} civilians, activists said."
TOKENS = [
    "al-Mishlab",
    "Raqqa",
    "the SDF",
    "Islamic State",
    "12",
    "1,200",
    "three",
    "up to 30",
    "more than 200",
    "killed",
    "captured",
    "on Tuesday",
    "since June 6",
    '"',
    "'",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "{{ 7*7 }}",
    "{% raw %}",
    "<script>",
    ".",
    ",",
    ";",
    "\n",
    "  ",
    "-",
    "—",
    "Mr.",
    "U.S.",
    "according to",
    "said",
    "\u202e",
    "\u0627\u0644\u0631\u0642\u0629",
    "x" * 300,
]


def _one_line(n_bytes: int) -> str:
    parts, size, i = [], 0, 0
    while size < n_bytes:
        s = SENTENCE.format(n=i % 40 + 2)
        parts.append(s)
        size += len(s) + 1
        i += 1
    return " ".join(parts)


def _cost(text: str) -> tuple[int, int, float]:
    tracemalloc.start()
    t = time.process_time()
    try:
        reports = extract_text(text, article_id="probe", published="2017-06-10", outlet="Probe")
    except NotEnglishError:
        reports = []
    cpu = time.process_time() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return len(json.dumps(reports)), peak, cpu


@pytest.mark.parametrize("newlines", [False, True])
def test_output_and_memory_grow_linearly_with_the_article(newlines):
    # a 100 KB one-line article was its own title, copied into each of its ~1,000 reports:
    # 121 MB of output and quadratic memory
    small, big = _one_line(10_000), _one_line(100_000)
    if newlines:
        small, big = small.replace(". ", ".\n"), big.replace(". ", ".\n")
    out_s, peak_s, _ = _cost(small)
    out_b, peak_b, _ = _cost(big)
    assert out_b / len(big) < 40, f"{out_b:,} bytes of reports from {len(big):,} bytes of text"
    assert out_b < 13 * out_s and peak_b < 13 * peak_s, (out_s, out_b, peak_s, peak_b)


@settings(max_examples=60)
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=400).map(" ".join))
def test_any_text_gives_reports_that_quote_it_exactly(text):
    if not text.strip():
        return
    try:
        reports = extract_text(text, article_id="fuzz", published="2017-06-10", outlet="Fuzz")
    except NotEnglishError:
        return  # said so, by name: not silently empty
    for r in reports:
        assert text[r["span_start"] : r["span_end"]] == r["quote"]
        assert r["event_type"] and r["claimed_by"]
        assert len(r.get("title") or "") <= 300


@pytest.mark.parametrize(
    "text",
    [
        "(" * 20_000 + "Jets struck Raqqa, killing 5." + ")" * 20_000,
        '"' * 30_000 + " Jets struck Raqqa. " + "'" * 30_000,
        " ".join(str(i) for i in range(20_000)) + " killed in Raqqa.",
        " ".join(["al-Mishlab"] * 10_000) + " was captured by the SDF.",
        "A" * 200_000,
        "Jets struck Raqqa" + ", and Tabqa" * 10_000 + ".",
    ],
    ids=["brackets", "quotes", "numbers", "place-names", "one-word", "long-list"],
)
def test_adversarial_shapes_finish_in_bounded_time(text):
    _, peak, cpu = _cost(text)
    assert cpu < 20 and peak < 200 * len(text) + 20_000_000, (cpu, peak)


@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1])), max_size=30),
    st.integers(0, 260),
    st.integers(0, 40),
)
def test_span_lookup_agrees_with_a_scan(spans, start, length):
    # the binary search that replaced a scan of every span for every sentence (quadratic in a long article)
    from geo.extraction.extract import _Spans

    end = start + length
    assert _Spans(spans).hold(start, end) == any(a <= start and end <= b for a, b in spans)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["No. 5", "Vol. 3", "Convol. 7", "pp. 12", "Art. 4", "He left. 9", "p. 2", " ", "x"]),
                max_size=12).map(" ".join))
def test_number_abbreviations_split_as_before_in_any_context(text):
    # the window searched before a period is the abbreviation's longest form: same answer as the whole line
    import re

    from geo.extraction.text import _NUMBER_ABBR_RE

    for m in re.finditer(r"\.", text):
        assert bool(_NUMBER_ABBR_RE.search(text, max(0, m.start() - 8), m.start())) == bool(
            _NUMBER_ABBR_RE.search(text, 0, m.start())
        )
