"""Georgian: the cue-lexicon extractor (lang/cues.py) with Georgian's reporting verbs, "according to" forms and hedges.

Written from the forms Georgian-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "ka", "Georgian",
    Cues(
        verbs=(r"განაცხადა", r"თქვა", r"აღნიშნა", r"განმარტა", r"დაწერა", r"ხაზი გაუსვა", r"წერს", r"აცხადებს"),
        according=(r"თქმით", r"განცხადებით", r"ცნობით", r"მიხედვით"),
        back=(),
        callsign=(),
        verb_final=True,
    ),
    hedges=(r"სავარაუდოდ", r"თითქოსდა", r"დაუდასტურებელი"),
)
