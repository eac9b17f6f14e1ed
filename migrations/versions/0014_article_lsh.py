"""near-duplicates by MinHash LSH: band keys in an indexed table, SimHash dropped

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 14:40:00

`article_lsh` holds the 32 MinHash LSH keys of each article (monitor.normalize.fingerprint);
a new article's near-duplicate candidates are the articles sharing a key, found through
the primary key's index. Existing articles get their keys from their stored text; their
groups stay as they are. The SimHash column and its eight band columns and indexes go
(SQLite >= 3.35 drops a column in place: no table rebuild, so the search triggers on
`articles` are untouched).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from monitor.normalize.fingerprint import fingerprint

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BANDS = [f"band{i}" for i in range(8)]
BATCH = 500


def upgrade() -> None:
    op.create_table(
        "article_lsh",
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "article_id"),
    )
    op.create_index("ix_article_lsh_article_id", "article_lsh", ["article_id"])
    for band in BANDS:
        op.drop_index(f"ix_articles_{band}", table_name="articles")
        op.drop_column("articles", band)
    op.drop_column("articles", "simhash")
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    articles = sa.table("articles", sa.column("id"), sa.column("text"))
    keys = sa.table("article_lsh", sa.column("key"), sa.column("article_id"))
    last = ""
    while True:
        q = sa.select(articles.c.id, articles.c.text).where(articles.c.id > last)
        rows = conn.execute(q.order_by(articles.c.id).limit(BATCH)).all()
        if not rows:
            return
        new = [{"key": k, "article_id": a} for a, text in rows for k in set(fingerprint(text))]
        if new:
            conn.execute(keys.insert(), new)
        last = rows[-1].id


def downgrade() -> None:
    # The old SimHash values are not recomputed: 0 until the articles are stored again.
    op.add_column(
        "articles", sa.Column("simhash", sa.BigInteger(), server_default="0", nullable=False)
    )
    for band in BANDS:
        op.add_column(
            "articles", sa.Column(band, sa.SmallInteger(), server_default="0", nullable=False)
        )
        op.create_index(f"ix_articles_{band}", "articles", [band])
    op.drop_index("ix_article_lsh_article_id", table_name="article_lsh")
    op.drop_table("article_lsh")
