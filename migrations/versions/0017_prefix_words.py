"""prefix search over the words as written: an unstemmed index beside the stemmed one

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 10:45:00

`deploy*` should find the articles with a word that begins with "deploy" (deploy,
deployed, deployment), and the same ones on both databases. Matched against stems it
found neither: SQLite's porter tokenizer stems the prefix itself ("deploy" -> "deploi")
and missed "deployment" (stem "deploy"), PostgreSQL's english stemmer kept "deploy" and
found it; a partial word such as `deployme*` matched nothing on PostgreSQL (its stem is
"deploy", shorter than the prefix). Prefixes now match the unstemmed words.

SQLite: `articles_fts_words`, an FTS5 index without stemming (unicode61, diacritics
removed as in `articles_fts`) whose content is `articles_fts` (rowid = docid): it stores
no text of its own. The triggers on `articles` that keep `articles_fts` keep it too
(re-created here: a second trigger could run before the map row it reads exists).

PostgreSQL: `articles_search.words`, the stripped 'simple' tsvector of title and text
(lexemes as written, lower case, no positions), with a GIN index. Stored out of line:
matching reads the index alone (no recheck for a prefix), so the narrow rows that
ranking reads stay as they were.

What it costs to store an article (bench/search.py's 1 KB articles, 10,000 in batches,
load 4.5-5): SQLite 274-313 -> 332-458 us of CPU per article (the text is tokenized a
second time; `detail=none` would cost a third of that, but loses the title's weight in
ranking a prefix), PostgreSQL server CPU 338 -> 511-538 us ('simple' parse ~80 us, the
out-of-line value and the GIN entries the rest). Diacritics: SQLite folds them in both
indexes, PostgreSQL in neither (as before).
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE articles_fts_words USING fts5("
    " title, text, content = 'articles_fts',"
    " tokenize = 'unicode61 remove_diacritics 2')",
    # ('rebuild' fails on a content table that is itself an FTS5 table.)
    "INSERT INTO articles_fts_words (rowid, title, text)"
    " SELECT rowid, title, text FROM articles_fts",
    "DROP TRIGGER articles_fts_insert",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts_docs (article_id, at, feed)"
    "  VALUES (new.id, coalesce(new.published_at, new.fetched_at), new.feed);"
    " INSERT INTO articles_fts (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " INSERT INTO articles_fts_words (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " END",
    # An external-content index forgets a row by being told what it indexed.
    "DROP TRIGGER articles_fts_delete",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts_words (articles_fts_words, rowid, title, text)"
    "  SELECT 'delete', docid, old.title, old.text FROM articles_fts_docs"
    "  WHERE article_id = old.id;"
    " DELETE FROM articles_fts WHERE rowid ="
    "  (SELECT docid FROM articles_fts_docs WHERE article_id = old.id);"
    " DELETE FROM articles_fts_docs WHERE article_id = old.id;"
    " END",
    "DROP TRIGGER articles_fts_update",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    " INSERT INTO articles_fts_words (articles_fts_words, rowid, title, text)"
    "  SELECT 'delete', docid, old.title, old.text FROM articles_fts_docs"
    "  WHERE article_id = new.id;"
    " UPDATE articles_fts SET title = new.title, text = new.text WHERE rowid ="
    "  (SELECT docid FROM articles_fts_docs WHERE article_id = new.id);"
    " INSERT INTO articles_fts_words (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " END",
]

# As 0007 left them.
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts_docs (article_id, at, feed)"
    "  VALUES (new.id, coalesce(new.published_at, new.fetched_at), new.feed);"
    " INSERT INTO articles_fts (rowid, title, text)"
    "  SELECT docid, new.title, new.text FROM articles_fts_docs WHERE article_id = new.id;"
    " END",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " DELETE FROM articles_fts WHERE rowid ="
    "  (SELECT docid FROM articles_fts_docs WHERE article_id = old.id);"
    " DELETE FROM articles_fts_docs WHERE article_id = old.id;"
    " END",
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    " UPDATE articles_fts SET title = new.title, text = new.text WHERE rowid ="
    "  (SELECT docid FROM articles_fts_docs WHERE article_id = new.id);"
    " END",
    "DROP TABLE IF EXISTS articles_fts_words",
]

# As in 0015: only the first 300,000 characters are indexed.
VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce({0}.title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, substr(coalesce({0}.text, ''), 1, 300000)),"
    " 'B')"
)
WORDS = (
    "strip(to_tsvector('simple'::regconfig, coalesce({0}.title, '') || ' ' ||"
    " substr(coalesce({0}.text, ''), 1, 300000)))"
)
WHEN = "coalesce({0}.published_at, {0}.fetched_at)"
COUNTRIES = "string_to_array({0}.countries, ' ')"


def _sync(words: bool) -> str:
    """articles_search_sync() of 0015, with the words column when `words`."""
    col = ", words" if words else ""
    val = f", {WORDS.format('new')}" if words else ""
    upd = f", words = {WORDS.format('new')}" if words else ""
    return (
        "CREATE OR REPLACE FUNCTION articles_search_sync() RETURNS trigger LANGUAGE plpgsql"
        " AS $$"
        " BEGIN"
        "  IF TG_OP = 'INSERT' THEN"
        f"   INSERT INTO articles_search (article_id, at, feed, relevant, countries, vector{col})"
        f"   SELECT new.id, {WHEN.format('new')}, new.feed, c.relevant, {COUNTRIES.format('c')},"
        f"    {VECTOR.format('new')}{val}"
        "   FROM (SELECT 1) AS one LEFT JOIN classifications c ON c.article_id = new.id;"
        "  ELSIF TG_OP = 'DELETE' THEN"
        "   DELETE FROM articles_search WHERE article_id = old.id;"
        "  ELSIF new.title IS DISTINCT FROM old.title OR new.text IS DISTINCT FROM old.text THEN"
        f"   UPDATE articles_search SET article_id = new.id, at = {WHEN.format('new')},"
        f"    feed = new.feed, vector = {VECTOR.format('new')}{upd} WHERE article_id = old.id;"
        "  ELSE"
        f"   UPDATE articles_search SET article_id = new.id, at = {WHEN.format('new')},"
        "    feed = new.feed WHERE article_id = old.id;"
        "  END IF;"
        "  RETURN NULL;"
        " END $$"
    )


PG_UP = [
    "ALTER TABLE articles_search ADD COLUMN words TSVECTOR",
    # Out of line (TOAST): matching reads the GIN index only, ranking reads `vector`.
    "ALTER TABLE articles_search ALTER COLUMN words SET STORAGE EXTERNAL",
    f"UPDATE articles_search s SET words = {WORDS.format('a')}"
    " FROM articles a WHERE a.id = s.article_id",
    "CREATE INDEX ix_articles_search_words ON articles_search USING gin (words)",
    _sync(words=True),
]

PG_DOWN = [
    _sync(words=False),
    "DROP INDEX IF EXISTS ix_articles_search_words",
    "ALTER TABLE articles_search DROP COLUMN IF EXISTS words",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_UP, "postgresql": PG_UP}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}.get(dialect, []):
        op.execute(statement)
