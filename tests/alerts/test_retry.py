"""The retry policy, as a pure object: backoff, jitter, Retry-After, dead letters."""

from __future__ import annotations

import doctest
import importlib

import pytest

from monitor.alerts.retry import RetryPolicy
from monitor.errors import DeliveryError

POLICY = RetryPolicy(max_attempts=5, base_s=10, cap_s=60, jitter=0.2)


def test_delay_doubles_from_the_base_up_to_the_cap() -> None:
    delays = [POLICY.decide(DeliveryError("x"), n, rand=0.5).delay_s for n in range(1, 5)]
    assert delays == [10, 20, 40, 60]


@pytest.mark.parametrize(("rand", "expected"), [(0.0, 8.0), (0.999999, 12.0)])
def test_jitter_spreads_the_delay_both_ways(rand: float, expected: float) -> None:
    assert POLICY.decide(DeliveryError("x"), 1, rand=rand).delay_s == pytest.approx(expected)


def test_retry_after_is_honoured_when_longer() -> None:
    d = POLICY.decide(DeliveryError("429", retry_after=300), 1)
    assert d.retry and d.delay_s == 300
    assert POLICY.decide(DeliveryError("503", retry_after=1), 1).delay_s == 10


def test_an_absurd_retry_after_is_capped_at_a_day() -> None:
    assert POLICY.decide(DeliveryError("x", retry_after=10**9), 1).delay_s == 86400


def test_dead_after_max_attempts() -> None:
    assert POLICY.decide(DeliveryError("x"), 4).retry
    last = POLICY.decide(DeliveryError("x"), 5)
    assert not last.retry and "5 attempts" in last.reason


def test_permanent_errors_are_dead_at_once() -> None:
    d = POLICY.decide(DeliveryError("401", transient=False), 1)
    assert not d.retry and d.reason == "permanent failure"


def test_a_huge_attempt_count_does_not_overflow() -> None:
    assert RetryPolicy(max_attempts=10**6).decide(DeliveryError("x"), 5000).delay_s <= 3600 * 1.2


@pytest.mark.parametrize(
    "module",
    [
        "monitor.alerts.retry",
        "monitor.alerts.signing",
        "monitor.tracker.decision",
        "monitor.tracker.countries",
    ],
)
def test_docstring_examples_hold(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
