"""Two polls saving the same story at once (PostgreSQL: both transactions open together).

The second insert waits on the first one's unique keys; once the first commits, the second
must end as a duplicate (same text) or as an article of its own without the taken
canonical URL (edited text), never as `LookupError: no article with hash ...`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from monitor.documents import to_document
from monitor.records import Document, ExtractedArticle
from monitor.store import Database, open_database
from monitor.store.articles import SaveOutcome, SaveResult, get_article, save_document
from monitor.store.articles import save_document_in as save_in
from tests.store.test_articles import STORY

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
CANONICAL = "https://news.test/story"


def _doc(body: str, url: str) -> Document:
    extracted = ExtractedArticle(title="A story", text=body, canonical_url=CANONICAL)
    d = to_document(extracted, url=url, feed="t")
    assert d is not None
    return d


@pytest.fixture
def pg(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    yield db
    db.dispose()


def _waiting_on_a_lock(db: Database) -> bool:
    with db.engine.connect() as conn:
        q = text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return bool(conn.execute(q).scalar())


def _second_save_while_first_is_open(db: Database, first: Document, second: Document) -> object:
    """Open the first save's transaction, start the second save in a thread (it blocks on
    the unique keys), commit the first, return what the second save returned or raised."""
    result: list[object] = []

    def run(save: Callable[[], SaveOutcome]) -> None:
        try:
            result.append(save())
        except Exception as exc:  # the bug under test surfaces as an exception
            result.append(exc)

    with db.session() as tx:
        assert save_in(tx, first, now=NOW).result is SaveResult.NEW
        worker = threading.Thread(target=run, args=(lambda: save_document(db, second, now=NOW),))
        worker.start()
        for _ in range(500):  # at most 5 s for the second insert to reach the lock
            if _waiting_on_a_lock(db) or not worker.is_alive():
                break
            threading.Event().wait(0.01)
        assert worker.is_alive(), result  # it waits for the first transaction
    worker.join(timeout=30)
    assert not worker.is_alive()
    return result[0]


def test_the_same_text_saved_twice_at_once_is_one_article(pg: Database) -> None:
    first = _doc(STORY, "https://a.test/story")
    second = _doc(STORY, "https://b.test/copy")
    outcome = _second_save_while_first_is_open(pg, first, second)
    assert isinstance(outcome, SaveOutcome), outcome
    assert outcome.result is SaveResult.DUPLICATE
    assert outcome.article_id == first.id


def test_an_edited_text_under_the_same_canonical_url_at_once_is_kept(pg: Database) -> None:
    first = _doc(STORY, "https://a.test/story")
    second = _doc(STORY + " An update: the vote is on Friday.", "https://b.test/story")
    assert first.content_hash != second.content_hash
    outcome = _second_save_while_first_is_open(pg, first, second)
    assert isinstance(outcome, SaveOutcome), outcome
    assert outcome.result is SaveResult.NEW
    stored = get_article(pg, outcome.article_id)
    assert stored is not None and stored.canonical_url is None  # the URL stays with the first
    kept = get_article(pg, first.id)
    assert kept is not None and kept.canonical_url == CANONICAL
