"""German: the cue-lexicon extractor (lang/cues.py) with German's reporting verbs, "according to" forms and hedges.

Written from the forms German-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "de", "German",
    Cues(
        verbs=(r"sagte", r"sagt\b", r"erklärt\w*", r"betont\w*", r"teilte\w*", r"berichtet\w*", r"schreibt", r"schrieb", r"meinte", r"äußert\w*", r"bemerkt\w*", r"fügte\w*", r"unterstrich\w*", r"warnt\w*", r"kommentiert\w*", r"bestätigt\w*", r"behauptet\w*", r"versichert\w*", r"zufolge", r"räumte\w*", r"verkündet\w*", r"führt\w* .{0,40}die worte"),
        according=(r"laut\b", r"nach angaben", r"nach ansicht", r"nach (?:den )?worten"),
        back=(r"dies (?:erklärte|sagte|teilte|berichtete|betonte|schrieb)", r"das (?:erklärte|sagte|teilte|berichtete)", r"diese (?:meinung|einschätzung|ansicht) äußerte", r"darüber berichtete", r"davon berichtete"),
        callsign=(r"rufnamen?", r"kampfnamen?", r"spitznamen?", r"mit dem namen", r"genannt"),
        anonymous=(r"eine (?:gut |gut informierte |informierte )?quelle\b", r"quellen\b", r"informierte kreise\b", r"ein gesprächspartner\b"),
    ),
    hedges=(r"angeblich", r"mutmaßlich\w*", r"vermeintlich\w*", r"unbestätigt\w*", r"nicht unabhängig (?:überprüf|bestätig)\w*", r"sollen", r"soll angeblich", r"offenbar"),
)
