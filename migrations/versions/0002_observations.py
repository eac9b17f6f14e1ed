"""classifications and observations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:08:12.011545
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "classifications",
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("relevance", sa.Float(), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("classifier_version", sa.String(length=32), nullable=False),
        sa.Column("classified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    with op.batch_alter_table("classifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_classifications_relevant"), ["relevant"], unique=False)

    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=2), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("condition", sa.Text(), nullable=True),
        sa.Column("classifier_version", sa.String(length=32), nullable=False),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("group_id", sa.String(length=16), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", "actor", "classifier_version", name="uq_observation"),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observations_actor"), ["actor"], unique=False)
        batch_op.create_index("ix_observations_actor_time", ["actor", "observed_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_observations_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observations_observed_at"), ["observed_at"], unique=False
        )

    op.create_table(
        "page_errors",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("feed", sa.String(length=64), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("permanent", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url"),
    )
    with op.batch_alter_table("page_errors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_errors_feed"), ["feed"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("page_errors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_errors_feed"))
    op.drop_table("page_errors")

    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observations_observed_at"))
        batch_op.drop_index(batch_op.f("ix_observations_article_id"))
        batch_op.drop_index("ix_observations_actor_time")
        batch_op.drop_index(batch_op.f("ix_observations_actor"))

    op.drop_table("observations")
    with op.batch_alter_table("classifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classifications_relevant"))

    op.drop_table("classifications")
