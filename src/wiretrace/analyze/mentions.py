"""Outlet and organisation mentions found by alias look-up over token n-grams."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..knowledge import KnowledgeBase, fold
from ..model import EntityMention
from .places import Token


def find_aliases(text: str, tokens: Sequence[Token], kb: KnowledgeBase, *, max_words: int = 5) -> list[EntityMention]:
    """Outlets and organisations named in the text (longest match wins; outlets before organisations)."""
    out: list[EntityMention] = []
    i, n = 0, len(tokens)
    first_words = kb.alias_first_words
    while i < n:
        if not tokens[i].text[:1].isupper() and tokens[i].text.lower() not in ("the",):
            i += 1
            continue
        head = fold(tokens[i].text)
        if head != "the" and head not in first_words and fold(re.sub(r"(?:'s|’s)$", "", tokens[i].text)) not in first_words:
            i += 1
            continue
        matched = False
        for size in range(min(max_words, n - i), 0, -1):
            start, end = tokens[i].start, tokens[i + size - 1].end
            surface = text[start:end]
            outlet = kb.outlet(surface)
            if outlet and (size > 1 or len(surface) > 1):
                out.append(EntityMention(surface, start, end, "OUTLET", outlet.name, outlet.id, outlet.side))
                i += size
                matched = True
                break
            org = kb.organization(surface)
            if org and surface[:1].isupper() and surface.lower() not in ("russia", "ukraine", "kyiv", "kiev", "moscow", "washington", "brussels"):
                out.append(EntityMention(surface, start, end, "ORG", org.name, org.id, org.side))
                i += size
                matched = True
                break
        if not matched:
            i += 1
    return out
