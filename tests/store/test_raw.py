"""The save path's SQLite inserts on the driver (monitor.store.raw) store what the Core
statements stored, and a driver error comes out as SQLAlchemy's wrapped one."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError, OperationalError

from monitor.records import ExtractedArticle
from monitor.store import open_database, raw
from monitor.store.articles import save_document
from monitor.store.db import failed_as_a_whole
from monitor.store.models import Article
from tests.store.test_articles import STORY, doc

NOW = datetime(2026, 3, 1, 12, 30, 15, 250, tzinfo=UTC)


def test_times_are_stored_as_the_column_type_stores_them(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'raw.db'}")
    try:
        summer = timezone(timedelta(hours=2))
        new = doc(
            STORY, "https://n.example/a", published=datetime(2026, 1, 2, 3, 4, 5, tzinfo=summer)
        )
        assert save_document(db, new, now=NOW).result == "new"
        with db.session() as s:  # the same values through SQLAlchemy's own insert
            s.execute(
                insert(Article).values(
                    id="0" * 16,
                    content_hash="0" * 64,
                    url="https://n.example/b",
                    text="x",
                    published_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=summer),
                    fetched_at=NOW,
                    group_id="0" * 16,
                )
            )
            rows = s.execute(
                text("SELECT published_at, fetched_at FROM articles ORDER BY id")
            ).all()
    finally:
        db.dispose()
    assert rows[0] == rows[1] == ("2026-01-02 01:04:05.000000", "2026-03-01 12:30:15.000250")


def test_driver_errors_are_sqlalchemys(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'raw.db'}")
    try:
        with db.session() as s, pytest.raises(IntegrityError) as dup:
            conn = s.connection()
            raw.execute(conn, "CREATE TABLE t (k INTEGER PRIMARY KEY)", ())
            raw.executemany(conn, "INSERT INTO t VALUES (?)", [(1,), (1,)])
        assert isinstance(dup.value.orig, sqlite3.IntegrityError)
        with db.session() as s, pytest.raises(OperationalError) as bad:
            raw.execute(s.connection(), "INSERT INTO no_such_table VALUES (?)", (1,))
        assert failed_as_a_whole(bad.value)
        assert not failed_as_a_whole(dup.value)
    finally:
        db.dispose()


def test_a_text_without_a_date_is_stored_with_none(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'raw.db'}")
    try:
        art = ExtractedArticle(title="T", text=STORY)
        assert art.published is None
        assert save_document(db, doc(STORY, "https://n.example/c"), now=NOW).result == "new"
        with db.session() as s:
            (row,) = s.execute(text("SELECT published_at, canonical_url FROM articles")).all()
    finally:
        db.dispose()
    assert row == (None, "https://n.example/c")
