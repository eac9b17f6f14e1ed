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


NOW = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3 June 2026 14:05 BST", datetime(2026, 6, 3, 13, 5, tzinfo=UTC)),
        ("June 3, 2026 2:05 PM EDT", datetime(2026, 6, 3, 18, 5, tzinfo=UTC)),
        ("Wed 3 Jun 2026 09.15 CEST", datetime(2026, 6, 3, 7, 15, tzinfo=UTC)),
        ("03.06.2026", datetime(2026, 6, 3, tzinfo=UTC)),
        ("03.06.2026 14:05", datetime(2026, 6, 3, 14, 5, tzinfo=UTC)),
        ("2 hours ago", datetime(2026, 6, 3, 10, 0, tzinfo=UTC)),
        ("1 day ago", datetime(2026, 6, 2, 12, 0, tzinfo=UTC)),
    ],
)
def test_written_dates_zone_names_dotted_and_relative(value: str, expected: datetime) -> None:
    assert parse_datetime(value, now=NOW) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        ("3. Juni 2026", "de", datetime(2026, 6, 3, tzinfo=UTC)),
        ("3 juin 2026 à 14h05", "fr", datetime(2026, 6, 3, 14, 5, tzinfo=UTC)),
        ("3 de junio de 2026", "es", datetime(2026, 6, 3, tzinfo=UTC)),
        ("3 июня 2026", "ru", datetime(2026, 6, 3, tzinfo=UTC)),
    ],
)
def test_other_languages_read_with_the_page_language(
    value: str, language: str, expected: datetime
) -> None:
    assert parse_datetime(value, now=NOW, languages=(language,)) == expected


def test_relative_dates_need_a_now_and_the_future_is_no_publication() -> None:
    assert parse_datetime("2 hours ago") is None  # never resolved against the clock
    assert dateline("Updated 2 hours ago") is None
    assert dateline("Updated 2 hours ago", now=NOW) == datetime(2026, 6, 3, 10, tzinfo=UTC)
    assert parse_datetime("2026-06-09T10:00:00Z", now=NOW) is None  # six days ahead
    assert parse_datetime("2026-06-04T08:00:00Z", now=NOW) is not None  # clock skew


@pytest.mark.parametrize(
    "line", ["2 min read", "5 comments", "Politics", "March 2025", "10", "Since 2015, Canada"]
)
def test_lines_that_are_no_datelines(line: str) -> None:
    assert dateline(line, now=NOW) is None


def test_labelled_datelines_in_other_languages() -> None:
    assert dateline("Veröffentlicht am 03.06.2026", languages=("de",)) == datetime(
        2026, 6, 3, tzinfo=UTC
    )
    assert dateline("Publié le 3 juin 2026", languages=("fr",)) == datetime(2026, 6, 3, tzinfo=UTC)


def test_a_text_document_takes_the_dateline_below_its_headline_not_above() -> None:
    from monitor.extract import extract_text_document

    body = "Poland will not send troops to Ukraine, the defence minister said on Monday."
    above = extract_text_document(f"Tuesday, 02 January 2024 12:17 GMT\nPoland says no\n{body}")
    assert above.published is None and above.date_source is None
    below = extract_text_document(f"Poland says no\nPublished 03.06.2026 14:05 BST\n{body}")
    assert below.published == datetime(2026, 6, 3, 13, 5, tzinfo=UTC)
    assert below.date_source == "text"
    assert "Published" not in below.text
