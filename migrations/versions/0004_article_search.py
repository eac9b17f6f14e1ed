"""full-text search index over articles (SQLite FTS5, PostgreSQL tsvector)

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-22 03:20:00

SQLite: an FTS5 table `articles_fts` (porter stemming) that keeps its own copy of title
and text, and `articles_fts_docs` mapping its rowids to article ids. The mapping has an
INTEGER PRIMARY KEY, so VACUUM or a rebuild of `articles` cannot shift the index onto the
wrong rows (implicit rowids may change). Triggers on `articles` keep both in sync; a later
migration that rebuilds `articles` (batch mode) drops those triggers and must re-create
them (tests/store/test_search.py checks they exist at head).

PostgreSQL: a stored generated tsvector column `articles.search_vector` (title weighted
above text) with a GIN index; the database keeps it in sync itself.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Only the first 300,000 characters are indexed: a tsvector is capped at 1 MB and an
# oversized article must still be stored.
PG_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, substr(coalesce(text, ''), 1, 300000)), 'B')"
)

# Lists and "newest first" order by publication time, else fetch time.
WHEN_INDEX = "CREATE INDEX ix_articles_when ON articles (coalesce(published_at, fetched_at), id)"

SQLITE_UP = [
    "CREATE TABLE articles_fts_docs ("
    " docid INTEGER PRIMARY KEY,"
    " article_id VARCHAR(16) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    " title, text, tokenize = 'porter unicode61 remove_diacritics 2')",
    # A hit in the title counts five times a hit in the text.
    "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')",
    "INSERT INTO articles_fts_docs (article_id) SELECT id FROM articles ORDER BY fetched_at, id",
    "INSERT INTO articles_fts (rowid, title, text)"
    " SELECT d.docid, a.title, a.text"
    " FROM articles_fts_docs d JOIN articles a ON a.id = d.article_id",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts_docs (article_id) VALUES (new.id);"
    " INSERT INTO articles_fts (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " DELETE FROM articles_fts WHERE rowid ="
    "  (SELECT docid FROM articles_fts_docs WHERE article_id = old.id);"
    " DELETE FROM articles_fts_docs WHERE article_id = old.id;"
    " END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    " UPDATE articles_fts SET title = new.title, text = new.text WHERE rowid ="
    "  (SELECT docid FROM articles_fts_docs WHERE article_id = new.id);"
    " END",
    WHEN_INDEX,
]

# Lists and "newest first" order by publication time, else fetch time.
WHEN_INDEX = "CREATE INDEX ix_articles_when ON articles (coalesce(published_at, fetched_at), id)"

SQLITE_DOWN = [
    "DROP INDEX IF EXISTS ix_articles_when",
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
    "DROP TABLE IF EXISTS articles_fts_docs",
]

PG_UP = [
    "ALTER TABLE articles ADD COLUMN search_vector tsvector"
    f" GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    # Inline (compressed) rather than in TOAST, so that matching and ranking read only the
    # table; the text goes out of line first. Takes effect for rows written from now on
    # (VACUUM FULL articles rewrites older ones): twice as fast on a broad query.
    "ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
    WHEN_INDEX,
]

PG_DOWN = [
    "DROP INDEX IF EXISTS ix_articles_when",
    "DROP INDEX IF EXISTS ix_articles_search_vector",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_vector",
]


def _statements(up: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if dialect == "postgresql":
        return PG_UP if up else PG_DOWN
    raise NotImplementedError(f"no full-text search for {dialect}")


def upgrade() -> None:
    for statement in _statements(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(up=False):
        op.execute(statement)
