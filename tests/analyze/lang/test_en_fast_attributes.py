"""The indexed attribute ruler gives exactly the stock component's POS, TAG, DEP, MORPH and lemmas."""

import spacy

from tests.conftest import CORPUS, POLNEAR, SEEDS
from wiretrace.analyze.lang.en.fast_attributes import use_fast_attributes
from wiretrace.analyze.lang.en import load_english


def _texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("syn_en_*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    if (POLNEAR / "dev").is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted((POLNEAR / "dev" / "text").glob("*.txt"))[:25]]
    texts.append("Y'all ain't seen nothin' yet, she said. It's 3 a.m. I'd do it. There is a plan, isn't there?")
    return texts


def test_fast_attribute_ruler_matches_the_stock_component():
    ours = load_english()
    assert "wiretrace_attributes" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    stock = load_english(fast_attributes=False)  # same pipeline, spaCy's own attribute_ruler
    assert "attribute_ruler" in stock.pipe_names
    compared = 0
    for a, b in zip(stock.pipe(_texts()), ours.pipe(_texts())):
        for x, y in zip(a, b):
            assert (x.pos_, x.tag_, x.dep_, str(x.morph), x.lemma_) == (y.pos_, y.tag_, y.dep_, str(y.morph), y.lemma_), x.text
            compared += 1
    assert compared > 1000  # the synthetic corpus alone; ../shared adds the seeds and PolNeAR


def test_swap_is_refused_for_a_pipeline_without_the_component():
    blank = spacy.blank("en")
    assert use_fast_attributes(blank) is False
