"""Publication dates from fields, URLs and datelines, as ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from dateutil import parser as dateparser

_URL_DATE = re.compile(r"/(20\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_COMPACT = re.compile(r"/(20\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])/")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .'-]{{1,40}},\s+)?((?:{_MONTHS})\.? \d{{1,2}},? 20\d\d|\d{{1,2}} (?:{_MONTHS}) 20\d\d)\b"
)
_RU_MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
              "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_RU_DATELINE = re.compile(r"^\s*(?:[А-ЯЁ][А-Яа-яё -]{1,40},\s+)?(\d{1,2}) (" + "|".join(_RU_MONTHS) + r") (20\d\d)")


# The date part of an ISO 8601 value, read strictly: dateutil would read "-2025-01-01" as 2025-01-01 and
# "99999-01-01" as some day of year 9999.
_ISO_DATE = re.compile(r"([+-]?)(\d+)-(\d+)-(\d+)")
YEARS = (1990, 2100)  # publication dates outside these years are typing errors, not news
_DEFAULT_DAYS = (datetime(1900, 1, 1), datetime(1904, 2, 2))


def parse_datetime(value) -> str | None:
    """ISO 8601 string for a field value (str, YYYYMMDD int, datetime, date, struct_time), or None when it is no date.

    None for anything that is not a calendar date within YEARS: 2025-02-30, 0000-00-00, 9999-99-99, a year of
    five digits or with a sign, a text that leaves out the year, month or day.
    """
    if value is None or value == "":
        return None
    try:
        return _parse(value)
    except (ValueError, OverflowError, TypeError):
        return None


def _parse(value) -> str | None:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value.isoformat() if YEARS[0] <= value.year <= YEARS[1] else None
    elif hasattr(value, "tm_year"):
        try:
            dt = datetime(*value[:6], tzinfo=timezone.utc)
        except (ValueError, TypeError, OverflowError):
            return None
    elif isinstance(value, bool) or not isinstance(value, (str, int)):
        return None  # a float is no date, and dateutil would make one of it (1.5 -> November 1st)
    else:
        text = str(value).strip()
        iso = _ISO_DATE.match(text)
        if iso:
            sign, year, month, day = iso.groups()
            if sign or len(year) != 4:
                return None
            try:
                day_ = date(int(year), int(month), int(day))
            except ValueError:
                return None
            if iso.end() == len(text):
                return day_.isoformat() if YEARS[0] <= day_.year <= YEARS[1] else None
        # dateutil fills what the text leaves out from a default day: read twice with two defaults, and a text
        # that does not name its year, month and day ("1.5", "Nov 2025") reads as two different days.
        try:
            dt, other = (dateparser.parse(text, default=d) for d in _DEFAULT_DAYS)
        except (ValueError, OverflowError, TypeError):
            return None
        if dt is None or dt.date() != other.date() or (iso and dt.date() != day_):
            return None
    if not (YEARS[0] <= dt.year <= YEARS[1]):
        return None
    return dt.isoformat()


def date_from_url(url: str | None) -> str | None:
    """A date written in the URL path (/2025/11/24/), which is a republication date at worst."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_COMPACT):
        m = pattern.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def date_from_dateline(text: str) -> str | None:
    """A date at the head of the text ('KYIV, Nov 24, 2025 -', 'МОСКВА, 24 ноября 2025')."""
    head = text[:200]
    m = _DATELINE.search(head)
    if m:
        try:
            return dateparser.parse(m.group(1)).date().isoformat()
        except (ValueError, OverflowError):
            return None
    m = _RU_DATELINE.search(head)
    if m:
        try:
            return date(int(m.group(3)), _RU_MONTHS[m.group(2)], int(m.group(1))).isoformat()
        except ValueError:
            return None
    return None
