"""The save path's hottest SQLite statements straight on the driver's connection.

SQLAlchemy's execution of even a cached Core statement costs the client about 25-35 us
(an execution context, parameter processing, a result object); an article's save runs
three such inserts (the article, its URLs, its LSH keys), measured 60-100 us of its
~1 ms. Here they go to the sqlite3 connection under the session's transaction (same
connection, same transaction, the same SQL and stored values); a driver error comes
out as SQLAlchemy's wrapped one (IntegrityError, OperationalError, ...), so callers and
`failed_as_a_whole` read it as before.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

from monitor.store.types import UTCDateTime


@functools.cache
def time_binder(dialect: Dialect) -> Callable[[Any], Any]:
    """How a UTCDateTime column binds a value on `dialect` (what SQLAlchemy would send)."""
    bind = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert bind is not None
    return bind


def _driver(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def execute(conn: Connection, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
    """`sql` with `params` (qmark style) on `conn`'s sqlite3 connection."""
    try:
        return _driver(conn).execute(sql, params)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc


def executemany(conn: Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """`sql` once per row of `rows` on `conn`'s sqlite3 connection."""
    try:
        _driver(conn).executemany(sql, rows)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc
