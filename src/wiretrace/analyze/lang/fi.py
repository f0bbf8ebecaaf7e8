"""Finnish: the cue-lexicon extractor (lang/cues.py) with Finnish's reporting verbs, "according to" forms and hedges.

Written from the forms Finnish-language news and the rewrite networks' machine translations of wire items use."""

from .base import Inflection
from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "fi", "Finnish",
    Cues(
        verbs=(r"sanoi", r"sanoo", r"kertoi", r"kertoo", r"totesi", r"toteaa", r"korosti", r"lisäsi", r"arvioi", r"kirjoitti", r"kirjoittaa", r"vahvisti", r"varoitti", r"väitti"),
        according=(r"mukaan\w*",),
        back=(),
        callsign=(r"peitenim\w*", r"lempinim\w*"),
        anonymous=(r"lähde\b", r"lähteet\b", r"lähteen mukaan\b"),
    ),
    hedges=(r"väitetään", r"väitetysti", r"vahvistamat\w*", r"kerrotaan", r"ilmeisesti", r"oletettavasti"),
    # "Kupjanskissa", "Kostjantynivkan", "Pokrovskiin": case endings, with the -i- a consonant-final name takes
    inflection=Inflection(
        endings=("issa", "issä", "ista", "istä", "illa", "illä", "ilta", "iltä", "ille", "iksi", "iin", "in", "ia",
                 "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä", "an", "än",
                 "en", "n", "a", "ä", "ta", "tä")),
)
