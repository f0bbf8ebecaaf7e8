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
