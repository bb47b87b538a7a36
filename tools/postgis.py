"""A throwaway PostgreSQL 15 with PostGIS, for the store's tests and benchmarks.

Debian's packages (``postgresql-15``, ``postgresql-15-postgis-3``; ``./run tests``
installs them) run on their own folder under the temporary folder and a free
port, as the ``postgres`` user when we are root (the server refuses to run as
root), and are stopped and removed at the end. Never touches a server the
machine may already run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
POSTGIS_CONTROL = Path("/usr/share/postgresql/15/extension/postgis.control")


def available() -> bool:
    """The server and PostGIS are installed."""
    return (PG_BIN / "pg_ctl").exists() and POSTGIS_CONTROL.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_postgis() -> Iterator[Callable[[], str]]:
    """A running server; yields ``new_db() -> URL``, which makes one more empty database with PostGIS."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))  # reachable by the postgres user, unlike pytest's
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr or done.stdout}")

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
        run(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--encoding=UTF8")
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
            "-l", str(folder / "log"), "-w", "start")  # fmt: skip
        try:
            yield new_db
        finally:
            run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
