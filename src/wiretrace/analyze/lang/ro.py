"""Romanian: the cue-lexicon extractor (lang/cues.py) with Romanian's reporting verbs, "according to" forms and hedges.

Written from the forms Romanian-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "ro", "Romanian",
    Cues(
        verbs=(r"a declarat", r"a spus", r"a afirmat", r"a subliniat", r"a precizat", r"a adăugat", r"a explicat", r"a scris", r"a anunțat", r"a avertizat", r"a transmis", r"susține"),
        according=(r"potrivit", r"conform", r"după cum a (?:declarat|spus)"),
        back=(),
        callsign=(r"indicativul", r"poreclit"),
        anonymous=(r"o sursă\b", r"surse\b"),
    ),
    hedges=(r"presupus\w*", r"neconfirmat\w*", r"ar fi\b"),
)
