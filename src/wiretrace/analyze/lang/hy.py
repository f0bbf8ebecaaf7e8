"""Armenian: the cue-lexicon extractor (lang/cues.py) with Armenian's reporting verbs, "according to" forms and hedges.

Written from the forms Armenian-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "hy", "Armenian",
    Cues(
        verbs=(r"ասել է", r"հայտարարել է", r"նշել է", r"հայտնել է", r"ընդգծել է", r"գրել է", r"պնդել է", r"հայտնում են", r"ասում է"),
        according=(r"համաձայն", r"ըստ"),
        back=(),
        callsign=(),
        verb_final=True,
    ),
    hedges=(r"իբր", r"ենթադրաբար", r"չհաստատված"),
)
