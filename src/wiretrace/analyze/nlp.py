"""What every spaCy-based language shares: finding an installed model and splitting sentences at line breaks.
Models ship inside PyPI wheels; none is ever downloaded."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc


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


def load_spacy_model(names: tuple[str, ...]) -> spacy.language.Language | None:
    """The first of `names` that is installed, with line breaks ending sentences; None when none is."""
    for candidate in names:
        if candidate and importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate)
            before = "parser" if "parser" in nlp.pipe_names else None
            if before:
                nlp.add_pipe("wiretrace_paragraph_sentences", before=before)
            return nlp
    return None
