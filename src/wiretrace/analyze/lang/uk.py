"""Ukrainian: pymorphy3 with its Ukrainian dictionaries (pymorphy3-dicts-uk, from PyPI) for lemmas and for the
first names and surnames it tags, and the cue-lexicon extractor (lang/cues.py) with Ukrainian reporting forms:
"заявив X", "за словами X", "як повідомив X", "Про це повідомив X" (the sentence before).

Reporting verbs are read by lemma, so every form of "заявити" or "повідомити" counts and nouns do not; a first
name the dictionary knows followed by a capitalised word is a person even when the knowledge base does not list
them ("Віктора Петренка" -> Віктор Петренко), put in the nominative before it is linked."""

from __future__ import annotations

from functools import lru_cache

from ...model import Article, EntityMention
from .base import WORD
from .cues import CueLanguage, Cues

# Lemmas of the verbs whose subject speaks (pymorphy3's normal forms).
SPEECH_LEMMAS = frozenset({
    "заявити", "заявляти", "повідомити", "повідомляти", "сказати", "казати", "зазначити", "зазначати", "наголосити",
    "наголошувати", "підкреслити", "підкреслювати", "додати", "додавати", "розповісти", "розповідати", "пояснити",
    "пояснювати", "написати", "писати", "попередити", "попереджати", "запевнити", "запевняти", "визнати", "визнавати",
    "передати", "інформувати", "поінформувати", "говорити", "вважати", "підтвердити", "підтверджувати", "оголосити",
    "констатувати", "уточнити", "відзначити", "звернути", "прокоментувати", "коментувати", "доповісти", "висловити",
})
_CUES = Cues(
    verbs=(r"заяви\w*", r"повідоми\w*", r"сказа\w*", r"зазначи\w*", r"наголоси\w*", r"підкресли\w*", r"дода\w*",
           r"розпові\w*", r"поясни\w*", r"написа\w*", r"попереди\w*", r"запевни\w*", r"визна\w*", r"переда\w*",
           r"інформу\w*", r"говорить", r"каже\b", r"пише\b", r"вважає"),
    according=(r"за словами", r"за даними", r"на думку", r"згідно з", r"як (?:повідоми|заяви|зазначи|розпові|наголоси|написа)\w*"),
    back=(r"про це (?:повідоми|заяви|сказа|розпові|написа|інформу)\w*",
          r"таку (?:думку|оцінку) (?:висловив|висловила|дав|дала)\w*"),
    callsign=(r"позивним", r"позивний", r"на псевдо", r"з позивним"),
    anonymous=(r"джерело\b", r"джерела\b", r"співрозмовни\w*"),
)
_HEDGES = (r"нібито", r"імовірно", r"ймовірно", r"за неперевіреними даними", r"за деякими даними", r"можливо",
           r"за попередніми даними", r"повідомляється")


@lru_cache(maxsize=1)
def morph():
    """pymorphy3's Ukrainian analyser, or None when it is not installed."""
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang="uk")
    except (ValueError, OSError):
        return None  # the Ukrainian dictionaries are missing


def _nominative(word: str, *, surname: bool) -> str:
    """A name put in the nominative ("Віктора" -> "Віктор", "Сирського" -> "Сирський")."""
    m = morph()
    parses = m.parse(word)
    wanted = "Surn" if surname else "Name"
    p = next((p for p in parses if wanted in p.tag), None) or next(
        (p for p in parses if p.tag.POS in ("NOUN", "ADJF")), parses[0])
    form = p.inflect({"nomn"}) or p
    return form.word[:1].upper() + form.word[1:]


class Ukrainian(CueLanguage):
    def __init__(self):
        super().__init__("uk", "Ukrainian", _CUES, _HEDGES)

    def cue_span(self, art: Article, doc, s: int, e: int) -> tuple[int, int] | None:
        """A verb of SPEECH_LEMMAS (by pymorphy3's lemma) or an "according to" form; the regular lexicon without
        the dictionaries."""
        m = morph()
        if m is None:
            return super().cue_span(art, doc, s, e)
        found = []
        for w in WORD.finditer(art.text, s, e):
            p = m.parse(w.group(0).lower())[0]
            if p.normal_form in SPEECH_LEMMAS and p.tag.POS in ("VERB", "INFN", "GRND"):
                found.append((w.start(), w.end()))
                break
        a = self._according.search(art.text, s, e) if self._according else None
        if a:
            found.append((a.start(), a.end()))
        return min(found) if found else None

    def model_persons(self, art: Article, doc, kb) -> list[EntityMention]:
        """A first name the dictionary knows, followed by a capitalised word: a person, linked when the knowledge base
        has them under the nominative."""
        m = morph()
        if m is None:
            return []
        out = []
        words = list(WORD.finditer(art.text))
        for first, last in zip(words, words[1:]):
            a, b = first.group(0), last.group(0)
            if not (a[:1].isupper() and b[:1].isupper()) or art.text[first.end():last.start()] != " ":
                continue
            if not any("Name" in p.tag for p in m.parse(a)):
                continue
            name = f"{_nominative(a, surname=False)} {_nominative(b, surname=True)}"
            person = kb.person(name) or kb.person(art.text[first.start():last.end()])
            out.append(EntityMention(art.text[first.start():last.end()], first.start(), last.end(), "PERSON",
                                     person.name if person else name, person.id if person else None,
                                     person.side if person else "unknown"))
        return out


LANGUAGE = Ukrainian()

__all__ = ["LANGUAGE", "SPEECH_LEMMAS", "Ukrainian", "morph"]
