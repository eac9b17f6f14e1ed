"""Wake-ups across processes: a dispatcher claims a delivery another process committed
at once instead of at its next poll.

PostgreSQL: a transaction that queued deliveries notifies at its commit, and every
dispatcher listening hears it (LISTEN/NOTIFY). SQLite has no notifications; a watcher
reads `PRAGMA data_version` every `SQLITE_WATCH_S` on a connection of its own (it changes
when any other connection commits, in this process or another: a read of the file's
header, microseconds) and, after a change, the newest delivery id and the latest next
attempt (two indexed reads): a change there wakes the dispatcher.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Row, text
from sqlalchemy.exc import SQLAlchemyError

from monitor.store.db import Database, Tx

log = logging.getLogger(__name__)

CHANNEL = "monitor_deliveries"
# Names this process in its notifications: its own dispatcher hears of its commits from
# ingest already (monitor.runstate), and a second wake-up would only cost a claim.
_SENDER = uuid.uuid4().hex


def notify_deliveries_in(tx: Tx) -> None:
    """In the transaction that queued deliveries: PostgreSQL sends it at the commit (and
    not at all on a rollback), once per transaction however often it is called."""
    if tx.get_bind().dialect.name == "postgresql" and not tx.info.get("notified"):
        tx.info["notified"] = True  # one statement per transaction, not one per event
        # Channels are per database: the schema's name keeps two schemas' apart.
        tx.execute(
            text(f"SELECT pg_notify('{CHANNEL}:' || current_schema(), :sender)"),
            {"sender": _SENDER},
        )


async def listen_deliveries(
    db: Database, woken: Callable[[], None], *, own_commits_wake: bool, retry_s: float = 5.0
) -> None:
    """Call `woken` at each notification (of this process's commits too only with
    `own_commits_wake`), until cancelled. A lost connection is opened again after
    `retry_s`; meanwhile the dispatcher polls as it would without. On SQLite, `woken` is
    called after deliveries changed, whoever committed them (this process's own commits
    included: SQLite does not say who wrote, and a wake-up too many costs one claim)."""
    if db.dialect == "sqlite":
        await _watch_sqlite(db, woken, retry_s)
        return
    if db.dialect != "postgresql":
        return
    import psycopg
    from psycopg import sql

    dsn = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
                cur = await conn.execute("SELECT current_schema()")
                row = await cur.fetchone()
                schema = str(row[0]) if row else "public"
                await conn.execute(
                    sql.SQL("LISTEN {}").format(sql.Identifier(f"{CHANNEL}:{schema}"))
                )
                woken()  # what was committed while nobody listened
                async for note in conn.notifies():
                    if own_commits_wake or note.payload != _SENDER:
                        woken()
        except (psycopg.Error, OSError) as exc:
            log.warning("delivery notifications lost", extra={"error": str(exc)})
        await asyncio.sleep(retry_s)


# How often the SQLite watcher looks: a delivery another process commits waits at most
# this long (plus the claim) instead of the dispatcher's poll interval.
SQLITE_WATCH_S = 0.1
# What changes when there is something new to claim: a delivery queued (its id is the
# newest) or one re-queued or retried (its next attempt is the latest); not a claim or a
# lease, which would wake a dispatcher by its own claims. Two reads of indexes.
_DELIVERIES = text(
    "SELECT (SELECT max(id) FROM alert_deliveries),"
    " (SELECT max(next_attempt_at) FROM alert_deliveries)"
)


async def _watch_sqlite(db: Database, woken: Callable[[], None], retry_s: float) -> None:
    while True:
        try:
            await _watch(db, woken)
        except SQLAlchemyError as exc:
            log.warning("delivery watch lost", extra={"error": str(exc)})
        await asyncio.sleep(retry_s)


async def _watch(db: Database, woken: Callable[[], None]) -> None:
    # One connection for the watch: data_version counts the commits of the others.
    conn = await asyncio.to_thread(db.engine.connect)
    try:
        driver = conn.connection.dbapi_connection
        assert driver is not None
        version, seen = None, await asyncio.to_thread(_deliveries, conn)
        woken()  # what was committed before the watch began
        while True:
            # On the loop: in WAL mode the pragma never waits for a lock (a read of the
            # shared WAL index), and a thread hop would cost ten times the read.
            now = driver.execute("PRAGMA data_version").fetchone()
            if now != version:
                version = now
                state = await asyncio.to_thread(_deliveries, conn)
                if state != seen:
                    seen = state
                    woken()
            await asyncio.sleep(SQLITE_WATCH_S)
    finally:
        await asyncio.to_thread(conn.close)


def _deliveries(conn: Connection) -> Row[Any]:
    try:
        return conn.execute(_DELIVERIES).one()
    finally:
        # No snapshot held between looks: it would hide the others' commits (and pin
        # the WAL).
        conn.rollback()
