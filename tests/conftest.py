"""Shared fixtures: the shipped gazetteer, the small test fixture, the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs on a shared 2-core machine: a per-example deadline there measures the machine, not us.
settings.register_profile("atlas", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("atlas")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def gz():
    import gazetteer

    return gazetteer.load()


@pytest.fixture(scope="session")
def small():
    import gazetteer

    return gazetteer.load(DATA / "places_small.geojson")


@pytest.fixture()
def small_data() -> dict:
    """A fresh, mutable copy of the small fixture's GeoJSON."""
    return json.loads((DATA / "places_small.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    import gazetteer

    return {p.stem[:3]: gazetteer.read_article(p) for p in sorted(SEEDS.glob("*.txt"))}


# -- the review store ----------------------------------------------------------------------------

PG_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture(autouse=True)
def _own_store(tmp_path_factory, monkeypatch):
    """Every test gets its own (not yet created) embedded store: none writes the user's data/atlas.gpkg."""
    monkeypatch.setenv("ATLAS_STORE", str(tmp_path_factory.mktemp("store") / "atlas.gpkg"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgis_server():
    """A throwaway PostgreSQL 15 with PostGIS (Debian's packages, which ``./run tests`` installs):
    its own folder and free port, run as the ``postgres`` user when we are root; stopped at the end.

    Yields a function ``new_db() -> URL`` that creates one more empty database with PostGIS."""
    import os
    import shutil
    import subprocess

    if not (PG_BIN / "pg_ctl").exists() or not Path("/usr/share/postgresql/15/extension/postgis.control").exists():
        why = "PostgreSQL 15 with PostGIS is not installed (./run tests installs it: ensure_postgis)"
        if os.environ.get("CI"):  # in CI ./run installs it: its absence is a failure, not a reason to skip
            pytest.fail(why)
        pytest.skip(why)
    import tempfile

    # its own folder straight under the temporary folder: the postgres user must reach it, and pytest
    # keeps its own folders private to us
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr or done.stdout}")

    run(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--encoding=UTF8")
    run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
        "-l", str(folder / "log"), "-w", "start")  # fmt: skip
    count = 0

    def new_db() -> str:
        import psycopg

        nonlocal count
        count += 1
        name = f"atlas{count}"
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/{name}", autocommit=True) as c:
            c.execute("CREATE EXTENSION postgis")
        return f"postgresql://postgres@127.0.0.1:{port}/{name}"

    try:
        yield new_db
    finally:
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["embedded", "postgis"])
def store_url(request, tmp_path) -> str:
    """A fresh store's URL, once for each back end: the embedded GeoPackage file, and PostGIS."""
    if request.param == "embedded":
        return str(tmp_path / "atlas.gpkg")
    return request.getfixturevalue("postgis_server")()
