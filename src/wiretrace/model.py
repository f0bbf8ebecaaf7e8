"""The data model: typed records for an article and what analysis found in it.

Every offset is a character offset into `Article.text` as stored.  Every record
serialises to the JSON contract with `to_dict()`; extra keys are allowed there,
removed ones are not (other tools read them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ClaimKind = Literal["direct", "indirect", "mixed", "according_to", "unattributed"]
Side = Literal["russia", "ukraine", "other", "unknown"]
Variant = Literal["ru", "uk", "en", "other"]


@dataclass(slots=True)
class Span:
    """A stretch of the article text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Speaker:
    """Who a claim is attributed to, as written and as resolved.

    `canonical` is the knowledge-base name when linked, else None; `kb_id` the
    stable id ("person:marochko") a later stage compares across languages.
    `name` is what a ledger shows: the canonical name, or the unlinked name.
    """

    text: str
    start: int
    end: int
    canonical: str | None = None
    kb_id: str | None = None
    name: str | None = None
    descriptor: str | None = None
    side: Side = "unknown"
    kind: Literal["person", "organization", "outlet", "collective", "anonymous", "unknown"] = "unknown"
    resolved_from: str | None = None  # "pronoun" / "possessive" / "surname" when found by reference back

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Relay:
    """An outlet that relayed a claim: 'as reported by Tass', 'told TASS'."""

    name: str
    text: str
    start: int
    end: int
    kb_id: str | None = None
    outlet_type: str | None = None


@dataclass(slots=True)
class Claim:
    """One attributed (or unattributed) claim.

    `text`/`start`/`end` cover what is claimed, not the speaker or the cue.  The
    `handles` are language-independent keys (kb ids, place ids, ISO dates,
    normalised numbers, quoted fragments) that a later stage compares between a
    rewrite and its origin in another language.
    """

    kind: ClaimKind
    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: Span | None = None
    relays: list[Relay] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    sentence_start: int = 0
    sentence_end: int = 0
    quotes: list[Span] = field(default_factory=list)
    handles: dict[str, list[str]] = field(default_factory=dict)
    # Further pieces of discontinuous content: the second half of a quote split by "she said".
    segments: list[Span] = field(default_factory=list)

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "relay": [r.name for r in self.relays],
            "relays": [asdict(r) for r in self.relays],
            "cue": asdict(self.cue) if self.cue else None,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "hedged": self.hedged,
            "hedges": list(self.hedges),
            "sentence": {"start": self.sentence_start, "end": self.sentence_end},
            "quotes": [asdict(q) for q in self.quotes],
            "handles": {k: list(v) for k, v in self.handles.items()},
            "segments": [asdict(s) for s in self.segments],
        }


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text, resolved to the gazetteer.

    `variant` records whose spelling the article used: 'ru' (Konstantinovka),
    'uk' (Kostiantynivka), 'en' (shared by both) or 'other'.  A framing signal.
    """

    text: str
    start: int
    end: int
    canonical: str
    place_id: str
    variant: Variant
    lat: float | None
    lon: float | None
    admin1: str
    country: str
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EntityMention:
    """A named entity (person, organisation, outlet) with its knowledge-base link, if any."""

    text: str
    start: int
    end: int
    type: str
    canonical: str | None = None
    kb_id: str | None = None
    side: Side = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class TermUse:
    """A side-coded term of the terminology lexicon (knowledge/data/terms.jsonl) as the article uses it.

    `voice`: 'own_voice' (the article says it), 'attributed' (inside a claim it attributes, in indirect speech)
    or 'quote' (inside quotation marks); `speaker` is the attributed claim's speaker.
    """

    term: str  # the lexicon entry's id, e.g. en-regime-russia
    concept: str  # war_name / regime / nazi / fighters / control / territory / preposition / maidan
    side: Side
    text: str
    start: int
    end: int
    voice: str
    speaker: str | None = None
    counterpart: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ClaimedEvent:
    """An event a claim says happened (analyze/events.py): its war type, the ACLED type of its sentence, the
    trigger words, the claim it comes from (index into Article.claims) and that claim's speaker, the side of the
    force said to act, the side said to hold the place afterwards (control events only), the places named in the
    claim (GeoNames ids), the date the claim gives for it (ISO; None when it names none), its figures, and
    whether the claim denies it."""

    type: str
    acled_type: str | None
    text: str
    start: int
    end: int
    claim: int
    speaker: str | None = None
    speaker_side: Side | None = None
    actor_side: str | None = None
    controller: str | None = None
    places: list[str] = field(default_factory=list)
    date: str | None = None
    numbers: list[str] = field(default_factory=list)
    denied: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Article:
    """One article version: metadata, text and what analysis found."""

    id: str
    text: str
    url: str | None = None
    external_id: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601
    published_source: str | None = None  # field / html / url / dateline
    lang: str = "und"
    identity: str = ""  # normalised URL, or sha256 of the text
    content_hash: str = ""
    source_path: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    terms: list[TermUse] = field(default_factory=list)
    events: list[ClaimedEvent] = field(default_factory=list)
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "external_id": self.external_id,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "published": self.published,
            "lang": self.lang,
            "version": self.version,
            "metadata": self.metadata,
            "claims": [c.to_dict() for c in self.claims],
            "places": [p.to_dict() for p in self.places],
            "entities": [e.to_dict() for e in self.entities],
            "terms": [t.to_dict() for t in self.terms],
            "events": [e.to_dict() for e in self.events],
            "framing": framing_summary(self),
        }


def framing_summary(art: Article) -> dict[str, Any]:
    """How the article is told: its attributed claims by the speaker's side (persons, collectives and anonymous
    sources alike), the share of its claims that nobody stands behind (its own voice), its own-voice side-coded
    terms by side, and the spellings of place names it chose (ru / uk / en / other)."""
    sources: dict[str, int] = {}
    own = 0
    for c in art.claims:
        if c.kind == "unattributed":
            own += 1
        else:
            side = (c.speaker.side if c.speaker else None) or "unknown"
            sources[side] = sources.get(side, 0) + 1
    terms: dict[str, int] = {}
    for t in art.terms:
        if t.voice == "own_voice":
            terms[t.side] = terms.get(t.side, 0) + 1
    toponyms: dict[str, int] = {}
    for p in art.places:
        toponyms[p.variant] = toponyms.get(p.variant, 0) + 1
    return {"sources_by_side": dict(sorted(sources.items())),
            "own_voice_share": round(own / len(art.claims), 3) if art.claims else None,
            "own_voice_terms_by_side": dict(sorted(terms.items())),
            "toponym_variants": dict(sorted(toponyms.items()))}
