"""Language-independent handles of a claim: numbers with units, dates, quoted fragments.

Trace compares these between an English rewrite and its Russian origin, so they
are normalised to forms that do not depend on the language: "6.5 km" and
"6,5 км" both become "6.5 km"; "22 November" and "22 ноября" both become
"--11-22" (or a full ISO date when the year is known).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .quotes import find_quotes, inner

_UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "км": "km",
    "километров": "km", "километра": "km", "километр": "km", "m": "m", "metres": "m", "meters": "m", "м": "m",
    "метров": "m", "sq km": "km2", "square kilometres": "km2", "square kilometers": "km2", "кв км": "km2",
    "%": "%", "percent": "%", "per cent": "%", "процентов": "%", "процента": "%",
    "people": "people", "civilians": "people", "человек": "people", "soldiers": "soldiers", "troops": "soldiers",
    "servicemen": "soldiers", "militaires": "soldiers", "soldats": "soldiers", "personnes": "people", "военных": "soldiers", "военнослужащих": "soldiers", "боевиков": "soldiers",
    "drones": "drones", "дронов": "drones", "беспилотников": "drones", "бпла": "drones", "tanks": "tanks",
    "танков": "tanks", "settlements": "settlements", "населенных пунктов": "settlements", "villages": "settlements",
    "billion": "billion", "млрд": "billion", "million": "million", "млн": "million", "thousand": "thousand",
    "тысяч": "thousand", "тыс": "thousand", "days": "days", "дней": "days", "hours": "hours", "часов": "hours",
    "dollars": "usd", "долларов": "usd", "rubles": "rub", "рублей": "rub", "euros": "eur", "евро": "eur",
}
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?:\s*(" + _UNIT_ALT + r"))?(?![\w])", re.I
)
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# Languages read when the caller does not say which: what the analysers and the examples hold.
DEFAULT_DATE_LANGUAGES = ("en", "ru", "fr")
# Written by hand because dateparser's locale data (used for every language's month names) gives month names, not
# where a day number stands beside them, and its search_dates is too slow to run over every article.
_CJK_DATE = re.compile(r"(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_ORDINAL = r"(?:st|nd|rd|th|er|\.|-?го|-?е)?"
# All-digit dates with a year: ISO 2025-12-17, and 17.12.2025 or 12/17/2025 read in the language's date order
_ISO_DATE = re.compile(r"(?<![\d.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-])")
_DIGIT_DATE = re.compile(r"(?<![\d.\-/])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d.]\d)")


@lru_cache(maxsize=None)
def month_names(lang: str) -> dict[str, int]:
    """Month names and abbreviations (lower case) of a language and English, from dateparser's locale data."""
    names: dict[str, int] = {}
    for code in dict.fromkeys(["en", lang]):
        try:
            info = _locale_info(code)
        except (ValueError, KeyError, ImportError):
            continue  # a language dateparser does not know: its month names are not read
        for month, key in enumerate(_MONTH_KEYS, 1):
            for name in info.get(key, ()):
                name = name.lower().rstrip(".")
                # Roman numerals (Hungarian "XI") and CJK "11月" are not month words; two-letter
                # abbreviations are ordinary words too often
                if len(name) >= 3 and not any(ch.isdigit() for ch in name) and not re.fullmatch(r"[ivx]+", name):
                    names[name] = month
    return names


@lru_cache(maxsize=None)
def _locale_info(lang: str) -> dict:
    from dateparser.languages.loader import default_loader

    return default_loader.get_locale(lang).info


def _month_first(langs: tuple[str, ...]) -> bool:
    """Whether 12/17/2025 puts the month first in these languages (dateparser's date order, e.g. MDY for English)."""
    try:
        return _locale_info(langs[0]).get("date_order", "DMY").startswith("M")
    except (ValueError, KeyError, ImportError):
        return False


@lru_cache(maxsize=None)
def _date_patterns(langs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, dict[str, int]]:
    names: dict[str, int] = {}
    for lang in langs:
        names.update(month_names(lang))
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    day_month = re.compile(r"(?<![\w.,])(\d{1,2})" + _ORDINAL + r"\s+(?:of\s+|de\s+)?(" + alt + r")\.?(?!\w)"
                           r"(?:,?\s+(?:de\s+)?(\d{4})(?!\d))?", re.I)
    month_day = re.compile(r"(?<!\w)(" + alt + r")\.?\s+(\d{1,2})" + _ORDINAL + r"(?![\d,.]\d)(?!\w)(?:,?\s+(\d{4})(?!\d))?", re.I)
    return day_month, month_day, names


