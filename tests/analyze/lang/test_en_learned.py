"""The learned cue model (analyze/lang/en/learned.py) on synthetic sentences written for these tests."""

import re
from pathlib import Path

import pytest

from wiretrace.analyze.lang.en.learned import MODEL_FILE, cue_features, load_cue_model
from wiretrace.analyze.lang.en.lexicon import DEED_VERBS, SPEECH_VERBS

FIT_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "fit_cues.py"


@pytest.fixture(scope="module")
def nlp(analyzer):
    return analyzer.nlp


def _attributed(art):
    return [c for c in art.claims if c.kind != "unattributed"]


def test_verbs_outside_the_lexicon_are_cues_when_the_model_says_so(analyse):
    assert not {"reckon", "worry", "oppose"} & SPEECH_VERBS
    art = analyse("Peskov reckons that the talks in Istanbul will resume next month. "
                  "The governor of Belgorod worries that the shelling of the border villages will intensify. "
                  "Lavrov opposes any deployment of European troops to Ukraine.")
    by_cue = {c.cue.text: c for c in _attributed(art)}
    assert by_cue["reckons"].speaker.kb_id == "person:peskov"
    assert by_cue["reckons"].text == "the talks in Istanbul will resume next month"
    assert by_cue["worries"].speaker.name == "governor of Belgorod"
    assert by_cue["worries"].text == "the shelling of the border villages will intensify"
    # no clause: what the verb governs is the content
    assert by_cue["opposes"].speaker.kb_id == "person:lavrov"
    assert by_cue["opposes"].text == "any deployment of European troops to Ukraine"


def test_deeds_of_war_are_never_cues_on_the_model_alone(analyse):
    assert "attack" in DEED_VERBS and "attack" not in SPEECH_VERBS
    art = analyse("Ukrainian drones attacked the refinery in Tuapse overnight. "
                  "The mayor reopened the bridge over the Kazennyi Torets on Monday.")
    assert _attributed(art) == []


def test_a_verb_outside_the_lexicon_needs_someone_to_speak(analyse):
    art = analyse("On Monday reports emerged that the garrison of Siversk had pulled back to the west.")
    assert _attributed(art) == []


def test_a_setting_is_not_what_was_said(analyse):
    art = analyse("Pushilin posted on his Telegram channel on Friday.")
    assert _attributed(art) == []


def test_the_shipped_weights_name_only_features_the_code_computes(nlp):
    model = load_cue_model()
    assert model is not None, f"data/{MODEL_FILE} is missing: run scripts/fit_cues.py"
    doc = nlp("Peskov reckons that the water supply will resume, and he told reporters: the town will hold.")
    produced = {f.split("=", 1)[0] for t in doc if t.pos_ == "VERB" for f in cue_features(t, False)}
    prefixes = {k.split("=", 1)[0] for k in model.weights}
    # every kind of feature the weights know is one the code still computes (else the model must be refitted)
    assert prefixes <= produced | {"in_quote", "modal", "mark", "next", "lemma|prep", "lemma|prt", "head"}
    default = re.search(r'"--threshold", type=float, default=([\d.]+)', FIT_SCRIPT.read_text()).group(1)
    assert model.threshold == float(default)
    assert 0 < model.threshold < 1 and model.meta["fitted_on"].startswith("PolNeAR")


def test_the_model_ranks_a_stance_verb_above_a_deed(nlp):
    model = load_cue_model()
    hope = next(t for t in nlp("Peskov reckons that the talks will resume.") if t.lemma_ == "reckon")
    reopen = next(t for t in nlp("The mayor reopened the bridge on Monday.") if t.lemma_ == "reopen")
    assert model.is_cue(hope) and not model.is_cue(reopen)
    assert model.probability(hope) > model.probability(reopen)
