"""Hindi: the cue-lexicon extractor (lang/cues.py) with Hindi's reporting verbs, "according to" forms and hedges.

Written from the forms Hindi-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "hi", "Hindi",
    Cues(
        verbs=(r"ने कहा", r"कहा", r"बताया", r"घोषणा", r"लिखा", r"दावा किया", r"स्पष्ट किया", r"ज़ोर देकर"),
        according=(r"के अनुसार", r"के मुताबिक"),
        back=(r"यह बात",),
        callsign=(),
        verb_final=True,
    ),
    hedges=(r"कथित", r"अपुष्ट", r"कथित तौर पर"),
)
