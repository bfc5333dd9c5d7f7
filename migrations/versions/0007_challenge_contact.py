"""challenges.contact: who to ask about a call (name, phone or e-mail), shown on its pages

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("challenges") as batch:
        batch.add_column(sa.Column("contact", sa.String(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("challenges") as batch:
        batch.drop_column("contact")
