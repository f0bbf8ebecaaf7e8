"""The per-article analysis: language dispatch, claims, places, entities and claim handles.

What each language gets:
- English (`en`): spaCy parse; attributed claims with speaker, descriptor, relay,
  cue, kind, hedges; unattributed assertions; places; entities.
- Russian (`ru`): Natasha parse; the wire attribution forms; unattributed
  sentences; places (by lemma as well as surface form); entities with normal forms.
- Any other language: places and knowledge-base names (people, organisations,
  outlets) found by their aliases in any script; no claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from ..knowledge import KnowledgeBase
from ..model import Article, Claim, EntityMention, Span
from ..settings import Settings
from . import handles
from .english import EnglishExtractor, iter_sentences
from .hedges import find_hedges
from .mentions import find_aliases
from .nlp import load_english, load_russian
from .places import Token, find_places
from .russian import RussianExtractor

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
CHUNK_CHARS = 100_000
_MIN_ASSERTION_WORDS = 4


class Analyzer:
    """Analyses articles in batches.  Loading models costs a few seconds once; analysis is per batch.

    >>> analyzer = Analyzer()                         # doctest: +SKIP
    >>> article = analyzer.analyze_one(prepared)      # doctest: +SKIP
    """

    def __init__(self, settings: Settings | None = None, kb: KnowledgeBase | None = None, *, fast: bool = False):
        """`fast`: the fingerprint-only path for triaging big corpora: no parse, no claims; people,
        organisations, outlets and places by knowledge-base look-up in every language (what trace needs)."""
        self.fast = fast
        self.settings = settings or Settings.load()
        self.kb = kb or KnowledgeBase.load(
            self.settings.kb_files,
            person_threshold=self.settings.person_match_threshold,
            place_threshold=self.settings.place_match_threshold,
        )
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_english(self.settings.spacy_model, self.settings.fast_attributes)
        return self._nlp

    def analyze_one(self, article: Article) -> Article:
        return next(iter(self.analyze(iter([article]))))

    def analyze(self, articles: Iterable[Article], *,
                on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[Article]:
        """Analyse articles in place and yield them in input order; English goes through `nlp.pipe` in batches.

        An article whose analysis raises is not yielded: `on_error(article, exc)` hears of it
        (the default re-raises), and the rest go on.
        """
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= self.settings.batch_size:
                yield from self._batch(batch, on_error)
                batch = []
        if batch:
            yield from self._batch(batch, on_error)

    def _batch(self, batch: list[Article], on_error=None) -> list[Article]:
        english = [a for a in batch if a.lang == "en" and len(a.text) <= CHUNK_CHARS and not self.fast]
        docs = dict(zip((a.id for a in english), self.nlp.pipe(a.text for a in english))) if english else {}
        done = []
        for art in batch:
            try:
                art.claims, art.places, art.entities = [], [], []
                if self.fast:
                    self._other(art)
                elif len(art.text) > CHUNK_CHARS:
                    self._in_chunks(art)
                elif art.lang == "en":
                    self._english(art, docs[art.id])
                elif art.lang == "ru":
                    self._russian(art)
                else:
                    self._other(art)
                self._add_handles(art)
            except Exception as exc:  # one article's failure must not stop the run
                if on_error is None:
                    raise
                on_error(art, exc)
                continue
            done.append(art)
        return done

    def _in_chunks(self, art: Article) -> None:
        """Long texts (over CHUNK_CHARS) are analysed paragraph-aligned chunk by chunk.

        spaCy refuses texts over a million characters and its parser's memory grows with
        length; attribution never crosses a paragraph break, so chunks lose nothing.
        """
        for start, chunk in _chunks(art.text, CHUNK_CHARS):
            part = Article(id=art.id, text=chunk, lang=art.lang, published=art.published)
            if art.lang == "en":
                self._english(part, self.nlp(chunk))
            elif art.lang == "ru":
                self._russian(part)
            else:
                self._other(part)
            art.claims.extend(_shifted(c, start) for c in part.claims)
            art.places.extend(replace(p, start=p.start + start, end=p.end + start) for p in part.places)
            art.entities.extend(replace(e, start=e.start + start, end=e.end + start) for e in part.entities)

    # ------------------------------------------------------------------ English
    def _english(self, art: Article, doc) -> None:
        text = art.text
        ents = list(doc.ents)
        person_tokens = {i for ent in ents if ent.label_ == "PERSON" and not self.kb.place_candidates(ent.text, fuzzy=False)
                         for i in range(ent.start, ent.end)}
        verbal = [t.pos_ in ("VERB", "AUX") for t in doc]
        is_surname = self.kb.is_person_surname
        tokens = [Token(t.text, t.idx, t.idx + len(t.text),
                        blocked=t.i in person_tokens or t.is_space or (t.text[:1].isupper() and is_surname(t.text)))
                  for t in doc]
        aliases = find_aliases(text, tokens, self.kb)
        art.places = find_places(text, tokens, self.kb)
        extractor = EnglishExtractor(doc, self.kb, aliases)
        claims: list[Claim] = []
        sentences = list(iter_sentences(doc))
        for k, sent in enumerate(sentences):
            following = sentences[k + 1] if k + 1 < len(sentences) else None
            if claims and any(c.start <= sent.start_char and sent.end_char <= c.end + 2 for c in claims[-3:]
                              if c.kind != "unattributed"):
                continue  # inside a quote that started in an earlier sentence and is already a claim
            found = extractor.sentence_claims(sent, sentences[k - 1] if k else None)
            extractor.pending_quote = None
            if found and found[0].end <= sent.start_char:
                # the claim is the sentence before ("This was stated by ..."): it is no longer the article's own voice
                claims = [c for c in claims if not (c.kind == "unattributed" and c.start >= found[0].start
                                                    and c.end <= found[0].end + 1)]
            if found:
                claims.extend(found)
                continue
            if extractor.continuation(sent, [c for c in claims if c.kind != "unattributed"], following):
                continue
            quoted = extractor.quote_only(sent)
            if quoted and extractor.attribution_fragment(following):
                extractor.pending_quote = Span(text[quoted[0].start:quoted[-1].end], quoted[0].start, quoted[-1].end)
                continue
            claims.extend(self._unattributed(text, sent.start_char, sent.end_char,
                                             has_verb=any(verbal[sent.start:sent.end]), lang="en"))
        art.claims = _dedupe(claims)
        linked = extractor.memory.linked_ids
        entities = list(aliases)
        for ent in ents:
            if ent.label_ != "PERSON" or any(p.start <= ent.start_char < p.end for p in art.places):
                continue
            person = self.kb.person(ent.text, context=linked)
            entities.append(EntityMention(ent.text, ent.start_char, ent.end_char, "PERSON",
                                          person.name if person else None, person.id if person else None,
                                          person.side if person else "unknown"))
        art.entities = sorted(entities, key=lambda e: e.start)

    # ------------------------------------------------------------------ Russian
    def _russian(self, art: Article) -> None:
        text = art.text
        doc = load_russian().parse(text)
        per_tokens = set()
        for span in doc.spans:
            if span.type == "PER":
                per_tokens.update(range(span.start, span.stop))
        tokens = [Token(t.text, t.start, t.stop, lemma=(t.lemma or "").replace("ё", "е"),
                        blocked=t.start in per_tokens, pos=t.pos or "") for t in doc.tokens]
        aliases = find_aliases(text, tokens, self.kb)
        art.places = find_places(text, tokens, self.kb)
        extractor = RussianExtractor(doc, text, self.kb, aliases)
        claims, unattributed = extractor.extract()
        for i, sent in enumerate(doc.sents):
            if i in unattributed and sent.tokens:
                claims.extend(self._unattributed(text, sent.start, sent.stop, has_verb=any(
                    t.pos in ("VERB", "AUX") for t in sent.tokens), lang="ru"))
        art.claims = _dedupe(sorted(claims, key=lambda c: (c.sentence_start, c.start)))
        entities = [a for a in aliases]
        for span in doc.spans:
            if span.type == "PER":
                person = self.kb.person(span.normal or span.text, context=extractor.memory.linked_ids)
                entities.append(EntityMention(span.text, span.start, span.stop, "PERSON", person.name if person else span.normal,
                                              person.id if person else None, person.side if person else "unknown"))
            elif span.type == "ORG" and not any(a.start <= span.start < a.end for a in aliases):
                entities.append(EntityMention(span.text, span.start, span.stop, "ORG", span.normal, None))
            elif span.type == "LOC" and not any(p.start <= span.start < p.end for p in art.places):
                # a location the gazetteer does not know, kept with Natasha's normal form
                entities.append(EntityMention(span.text, span.start, span.stop, "LOC", span.normal, None))
        art.entities = sorted(entities, key=lambda e: e.start)

    # ------------------------------------------------------------------ others
    def _other(self, art: Article) -> None:
        """Alias matching only: the knowledge base knows names in every script it lists."""
        text = art.text
        tokens = [Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
        aliases = find_aliases(text, tokens, self.kb)
        art.places = find_places(text, tokens, self.kb)
        people = []
        for i, tok in enumerate(tokens):
            if not tok.text[:1].isupper():
                continue
            for size in (3, 2, 1):
                window = tokens[i:i + size]
                if len(window) < size or not all(w.text[:1].isupper() for w in window):
                    continue
                if size == 1 and (len(tok.text) < 5 or (i > 0 and tokens[i - 1].text[:1].isupper())):
                    continue  # a bare surname ("Kimakovski said"), not the tail of a longer name
                surface = text[window[0].start:window[-1].end]
                person = self.kb.person(surface)
                if person:
                    people.append(EntityMention(surface, window[0].start, window[-1].end, "PERSON", person.name,
                                                person.id, person.side))
                    break
        art.entities = sorted(aliases + people, key=lambda e: e.start)
        # a surname is not a village, even when the gazetteer has one spelled alike (Zakharova / Zakharivka)
        art.places = [p for p in art.places if not any(e.start <= p.start < e.end for e in people)]

    # ------------------------------------------------------------------ shared
    def _unattributed(self, text: str, start: int, end: int, *, has_verb: bool, lang: str) -> list[Claim]:
        """The sentence as a claim in the article's own voice, when it asserts something."""
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace()):
            e -= 1
        sentence = text[s:e]
        if not has_verb or sentence.endswith("?") or len(_WORD.findall(sentence)) < _MIN_ASSERTION_WORDS:
            return []
        body_end = e - 1 if sentence.endswith((".", "!")) else e
        return [Claim(kind="unattributed", text=text[s:body_end], start=s, end=body_end, speaker=None, cue=None,
                      relays=[], hedges=find_hedges(sentence, lang), sentence_start=start, sentence_end=end)]

    def _add_handles(self, art: Article) -> None:
        year = None
        if art.published:
            try:
                year = date.fromisoformat(art.published[:10]).year
            except ValueError:
                year = None
        for claim in art.claims:
            if claim.kind != "unattributed":
                sentence = art.text[claim.sentence_start:claim.sentence_end]
                claim.hedges = claim.hedges or find_hedges(art.text[claim.start:claim.end], art.lang) or [
                    h for h in find_hedges(sentence, art.lang) if h in ("a source", "sources said", "anonymous source", "anonymous sources")]
            h: dict[str, list[str]] = {}
            if claim.speaker and claim.speaker.kb_id:
                h["speaker"] = [claim.speaker.kb_id]
            places = sorted({p.place_id for p in art.places if claim.start <= p.start < claim.end})
            if places:
                h["places"] = places
            ents = sorted({e.kb_id for e in art.entities if e.kb_id and claim.start <= e.start < claim.end})
            if ents:
                h["entities"] = ents
            ds = handles.dates(claim.text, year=year)
            if ds:
                h["dates"] = ds
            ns = handles.numbers(claim.text)
            if ns:
                h["numbers"] = ns
            qs = [q.text[1:-1].strip().rstrip(".,;:!?").lower() for q in claim.quotes]
            if qs:
                h["quotes"] = qs
            claim.handles = h


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (speaker, content) and no claim nested inside another of the same speaker."""
    out: list[Claim] = []
    for c in sorted(claims, key=lambda c: (c.sentence_start, c.start, -(c.end - c.start))):
        key_speaker = c.speaker.name if c.speaker else None
        if any(o.start <= c.start and c.end <= o.end and (o.speaker.name if o.speaker else None) == key_speaker
               and o.kind != "unattributed" for o in out):
            continue
        out.append(c)
    return out


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most about `size` characters, cut at line breaks where possible."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = text.rfind("\n", pos + size // 2, end)
            end = cut + 1 if cut > 0 else end
        yield pos, text[pos:end]
        pos = end


def _shift_span(span, by: int):
    return replace(span, start=span.start + by, end=span.end + by) if span is not None else None


def _shifted(claim: Claim, by: int) -> Claim:
    claim.start += by
    claim.end += by
    claim.sentence_start += by
    claim.sentence_end += by
    claim.speaker = _shift_span(claim.speaker, by)
    claim.cue = _shift_span(claim.cue, by)
    claim.relays = [_shift_span(r, by) for r in claim.relays]
    claim.quotes = [_shift_span(q, by) for q in claim.quotes]
    claim.segments = [_shift_span(q, by) for q in claim.segments]
    return claim
