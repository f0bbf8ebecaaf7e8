"""Place mentions: gazetteer look-up over token n-grams, then disambiguation by the article's oblasts.

spaCy's small model tags Konstantinovka as GPE in one sentence and PERSON in the
next, so places are found by looking every capitalised n-gram up in the
gazetteer (exact folded match, then rapidfuzz for long names) rather than by
trusting NER labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..knowledge import KnowledgeBase, Place, fold
from ..knowledge.variants import inflection_candidates, is_cyrillic, skeleton
from ..model import PlaceMention

# Capitalised English words that are also settlement names in the gazetteer.
_COMMON_WORDS = frozenset({
    "may", "will", "mark", "victoria", "nova", "star", "zoria", "lenin", "pobeda", "mayak", "peace", "mir",
    "gold", "ray", "sun", "dawn", "hope", "grand", "park", "bor", "les", "pole", "step", "rus", "ross", "stan",
    "sol", "sofia", "maria", "olga", "anna", "vera", "tom", "don", "lima", "roma", "cuba", "china", "paris",
    "ural", "alpha", "delta", "ivan", "petro", "moskva", "president", "the", "and", "for", "but",
})
# Names that point to an oblast and settle ambiguity in its favour.
_OBLAST_HINTS = {"donetsk": "Donetsk", "dpr": "Donetsk", "donbas": "Donetsk", "donbass": "Donetsk", "luhansk": "Luhansk",
                 "lugansk": "Luhansk", "lpr": "Luhansk", "kharkiv": "Kharkiv", "kharkov": "Kharkiv",
                 "zaporizhzhia": "Zaporizhzhia", "zaporozhye": "Zaporizhzhia", "kherson": "Kherson", "sumy": "Sumy",
                 "dnipropetrovsk": "Dnipropetrovsk", "днр": "Donetsk", "донбасс": "Donetsk", "донецк": "Donetsk",
                 "лнр": "Luhansk", "луганск": "Luhansk", "харьков": "Kharkiv", "запорожье": "Zaporizhzhia"}


@dataclass(slots=True)
class Token:
    """What the scan needs of a token, whatever produced it (spaCy, Natasha)."""

    text: str
    start: int
    end: int
    lemma: str = ""
    blocked: bool = False  # inside a person's name, or otherwise not a place
    pos: str = ""


def _candidates(text: str, kb: KnowledgeBase, tokens: Sequence[Token], max_words: int, inflection=None):
    """Longest-first n-gram matches: (start index, end index, [(place, variant)])."""
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.blocked or not tok.text[:1].isupper():
            i += 1
            continue
        hit = None
        head = fold(tok.text)
        if head not in kb.place_first_words and (not tok.lemma or fold(tok.lemma) not in kb.place_first_words) \
                and len(head) < 8 and not (not tok.lemma and is_cyrillic(head)):
            i += 1
            continue
        for size in range(min(max_words, n - i), 0, -1):
            window = tokens[i:i + size]
            if any(t.blocked for t in window) or not window[-1].text[:1].isalpha():
                continue
            surface = text[window[0].start:window[-1].end]
            if "\n" in surface:
                continue
            if size == 1 and (surface.lower() in _COMMON_WORDS or len(surface) < 3 or tok.pos == "ADJ"):
                continue  # 'Донецкой' alone is an adjective, not the village of Donetskyi
            # in a language that inflects names, a near spelling of the whole word is weaker evidence than its stem
            # ("Konstantynówki" is Kostiantynivka's genitive, spelled near Starokostiantyniv): fuzzy after the stems
            fuzzy = size == 1 and len(surface) >= 8
            cands = kb.place_candidates(surface, fuzzy=fuzzy and inflection is None)
            if not cands and size > 1 and all(t.lemma for t in window):
                cands = kb.place_candidates(" ".join(t.lemma for t in window), fuzzy=False)
            if not cands and size == 1 and tok.lemma and tok.lemma != tok.text.lower():
                cands = kb.place_candidates(tok.lemma, fuzzy=False)
            if not cands and size == 1 and (not tok.lemma or is_cyrillic(surface)):
                # a lemmatiser that does not know the town keeps its case form ("Купянска"): guess the nominative
                for guess in inflection_candidates(surface):
                    cands = kb.place_candidates(guess, fuzzy=False)
                    if cands:
                        break
            if not cands and size == 1 and inflection is not None:
                cands = _inflected(surface, kb, inflection, opening=_opens_sentence(text, tok.start)) \
                    or kb.place_candidates(surface, fuzzy=fuzzy)
            if cands:
                hit = (i, i + size, cands)
                break
        if hit:
            yield hit
            i = hit[1]
        else:
            i += 1


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at `pos` comes first in its sentence: after a full stop, a line break, a quote (the last
    character before it that is not a space is no letter or digit)."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or not text[i].isalnum()


# How like a settlement's name an inflected word's stem must be spelled to be taken for it by skeleton: stricter
# than for a name word (variants' SKELETON_SPELLING), since every capitalised word of the language is tried
# ("Ukraińscy", Ukrainian, is not the village of Kalininskiy, whose skeleton its stem shares).
_STEM_SPELLING = 70
_LONG_SKELETON = 6  # consonants of the skeleton of a sentence-opening word's guess, or of a guess with a new ending


def _inflected(surface: str, kb: KnowledgeBase, inflection, opening: bool = False) -> list[tuple[Place, str]]:
    """The places an inflected word names, by the language's case endings ("Pokrovsku", "Kupyansk'tan"): a guessed
    nominative the gazetteer holds, else one whose skeleton is a settlement's in another transliteration
    ("Konsztantyinyivka").  By skeleton, a guess that puts a new ending on the stem ("Południe" -> "Południka")
    needs a longer skeleton, and so does any guess for a word that `opening` a sentence, capitalised there
    whatever it is ("Ukraińscy", Ukrainian, whose stem shares a five-consonant skeleton with the town of
    Ukrainsk).  No fuzzy look-up per guess: that is a scan of the gazetteer for each ending of each capitalised
    word."""
    lower = surface.lower()
    for guess in inflection.guesses(surface):
        cands = kb.place_candidates(guess, fuzzy=False)
        if cands:
            return cands
        bare = lower.startswith(guess[:-1].lower())
        if len(skeleton(guess)) >= (_LONG_SKELETON if opening or not bare else 0):
            kb_id = kb.find_by_skeleton(guess, spelling=_STEM_SPELLING)
            if kb_id in kb.places:
                return [(kb.places[kb_id], "other")]
    return []


def best_place(cands: Sequence[tuple[Place, str]], focus: Counter[str] | None = None) -> tuple[Place, str]:
    """The reading of an ambiguous name: an oblast the article names, then Ukraine, then population.

    Ukraine before Russia because this is a war corpus: 'Dzerzhinsk' in a Donbas
    story is Toretsk, not the Russian city of the same name.
    """
    focus = focus or Counter()
    return max(cands, key=lambda pv: (focus.get(pv[0].admin1, 0) > 0, pv[0].country == "UA", pv[0].population))


def find_places(text: str, tokens: Sequence[Token], kb: KnowledgeBase, inflection=None) -> list[PlaceMention]:
    """Resolve every place name in the token stream; `inflection` (lang.base.Inflection): the language's case
    endings, for names the gazetteer holds only in the nominative.

    Ambiguous names (nine places are called Kostiantynivka) go to the candidate in
    an oblast the article otherwise names, then to the most populous one.
    """
    raw = list(_candidates(text, kb, tokens, min(kb.max_place_words, 4), inflection))
    focus: Counter[str] = Counter()
    for _, _, cands in raw:
        places = {p.id: p for p, _ in cands}
        if len(places) == 1:
            only = next(iter(places.values()))
            if only.admin1:
                focus[only.admin1] += 1
    for tok in tokens:
        hint = _OBLAST_HINTS.get(tok.text.lower())
        if hint:
            focus[hint] += 2
    mentions: list[PlaceMention] = []
    for i, j, cands in raw:
        place, variant = best_place(cands, focus)
        start, end = tokens[i].start, tokens[j - 1].end
        mentions.append(PlaceMention(
            text=text[start:end], start=start, end=end, canonical=place.name, place_id=place.id, variant=variant,
            lat=place.lat, lon=place.lon, admin1=place.admin1, country=place.country, geonames_id=place.geonames_id,
        ))
    return mentions
