"""The extract-floor benchmark still measures what it says (a few articles, one pass)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_extract_floor as floor


def test_floor_runs_and_reports_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    # main() itself refuses (exit 1) when the recorded run differs from the plain one
    assert floor.main(["--n", "6", "--passes", "1", "--top", "3"]) == 0
    out = capsys.readouterr().out
    calls = re.search(r"native calls alone, replayed \((\d+) per article\) \| ([\d.]+) \|", out)
    assert calls, out
    assert int(calls.group(1)) > 50  # every sentence goes through dozens of patterns
    whole = float(re.search(r"extract_text, whole \| ([\d.]+) \|", out).group(1))
    assert 0 < float(calls.group(2)) < whole


def test_instrument_records_calls_and_undoes_itself() -> None:
    import geo.extraction.classify as gc_
    import geo.extraction.dates as gd
    import geo.extraction.text as gt
    from geo.extraction.matching import NEED_INDEX
    from geo.extraction.text import sentences

    before = (re.search, re.sub, NEED_INDEX.built)
    kept = (list(gd._PATTERNS), list(gt._CREDIT_RES), gt._AGENCY_AT_END)
    log: list = []
    restore = floor._instrument(log)
    try:
        # patterns kept in lists and tuples are recorded too, each behind one recorder
        raw = {p[0] for p in kept[0] if isinstance(p[1], re.Pattern)}  # the others are IPattern, recorded inside
        assert raw and all(isinstance(p[1], floor._Recorder) for p in gd._PATTERNS if p[0] in raw)
        assert gt._AGENCY_AT_END[0] is gt._CREDIT_RES[4][1] and isinstance(gt._AGENCY_AT_END[0], floor._Recorder)
        assert re.search("b", "abc").start() == 1
        # flags given positionally, as geo.extraction.text does
        assert re.sub("b", "x", "abc", 1, re.IGNORECASE) == "axc"  # noqa: B034  (the recorder must take them so)
        list(sentences("One sentence here. And another one there."))
    finally:
        restore()
    assert (re.search, re.sub, NEED_INDEX.built) == before
    assert (gd._PATTERNS, gt._CREDIT_RES, gt._AGENCY_AT_END) == kept
    assert all(a[1] is b[1] for a, b in zip(gd._PATTERNS, kept[0], strict=True))
    assert not any(isinstance(v, floor._Recorder) for v in vars(gc_).values())
    names = [getattr(f, "__name__", "") for f, *_ in log]
    assert names[:2] == ["search", "sub"] and len(log) > 2
