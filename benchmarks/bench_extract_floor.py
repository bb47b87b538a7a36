"""The native floor of ``extract``: its regex and Aho-Corasick calls alone.

Every rule of the extractor ends in calls to native code: Python's C regex
engine (``re.Pattern.search`` / ``match`` / ``finditer`` / ``sub`` / ``split``
...) and the Rust Aho-Corasick automata (``ahocorasick_rs``). This script runs
the extractor once over a generated corpus (:func:`bench_extract.corpus`,
same generator, same seed) with every such call recorded -- the callable, its
arguments, and for an iterator how many items were taken -- checks that the
recorded run gave exactly the reports of a plain run, and then replays the
recorded calls in a bare loop, with none of the Python logic around them.

The replay is a lower bound for *this rule set* in CPython: an extractor that
makes the same native calls cannot take less time than the calls themselves,
whatever its Python glue. (It is not a bound for every possible rule set.)

Reported: the extractor's own time and the replay's, both per article (process
CPU, one core, best of ``--passes``), the calls per article, the bare loop's
overhead, and the patterns that cost the most.

Usage::

    uv run python benchmarks/bench_extract_floor.py               # 300 articles
    uv run python benchmarks/bench_extract_floor.py --n 500 --top 15
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import os
import re
import sys
import tempfile
import time
import types
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ahocorasick_rs

import gazetteer

_METHODS = ("search", "match", "fullmatch", "findall", "sub", "subn", "split")
_AC_TYPES = (ahocorasick_rs.AhoCorasick, ahocorasick_rs.BytesAhoCorasick)

#: one recorded call: [callable, args, kwargs, items taken from the iterator it returned (or None)]
Call = list


class _Taken:
    """An iterator that counts how many items the caller took."""

    __slots__ = ("_it", "_rec")

    def __init__(self, it, rec: Call) -> None:
        self._it, self._rec = it, rec

    def __iter__(self):
        return self

    def __next__(self):
        v = next(self._it)
        self._rec[3] += 1
        return v


class _Recorder:
    """Stands in for a compiled pattern or an automaton, logging each matching call."""

    def __init__(self, obj, log: list[Call]) -> None:
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_log", log)

    def __getattr__(self, name: str):
        v = getattr(self._obj, name)
        if name == "finditer":

            def finditer(*a, **kw):
                rec: Call = [v, a, kw, 0]
                self._log.append(rec)
                return _Taken(v(*a, **kw), rec)

            return finditer
        if name in _METHODS or name.startswith("find_matches"):

            def call(*a, **kw):
                self._log.append([v, a, kw, None])
                return v(*a, **kw)

            return call
        return v


def _wrapped(v: Any, rec: Callable[[Any], _Recorder], undo: list[Callable[[], None]], depth: int = 0) -> Any:
    """``v`` with its patterns (also inside tuples, sets, lists and dicts) behind recorders; None if it has none."""
    if isinstance(v, (re.Pattern, *_AC_TYPES)):
        return rec(v)
    if depth >= 2:
        return None
    if isinstance(v, (tuple, frozenset, set)):
        items = [_wrapped(x, rec, undo, depth + 1) for x in v]
        if all(x is None for x in items):
            return None
        return type(v)(x if w is None else w for x, w in zip(v, items, strict=True))
    if isinstance(v, list):
        for i, x in enumerate(v):
            w = _wrapped(x, rec, undo, depth + 1)
            if w is not None:
                v[i] = w
                undo.append(functools.partial(v.__setitem__, i, x))
        return None  # changed in place
    if isinstance(v, dict):
        for k, x in list(v.items()):
            w = _wrapped(x, rec, undo, depth + 1)
            if w is not None:
                v[k] = w
                undo.append(functools.partial(v.__setitem__, k, x))
        return None
    return None


def _swap(owner: Any, attr: str, rec: Callable[[Any], _Recorder], undo: list[Callable[[], None]]) -> None:
    old = getattr(owner, attr)
    new = _wrapped(old, rec, undo)
    if new is not None:
        setattr(owner, attr, new)
        undo.append(lambda: setattr(owner, attr, old))


def _pattern_attrs(o: object) -> list[str]:
    """The attributes of a ``geo`` / ``gazetteer`` object (not a module) that hold a pattern or an automaton."""
    if isinstance(o, (_Recorder, types.ModuleType)):  # modules done apart; a recorder is not wrapped again
        return []
    if not str(getattr(type(o), "__module__", "")).startswith(("geo", "gazetteer")):
        return []
    slots = getattr(type(o), "__slots__", ())
    attrs = [k for k in slots if isinstance(getattr(o, k, None), (re.Pattern, *_AC_TYPES))]
    d = getattr(o, "__dict__", None)
    if isinstance(d, dict) and not isinstance(o, type):
        attrs += [k for k, v in d.items() if isinstance(v, (re.Pattern, *_AC_TYPES))]
    return attrs


def _module_function(fname: str, log: list[Call]) -> Callable:
    """``re.<fname>`` routed through a recorder of the pattern it compiles."""
    # the module functions' own signatures: flags comes after string (and repl, count / maxsplit)
    before_flags = {"sub": 3, "subn": 3, "split": 2}.get(fname, 1)

    def f(pattern, *a, **kw):
        flags = kw.pop("flags", 0)
        if len(a) > before_flags:
            a, flags = a[:before_flags], a[before_flags]
        rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        return getattr(_Recorder(rx, log), fname)(*a, **kw)

    return f


def _instrument(log: list[Call]) -> Callable[[], None]:
    """Route every compiled pattern and automaton of ``geo`` and ``gazetteer`` through a recorder.

    Returns a function that undoes it.
    """
    from geo.extraction.matching import NEED_INDEX

    undo: list[Callable[[], None]] = []
    recorders: dict[int, _Recorder] = {}  # one recorder per object: identity tests ("rx in _AGENCY_AT_END") still hold

    def rec(obj: Any) -> _Recorder:
        if id(obj) not in recorders:
            recorders[id(obj)] = _Recorder(obj, log)
        return recorders[id(obj)]

    for name, mod in list(sys.modules.items()):
        if mod is None or not name.startswith(("geo", "gazetteer")):
            continue
        for k in list(vars(mod)):
            if not k.startswith("__"):
                _swap(mod, k, rec, undo)
    for o in gc.get_objects():
        for k in _pattern_attrs(o):
            _swap(o, k, rec, undo)
    built = NEED_INDEX.built  # the one automaton over every pattern's need words
    if built is not None:
        NEED_INDEX.built = (_Recorder(built[0], log), built[1])
        undo.append(lambda: setattr(NEED_INDEX, "built", built))
    # module-level re.search(pattern_string, ...) and friends
    for fname in (*_METHODS, "finditer"):
        old = getattr(re, fname)
        setattr(re, fname, _module_function(fname, log))
        undo.append(functools.partial(setattr, re, fname, old))

    def restore() -> None:
        for u in reversed(undo):
            u()

    return restore


def _replay(calls: list[Call]) -> None:
    for f, a, kw, n in calls:
        r = f(*a, **kw)
        if n is not None:
            for _ in itertools.islice(r, n):
                pass


def _loop(calls: list[Call]) -> None:
    for _f, _a, _kw, _n in calls:
        pass


def _best(fns: dict[str, Callable[[], object]], passes: int) -> dict[str, float]:
    """Best process-CPU time of each function, their passes interleaved (the machine drifts)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(passes):
        for name, fn in fns.items():
            c = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - c)
    return best


