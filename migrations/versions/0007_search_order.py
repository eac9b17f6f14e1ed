"""search in index order: time and feed beside each full-text row (SQLite)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:00:00

SQLite: `articles_fts_docs` (FTS5 rowid -> article id) also carries the article's time
(publication, else fetch) and feed, with indexes on (at, article_id) and (feed, at,
article_id). Search then filters, counts and orders the full-text hits from this narrow
table instead of reading the wide `articles` rows (their text spills into overflow pages):
"newest first" walks the time index and stops after one page. The triggers of 0004 are
re-created to fill the new columns, and one more keeps them current when an article's
dates or feed change.

PostgreSQL needs nothing: the GIN index and `ix_articles_when` serve the same queries.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WHEN = "coalesce(new.published_at, new.fetched_at)"

SQLITE_UP = [
    "ALTER TABLE articles_fts_docs ADD COLUMN at DATETIME",
    "ALTER TABLE articles_fts_docs ADD COLUMN feed VARCHAR(64)",
    "UPDATE articles_fts_docs SET (at, feed) = (SELECT coalesce(a.published_at, a.fetched_at),"
    " a.feed FROM articles a WHERE a.id = articles_fts_docs.article_id)",
    "CREATE INDEX articles_fts_docs_at ON articles_fts_docs (at, article_id)",
    "CREATE INDEX articles_fts_docs_feed ON articles_fts_docs (feed, at, article_id)",
    "DROP TRIGGER articles_fts_insert",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    f" INSERT INTO articles_fts_docs (article_id, at, feed) VALUES (new.id, {WHEN}, new.feed);"
    " INSERT INTO articles_fts (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " END",
    "CREATE TRIGGER articles_fts_order AFTER UPDATE OF published_at, fetched_at, feed"
    " ON articles BEGIN"
    f" UPDATE articles_fts_docs SET at = {WHEN}, feed = new.feed WHERE article_id = new.id;"
    " END",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_order",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts_docs (article_id) VALUES (new.id);"
    " INSERT INTO articles_fts (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " END",
    "DROP INDEX IF EXISTS articles_fts_docs_feed",
    "DROP INDEX IF EXISTS articles_fts_docs_at",
    "ALTER TABLE articles_fts_docs DROP COLUMN feed",
    "ALTER TABLE articles_fts_docs DROP COLUMN at",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
