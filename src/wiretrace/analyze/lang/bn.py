"""Bengali: the cue-lexicon extractor (lang/cues.py) with Bengali's reporting verbs, "according to" forms and hedges.

Written from the forms Bengali-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "bn", "Bengali",
    Cues(
        verbs=(r"বলেন", r"বলেছেন", r"জানান", r"জানিয়েছেন", r"লিখেছেন", r"দাবি করেন", r"ঘোষণা"),
        according=(r"অনুসারে", r"মতে"),
        back=(),
        callsign=(),
        verb_final=True,
    ),
    hedges=(r"কথিত", r"অসমর্থিত"),
)
