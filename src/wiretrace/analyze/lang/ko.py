"""Korean: the cue-lexicon extractor (lang/cues.py) with Korean's reporting verbs, "according to" forms and hedges.

Written from the forms Korean-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "ko", "Korean",
    Cues(
        verbs=(r"말했", r"밝혔", r"전했", r"강조했", r"설명했", r"주장했", r"덧붙였", r"지적했", r"발표했", r"경고했", r"피력했", r"언급했", r"보도했", r"썼다",
               r"전망했", r"평가했", r"보고했", r"시사했", r"단언했", r"확인했", r"부인했", r"예상했", r"내다봤"),
        according=(r"에 따르면",),
        back=(),
        callsign=(r"호출부호", r"콜사인"),
        unspaced=True,
        verb_final=True,
    ),
    hedges=(r"주장하는", r"확인되지 않은", r"알려졌"),
)
