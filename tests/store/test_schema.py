"""The ORM models (all in monitor.store.models) and the migrations describe one schema."""

from __future__ import annotations

import warnings
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Index, Table

from monitor.store import open_database
from monitor.store.models import Base

# Indexes only search reads, made by its migration 0012.
_SEARCH_INDEXES = {
    "ix_classifications_relevant_ids",
    "ix_classifications_countries",
    "ix_observations_stance",
}


def _search_only(diff: Any) -> bool:
    """The full-text index lives in migrations alone (FTS5 tables, a generated tsvector
    column and expression indexes SQLAlchemy cannot reflect): not a disagreement."""
    kind, obj = diff[0], diff[-1]
    if kind == "remove_table" and isinstance(obj, Table):
        return obj.name.startswith(("articles_fts", "articles_search"))
    if kind == "remove_column" and isinstance(obj, Column):
        return obj.name == "search_vector"
    if kind == "remove_index" and isinstance(obj, Index):
        expressions = [e for e in obj.expressions if not isinstance(e, Column)]
        on_search_table = obj.table is not None and obj.table.name.startswith(
            ("articles_fts", "articles_search")
        )
        search_index = "search_vector" in str(obj.name) or obj.name in _SEARCH_INDEXES
        return search_index or bool(expressions) or on_search_table
    return False


def test_models_and_migrations_agree(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # expression indexes are skipped with a warning
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.dispose()
    assert [d for d in diffs if not _search_only(d)] == []
