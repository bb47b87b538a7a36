"""Alembic's environment for the store: always run by :func:`geo.store.open_store` on its own connection."""

from __future__ import annotations

from alembic import context

from geo.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # the store opens the connection; Alembic's own command line is not used
    raise RuntimeError("the store's migrations run through geo.store.open_store, not the alembic command")
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    # the GeoPackage tables the migration writes are not the store's own
    include_name=lambda name, type_, parent: not (type_ == "table" and str(name).startswith("gpkg_")),
)
with context.begin_transaction():
    context.run_migrations()
