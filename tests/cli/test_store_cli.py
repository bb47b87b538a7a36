"""The store's command line in its exact forms: a whole review, against the embedded file and against PostGIS."""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
T01 = str(ROOT / "tests" / "data" / "articles" / "t01_old_city_wall.txt")


def geo_process(*args: str) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` in its own process."""
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def geo(*args: str) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` run in this process (the machine is slow; one test runs real processes)."""
    from geo.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
    return subprocess.CompletedProcess(["python", "-m", "geo", *args], code, out.getvalue(), err.getvalue())


def ok(*args: str) -> str:
    r = geo(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_a_whole_review_from_the_command_line(store_url, tmp_path):
    s = ("--store", store_url)
    assert "78 accepted" in ok("store", "init", *s)
    added = json.loads(ok("add", T01, "--published", "2017-07-04", "--outlet", "Test outlet",
                          "--url", "https://example.org/t01", "--title", "Old city", *s))  # fmt: skip
    (art,) = added["articles"]
    assert art["created"] and art["article_id"].startswith("a-")
    c1, c2, c3, *_ = art["candidate_ids"]
    again = json.loads(ok("add", T01, "--published", "2017-07-04", *s))
    assert again["articles"][0] == {**art, "created": False, "duplicate_of": art["article_id"], "candidate_ids": []}

    queue = json.loads(ok("review", "list", "--json", *s))
    assert [r["id"] for r in queue] == art["candidate_ids"]
    assert "accepted" in ok("review", "accept", c1, "--set", "deaths_low=2", "--set", "deaths_best=2",
                            "--set", "actor=SDF", "--by", "ann", "--why", "read again", *s)  # fmt: skip
    ok("review", "reject", c2, "--why", "not an event", "--by", "ann", *s)
    ok("review", "merge", c3, "ev-wp-raqqa-2017-06-08", "--by", "bob", *s)
    accepted = {r["id"] for r in json.loads(ok("review", "list", "--status", "accepted", "--json", *s))}
    assert {c1, c3} <= accepted and c2 not in accepted
    assert [r["id"] for r in json.loads(ok("review", "list", "--status", "rejected", "--json", *s))] == [c2]

    history = json.loads(ok("review", "history", c1, "--json", *s))
    assert [(h["action"], h["by"]) for h in history] == [("add", getpass.getuser()), ("accept", "ann")]
    assert history[1]["before"]["deaths_best"] is None and history[1]["after"]["deaths_best"] == 2
    assert history[1]["why"] == "read again"
    assert "deaths_best: None -> 2" in ok("review", "history", c1, *s)

    out = tmp_path / "incidents.geojson"
    ok("export", "--layer", "incidents", "--out", str(out), *s)
    props = {f["properties"]["id"]: f["properties"] for f in json.loads(out.read_text())["features"]}
    assert props[c1]["reviewed"] is True and props[c1]["deaths_best"] == 2
    assert props[c1]["url"] == "https://example.org/t01" and c2 not in props
    assert not any(p["reviewed"] is False for p in props.values())
    ok("export", "--layer", "incidents", "--out", str(out), "--include-candidates", *s)
    props = {f["properties"]["id"]: f["properties"] for f in json.loads(out.read_text())["features"]}
    pending = set(art["candidate_ids"]) - {c1, c2, c3}
    assert pending <= set(props) and all(props[c]["reviewed"] is False for c in pending) and c2 not in props

    exported = json.loads(ok("store", "export", *s))
    ids = [r["id"] for r in exported["reports"]]
    assert c1 in ids and c3 in ids and c2 not in ids and len(ids) == 80


def test_geo_build_reads_the_store(tmp_path):
    store = str(tmp_path / "atlas.gpkg")
    art = json.loads(ok("add", T01, "--published", "2017-07-04", "--url", "https://example.org/t01", "--store", store))
    cid = art["articles"][0]["candidate_ids"][0]
    ok("review", "accept", cid, "--store", store)
    ok("review", "grade", "ev-wp-raqqa-2017-06-08", "contested", "--why", "denied", "--store", store)
    ok("build", "--out", str(tmp_path / "b"), "--no-parquet", "--store", store)
    feats = json.loads((tmp_path / "b" / "incidents.geojson").read_text())["features"]
    props = {f["properties"]["id"]: f["properties"] for f in feats}
    assert props[cid]["url"] == "https://example.org/t01" and props[cid]["reviewed"] is True
    assert props["r-000-01"]["grade"] == "contested" and props["r-000-01"]["grade_why"] == "denied"
    header = (tmp_path / "b" / "incidents.csv").read_text().splitlines()[0].split(",")
    assert header[-4:] == ["url", "archive_url", "grade", "grade_why"]


def test_a_fresh_stores_export_is_the_seed_file_byte_for_byte(tmp_path):
    out = tmp_path / "curated.json"
    ok("store", "export", "--out", str(out), "--store", str(tmp_path / "atlas.gpkg"))
    assert out.read_bytes() == (ROOT / "geo" / "data" / "incidents.json").read_bytes()


# (arguments after "review", the record and field the one message names, what it says was found)
BAD = [
    (("accept", "r-nope"), "record 'r-nope': id: expected", "found 'r-nope'"),
    (("accept", "r-000-01", "--set", "colour=red"), "record 'r-000-01': colour: expected", "found 'colour'"),
    (("accept", "r-000-01", "--set", "deaths_best=many"), "record 'r-000-01': deaths_best: expected", "found 'many'"),
    (("accept", "r-000-01", "--set", "date_end=2017-06-31"), "record 'r-000-01': date_end: expected", "'2017-06-31'"),
    (("accept", "r-000-01", "--set", "place_id=atlantis"), "record 'r-000-01': place_id: expected", "'atlantis'"),
    (("accept", "r-000-01", "--set", "deaths_best"), "record 'r-000-01': --set: expected FIELD=VALUE", "'deaths_best'"),
    (("merge", "r-000-01", "ev-none"), "record 'r-000-01': event_id: expected", "found 'ev-none'"),
    (("history", "r-nope"), "record 'r-nope': id: expected", "found 'r-nope'"),
]


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("cli") / "atlas.gpkg")
    ok("store", "init", "--store", store)
    return store


@pytest.mark.parametrize(("args", "names", "found"), BAD)
def test_bad_input_is_one_message_exit_2_and_nothing_changes(shared_store, args, names, found):
    before = ok("store", "export", "--store", shared_store)
    history = ok("review", "history", "r-000-01", "--json", "--store", shared_store)
    r = geo("review", *args, "--store", shared_store)
    assert r.returncode == 2 and r.stdout == ""
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"error: {names}") and found in line, line
    assert ok("store", "export", "--store", shared_store) == before
    assert ok("review", "history", "r-000-01", "--json", "--store", shared_store) == history


def test_a_stale_version_is_a_conflict_naming_both_versions(shared_store):
    r = geo("review", "accept", "r-000-02", "--set", "actor=SDF", "--version", "7", "--store", shared_store)
    assert r.returncode == 3
    assert "version: expected 7" in r.stderr and "found 1" in r.stderr and "actor: yours 'SDF', stored" in r.stderr


def test_review_commands_do_not_create_a_store(tmp_path):
    r = geo_process("review", "list", "--store", str(tmp_path / "none.gpkg"))
    assert r.returncode == 0  # listing makes the store on first use, as every reader does
    r = geo_process("review", "accept", "r-000-01", "--store", str(tmp_path / "other.gpkg"))
    assert r.returncode == 2 and "store init" in r.stderr and not (tmp_path / "other.gpkg").exists()


def test_places_added_from_the_command_line_are_exported(tmp_path):
    from tests.store.test_places import NEW_PLACE

    store = ("--store", str(tmp_path / "atlas.gpkg"))
    f = tmp_path / "street.geojson"
    f.write_text(json.dumps(NEW_PLACE))
    assert "added place raqqa-test-street" in ok("store", "add-place", str(f), *store)
    ok("store", "add-alias", "raqqa-old-city", "Rafiqa old town", *store)
    out = json.loads(ok("store", "places", *store))
    assert [x["id"] for x in out["features"]] == ["raqqa-test-street", "raqqa-old-city"]
    r = geo("store", "add-alias", "atlantis", "Atlantis", *store)
    assert r.returncode == 2 and "place 'atlantis': id: expected" in r.stderr
