"""Word lists behind English attribution: cue verbs, agent nouns, nominal cues, titles.

Hand-written because no library ships them; drawn from the attribution forms in
DOMAIN.md, the PolNeAR annotation guidelines' cue classes and reading rewrites.
"""

from __future__ import annotations

# Verbs whose subject is a speaker and whose complement is what was said.
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "announce", "declare", "claim", "assert", "add", "note", "stress", "emphasize",
    "emphasise", "highlight", "warn", "insist", "explain", "report", "argue", "suggest", "believe", "write",
    "confirm", "deny", "admit", "acknowledge", "accuse", "allege", "describe", "call", "predict", "estimate",
    "reveal", "disclose", "indicate", "mention", "comment", "remark", "reply", "respond", "recall", "tweet",
    "post", "posit", "observe", "underscore", "underline", "reiterate", "assure", "maintain", "contend", "conclude",
    "urge", "vow", "promise", "pledge", "threaten", "caution", "concede", "complain", "boast", "charge",
    "specify", "clarify", "recount", "testify", "inform", "brief", "think", "feel", "expect", "hope", "fear",
    "point", "signal", "hint", "lament", "question", "dismiss", "reject", "criticize", "criticise", "slam",
    "praise", "label", "characterize", "characterise", "brand", "dub", "accuse", "blame", "condemn",
    "denounce", "assess", "find", "show", "learn", "agree", "doubt", "stat", "announce", "proclaim", "quip",
    "joke", "scoff", "muse", "speculate", "surmise", "guess", "figure", "imply", "demand", "ask",
    "acknowledge", "recognize", "recognise", "forecast", "project", "calculate", "counter", "retort",
    "emphasize", "opine", "aver", "relate", "allege", "publish", "broadcast", "quote", "cite",
    "continue", "laugh", "shrug", "sigh", "chuckle", "smile", "interject", "exclaim", "shout", "yell", "whisper",
    "murmur", "plead", "concur", "acknowledge", "remind", "advise", "instruct", "order", "propose", "express",
    "voice",
    # verbs of stance and evaluation that PolNeAR's train split marks as cues at least half the times they take a
    # subject and a complement (counted with scripts/cue_verbs.py; measured on its dev split)
    "endorse", "defend", "discuss", "mock", "tout", "portray", "echo", "deem", "rail", "decry", "recommend",
    "applaud", "outline", "detail", "dispute", "liken", "hail", "chide", "bemoan", "assail", "articulate",
    "reaffirm", "rebuke", "lambast", "rebut", "repudiate", "brag", "trumpet",
})
# Verbs that also take non-human subjects ("this escalation underscores ..."):
# they need a speaker-like subject before they count.
WEAK_VERBS = frozenset({
    "highlight", "underscore", "underline", "suggest", "indicate", "show", "signal", "point", "find",
    "reveal", "mean", "imply", "note", "call", "feel", "expect", "hope", "fear", "think", "believe",
    "learn", "agree", "project", "figure", "question", "reject", "dismiss", "demand", "ask", "praise",
    "criticize", "criticise", "condemn", "blame", "accuse", "describe", "label", "characterize", "brand",
    "endorse", "defend", "discuss", "echo", "recommend", "outline", "detail", "dispute", "hail", "reaffirm",
    "portray", "deem", "applaud",
})
# Verbs whose direct object is the content ("emphasized the city's importance").
OBJECT_CONTENT_VERBS = frozenset({
    "emphasize", "emphasise", "highlight", "stress", "underline", "underscore", "deny", "confirm", "announce",
    "report", "claim", "predict", "reject", "dismiss", "acknowledge", "admit", "reveal", "mention", "express",
    "voice", "describe", "call", "label", "characterize", "brand", "dub", "accuse", "blame", "criticize",
    "criticise", "condemn", "denounce", "estimate", "forecast", "promise", "pledge", "vow", "threaten",
    "warn", "demand", "suggest", "disclose", "recount", "reiterate", "note", "cite", "question", "praise",
    "propose", "endorse", "defend", "discuss", "tout", "echo", "recommend", "outline", "detail", "dispute",
    "articulate", "reaffirm", "rebut", "repudiate", "trumpet",
})
# Deeds of war.  The learned cue model (learned.py) was fitted on political news, where "attacked",
# "hit" and "targeted" are mostly words ("Trump attacked Clinton over ..."); in war news they are acts,
# so they are never taken as cues on the model's word alone.
DEED_VERBS = frozenset({
    "attack", "strike", "hit", "target", "shell", "bomb", "fire", "launch", "shoot", "kill", "wound", "destroy", "capture",
    "seize", "take", "liberate", "occupy", "storm", "encircle", "surround", "advance", "retreat", "withdraw", "abandon",
    "defend", "hold", "repel", "push", "move", "deploy", "send", "fight", "invade", "annex", "damage", "down", "intercept",
    "raid", "ambush", "blast", "pound", "evacuate", "flee", "visit", "arrive", "meet", "sign",
})
# Verbs of commitment whose content is the infinitive that follows ("vowed to retaliate", "proposed
# holding talks"), and verbs of direction whose content is the addressee and what they are told to do
# ("urged Kyiv to withdraw"; "called for a ceasefire" through its "for" phrase).
COMMISSIVE_VERBS = frozenset({"vow", "promise", "pledge", "threaten", "propose", "agree"})
DIRECTIVE_VERBS = frozenset({"urge", "ask", "order", "instruct", "advise", "demand", "tell", "warn", "call", "plead",
                             "remind", "encourage", "invite", "press"})
