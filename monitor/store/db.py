"""Engine and sessions: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL (psycopg 3)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from monitor.errors import ConfigError

SQLITE_BUSY_TIMEOUT_MS = 10_000

# The transaction a flow opens with `Database.session()` and hands to store functions
# named `*_in`: the flows above the store name it without touching SQLAlchemy.
Tx = Session


def _normalize_url(url: str) -> str:
    # Accept plain postgresql:// URLs and use psycopg 3 for them.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _wal_mode(cur: Any) -> None:
    # Switching a fresh file to WAL needs an exclusive lock, and SQLite answers "locked" at
    # once, without its busy handler, when another connection holds one: workers starting
    # together on a new database would fail at random. Retried within the busy timeout.
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    _wal_mode(cur)
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    url = _normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    event.listen(engine, "connect", _postgres_utc)
    return engine


def _postgres_utc(dbapi_conn: Any, _record: Any) -> None:
    # Times come back in UTC whatever the server's zone; psycopg then gives them
    # datetime.UTC itself, which the UTC columns take as they are.
    with dbapi_conn.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
    dbapi_conn.commit()


class _Turns:
    """Writers of one process taking turns, first come first served (reentrant).

    SQLite has one writer at a time, and a writer that finds the lock taken sleeps in
    steps of up to 100 ms: one committing back to back (ingest storing a burst) then
    takes nearly every turn, and the alert dispatcher's short writes wait seconds."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._tickets = 0  # handed out
        self._serving = 0  # the ticket whose turn it is
        self._left: set[int] = set()  # tickets whose holders gave up waiting
        self._owner: int | None = None
        self._depth = 0

    @contextmanager
    def turn(self, timeout_s: float) -> Iterator[None]:
        """Wait for this thread's turn (at most `timeout_s`, then go on regardless:
        SQLite's own busy timeout still guards the write)."""
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                mine = None
            else:
                mine = self._tickets
                self._tickets += 1
                if self._cond.wait_for(lambda: self._serving == mine, timeout_s):
                    self._owner, self._depth = me, 1
                else:
                    self._left.add(mine)
                    mine = None  # not ours: nothing to hand on
        try:
            yield
        finally:
            with self._cond:
                if self._owner == me:
                    self._depth -= 1
                    if self._depth == 0:
                        self._owner = None
                        self._serving += 1
                        while self._serving in self._left:
                            self._left.discard(self._serving)
                            self._serving += 1
                        self._cond.notify_all()


class Database:
    """An engine plus a session factory; the composition root makes one and passes it on."""

    def __init__(self, url: str):
        self.url = _normalize_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._turns = _Turns()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """`session()` for a batch of writes, each of which may run in a savepoint of its
        own (`begin_nested`). On SQLite the transaction is begun explicitly, and with the
        write lock (waiting up to the busy timeout for it): the driver begins one only at
        the first INSERT, so a savepoint opened before would be a transaction of its own,
        committed on release; and a read before the first write could not take the lock
        later if another process committed meanwhile."""
        with self.session() as session:
            if self.dialect == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def write_turn(self) -> AbstractContextManager[None]:
        """Around a write transaction that must not wait behind a stream of others of
        this process (SQLite; PostgreSQL locks rows, and this is a no-op there)."""
        if self.dialect != "sqlite":
            return nullcontext()
        return self._turns.turn(SQLITE_BUSY_TIMEOUT_MS / 1000)

    def dispose(self) -> None:
        self.engine.dispose()


def failed_as_a_whole(exc: BaseException) -> bool:
    """Whether a failure inside a transaction is the database's or the connection's
    (locked, deadlocked, gone) rather than one statement's data: the whole transaction
    is lost, and the work is better retried in smaller transactions than blamed on the
    item that met it."""
    return isinstance(exc, OperationalError | InterfaceError)


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect (and migrate); an unreachable or unusable database is a ConfigError."""
    try:
        db = Database(url)
        with db.engine.connect():
            pass
        if migrate:
            from monitor.store.migrate import upgrade

            upgrade(db.engine)
    except (OperationalError, ArgumentError, NoSuchModuleError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ConfigError(
            f"cannot use the database {_redact(url)}: {reason}", key="database_url"
        ) from exc
    return db


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparsable URL)"
