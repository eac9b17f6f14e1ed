"""Migrations on SQLite run in one transaction: a start-up killed halfway through them
leaves the database as it was, and the next start migrates it (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, event

from monitor.errors import ConfigError
from monitor.store import migrate, open_database


def test_a_migration_that_fails_halfway_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    made = migrate._transactional_sqlite

    def failing(engine: Engine) -> Engine:
        # Dies at revision 0003, after 0001 and 0002 made their tables (as a SIGKILL
        # would; an exception is the in-process way to stop before the commit).
        migrating = made(engine)

        def stop(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if statement.lstrip().upper().startswith("CREATE TABLE STANCE_EVENTS"):
                raise RuntimeError("killed mid-migration")

        event.listen(migrating, "before_cursor_execute", stop)
        return migrating

    monkeypatch.setattr(migrate, "_transactional_sqlite", failing)
    with pytest.raises((RuntimeError, ConfigError)):
        open_database(url)
    tables = sa.inspect(sa.create_engine(url)).get_table_names()
    assert tables == []  # not feed_state and articles without alembic_version
    monkeypatch.setattr(migrate, "_transactional_sqlite", made)
    db = open_database(url)  # the next start migrates from scratch
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM stance_events").scalar() == 0
    db.dispose()
