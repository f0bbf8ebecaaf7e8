"""Loading the NLP models: spaCy for English, Natasha for Russian.  Both ship inside PyPI wheels."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy

from ..errors import Errors
from ..settings import DEFAULT_SPACY_MODELS

# Components attribution does not need; the lemmatizer is kept (cue lemmas).
_UNUSED: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_english(name: str = "") -> spacy.language.Language:
    """The English pipeline named by the setting, else the first of DEFAULT_SPACY_MODELS installed.

    Raises ValueError(E020) when none is installed: no model is ever downloaded.
    """
    names = (name,) if name else DEFAULT_SPACY_MODELS
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            return spacy.load(candidate, disable=list(_UNUSED))
    raise ValueError(Errors.E020.format(names=", ".join(names)))


def english_model_name(name: str = "") -> str:
    nlp = load_english(name)
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


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
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.parse_syntax(self.syntax)
        doc.tag_ner(self.ner)
        for token in doc.tokens:
            token.lemmatize(self.morph_vocab)
        for span in doc.spans:
            span.normalize(self.morph_vocab)
        return doc


@lru_cache(maxsize=1)
def load_russian() -> RussianModels:
    return RussianModels()
