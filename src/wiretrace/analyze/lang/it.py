"""Italian: the cue-lexicon extractor (lang/cues.py) with Italian's reporting verbs, "according to" forms and hedges.

Written from the forms Italian-language news and the rewrite networks' machine translations of wire items use."""

from .cues import CueLanguage, Cues

LANGUAGE = CueLanguage(
    "it", "Italian",
    Cues(
        verbs=(r"ha detto", r"dichiar\w*", r"afferm\w*", r"sottoline\w*", r"spieg\w*", r"aggiun\w*", r"rifer\w*", r"scriv\w*", r"scrive\b", r"ha scritto", r"ha osservato", r"precis\w*", r"annunci\w*", r"comment\w*", r"conferm\w*", r"avvert\w*", r"riport\w*", r"evidenzi\w*", r"ribad\w*", r"sostien\w*", r"conduce .{0,40}parole"),
        according=(r"secondo\b", r"a detta d", r"stando a"),
        back=(r"lo ha (?:dichiarato|detto|affermato|riferito|scritto|sottolineato)", r"questa (?:opinione|valutazione|dichiarazione) è stata", r"è quanto ha", r"lo (?:riferisce|riporta)"),
        callsign=(r"nominativo(?: di chiamata)?", r"soprannominat\w*", r"nome di battaglia", r"chiamato"),
        anonymous=(r"una fonte\b", r"fonti\b", r"un interlocutore\b"),
    ),
    hedges=(r"presunt\w*", r"secondo indiscrezioni", r"non confermat\w*", r"non verificat\w*", r"sarebbero?", r"avrebbero?"),
)
