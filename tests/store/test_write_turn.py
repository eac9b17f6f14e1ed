"""Writers of one process take turns on SQLite, first come first served: a writer
committing back to back cannot take every turn from one waiting between its commits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from monitor.store import open_database


def test_a_waiting_writer_goes_before_a_writer_asking_again(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'turns.db'}")
    order: list[str] = []
    asked = threading.Event()

    def other() -> None:
        asked.set()
        with db.write_turn():
            order.append("other")

    try:
        with db.write_turn():
            order.append("first")
            waiter = threading.Thread(target=other)
            waiter.start()
            asked.wait(5)
            time.sleep(0.2)  # the other thread is waiting for its turn now
        with db.write_turn():  # back to back, as ingest commits a burst
            order.append("again")
        waiter.join(5)
    finally:
        db.dispose()
    assert order == ["first", "other", "again"]


def test_turns_are_reentrant_and_give_up_after_their_timeout(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'turns.db'}")
    turns = db._turns
    got: list[float] = []
    try:
        with db.write_turn(), db.write_turn():  # a nested write does not wait for itself
            waiter = threading.Thread(target=lambda: _timed(turns, got))
            waiter.start()
            waiter.join(5)
        start = time.monotonic()
        with db.write_turn():  # the one that gave up left no turn behind to wait for
            after = time.monotonic() - start
    finally:
        db.dispose()
    assert len(got) == 1 and 0.2 <= got[0] < 2
    assert after < 1


def _timed(turns: object, got: list[float]) -> None:
    start = time.monotonic()
    with turns.turn(0.2):  # type: ignore[attr-defined]
        got.append(time.monotonic() - start)
