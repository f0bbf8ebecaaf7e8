"""Urdu: the cue-lexicon extractor (lang/cues.py) with Urdu's reporting verbs, "according to" forms and hedges.

Written from the forms Urdu-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "ur", "Urdu",
    Cues(
        verbs=(r"نے کہا", r"کہا", r"بتایا", r"واضح کیا", r"اعلان کیا", r"لکھا", r"زور دیا", r"دعوی کیا", r"دعویٰ کیا", r"انکشاف کیا"),
        according=(r"کے مطابق", r"کی رائے میں"),
        back=(r"یہ بات",),
        callsign=(),
        verb_final=True,
    ),
    hedges=(r"مبینہ", r"غیر مصدقہ", r"مبینہ طور پر"),
)
