"""Where the store lives and how it is opened: the URL, the engine, the migrations.

A path, ``sqlite:///PATH`` or ``gpkg:PATH`` is the embedded GeoPackage file;
``postgresql://...`` (or ``postgres://``, ``postgresql+psycopg://``) is a
PostGIS database. The schema is brought up to date with Alembic every time a
store is opened, never by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text

from geo.settings import DEFAULT_STORE, from_environment
from geo.store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: How long a writer waits for another one to finish before it gives up (SQLite), in milliseconds.
BUSY_TIMEOUT_MS = 30_000
# the one row every writer of a PostgreSQL store locks first, so that writers take turns
_PG_LOCK = 0x61746C61  # "atla"


def resolve_url(url: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL of a store: ``url``, else ``ATLAS_STORE``, else the default file."""
    raw = str(url) if url is not None else (from_environment().store or str(DEFAULT_STORE))
    if raw.startswith(("postgresql+psycopg://", "postgresql+psycopg2://")):
        return raw
    for prefix in ("postgresql://", "postgres://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    if raw.startswith("sqlite:///"):
        path = raw[len("sqlite:///") :]
    elif raw.startswith("gpkg:"):
        path = raw[len("gpkg:") :]
    elif "://" in raw:
        raise StoreError(f"store {raw!r}: expected a file path, sqlite:///PATH, gpkg:PATH or postgresql://..., found")
    else:
        path = raw
    return "sqlite:///" + str(Path(path).expanduser().resolve())


def embedded_path(url: str) -> Path | None:
    """The file of an embedded store's URL (as :func:`resolve_url` gives it), ``None`` for PostgreSQL."""
    return Path(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else None


def make_engine(url: str) -> Engine:
    """An engine for a resolved store URL, set up for safe concurrent writing."""
    if embedded_path(url) is None:
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        # the driver's own transaction handling off: SQLAlchemy's "begin" below says BEGIN itself
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")  # readers never block the writer, nor it them
        cur.execute("PRAGMA synchronous = FULL")  # a committed change survives a crash of the machine too
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # a writer takes the write lock at BEGIN, so two writers queue instead of one failing midway
        immediate = conn.get_execution_options().get("atlas_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: all of it is committed, or none of it (an error rolls it back)."""
    with engine.connect().execution_options(atlas_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        yield conn


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str | None:
    """The newest migration's revision."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration (nothing to do when it is there)."""
    head = head_revision()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return
    with write_transaction(engine) as conn:
        # checked again under the write lock: another process may have migrated meanwhile
        if MigrationContext.configure(conn).get_current_revision() != head:
            command.upgrade(_alembic_config(conn), "head")


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the GeoPackage file itself, so that a reader of the bare file
    (GDAL reads the header before SQLite opens it; a copy of the file alone) sees every change."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
