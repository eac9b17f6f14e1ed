"""Read publication dates: machine formats from metadata and written dates from text."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:(?:,|\s+at|T)?\s*(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>utc|gmt|z)?(?P<offset>[+-]\d\d:?\d\d)?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_WRITTEN = [
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.I),  # August 24, 2025
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b{_TIME}", re.I),  # 24 August 2025
    re.compile(rf"\b{_YEAR}[-/](?P<nmonth>[01]?\d)[-/](?P<day>[0-3]?\d)\b{_TIME}", re.I),
]
_ISO = re.compile(
    r"^\s*(?P<date>\d{4}-\d\d-\d\d)(?:[T ](?P<time>\d\d:\d\d(?::\d\d)?)(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d\d:?\d\d)?\s*$",
    re.I,
)
# What may surround a date on a line that is nothing but a dateline.
_DATELINE_NOISE = re.compile(
    r"\b(?:published|updated|posted|last updated|modified|on|at|date|time|utc|gmt|edt|est|"
    r"cet|cest|bst|et|pt)\b|[\s,:|()·•—–-]+",
    re.I,
)


_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
MIN_YEAR = 1990  # placeholders like 0001-01-01 are no dates
MAX_YEAR = 2100


def parse_datetime(value: str) -> datetime | None:
    """A machine-written date (ISO 8601, RFC 2822, or a written one) as aware UTC.

    >>> parse_datetime("2025-08-24T10:00:00+02:00")
    datetime.datetime(2025, 8, 24, 8, 0, tzinfo=datetime.timezone.utc)
    """
    value = value.strip()
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        return _plausible(_from_iso(match))
    try:
        return _plausible(_to_utc(parsedate_to_datetime(value)))
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(value)
    return found[0] if found else None


def _plausible(when: datetime | None) -> datetime | None:
    return when if when is not None and MIN_YEAR <= when.year <= MAX_YEAR else None


def find_date(text: str) -> tuple[datetime, re.Match[str]] | None:
    """The first written date with a year in `text`, and where it was found."""
    best: tuple[datetime, re.Match[str]] | None = None
    for pattern in _WRITTEN:
        for match in pattern.finditer(text):
            when = _from_written(match)
            if when is not None:
                if best is None or match.start() < best[1].start():
                    best = (when, match)
                break
    return best


def dateline(line: str) -> datetime | None:
    """The date of a line that holds nothing but a date ("Tuesday, 02 January 2024 12:17
    GMT", "Published on 24 Aug 2025"), else None."""
    if len(line) > 80 or not _HAS_YEAR.search(line):
        return None
    found = find_date(line)
    if found is None:
        return None
    when, match = found
    rest = line[: match.start()] + line[match.end() :]
    if _DATELINE_NOISE.sub("", rest):
        return None
    return when


def _from_iso(match: re.Match[str]) -> datetime | None:
    text = match["date"] + "T" + (match["time"] or "00:00")
    try:
        naive = datetime.fromisoformat(text)
    except ValueError:
        return None
    return _with_zone(naive, match["tz"])


def _with_zone(naive: datetime, zone: str | None) -> datetime:
    if not zone or zone.upper() in ("Z", "UTC", "GMT"):
        return naive.replace(tzinfo=UTC)
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return naive.replace(tzinfo=timezone(sign * offset)).astimezone(UTC)


def _from_written(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    month = MONTHS.get((groups.get("month") or "").lower().rstrip(".")) or int(
        groups.get("nmonth") or 0
    )
    hour = int(groups.get("hour") or 0)
    minute = int(groups.get("minute") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        naive = datetime(int(groups["year"]), month, int(groups["day"]), hour, minute)
    except (TypeError, ValueError):
        return None
    return _with_zone(naive, groups.get("offset") or groups.get("tz"))


def _to_utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)
