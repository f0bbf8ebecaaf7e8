"""Russian: Natasha's news models (segmenter, morphology, syntax, NER; shipped in its PyPI wheel) and the
wire-form extractor."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ....model import Article, EntityMention
from ...mentions import find_aliases
from ...places import Token, find_places
from ..base import Language, unattributed
from .extractor import RussianExtractor


class RussianModels:
    """Natasha's segmenter, morphology, syntax and NER over its bundled news embeddings (loaded once)."""

    def __init__(self):
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        emb = NewsEmbedding()
        self.morph = NewsMorphTagger(emb)
        self.syntax = NewsSyntaxParser(emb)
        self.ner = NewsNERTagger(emb)

    def parse(self, text: str):
        from natasha import Doc

        doc = Doc(text)
        _segment_by_lines(doc, self.segmenter)
        doc.tag_morph(self.morph)
        doc.parse_syntax(self.syntax)
        doc.tag_ner(self.ner)
        for token in doc.tokens:
            token.lemmatize(self.morph_vocab)
        for span in doc.spans:
            span.normalize(self.morph_vocab)
        return doc


def _segment_by_lines(doc, segmenter) -> None:
    """Natasha's segmentation with a line break ending a sentence as well: razdel runs a headline without a final
    period into the lead ("... Пушилин" + "Об этом сообщил ..."), and the parser then finds two roots and no subject."""
    from natasha.doc import DocSent, adapt_sent, adapt_token

    doc.tokens = [adapt_token(t) for t in segmenter.tokenize(doc.text)]
    sents = []
    for sent in (adapt_sent(s) for s in segmenter.sentenize(doc.text)):
        offset = sent.start
        for line in sent.text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = offset + line.index(stripped)
                sents.append(DocSent(start, start + len(stripped), stripped))
            offset += len(line) + 1
    doc.sents = sents
    doc.envelop_sent_tokens()


def _nameable(text: str) -> str:
    """The text with letters that have no Unicode name (pymorphy2, under Natasha, looks every letter's name up and
    crashes on them) replaced one for one, so offsets hold."""
    if all(ord(ch) < 0x3000 for ch in text):
        return text
    return "".join("x" if ch.isalpha() and not unicodedata.name(ch, "") else ch for ch in text)


@lru_cache(maxsize=1)
def load_russian() -> RussianModels:
    return RussianModels()


class Russian(Language):
    code = "ru"
    resolves_names = True
    name = "Russian"
    hedges = (
        r"якобы", r"предположительно", r"по неподтвержд[её]нным данным", r"по некоторым данным", r"по слухам",
        r"источник(?:и|ов|а)? (?:в|из|близк)", r"не удалось (?:независимо )?проверить", r"возможно", r"вероятно",
        r"по имеющимся данным", r"по предварительным данным", r"сообщается",
    )

    def analyze(self, art: Article, doc, analyzer) -> None:
        kb = analyzer.kb
        text = art.text
        doc = load_russian().parse(_nameable(text))
        per_tokens = set()
        for span in doc.spans:
            if span.type == "PER":
                per_tokens.update(range(span.start, span.stop))
        tokens = [Token(t.text, t.start, t.stop, lemma=(t.lemma or "").replace("ё", "е"),
                        blocked=t.start in per_tokens, pos=t.pos or "") for t in doc.tokens]
        aliases = find_aliases(text, tokens, kb)
        art.places = find_places(text, tokens, kb)
        extractor = RussianExtractor(doc, text, kb, aliases)
        claims, unattributed_sentences = extractor.extract()
        for i, sent in enumerate(doc.sents):
            if i in unattributed_sentences and sent.tokens:
                claims.extend(unattributed(text, sent.start, sent.stop, has_verb=any(
                    t.pos in ("VERB", "AUX") for t in sent.tokens), language=self))
        art.claims = sorted(claims, key=lambda c: (c.sentence_start, c.start))
        entities = list(aliases)
        for span in doc.spans:
            if span.type == "PER":
                person = kb.person(span.normal or span.text, context=extractor.memory.linked_ids)
                entities.append(EntityMention(span.text, span.start, span.stop, "PERSON", person.name if person else span.normal,
                                              person.id if person else None, person.side if person else "unknown"))
            elif span.type == "ORG" and not any(a.start <= span.start < a.end for a in aliases):
                entities.append(EntityMention(span.text, span.start, span.stop, "ORG", span.normal, None))
            elif span.type == "LOC" and not any(p.start <= span.start < p.end for p in art.places):
                # a location the gazetteer does not know, kept with Natasha's normal form
                entities.append(EntityMention(span.text, span.start, span.stop, "LOC", span.normal, None))
        art.entities = sorted(entities, key=lambda e: e.start)


LANGUAGE = Russian()
