"""Portuguese: the cue-lexicon extractor (lang/cues.py) with Portuguese's reporting verbs, "according to" forms and hedges.

Written from the forms Portuguese-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "pt", "Portuguese",
    Cues(
        verbs=(r"disse", r"declar\w*", r"afirm\w*", r"assegur\w*", r"indicou", r"sublinh\w*", r"destac\w*", r"explic\w*", r"acrescent\w*", r"escreveu", r"escreve\b", r"coment\w*", r"informou", r"anunci\w*", r"confirm\w*", r"advert\w*", r"alert\w*", r"ressalt\w*", r"salient\w*", r"relat\w*", r"observou", r"notou"),
        according=(r"segundo\b", r"de acordo com", r"conforme\b", r"na opinião d", r"nas palavras d"),
        back=(r"foi o que (?:disse|afirmou|declarou)", r"isso foi (?:dito|declarado|afirmado)", r"esta (?:opinião|avaliação) foi", r"a declaração foi feita"),
        callsign=(r"indicativo", r"codinome", r"alcunha", r"apelidado", r"conhecido como"),
        anonymous=(r"uma fonte\b", r"fontes\b", r"um interlocutor\b"),
    ),
    hedges=(r"supost\w*", r"alegad\w*", r"não confirmad\w*", r"não verificad\w*", r"teriam?", r"seriam?"),
)
