"""Quoted stretches of text: “…”, "…", ‘…’, «…», „…“ and 「…」, told apart from apostrophes."""

from __future__ import annotations

import re

from ..model import Span

# ‘…’ shares its closing mark with the apostrophe (city’s), so an opening ‘ must
# not follow a letter and a closing ’ must not precede one.
_PATTERNS = (
    re.compile(r"“([^“”]{2,}?)”"),
    re.compile(r"„([^„“”]{2,}?)[“”]"),
    re.compile(r"«([^«»]{2,}?)»"),
    re.compile(r"「([^「」]{2,}?)」"),
    re.compile(r"(?<!')''(?!')([^\n]{2,}?)(?<!')''(?!')"),  # two apostrophes, as some archives write quotes; within a paragraph
    re.compile(r"(?<![\w])\"([^\"\n]{2,}?)\"(?![\w])"),
    re.compile(r"(?<![\w’'])‘([^‘\n]{2,}?)’(?![\w])"),
    re.compile(r"(?<![\w])'([^'\n]{4,}?)'(?![\w])"),
)


def find_quotes(text: str, offset: int = 0) -> list[Span]:
    """Every quoted stretch in `text`, marks included, in order, without overlaps."""
    found: list[Span] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            inner = m.group(1)
            if not re.search(r"\w", inner):
                continue
            s, e = m.start() + offset, m.end() + offset
            if any(not (e <= q.start or s >= q.end) for q in found):
                continue
            found.append(Span(text=m.group(0), start=s, end=e))
    return sorted(found, key=lambda q: q.start)


def inner(span: Span) -> str:
    """The words of a quote without its marks and trailing punctuation."""
    return span.text[1:-1].strip().rstrip(".,;:!?").strip()


# a list item's marker at the start of a line: a dash, a bullet or a number ("1.", "2)")
_ITEM = re.compile(r"[ \t]*(?:[-–—•*▪►]|\d{1,2}[.)])[ \t]+(?=\S)")
_MAX_ITEMS = 15
_MAX_PARAGRAPH = 1500


def announced(text: str, after: int, quotes: list[Span]) -> list[tuple[int, int]]:
    """What a cue ending in a colon introduces from `after` on ('He said:', 'ТАСС собрал его основные
    заявления:'): the quote that opens right after it, even across sentences; else the list items that follow,
    one range each (a wire digest of one speaker's statements); else the rest of the next paragraph."""
    i = after
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        return []
    quote = next((q for q in quotes if q.start == i), None)
    if quote is not None:
        return [(quote.start, quote.end)]
    items = []
    while len(items) < _MAX_ITEMS:
        m = _ITEM.match(text, i)
        if m is None:
            break
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        items.append((m.end(), end))
        i = end
        while i < len(text) and text[i].isspace():
            i += 1
    if items:
        return items
    end = text.find("\n", i)
    end = len(text) if end < 0 else end
    return [(i, min(end, i + _MAX_PARAGRAPH))]
