"""Turkish: the cue-lexicon extractor (lang/cues.py) with Turkish's reporting verbs, "according to" forms and hedges.

Written from the forms Turkish-language news and the rewrite networks' machine translations of wire items use."""

from .base import Inflection
from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "tr", "Turkish",
    Cues(
        verbs=(r"dedi", r"söyledi", r"açıkladı", r"belirtti", r"ifade etti", r"vurguladı", r"bildirdi", r"kaydetti", r"aktardı", r"yazdı", r"iddia etti", r"uyardı", r"ekledi", r"ortaya koydu", r"değerlendirdi", r"ısrar etti", r"açıklamasında", r"açıklama yaptı"),
        according=(r"göre",),
        back=(),
        callsign=(r"kod adlı", r"lakaplı", r"takma adlı"),
        anonymous=(r"bir kaynak\b", r"kaynaklar\b"),
        verb_final=True,
    ),
    hedges=(r"iddiaya göre", r"iddia edilen", r"doğrulanmamış", r"teyit edilmemiş", r"muhtemelen", r"bildirildiğine göre"),
    inflection=Inflection(apostrophe=True),  # "Kupyansk'tan", "Pokrovsk'ta": the suffix after an apostrophe
)
