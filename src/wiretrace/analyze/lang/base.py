"""What a language plug-in is, and the pieces every language shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ...knowledge.variants import inflection_candidates
from ...model import Article, Claim

WORD = re.compile(r"[\w’'-]+", re.UNICODE)
MIN_ASSERTION_WORDS = 4
# Scripts written without spaces between words: a sentence's length is counted in characters there.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")
MIN_ASSERTION_CHARS = 15


_APOSTROPHE = re.compile(r"['’]")


@dataclass(frozen=True)
class Inflection:
    """How a language's case endings change a place name, so that an inflected name is still found in the gazetteer
    (which holds nominatives): "Pokrovsku" (Czech locative) -> "Pokrovsk", "Kostjantynivkassa" (Finnish inessive)
    -> "Kostjantynivka", "Kupyansk'tan" (Turkish ablative) -> "Kupyansk".  Endings are plain strings (the longest
    that fits is tried first); `nominative`: what the nominative may have ended with instead (Czech "-y" of a
    feminine was "-a"); `lengthened`: a stem-final vowel an ending lengthens (Hungarian "-kánál" on "-ka")."""

    endings: tuple[str, ...] = ()
    nominative: tuple[str, ...] = ("",)
    lengthened: tuple[tuple[str, str], ...] = ()
    apostrophe: bool = False  # case suffixes follow an apostrophe on proper names (Turkish, Azerbaijani)

    def guesses(self, word: str) -> list[str]:
        """The nominatives `word` may be a case form of, most likely first."""
        out: list[str] = []
        if self.apostrophe:
            head = _APOSTROPHE.split(word, maxsplit=1)[0]
            if head != word and len(head) >= 3:
                out.append(head)
        for guess in inflection_candidates(word, self.endings, self.nominative, self.lengthened):
            if guess not in out:
                out.append(guess)
        return out


class Language:
    """One language: its model (if any), its attribution extractor and its hedges.  Dates are read for every
    language by `analyze.handles` from dateparser's locale data, keyed by the language code.

    `parse_many` turns a batch of texts into the model's documents (None where the language has no
    parser); `analyze` fills an article's claims, places and entities from its text and document.
    """

    code = "xx"
    name = "any language"
    hedges: tuple[str, ...] = ()  # regular expressions of the words that say a claim is unverified or second-hand
    # whether its analysis resolves people and places itself (a parser and NER); where not, the fingerprint also
    # reads the knowledge base's names by their skeleton in any script
    resolves_names = False
    # how the language inflects place names (None: the gazetteer's forms are the text's)
    inflection: Inflection | None = None

    def parse_many(self, texts: list[str], analyzer) -> list | None:
        return None

    def analyze(self, art: Article, doc, analyzer) -> None:
        raise NotImplementedError

    @cached_property
    def hedge_pattern(self) -> re.Pattern | None:
        if not self.hedges:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(self.hedges) + r")(?!\w)", re.I)

    def find_hedges(self, text: str) -> list[str]:
        """Hedge expressions in `text`, lower-cased, in order of appearance, without repeats."""
        out: list[str] = []
        if self.hedge_pattern is not None:
            for m in self.hedge_pattern.finditer(text):
                h = m.group(0).lower()
                if h not in out:
                    out.append(h)
        return out


def unattributed(text: str, start: int, end: int, *, has_verb: bool, language: Language) -> list[Claim]:
    """The sentence as a claim in the article's own voice, when it asserts something."""
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    sentence = text[s:e]
    short = (len(sentence) < MIN_ASSERTION_CHARS) if _UNSPACED.search(sentence) else (
        len(WORD.findall(sentence)) < MIN_ASSERTION_WORDS)
    if not has_verb or sentence.endswith(("?", "？", "؟")) or short:
        return []
    body_end = e - 1 if sentence.endswith((".", "!", "。", "！", "۔")) else e
    return [Claim(kind="unattributed", text=text[s:body_end], start=s, end=body_end, speaker=None, cue=None,
                  relays=[], hedges=language.find_hedges(sentence), sentence_start=start, sentence_end=end)]
