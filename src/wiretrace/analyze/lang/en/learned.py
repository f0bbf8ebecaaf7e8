"""A learned attribution-cue model for English: is this verb someone's cue for a claim?

The rule extractor knows the reporting verbs of wire copy ("said", "told", "warned"); news
attribution runs far wider ("wants to", "has vowed", "pointed to", "slammed", "is pushing for"),
and a word list can never catch its tail.  This model scores every verb of a parse by the
features below with weights fitted by `scripts/fit_cues.py` (logistic regression, scikit-learn)
on the PolNeAR train split and shipped as `data/cue_model.json`: a sparse table of feature ->
weight, read with the standard library, so analysis needs neither scikit-learn nor torch.

Written here because no maintained library ships an attribution-cue classifier without torch
(the published ones, e.g. CofeNet, are PyTorch models trained on PolNeAR itself).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token as SpacyToken

_PERSON_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "you"})
MODEL_FILE = "cue_model.json"


def _subject_kind(verb: SpacyToken) -> str:
    """What stands as the verb's subject: a person, an organisation, a pronoun, a noun (by lemma) or nothing."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None:
            return "none" if verb.dep_ not in ("conj", "advcl", "xcomp", "relcl", "acl") else "inherited"
        subj = agent
    if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return subj.ent_type_
    low = subj.lower_
    if subj.pos_ == "PRON":
        return "person-pronoun" if low in _PERSON_PRONOUNS else "pronoun"
    if subj.pos_ == "PROPN":
        return "propn"
    return "noun:" + subj.lemma_.lower()


def cue_features(verb: SpacyToken, in_quote: bool) -> list[str]:
    """The features one verb is scored by: its lemma and tag, how it hangs in the parse, what it governs, who its
    subject is, and their combinations with the lemma (the lemma alone says little: "pointed" at a map, "pointed to"
    a poll)."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    deps = sorted({c.dep_ for c in children})
    subject = _subject_kind(verb)
    subject_class = subject.split(":", 1)[0]
    feats = [f"lemma={lemma}", f"tag={verb.tag_}", f"dep={verb.dep_}", f"lemma|dep={lemma}|{verb.dep_}",
             f"subject={subject}", f"subject_class={subject_class}", f"lemma|subject_class={lemma}|{subject_class}",
             f"head_lemma={verb.head.lemma_.lower()}" if verb.head is not verb else "head=self"]
    for d in deps:
        feats.append(f"child={d}")
        if d in ("ccomp", "xcomp", "dobj", "prep", "prt", "dative", "advcl", "neg", "aux", "mark", "oprd", "acomp"):
            feats.append(f"lemma|child={lemma}|{d}")
    for c in children:
        if c.dep_ in ("prep", "prt"):
            feats.append(f"lemma|{c.dep_}={lemma}|{c.lower_}")
        elif c.dep_ == "mark" or (c.dep_ == "ccomp" and any(g.dep_ == "mark" for g in c.children)):
            mark = c if c.dep_ == "mark" else next(g for g in c.children if g.dep_ == "mark")
            feats.append(f"mark={mark.lower_}")
        elif c.dep_ == "aux" and c.lemma_.lower() in ("will", "would", "could", "might", "may", "should", "can"):
            feats.append("modal")
    if in_quote:
        feats.append("in_quote")
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).text in (":", "—", ","):
        feats.append(f"next={verb.nbor(1).text}")
    return feats


class CueModel:
    """The fitted weights; `probability(verb)` in [0, 1]."""

    def __init__(self, data: dict):
        self.bias = float(data["bias"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        self.threshold = float(data["threshold"])
        self.meta = data.get("meta", {})

    def probability(self, verb: SpacyToken, in_quote: bool = False) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in cue_features(verb, in_quote))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_cue(self, verb: SpacyToken, in_quote: bool = False) -> bool:
        return self.probability(verb, in_quote) >= self.threshold


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None before one was fitted."""
    try:
        text = resources.files(__package__).joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return CueModel(json.loads(text))
