"""Hedges: words that say a claim is unverified, second-hand or deniable."""

from __future__ import annotations

import re

_EN = (
    r"reportedly", r"allegedly", r"purportedly", r"supposedly", r"ostensibly", r"apparently", r"presumably",
    r"unverified", r"unconfirmed", r"could not be (?:independently )?verified", r"cannot be (?:independently )?verified",
    r"not (?:been )?independently (?:verified|confirmed)", r"sources? close to", r"according to (?:some|unconfirmed|media) reports",
    r"(?:is|are|was|were) (?:said|believed|thought|rumou?red) to", r"rumou?rs?", r"alleged", r"purported",
    r"it (?:is|was) (?:claimed|reported|alleged|said) that", r"anonymous sources?", r"unnamed sources?",
    r"a source", r"sources said", r"claims? (?:that|which) (?:\w+ )?(?:denies|denied|reject)",
)
_RU = (
    r"якобы", r"предположительно", r"по неподтвержд[её]нным данным", r"по некоторым данным", r"по слухам",
    r"источник(?:и|ов|а)? (?:в|из|близк)", r"не удалось (?:независимо )?проверить", r"возможно", r"вероятно",
    r"по имеющимся данным", r"по предварительным данным", r"сообщается",
)
_EN_RE = re.compile(r"\b(?:" + "|".join(_EN) + r")\b", re.I)
_RU_RE = re.compile(r"(?<!\w)(?:" + "|".join(_RU) + r")(?!\w)", re.I)


def find_hedges(text: str, lang: str = "en") -> list[str]:
    """Hedge expressions in `text`, lower-cased, in order of appearance, without repeats."""
    pattern = _RU_RE if lang == "ru" else _EN_RE
    out: list[str] = []
    for m in pattern.finditer(text):
        h = m.group(0).lower()
        if h not in out:
            out.append(h)
    return out
