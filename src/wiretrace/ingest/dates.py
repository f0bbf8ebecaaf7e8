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


def parse_datetime(value) -> str | None:
    """ISO 8601 string for a field value (str, datetime, date, struct_time), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value.isoformat()
    elif hasattr(value, "tm_year"):
        dt = datetime(*value[:6], tzinfo=timezone.utc)
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return text
        try:
            dt = dateparser.parse(text)
        except (ValueError, OverflowError, TypeError):
            return None
        if dt is None or not (1990 <= dt.year <= 2100):
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
