"""Apply Alembic migrations from migrations/ programmatically (`monitor db upgrade`).

Several workers may start at once on a fresh database, so an upgrade holds a lock that
the others wait for: a PostgreSQL advisory lock (per schema), or on SQLite an exclusive
lock on a file beside the database. The one that gets it first migrates; the others then
find the schema at head and change nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import sysconfig
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text


def migrations_dir(checkout: Path, installed: Path) -> Path:
    """The checkout's migrations/ (make run, editable installs), else the copy a wheel
    installs under <prefix>/share (pyproject's data-files: the image's installed package)."""
    return checkout if (checkout / "env.py").is_file() else installed


MIGRATIONS = migrations_dir(
    Path(__file__).resolve().parents[2] / "migrations",
    Path(sysconfig.get_path("data")) / "share" / "monitor" / "migrations",
)

# Advisory lock key: a constant name hashed with the schema, so that databases (and the
# test suite's schemas) on one server do not wait for each other.
_PG_LOCK = "SELECT pg_advisory_lock(hashtext(current_schema() || '.monitor.migrate'))"
_PG_UNLOCK = "SELECT pg_advisory_unlock(hashtext(current_schema() || '.monitor.migrate'))"


def alembic_config(engine: Engine, connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@contextlib.contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    # fcntl.flock from the standard library is enough here (one host shares a SQLite
    # file); the lock ends with the process even after kill -9.
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    path = Path(f"{database}.migrate.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Migrate to `revision`, waiting for any other process migrating the same database."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text(_PG_LOCK))
            conn.commit()
            try:
                command.upgrade(alembic_config(engine, conn), revision)
            finally:
                conn.rollback()  # nothing open; a failed migration left its own rollback
                conn.execute(text(_PG_UNLOCK))
                conn.commit()
        return
    with _sqlite_file_lock(engine):
        # All migrations in one transaction: a worker killed mid-migration leaves the
        # database as it was, not tables without the revision that made them.
        transactional = _transactional_sqlite(engine)
        try:
            with transactional.connect() as conn:
                command.upgrade(alembic_config(engine, conn), revision)
        finally:
            transactional.dispose()


def _transactional_sqlite(engine: Engine) -> Engine:
    """An engine on the same SQLite file whose transactions include DDL: the sqlite3
    module would otherwise commit before each CREATE, ALTER or DROP by itself, so the
    driver's own transaction handling is turned off and SQLAlchemy's BEGIN emitted."""
    migrating = create_engine(engine.url, connect_args={"timeout": 10})

    def no_driver_transactions(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    def begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(migrating, "connect", no_driver_transactions)
    event.listen(migrating, "begin", begin)
    return migrating


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def head_revisions(engine: Engine) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
