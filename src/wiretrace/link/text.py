"""Text units trace compares: paragraphs, sentences, stems and word shingles.

Hand-written because no library does the cross-script part: a stem is the first
letters of a word after Cyrillic is romanised, so that "Купянск", "Kupyansk"
and "Kupiansk" share a stem across a Russian original and its English rewrite,
while ordinary words of two languages simply do not meet.  Names are compared
in every script through their consonant skeleton (knowledge.variants.skeleton).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


from ..knowledge.variants import fold, is_cyrillic, name_words, romanize, skeleton

_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][»”\"]))\s+(?=[\"«“„(]?[A-ZА-ЯЁІЇЄҐ0-9])")
_LATIN = re.compile(r"[A-Za-z]")
_CYR = re.compile(r"[\u0400-\u04FF]")
STEM_LEN = 5
# Words too common in any of the corpus languages to say anything about a story.
_STOP = frozenset("""
about after also against been before being between could during from have having into more most other over said says
such than that their them then there these they this those through under were what when where which while will with
would your dans pour avec sont être cette elle nous vous leur leurs mais plus selon aussi comme entre après était
ont été sera sans tout tous toute chez vers alors depuis contre également которые который которая также после более
этом этого только чтобы было были будет может если тому того него него при под над для как что это его она они
""".split())


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """Folded, romanised, cut to STEM_LEN letters; '' for stop words and short words."""
    w = fold(word).replace("-", "")
    if len(w) < 4 or w in _STOP:
        return ""
    if is_cyrillic(w):
        w = romanize(w).replace("'", "")
    return w[:STEM_LEN]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stems(text: str) -> list[str]:
    return [s for s in map(stem, words(text)) if s]


def name_keys(text: str) -> list[str]:
    """Consonant skeletons of a text's name-like words (name_words), first-seen order."""
    keys = dict.fromkeys(skeleton(w) for _, w in name_words(text))
    keys.pop("", None)
    return list(keys)


_DIGITS = {ord(ch): str(unicodedata.digit(ch)) for ch in map(chr, range(0x0660, 0x1100)) if unicodedata.digit(ch, None) is not None}
_DIGITS.update({0x066B: ".", 0x066C: ","})  # Arabic decimal and thousands separators


def ascii_digits(text: str) -> str:
    """The text with digits of every script (Arabic-Indic, Devanagari, Bengali ...) written as ASCII digits."""
    return text.translate(_DIGITS)


def shingles(text: str, n: int = 3) -> set[str]:
    """Word n-grams of the folded text: what a verbatim copy keeps and a paraphrase does not."""
    ws = [fold(w) for w in words(text)]
    return {" ".join(ws[i:i + n]) for i in range(max(0, len(ws) - n + 1))}


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph.

    A line is a paragraph (rewrite farms put one sentence per line) unless the
    text is hard-wrapped (most lines stop mid-sentence): then blank lines separate paragraphs.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    wrapped = len(lines) > 2 and sum(1 for ln in lines if not re.search(r"[.!?…:»”\"')\]]$", ln)) > len(lines) / 2
    sep = re.compile(r"\n\s*\n") if wrapped else re.compile(r"\n")
    out, pos = [], 0
    for m in list(sep.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos = m.end() if m else len(text)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, never crossing a paragraph."""
    out = []
    for ps, pe in paragraphs(text):
        chunk = text[ps:pe]
        pos = 0
        for m in _SENTENCE_END.finditer(chunk):
            if m.start() > pos:
                out.append((ps + pos, ps + m.start()))
            pos = m.end()
        if pos < len(chunk):
            out.append((ps + pos, pe))
    return out


def paragraph_key(text: str) -> str:
    """A paragraph's comparison key: folded words only, so punctuation and case changes still match."""
    return " ".join(fold(w) for w in words(text))


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Cyrillic and Latin letters: the trace of a half-finished transliteration."""
    return [w for w in words(text) if _LATIN.search(w) and _CYR.search(w)]
