"""Polish: the cue-lexicon extractor (lang/cues.py) with Polish's reporting verbs, "according to" forms and hedges.

Written from the forms Polish-language news and the rewrite networks' machine translations of wire items use."""

from .base import Inflection
from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "pl", "Polish",
    Cues(
        verbs=(r"powiedział\w*", r"oświadczył\w*", r"stwierdził\w*", r"zaznaczył\w*", r"podkreślił\w*", r"dodał\w*", r"poinformował\w*", r"napisał\w*", r"przekazał\w*", r"ocenił\w*", r"wyjaśnił\w*", r"zauważył\w*", r"ostrzegł\w*", r"twierdzi\w*", r"przyznał\w*", r"zapowiedział\w*", r"relacjonuje", r"mówi\b", r"pisze\b"),
        according=(r"według", r"zdaniem", r"jak (?:podaje|twierdzi|powiedział\w*|poinformował\w*|zaznaczył\w*|podkreślił\w*|napisał\w*)"),
        back=(r"tak (?:powiedział|stwierdził|ocenił|oświadczył)\w*", r"o tym (?:poinformował|powiedział|napisał)\w*", r"taką (?:opinię|ocenę) (?:wyraził|przedstawił)\w*", r"poinformował\w* o tym"),
        callsign=(r"pseudonim\w*", r"kryptonim\w*", r"o pseudonimie"),
        anonymous=(r"źródło\b", r"źródła\b", r"rozmówca\b"),
    ),
    hedges=(r"rzekomo", r"podobno", r"prawdopodobnie", r"niepotwierdzon\w*", r"niezweryfikowan\w*"),
    # "w Pokrowsku", "Konstantynówki", "w Konstantynówce": case endings; a feminine's nominative ends in -a, -ka
    inflection=Inflection(endings=("iem", "em", "ach", "ami", "om", "ce", "u", "a", "i", "y", "ę", "ą", "e"),
                          nominative=("", "a", "ka")),
)
