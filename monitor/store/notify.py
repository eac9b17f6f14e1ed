"""Wake-ups across processes on PostgreSQL: a transaction that queued deliveries
notifies at its commit, and every dispatcher listening claims at once instead of at its
next poll (LISTEN/NOTIFY). SQLite has nothing of the kind: its dispatchers of other
processes find the deliveries at their next poll."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable

from sqlalchemy import text

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
    `own_commits_wake`), until cancelled; PostgreSQL only (returns at once on SQLite). A
    lost connection is opened again after `retry_s`; meanwhile the dispatcher polls as
    it would without."""
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
