"""Ingest into a real store: the mixed folder's summary, resume after SIGKILL, the same bytes at any worker count."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from geo.cli import main
from geo.ingest import ingest
from geo.ingest.snapshot import snapshot
from geo.store import open_store

from .conftest import PUBLISHED, write_generated

ROOT = Path(__file__).resolve().parent.parent.parent


def export_bytes(url: str) -> bytes:
    """The store's contents as bytes (what must be equal whatever the run)."""
    st = open_store(url, create=False)
    try:
        return snapshot(st)
    finally:
        st.close()


def test_the_mixed_folder_summary(mixed, tmp_path, capsys):
    store = str(tmp_path / "atlas.gpkg")
    code = main(
        ["ingest", str(mixed), "--store", store, "--workers", "1", "--published", PUBLISHED.isoformat(), "--json"]
    )
    assert code == 0
    s = json.loads(capsys.readouterr().out)
    skipped = {x["source"].removeprefix(str(mixed) + "/"): x["reason"] for x in s["skipped"]}
    assert sorted(skipped) == [
        "broken/binary.txt",
        "broken/empty.txt",
        "broken/french.txt",
        "broken/latin1.txt",
        "pages/menu.html",
        "rows/desk.csv:row 2",
        "rows/desk.csv:row 3",
        "rows/wire.jsonl:line 3",
        "rows/wire.jsonl:line 4",
        "rows/wire.jsonl:line 5",
    ]
    assert s["read"] == 20
    # 10 readable articles: t01 twice (same text), the mortar story twice (same URL) -> 8 new
    assert (s["added"], s["duplicates"], s["already_stored"]) == (8, 2, 0)
    # the wire row that is t02 with another headline is first; t02 itself joins its story
    assert (s["syndicated"], s["stories"]) == (1, 7)
    assert s["candidates"] > 8
    assert {"name": "Hawi al-Zarzur", "count": 1} in s["unresolved"]
    st = open_store(store, create=False)
    try:
        assert len(st.article_ids()) == 8 + 5  # and the five seeds, imported when the store is made
        assert st.find_article(url="https://example.org/mortar") is not None
    finally:
        st.close()
    # the same command again: everything is already there, nothing is added twice
    assert main(["ingest", str(mixed), "--store", store, "--workers", "1", "--published", "2017-07-06", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["already_stored"], len(again["skipped"])) == (0, 9, 10)


def test_the_table_names_every_skip(mixed, tmp_path, capsys):
    main(["ingest", str(mixed / "broken"), "--store", str(tmp_path / "s.gpkg"), "--workers", "1"])
    out = capsys.readouterr().out
    assert "skipped" in out and out.count("broken/") == 4 and "added" in out


def test_the_same_bytes_at_one_and_two_workers(tmp_path, mixed):
    corpus = write_generated(tmp_path / "gen", 120, per_file=30)
    exports = []
    for n in (1, 2):
        url = str(tmp_path / f"w{n}.gpkg")
        s = ingest([corpus, mixed], store=url, workers=n, published=PUBLISHED, batch=7, chunk=3, progress=False)
        assert s.added > 100
        exports.append(export_bytes(url))
    assert exports[0] == exports[1]


_RUN = """
import sys
from geo.ingest import ingest
from geo.ingest.snapshot import snapshot
ingest([sys.argv[1]], store=sys.argv[2], workers=int(sys.argv[3]), batch=4, chunk=2, progress=False)
"""


def _count(path: str) -> int:
    """Articles the ingest has committed to the embedded store so far (read with sqlite3: cheap to poll)."""
    import sqlite3

    if not Path(path).exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            return db.execute("SELECT count(*) FROM articles WHERE added_by = 'ingest'").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is being made
        return 0


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_at_any_moment_the_same_command_finishes_the_job(tmp_path, workers):
    corpus = write_generated(tmp_path / "gen", 160, per_file=40)
    whole = str(tmp_path / "whole.gpkg")
    full = ingest([corpus], store=whole, workers=1, batch=4, chunk=2, progress=False)
    url = str(tmp_path / "killed.gpkg")
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUN, str(corpus), url, str(workers)], cwd=ROOT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while _count(url) < 20 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, at whatever they were doing
        proc.wait()
    at_kill = _count(url)
    assert 0 < at_kill < full.added, "the kill must land mid-run"
    rest = ingest([corpus], store=url, workers=workers, batch=4, chunk=2, progress=False)
    assert rest.already_stored >= at_kill
    assert at_kill + rest.added == full.added
    assert export_bytes(url) == export_bytes(whole)


def test_a_dask_local_cluster_writes_the_same_bytes(tmp_path, mixed):
    distributed = pytest.importorskip("distributed")
    corpus = write_generated(tmp_path / "gen", 24, per_file=12)
    one = str(tmp_path / "one.gpkg")
    ingest([corpus, mixed], store=one, workers=1, published=PUBLISHED, progress=False)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        url = str(tmp_path / "dask.gpkg")
        s = ingest([corpus, mixed], store=url, scheduler=cluster.scheduler_address, published=PUBLISHED, chunk=4)
    assert s.added > 20 and len(s.skipped) == 10
    assert export_bytes(url) == export_bytes(one)


def test_bad_options_are_refused_before_anything_is_read(tmp_path, mixed, capsys):
    store = tmp_path / "s.gpkg"
    assert main(["ingest", str(mixed), "--store", str(store), "--published", "06/07/2017"]) == 2
    assert "bad --published date '06/07/2017'" in capsys.readouterr().err
    assert not store.exists()
    with pytest.raises(SystemExit):
        main(["ingest", str(mixed), "--workers", "0"])
    assert "expected at least 1 worker, found 0" in capsys.readouterr().err



def test_a_copy_ingested_in_a_later_run_joins_the_earlier_runs_story(tmp_path):
    """The LSH bands live in the store: a syndicated copy of an earlier run's story joins it."""
    from .conftest import ARTICLES, syndicated_copy

    first, later = tmp_path / "monday", tmp_path / "tuesday"
    first.mkdir(), later.mkdir()
    original = (ARTICLES / "t02_sinaa_rumaila.txt").read_text(encoding="utf-8")
    (first / "t02.txt").write_text(original, encoding="utf-8")
    (later / "copy.txt").write_text(syndicated_copy(original), encoding="utf-8")
    for folder, name in ((first, "t03_hospital_stadium"), (later, "t01_old_city_wall")):
        (folder / f"{name}.txt").write_text((ARTICLES / f"{name}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    url = str(tmp_path / "atlas.gpkg")
    assert ingest([first], store=url, workers=1, published=PUBLISHED, progress=False).added == 2
    s = ingest([later], store=url, workers=1, published=PUBLISHED, progress=False)
    assert (s.added, s.syndicated) == (2, 1)
    with closing(open_store(url, create=False)) as st:
        stories = {st.article(a).text[:30]: st.article(a).story_id for a in st.article_ids()}
    t02 = stories[original[:30]]
    assert stories[syndicated_copy(original)[:30]] == t02  # the copy joined Monday's story
    assert len(set(stories.values())) == len(stories) - 1  # and nothing else joined anything

