"""Loading the NLP models: spaCy for English, Natasha for Russian.  Both ship inside PyPI wheels."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors
from ..settings import DEFAULT_SPACY_MODELS
from .fast_attributes import use_fast_attributes


@Language.component("wiretrace_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence.

    Rewrite farms write one sentence per paragraph, and the parser otherwise runs a
    closing quote mark and the next paragraph together.  Runs before the parser,
    which keeps boundaries already set.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_english(name: str = "", fast_attributes: bool = True) -> spacy.language.Language:
    """The English pipeline named by the setting, else the first of DEFAULT_SPACY_MODELS installed.

    With `fast_attributes` the model's attribute_ruler is swapped for an indexed
    equivalent with identical output (see fast_attributes.py), the pipeline's one
    cheap-to-remove cost.

    Raises ValueError(E020) when none is installed: no model is ever downloaded.
    """
    names = (name,) if name else DEFAULT_SPACY_MODELS
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate)
            if "parser" in nlp.pipe_names:
                nlp.add_pipe("wiretrace_paragraph_sentences", before="parser")
            if fast_attributes:
                use_fast_attributes(nlp)
            return nlp
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
