"""Bulgarian: the cue-lexicon extractor (lang/cues.py) with Bulgarian's reporting verbs, "according to" forms and hedges.

Written from the forms Bulgarian-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "bg", "Bulgarian",
    Cues(
        verbs=(r"заяви\w*", r"каза\w*", r"съобщи\w*", r"посочи\w*", r"подчерта\w*", r"добави\w*", r"обясни\w*", r"написа\w*", r"коментира\w*", r"отбеляза\w*", r"предупреди\w*", r"уточни\w*", r"допълни\w*", r"твърди\w*"),
        according=(r"според", r"по думите на", r"както (?:заяви|съобщи|каза)\w*"),
        back=(r"това (?:заяви|каза|съобщи|написа)\w*", r"за това съобщи\w*"),
        callsign=(r"позивна\w*", r"с прякор"),
        anonymous=(r"източник\b", r"източници\b", r"събеседни\w*"),
    ),
    hedges=(r"уж\b", r"предполагаем\w*", r"непотвърден\w*", r"вероятно", r"по неофициални данни"),
)