# Nouns that speak ("officials said"), besides proper names and pronouns.
AGENT_NOUNS = frozenset({
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "government",
    "administration", "president", "analyst", "analysts", "expert", "experts", "source", "sources", "commander",
    "commanders", "military", "army", "kremlin", "agency", "media", "resident", "residents", "witness",
    "witnesses", "journalist", "journalists", "observer", "observers", "critic", "critics", "authorities",
    "police", "general", "colonel", "officer", "officers", "soldier", "soldiers", "leader", "leaders", "head",
    "chief", "adviser", "advisor", "aide", "aides", "governor", "mayor", "diplomat", "diplomats", "envoy",
    "ambassador", "senator", "lawmaker", "lawmakers", "deputy", "deputies", "campaign", "candidate", "nominee",
    "spokespeople", "representative", "representatives", "staff", "command", "headquarters", "department",
    "office", "service", "ministries", "parliament", "duma", "council", "committee", "people", "person",
    "man", "woman", "voters", "supporters", "democrats", "republicans", "economist", "economists", "scientist",
    "researchers", "researcher", "historian", "professor", "lawyer", "attorney", "prosecutor", "prosecutors",
    "judge", "court", "party", "blogger", "bloggers", "correspondent", "reporter", "reporters", "host",
    "secretary", "chairman", "chairwoman", "director", "ceo", "founder", "member", "members", "group",
    "organization", "organisation", "union", "coalition", "alliance", "forces", "troops", "intelligence",
    "watchdog", "editor", "editors", "columnist", "author", "authors", "team", "aide", "insiders", "insider",
    "strategist", "strategists", "pollster", "pollsters", "activist", "activists", "manager", "managers",
    "republican", "democrat", "investigators", "investigator", "firm", "company", "board", "bureau", "network",
    "channel", "outlet", "paper", "newspaper", "side", "regime", "defenders", "fighters", "militants",
    "servicemen", "veteran", "veterans", "experts", "officialdom", "kiev", "kyiv", "moscow", "washington",
})
# Media named by a common noun ("the newspaper, citing X, reported"): they pass others' words on.
MEDIA_NOUNS = frozenset({
    "newspaper", "paper", "agency", "channel", "outlet", "broadcaster", "publication", "tabloid", "magazine",
    "portal", "daily", "weekly", "newsletter",
})
# Documents that speak ("the poll found", "the report said").
DOCUMENT_NOUNS = frozenset({
    "poll", "polls", "survey", "report", "reports", "study", "studies", "data", "analysis", "document",
    "documents", "memo", "letter", "statement", "filing", "records", "figures", "release", "communique",
    "bulletin", "summary", "assessment", "review", "investigation", "audit", "transcript", "email", "emails",
    "tweet", "post", "message", "website", "ad", "advertisement", "video", "book", "article", "column",
    "editorial", "research", "findings", "estimates", "indictment", "complaint", "lawsuit", "ruling",
})
# Nouns that carry a claim for their possessor ("Kimakovski's statement highlighted ...").
NOMINAL_CUES = frozenset({
    "statement", "statements", "remarks", "remark", "comments", "comment", "words", "claim", "claims",
    "assertion", "assertions", "refusal", "denial", "warning", "warnings", "admission", "announcement",
    "report", "assessment", "accusation", "accusations", "allegation", "allegations", "insistence",
    "suggestion", "argument", "message", "view", "position", "estimate", "prediction", "promise", "pledge",
    "threat", "testimony", "speech", "address", "post", "tweet", "letter", "interview", "account", "version",
    "explanation", "argument", "contention", "conclusion", "insistence", "reassurance", "declaration",
    "analysis", "opinion", "forecast", "estimates", "assessments", "observation", "observations", "description",
    "characterization",
})
# Words that open a speaker phrase but are part of its descriptor, not its name.
TITLE_WORDS = frozenset({
    "president", "prime", "minister", "defence", "defense", "foreign", "deputy", "general", "colonel",
    "lieutenant", "major", "captain", "mr", "mrs", "ms", "dr", "governor", "mayor", "senator", "secretary",
    "spokesman", "spokeswoman", "chancellor", "ambassador", "commander", "chief", "head", "adviser",
    "advisor", "envoy", "lt", "gen", "col", "sen", "rep", "gov", "vice", "former", "acting", "interim",
    "state", "duma", "deputy", "chairman", "director", "ceo", "judge", "justice", "pope", "king", "queen",
    "prince", "sheikh", "sir", "lord", "lady", "expert", "analyst", "blogger", "correspondent", "military",
    "political", "war", "journalist", "professor", "mp", "speaker", "leader", "officer",
})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "him", "her", "them", "you"})
FEMALE_PRONOUNS = frozenset({"she", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "we"})
