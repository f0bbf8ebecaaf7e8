"""Ukrainian: the cue-lexicon extractor (lang/cues.py) with Ukrainian's reporting verbs, "according to" forms and hedges.

Written from the forms Ukrainian-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "uk", "Ukrainian",
    Cues(
        verbs=(r"заяви\w*", r"повідоми\w*", r"сказа\w*", r"зазначи\w*", r"наголоси\w*", r"підкресли\w*", r"дода\w*", r"розпові\w*", r"поясни\w*", r"написа\w*", r"попереди\w*", r"запевни\w*", r"визна\w*", r"переда\w*", r"інформу\w*", r"говорить", r"каже\b", r"пише\b", r"вважає"),
        according=(r"за словами", r"за даними", r"на думку", r"згідно з", r"як (?:повідоми|заяви|зазначи|розпові|наголоси|написа)\w*"),
        back=(r"про це (?:повідоми|заяви|сказа|розпові|написа|інформу)\w*", r"таку (?:думку|оцінку) (?:висловив|висловила|дав|дала)\w*"),
        callsign=(r"позивним", r"позивний", r"на псевдо", r"з позивним"),
    ),
    hedges=(r"нібито", r"імовірно", r"ймовірно", r"за неперевіреними даними", r"за деякими даними", r"можливо", r"за попередніми даними", r"повідомляється"),
)
