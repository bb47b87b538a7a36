"""The store's tables, one definition for SQLite (GeoPackage) and PostgreSQL (PostGIS).

Every table has an integer primary key ``fid``, as a GeoPackage table must, and
its record id as a unique text column. Nothing is deleted from any of them:
a rejected report keeps its row, an undo is one more change.

The Alembic migrations in ``migrations/versions`` create these tables; this
module is what the code reads and writes through (a test checks they agree).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
)

from geo.store.types import Json, Point4326, Str, Timestamp

metadata = MetaData()

#: Review statuses of a report in the store (nothing deleted: a rejected report stays, with its reason).
REVIEW_STATUSES: tuple[str, ...] = ("candidate", "accepted", "rejected")

articles = Table(
    "articles",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("id", Str(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("text_sha256", Str(64), nullable=False, index=True),
    Column("url", Text, index=True),
    Column("archive_url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("byline", Text),
    Column("published", Str(32), nullable=False),  # ISO day, or "earliest/latest" when uncertain
    Column("published_earliest", Date, nullable=False),
    Column("published_latest", Date, nullable=False),
    Column("date_precision", Str(16), nullable=False),
    Column("story_id", Str(128), index=True),
    Column("source", Text),
    Column("reviewed", Boolean, nullable=False, default=False),
    Column("added_by", Text, nullable=False),
    Column("added_at", Timestamp(), nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("id", Str(96), nullable=False, unique=True),
    Column("event_id", Str(128), nullable=False, index=True),
    Column("article_id", Str(64), nullable=False, index=True),
    Column("quote", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("place_text", Text),
    Column("place_id", Str(128)),
    Column("geo_precision", Integer),
    Column("event_type", Str(32), nullable=False),
    Column("munition", Text),
    Column("actor", Text),
    Column("target", Text),
    Column("status", Str(16), nullable=False),
    Column("claimed_by", Text, nullable=False),
    Column("date_text", Text),
    Column("date_start", Date, nullable=False),
    Column("date_end", Date, nullable=False),
    Column("date_precision", Str(16), nullable=False),
    Column("deaths_low", Integer),
    Column("deaths_best", Integer),
    Column("deaths_high", Integer),
    Column("injured_low", Integer),
    Column("injured_high", Integer),
    Column("casualty_group", Text),
    Column("civilian_harm", Boolean, nullable=False, default=False),
    Column("notes", Text),
    Column("control_actor", Text),
    Column("control_from", Text),
    Column("control_extent", Str(16)),
    Column("place_name", Text),
    Column("place_kind", Text),
    Column("place_uncertainty_m", Float),
    Column("place_geometry_quality", Str(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Str(32)),
    Column("reviewed", Boolean, nullable=False, default=False),
    Column("origin", Str(16), nullable=False),
    Column("places_mentioned", Json),
    Column("review_status", Str(16), nullable=False, index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("reviewed_by", Text),
    Column("reviewed_at", Timestamp()),
    Column("review_why", Text),
    Column("geom", Point4326),
)
# PostGIS's spatial index (a GeoPackage R-tree would need SpatiaLite's functions in its triggers)
Index("ix_reports_geom", reports.c.geom, postgresql_using="gist").ddl_if(dialect="postgresql")

events = Table(
    "events",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("id", Str(128), nullable=False, unique=True),
    Column("grade", Str(16)),
    Column("grade_why", Text),
    Column("graded_by", Text),
    Column("graded_at", Timestamp()),
    Column("version", Integer, nullable=False, default=1),
)

changes = Table(
    "changes",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Str(96), index=True),
    Column("event_id", Str(128), index=True),
    Column("action", Str(16), nullable=False),
    Column("by", Text, nullable=False),
    Column("at", Timestamp(), nullable=False),
    Column("before", Json),
    Column("after", Json),
    Column("why", Text),
    Column("undone_of", Integer),
)

places_added = Table(
    "places_added",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("kind", Str(8), nullable=False),  # "place" (a new feature) or "alias" (a name of a known place)
    Column("place_id", Str(128), nullable=False, index=True),
    Column("feature", Json),  # the new place as a places.geojson feature
    Column("alias", Json),  # the alias as places.geojson writes one (name, lang, source)
    Column("by", Text, nullable=False),
    Column("at", Timestamp(), nullable=False),
    Column("why", Text),
)

story_bands = Table(
    "story_bands",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Str(64), nullable=False),
    Column("band", Integer, nullable=False),
    # a hash of the band's MinHash values (geo.ingest.syndication); 64 bits: a GeoPackage's INTEGER is
    Column("bucket", BigInteger().with_variant(Integer(), "sqlite"), nullable=False),
    Index("ix_story_bands_band_bucket", "band", "bucket"),
)

meta = Table(
    "atlas_meta",
    metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("key", Str(64), nullable=False, unique=True),
    Column("value", Text),
)
