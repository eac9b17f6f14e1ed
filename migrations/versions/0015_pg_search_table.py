"""PostgreSQL search reads a narrow table: vector, time, feed and filter columns per article

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 17:30:00

PostgreSQL: `articles_search` holds, per article, its tsvector (GIN index), its time
(publication, else fetch), feed, and the classifier's `relevant` flag and countries. Ranking
reads each match's vector, and in the wide `articles` rows (title, text, URLs) those
matches lay on as many pages as there were matches, most of them outside the server's
buffer cache on a stock configuration; the narrow rows are a fraction of the size, and the
filters test a column of the row read anyway instead of probing `classifications`.
Triggers on `articles` and `classifications` keep it in sync, as the FTS5 triggers do on
SQLite, so every writer keeps it current. The generated column `articles.search_vector`
and its index go.

SQLite needs nothing: `articles_fts_docs` (0007, 0012) is its narrow table already.
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Only the first 300,000 characters are indexed (as in 0004): a tsvector is capped at 1 MB.
VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce({0}.title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, substr(coalesce({0}.text, ''), 1, 300000)),"
    " 'B')"
)
WHEN = "coalesce({0}.published_at, {0}.fetched_at)"
COUNTRIES = "string_to_array({0}.countries, ' ')"

UP = [
    # Its GIN index goes with it (and frees the name for the new table's).
    "ALTER TABLE articles DROP COLUMN search_vector",
    "CREATE TABLE articles_search ("
    " article_id VARCHAR(16) PRIMARY KEY,"
    " at TIMESTAMP WITH TIME ZONE NOT NULL,"
    " feed VARCHAR(64),"
    " relevant BOOLEAN,"
    " countries TEXT[],"
    " vector TSVECTOR NOT NULL)",
    # Inline (compressed past the row threshold) rather than out of line in TOAST, so that
    # matching and ranking read only this table.
    "ALTER TABLE articles_search ALTER COLUMN vector SET STORAGE MAIN",
    "INSERT INTO articles_search (article_id, at, feed, relevant, countries, vector)"
    f" SELECT a.id, {WHEN.format('a')}, a.feed, c.relevant, {COUNTRIES.format('c')},"
    f" {VECTOR.format('a')}"
    " FROM articles a LEFT JOIN classifications c ON c.article_id = a.id",
    "CREATE INDEX ix_articles_search_vector ON articles_search USING gin (vector)",
    "CREATE INDEX ix_articles_search_at ON articles_search (at, article_id)",
    "CREATE INDEX ix_articles_search_feed ON articles_search (feed, at, article_id)",
    "CREATE FUNCTION articles_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "   INSERT INTO articles_search (article_id, at, feed, relevant, countries, vector)"
    f"   SELECT new.id, {WHEN.format('new')}, new.feed, c.relevant, {COUNTRIES.format('c')},"
    f"    {VECTOR.format('new')}"
    "   FROM (SELECT 1) AS one LEFT JOIN classifications c ON c.article_id = new.id;"
    "  ELSIF TG_OP = 'DELETE' THEN"
    "   DELETE FROM articles_search WHERE article_id = old.id;"
    "  ELSIF new.title IS DISTINCT FROM old.title OR new.text IS DISTINCT FROM old.text THEN"
    f"   UPDATE articles_search SET article_id = new.id, at = {WHEN.format('new')},"
    f"    feed = new.feed, vector = {VECTOR.format('new')} WHERE article_id = old.id;"
    "  ELSE"
    f"   UPDATE articles_search SET article_id = new.id, at = {WHEN.format('new')},"
    "    feed = new.feed WHERE article_id = old.id;"
    "  END IF;"
    "  RETURN NULL;"
    " END $$",
    "CREATE TRIGGER articles_search_sync"
    " AFTER INSERT OR DELETE OR UPDATE OF id, title, text, published_at, fetched_at, feed"
    " ON articles FOR EACH ROW EXECUTE FUNCTION articles_search_sync()",
    "CREATE FUNCTION articles_search_class() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND new.article_id <> old.article_id) THEN"
    "   UPDATE articles_search SET relevant = NULL, countries = NULL"
    "    WHERE article_id = old.article_id;"
    "  END IF;"
    "  IF TG_OP <> 'DELETE' THEN"
    f"   UPDATE articles_search SET relevant = new.relevant, countries = {COUNTRIES.format('new')}"
    "    WHERE article_id = new.article_id;"
    "  END IF;"
    "  RETURN NULL;"
    " END $$",
    "CREATE TRIGGER articles_search_class"
    " AFTER INSERT OR DELETE OR UPDATE OF article_id, relevant, countries"
    " ON classifications FOR EACH ROW EXECUTE FUNCTION articles_search_class()",
]

# As 0004 made it.
OLD_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, substr(coalesce(text, ''), 1, 300000)), 'B')"
)

DOWN = [
    "DROP TRIGGER IF EXISTS articles_search_class ON classifications",
    "DROP FUNCTION IF EXISTS articles_search_class()",
    "DROP TRIGGER IF EXISTS articles_search_sync ON articles",
    "DROP FUNCTION IF EXISTS articles_search_sync()",
    "DROP TABLE IF EXISTS articles_search",
    f"ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({OLD_VECTOR})"
    " STORED",
    "ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWN:
            op.execute(statement)