def _label(f) -> str:
    owner = getattr(f, "__self__", None)
    what = getattr(f, "__name__", "?")
    if isinstance(owner, re.Pattern):
        return f"{what} {owner.pattern[:60]!r}"
    return f"{what} ({type(owner).__name__})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300, help="articles (default 300; every call is kept in memory)")
    ap.add_argument("--passes", type=int, default=5, help="timed passes, best taken (default 5)")
    ap.add_argument("--top", type=int, default=10, help="costliest patterns to list (default 10)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    import bench_extract as be

    import geo.extraction.extract as gx

    # no memo: every sentence coded, as in the no-memo figure (a monkeypatch: the types differ on purpose)
    gx._code = gx._code_uncached  # type: ignore[assignment]
    gz = gazetteer.load()
    with tempfile.TemporaryDirectory(prefix="bench_floor_") as tmp:
        texts = [(p.read_text(encoding="utf-8"), pub) for p, pub in be.corpus(args.n, Path(tmp), gz)]

    def extract_all() -> list:
        return [
            gx.extract_text(t, article_id=f"a{i}", published=pub, outlet="bench", gz=gz)
            for i, (t, pub) in enumerate(texts)
        ]

    plain = extract_all()  # also builds every lazy automaton before instrumenting
    log: list[Call] = []
    restore = _instrument(log)
    try:
        recorded = extract_all()
    finally:
        restore()
    if recorded != plain:
        print("the recorded run gave other reports than the plain run: the recorder changed behaviour", file=sys.stderr)
        return 1
    best = _best({"full": extract_all, "replay": lambda: _replay(log), "loop": lambda: _loop(log)}, args.passes)
    full, replay, loop = best["full"], best["replay"], best["loop"]
    n = len(texts)
    kinds = Counter(getattr(f, "__name__", "?") for f, *_ in log)
    print(
        f"{n} articles, {sum(map(len, plain)):,} reports, Python {sys.version.split()[0]}, best of {args.passes}, "
        f"one core: {hasattr(os, 'sched_setaffinity')}\n"
    )
    print("| what | ms per article | articles per CPU s |")
    print("|---|---:|---:|")
    print(f"| extract_text, whole | {1e3 * full / n:.3f} | {n / full:.0f} |")
    print(
        f"| its native calls alone, replayed ({len(log) / n:.0f} per article) | {1e3 * (replay - loop) / n:.3f} "
        f"| {n / max(replay - loop, 1e-9):.0f} |"
    )
    print(f"| … the replay loop's own cost, subtracted above | {1e3 * loop / n:.3f} | |")
    print(f"| Python logic (the difference) | {1e3 * (full - replay + loop) / n:.3f} | |\n")
    print("calls per article: " + ", ".join(f"{k} {v / n:.1f}" for k, v in kinds.most_common()) + "\n")
    cost: dict[str, float] = defaultdict(float)
    count: Counter[str] = Counter()
    for rec in log:  # each call timed on its own (perf_counter): for the ranking only
        t0 = time.perf_counter()
        _replay([rec])
        key = _label(rec[0])
        cost[key] += time.perf_counter() - t0
        count[key] += 1
    print(f"| costliest of {len(cost)} patterns / automata | ms per article | calls per article |")
    print("|---|---:|---:|")
    for key, v in sorted(cost.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"| `{key}` | {1e3 * v / n:.3f} | {count[key] / n:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
