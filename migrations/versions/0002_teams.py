"""teams: postdoc employer, engagements

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("postdocs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("employer_enterprise_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_postdocs_employer_enterprise_id"), ["employer_enterprise_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_postdocs_employer_enterprise_id_enterprises"),
            "enterprises",
            ["employer_enterprise_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("postdoc_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name=op.f("fk_engagements_challenge_id_challenges"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["postdoc_id"],
            ["postdocs.id"],
            name=op.f("fk_engagements_postdoc_id_postdocs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
        sa.UniqueConstraint("challenge_id", "postdoc_id", name=op.f("uq_engagements_challenge_id")),
    )
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_engagements_postdoc_id"), ["postdoc_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("engagements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagements_postdoc_id"))
    op.drop_table("engagements")
    with op.batch_alter_table("postdocs", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_postdocs_employer_enterprise_id_enterprises"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_postdocs_employer_enterprise_id"))
        batch_op.drop_column("employer_enterprise_id")
