"""The per-article analysis: language dispatch, claims, places, entities and claim handles.

What each language gets is its plug-in's business (analyze/lang/): English and
Russian parse and extract attribution; French and the languages listed in
lang.LANGUAGES find speakers with their cue lexicons over knowledge-base names;
any other language gets places and knowledge-base names in any script.  Every
claim then gets language-independent handles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from ..knowledge import KnowledgeBase
from ..model import Article, Claim
from ..settings import Settings
from . import handles
from .events import find_events, typer_for
from .framing import find_terms
from .lang import get_language
from .lang.cues import find_names
from .lang.en import load_english
from .related import blanked, related_lists

CHUNK_CHARS = 100_000


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
        self._typer = False  # the event typer, loaded on first use (False: not yet)

    @property
    def event_typer(self):
        if self._typer is False:
            self._typer = typer_for(self.settings.event_types)
        return self._typer

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
        # Other stories' headlines listed in the text ("Read also", related.py) are blanked while the batch is
        # analysed (offsets kept): their speakers, places and names are not the article's, and a speaker named there
        # must not become the one "the adviser" refers back to.
        originals: dict[int, str] = {}
        for i, a in enumerate(batch):
            lists = related_lists(a.text)
            if lists:
                originals[i] = a.text
                a.text = blanked(a.text, lists)
        try:
            return self._analyse_batch(batch, on_error)
        finally:
            for i, text in originals.items():
                batch[i].text = text

    def _analyse_batch(self, batch: list[Article], on_error=None) -> list[Article]:
        docs: dict[str, object] = {}
        if not self.fast:
            by_lang: dict[str, list[Article]] = {}
            for a in batch:
                if len(a.text) <= CHUNK_CHARS:
                    by_lang.setdefault(a.lang, []).append(a)
            for lang, arts in by_lang.items():  # one batched parse per language (spaCy's nlp.pipe)
                parsed = get_language(lang).parse_many([a.text for a in arts], self)
                if parsed is not None:
                    docs.update(zip((a.id for a in arts), parsed))
        done = []
        for art in batch:
            try:
                art.claims, art.places, art.entities, art.terms, art.events = [], [], [], [], []
                if self.fast:
                    find_names(art, self.kb)
                elif len(art.text) > CHUNK_CHARS:
                    self._in_chunks(art)
                else:
                    get_language(art.lang).analyze(art, docs.get(art.id), self)
                art.claims = _dedupe(art.claims)
                self._add_handles(art)
                if not self.fast:  # the fast path has no claims to give a term its voice or an event its claim
                    art.terms = find_terms(art)
                    art.events = find_events(art, self.event_typer)
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
        language = get_language(art.lang)
        for start, chunk in _chunks(art.text, CHUNK_CHARS):
            part = Article(id=art.id, text=chunk, lang=art.lang, published=art.published)
            parsed = language.parse_many([chunk], self)
            language.analyze(part, parsed[0] if parsed else None, self)
            art.claims.extend(_shifted(c, start) for c in part.claims)
            art.places.extend(replace(p, start=p.start + start, end=p.end + start) for p in part.places)
            art.entities.extend(replace(e, start=e.start + start, end=e.end + start) for e in part.entities)

    def _add_handles(self, art: Article) -> None:
        year = None
        if art.published:
            try:
                year = date.fromisoformat(art.published[:10]).year
            except ValueError:
                year = None
        language = get_language(art.lang)
        for claim in art.claims:
            if claim.kind != "unattributed":
                sentence = art.text[claim.sentence_start:claim.sentence_end]
                claim.hedges = claim.hedges or language.find_hedges(art.text[claim.start:claim.end]) or [
                    h for h in language.find_hedges(sentence) if h in ("a source", "sources said", "anonymous source", "anonymous sources")]
            h: dict[str, list[str]] = {}
            if claim.speaker and claim.speaker.kb_id:
                h["speaker"] = [claim.speaker.kb_id]
            places = sorted({p.place_id for p in art.places if claim.start <= p.start < claim.end})
            if places:
                h["places"] = places
            ents = sorted({e.kb_id for e in art.entities if e.kb_id and claim.start <= e.start < claim.end})
            if ents:
                h["entities"] = ents
            ds = handles.dates(claim.text, year=year, lang=art.lang)
            if ds:
                h["dates"] = ds
            ns = handles.numbers(claim.text, art.lang)
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
