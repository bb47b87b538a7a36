"""the LSH bands of ingested articles, so that syndication groups outlive the writer's memory

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from geo.store.types import Str

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_bands",
        sa.Column("fid", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", Str(64), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        # GeoPackage's INTEGER holds 64 bits (it knows no BIGINT)
        sa.Column("bucket", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.PrimaryKeyConstraint("fid"),
    )
    op.create_index("ix_story_bands_band_bucket", "story_bands", ["band", "bucket"])
    if op.get_bind().dialect.name == "sqlite":  # a GeoPackage lists its tables
        contents = sa.table("gpkg_contents", *(sa.column(c) for c in ("table_name", "data_type", "identifier",
                                                                      "description")))
        op.bulk_insert(contents, [{"table_name": "story_bands", "data_type": "attributes", "identifier": "story_bands",
                                   "description": "MinHash LSH bands of ingested articles (syndicated copy)"}])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM gpkg_contents WHERE table_name = 'story_bands'")
    op.drop_table("story_bands")
