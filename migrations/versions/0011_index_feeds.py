"""index_feeds: the Milvus follower's collection, watermark and feeding lease per index

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-01 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "index_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "index_name",
            sa.Enum("postdocs", "challenges", name="indexname", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("model_key", sa.String(length=64), nullable=False),
        sa.Column("collection", sa.String(length=200), nullable=False),
        sa.Column("watermark", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_feeds")),
        sa.UniqueConstraint("index_name", "model_key", name=op.f("uq_index_feeds_index_name")),
    )


def downgrade() -> None:
    op.drop_table("index_feeds")
