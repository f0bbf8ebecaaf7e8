"""Spanish: the cue-lexicon extractor (lang/cues.py) with Spanish's reporting verbs, "according to" forms and hedges.

Written from the forms Spanish-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "es", "Spanish",
    Cues(
        verbs=(r"dijo", r"ha dicho", r"declar\w*", r"afirm\w*", r"asegur\w*", r"indicó", r"señal\w*", r"explic\w*", r"añad\w*", r"agreg\w*", r"subray\w*", r"destac\w*", r"advirti\w*", r"precis\w*", r"coment\w*", r"informó", r"escribió", r"sostuvo", r"manifest\w*", r"apunt\w*", r"anunci\w*", r"confirm\w*", r"reconoci\w*", r"denunci\w*", r"reiter\w*"),
        according=(r"según", r"de acuerdo con", r"a juicio de", r"en palabras de"),
        back=(r"así lo (?:dijo|afirmó|declaró|aseguró|indicó|informó)", r"esta (?:opinión|valoración|declaración) (?:fue|la)", r"lo (?:dijo|afirmó|declaró|informó)\b"),
        callsign=(r"alias", r"apodado", r"indicativo", r"nombre en clave"),
        anonymous=(r"una fuente\b", r"fuentes\b", r"un interlocutor\b"),
    ),
    hedges=(r"presunt\w*", r"supuest\w*", r"sin confirmar", r"no verificad\w*", r"habrían?", r"serían?"),
)
