"""``python -m geo`` on bad dates and interrupted builds: one clear error, nothing half written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = str(ROOT / "seeds" / "000_b68d3658c3163bb5.txt")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", SEED, "--published", "0001-01-01"], "bad --published date '0001-01-01': expected a day from 2011"),
        (["extract", SEED, "--published", "9999-12-31"], "bad --published date '9999-12-31': expected a day from 2011"),
        (["extract", SEED, "--published", "2017-02-30"], "expected YYYY-MM-DD"),
        (["build", "--out", "OUT", "--day", "yesterday"], "bad --day 'yesterday': expected YYYY-MM-DD"),
        (["build", "--out", "OUT", "--day", "1900-01-01"], "bad --day '1900-01-01': expected a day from 2011"),
        (["export", "--layer", "incidents", "--from", "0001-01-01", "--out", "OUT"], "bad --from date"),
    ],
)
def test_a_bad_date_is_one_line_and_writes_nothing(tmp_path, capsys, argv, message):
    out = tmp_path / "out"
    argv = [str(out) if a == "OUT" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1, err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_failing_build_leaves_the_previous_one_whole(tmp_path, monkeypatch, capsys):
    out = tmp_path / "build"
    assert main(["build", "--out", str(out), "--no-parquet"]) == 0
    before = _files(out)
    import geo.cli.build as b

    calls = []

    def fail_on_third(coll, path):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(coll, path)

    real = b.write_geojson
    monkeypatch.setattr(b, "write_geojson", fail_on_third)
    assert main(["build", "--out", str(out), "--no-parquet", "--day", "2017-06-06"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _files(out) == before  # the old build, not a mix
    assert [p.name for p in tmp_path.iterdir()] == ["build"]  # no temporary folder left


def test_a_killed_build_leaves_the_old_one_and_the_next_run_tidies(tmp_path):
    out = tmp_path / "build"
    assert main(["build", "--out", str(out), "--no-parquet"]) == 0
    before = _files(out)
    p = subprocess.Popen([sys.executable, "-m", "geo", "build", "--out", str(out)], cwd=ROOT)
    deadline = time.monotonic() + 90
    try:  # kill -9 once the new build has written its first files beside the old one
        while not any(d.is_dir() and any(d.iterdir()) for d in tmp_path.glob(".build.*.tmp")):
            assert p.poll() is None and time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.005)
    finally:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
    assert _files(out) == before  # the old build, whole: not a mix of old and new files
    assert main(["build", "--out", str(out), "--no-parquet"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["build"]  # the killed run's leftover is gone


def test_export_dash_writes_geojson_to_stdout(capsys):
    assert main(["export", "--layer", "strikes", "--out", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "FeatureCollection" and data["features"]


@pytest.mark.parametrize("out", ["DIR", "/dev/null"])
def test_export_refuses_a_directory_or_device(tmp_path, capsys, out):
    target = str(tmp_path / "x.geojson") if out == "DIR" else out
    if out == "DIR":
        Path(target).mkdir()
    assert main(["export", "--layer", "strikes", "--out", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and target in err and err.count("\n") == 1, err
