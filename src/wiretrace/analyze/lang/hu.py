"""Hungarian: the cue-lexicon extractor (lang/cues.py) with Hungarian's reporting verbs, "according to" forms and hedges.

Written from the forms Hungarian-language news and the rewrite networks' machine translations of wire items use."""

from .base import Inflection
from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "hu", "Hungarian",
    Cues(
        verbs=(r"mondta", r"közölte", r"jelentette ki", r"nyilatkozta", r"hangsúlyozta", r"állította", r"írta", r"tette hozzá", r"fogalmazott", r"emelte ki", r"jegyezte meg", r"figyelmeztetett", r"számolt be", r"szerint"),
        according=(r"szerint",),
        back=(r"ezt (?:mondta|közölte|nyilatkozta|írta)",),
        callsign=(r"becenev\w*", r"hívónev\w*", r"fedőnev\w*"),
        anonymous=(r"egy forrás\b", r"források\b"),
    ),
    hedges=(r"állítólag", r"megerősítetlen", r"nem erősítették meg", r"feltehetően", r"valószínűleg"),
    # "Kupjanszkot", "Pokrovszkban", "Konsztantyinyivkánál": case suffixes in both vowel harmonies, a final -a/-e
    # lengthened before them
    inflection=Inflection(
        endings=("ban", "ben", "ba", "be", "ból", "ből", "ra", "re", "ról", "ről", "nál", "nél", "hoz", "hez", "höz",
                 "tól", "től", "ig", "val", "vel", "ért", "ként", "nak", "nek", "on", "en", "ön", "ot", "et", "öt",
                 "at", "t", "n"),
        lengthened=(("á", "a"), ("é", "e"))),
)
