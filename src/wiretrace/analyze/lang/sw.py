"""Swahili: the cue-lexicon extractor (lang/cues.py) with Swahili's reporting verbs, "according to" forms and hedges.

Written from the forms Swahili-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "sw", "Swahili",
    Cues(
        verbs=(r"a(?:li|me|na)sema", r"a(?:li|me|na)(?:eleza|bainisha|ongeza|fafanua|dai|onya|andika|ripoti|sisitiza|thibitisha|tangaza)"),
        according=(r"kulingana na", r"kwa mujibu wa"),
        back=(),
        callsign=(r"anayejulikana kama", r"jina la utani"),
    ),
    hedges=(r"inadaiwa", r"kudaiwa", r"haijathibitishwa"),
)
