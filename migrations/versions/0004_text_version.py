"""documents.text_version: the text pipeline version that made the stored tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # NULL = written by a release without versions: re-tokenised when the index next opens
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("text_version", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("text_version")
