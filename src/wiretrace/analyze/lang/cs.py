"""Czech: the cue-lexicon extractor (lang/cues.py) with Czech's reporting verbs, "according to" forms and hedges.

Written from the forms Czech-language news and the rewrite networks' machine translations of wire items use."""

from .base import Inflection
from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "cs", "Czech",
    Cues(
        verbs=(r"řekl\w*", r"uvedl\w*", r"prohlásil\w*", r"zdůraznil\w*", r"dodal\w*", r"napsal\w*", r"oznámil\w*", r"varoval\w*", r"sdělil\w*", r"upozornil\w*", r"tvrdí", r"tvrdil\w*", r"podotkl\w*"),
        according=(r"podle",),
        back=(),
        callsign=(r"přezdívk\w*", r"volací znak"),
        anonymous=(r"zdroj\b", r"zdroje\b"),
    ),
    hedges=(r"údajně", r"prý", r"nepotvrzen\w*", r"pravděpodobně"),
    # "v Pokrovsku", "u Kosťantynivky", "v Kosťantynivce": case endings; a feminine's nominative ends in -a, -ka
    inflection=Inflection(endings=("ách", "ích", "ech", "ům", "em", "ou", "ě", "e", "u", "y", "a", "i", "ce"),
                          nominative=("", "a", "ka")),
)
