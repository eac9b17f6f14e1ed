"""Alembic environment: the engine comes from monitor (or MONITOR_DATABASE_URL for `alembic`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

# Every table is declared in monitor.store.models, so autogenerate sees them all.
from monitor.store.models import Base

config = context.config
target_metadata = Base.metadata

# Full-text search objects are made by hand in 0004/0015 (FTS5 tables and triggers on SQLite,
# the table `articles_search` and its indexes on PostgreSQL); autogenerate must not drop them.
_HAND_MADE = (
    "articles_fts",
    "articles_search",
    "search_vector",
    "ix_articles_when",
    "ix_articles_search",
)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (reflected and compare_to is None and name and name.startswith(_HAND_MADE))


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine  # type: ignore[no-any-return]
    from monitor.settings import load_settings
    from monitor.store.db import make_engine

    return make_engine(load_settings().database_url)


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        # On SQLite too (monitor.store.migrate hands over a connection whose transactions
        # hold DDL): a migration killed halfway leaves nothing behind.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


def run_migrations_online() -> None:
    # monitor.store.migrate passes the connection that holds the migration lock.
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    with _engine().connect() as connection:
        _migrate(connection)


run_migrations_online()
