"""feeds articles urls poll runs

Revision ID: 0001
Revises:
Create Date: 2026-11-22 03:02:57.150652
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("feed", sa.String(length=64), nullable=True),
        sa.Column("simhash", sa.BigInteger(), nullable=False),
        sa.Column("band0", sa.SmallInteger(), nullable=False),
        sa.Column("band1", sa.SmallInteger(), nullable=False),
        sa.Column("band2", sa.SmallInteger(), nullable=False),
        sa.Column("band3", sa.SmallInteger(), nullable=False),
        sa.Column("band4", sa.SmallInteger(), nullable=False),
        sa.Column("band5", sa.SmallInteger(), nullable=False),
        sa.Column("band6", sa.SmallInteger(), nullable=False),
        sa.Column("band7", sa.SmallInteger(), nullable=False),
        sa.Column("group_id", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("canonical_url"),
        sa.UniqueConstraint("content_hash"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_band0"), ["band0"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band1"), ["band1"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band2"), ["band2"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band3"), ["band3"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band4"), ["band4"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band5"), ["band5"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band6"), ["band6"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_band7"), ["band7"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_feed"), ["feed"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_fetched_at"), ["fetched_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_articles_published_at"), ["published_at"], unique=False
        )

    op.create_table(
        "feed_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("defined_url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )
    with op.batch_alter_table("feed_state", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feed_state_next_poll_at"), ["next_poll_at"], unique=False
        )

    op.create_table(
        "poll_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("not_modified", sa.Boolean(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("new_articles", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("poll_runs", schema=None) as batch_op:
        batch_op.create_index("ix_poll_runs_feed_started", ["feed", "started_at"], unique=False)

    op.create_table(
        "article_urls",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("url"),
    )
    with op.batch_alter_table("article_urls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_urls_article_id"), ["article_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("article_urls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_urls_article_id"))

    op.drop_table("article_urls")
    with op.batch_alter_table("poll_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_poll_runs_feed_started")

    op.drop_table("poll_runs")
    with op.batch_alter_table("feed_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_state_next_poll_at"))

    op.drop_table("feed_state")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_published_at"))
        batch_op.drop_index(batch_op.f("ix_articles_group_id"))
        batch_op.drop_index(batch_op.f("ix_articles_fetched_at"))
        batch_op.drop_index(batch_op.f("ix_articles_feed"))
        batch_op.drop_index(batch_op.f("ix_articles_band0"))
        batch_op.drop_index(batch_op.f("ix_articles_band1"))
        batch_op.drop_index(batch_op.f("ix_articles_band2"))
        batch_op.drop_index(batch_op.f("ix_articles_band3"))
        batch_op.drop_index(batch_op.f("ix_articles_band4"))
        batch_op.drop_index(batch_op.f("ix_articles_band5"))
        batch_op.drop_index(batch_op.f("ix_articles_band6"))
        batch_op.drop_index(batch_op.f("ix_articles_band7"))

    op.drop_table("articles")
