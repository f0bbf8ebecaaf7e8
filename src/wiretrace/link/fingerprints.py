"""An article's fingerprint: the language-independent keys of what it reports, plus its wording.

Linking compares fingerprints, never raw articles.  The keys come from the
analyze stage (knowledge-base ids of speakers and people, gazetteer place ids)
and from the text (numbers without their units, calendar days, quoted
fragments, cross-script stems, word shingles for MinHash).  The "lead" keys
cover the opening paragraphs only: a rewrite that splices two reports belongs
to the family of its lead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from datasketch import MinHash

from ..analyze import handles
from ..analyze.lang import get_language
from ..analyze.quotes import find_quotes, inner
from ..knowledge import KnowledgeBase
from ..knowledge.variants import fold
from ..model import Article
from . import text as T

# Bumped whenever what a fingerprint holds changes meaning: trace re-fingerprints and re-links a database whose
# stored fingerprints are of another version (2: name keys are consonant skeletons in any script; 3: dates in
# the month names of the article's language).
VERSION = 4
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's default permutation scheme: 32-bit hash values
LEAD_SHARE = 0.4  # the lead: opening paragraphs holding at least this share of the words
# Characters of title and lead embedded: on realdev the first 300-600 characters separate families as well as
# 1,000 or the whole excerpt (pair AUC 0.86 either way) at a third of the cost or less.
EMBED_CHARS = 400
_BROAD_PLACES = ("country:", "region:")


@dataclass(slots=True)
class Fingerprint:
    """What linking knows of one article.  Tuples keep first-seen order; sets are built where needed."""

    article_id: str
    lang: str = "und"
    published: str | None = None
    site: str | None = None
    url: str | None = None
    persons: tuple[str, ...] = ()  # person kb ids: speakers first, then people mentioned
    lead_speaker: str | None = None  # the first attributed speaker (or person named) in the lead
    speakers: tuple[str, ...] = ()  # kb ids of claim speakers (empty on the fast path)
    places: tuple[str, ...] = ()  # settlement-level place ids
    numbers: tuple[str, ...] = ()  # "6.5 km", "1500 soldiers", "14"
    dates: tuple[str, ...] = ()  # "--11-22": the day, not the year (rewrites drop years)
    quotes: tuple[str, ...] = ()  # folded quoted fragments of three words or more
    relays: tuple[str, ...] = ()  # outlet kb ids the article cites as its source
    stems: dict[str, int] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # consonant skeletons of name-like words, comparable across scripts (text.name_keys)
    lead: dict[str, tuple[str, ...]] = field(default_factory=dict)  # persons/places/numbers/stems of the lead
    tail: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the same for the rest: what a splice adds
    paragraph_keys: tuple[str, ...] = ()  # folded paragraphs of 12 words or more (boilerplate detection)
    n_paragraphs: int = 0
    n_one_sentence_paragraphs: int = 0
    mixed_script: tuple[str, ...] = ()
    minhash: np.ndarray | None = None  # MinHash hash values of the lead's word 3-grams (boilerplate trails)
    embedding: np.ndarray | None = None  # optional: the lead's multilingual sentence embedding (float16)

    @property
    def number_values(self) -> set[str]:
        return {n.split(" ", 1)[0] for n in self.numbers}

    @property
    def published_dt(self) -> datetime | None:
        return parse_time(self.published)

    def to_json(self) -> dict:
        d = {k: getattr(self, k) for k in self.__slots__ if k not in ("minhash", "embedding")}
        d["version"] = VERSION
        return d

    @classmethod
    def from_json(cls, d: dict, minhash: bytes | None = None, embedding: bytes | None = None) -> Fingerprint:
        fp = cls(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in cls.__slots__})
        fp.lead = {k: tuple(v) for k, v in (d.get("lead") or {}).items()}
        fp.tail = {k: tuple(v) for k, v in (d.get("tail") or {}).items()}
        if minhash:
            fp.minhash = np.frombuffer(minhash, dtype=np.uint32)
        if embedding:
            fp.embedding = np.frombuffer(embedding, dtype=np.float16)
        return fp


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    return dt.replace(tzinfo=None) if dt.tzinfo is None else dt.astimezone(tz=None).replace(tzinfo=None)


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations  # generated once, not per article


def minhash_of(shingles: set[str]) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_PERMUTATIONS)
    if shingles:
        m.update_batch([s.encode("utf-8") for s in shingles])
    return m.hashvalues.astype(np.uint32)


def _lead_end(text: str, paras: list[tuple[int, int]]) -> int:
    total = max(1, len(T.words(text)))
    seen = 0
    for s, e in paras:
        seen += len(T.words(text[s:e]))
        if seen >= LEAD_SHARE * total:
            return e
    return len(text)


def _year(published: str | None) -> int | None:
    try:
        return date.fromisoformat(published[:10]).year if published else None
    except ValueError:
        return None


def _numbers(text: str, lang: str) -> list[str]:
    return handles.numbers(handles.without_dates(T.ascii_digits(text), lang), lang)


def fingerprint(art: Article, embedder=None, kb: KnowledgeBase | None = None) -> Fingerprint:
    """The fingerprint of an analysed (or fast-path) article; `embedder` (optional) adds the lead's embedding."""
    text = art.text
    paras = T.paragraphs(text)
    lead_end = _lead_end(text, paras)
    attributed = [c for c in art.claims if c.kind != "unattributed" and c.speaker]
    speakers = list(dict.fromkeys(c.speaker.kb_id for c in attributed if c.speaker.kb_id))
    person_mentions = [(e.start, e.kb_id) for e in art.entities if e.kb_id and e.kb_id.startswith("person:")]
    place_mentions = [(m.start, m.place_id) for m in art.places if not m.place_id.startswith(_BROAD_PLACES)]
    if not get_language(art.lang).resolves_names:  # names by their skeleton, where no parser resolved them
        found = [(start, kb_id) for start, _, kb_id in (kb or KnowledgeBase.load()).skeleton_mentions(text)]
        person_mentions = sorted(set(person_mentions) | {(s, i) for s, i in found if i.startswith("person:")})
        place_mentions = sorted(set(place_mentions) | {(s, i) for s, i in found if not i.startswith("person:")})
    speaker_persons = [(c.start, c.speaker.kb_id) for c in attributed if c.speaker.kb_id and c.speaker.kb_id.startswith("person:")]
    persons = list(dict.fromkeys([p for _, p in sorted(speaker_persons)] + [p for _, p in sorted(person_mentions)]))
    lead_speakers = [p for s, p in sorted(speaker_persons) if s < lead_end] or [p for s, p in sorted(person_mentions) if s < lead_end]
    # A lead whose first statement is an anonymous source's has no lead speaker: the people a wire item names
    # further down are its background ("earlier, X said"), and taking one of them for the speaker set the item
    # against its own translations that name another background figure.
    first = next((c for c in sorted(attributed, key=lambda c: c.start)
                  if c.start < lead_end and c.speaker.kind not in ("outlet", "unknown")), None)
    anonymous_lead = first is not None and first.speaker.kind == "anonymous"
    if anonymous_lead:
        lead_speakers = []
    places = list(dict.fromkeys(p for _, p in place_mentions))
    relays = list(dict.fromkeys([r.kb_id for c in art.claims for r in c.relays if r.kb_id]
                                + [e.kb_id for e in art.entities if e.type == "OUTLET" and e.kb_id]))
    year = _year(art.published)
    dates = list(dict.fromkeys("--" + d[-5:] for d in handles.dates(T.ascii_digits(text), year=year, lang=art.lang)))
    quotes = list(dict.fromkeys(fold(inner(q)) for q in find_quotes(text) if len(inner(q).split()) >= 3))
    lead_text = text[:lead_end]
    # the lead ends at a paragraph end, which no number or date crosses: the text's numbers are the two parts'
    lead_numbers, tail_numbers = _numbers(lead_text, art.lang), _numbers(text[lead_end:], art.lang)
    paragraph_texts = [text[s:e] for s, e in paras]
    keys = [T.paragraph_key(p) for p in paragraph_texts]
    return Fingerprint(
        article_id=art.id, lang=art.lang, published=art.published, site=art.site, url=art.url,
        persons=tuple(persons), lead_speaker=lead_speakers[0] if lead_speakers else (persons[0] if persons and not anonymous_lead else None),
        speakers=tuple(speakers), places=tuple(places), numbers=tuple(dict.fromkeys(lead_numbers + tail_numbers)), dates=tuple(dates),
        quotes=tuple(quotes), relays=tuple(relays), stems=dict(Counter(T.stems(text))), names=tuple(T.name_keys(text)),
        lead={
            "persons": tuple(dict.fromkeys(p for s, p in sorted(speaker_persons + person_mentions) if s < lead_end)),
            "places": tuple(dict.fromkeys(p for s, p in place_mentions if s < lead_end)),
            "numbers": tuple(lead_numbers),
            "stems": tuple(dict.fromkeys(T.stems(lead_text))),
        },
        tail={
            "persons": tuple(dict.fromkeys(p for s, p in sorted(speaker_persons + person_mentions) if s >= lead_end)),
            "places": tuple(dict.fromkeys(p for s, p in place_mentions if s >= lead_end)),
            "numbers": tuple(tail_numbers),
            "stems": tuple(dict.fromkeys(T.stems(text[lead_end:]))),
        },
        paragraph_keys=tuple(k for k in keys if len(k.split()) >= 12),
        n_paragraphs=len(paras),
        n_one_sentence_paragraphs=sum(1 for p in paragraph_texts if len(T.sentences(p)) == 1),
        mixed_script=tuple(T.mixed_script_words(text)),
        minhash=minhash_of(T.shingles(lead_text)),
        embedding=embedder.embed([((art.title or "") + "\n" + lead_text)[:EMBED_CHARS]])[0] if embedder is not None else None,
    )


_EMBEDDERS: dict = {}  # the embeddings setting -> its embedder, loaded once a process


def fingerprint_batch(shared: dict, articles: list[Article]) -> list[Fingerprint]:
    """Fingerprints of a batch of articles, for parallel.Pool.map: `shared` holds the knowledge base ("kb") and
    the embeddings setting ("embeddings"), whose model each worker loads once."""
    from .embeddings import embedder_for

    setting = shared["embeddings"]
    if setting not in _EMBEDDERS:
        _EMBEDDERS[setting] = embedder_for(setting)
    return [fingerprint(art, _EMBEDDERS[setting], shared["kb"]) for art in articles]
