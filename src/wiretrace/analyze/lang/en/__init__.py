"""English: spaCy's en_core_web_sm (from PyPI) and the dependency-based attribution extractor."""

from __future__ import annotations

from functools import lru_cache

import spacy

from ....errors import Errors
from ....model import Article, Claim, EntityMention, Relay, Span
from ....settings import DEFAULT_SPACY_MODELS
from ...mentions import find_aliases
from ...nlp import load_spacy_model
from ...places import Token, find_places
from ..base import Language, unattributed
from .extractor import EnglishExtractor, iter_sentences
from .fast_attributes import use_fast_attributes


@lru_cache(maxsize=4)
def load_english(name: str = "", fast_attributes: bool = True) -> spacy.language.Language:
    """The English pipeline named by the setting, else the first of DEFAULT_SPACY_MODELS installed.

    With `fast_attributes` the model's attribute_ruler is swapped for an indexed
    equivalent with identical output (see fast_attributes.py), the pipeline's one
    cheap-to-remove cost.

    Raises ValueError(E020) when none is installed: no model is ever downloaded.
    """
    names = (name,) if name else DEFAULT_SPACY_MODELS
    nlp = load_spacy_model(names)
    if nlp is None:
        raise ValueError(Errors.E020.format(names=", ".join(names)))
    if fast_attributes:
        use_fast_attributes(nlp)
    return nlp


def english_model_name(name: str = "") -> str:
    nlp = load_english(name)
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


class English(Language):
    code = "en"
    resolves_names = True
    name = "English"
    hedges = (
        r"reportedly", r"allegedly", r"purportedly", r"supposedly", r"ostensibly", r"apparently", r"presumably",
        r"unverified", r"unconfirmed", r"could not be (?:independently )?verified", r"cannot be (?:independently )?verified",
        r"not (?:been )?independently (?:verified|confirmed)", r"sources? close to", r"according to (?:some|unconfirmed|media) reports",
        r"(?:is|are|was|were) (?:said|believed|thought|rumou?red) to", r"rumou?rs?", r"alleged", r"purported",
        r"it (?:is|was) (?:claimed|reported|alleged|said) that", r"anonymous sources?", r"unnamed sources?",
        r"a source", r"sources said", r"claims? (?:that|which) (?:\w+ )?(?:denies|denied|reject)",
    )

    def parse_many(self, texts: list[str], analyzer) -> list:
        return list(analyzer.nlp.pipe(texts))

    def analyze(self, art: Article, doc, analyzer) -> None:
        kb = analyzer.kb
        text = art.text
        if doc is None:
            doc = analyzer.nlp(text)
        ents = list(doc.ents)
        person_tokens = {i for ent in ents if ent.label_ == "PERSON" and not kb.place_candidates(ent.text, fuzzy=False)
                         for i in range(ent.start, ent.end)}
        verbal = [t.pos_ in ("VERB", "AUX") for t in doc]
        is_surname = kb.is_person_surname
        tokens = [Token(t.text, t.idx, t.idx + len(t.text),
                        blocked=t.i in person_tokens or t.is_space or (t.text[:1].isupper() and is_surname(t.text)))
                  for t in doc]
        aliases = find_aliases(text, tokens, kb)
        art.places = find_places(text, tokens, kb)
        extractor = EnglishExtractor(doc, kb, aliases)
        claims: list[Claim] = []
        sentences = list(iter_sentences(doc))
        for k, sent in enumerate(sentences):
            following = sentences[k + 1] if k + 1 < len(sentences) else None
            sent_end = sent.start_char + len(sent.text.rstrip())
            if claims and any(c.start <= sent.start_char and sent_end <= c.end + 2 for c in claims[-16:]
                              if c.kind != "unattributed"):
                continue  # inside a quote that started in an earlier sentence and is already a claim
            found = _fold_relay_clauses(extractor.sentence_claims(sent, sentences[k - 1] if k else None), text)
            extractor.pending_quote = None
            if found and found[0].end <= sent.start_char:
                # the claim is the sentence before ("This was stated by ..."): it is no longer the article's own voice
                # (its content may stop before the closing mark and the full stop inside it: 'us.”')
                claims = [c for c in claims if not (c.kind == "unattributed" and c.start >= found[0].start - 1
                                                    and c.end <= found[0].end + 3)]
            if found:
                claims.extend(found)
                continue
            if extractor.continuation(sent, [c for c in claims if c.kind != "unattributed"], following):
                continue
            quoted = extractor.quote_only(sent)
            if quoted and extractor.attribution_fragment(following):
                extractor.pending_quote = Span(text[quoted[0].start:quoted[-1].end], quoted[0].start, quoted[-1].end)
                continue
            claims.extend(unattributed(text, sent.start_char, sent.end_char,
                                       has_verb=any(verbal[sent.start:sent.end]), language=self))
        art.claims = claims
        linked = extractor.memory.linked_ids
        entities = list(aliases)
        for ent in ents:
            if ent.label_ != "PERSON" or any(p.start <= ent.start_char < p.end for p in art.places):
                continue
            person = kb.person(ent.text, context=linked)
            entities.append(EntityMention(ent.text, ent.start_char, ent.end_char, "PERSON",
                                          person.name if person else None, person.id if person else None,
                                          person.side if person else "unknown"))
        art.entities = sorted(entities, key=lambda e: e.start)


def _fold_relay_clauses(found: list[Claim], text: str) -> list[Claim]:
    """"Peskov said the talks were over, TASS reported": the agency relays Peskov's claim and makes none of its own;
    its clause leaves Peskov's content."""
    relays = [c for c in found if c.speaker and c.speaker.kind == "outlet"]
    for r in relays:
        host = next((c for c in found if c is not r and c.speaker and c.speaker.kind != "outlet"
                     and (c.start < r.speaker.start < c.end + 2 or r.start <= c.start < c.end <= r.end)), None)
        if host is None:
            continue
        cut = r.speaker.start
        while cut > host.start and text[cut - 1] in " ,;—–-":
            cut -= 1
        if cut < host.end:
            host.end = cut
            host.text = text[host.start:cut]
            host.quotes = [q for q in host.quotes if q.end <= cut]
        sp = r.speaker
        if not any(x.kb_id == sp.kb_id for x in host.relays):
            host.relays.append(Relay(sp.name or sp.text, sp.text, sp.start, sp.end, sp.kb_id, None))
        found = [c for c in found if c is not r]
    return found


LANGUAGE = English()
