"""Framing: the side-coded terms an article uses, and in whose voice.

The terminology lexicon (knowledge/data/terms.jsonl, en, ru, uk, fr, de) lists, per language, the terms one side
of the war uses and the other does not: what the war is called ("special military operation" / "full-scale
invasion"), the Ukrainian state as a "Kiev regime", Ukrainians as "neo-Nazis" or "militants", Russian soldiers as
"occupiers", a place "liberated" or "occupied", the "DPR" or the "so-called DPR", "на Украине" or "в Украине", the
2014 "coup" or "Revolution of Dignity".  Each entry is a few regular expressions (inflected forms for the Slavic
languages), matched whole-word, the longest match winning where two overlap ("so-called DPR" over "DPR").

Each use gets its voice from the claims analysis already found: inside quotation marks of an attributed claim
('quote'), inside an attributed claim in indirect speech ('attributed', with the speaker), else the article's
own voice ('own_voice').  Toponym forms (Kiev / Kyiv) are not listed here: the place mentions record which
side's spelling each one is (PlaceMention.variant).

Hand-written because no library holds such a lexicon; a term is side-coded by the lexicon, not by its context,
so "liberated" counts as Russia's word even where a Ukrainian official uses it of a Ukrainian advance (the
voice and speaker tell a reader who used it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.lexicons import pattern_lexicon
from ..model import Article, TermUse

VOICES = ("own_voice", "attributed", "quote")


@dataclass(frozen=True)
class Term:
    id: str
    lang: str
    concept: str
    side: str
    pattern: re.Pattern
    counterpart: str


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[Term]]:
    """Language code -> its terms, from the bundled lexicon."""
    out: dict[str, list[Term]] = {}
    for e, pattern in pattern_lexicon("terms.jsonl"):
        out.setdefault(e["lang"], []).append(Term(e["id"], e["lang"], e["concept"], e["side"], pattern,
                                                  e.get("counterpart") or ""))
    return out


def find_terms(art: Article) -> list[TermUse]:
    """The side-coded terms of the article's language in its text, each with its voice (claims already found)."""
    terms = lexicon().get(art.lang)
    if not terms:
        return []
    text = art.text
    found = []
    for term in terms:
        for m in term.pattern.finditer(text):
            found.append((m.start(), m.end(), term))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0]), x[2].id))
    out: list[TermUse] = []
    end = -1
    attributed = [c for c in art.claims if c.kind != "unattributed"]
    for start, stop, term in found:
        if start < end:  # inside a longer match already taken
            continue
        end = stop
        voice, speaker = "own_voice", None
        for c in attributed:
            if c.start <= start < c.end:
                speaker = c.speaker.name if c.speaker else None
                voice = "quote" if any(q.start <= start < q.end for q in c.quotes) else "attributed"
                break
        out.append(TermUse(term.id, term.concept, term.side, text[start:stop], start, stop, voice, speaker,
                           term.counterpart or None))
    return out
