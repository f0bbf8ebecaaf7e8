"""Greek: the cue-lexicon extractor (lang/cues.py) with Greek's reporting verbs, "according to" forms and hedges.

Written from the forms Greek-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "el", "Greek",
    Cues(
        verbs=(r"δήλωσε", r"ανέφερε", r"είπε", r"τόνισε", r"σημείωσε", r"πρόσθεσε", r"εξήγησε", r"έγραψε", r"επισημαίνει", r"υπογράμμισε", r"προειδοποίησε", r"αναφέρει", r"δηλώνει"),
        according=(r"σύμφωνα με", r"κατά τον", r"κατά την", r"όπως (?:δήλωσε|ανέφερε|είπε)"),
        back=(),
        callsign=(r"με το ψευδώνυμο", r"με το παρατσούκλι"),
        anonymous=(r"πηγή\b", r"πηγές\b"),
    ),
    hedges=(r"φέρεται", r"φερόμεν\w*", r"ανεπιβεβαίωτ\w*", r"πιθανώς", r"φέρονται"),
)
