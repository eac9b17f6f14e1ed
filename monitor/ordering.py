"""Publication order: the order in which new articles reach the tracker.

Pure: values in, an order out. Ingest stores and tracks the new items of one poll (and of
the polls that finish together) oldest first by publication time, so that every
intermediate change alerts (undecided -> open -> willing in one batch gives two alerts);
an item whose date is unknown comes after the dated ones; ties keep the order they came
in (feed order, then the order the polls finished).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TypeVar

T = TypeVar("T")


def publication_key(published: datetime | None, arrival: int) -> tuple[bool, datetime, int]:
    """The sort key of one item: dated before undated, oldest first, then arrival.

    A naive time is read as UTC, so that it compares with aware ones.

    >>> t = datetime(2026, 11, 4, 8, tzinfo=UTC)
    >>> publication_key(t, 3) < publication_key(None, 0)
    True
    """
    if published is None:
        return (True, datetime.min.replace(tzinfo=UTC), arrival)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (False, published, arrival)


def in_publication_order(items: Sequence[T], published: Callable[[T], datetime | None]) -> list[T]:
    """`items` oldest first by `published`; unknown dates last; ties in the given order.

    >>> t = datetime(2026, 11, 4, 8, tzinfo=UTC)
    >>> news = [("willing", t.replace(hour=12)), ("undated", None), ("open", t)]
    >>> [n for n, _ in in_publication_order(news, lambda x: x[1])]
    ['open', 'willing', 'undated']
    """
    order = sorted(range(len(items)), key=lambda i: publication_key(published(items[i]), i))
    return [items[i] for i in order]
