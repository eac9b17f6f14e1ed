"""search filters read beside the index: relevance and mentioned countries

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 14:15:00

SQLite: `articles_fts_docs` (FTS5 rowid -> article) also carries the classifier's
`relevant` flag and its `countries` list, copied by triggers on `classifications`. The
"relevant only" and "mentions a country" filters then test a column of the row search
reads anyway (by rowid) instead of probing `classifications` once per hit.

PostgreSQL: a partial index of the relevant articles' ids (the set is read from the index
alone) and a GIN index on the country codes as an array, so "mentions PL" is an index
lookup rather than a LIKE over every classification.

Both: observations indexed by (stance, actor, article_id), so "with this stance" (for a
country) reads the ids it needs from the index alone.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COPY = "UPDATE articles_fts_docs SET relevant = {0}.relevant, countries = {0}.countries"

STANCE_INDEX = "CREATE INDEX ix_observations_stance ON observations (stance, actor, article_id)"

SQLITE_UP = [
    STANCE_INDEX,
    "ALTER TABLE articles_fts_docs ADD COLUMN relevant BOOLEAN",
    "ALTER TABLE articles_fts_docs ADD COLUMN countries TEXT",
    "UPDATE articles_fts_docs SET (relevant, countries) = (SELECT c.relevant, c.countries"
    " FROM classifications c WHERE c.article_id = articles_fts_docs.article_id)",
    "CREATE TRIGGER articles_fts_class_insert AFTER INSERT ON classifications BEGIN"
    f" {COPY.format('new')} WHERE article_id = new.article_id;"
    " END",
    "CREATE TRIGGER articles_fts_class_update AFTER UPDATE OF relevant, countries, article_id"
    " ON classifications BEGIN"
    " UPDATE articles_fts_docs SET relevant = NULL, countries = NULL"
    "  WHERE article_id = old.article_id;"
    f" {COPY.format('new')} WHERE article_id = new.article_id;"
    " END",
    "CREATE TRIGGER articles_fts_class_delete AFTER DELETE ON classifications BEGIN"
    " UPDATE articles_fts_docs SET relevant = NULL, countries = NULL"
    "  WHERE article_id = old.article_id;"
    " END",
]

SQLITE_DOWN = [
    "DROP INDEX IF EXISTS ix_observations_stance",
    "DROP TRIGGER IF EXISTS articles_fts_class_delete",
    "DROP TRIGGER IF EXISTS articles_fts_class_update",
    "DROP TRIGGER IF EXISTS articles_fts_class_insert",
    "ALTER TABLE articles_fts_docs DROP COLUMN countries",
    "ALTER TABLE articles_fts_docs DROP COLUMN relevant",
]

# The expression must read exactly as the search writes it for the index to serve it.
PG_COUNTRIES = "string_to_array(countries, ' ')"

PG_UP = [
    STANCE_INDEX,
    "CREATE INDEX ix_classifications_relevant_ids ON classifications (article_id) WHERE relevant",
    f"CREATE INDEX ix_classifications_countries ON classifications USING gin ({PG_COUNTRIES})",
]

PG_DOWN = [
    "DROP INDEX IF EXISTS ix_observations_stance",
    "DROP INDEX IF EXISTS ix_classifications_countries",
    "DROP INDEX IF EXISTS ix_classifications_relevant_ids",
]


def _statements(up: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if dialect == "postgresql":
        return PG_UP if up else PG_DOWN
    return []


def upgrade() -> None:
    for statement in _statements(up=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(up=False):
        op.execute(statement)
