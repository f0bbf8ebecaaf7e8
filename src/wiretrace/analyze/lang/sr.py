"""Serbian: the cue-lexicon extractor (lang/cues.py) with Serbian's reporting verbs, "according to" forms and hedges.

Written from the forms Serbian-language news and the rewrite networks' machine translations of wire items use."""

from .base import Inflection
from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "sr", "Serbian",
    Cues(
        verbs=(r"izjavi\w*", r"изјави\w*", r"reka\w*", r"река\w*", r"naveo", r"навео", r"istaka\w*", r"истака\w*", r"doda\w*", r"дода\w*", r"saopšti\w*", r"саопшти\w*", r"napisa\w*", r"написа\w*", r"objasni\w*", r"објасни\w*", r"upozori\w*", r"упозори\w*", r"tvrdi\w*", r"тврди\w*"),
        according=(r"prema", r"према", r"po rečima", r"по речима", r"kako je (?:rekao|naveo|izjavio)", r"како је (?:рекао|навео|изјавио)"),
        back=(r"to je (?:izjavio|rekao|naveo)", r"то је (?:изјавио|рекао|навео)"),
        callsign=(r"nadimk\w*", r"надимк\w*", r"pozivn\w*", r"позивн\w*"),
        anonymous=(r"izvor\b", r"извор\b", r"sagovorni\w*", r"саговорни\w*"),
    ),
    hedges=(r"navodno", r"наводно", r"nezvanično", r"незванично", r"nepotvrđen\w*", r"непотврђен\w*"),
    # Latin script "u Pokrovsku", "Konstantinovke" (Cyrillic words get the Russian and Ukrainian endings)
    inflection=Inflection(endings=("om", "em", "ima", "ama", "u", "a", "e", "i"), nominative=("", "a")),
)
