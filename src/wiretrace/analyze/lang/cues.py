"""The cue-lexicon extractor: attribution in languages with no parser on PyPI (and in French, over spaCy's
sentences and person names).

Hand-written because no library extracts speaker/content pairs across these languages.  It reads
what a rewrite network's translations keep of a wire item's attribution, with no syntax:

- a known speaker (a knowledge-base person named in any script, a fighter's callsign in quotes, or an
  outlet) in a sentence with one of the language's reporting verbs or "according to" forms:
  "Pushilin indicó que ...", "Laut dem Experten Marochko ...", "マロチコ氏によると ...";
- a sentence that hands the one before it to a speaker: "C'est ce qu'a déclaré X", "Dies erklärte X",
  "Lo ha dichiarato X" (the wire formula "Об этом сообщил X" translated);
- a signature line after a quote: "- écrit « Muchnoy »", "— berichtet der Kanal DIVGEN", and a headline
  ending "... - Marochko" or opening "Marochko: ...";
- a sentence opening with a reporting verb and no speaker of its own ("Añadió que ...") continues the
  last person quoted.

A claim's content is the sentence (or the sentence before), its kind `direct` when it holds a quote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...knowledge import KnowledgeBase
from ...knowledge.variants import name_words, script_is_cased
from ...model import Article, Claim, EntityMention, PlaceMention, Relay, Span, Speaker
from ..mentions import find_aliases
from ..places import Token, find_places
from ..quotes import find_quotes
from . import get_language  # the package's __init__ runs before this module; it imports no language itself
from .base import WORD, Inflection, Language, unattributed

_SENTENCE_END = re.compile(r"(?:(?<=[.!?;])[\"»”’)\]]*\s+|(?<=[。！？؟۔])[」』”\"]*\s*|\n+)")
_DASH_START = re.compile(r"^\s*[-–—]\s*")
_QUOTED_NAME = r"[«\"„“”'「『‘]\s*([^\W\d_][^«»\"„“”「」『』\n]{1,28}?)\s*[»\"“”'」』’]"
_SIGNATURE_WORDS = 8  # a dash line of at most this many words signs the quote before it
_CUE_WINDOW = 80  # characters between a cue and its speaker at most
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_ANONYMOUS_WORDS = 4  # words describing an unnamed source at most ("une source proche du commandement")
_TAIL_WORDS_CHARS = 40  # what may stand between an opening attribution and its comma, or after a closing one


@dataclass(frozen=True)
class Cues:
    """What a language writes around a statement.  Each entry is a regular expression matched case-insensitively
    at the start of a word (anywhere in unspaced scripts); `\\w*` covers endings."""

    verbs: tuple[str, ...] = ()  # reporting verbs: "declar\\w*", "sagte", "dijo"
    according: tuple[str, ...] = ()  # "according to" forms: "selon", "laut", "によると"
    back: tuple[str, ...] = ()  # forms that give the sentence before to a speaker: "c'est ce qu", "dies erklärte"
    callsign: tuple[str, ...] = ()  # words before a callsign in quotes: "nommé", "позывным"
    anonymous: tuple[str, ...] = ()  # an unnamed source: "une source", "eine Quelle", "джерело"
    unspaced: bool = False  # written without spaces between words (Japanese, Chinese)
    verb_final: bool = False  # the reporting verb ends the sentence (Turkish, Japanese, Korean, Hindi): any distance

    def pattern(self, forms: tuple[str, ...]) -> re.Pattern | None:
        if not forms:
            return None
        start = "" if self.unspaced else r"(?<!\w)"
        return re.compile(start + "(?:" + "|".join(forms) + ")", re.I)


@dataclass
class _Candidate:
    start: int
    end: int
    speaker: Speaker


class CueLanguage(Language):
    """A language read with its cue lexicon over knowledge-base names (any script)."""

    def __init__(self, code: str, name: str = "", cues: Cues | None = None, hedges: tuple[str, ...] = (),
                 inflection: Inflection | None = None):
        self.code, self.name = code, name or code
        self.inflection = inflection
        self.cues = cues or Cues()
        self.hedges = hedges
        self._verbs = self.cues.pattern(self.cues.verbs)
        self._according = self.cues.pattern(self.cues.according)
        self._back = self.cues.pattern(self.cues.back)
        self._anonymous = self.cues.pattern(self.cues.anonymous)
        self._callsign = re.compile(r"(?:" + "|".join(self.cues.callsign) + r")\s*" + _QUOTED_NAME, re.I) \
            if self.cues.callsign else None

    # ------------------------------------------------------------------ the model's share (French overrides)
    def sentences(self, art: Article, doc) -> list[tuple[int, int]]:
        """(start, end) of each sentence: cut at sentence punctuation and line breaks."""
        spans, pos = [], 0
        for m in _SENTENCE_END.finditer(art.text):
            if m.start() > pos:
                spans.append((pos, m.start()))
            pos = m.end()
        if pos < len(art.text):
            spans.append((pos, len(art.text)))
        return [(s, e) for s, e in spans if art.text[s:e].strip()]

    def model_persons(self, art: Article, doc, kb: KnowledgeBase) -> list[EntityMention]:
        """People a language model finds beyond the knowledge base (none without a model)."""
        return []

    # ------------------------------------------------------------------ analysis
    def analyze(self, art: Article, doc, analyzer) -> None:
        kb = analyzer.kb
        find_names(art, kb)
        known = [(e.start, e.end) for e in art.entities]
        found = [p for p in self.model_persons(art, doc, kb) if not any(s <= p.start < e for s, e in known)]
        # a longer name the model found replaces the bare surname the look-up found inside it
        kept = [e for e in art.entities if not (e.type == "PERSON" and any(p.start <= e.start and e.end <= p.end for p in found))]
        art.entities = sorted(kept + found, key=lambda e: e.start)
        art.places = [p for p in art.places if not any(e.start <= p.start < e.end for e in art.entities if e.type == "PERSON")]
        art.claims = self.claims(art, doc)

    def claims(self, art: Article, doc) -> list[Claim]:
        text = art.text
        sentences = self.sentences(art, doc)
        persons = [e for e in art.entities if e.type == "PERSON"]
        outlets = [e for e in art.entities if e.type in ("OUTLET", "ORG")]
        attributed: dict[int, Claim] = {}  # sentence index -> its claim
        consumed: set[int] = set()  # attribution lines ("- écrit « Muchnoy »"): neither content nor own voice
        last_person: Speaker | None = None
        for i, (s, e) in enumerate(sentences):
            sentence = text[s:e]
            candidates = self._candidates(text, s, e, persons, outlets)
            people = [c for c in candidates if c.speaker.kind == "person"]
            signature = _DASH_START.match(sentence) and len(WORD.findall(sentence)) <= _SIGNATURE_WORDS
            back = self._back.search(sentence) if self._back else None
            if candidates and i > 0 and (signature or back) and (i - 1) not in attributed and (i - 1) not in consumed:
                # the sentence before is what this one attributes
                who = (people or candidates)[0]
                ps, pe = sentences[i - 1]
                attributed[i - 1] = self._claim(art, ps, pe, who.speaker, outlets, cue=(s, e))
                consumed.add(i)
                last_person = who.speaker if who.speaker.kind == "person" else last_person
                continue
            if back and i == 0:
                consumed.add(i)  # "Про це повідомив ..." with nothing before it: no content to attribute
                continue
            headline = self._headline(text, s, e, people)
            if headline:
                attributed[i] = headline
                last_person = headline.speaker
                continue
            cue = self.cue_span(art, doc, s, e)
            if cue is None:
                continue
            cs, ce = cue
            window = len(sentence) if self.cues.verb_final else _CUE_WINDOW
            near = [c for c in candidates if min(abs(c.start - ce), abs(cs - c.end)) <= window]
            if near:
                who = min(near, key=lambda c: (c.speaker.kind != "person", min(abs(c.start - ce), abs(cs - c.end))))
                attributed[i] = self._claim(art, s, e, who.speaker, outlets, cue=(cs, ce))
                if who.speaker.kind == "person":
                    last_person = who.speaker
            elif last_person is not None and not candidates and self._opens_with_verb(sentence):
                # "Añadió que ...": the last person quoted goes on
                again = Speaker(text=last_person.text, start=last_person.start, end=last_person.end,
                                canonical=last_person.canonical, kb_id=last_person.kb_id, name=last_person.name,
                                descriptor=last_person.descriptor, side=last_person.side, kind="person",
                                resolved_from="pronoun")
                attributed[i] = self._claim(art, s, e, again, outlets, cue=(cs, ce))
        claims = []
        for i, (s, e) in enumerate(sentences):
            if i in attributed:
                claims.append(attributed[i])
            elif i not in consumed:
                claims.extend(unattributed(text, s, e, has_verb=True, language=self))
        return claims

    def cue_span(self, art: Article, doc, s: int, e: int) -> tuple[int, int] | None:
        """(start, end) of the first reporting verb or "according to" form of the sentence s:e, or None."""
        sentence = art.text[s:e]
        found = [m for p in (self._according, self._verbs) if p for m in [p.search(sentence)] if m]
        if not found:
            return None
        m = min(found, key=lambda m: m.start())
        return s + m.start(), s + m.end()

    # ------------------------------------------------------------------ pieces
    def _opens_with_verb(self, sentence: str) -> bool:
        m = self._verbs.search(sentence) if self._verbs else None
        return bool(m) and len(WORD.findall(sentence[:m.start()])) <= 1

    def _candidates(self, text: str, s: int, e: int, persons: list[EntityMention],
                    outlets: list[EntityMention]) -> list[_Candidate]:
        out = []
        for p in persons:
            if s <= p.start < e:
                out.append(_Candidate(p.start, p.end, Speaker(text=p.text, start=p.start, end=p.end, canonical=p.canonical if p.kb_id else None,
                                                              kb_id=p.kb_id, name=p.canonical or p.text, side=p.side, kind="person")))
        sentence = text[s:e]
        for pattern in (self._callsign, _SIGNATURE_CALLSIGN if _DASH_START.match(sentence) else None):
            if pattern is None:
                continue
            for m in pattern.finditer(sentence):
                a, b = s + m.start(1), s + m.end(1)
                if not any(c.start <= a < c.end for c in out):
                    out.append(_Candidate(a, b, Speaker(text=m.group(1), start=a, end=b, name=m.group(1).strip(),
                                                        descriptor="callsign", kind="person")))
        m = _SIGNATURE_NAME.match(sentence) if not out else None
        # "- Vladimir Lytkin", "- ウラジミール・リトキン": a name signing the quote before it
        if m and all(w[:1].isupper() or w[:1].upper() == w[:1].lower() for w in m.group(1).split()):
            a, b = s + m.start(1), s + m.end(1)
            out.append(_Candidate(a, b, Speaker(text=m.group(1), start=a, end=b, name=m.group(1), kind="person")))
        for a, b in self._anonymous_sources(text, s, e):
            if not any(c.start < b and a < c.end for c in out):
                out.append(_Candidate(a, b, Speaker(text=text[a:b], start=a, end=b, name=text[a:b], descriptor=text[a:b],
                                                    kind="anonymous")))
        for o in outlets:
            if s <= o.start < e and not any(c.start <= o.start < c.end for c in out):
                kind = "outlet" if o.type == "OUTLET" else "organization"
                out.append(_Candidate(o.start, o.end, Speaker(text=o.text, start=o.start, end=o.end, canonical=o.canonical,
                                                              kb_id=o.kb_id, name=o.canonical or o.text, side=o.side, kind=kind)))
        return sorted(out, key=lambda c: c.start)

    def _anonymous_sources(self, text: str, s: int, e: int) -> list[tuple[int, int]]:
        """(start, end) of each unnamed source in the sentence s:e: the language's form ("une source") and the
        words that describe it ("proche du commandement"), up to a reporting verb, a punctuation mark or
        _ANONYMOUS_WORDS words."""
        if self._anonymous is None:
            return []
        out = []
        for m in self._anonymous.finditer(text, s, e):
            end = m.end()
            for _ in range(_ANONYMOUS_WORDS):
                w = _NEXT_WORD.match(text, end, e)
                if w is None or any(p is not None and p.match(text, w.start(1), e) for p in (self._verbs, self._according)) \
                        or _THAT.match(text, w.start(0), e):
                    break
                end = w.end()
            out.append((m.start(), end))
        return out

    def _headline(self, text: str, s: int, e: int, people: list[_Candidate]) -> Claim | None:
        """"CLAIM - Marochko" or "Marochko: CLAIM" on one line."""
        line = text[s:e].rstrip(" .")
        for c in people:
            before, after = text[s:c.start], text[c.end:s + len(line)]
            if not after.strip() and re.search(r"\s[-–—]\s*$", before) and len(before.strip()) > 10:
                cs = s + len(before.rstrip(" -–—"))
                return Claim(kind="indirect", text=text[s:cs], start=s, end=cs, speaker=c.speaker,
                             cue=Span(text[cs:c.start], cs, c.start), sentence_start=s, sentence_end=e)
            if not before.strip() and re.match(r"\s*:\s*\S", after):
                cs = c.end + after.index(":") + 1
                while cs < e and text[cs].isspace():
                    cs += 1
                return Claim(kind="indirect", text=text[cs:e], start=cs, end=e, speaker=c.speaker,
                             cue=Span(":", cs - 1, cs), sentence_start=s, sentence_end=e)
        return None

    def _claim(self, art: Article, s: int, e: int, speaker: Speaker, outlets: list[EntityMention],
               cue: tuple[int, int]) -> Claim:
        text = art.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1] in " \n\t.;。":
            e -= 1
        lo, hi = min(s, cue[0]), max(e, cue[1])
        that = _THAT.match(text, cue[1]) if s <= cue[0] < e else None
        if that and that.end() < e and speaker.end <= cue[1] + 2 * _CUE_WINDOW:
            s = that.end()  # "X заявив, що CONTENT", "X a affirmé que CONTENT": what follows the complementizer
        elif s <= cue[0] < e and s <= speaker.start < e:
            # the speaker and cue open or close the sentence ("Selon X, ...", "..., dijo X"): the rest is the content
            block_s, block_e = min(cue[0], speaker.start), max(cue[1], speaker.end)
            comma = re.search(r"[,:，、]\s*", text[block_e:e])
            if block_s - s <= 2 and comma and comma.start() <= _TAIL_WORDS_CHARS:
                s = block_e + comma.end()
            elif e - block_e <= _TAIL_WORDS_CHARS:
                k = max(text.rfind(",", s, block_s), text.rfind("，", s, block_s))
                if k > s:
                    e = k
        quotes = [q for q in find_quotes(text[s:e], offset=s) if len(WORD.findall(q.text)) >= 3 or len(q.text) >= 12]
        relays = [Relay(o.canonical or o.text, o.text, o.start, o.end, o.kb_id, None) for o in outlets
                  if lo <= o.start < hi and o.kb_id and o.kb_id != speaker.kb_id and o.type == "OUTLET"]
        according = bool(self._according and self._according.match(text, cue[0], cue[1]))
        kind = "according_to" if according else "direct" if quotes else "indirect"
        return Claim(kind=kind, text=text[s:e], start=s, end=e, speaker=speaker,
                     cue=Span(text[cue[0]:cue[1]], cue[0], cue[1]), relays=relays,
                     hedges=self.find_hedges(text[s:e]), sentence_start=s, sentence_end=e, quotes=quotes)


# The complementizers that open reported content after a reporting verb, in the cue languages ("заявив, що ...",
# "a affirmé que ...", "sagte, dass ...").
_THAT = re.compile(r",?\s*(?:що|qu['’]|que|dass|che|że|da|že|ki|kwamba|ότι|että|dat|că)\s+", re.I)
# "- Vladimir Lytkin", "- ウラジミール・リトキン": a signature line that is a name (two or three capitalised words, or
# katakana with its name dot)
_SIGNATURE_NAME = re.compile(r"^\s*[-–—]\s*((?:[^\W\d_][\w'’-]+\s+){1,2}[^\W\d_][\w'’-]+|[\u30a0-\u30ff]{2,}・[\u30a0-\u30ff・]{2,})\s*\.?\s*$")
# "- écrit « Muchnoy »", "- schreibt „Muchnoy“": a signature line's quoted name
_SIGNATURE_CALLSIGN = re.compile(r"^\s*[-–—]\s*(?:\w+\s+){0,3}?" + _QUOTED_NAME)


def find_names(art: Article, kb: KnowledgeBase) -> None:
    """Outlets, organisations, people and places named in the text, by knowledge-base look-up in any script: what
    every language gets, and all that the fast path and languages without a cue lexicon get."""
    text = art.text
    tokens = [Token(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]
    aliases = find_aliases(text, tokens, kb)
    art.places = find_places(text, tokens, kb, get_language(art.lang).inflection)
    people = []
    used: set[int] = set()  # tokens already inside a name found
    for i, tok in enumerate(tokens):
        if i in used or not tok.text[:1].isupper():
            continue
        for size in (3, 2, 1):
            window = tokens[i:i + size]
            if len(window) < size or not all(w.text[:1].isupper() for w in window):
                continue
            if size == 1 and len(tok.text) < 5:
                continue
            surface = text[window[0].start:window[-1].end]
            person = kb.person(surface)
            if person is None and size == 1:
                # a spelling the knowledge base does not list ("Kimakowski", Polish "Maroczki"): by its skeleton
                kb_id = kb.find_by_skeleton(surface)
                person = kb.people.get(kb_id) if kb_id else None
            if person:
                people.append(EntityMention(surface, window[0].start, window[-1].end, "PERSON", person.name,
                                            person.id, person.side))
                used.update(range(i, i + size))
                break
    taken = [(p.start, p.end) for p in people]
    words = name_words(text)
    caseless = [(start, word) for start, word in words if not script_is_cased(word)]
    for start, end, kb_id in kb.skeleton_mentions(text, caseless):
        # scripts without case (Japanese katakana, Korean, Arabic, Georgian ...): a person by the skeleton of the name
        if kb_id in kb.people and not any(s < end and start < e for s, e in taken):
            person = kb.people[kb_id]
            people.append(EntityMention(text[start:end], start, end, "PERSON", person.name, person.id, person.side))
            taken.append((start, end))  # a katakana name is read whole and by its parts: one mention, not two
    art.entities = sorted(aliases + people, key=lambda e: e.start)
    # a surname is not a village, even when the gazetteer has one spelled alike (Zakharova / Zakharivka)
    art.places = [p for p in art.places if not any(e.start <= p.start < e.end for e in people)]
    unheld = [(start, word) for start, word in words if not _gazetteer_script(word)]
    art.places = sorted(art.places + _unheld_places(text, kb, unheld, art.places, people), key=lambda p: p.start)


# The gazetteer holds settlement names in Latin and Cyrillic letters: a name word in any other script (Greek,
# Arabic, Japanese kana, Korean, Armenian, Georgian, Devanagari, Bengali ...) is read by its consonant skeleton, as
# people's names are ("Κουπιάνσκ", "كوبيانسك", "クピャンスク", "კუპიანსკში", "कुपियांस्क": Kupiansk).
def _gazetteer_script(word: str) -> bool:
    return unicodedata.name(word[:1], "").startswith(("LATIN", "CYRILLIC"))


_GLUED = "وفبل"  # Arabic conjunctions and prepositions written onto the next word
# How like a settlement's name (romanised) a word must be spelled to be read as it: stricter than for a person's
# surname (60), since every word of the text is tried, and "キロメートル" (kilometre) spells the skeleton of
# "Kramator" at 67.
_UNHELD_SPELLING = 70


def _unheld_places(text: str, kb: KnowledgeBase, words: list[tuple[int, str]], places: list[PlaceMention],
                   people: list[EntityMention]) -> list[PlaceMention]:
    """The settlements the name `words` (in scripts the gazetteer does not hold) name, by skeleton
    (kb.skeleton_mentions), where no place or person is found already."""
    if not words:
        return []
    taken = [(p.start, p.end) for p in places] + [(e.start, e.end) for e in people]
    out: list[PlaceMention] = []
    for start, end, kb_id in kb.skeleton_mentions(text, words):
        if kb_id not in kb.places or any(s < end and start < e for s, e in taken) \
                or kb.find_by_skeleton(text[start:end], spelling=_UNHELD_SPELLING) != kb_id:
            continue
        if text[start] in _GLUED and kb.find_by_skeleton(text[start + 1:end]) == kb_id:
            start += 1  # "وكوبيانسك": "and Kupiansk", the conjunction is no part of the name
        place = kb.places[kb_id]
        out.append(PlaceMention(text=text[start:end], start=start, end=end, canonical=place.name, place_id=place.id,
                                variant="other", lat=place.lat, lon=place.lon, admin1=place.admin1,
                                country=place.country, geonames_id=place.geonames_id))
        taken.append((start, end))
    return out


__all__ = ["CueLanguage", "Cues", "find_names"]
