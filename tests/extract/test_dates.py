"""Date reading: machine formats, written dates, datelines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.extract.dates import dateline, find_date, parse_datetime


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-24T10:00:00+02:00", datetime(2025, 8, 24, 8, 0, tzinfo=UTC)),
        ("2019-11-19T05:00:00.000Z", datetime(2019, 11, 19, 5, 0, tzinfo=UTC)),
        ("2019-11-19", datetime(2019, 11, 19, tzinfo=UTC)),
        ("2019-11-19T10:00:00-0500", datetime(2019, 11, 19, 15, 0, tzinfo=UTC)),
        ("Tue, 19 Nov 2019 10:00:00 -0500", datetime(2019, 11, 19, 15, 0, tzinfo=UTC)),
        ("August 24, 2025", datetime(2025, 8, 24, tzinfo=UTC)),
        ("Nov. 19, 2019 5:00 p.m.", datetime(2019, 11, 19, 17, 0, tzinfo=UTC)),
        ("24 Aug 2025 13:05 +0300", datetime(2025, 8, 24, 10, 5, tzinfo=UTC)),
    ],
)
def test_parse_datetime_gives_aware_utc(value: str, expected: datetime) -> None:
    parsed = parse_datetime(value)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is UTC


@pytest.mark.parametrize("value", ["", "soon", "0001-01-01T00:00:00Z", "2019-13-45"])
def test_parse_datetime_rejects_non_dates_and_placeholders(value: str) -> None:
    assert parse_datetime(value) is None


def test_dateline_is_a_line_that_is_only_a_date() -> None:
    assert dateline("Tuesday, 02 January 2024 12:17 GMT") == datetime(
        2024, 1, 2, 12, 17, tzinfo=UTC
    )
    assert dateline("Published on August 24, 2025") == datetime(2025, 8, 24, tzinfo=UTC)
    assert dateline("Carney visited Kyiv on August 24, 2023, for the holiday.") is None
    assert dateline("August 2025") is None


def test_find_date_returns_the_first_written_date() -> None:
    found = find_date("Signed on 3 May 2021 and renewed on 2024-01-09.")
    assert found is not None
    assert found[0] == datetime(2021, 5, 3, tzinfo=UTC)
    assert found[1].group(0) == "3 May 2021"
