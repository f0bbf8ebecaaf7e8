"""English attribution over a spaCy parse: who said what, relayed by whom, with what cue.

spaCy gives sentences, a dependency parse and entities; the attribution
patterns on top of them are ours, since no maintained library extracts
speaker/cue/content triples with relays and hedges (textacy's
`direct_quotations` covers only quoted speech).  Patterns handled:

- "X said/warned/noted that CONTENT", "CONTENT, X said", "said X";
- "According to X, CONTENT" and "CONTENT, according to X";
- "X described Y as Z", "X emphasized Y", "X accused Y of Z";
- participle follow-ups: "..., stating that CONTENT", "..., noting that CONTENT";
- possessive cues: "X's statement highlighted CONTENT", "X's refusal to rule out CONTENT";
- "a claim that X denies";
- relays: "as reported by Tass", "told TASS", "citing RIA Novosti", "in an interview with Izvestia";
- speakers referred back to by pronoun, surname or possessive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token as SpacyToken

from ....knowledge import KnowledgeBase, fold
from ....model import Claim, EntityMention, Relay, Span, Speaker
from .lexicon import (
    AGENT_NOUNS,
    COMMISSIVE_VERBS,
    DEED_VERBS,
    DIRECTIVE_VERBS,
    DOCUMENT_NOUNS,
    MEDIA_NOUNS,
    NOMINAL_CUES,
    OBJECT_CONTENT_VERBS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
    WEAK_VERBS,
)
from ...quotes import announced, find_quotes
from .learned import load_cue_model
from ...speakers import SpeakerMemory, side_from_words

_EDGE_PUNCT = " \t\n,;:—–-"
_CALLSIGN = re.compile(r"(?i:call ?sign|callsign|nom de guerre|code ?name|nicknamed|identified (?:only )?as|known as|"
                       r"going by)\s*(?:of\s+)?[\"'“‘«]?([A-Z][\w-]{1,20})")
_RELAY_VERBS = frozenset({"report", "cite", "quote", "tell", "write", "broadcast", "publish", "carry"})
# Verbs that are cues only after a quote ("..., he continued"); elsewhere they are not speech.
_QUOTE_ONLY_VERBS = frozenset({"continue", "go", "laugh", "smile", "shrug", "sigh", "chuckle", "conclude"})
# Verbs whose object is who is spoken to ("told TASS", "assured reporters"), not what is said.
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "assure", "reassure", "remind", "warn", "ask", "advise", "urge",
                              "notify", "promise", "answer"})
# Verbs whose infinitive did not happen ("declined to threaten Moscow", "refused to comment").
_NOT_DONE = frozenset({"decline", "refuse", "fail", "avoid", "hesitate", "cease", "stop", "neglect", "forget"})
_CLAIMED_THINGS = frozenset({"control", "responsibility", "victory", "life", "lives", "seat", "title", "credit", "territory"})
_NON_SPEAKER_PRONOUNS = frozenset({"it", "this", "that", "which", "what", "these", "those", "there", "who"})


def _span_chars(tokens: Iterable[SpacyToken]) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _trim(text: str, start: int, end: int, *, strip_that: bool = True) -> tuple[int, int]:
    """Shrink [start, end) past edge punctuation, a leading 'that' and unbalanced quote marks."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT + ".":
        end -= 1
    if strip_that:
        m = re.match(r"(?:that|whether|if)\s+", text[start:end], re.I)
        if m and end - start > m.end() + 3:
            start += m.end()
    # A quote opened inside the content closes just after it ('… in Donbass.’', '‘intense and serious,’').
    body = text[start:end]
    for opener, closer in (("‘", "’"), ("“", "”"), ("«", "»")):
        if body.count(opener) > body.count(closer) or (opener == "‘" and body.rfind("‘") > body.rfind("’")):
            tail = text[end:end + 3]
            k = tail.find(closer)
            if k >= 0 and not tail[:k].strip(".,;:!? "):
                end += k + 1
    if body.count('"') % 2 == 1 and text[end:end + 3].lstrip(".,;: ").startswith('"'):
        end = text.index('"', end) + 1
    return start, end


_QUOTE_MARKS = "\"'“”‘’«»„"


def _inside_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of a quote: its marks, edge spaces and trailing punctuation removed."""
    while start < end and (text[start] in _QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_MARKS or text[end - 1].isspace()):
        end -= 1
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    return start, end


def _governed(verb: SpacyToken) -> tuple[list[SpacyToken], str] | None:
    """What a cue verb outside the lexicon is about: everything it governs after it but its subject, auxiliaries
    and setting ("hopes that the talks resume", "blasted the allies for their delays")."""
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_CONTENT and not _setting(c)]
    if any(t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS for c in parts for t in c.subtree):
        return None  # "answered the question by saying X": the reporting verb inside says what was said
    toks = [t for c in parts for t in c.subtree]
    return (toks, "object") if toks else None


def _without_asides(toks: list[SpacyToken]) -> list[SpacyToken]:
    """What was said, without the writer's asides on it: a relative clause set off by a comma after a noun the
    speaker named ("criticised the plan, which was drafted in Moscow") is the article's, not the speaker's."""
    kept = {t.i for t in toks}
    for t in toks:
        if t.dep_ == "relcl" and t.head.i in kept and t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == ",":
            kept -= {x.i for x in t.subtree} | {t.left_edge.i - 1}
    return [t for t in toks if t.i in kept]


def _setting(phrase: SpacyToken) -> bool:
    """Where or when something was said, not what: "on his Telegram channel", "in an interview", "on Friday"."""
    if phrase.dep_ != "prep":
        return False
    obj = next((c for c in phrase.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.lemma_.lower() in _MEDIA or obj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC"))


# Where words are said or posted ("on his Telegram channel", "in a briefing"): a setting, never what was said.
_MEDIA = frozenset({"channel", "account", "page", "feed", "website", "site", "blog", "interview", "briefing", "conference",
                    "program", "programme", "show", "broadcast", "air", "television", "radio", "podcast", "platform", "network",
                    "post", "video", "speech", "address", "meeting", "rally", "event", "session", "hearing", "statement",
                    "telegram", "twitter", "facebook", "x", "vkontakte", "youtube", "instagram", "tiktok"})


_NOT_CONTENT = frozenset({"nsubj", "nsubjpass", "punct", "aux", "auxpass", "neg", "cc", "conj", "mark", "advmod", "prt", "agent",
                          "npadvmod"})


def _agentive(tok: SpacyToken) -> bool:
    """A person, organisation, pronoun, agent noun or speaking document."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    return (tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP")
            or low in AGENT_NOUNS or lemma in AGENT_NOUNS or low in DOCUMENT_NOUNS or lemma in DOCUMENT_NOUNS
            or (lemma in NOMINAL_CUES and any(c.dep_ == "poss" for c in tok.children)))


