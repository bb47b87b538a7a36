"""the first schema: articles, reports, events, changes, places added

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from geo.store.types import Json, Point4326, Str, Timestamp

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", Str(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", Str(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("archive_url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("published", Str(32), nullable=False),
        sa.Column("published_earliest", sa.Date(), nullable=False),
        sa.Column("published_latest", sa.Date(), nullable=False),
        sa.Column("date_precision", Str(16), nullable=False),
        sa.Column("story_id", Str(128), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_at", Timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("fid"),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_text_sha256", "articles", ["text_sha256"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_table(
        "atlas_meta",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", Str(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("fid"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "changes",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", Str(96), nullable=True),
        sa.Column("event_id", Str(128), nullable=True),
        sa.Column("action", Str(16), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", Timestamp(), nullable=False),
        sa.Column("before", Json, nullable=True),
        sa.Column("after", Json, nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("undone_of", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("fid"),
    )
    op.create_index("ix_changes_event_id", "changes", ["event_id"])
    op.create_index("ix_changes_report_id", "changes", ["report_id"])
    op.create_table(
        "events",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", Str(128), nullable=False),
        sa.Column("grade", Str(16), nullable=True),
        sa.Column("grade_why", sa.Text(), nullable=True),
        sa.Column("graded_by", sa.Text(), nullable=True),
        sa.Column("graded_at", Timestamp(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("fid"),
        sa.UniqueConstraint("id"),
    )
    op.create_table(
        "places_added",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", Str(8), nullable=False),
        sa.Column("place_id", Str(128), nullable=False),
        sa.Column("feature", Json, nullable=True),
        sa.Column("alias", Json, nullable=True),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", Timestamp(), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("fid"),
    )
    op.create_index("ix_places_added_place_id", "places_added", ["place_id"])
    op.create_table(
        "reports",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", Str(96), nullable=False),
        sa.Column("event_id", Str(128), nullable=False),
        sa.Column("article_id", Str(64), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("place_id", Str(128), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("event_type", Str(32), nullable=False),
        sa.Column("munition", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("status", Str(16), nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=False),
        sa.Column("date_precision", Str(16), nullable=False),
        sa.Column("deaths_low", sa.Integer(), nullable=True),
        sa.Column("deaths_best", sa.Integer(), nullable=True),
        sa.Column("deaths_high", sa.Integer(), nullable=True),
        sa.Column("injured_low", sa.Integer(), nullable=True),
        sa.Column("injured_high", sa.Integer(), nullable=True),
        sa.Column("casualty_group", sa.Text(), nullable=True),
        sa.Column("civilian_harm", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("control_actor", sa.Text(), nullable=True),
        sa.Column("control_from", sa.Text(), nullable=True),
        sa.Column("control_extent", Str(16), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("place_kind", sa.Text(), nullable=True),
        sa.Column("place_uncertainty_m", sa.Float(), nullable=True),
        sa.Column("place_geometry_quality", Str(32), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", Str(32), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("origin", Str(16), nullable=False),
        sa.Column("places_mentioned", Json, nullable=True),
        sa.Column("review_status", Str(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reviewed_by", sa.Text(), nullable=True),
        sa.Column("reviewed_at", Timestamp(), nullable=True),
        sa.Column("review_why", sa.Text(), nullable=True),
        sa.Column("geom", Point4326(), nullable=True),
        sa.PrimaryKeyConstraint("fid"),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_reports_article_id", "reports", ["article_id"])
    op.create_index("ix_reports_event_id", "reports", ["event_id"])
    op.create_index("ix_reports_review_status", "reports", ["review_status"])
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_reports_geom", "reports", ["geom"], postgresql_using="gist")
    else:
        _geopackage()


# The GeoPackage 1.2 tables that make the SQLite file a GeoPackage that GDAL and QGIS open as it is
# (OGC 12-128r15, sections 1.1.2, 1.1.3, 2.1.5). No R-tree index: its triggers call SpatiaLite
# functions, which the store must not need at run time.
_GPKG_DDL = (
    """CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)""",
    """CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
)
_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'
)
# (table, data type, identifier, description): the reports are the map layer, the rest are tables QGIS lists
_CONTENTS = (
    ("reports", "features", "reports", "Incident reports: curated, accepted, candidate and rejected"),
    ("articles", "attributes", "articles", "The articles the reports quote"),
    ("events", "attributes", "events", "Events and their grades"),
    ("changes", "attributes", "changes", "Every change made in review: who, when, before, after, why"),
    ("places_added", "attributes", "places_added", "Places and aliases added by reviewers"),
)


def _geopackage() -> None:
    for ddl in _GPKG_DDL:
        op.execute(ddl)
    srs = sa.table(
        "gpkg_spatial_ref_sys",
        *(sa.column(c) for c in ("srs_name", "srs_id", "organization", "organization_coordsys_id", "definition")),
    )
    op.bulk_insert(
        srs,
        [
            {
                "srs_name": "WGS 84 geodetic",
                "srs_id": 4326,
                "organization": "EPSG",
                "organization_coordsys_id": 4326,
                "definition": _WGS84_WKT,
            },
            {
                "srs_name": "Undefined cartesian SRS",
                "srs_id": -1,
                "organization": "NONE",
                "organization_coordsys_id": -1,
                "definition": "undefined",
            },
            {
                "srs_name": "Undefined geographic SRS",
                "srs_id": 0,
                "organization": "NONE",
                "organization_coordsys_id": 0,
                "definition": "undefined",
            },
        ],
    )
    contents = sa.table(
        "gpkg_contents", *(sa.column(c) for c in ("table_name", "data_type", "identifier", "description", "srs_id"))
    )
    op.bulk_insert(
        contents,
        [
            {
                "table_name": t,
                "data_type": k,
                "identifier": i,
                "description": d,
                "srs_id": 4326 if k == "features" else None,
            }
            for t, k, i, d in _CONTENTS
        ],
    )
    op.execute(
        "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) "
        "VALUES ('reports', 'geom', 'POINT', 4326, 0, 0)"
    )
    # the file says what it is: GeoPackage's application id ('GPKG') and version 1.2.0
    op.execute("PRAGMA application_id = 1196444487")
    op.execute("PRAGMA user_version = 10200")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for t in ("gpkg_geometry_columns", "gpkg_contents", "gpkg_spatial_ref_sys"):
            op.drop_table(t)
    for t in ("reports", "places_added", "events", "changes", "atlas_meta", "articles"):
        op.drop_table(t)
