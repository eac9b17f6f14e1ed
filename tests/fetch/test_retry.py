"""Retry policy: Retry-After parsing, exponential backoff, when a dead feed is disabled."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from monitor.fetch.retry import (
    DEFAULT_CAP_S,
    MAX_RETRY_AFTER_S,
    backoff_delay,
    parse_retry_after,
    should_disable,
)

NOW = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Sat, 01 Mar 2025 12:05:00 GMT", 300.0),
        ("Saturday, 01-Mar-25 12:00:30 GMT", 30.0),  # RFC 850 form
        ("Sat Mar  1 12:01:00 2025", 60.0),  # asctime form
        ("Sat, 01 Mar 2025 11:00:00 GMT", 0.0),  # in the past: go now
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("1.5", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected


def test_backoff_without_errors_is_the_feed_interval() -> None:
    assert backoff_delay(0, 900) == 900.0


def test_backoff_doubles_from_base_and_is_capped() -> None:
    delays = [backoff_delay(n, 1, jitter_fraction=0) for n in range(1, 12)]
    assert delays[:4] == [60.0, 120.0, 240.0, 480.0]
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[-1] == DEFAULT_CAP_S
    assert backoff_delay(10_000, 1, jitter_fraction=0) == DEFAULT_CAP_S  # no overflow


def test_backoff_never_polls_sooner_than_the_interval() -> None:
    assert backoff_delay(1, 3600, jitter_fraction=0) == 3600.0


def test_backoff_jitter_spreads_within_the_fraction() -> None:
    low = backoff_delay(3, 1, jitter_fraction=0.1, rand=0.0)
    high = backoff_delay(3, 1, jitter_fraction=0.1, rand=0.999999)
    assert low == pytest.approx(240 * 0.9)
    assert high == pytest.approx(240 * 1.1, rel=1e-5)


def test_backoff_honours_retry_after_but_caps_it() -> None:
    assert backoff_delay(1, 60, retry_after=1800, jitter_fraction=0) == 1800.0
    assert MAX_RETRY_AFTER_S == 3600.0  # documented in README: an hour at most
    assert backoff_delay(5, 60, retry_after=10, jitter_fraction=0) == 960.0
    assert backoff_delay(1, 60, retry_after=10**9) == MAX_RETRY_AFTER_S


def test_should_disable_needs_both_count_and_time() -> None:
    start = NOW - timedelta(days=2)
    assert should_disable(10, start, NOW) is True
    assert should_disable(9, start, NOW) is False
    assert should_disable(50, NOW - timedelta(hours=3), NOW) is False
    assert should_disable(10, None, NOW) is False


def test_should_disable_waits_longer_for_transient_failures() -> None:
    assert should_disable(30, NOW - timedelta(days=2), NOW, permanent=False) is False
    assert should_disable(30, NOW - timedelta(days=8), NOW, permanent=False) is True
