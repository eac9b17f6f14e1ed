"""Publication order (monitor.ordering) and the ordering gate (monitor.ingest.gate)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from monitor.ingest.gate import OrderingGate, Ready
from monitor.ordering import in_publication_order

T = datetime(2026, 11, 4, 8, tzinfo=UTC)


def test_oldest_first_then_unknown_dates_in_feed_order() -> None:
    feed = [
        ("willing", T + timedelta(hours=4)),
        ("undated-1", None),
        ("open", T),
        ("undated-2", None),
        ("undecided", T - timedelta(days=1)),
    ]
    got = [name for name, _ in in_publication_order(feed, lambda e: e[1])]
    assert got == ["undecided", "open", "willing", "undated-1", "undated-2"]


def test_equal_times_keep_feed_order_and_naive_times_read_as_utc() -> None:
    naive = T.replace(tzinfo=None) + timedelta(minutes=1)
    feed = [("b", T), ("a", T), ("naive", naive), ("earlier", T - timedelta(minutes=1))]
    got = [name for name, _ in in_publication_order(feed, lambda e: e[1])]
    assert got == ["earlier", "b", "a", "naive"]
    assert in_publication_order([], lambda e: None) == []


def _ready(log: list[str], name: str, published: datetime | None) -> Ready:
    async def commit() -> None:
        await asyncio.sleep(0)
        log.append(name)

    return Ready(published, commit)


def test_polls_finishing_together_are_committed_in_publication_order() -> None:
    async def scenario() -> list[str]:
        gate = OrderingGate(window_s=5.0)  # closed by the polls, not the window
        log: list[str] = []
        a, b = gate.enter(), gate.enter()

        async def poll_a() -> None:
            await gate.submit(a, [_ready(log, "a-12:00", T + timedelta(hours=4))])

        async def poll_b() -> None:
            await asyncio.sleep(0.05)  # finishes later, with an older item
            await gate.submit(b, [_ready(log, "b-undated", None), _ready(log, "b-08:00", T)])

        await asyncio.wait_for(asyncio.gather(poll_a(), poll_b()), 4.0)
        return log

    assert asyncio.run(scenario()) == ["b-08:00", "a-12:00", "b-undated"]


def test_a_poll_still_in_flight_holds_a_round_only_for_the_window() -> None:
    async def scenario() -> tuple[list[str], bool]:
        gate = OrderingGate(window_s=0.05)
        log: list[str] = []
        slow, fast = gate.enter(), gate.enter()
        await asyncio.wait_for(gate.submit(fast, [_ready(log, "fast", T)]), 4.0)
        # The slow poll's later, older item is a round of its own: found later.
        await asyncio.wait_for(gate.submit(slow, [_ready(log, "slow", T - timedelta(1))]), 4.0)
        return log, gate._preparing == 0

    assert asyncio.run(scenario()) == (["fast", "slow"], True)


def test_a_poll_that_leaves_without_items_closes_the_round() -> None:
    async def scenario() -> list[str]:
        gate = OrderingGate(window_s=30.0)  # would outlast the test's bound if waited for
        log: list[str] = []
        a, b = gate.enter(), gate.enter()
        task = asyncio.ensure_future(gate.submit(a, [_ready(log, "a", T)]))
        await asyncio.sleep(0.01)
        assert log == []  # b may still hand in an older item
        gate.leave(b)
        gate.leave(b)  # idempotent
        await asyncio.wait_for(task, 4.0)
        return log

    assert asyncio.run(scenario()) == ["a"]


def test_a_crashing_commit_does_not_lose_the_others() -> None:
    async def scenario() -> list[str]:
        gate = OrderingGate()
        log: list[str] = []

        async def boom() -> None:
            raise RuntimeError("bug")

        t = gate.enter()
        await asyncio.wait_for(gate.submit(t, [Ready(T, boom), _ready(log, "next", T)]), 4.0)
        return log

    assert asyncio.run(scenario()) == ["next"]
