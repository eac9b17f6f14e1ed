"""Retry policy for failing feeds: Retry-After parsing, backoff delays, when to give up."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

DEFAULT_BASE_S = 60.0
DEFAULT_CAP_S = 6 * 3600.0
# A server may ask for any pause; past an hour we ask again rather than go silent (a
# 20-digit Retry-After must not mute a feed or a webhook for a day). Documented in README.
MAX_RETRY_AFTER_S = 3600.0


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None.

    `now` must be timezone-aware; a date in the past gives 0; anything past
    MAX_RETRY_AFTER_S (an hour) gives that.

    >>> from datetime import UTC
    >>> parse_retry_after("120", datetime(2025, 1, 1, tzinfo=UTC))
    120.0
    >>> parse_retry_after("Wed, 01 Jan 2025 00:01:30 GMT", datetime(2025, 1, 1, tzinfo=UTC))
    90.0
    >>> parse_retry_after("9" * 20, datetime(2025, 1, 1, tzinfo=UTC))
    3600.0
    """
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        # Compared as text first: int() of a 5,000-digit header is slow by design.
        return MAX_RETRY_AFTER_S if len(text) > 6 else min(float(text), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates come back naive; HTTP-dates are GMT
        when = when.replace(tzinfo=now.tzinfo)
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER_S)


def backoff_delay(
    error_count: int,
    interval_s: float,
    retry_after: float | None = None,
    *,
    base_s: float = DEFAULT_BASE_S,
    cap_s: float = DEFAULT_CAP_S,
    jitter_fraction: float = 0.1,
    rand: float = 0.5,
) -> float:
    """Seconds until a feed with `error_count` consecutive failures is polled again.

    Exponential from `base_s`, capped at `cap_s`, never sooner than the feed's own
    interval, never sooner than the server's Retry-After (itself capped at an hour).
    `rand` in [0, 1) spreads the delay by +-`jitter_fraction` so failing feeds do not
    retry in lockstep; pass `random.random()` from the caller.

    >>> backoff_delay(0, 900)
    900.0
    >>> backoff_delay(3, 60, jitter_fraction=0)
    240.0
    >>> backoff_delay(1, 60, retry_after=3600, jitter_fraction=0)
    3600.0
    """
    if error_count <= 0:
        delay = float(interval_s)
    else:
        # Clamp the exponent so a feed failing for months cannot overflow a float.
        exponential = base_s * 2.0 ** min(error_count - 1, 62)
        delay = max(float(interval_s), min(cap_s, exponential))
        delay *= 1.0 + jitter_fraction * (2.0 * rand - 1.0)
    if retry_after is not None:
        delay = max(delay, min(float(retry_after), MAX_RETRY_AFTER_S))
    return delay


def should_disable(
    error_count: int,
    first_error_at: datetime | None,
    now: datetime,
    *,
    permanent: bool = True,
    max_errors: int = 10,
    permanent_after: timedelta = timedelta(days=1),
    transient_after: timedelta = timedelta(days=7),
) -> bool:
    """Whether a feed failing since `first_error_at` is dead and should be disabled.

    It takes `max_errors` consecutive failures and also time: a day when the last
    error was permanent (404, 410, 401/403, TLS, blocked), a week when it was
    transient (timeouts, 5xx), so a weekend outage never disables a feed.

    >>> from datetime import UTC
    >>> t0 = datetime(2025, 1, 1, tzinfo=UTC)
    >>> should_disable(10, t0, t0 + timedelta(days=2))
    True
    >>> should_disable(10, t0, t0 + timedelta(days=2), permanent=False)
    False
    """
    if first_error_at is None or error_count < max_errors:
        return False
    failing_for = now - first_error_at
    return failing_for >= (permanent_after if permanent else transient_after)
