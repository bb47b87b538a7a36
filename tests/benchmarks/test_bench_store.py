"""The store benchmark still measures what it says (a few hundred records, the embedded file)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_store


def test_bench_store_runs_and_reports_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_store.main(["--n", "300", "--candidates", "30", "--runs", "1", "--no-postgis"]) == 0
    out = capsys.readouterr().out
    for row in ("import 300 records", "load 378 accepted as Reports", "review list: 30 candidates", "one accept"):
        assert f"| {row}" in out, out
