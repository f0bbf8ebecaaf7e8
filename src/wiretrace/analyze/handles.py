"""Language-independent handles of a claim: numbers with units, dates, quoted fragments.

Trace compares these between an English rewrite and its Russian origin, so they
are normalised to forms that do not depend on the language: "6.5 km" and
"6,5 км" both become "6.5 km"; "22 November" and "22 ноября" both become
"--11-22" (or a full ISO date when the year is known).
"""

from __future__ import annotations

import re
from datetime import date

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
_EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_EN_MONTHS.update({k[:3]: v for k, v in list(_EN_MONTHS.items())})
_EN_MONTHS["sept"] = 9
_RU_MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
              "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_EN_DATE_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(_EN_MONTHS) + r")\.?(?:,?\s+(\d{4}))?\b", re.I)
_EN_DATE_MD = re.compile(r"\b(" + "|".join(_EN_MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I)
_FR_MONTHS = {m: i for i, m in enumerate(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"], 1)}
_FR_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_FR_MONTHS) + r")(?:\s+(\d{4}))?\b", re.I)
_RU_DATE = re.compile(r"(?<!\w)(\d{1,2})\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(?:\s+(\d{4}))?", re.I)


def numbers(text: str) -> list[str]:
    """Numbers with their unit when one follows ('6.5 km', '1200 soldiers', '40'); years are left to dates."""
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


def dates(text: str, *, year: int | None = None) -> list[str]:
    """Calendar dates in the text, ISO (or '--MM-DD' when no year is known)."""
    out: list[str] = []
    for m in _EN_DATE_DM.finditer(text):
        iso = _iso(int(m.group(3)) if m.group(3) else year, _EN_MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso and iso not in out:
            out.append(iso)
    for m in _EN_DATE_MD.finditer(text):
        iso = _iso(int(m.group(3)) if m.group(3) else year, _EN_MONTHS[m.group(1).lower()], int(m.group(2)))
        if iso and iso not in out:
            out.append(iso)
    for m in _FR_DATE.finditer(text):
        iso = _iso(int(m.group(3)) if m.group(3) else year, _FR_MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso and iso not in out:
            out.append(iso)
    for m in _RU_DATE.finditer(text):
        month = next(v for k, v in sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0])) if m.group(2).lower().startswith(k))
        iso = _iso(int(m.group(3)) if m.group(3) else year, month, int(m.group(1)))
        if iso and iso not in out:
            out.append(iso)
    return out


def without_dates(text: str) -> str:
    """The text with every date blanked out, so that the day of a date is not read as a number."""
    for pattern in (_EN_DATE_DM, _EN_DATE_MD, _FR_DATE, _RU_DATE):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def quoted_fragments(text: str) -> list[str]:
    """The words of each quote, lower-cased: comparable across rewrites that keep a quote."""
    return [inner(q).lower() for q in find_quotes(text) if len(inner(q).split()) >= 1]
