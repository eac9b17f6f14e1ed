"""Read publication dates: machine formats from metadata and written dates from text.

Machine formats (ISO 8601, RFC 2822) are read by the standard library: that is most
metadata and it is fast. Everything written for people goes to dateparser, which reads
what a hand-written parser missed: zone names ("14:05 BST", "EDT", "CEST"), dotted
numeric dates ("03.06.2026", read day first as everywhere dots are used), relative
dates ("2 hours ago", resolved against the `now` passed in, never the clock) and
month names of other languages ("3. Juni 2026", "3 juin 2026"). Measured on our
fixtures and formats: bench/dates_compare.py. Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from dateparser.date import DateDataParser

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
_ZONES = (
    r"utc|gmt|z|bst|ist|cet|cest|eet|eest|wet|west|msk"
    r"|edt|est|cdt|cst|mdt|mst|pdt|pst|jst|aest|aedt"
)
_TIME = (
    r"(?:(?:,|\s+at|T)?\s*(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?"
    rf"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>(?:{_ZONES})\b)?(?P<offset>[+-]\d\d:?\d\d)?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
# Locate written dates inside longer text; dateparser then reads what was found.
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
_RFC2822 = re.compile(r"^\s*(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d\d:\d\d", re.I)
_DOTTED = re.compile(r"\b[0-3]?\d\.[01]?\d\.(?:19|20)?\d\d\b")
# Labels that may stand before the date on a dateline, in the languages we read.
_LABEL = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)(?:\s+on|\s+at)?"
    r"|date|on|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|stand|publié\s+le"
    r"|mis\s+à\s+jour\s+le|publicado(?:\s+el|\s+em)?|actualizado|pubblicato(?:\s+il)?"
    r"|aggiornato|opublikowano|gepubliceerd(?:\s+op)?|опубликовано|обновлено)\s*[:|·•—–-]?\s*",
    re.I,
)
_EDGE = re.compile(r"^[\s|·•—–,:()-]+|[\s|·•—–,:()-]+$")
_HAS_DIGIT = re.compile(r"\d")
# What a dateline holds besides digits: a year, a dotted date or a word of relative time.
# A cheap test that keeps dateparser (about 1 ms a line) off lines that cannot be dates.
_DATE_HINT = re.compile(
    r"(?:19|20)\d\d|\d\.\d|\b(?:ago|yesterday|today|vor|il\s+y\s+a|hace|fa|temu|назад)\b",
    re.I,
)
_MAX_DATELINE = 80
MIN_YEAR = 1990  # placeholders like 0001-01-01 are no dates
MAX_YEAR = 2100
# A page's clock may run a little ahead of ours; a date further ahead is no publication.
FUTURE_SLACK = timedelta(hours=26)
# Two fixed bases: a date read the same against both does not depend on "now".
_BASES = (datetime(2001, 1, 1), datetime(2011, 7, 15))
DEFAULT_LANGUAGES: tuple[str, ...] = ("en",)


def parse_datetime(
    value: str, *, now: datetime | None = None, languages: Sequence[str] = DEFAULT_LANGUAGES
) -> datetime | None:
    """A date (machine-written or written for people) as aware UTC, else None.

    Relative dates ("2 hours ago") are read only against a `now` passed in.

    >>> parse_datetime("2025-08-24T10:00:00+02:00")
    datetime.datetime(2025, 8, 24, 8, 0, tzinfo=datetime.timezone.utc)
    >>> parse_datetime("3 June 2026 14:05 BST")
    datetime.datetime(2026, 6, 3, 13, 5, tzinfo=datetime.timezone.utc)
    """
    value = value.strip()
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        return _plausible(_from_iso(match), now)
    if _RFC2822.match(value):
        try:
            return _plausible(_to_utc(parsedate_to_datetime(value)), now)
        except (TypeError, ValueError, IndexError):
            pass
    return read_written(value, now=now, languages=languages)


def read_written(
    value: str, *, now: datetime | None = None, languages: Sequence[str] = DEFAULT_LANGUAGES
) -> datetime | None:
    """A date written for people, the whole of `value`, read by dateparser.

    >>> from datetime import UTC
    >>> read_written("2 hours ago", now=datetime(2026, 6, 3, 12, 0, tzinfo=UTC))
    datetime.datetime(2026, 6, 3, 10, 0, tzinfo=datetime.timezone.utc)
    >>> read_written("2 hours ago") is None  # no `now`: a relative date is no date
    True
    """
    value = value.strip()
    if not value or len(value) > _MAX_DATELINE or not _HAS_DIGIT.search(value):
        return None
    if not _DATE_HINT.search(value):
        return None
    langs = _languages(languages)
    dmy = bool(_DOTTED.search(value))
    if now is not None:
        base = _to_utc(now).replace(tzinfo=None)
        return _plausible(_parser(langs, dmy, base).get_date_data(value).date_obj, now)
    first, second = (_parser(langs, dmy, b).get_date_data(value).date_obj for b in _BASES)
    if first is None or first != second:
        return None  # no date, or one that moves with "now"
    return _plausible(first, None)


def _languages(languages: Sequence[str]) -> tuple[str, ...]:
    # dateparser knows languages by their primary subtag; English is always tried, as
    # datelines in English appear on pages in every language.
    out = ["en"]
    for tag in languages:
        code = tag.split("-")[0].split("_")[0].lower()
        if code and code not in out and code in _KNOWN_LANGUAGES:
            out.append(code)
    return tuple(out)


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], dmy: bool, base: datetime) -> DateDataParser:
    settings: dict[str, object] = {
        "RELATIVE_BASE": base,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
    }
    if dmy:
        settings["DATE_ORDER"] = "DMY"
    return DateDataParser(languages=list(languages), settings=settings)


# The languages dateparser is asked about: the ones our feeds and pages come in. Each
# more language makes every failed read slower, so unknown codes are not passed on.
_LANGUAGE_CODES = "en de fr es it pt nl pl ru uk cs sk ro hu bg el sv da no nb fi et lv lt tr ja ko"
_KNOWN_LANGUAGES = frozenset(_LANGUAGE_CODES.split(" "))


def _plausible(when: datetime | None, now: datetime | None) -> datetime | None:
    if when is None or not MIN_YEAR <= when.year <= MAX_YEAR:
        return None
    when = _to_utc(when)
    if now is not None and when > _to_utc(now) + FUTURE_SLACK:
        return None
    return when


def find_date(
    text: str, *, now: datetime | None = None, languages: Sequence[str] = DEFAULT_LANGUAGES
) -> tuple[datetime, re.Match[str]] | None:
    """The first written date with a year in `text`, and where it was found.

    >>> find_date("Signed 3 May 2021 at 10:00 CEST, renewed 2024-01-09.")[0]
    datetime.datetime(2021, 5, 3, 8, 0, tzinfo=datetime.timezone.utc)
    """
    best: re.Match[str] | None = None
    for pattern in _WRITTEN:
        match = pattern.search(text)
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    when = read_written(best.group(0), now=now, languages=languages) or _from_written(best)
    return (when, best) if when is not None else None


def dateline(
    line: str, *, now: datetime | None = None, languages: Sequence[str] = DEFAULT_LANGUAGES
) -> datetime | None:
    """The date of a line that holds nothing but a date and maybe a label ("Tuesday, 02
    January 2024 12:17 GMT", "Published on 24 Aug 2025", "Updated 2 hours ago",
    "Veröffentlicht am 03.06.2026"), else None.

    >>> dateline("Published on 24 Aug 2025")
    datetime.datetime(2025, 8, 24, 0, 0, tzinfo=datetime.timezone.utc)
    >>> dateline("Carney visited Kyiv on August 24, 2023, for the holiday.") is None
    True
    """
    if len(line) > _MAX_DATELINE or not _HAS_DIGIT.search(line):
        return None
    rest = _EDGE.sub("", line)
    rest = _EDGE.sub("", _LABEL.sub("", rest, count=1))
    if not rest:
        return None
    return read_written(rest, now=now, languages=languages)


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
    if zone[0] not in "+-":
        return naive.replace(tzinfo=UTC)  # a zone name dateparser could not read
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return naive.replace(tzinfo=timezone(sign * offset)).astimezone(UTC)


def _from_written(match: re.Match[str]) -> datetime | None:
    # Only when dateparser declines a date the patterns found (it is stricter on odd
    # punctuation such as "Nov. 19, 2019 5:00 p.m.").
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
    return _plausible(_with_zone(naive, groups.get("offset") or groups.get("tz")), None)


def _to_utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)
