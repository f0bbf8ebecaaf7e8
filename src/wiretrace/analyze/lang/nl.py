"""Dutch: the cue-lexicon extractor (lang/cues.py) with Dutch's reporting verbs, "according to" forms and hedges.

Written from the forms Dutch-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "nl", "Dutch",
    Cues(
        verbs=(r"zei\b", r"zegt", r"verklaarde", r"stelde", r"benadrukte", r"meldde", r"schreef", r"liet weten", r"voegde", r"waarschuwde", r"aldus"),
        according=(r"volgens",),
        back=(),
        callsign=(r"roepnaam", r"bijnaam"),
        anonymous=(r"een bron\b", r"bronnen\b"),
    ),
    hedges=(r"naar verluidt", r"vermeend\w*", r"onbevestigd\w*", r"zou(?:den)?\b"),
)
