"""The delivery retry policy: a pure object deciding retry-or-dead and the delay."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.errors import DeliveryError


@dataclass(frozen=True, slots=True)
class RetryDecision:
    retry: bool
    delay_s: float = 0.0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter, honouring Retry-After, dead after `max_attempts`.

    >>> p = RetryPolicy(max_attempts=3, base_s=10, jitter=0)
    >>> [p.decide(DeliveryError("x"), n).delay_s for n in (1, 2)]
    [10.0, 20.0]
    >>> p.decide(DeliveryError("x"), 3).retry
    False
    """

    max_attempts: int = 8
    base_s: float = 30.0
    cap_s: float = 3600.0
    jitter: float = 0.2  # the delay is spread by +- this fraction
    max_retry_after_s: float = 86400.0  # a receiver asking for more is retried after a day

    def decide(self, error: DeliveryError, attempts: int, rand: float = 0.5) -> RetryDecision:
        """After the `attempts`-th failed attempt (1-based); `rand` in [0, 1) is the jitter
        draw, passed in so the policy stays pure (the dispatcher gives `random.random()`)."""
        if not error.transient:
            return RetryDecision(False, reason="permanent failure")
        if attempts >= self.max_attempts:
            return RetryDecision(False, reason=f"gave up after {attempts} attempts")
        # Clamp the exponent: a huge attempt count must not overflow a float.
        delay = min(self.cap_s, self.base_s * 2.0 ** min(max(attempts - 1, 0), 62))
        delay *= 1.0 + self.jitter * (2.0 * rand - 1.0)
        if error.retry_after is not None:
            delay = max(delay, min(error.retry_after, self.max_retry_after_s))
        return RetryDecision(True, delay)