def _date_spans(text: str, langs: tuple[str, ...]) -> list[tuple[int, int, int | None, int, int]]:
    """(start, end, year or None, month, day) of every calendar date written in one of the languages."""
    day_month, month_day, names = _date_patterns(langs)
    spans = []
    for m in day_month.finditer(text):
        spans.append((m.start(), m.end(), int(m.group(3)) if m.group(3) else None, names[m.group(2).lower()], int(m.group(1))))
    for m in month_day.finditer(text):
        spans.append((m.start(), m.end(), int(m.group(3)) if m.group(3) else None, names[m.group(1).lower()], int(m.group(2))))
    for m in _CJK_DATE.finditer(text):
        spans.append((m.start(), m.end(), int(m.group(1)) if m.group(1) else None, int(m.group(2)), int(m.group(3))))
    for m in _ISO_DATE.finditer(text):
        spans.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    month_first = _month_first(langs)
    for m in _DIGIT_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        month, day = (a, b) if (month_first and m.group(2) == "/") or b > 12 else (b, a)
        spans.append((m.start(), m.end(), int(m.group(4)), month, day))
    spans.sort()
    kept, end = [], -1
    for span in spans:  # where two readings overlap ("12 October 13"), the earlier one holds
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


def _langs(lang: str | None) -> tuple[str, ...]:
    return (lang,) if lang else DEFAULT_DATE_LANGUAGES


# Languages whose number words number-parser reads ("twenty-five", "двадцать пять").
NUMBER_WORD_LANGUAGES = ("en", "es", "hi", "ru", "uk")
SMALL_NUMBER_WORD = 10  # "one of", "two sides": small number words count only with a unit after them


def numbers(text: str, lang: str | None = None) -> list[str]:
    """Numbers with their unit when one follows ('6.5 km', '1200 soldiers', '40'); years are left to dates.
    With `lang`, number words of that language count too (number-parser), a small one only before a unit."""
    out = _digit_numbers(text)
    if lang in NUMBER_WORD_LANGUAGES and _number_words(lang).search(text):
        from number_parser import parse

        for key in _digit_numbers(parse(text, language=lang)):
            value, _, unit = key.partition(" ")
            if key not in out and (unit or float(value) > SMALL_NUMBER_WORD):
                out.append(key)
    return out


@lru_cache(maxsize=None)
def _number_words(lang: str) -> re.Pattern:
    """Number words of a language worth parsing (number-parser's own word lists): one above ten, or a small one
    before a unit.  number-parser is slow; texts without such a word are not handed to it."""
    from importlib import import_module

    info = import_module(f"number_parser.data.{lang}").info
    big = [w for key in ("DIRECT_NUMBERS", "TENS", "HUNDREDS", "BIG_POWERS_OF_TEN") for w in info.get(key, ())]
    small = list(info.get("UNIT_NUMBERS", ()))

    def alt(words):
        return "|".join(sorted((re.escape(w) for w in words if w), key=len, reverse=True))

    return re.compile(r"(?<!\w)(?:(?:" + alt(big) + r")|(?:" + alt(small) + r")\s+(?:" + _UNIT_ALT + r"))(?!\w)", re.I)


def _digit_numbers(text: str) -> list[str]:
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        raw, unit = m.group(1), m.group(2)
        value = re.sub(r"[ ,\u00a0](?=\d{3}\b)", "", raw).replace(",", ".")
        if not unit and re.fullmatch(r"(19|20)\d\d", value):
            continue
        key = value + (f" {_UNITS[unit.lower()]}" if unit and unit.lower() in _UNITS else "")
        if key not in out:
            out.append(key)
    return out


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if year else f"--{month:02d}-{day:02d}"
    except ValueError:
        return None


def dates(text: str, *, year: int | None = None, lang: str | None = None) -> list[str]:
    """Calendar dates in the text, ISO (or '--MM-DD' when no year is known), in the month names of `lang` and
    English (dateparser's locale data: any language it knows), and CJK "10月12日" forms; without `lang`,
    English, Russian and French."""
    out: list[str] = []
    for _, _, y, month, day in _date_spans(text, _langs(lang)):
        iso = _iso(y or year, month, day)
        if iso and iso not in out:
            out.append(iso)
    return out


def without_dates(text: str, lang: str | None = None) -> str:
    """The text with every date blanked out, so that the day of a date is not read as a number."""
    for start, end, *_ in reversed(_date_spans(text, _langs(lang))):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def quoted_fragments(text: str) -> list[str]:
    """The words of each quote, lower-cased: comparable across rewrites that keep a quote."""
    return [inner(q).lower() for q in find_quotes(text) if len(inner(q).split()) >= 1]