def _is_speakerish(tok: SpacyToken, memory: SpeakerMemory) -> bool:
    """Could this subject head be a speaker (not 'this escalation', 'the situation')?"""
    low = tok.lower_
    if tok.pos_ == "PRON":
        return low in SUBJECT_PRONOUNS
    if low in _NON_SPEAKER_PRONOUNS:
        return False
    return (_agentive(tok) or tok.ent_type_ == "GPE"
            or memory.kb.organization(tok.text) is not None or memory.kb.outlet(tok.text) is not None)


class EnglishExtractor:
    """Attribution extraction for one spaCy Doc.  Create one per article (it keeps speaker memory)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, outlet_mentions: list[EntityMention]):
        self.doc = doc
        self.text = doc.text
        self.kb = kb
        self.memory = SpeakerMemory(kb, text=doc.text)
        self.outlets = [m for m in outlet_mentions if m.type == "OUTLET"]
        self.quotes = find_quotes(self.text)
        self.signatures = self._find_signatures()
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]  # doc.ents builds new spans per call
        self.pending_quote: Span | None = None  # a quote-only sentence waiting for its "said X"
        self.cue_model = load_cue_model()
        self.learned_cues: set[int] = set()

    # ------------------------------------------------------------------ speakers
    def _name_tokens(self, head: SpacyToken) -> list[SpacyToken]:
        """The proper-name run ending at (or containing) the head, titles excluded."""
        if head.pos_ != "PROPN":
            appos = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if appos:
                head = appos[0]
            else:
                # 'military expert Andrei Marochko' parses with the name as compounds of 'expert' now and then
                props = [c for c in head.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
                if not props:
                    return []
                head = props[-1]
        run = [head]
        i = head.i - 1
        while i >= head.sent.start:
            tok = self.doc[i]
            if tok.text == "-" and not tok.whitespace_ and i - 1 >= head.sent.start and self.doc[i - 1].pos_ == "PROPN" \
                    and not self.doc[i - 1].whitespace_:
                run[:0] = [self.doc[i - 1], tok]  # Holtz-Eakin
                i -= 2
                continue
            if tok.pos_ == "PROPN" and tok.dep_ in ("compound", "flat", "nmod", "amod", "nsubj", "npadvmod") \
                    and tok.head.i in (head.i, i + 1, *(t.i for t in run)):
                run.insert(0, tok)
                i -= 1
                continue
            break
        # Strip leading titles, with the country or body they belong to.
        # A word before a title belongs to it ("US President", "DPR head", title-case "Regional Adviser"): a first
        # name does not stand before a title.
        while run and (run[0].text.lower().rstrip(".") in TITLE_WORDS or (
                len(run) > 2 and run[1].text.lower().rstrip(".") in TITLE_WORDS)):
            run.pop(0)
        return run

    @staticmethod
    def _binding_subject(pronoun: SpacyToken) -> SpacyToken | None:
        """The named person a he/she in a subordinate clause refers to within its sentence: the subject of a clause
        that governs it ("Putin visited a command post, where he acknowledged ..."), when that subject is a person's
        name.  Without one, the pronoun falls back to the last person quoted."""
        v = pronoun.head
        for _ in range(6):
            if v.head is v:
                return None  # the main clause reached (or the pronoun is its subject): it points back across sentences
            v = v.head
            subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < pronoun.i), None)
            if subj is not None:
                return subj if subj.ent_type_ == "PERSON" and subj.pos_ == "PROPN" else None
        return None

    def _speaker_from(self, head: SpacyToken) -> Speaker | None:
        """Build (and link) the speaker whose syntactic head is `head`."""
        low = head.text.lower()
        if head.pos_ == "PRON" or low in SUBJECT_PRONOUNS:
            if low in _NON_SPEAKER_PRONOUNS:
                return None
            if low in ("he", "she"):
                bound = self._binding_subject(head)
                if bound is not None:
                    sp = self._speaker_from(bound)
                    if sp is not None and sp.kind == "person":
                        sp.text, sp.start, sp.end, sp.resolved_from = head.text, head.idx, head.idx + len(head.text), "pronoun"
                        return sp
            return self.memory.pronoun(low, head.idx, head.idx + len(head.text), head.text) or Speaker(
                text=head.text, start=head.idx, end=head.idx + len(head.text), name=head.text, kind="unknown")
        # Possessive cue: "Kimakovski's statement", "the Kremlin's refusal"
        if head.lemma_.lower() in NOMINAL_CUES or low in NOMINAL_CUES:
            poss = [c for c in head.children if c.dep_ == "poss"]
            if poss:
                sp = self._speaker_from(poss[0])
                if sp:
                    sp.resolved_from = sp.resolved_from or "possessive"
                return sp
        if head.pos_ == "NOUN" and head.tag_ == "NN" and (low in AGENT_NOUNS or head.lemma_.lower() in AGENT_NOUNS) \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children) \
                and not any(c.dep_ in ("compound", "amod", "poss", "prep") for c in head.children):
            ref = self.memory.description(low, head.idx, head.idx + len(head.text))
            if ref is not None:
                return ref
        if head.pos_ == "NOUN":
            # "the Kremlin spokesman": an office one person holds, before "Kremlin" is read as a name
            core = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det"]
            if core:
                cs, ce = _span_chars(core)
                holder = self.kb.person_by_title(self.text[cs:ce])
                if holder is not None and not any(t.ent_type_ == "PERSON" for t in head.subtree):
                    self.memory.linked_ids.add(holder.id)
                    return Speaker(text=self.text[cs:ce], start=cs, end=ce, canonical=holder.name, kb_id=holder.id,
                                   name=holder.name, descriptor=self.text[cs:ce], side=holder.side, kind="person",
                                   resolved_from="title")
        drop: set[int] = set()
        descriptor_toks: list[SpacyToken] = []
        for c in head.children:
            if c.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj", "prep") and c.i > head.i and c.dep_ != "prep":
                drop.update(t.i for t in c.subtree)
            if c.dep_ == "appos":
                if c.pos_ == "PROPN" and head.pos_ != "PROPN":
                    continue
                descriptor_toks.extend(c.subtree)
                drop.update(t.i for t in c.subtree)
            if c.dep_ == "case":
                drop.add(c.i)
        phrase = [t for t in head.subtree if t.i not in drop and t.dep_ != "case" and not t.is_punct]
        # Keep a prep only when it is part of a title ("spokesman for the ministry").
        if not phrase:
            return None
        # A fighter known by a callsign ("a Russian source, identified as 'Neil,'", "a soldier with the call sign
        # Sava"): a person whose name is the callsign.
        whole = _span_chars(list(head.subtree))
        callsign = _CALLSIGN.search(self.text, whole[0], whole[1]) if whole else None
        if callsign and head.pos_ == "NOUN":
            cs, ce = callsign.span(1)
            desc = self.text[whole[0]:whole[1]].strip(" ,")
            return Speaker(text=desc, start=whole[0], end=whole[1], name=callsign.group(1), descriptor=desc,
                           kind="person", side=side_from_words(desc))
        # A headline's leading clause parsed into the subject ("As the War in Donbass Reaches a Critical Juncture,
        # Local Official Kimakovski Reveals ..."): the subject is what follows the last comma.
        comma = max((t.idx for t in head.subtree if t.text == "," and phrase[0].i < t.i < phrase[-1].i), default=None)
        if comma is not None and head.i < self.doc[phrase[-1].i].i:
            after = [t for t in phrase if t.idx > comma]
            if after and after[-1].pos_ == "PROPN" and after[-1].text[:1].isupper():
                phrase, head = after, after[-1]
        span = _span_chars(phrase)
        assert span is not None
        start, end = span
        text = self.text[start:end]
        name_toks = self._name_tokens(head)
        if not name_toks:
            # a name has a capital: the model now and then tags a common noun PERSON ("One serviceman described")
            persons = [e for e in self.person_ents if e.start >= phrase[0].i and e.end - 1 <= phrase[-1].i
                       and any(t.text[:1].isupper() for t in e)]
            if persons:
                name_toks = [t for t in persons[-1] if t.text.lower().rstrip(".") not in TITLE_WORDS]
        if not name_toks and head.pos_ == "NOUN":
            # "The leader of ... Denys Pushylin": a name closing the phrase that NER missed
            tail: list[SpacyToken] = []
            for t in reversed(phrase):
                if t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha():
                    tail.insert(0, t)
                else:
                    break
            for size in (3, 2):
                if len(tail) >= size and self.kb.person(" ".join(t.text for t in tail[-size:])) is not None:
                    name_toks = tail[-size:]
                    break
        descriptor = None
        if name_toks:
            name_start = name_toks[0].idx
            before = [t for t in phrase if t.i < name_toks[0].i and t.dep_ not in ("det",) and t.pos_ != "DET"]
            desc_parts = []
            if before:
                desc_parts.append(self.text[before[0].idx:name_start].strip(" ,"))
            if descriptor_toks:
                ds = _span_chars(descriptor_toks)
                desc_parts.append(self.text[ds[0]:ds[1]].strip(" ,"))
            descriptor = "; ".join(p for p in desc_parts if p) or None
            ns, ne = _span_chars(name_toks)
            name = self.text[ns:ne]
            name = re.sub(r"(?:'s|’s|'|’)$", "", name)
            # Organisations and outlets written as proper names ('the Kremlin', 'TASS').
            group = self.kb.outlet(name) or self.kb.organization(name) or self.kb.organization(text)
            if group and not self.kb.person(name):
                return self.memory.link_group(name if self.kb.outlet(name) or self.kb.organization(name) else text,
                                              start, end, text, descriptor)
            if head.ent_type_ in ("ORG", "GPE", "NORP") and not self.kb.person(name, context=self.memory.linked_ids) \
                    and len(name_toks) == 1 and fold(name) not in self.memory.surnames and not self.kb.is_person_surname(name):
                return self.memory.link_group(text, start, end, text, descriptor)
            return self.memory.link_name(name, start, end, descriptor, text)
        if descriptor_toks:
            ds = _span_chars(descriptor_toks)
            descriptor = self.text[ds[0]:ds[1]].strip(" ,")
        # 'His administration' -> the organisation of the person referred to.
        poss = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        if poss and low in ("administration", "government", "office", "ministry", "spokesman", "spokeswoman", "team"):
            ref = self.memory.pronoun(poss[0].text, start, end, text)
            if ref and ref.kb_id and ref.kb_id in self.kb.people:
                org = self.kb.organization(self.kb.people[ref.kb_id].affiliation)
                if org:
                    return Speaker(text=text, start=start, end=end, canonical=org.name, kb_id=org.id, name=org.name,
                                   descriptor=descriptor, side=org.side, kind="organization", resolved_from="pronoun")
        return self.memory.link_group(text, start, end, text, descriptor)

    # ------------------------------------------------------------------ relays
    def _relays(self, sent: SpacySpan, content: tuple[int, int], speaker: Speaker | None) -> list[Relay]:
        out: list[Relay] = []
        for m in self.outlets:
            if not (sent.start_char <= m.start < sent.end_char):
                continue
            if content[0] <= m.start < content[1]:
                continue
            if speaker and speaker.kb_id == m.kb_id and speaker.start <= m.start < speaker.end:
                continue
            outlet = self.kb.outlets.get(m.kb_id or "")
            if any(r.kb_id == m.kb_id for r in out):
                continue
            out.append(Relay(name=m.canonical or m.text, text=m.text, start=m.start, end=m.end, kb_id=m.kb_id,
                             outlet_type=outlet.type if outlet else None))
        return out

    # ------------------------------------------------------------------ claims
    def _subject(self, verb: SpacyToken) -> SpacyToken | None:
        """The subject of a cue verb, inherited through participles and conjunctions."""
        subj = self._raw_subject(verb)
        if subj is not None and subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            return verb.head  # "the Russian government, which frames the conflict as ..."
        return subj

    def _raw_subject(self, verb: SpacyToken) -> SpacyToken | None:
        seen = 0
        v = verb
        while v is not None and seen < 4:
            # two subjects means a misparse of '"A," X said': the nearer one is the speaker
            subj = sorted((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: abs(c.i - v.i))
            if subj and not (v is not verb and subj[0].dep_ == "nsubjpass"):
                if subj[0].dep_ == "nsubjpass" and v is verb:
                    agent = [c for c in v.children if c.dep_ == "agent"]
                    pobj = [g for a in agent for g in a.children if g.dep_ == "pobj"]
                    return pobj[0] if pobj else None
                return subj[0]
            if v is verb and v.dep_ == "acl" and v.tag_ == "VBG" and v.head.dep_ == "dobj" and (
                    v.head.lemma_.lower() in NOMINAL_CUES or v.head.lemma_.lower() in DOCUMENT_NOUNS):
                v = v.head.head  # "issued a statement calling the test a violation": who issued it speaks
                seen += 1
                continue
            if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.lower_ in ("by", "after", "before", "in", "while", "when"):
                v = v.head.head  # "responded by saying ...", "after saying ...": the subject of the verb they hang on
                seen += 1
                continue
            if v is verb and _coordinated_cue(v) and v.head.dep_ == "ccomp" and v.head.head.lemma_.lower() in SPEECH_VERBS:
                v = v.head.head  # "said he would ... and warned ...": the speaker of "said" warned
                seen += 1
                continue
            if v is verb and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > verb.sent.start:
                # "In a meeting with the board of the paper Trump said that ...": without a comma the parser hangs
                # the name on the phrase before it; a name or pronoun right before a finite cue is its subject
                left = self.doc[verb.i - 1]
                if left.dep_ in ("appos", "compound", "pobj", "npadvmod", "dobj") and (
                        (left.pos_ == "PROPN" and left.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))
                        or left.lower_ in SUBJECT_PRONOUNS):
                    return left
            if v.dep_ in ("advcl", "conj", "xcomp") and v.head is not v:
                if v is verb and v.tag_ == "VBG" and v.head.i < v.i:
                    # "..., a claim that Ukraine denies, arguing that ...": the nearer speaker argues,
                    # even when the parser hangs the participle on the main verb
                    nearer = [t for t in self.doc[v.head.i + 1:v.i] if t.lemma_.lower() in SPEECH_VERBS
                              and any(c.dep_ == "nsubj" for c in t.children)]
                    if nearer:
                        return next(c for c in nearer[-1].children if c.dep_ == "nsubj")
                    if v.head.dep_ == "ccomp" and v.head.head.lemma_.lower() in SPEECH_VERBS and v.i > 0 \
                            and self.doc[v.i - 1].text == ",":
                        # "X denied that Russian troops had taken the town, saying it ...": the parser hangs the
                        # participle in the reported clause; who denied is who says
                        v = v.head.head
                        seen += 1
                        continue
                v = v.head
                seen += 1
                continue
            return None
        return None

    def _content_tokens(self, verb: SpacyToken, subj: SpacyToken | None) -> tuple[list[SpacyToken], str] | None:
        """What the verb introduces: a clause, an object, or the clause it is hung on."""
        lemma = verb.lemma_.lower()
        comps = [c for c in verb.children if c.dep_ == "ccomp" and not (c.i < verb.i and _own_object(verb))]
        if not comps:
            # "said earlier that ...": the parser may hang the clause on the adverb
            comps = [g for c in verb.children if c.dep_ in ("advmod", "npadvmod") for g in c.children if g.dep_ == "ccomp"]
        if not comps and lemma in ("say", "tell", "write", "add", "warn", "insist", "argue", "claim", "explain", "believe", "report"):
            comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        if comps:
            # "said he would order a review and warned against hackers": a reporting verb coordinated inside
            # the clause, with no subject of its own, is the speaker's second statement, not part of the first
            coordinated = [v for c in comps for v in c.children if _coordinated_cue(v)]
            # "said A, adding that B" / ", arguing that B": the participle's clause is a second statement, which
            # the parser often hangs inside the first clause
            coordinated += [v for c in comps for v in c.subtree if _participle_cue(v) and v.i > c.i]
            second = {t.i for v in coordinated for t in v.subtree} | {v.i - 1 for v in coordinated if self.doc[v.i - 1].dep_ == "cc"}
            toks = [t for c in comps for t in c.subtree if t.i not in second]
            return toks, "clause"
        infinitive = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        if infinitive and lemma in COMMISSIVE_VERBS:
            return list(infinitive[0].subtree), "object"
        if lemma in DIRECTIVE_VERBS:
            addressee = [c for c in verb.children if c.i > verb.i and (c.dep_ in ("dobj", "dative") or (
                c.dep_ == "prep" and c.lower_ == "on" and lemma in ("call", "press")))]  # "called on Kyiv to ..."
            if infinitive and addressee:  # ("asked not to be named" directs no one: no claim)
                return [t for c in addressee + infinitive[:1] for t in c.subtree if t.i != c.i or c.dep_ != "prep"], "object"
            asked_for = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > verb.i
                         and lemma in ("call", "ask", "press", "plead")]
            if asked_for and any(g.dep_ in ("pobj", "pcomp") for g in asked_for[0].children):
                return [t for t in asked_for[0].subtree if t.i != asked_for[0].i], "object"
        passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in _NON_SPEAKER_PRONOUNS]
        if passive and subj is not None and subj.dep_ == "pobj" and subj.head.dep_ == "agent":
            # "A similar view was expressed by Donald Trump": the passive subject is what was said
            return list(passive[0].subtree), "object"
        if lemma in ("describe", "call", "label", "characterize", "brand", "dub", "portray", "frame", "depict", "present",
                     "deem", "liken"):
            obj = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
            preds = [c for c in verb.children if c.dep_ in ("prep", "oprd", "acomp") and (c.text.lower() == "as" or c.dep_ != "prep")]
            toks = [t for c in obj + preds for t in c.subtree]
            if toks:
                return toks, "object"
        if lemma in ("rail", "brag") or (lemma == "liken" and not any(c.dep_ == "dobj" for c in verb.children)):
            # "railed against the deal", "bragged about the gains": what the phrase is about
            about = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("against", "about", "at", "to")]
            if about:
                return [t for t in about[0].subtree if t.i != about[0].i], "object"
        if lemma in ("accuse", "blame", "warn", "criticize", "criticise", "mock", "decry", "applaud", "hail", "chide",
                     "bemoan", "assail", "rebuke", "lambast", "praise", "slam", "condemn", "denounce"):
            parts = [c for c in verb.children if (c.dep_ in ("dobj",) and not (
                c.lemma_.lower() in ("claim", "allegation", "accusation", "assertion") and any(g.dep_ in ("acl", "relcl") for g in c.children)))
                or (c.dep_ == "prep" and c.text.lower() in ("of", "for", "about", "against"))]
            toks = [t for c in parts for t in c.subtree]
            if toks:
                return toks, "object"
        if lemma in OBJECT_CONTENT_VERBS:
            obj = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ not in ("PRON",)]
            if obj:
                toks = list(obj[0].subtree)
                # "highlighted a troubling pattern: units were reportedly leaving ..." - the parse
                # hangs the elaboration on the verb; it is still what was highlighted.
                for c in verb.children:
                    if c.i > obj[0].i and c.dep_ in ("advcl", "ccomp", "parataxis", "conj", "dep") \
                            and c.lemma_.lower() not in SPEECH_VERBS:
                        toks.extend(c.subtree)
                return toks, "object"
        if subj is not None and subj.i < verb.i:
            # '"The convoy left at dawn," Lavrov said': a quote right before the speaker is what was said
            first = min(subj.left_edge.i, verb.i)
            # (the quote may open in an earlier sentence: '"Are we ready? Probably not," Ms. Moore said.')
            before = [q for q in self.quotes if q.end <= self.doc[first].idx and q.end > verb.sent.start_char
                      and not self.text[q.end:self.doc[first].idx].strip(" ,—–-\n")]
            if before:
                q = before[-1]
                return [t for t in verb.sent if q.start <= t.idx < q.end], "quote"
        # "CONTENT, X said." / "CONTENT, X told TASS." / "The capture, he argued, could disrupt ..."
        # (not when the verb has an object of its own: "..., Osama bin Laden declared war" declares the war)
        if subj is not None and subj.i in {c.i for c in verb.children} and verb.head.lemma_.lower() not in SPEECH_VERBS \
                and not _own_object(verb) and (
                (verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i)
                or (verb.dep_ in ("advcl", "conj") and verb.head.i < verb.i and subj.i > verb.head.i)):
            own = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in own]
            return toks, "preceding"
        return None

    def _claim(self, sent: SpacySpan, cue_toks: list[SpacyToken], speaker: Speaker | None, content: tuple[int, int],
               according: bool = False) -> Claim | None:
        start, end = _trim(self.text, *content)
        if end - start < 3:
            return None
        # A quote the content starts in runs to its closing mark, across sentence ends
        # ("“This is in their heads. This is in their consciousness,” said Caddell").
        for q in self.quotes:
            if q.start <= start <= q.start + 1 or (q.start < start < q.end and q.start < sent.start_char):
                if q.end > end and (q.end - 1 <= end + 2 or q.start < sent.start_char or q.end > sent.end_char
                                    or not any(t.idx >= end and t.idx < q.end for t in cue_toks)):
                    start, end = q.start, q.end
                elif q.start < start:
                    start = q.start
                break
        cs, ce = _span_chars(cue_toks)
        cue = Span(self.text[cs:ce], cs, ce)
        segments: list[Span] = []
        if start < cs < end:
            # '“A,” Mr. Obama said, “and B.”': the cue splits one quote in two
            before = [q for q in self.quotes if start - 2 <= q.start and q.end <= cs]
            after = [q for q in self.quotes if q.start >= ce and q.end <= end + 2]
            if before and after:
                for q in after:
                    s2, e2 = _inside_marks(self.text, q.start, q.end)
                    if e2 > s2:
                        segments.append(Span(self.text[s2:e2], s2, e2))
                start, end = before[0].start, before[-1].end
            elif before and not after:
                start, end = before[0].start, before[-1].end
        quotes = [q for q in self.quotes if q.start < end and q.end > start]
        kind = "according_to" if according else "indirect"
        if not according and quotes:
            q0 = quotes[0]
            if len(quotes) == 1 and q0.start <= start + 1 and q0.end >= end - 1:
                kind = "direct"
            else:
                kind = "mixed"
        if kind == "direct":
            start, end = _inside_marks(self.text, max(start, quotes[0].start), min(end, quotes[0].end))
            if not segments and quotes[0].end <= cs:
                # '"A," Lavrov said, "and B."': the quote resumes right after the cue
                resume = max(ce, speaker.end if speaker and speaker.start >= quotes[0].end else ce)
                for q in self.quotes:
                    if q.start >= resume and not self.text[resume:q.start].strip(" ,—–-") and q.start < sent.end_char + 2 \
                            and "\n" not in self.text[quotes[0].end:q.start]:  # never the next paragraph's quote
                        s2, e2 = _inside_marks(self.text, q.start, q.end)
                        if e2 > s2:
                            segments.append(Span(self.text[s2:e2], s2, e2))
                        break
        return Claim(kind=kind, text=self.text[start:end], start=start, end=end, speaker=speaker, cue=cue,
                     relays=self._relays(sent, (start, end), speaker), sentence_start=sent.start_char,
                     sentence_end=sent.end_char, quotes=quotes, segments=segments)

    def _according(self, sent: SpacySpan) -> list[Claim]:
        out = []
        for tok in sent:
            if tok.lower_ != "according" or tok.i + 1 >= sent.end or self.doc[tok.i + 1].lower_ != "to":
                continue
            to = self.doc[tok.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if not pobj:
                continue
            source = pobj[0]
            if source.lemma_.lower() in NOMINAL_CUES or source.lower_ in NOMINAL_CUES:
                # "according to statements attributed to Kimakovski" / "according to remarks by Peskov": the
                # person the statements are attributed to speaks, not the statements
                owner = next((g for c in source.children if c.dep_ == "acl" and c.lemma_.lower() == "attribute"
                              for p in c.children if p.dep_ == "prep" and p.lower_ == "to"
                              for g in p.children if g.dep_ == "pobj"), None) or next(
                    (g for p in source.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
                     for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
                if owner is not None:
                    source = owner
            speaker = self._speaker_from(source)
            pobj = [source]
            # "According to military expert Andrey Marochko": the parser may hang the name beside the noun.
            after = [e for e in self.person_ents if e.start == max(t.i for t in pobj[0].subtree) + 1]
            if after and pobj[0].pos_ == "NOUN":
                named = self._speaker_from(after[0].root)
                if named is not None:
                    desc_start = min(t.idx for t in pobj[0].subtree if t.dep_ != "det")
                    named.descriptor = named.descriptor or self.text[desc_start:after[0].start_char].strip(" ,")
                    named.start, named.text = desc_start, self.text[desc_start:named.end]
                    speaker = named
            excluded = {t.i for t in tok.subtree} | {tok.i, to.i} | {t.i for t in to.subtree}
            # relay clauses ("as reported by Tass", "citing RIA") are not part of what is claimed
            for t in sent:
                if t.dep_ in ("advcl", "prep", "acl") and t.lemma_.lower() in _RELAY_VERBS | {"accord"} and t.i not in excluded:
                    if any(self._is_outlet_tok(x) for x in t.subtree):
                        excluded.update(x.i for x in t.subtree)
            rest = [t for t in sent if t.i not in excluded and not t.is_space]
            if not rest:
                continue
            # the longest run of consecutive kept tokens is the content
            runs: list[list[SpacyToken]] = [[rest[0]]]
            for t in rest[1:]:
                if t.i == runs[-1][-1].i + 1:
                    runs[-1].append(t)
                else:
                    runs.append([t])
            best = max(runs, key=lambda r: sum(len(t.text) for t in r if not t.is_punct))
            content = _span_chars(best)
            claim = self._claim(sent, [tok, to], speaker, content, according=True)
            if claim:
                out.append(claim)
                if speaker:
                    self.memory.remember(speaker)
        return out

    def _in_words(self, sent: SpacySpan) -> list[Claim]:
        """'In Peskov's words, ...' / 'In the words of X, ...'."""
        out = []
        for tok in sent:
            if tok.lower_ != "words" or tok.dep_ != "pobj" or tok.head.lower_ != "in":
                continue
            poss = [c for c in tok.children if c.dep_ == "poss"]
            of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            src = (poss or of or [None])[0]
            if src is None:
                continue
            speaker = self._speaker_from(src)
            excluded = {t.i for t in tok.head.subtree}
            rest = [t for t in sent if t.i not in excluded and not t.is_space]
            if not rest or speaker is None:
                continue
            claim = self._claim(sent, [tok.head, tok], speaker, _span_chars(rest), according=True)
            if claim:
                out.append(claim)
                self.memory.remember(speaker)
        return out

    def _apply_citing(self, sent: SpacySpan, claims: list[Claim]) -> None:
        """'..., RIA Novosti reported, citing Alexei Zhivov': the cited person speaks, the outlet relays.  A medium or
        a document named by a common noun that cites someone ('The newspaper, citing X, reported', 'The bulletin,
        quoting a fighter identified as "Neil", claimed') passes the claim on the same way: the cited one speaks, the
        medium relays (a document is no outlet, so no relay)."""
        for tok in sent:
            if tok.lemma_.lower() not in ("cite", "quote") or tok.tag_ != "VBG":
                continue
            obj = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
            if not obj:
                continue
            cited = self._speaker_from(obj[0])
            if cited is None:
                continue
            for c in claims:
                if c.speaker is None or c.sentence_start != sent.start_char:
                    continue
                noun = c.speaker.text.rsplit(None, 1)[-1].lower() if c.speaker.text.strip() else ""
                if c.speaker.kind != "outlet" and cited.kind in ("person", "anonymous") \
                        and (noun in DOCUMENT_NOUNS or noun in MEDIA_NOUNS):
                    if noun in MEDIA_NOUNS:
                        c.relays = [Relay(c.speaker.text, c.speaker.text, c.speaker.start, c.speaker.end)] + c.relays
                    c.speaker = cited
                    self.memory.remember(cited)
                    continue
                if c.speaker.kind == "outlet":
                    outlet = self.kb.outlets.get(c.speaker.kb_id or "")
                    c.relays = [Relay(c.speaker.name or c.speaker.text, c.speaker.text, c.speaker.start, c.speaker.end,
                                      c.speaker.kb_id, outlet.type if outlet else None)] + [
                        r for r in c.relays if r.kb_id != c.speaker.kb_id]
                    c.speaker = cited
                    self.memory.remember(cited)
                    if c.end > tok.idx > c.start:
                        c.end = c.start + len(self.text[c.start:tok.idx].rstrip(" ,"))
                        c.text = self.text[c.start:c.end]

    def _this_was_stated(self, sent: SpacySpan, previous: SpacySpan | None) -> list[Claim]:
        """'This was stated by the head of the DPR Denis Pushilin.': the claim is the sentence before."""
        if previous is None:
            return []
        for verb in sent:
            if verb.lemma_.lower() not in SPEECH_VERBS or verb.tag_ != "VBN":
                continue
            subj = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in ("this", "that", "it")]
            agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not subj or not agent:
                continue
            speaker = self._speaker_from(agent[0])
            if speaker is None:
                continue
            claim = self._claim(previous, [verb], speaker, (previous.start_char, previous.end_char))
            if claim:
                claim.relays = self._relays(sent, (claim.start, claim.end), speaker)
                self.memory.remember(speaker)
                return [claim]
        return []

    def _is_outlet_tok(self, tok: SpacyToken) -> bool:
        return any(m.start <= tok.idx < m.end for m in self.outlets)

    def _verb_claims(self, sent: SpacySpan) -> list[Claim]:
        out = []
        for verb in sent:
            lemma = verb.lemma_.lower()
            learned = verb.i in self.learned_cues
            if (lemma not in SPEECH_VERBS and not learned) or verb.pos_ not in ("VERB", "AUX"):
                continue
            if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
                continue
            quote_cue = lemma in _QUOTE_ONLY_VERBS
            if any(q.start < verb.idx < q.end and len(q.text.split()) > 4 for q in self.quotes):
                continue  # "I think ..." inside someone's quote belongs to that quote
            if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMED_THINGS for c in verb.children):
                continue  # "claimed control of seven villages", "claimed responsibility": deeds, not speech
            nominal_head = None
            subj = self._subject(verb)
            if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in ("claim", "allegation", "accusation", "assertion") and subj is not None:
                # "..., a claim that Ukraine denies": the claim is the clause the noun stands for
                nominal_head = verb.head
            if subj is None:
                continue
            if lemma in WEAK_VERBS and not _is_speakerish(subj, self.memory):
                continue
            if learned and (not _agentive(subj) or subj.lemma_.lower() in DOCUMENT_NOUNS):
                continue  # a verb the lexicon does not know speaks only through someone: "reports emerged that" is no source
            if subj.lower_ in _NON_SPEAKER_PRONOUNS:
                continue
            if lemma in WEAK_VERBS and not _agentive(subj):
                continue
            if self._negated(verb):
                continue
            if subj.i not in {t.i for t in verb.children} and verb.head.lemma_.lower() not in SPEECH_VERBS and (
                    not _agentive(subj) or subj.lemma_.lower() in DOCUMENT_NOUNS or subj.lower_ in DOCUMENT_NOUNS):
                continue  # subject inherited through a participle from a non-speech verb ("reports emerged, revealing")
            if nominal_head is not None:
                target = nominal_head.head
                own = {t.i for t in nominal_head.subtree}
                toks = [t for t in target.subtree if t.i not in own and t.i < nominal_head.i]
                found = (toks, "nominal") if toks else None
            else:
                found = self._content_tokens(verb, subj)
                if not found and learned:
                    found = _governed(verb)
            if not found and self.pending_quote is not None and verb.i - sent.start <= 4:
                # "“A.”  said X, an economist." - the quote stood alone as the sentence before
                speaker = self._speaker_from(subj)
                quote, self.pending_quote = self.pending_quote, None
                if speaker is not None:
                    claim = self._claim(sent, [verb], speaker, (quote.start, quote.end))
                    if claim:
                        out.append(claim)
                        self.memory.remember(speaker)
                continue
            if not found:
                continue
            toks, how = found
            if how != "object":
                # the speaker's words are not what was said; when the speaker is the antecedent of the relative clause
                # the cue heads ("Putin, who said that X"), that clause is in the speaker's subtree, its content too
                speaker_toks = {t.i for t in subj.subtree} - ({t.i for t in verb.subtree} if subj.i == verb.head.i else set())
                toks = [t for t in toks if t.i not in speaker_toks]
            else:
                toks = _without_asides(toks)
            if not toks:
                continue
            speaker = self._speaker_from(subj)
            if speaker is None:
                continue
            content = _span_chars(toks)
            cue = [verb] + [c for c in verb.children if c.dep_ == "prt"]
            claim = self._claim(sent, cue, speaker, content)
            if claim and quote_cue and claim.kind not in ("direct", "mixed"):
                continue  # "he continued" speaks only when it closes a quote
            if claim:
                out.append(claim)
                self.memory.remember(speaker)
        return out

    def _nominal_claims(self, sent: SpacySpan, taken: list[Claim]) -> list[Claim]:
        """'the Kremlin's refusal to rule out X', 'Peskov's statement that X'."""
        out = []
        for noun in sent:
            if noun.lemma_.lower() not in NOMINAL_CUES or noun.pos_ != "NOUN":
                continue
            poss = [c for c in noun.children if c.dep_ == "poss"]
            if not poss or poss[0].pos_ == "PRON" and poss[0].lower_ in ("its", "their") and not self.memory.last_any:
                continue
            if any(c.cue and c.cue.start <= noun.idx < c.cue.end for c in taken) or \
                    any(c.speaker and c.speaker.start <= noun.idx < c.speaker.end for c in taken):
                continue
            comp = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i]
            if not comp:
                continue
            clause = comp[0]
            marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in ("that", "whether")]
            if marks:
                # "Trump's position that Zelensky is hindering peace": the noun is the cue, the clause the claim
                cue_toks = [noun]
                content_toks = [t for t in clause.subtree if t.i > marks[0].i]
            else:
                # "the Kremlin's refusal to rule out X": the infinitive belongs to the cue
                cue_toks = [noun] + [t for t in clause.subtree if t.i <= clause.i or t.dep_ in ("aux", "prt", "mark")]
                cue_toks = [t for t in cue_toks if t.i <= max(clause.i, *(c.i for c in clause.children if c.dep_ == "prt"), clause.i)]
                content_toks = [t for t in clause.subtree if t.i > max(x.i for x in cue_toks)]
            if not content_toks or not _is_speakerish(poss[0], self.memory):
                continue
            speaker = self._speaker_from(poss[0])
            if speaker is None:
                continue
            claim = self._claim(sent, sorted(cue_toks, key=lambda t: t.i), speaker, _span_chars(content_toks))
            if claim:
                out.append(claim)
                self.memory.remember(speaker)
        return out

    def _colon_claims(self, sent: SpacySpan) -> list[Claim]:
        """Headline attribution: 'Sanders: Clinton needs to get away from personality stuff'."""
        text = sent.text
        m = re.match(r"\s*[\"“]?([A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,6})\s*:\s+([“\"‘'«A-Z].{8,})", text)
        if not m:
            return []
        name_start = sent.start_char + m.start(1)
        toks = [t for t in sent if name_start <= t.idx < sent.start_char + m.end(1)]
        if not toks or toks[-1].pos_ not in ("PROPN", "NOUN") or not toks[-1].text[:1].isupper() \
                or any(t.pos_ in ("VERB", "AUX") for t in toks):
            return []
        left = self.text[name_start:sent.start_char + m.end(1)]
        if self.kb.place_candidates(left, fuzzy=False) and not (self.kb.person(left) or self.kb.organization(left)
                                                                or self.kb.outlet(left)):
            return []  # "Konstantinovka: Strategic Pivot ..." names a place, not a speaker
        # a transcript's speaker label: "PENCE: Well, look ..." opening a paragraph, the name in capitals
        opens_paragraph = self.text[:name_start].rstrip(" \t\"“")[-1:] in ("", "\n")
        label = opens_paragraph and left.isupper() and len(left.replace(" ", "")) >= 3 and len(toks) <= 3
        if not label and toks[-1].ent_type_ not in ("PERSON", "ORG", "NORP") and not (
                self.kb.person(left) or self.kb.organization(left) or self.kb.outlet(left)
                or any(t.lower_ in AGENT_NOUNS for t in toks)):
            return []  # "The Ninth Circle: ..." is a headline, not a speaker
        speaker = self._speaker_from(toks[-1])
        if speaker is None:
            return []
        colon = [t for t in sent if t.text == ":" and t.idx >= sent.start_char + m.end(1)][:1]
        end = self._paragraph_end(sent.end_char) if label else sent.end_char  # a turn runs to its paragraph's end
        claim = self._claim(sent, colon or toks[-1:], speaker, (sent.start_char + m.start(2), end))
        if claim:
            self.memory.remember(speaker)
            return [claim]
        return []

    def _paragraph_end(self, pos: int) -> int:
        brk = self.text.find("\n", pos)
        return len(self.text) if brk < 0 else brk

    def _speaker_label(self, sent: SpacySpan) -> list[Claim]:
        """A transcript's speaker label the parser made a sentence of its own ("WALLACE:"): the turn is the rest of
        its paragraph."""
        m = re.fullmatch(r"\s*[\"“]?([A-Z][A-Z.'’ -]{2,40}):\s*", sent.text)
        if not m or self.text[:sent.start_char + m.start(1)].rstrip(" \t\"“")[-1:] not in ("", "\n"):
            return []
        toks = [t for t in sent if t.text != ":" and not t.is_space]
        if not toks or toks[-1].pos_ not in ("PROPN", "NOUN"):
            return []
        end = self._paragraph_end(sent.end_char)
        speaker = self._speaker_from(toks[-1])
        colon = [t for t in sent if t.text == ":"][:1]
        claim = self._claim(sent, colon, speaker, (sent.end_char, end)) if speaker and colon else None
        if claim:
            claim.sentence_end = end
            self.memory.remember(speaker)
            return [claim]
        return []

    def _find_signatures(self) -> list[tuple[int, int, int, Span]]:
        """Quotes signed with a dash and a name that closes the paragraph: '“Maybe we can build a wall around
        him.” ― Steve Quinlan' (readers' and witnesses' voices one a paragraph, epigraphs): (dash, name start, name
        end, quote).  Read over the text, not the sentences: the parser often makes the signature a sentence of its
        own, or runs it into the next paragraph's first sentence."""
        out = []
        for m in _SIGNED.finditer(self.text):
            # the quote closing right before the dash, within the signature's paragraph
            para = self.text.rfind("\n", 0, m.start()) + 1
            quote = next((q for q in self.quotes if q.end <= m.start() + 1 and q.end >= m.start() - 1), None)
            if quote is not None:
                start, end = max(quote.start, para), quote.end
            elif self.text[para:para + 1] in _OPENING_MARKS:
                start, end = para + 1, m.start()  # marks the quote finder could not pair (”...” beside “...”)
            else:
                continue
            name_end = m.start("name") + len(m.group("name").rstrip("."))
            out.append((m.start("dash"), m.start("name"), name_end, Span(self.text[start:end], start, end)))
        return out

    def _signed_quote(self, sent: SpacySpan) -> list[Claim]:
        """The signed quotes (see _find_signatures) whose dash falls in this sentence."""
        claims = []
        for dash_at, name_start, name_end, quote in self.signatures:
            if not sent.start_char <= dash_at < sent.end_char:
                continue
            span = self.doc.char_span(name_start, name_end, alignment_mode="expand")
            if span is None or span[-1].pos_ not in ("PROPN", "NOUN"):
                continue
            speaker = self._speaker_from(span[-1])
            dash = [t for t in sent if t.idx == dash_at][:1]
            claim = self._claim(sent, dash or [span[-1]], speaker, (quote.start, quote.end)) if speaker else None
            if claim:
                self.memory.remember(speaker)
                claims.append(claim)
        return claims

    def sentence_claims(self, sent: SpacySpan, previous: SpacySpan | None = None) -> list[Claim]:
        # One pass over the tokens decides which patterns can apply: most sentences need none.
        lowers = {t.lower_ for t in sent}
        lemmas = {t.lemma_.lower() for t in sent}
        self.learned_cues = self._learned_cues(sent)
        has_speech = not lemmas.isdisjoint(SPEECH_VERBS) or bool(self.learned_cues)
        claims: list[Claim] = []
        if has_speech and lowers & {"this", "that", "it"}:
            claims = self._this_was_stated(sent, previous)
            if claims:
                return claims
        if "according" in lowers:
            claims += self._according(sent)
        if "words" in lowers:
            claims += self._in_words(sent)
        if has_speech:
            claims += [c for c in self._verb_claims(sent) if c.cue is None or c.cue.text.lower() not in ("cite", "citing", "quoting")]
            if lemmas & {"cite", "quote"}:
                self._apply_citing(sent, claims)
        if not lemmas.isdisjoint(NOMINAL_CUES):
            claims += self._nominal_claims(sent, claims)
        if not claims and ":" in lowers:
            claims = self._colon_claims(sent) or self._speaker_label(sent)
        if not claims and self.signatures and lowers & _SIGNATURE_DASHES:
            claims = self._signed_quote(sent)
        if not claims and has_speech and sent.text.rstrip().endswith(":"):
            claims = self._announced_claims(sent)
        return claims

    def _learned_cues(self, sent: SpacySpan) -> set[int]:
        """The verbs outside the reporting-verb lexicon that the learned model (learned.py) takes for cues."""
        if self.cue_model is None:
            return set()
        return {t.i for t in sent if t.pos_ == "VERB" and t.lemma_.lower() not in SPEECH_VERBS
                and t.lemma_.lower() not in DEED_VERBS
                and self.cue_model.is_cue(t, any(q.start < t.idx < q.end for q in self.quotes))}

    def _negated(self, verb: SpacyToken) -> bool:
        """No claim is made: "has not confirmed", "did not say" (a "not" inside a quote is the quote's), or
        "declined to confirm", "refused to say"."""
        return any(c.dep_ == "neg" and not any(q.start < c.idx < q.end for q in self.quotes) for c in verb.children) \
            or _not_done(verb)

    def _announced_claims(self, sent: SpacySpan) -> list[Claim]:
        """'He said:' with what he said after the colon, in a quote or list items below (see quotes.announced)."""
        verb = next((t for t in sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and t.dep_ == "ROOT"), None)
        subj = self._subject(verb) if verb is not None else None
        if subj is None or subj.lower_ in _NON_SPEAKER_PRONOUNS or self._negated(verb):
            return []
        speaker = self._speaker_from(subj)
        if speaker is None:
            return []
        out = []
        cue = [verb] + [c for c in verb.children if c.dep_ == "prt"]
        for start, end in announced(self.text, sent.end_char, self.quotes):
            claim = self._claim(sent, cue, speaker, (start, end))
            if claim:
                claim.relays = self._relays(sent, (sent.start_char, sent.end_char), speaker)
                out.append(claim)
        if out:
            self.memory.remember(speaker)
        return out

    def quote_only(self, sent: SpacySpan) -> list[Span]:
        """The quotes of a sentence that is nothing but quotation, else []."""
        if sum(1 for t in sent if t.is_alpha) < 2:
            return []
        quoted = [q for q in self.quotes if q.start >= sent.start_char - 3 and q.start < sent.end_char]
        body = sent.text.strip()
        inside = sum(min(q.end, sent.end_char) - max(q.start, sent.start_char) for q in quoted)
        return quoted if quoted and body and inside >= 0.8 * len(body) else []

    @staticmethod
    def attribution_fragment(sent: SpacySpan | None) -> bool:
        """'said Douglas Holtz-Eakin, an economist.' / 'he added.' / '― Steve Quinlan' (a signature): a cue waiting
        for the quote before it."""
        if sent is None:
            return False
        if re.match(r"\s*(?:―|—|–|--)\s*[A-Z]", sent.text):
            return True
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words or len(words) > 25:
            return False
        first_verbs = [t for t in words[:5] if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
        return bool(first_verbs) and not any(c.dep_ == "ccomp" for c in first_verbs[0].children)

    def continuation(self, sent: SpacySpan, previous: list[Claim], following: SpacySpan | None = None) -> bool:
        """A sentence that only continues the last quote ('“Donald’s here, babe.”') joins it as a segment.  The last
        quote is the last direct claim of the latest sentence with claims, even when a participle after it made a
        claim of its own ('“A,” she said, adding that B. “C.”': C continues A)."""
        if not previous:
            return False
        latest = previous[-1].sentence_start
        last = next((c for c in reversed(previous) if c.sentence_start == latest and c.kind in ("direct", "mixed")), None)
        who = (last.speaker.kb_id or last.speaker.name) if last is not None and last.speaker is not None else None
        if who is None or any(c.sentence_start == latest and c.speaker is not None and (c.speaker.kb_id or c.speaker.name) != who
                              for c in previous[-4:]):
            return False  # two speakers in that sentence: whose quote goes on is not known
        quoted = self.quote_only(sent)
        if not quoted or self.attribution_fragment(following):
            return False
        if sent.start_char - max(last.end, last.sentence_end) > 300:
            return False
        if last.cue is not None and last.cue.text in _SIGNATURE_DASHES and "\n" in self.text[last.cue.end:sent.start_char]:
            return False  # a signed quote ends its speaker's turn with its paragraph

        for q in quoted:
            s, e = _inside_marks(self.text, q.start, q.end)
            if e > s and not (last.start <= s < last.end):
                last.segments.append(Span(self.text[s:e], s, e))
        return True


_SIGNATURE_DASHES = {"―", "—", "–", "--"}
_OPENING_MARKS = set("“”\"‘’'«„")
# a closing quotation mark, a dash, then one to five capitalised words (a name) ending the paragraph
_SIGNED = re.compile(r"[”\"’'][ \t\xa0]*(?P<dash>―|—|–|--)[ \t\xa0]*"
                     r"(?P<name>[A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){0,4}?)\.?[ \t\xa0]*(?=\n|$)")


def iter_sentences(doc: Doc) -> Iterable[SpacySpan]:
    for sent in doc.sents:
        if sent.text.strip():
            yield sent


def _coordinated_cue(verb: SpacyToken) -> bool:
    """A reporting verb joined by "and" to the clause of another, without a subject of its own."""
    return (verb.dep_ == "conj" and verb.lemma_.lower() in SPEECH_VERBS and verb.pos_ == "VERB"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _participle_cue(verb: SpacyToken) -> bool:
    """A reporting participle after a comma that brings a clause of its own (", adding that ...", ", saying ...")."""
    return (verb.tag_ == "VBG" and verb.lemma_.lower() in SPEECH_VERBS and verb.dep_ in ("advcl", "conj", "xcomp")
            and verb.i > 0 and verb.doc[verb.i - 1].text == ","
            and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _own_object(verb: SpacyToken) -> bool:
    """The verb has an object of its own after it, not an addressee ("declared war", not "told TASS")."""
    return verb.lemma_.lower() not in _ADDRESSEE_VERBS and any(
        c.dep_ == "dobj" and c.pos_ != "PRON" and c.i > verb.i for c in verb.children)


def _not_done(verb: SpacyToken) -> bool:
    """An infinitive, or a verb joined to one, under "declined to", "refused to", "failed to"."""
    v = verb
    while v.dep_ == "conj" and v.head is not v:
        v = v.head
    return v.dep_ == "xcomp" and v.head.lemma_.lower() in _NOT_DONE
