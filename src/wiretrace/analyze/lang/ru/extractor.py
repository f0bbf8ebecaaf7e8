"""Russian wire attribution over Natasha's parse (sentences, UD syntax, PER/LOC/ORG with normal forms).

Handles the forms TASS and RIA write: "Об этом ТАСС сообщил военный эксперт
Андрей Марочко" (the claim is the sentence before), "X заявил, что ...",
"«...», - сказал он", "По словам X, ...", "Как заявил X, ...", "- передает ТАСС".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ....knowledge import KnowledgeBase
from ....model import Claim, EntityMention, Relay, Span, Speaker
from ...quotes import announced, find_quotes
from ...speakers import _GENERIC_PERSON_NOUNS as _GENERIC_NOUNS
from ...speakers import SpeakerMemory, side_from_words

RU_SPEECH_VERBS = frozenset({
    "говориться", "отмечаться", "уточняться", "подчеркиваться",
    "сказать", "заявить", "сообщить", "отметить", "подчеркнуть", "добавить", "указать", "пояснить",
    "рассказать", "написать", "уточнить", "предупредить", "признать", "заверить", "объявить", "назвать",
    "констатировать", "напомнить", "прокомментировать", "опровергнуть", "отрицать", "утверждать", "полагать",
    "считать", "выразить", "говорить", "заявлять", "сообщать", "отмечать", "подчеркивать", "подчёркивать",
    "рассказывать", "уверить", "обвинить", "обвинять", "призвать", "пообещать", "сообщаться", "допустить",
    "оценить", "высказаться", "пожаловаться", "раскрыть", "добавлять", "указывать", "писать", "признаться",
    "резюмировать", "акцентировать", "убеждать", "уверять", "информировать", "проинформировать",
    "доложить", "докладывать", "рапортовать", "отчитаться", "продолжить", "объяснить", "объяснять", "пошутить",
    "расценить", "сравнить", "исключить", "заверять", "констатировать", "высказать", "уточнять", "пояснять",
})
_RELAY_VERBS = frozenset({"передавать", "передать", "сообщать", "сообщить", "писать", "информировать"})
_GIVE_VERBS = frozenset({"дать", "высказать", "озвучить", "привести", "сделать", "выразить"})
_STATEMENT_NOUNS = frozenset({"оценка", "мнение", "заявление", "прогноз", "данные", "слово", "предположение", "вывод",
                              "тезис", "высказывание"})
_RELAY_FORMS = frozenset({"сообщает", "передает", "передаёт", "пишет", "сообщил", "сообщила", "сообщило", "передал", "писал"})
# Nouns that carry their owner's statement ("заявление Пескова о том, что ...").
_NOMINAL_CUES = frozenset({"заявление", "слово", "утверждение", "оценка", "прогноз", "признание", "предупреждение",
                           "обещание", "мнение"})
# Verbs by which a wire lists someone's statements below a colon ("ТАСС собрал его основные заявления:").
_DIGEST_VERBS = frozenset({"собрать", "привести", "перечислить", "выделить", "собирать", "приводить"})
_PRONOUNS = frozenset({"он", "она", "они", "его", "её", "ее", "их"})
_EDGE = " \t\n,;:—–-"
# Verbs whose object and predicate are what was said: "назвал угрозу неосуществимой", "расценил как провокацию".
_CHARACTERIZING_VERBS = frozenset({"назвать", "называть", "охарактеризовать", "расценить", "расценивать"})
_THAT_REACH = 5  # tokens between a verb and its "что" ("выразил мнение, что"; "заявил журналистам, что")
_CALLSIGN = re.compile(r"позывн\w*\s*[«\"“]([^»\"”]{2,30})[»\"”]", re.I)


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    idx: int  # 1-based position in the sentence
    head: int
    rel: str
    pos: str
    lemma: str


def _sent_tokens(sent) -> list[_Tok]:
    out = []
    for t in sent.tokens:
        out.append(_Tok(t.text, t.start, t.stop, int(t.id.split("_")[1]), int(t.head_id.split("_")[1]), t.rel, t.pos,
                        (t.lemma or t.text).lower().replace("ё", "е")))
    return out


def _children(toks: list[_Tok], tok: _Tok) -> list[_Tok]:
    return [t for t in toks if t.head == tok.idx and t is not tok]


def _subtree(toks: list[_Tok], tok: _Tok) -> list[_Tok]:
    """The token and its descendants; a visited set guards against cycles in a malformed parse."""
    out, stack, seen = [], [tok], set()
    while stack:
        cur = stack.pop()
        if cur.idx in seen:
            continue
        seen.add(cur.idx)
        out.append(cur)
        stack.extend(_children(toks, cur))
    return sorted(out, key=lambda t: t.idx)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE + ".":
        end -= 1
    m = re.match(r"(?:что|чтобы)\s+", text[start:end])
    if m and end - start > m.end() + 3:
        start += m.end()
    return start, end


class RussianExtractor:
    """Attribution extraction for one Natasha Doc."""

    def __init__(self, doc, text: str, kb: KnowledgeBase, outlet_mentions: list[EntityMention]):
        self.doc = doc
        self.text = text
        self.kb = kb
        self.memory = SpeakerMemory(kb, text=text)
        self.outlets = [m for m in outlet_mentions if m.type == "OUTLET"]
        self.per_spans = [s for s in doc.spans if s.type == "PER"]
        self.quotes = find_quotes(text)
        self.article_relays: list[Relay] = []

    def _outlet_at(self, start: int, end: int) -> EntityMention | None:
        return next((m for m in self.outlets if m.start < end and m.end > start), None)

    def _speaker(self, toks: list[_Tok], head: _Tok) -> Speaker | None:
        if head.lemma in _PRONOUNS:
            return self.memory.pronoun("she" if head.lemma == "она" else "they" if head.lemma == "они" else "he",
                                       head.start, head.end, head.text)
        subtree_end = self._subtree_end(toks, head)
        named = any(s.start >= head.start and s.stop <= subtree_end for s in self.per_spans)
        if head.lemma in ("источник", "собеседник"):  # "источник RT в правоохранительных органах": an anonymous source, RT relays
            ref = self.memory.description(head.lemma, head.start, head.end) if head.lemma == "собеседник" else None
            if ref is not None:  # "собеседник агентства" after the agency's named interviewee
                return ref
            tree = [t for t in _subtree(toks, head) if t.rel not in ("punct", "acl", "acl:relcl", "parataxis")]
            return self.memory.link_group(self.text[tree[0].start:tree[-1].end], tree[0].start, tree[-1].end,
                                          self.text[tree[0].start:tree[-1].end])
        if head.lemma in _GENERIC_NOUNS and not named:
            # "Глава Донецкой Народной Республики подчеркнул": an office one person holds, named in full (the
            # parser may not hang the words after the noun on it, so they are read as written)
            run = [head]
            for t in toks:
                if t.idx > run[-1].idx + 1:
                    break
                if t.idx == run[-1].idx + 1:
                    if t.pos not in ("NOUN", "PROPN", "ADJ") or t.rel == "nsubj":
                        break
                    run.append(t)
            holder = self.kb.person_by_title(self.text[head.start:run[-1].end]) if len(run) > 1 else None
            if holder is not None:
                self.memory.linked_ids.add(holder.id)
                phrase = self.text[head.start:run[-1].end]
                return Speaker(text=phrase, start=head.start, end=run[-1].end, canonical=holder.name, kb_id=holder.id,
                               name=holder.name, descriptor=phrase, side=holder.side, kind="person",
                               resolved_from="title")
        if head.lemma in _GENERIC_NOUNS and len(_subtree(toks, head)) <= 2:
            ref = self.memory.description(head.lemma, head.start, head.end) or self._last_named_person(head)
            if ref is not None:
                return ref
            if not named:  # "Врио губернатора" with nobody to refer to: an office, not a person's name
                tree = [t for t in _subtree(toks, head) if t.rel != "punct"]
                return self.memory.link_group(self.text[tree[0].start:tree[-1].end], tree[0].start, tree[-1].end,
                                              self.text[tree[0].start:tree[-1].end])
        elif head.lemma in _GENERIC_NOUNS and not named:
            # "врио главы ДНР пояснил", "губернатор Херсонской области добавил": the office named before
            ref = self.memory.description(head.lemma, head.start, head.end)
            if ref is not None:
                return ref
        if head.pos == "NOUN" and not any(s.start >= head.start and s.stop <= head.end + 200 and s.start < self._subtree_end(toks, head)
                                          for s in self.per_spans):
            ref = self.memory.description(head.lemma, head.start, head.end)
            if ref is not None and len(_subtree(toks, head)) <= 2:
                return ref
        tree = [t for t in _subtree(toks, head) if t.rel not in ("punct", "acl", "acl:relcl", "parataxis")]
        start, end = tree[0].start, tree[-1].end
        text = self.text[start:end]
        whole = [t for t in _subtree(toks, head) if not (t.rel == "case" and t.idx < head.idx)]
        callsign = _CALLSIGN.search(self.text, whole[0].start, whole[-1].end + 40)
        # "военнослужащий с позывным «Нил»": a person whose name is the callsign
        if callsign and (callsign.start() < whole[-1].end
                         or re.fullmatch(r"\s*(?:с|со)?\s*", self.text[whole[-1].end:callsign.start()])):
            desc = self.text[whole[0].start:callsign.end()]
            return Speaker(text=desc, start=whole[0].start, end=callsign.end(), name=callsign.group(1), descriptor=desc,
                           kind="person", side=side_from_words(desc))
        inside = [s for s in self.per_spans if s.start >= start and s.stop <= end]
        # the name of the head itself, else the last one ("глава офиса президента ... Зеленского Андрей Ермак")
        per = next((s for s in inside if s.start <= head.start < s.stop), inside[-1] if inside else None)
        if per is not None:
            descriptor = self.text[start:per.start].strip(" ,") or None
            name = per.normal or per.text
            return self.memory.link_name(name, start, end, descriptor, text)
        outlet = self._outlet_at(start, end)
        if outlet:
            return self.memory.link_group(outlet.text, start, end, text)
        lemma_phrase = " ".join(t.lemma for t in tree)
        org = self.kb.organization(text) or self.kb.organization(lemma_phrase)
        if org:
            return Speaker(text=text, start=start, end=end, canonical=org.name, kb_id=org.id, name=org.name,
                           side=org.side, kind="organization")
        if head.pos == "PROPN":
            return self.memory.link_name(text, start, end, None, text)
        return self.memory.link_group(text, start, end, text)

    def _cited_source(self, toks: list[_Tok], verb: _Tok) -> _Tok | None:
        """The X of "со ссылкой на X" under a speech verb, or None."""
        for t in _subtree(toks, verb):
            if t.lemma == "ссылка" and any(c.rel == "case" and c.lemma in ("с", "со") for c in _children(toks, t)):
                return next((k for k in _children(toks, t) if k.rel == "nmod"
                             and any(c.rel == "case" and c.lemma == "на" for c in _children(toks, k))), None)
        return None

    def _last_named_person(self, head: _Tok) -> Speaker | None:
        """'Чиновник уточнил' before anyone has spoken: the person the article last named."""
        for span in reversed([s for s in self.per_spans if s.stop <= head.start]):
            person = self.kb.person(span.normal or span.text, context=self.memory.linked_ids)
            if person is not None:
                return Speaker(text=head.text, start=head.start, end=head.end, canonical=person.name, kb_id=person.id,
                               name=person.name, side=person.side, kind="person", resolved_from="description")
        return None

    def _fold_relay_claims(self, found: list[Claim]) -> list[Claim]:
        """'Пушилин заявил, что ..., сообщает «Царьград»': the outlet relays the other claim, it makes none."""
        relay_claims = [c for c in found if c.cue and c.cue.text.lower() in _RELAY_FORMS and c.speaker
                        and c.speaker.kind in ("outlet", "collective", "person") and not c.speaker.kb_id in self.kb.people]
        others = [c for c in found if c not in relay_claims]
        if not relay_claims or not others:
            return found
        for rc in relay_claims:
            sp = rc.speaker
            for c in others:
                if not any(r.text == sp.text for r in c.relays):
                    c.relays.append(Relay(sp.name or sp.text, sp.text, sp.start, sp.end, sp.kb_id, None))
        return others

    def _institution_speaker(self, toks: list[_Tok], verb: _Tok, kids: list[_Tok]) -> Speaker | None:
        """The body a subjectless plural cue points to with 'в X' ('сообщили в Минобороны РФ')."""
        for obl in kids:
            if obl.rel != "obl" or not any(c.rel == "case" and c.lemma in ("в", "во") for c in _children(toks, obl)):
                continue
            tree = [t for t in _subtree(toks, obl) if t.rel != "case"]
            start, end = tree[0].start, tree[-1].end
            text = self.text[start:end]
            lemmas = " ".join(t.lemma for t in tree)
            org = self.kb.organization(text) or self.kb.organization(lemmas)
            outlet = self.kb.outlet(text)
            if org or outlet:
                return self.memory.link_group(text, start, end, text)
            if obl.lemma in ("ведомство", "министерство", "сообщение", "публикация", "заявление", "пресс-служба", "штаб"):
                ref = self.memory.last_institution
                if ref is not None:
                    return Speaker(text=text, start=start, end=end, canonical=ref.canonical, kb_id=ref.kb_id,
                                   name=ref.name, side=ref.side, kind=ref.kind, resolved_from="description")
        return None

    @staticmethod
    def _subtree_end(toks: list[_Tok], head: _Tok) -> int:
        return max(t.end for t in _subtree(toks, head))

    def _register_descriptions(self, toks: list[_Tok]) -> None:
        """'Министр обороны России Андрей Белоусов': later 'министр' means Belousov."""
        for t in toks:
            if t.rel != "appos" or t.pos != "PROPN":
                continue
            per = next((s for s in self.per_spans if s.start == t.start), None)
            head = next((h for h in toks if h.idx == t.head), None)
            if per is None or head is None or head.pos != "NOUN":
                continue
            person = self.kb.person(per.normal or per.text, context=self.memory.linked_ids)
            if person is None:
                continue
            sp = Speaker(text=per.text, start=per.start, end=per.stop, canonical=person.name, kb_id=person.id,
                         name=person.name, side=person.side, kind="person")
            self.memory.register_description(head.lemma, sp)

    def _relays(self, sent_start: int, sent_end: int, content: tuple[int, int], speaker: Speaker | None) -> list[Relay]:
        out: list[Relay] = []
        for m in self.outlets:
            if not (sent_start <= m.start < sent_end) or content[0] <= m.start < content[1]:
                continue
            if speaker and speaker.start <= m.start < speaker.end:
                continue
            if any(r.kb_id == m.kb_id for r in out):
                continue
            outlet = self.kb.outlets.get(m.kb_id or "")
            out.append(Relay(m.canonical or m.text, m.text, m.start, m.end, m.kb_id, outlet.type if outlet else None))
        for r in self.article_relays:
            if not any(x.kb_id == r.kb_id for x in out):
                out.append(r)
        return out

    def _make(self, kind: str, content: tuple[int, int], speaker: Speaker | None, cue: list[_Tok],
              sent_start: int, sent_end: int) -> Claim | None:
        start, end = _trim(self.text, *content)
        if end - start < 3:
            return None
        quotes = [q for q in self.quotes if q.start < end and q.end > start]
        if kind == "indirect" and quotes:
            q0 = quotes[0]
            if len(quotes) == 1 and q0.start <= start + 1 and q0.end >= end - 1:
                kind = "direct"
                start, end = _trim(self.text, q0.start + 1, q0.end - 1)
            else:
                kind = "mixed"
        cs, ce = min(t.start for t in cue), max(t.end for t in cue)
        return Claim(kind=kind, text=self.text[start:end], start=start, end=end, speaker=speaker,
                     cue=Span(self.text[cs:ce], cs, ce), relays=self._relays(sent_start, sent_end, (start, end), speaker),
                     sentence_start=sent_start, sentence_end=sent_end, quotes=quotes)

    def extract(self) -> tuple[list[Claim], set[int]]:
        """Claims, and the indexes of sentences that carry none of their own."""
        claims: list[Claim] = []
        attributed: set[int] = set()
        sents = list(self.doc.sents)
        # "/ТАСС/" or "- передает ТАСС" at the head: the wire that relays every claim of the item.
        head = self.text[:300]
        m = re.search(r"/\s*([А-ЯA-Z][\w .-]{1,20}?)\s*/|(?:передает|передаёт|сообщает)\s+([А-ЯA-Z][\w-]+(?:\s+[А-Я][\w-]+)?)", head)
        if m:
            name = (m.group(1) or m.group(2) or "").strip()
            outlet = self.kb.outlet(name)
            if outlet:
                s = m.start(1) if m.group(1) else m.start(2)
                self.article_relays.append(Relay(outlet.name, name, s, s + len(name), outlet.id, outlet.type))
        for si, sent in enumerate(sents):
            toks = _sent_tokens(sent)
            if not toks:
                continue
            s_start, s_end = toks[0].start, toks[-1].end
            self._register_descriptions(toks)
            found = self._according(toks, s_start, s_end)
            if not found and (headline := self._headline_claim(toks, s_start, s_end)) is not None:
                attributed.add(si)
                claims.append(headline)
                continue
            for tok in toks:
                kids = _children(toks, tok)
                if tok.lemma in _GIVE_VERBS and si > 0 and not found:
                    # "Такую оценку дал Пушилин": the assessment is the sentence before
                    obj = next((k for k in kids if k.rel == "obj" and k.lemma in _STATEMENT_NOUNS
                                and any(d.lemma in ("такой", "этот", "подобный") for d in _children(toks, k))), None)
                    subj = next((k for k in kids if k.rel in ("nsubj", "nsubj:pass")), None)
                    prev = _sent_tokens(sents[si - 1])
                    if obj is not None and subj is not None and prev:
                        speaker = self._speaker(toks, subj)
                        claim = self._make("indirect", (prev[0].start, prev[-1].end), speaker, [obj, tok], s_start, s_end)
                        if claim and speaker:
                            found.append(claim)
                            attributed.add(si - 1)
                            self.memory.remember(speaker)
                    continue
                if tok.lemma in ("приводить", "привести", "передавать", "передать") and not found \
                        and any(k.rel == "obj" and k.lemma == "слово" for k in kids):
                    # "..., - приводит ТАСС слова Марочко": the genitive after "слова" speaks, the subject relays
                    words = next((k for k in kids if k.rel == "obj" and k.lemma == "слово"), None)
                    src = next((k for k in _children(toks, words) if k.rel == "nmod"
                                or (k.rel == "det" and k.lemma in _PRONOUNS)), None) if words else None
                    following = next((t for t in toks if words is not None and t.idx == words.idx + 1), None)
                    if src is None and following is not None and following.pos in ("PROPN", "NOUN"):
                        src = following  # an indeclinable surname ("слова Марочко") the parser made the subject
                    before = [t for t in toks if t.idx < tok.idx and t.rel != "punct"]
                    if src is not None and before:
                        speaker = self._speaker(toks, src)
                        if speaker is None and src.lemma in _PRONOUNS:
                            speaker = self._last_named_person(src)  # "его слова" before anyone spoke: who was named
                        claim = self._make("indirect", (before[0].start, before[-1].end), speaker, [tok, words], s_start, s_end)
                        if claim and speaker:
                            found.append(claim)
                            self.memory.remember(speaker)
                    continue
                if tok.lemma in _NOMINAL_CUES and tok.pos == "NOUN":
                    claim = self._nominal_claim(toks, tok, kids, s_start, s_end)
                    if claim is not None:
                        found.append(claim)
                    continue
                if tok.lemma in _DIGEST_VERBS and not found and self._ends_in_colon(toks):
                    # "ТАСС собрал его основные заявления:" and the statements listed below: the owner of the
                    # statements speaks, the collector relays
                    listed = next((k for k in kids if k.rel == "obj" and k.lemma in _STATEMENT_NOUNS), None)
                    owner = next((k for k in _children(toks, listed) if k.rel == "nmod" or (k.rel == "det" and k.lemma in _PRONOUNS)),
                                 None) if listed is not None else None
                    if owner is not None:
                        speaker = self._speaker(toks, owner)
                        if speaker is None and owner.lemma in _PRONOUNS:
                            speaker = self._last_named_person(owner)
                        subj = next((k for k in kids if k.rel == "nsubj"), None)
                        relay = self._outlet_at(subj.start, subj.end) if subj is not None else None
                        if speaker is not None:
                            for claim in self._announced([tok, listed], speaker, s_end, sents, attributed, s_start):
                                if relay is not None and not any(r.start == relay.start for r in claim.relays):
                                    claim.relays.append(Relay(relay.canonical or relay.text, relay.text, relay.start, relay.end,
                                                              relay.kb_id, None))
                                found.append(claim)
                    continue
                if (tok.lemma not in RU_SPEECH_VERBS and tok.lemma not in _RELAY_VERBS) or tok.pos not in ("VERB", "AUX"):
                    continue
                if any(k.rel == "mark" and k.lemma == "как" for k in kids) and found:
                    continue
                subj = next((k for k in kids if k.rel in ("nsubj", "nsubj:pass")), None)
                if subj is None and tok.rel == "conj":
                    # "заявил, что ..., и добавил, что ...": the second verb speaks through the first one's subject
                    first = next((t for t in toks if t.idx == tok.head and t.lemma in RU_SPEECH_VERBS), None)
                    subj = next((k for k in _children(toks, first) if k.rel in ("nsubj", "nsubj:pass")), None) \
                        if first is not None else None
                if subj is None and tok.rel == "advcl" and tok.text.lower().endswith(("в", "вши", "вшись")):
                    # "..., отметив, что ...": a gerund speaks through the subject of the verb it hangs on
                    governor = next((t for t in toks if t.idx == tok.head), None)
                    subj = next((k for k in _children(toks, governor) if k.rel in ("nsubj", "nsubj:pass")), None) \
                        if governor is not None else None
                speaker_override: Speaker | None = None
                if subj is None:
                    # "сообщили в Минобороны РФ", "отметили в ведомстве", "говорится в сообщении"
                    speaker_override = self._institution_speaker(toks, tok, kids)
                    if speaker_override is None:
                        continue
                    subj = tok
                if self._outlet_at(subj.start, subj.end) and tok.lemma in _RELAY_VERBS and not any(
                        k.rel in ("ccomp", "obl") for k in kids):
                    # "..., - передает ТАСС": the agency's own report when nobody else speaks in the sentence
                    before = [t for t in toks if t.idx < tok.idx and t.rel != "punct"]
                    if before and not found and not any(t.lemma in RU_SPEECH_VERBS for t in before):
                        speaker = self._speaker(toks, subj)
                        claim = self._make("indirect", (before[0].start, before[-1].end), speaker, [tok], s_start, s_end)
                        if claim and speaker:
                            claim.relays = [r for r in claim.relays if r.kb_id != speaker.kb_id]
                            found.append(claim)
                    continue
                speaker = speaker_override or self._speaker(toks, subj)
                if speaker is None:
                    continue
                cited = self._cited_source(toks, tok)
                relayed_by = None
                if cited is not None and speaker.kind != "person":
                    # "журналисты РИА Новости со ссылкой на военнослужащего ... сообщили": the soldier speaks, RIA relays
                    # (a person "со ссылкой на собственные источники" still speaks for himself)
                    relayed_by, speaker = speaker, self._speaker(toks, cited) or speaker
                comp = next((k for k in kids if k.rel == "ccomp"), None)
                content: tuple[int, int] | None = None
                that = next((t for t in toks if tok.idx < t.idx <= tok.idx + _THAT_REACH and t.lemma == "что" and t.rel == "mark"
                             and not any(v.pos == "VERB" for v in toks if tok.idx < v.idx < t.idx)), None)
                stop = next((t.idx for t in toks if that is not None and t.idx > that.idx and t.lemma in _RELAY_VERBS
                             and toks[t.idx - 2].text in (",", "-", "—", "–")), len(toks) + 1)
                second = next((t.idx for t in toks if that is not None and t.idx > that.idx and t.rel == "conj"
                               and t.head == tok.idx and t.lemma in RU_SPEECH_VERBS), None)
                if second is not None:
                    stop = min(stop, second)  # "..., и добавил, что ...": the second statement is a claim of its own
                body = [t for t in toks if that is not None and that.idx < t.idx < stop and t.rel != "punct"]
                while body and second is not None and body[-1].rel == "cc":
                    body.pop()
                colon = next((t for t in toks if tok.idx < t.idx <= tok.idx + 3 and t.text == ":"), None)
                colon_body = [t for t in toks if colon is not None and t.idx > colon.idx and t.rel != "punct"]
                # the "о/об" phrase after the verb, or before it ("О боях в Константиновке Путин заявил в ноябре")
                about = next((k for k in sorted(kids, key=lambda k: k.idx < tok.idx) if k.rel == "obl" and k.lemma != "это"
                              and any(c.rel == "case" and c.lemma in ("о", "об", "обо") for c in _children(toks, k))), None)
                if that is not None and body:
                    # "X сообщил, что CONTENT." - the clause runs to the end of the sentence, whatever the parse says
                    content = (body[0].start, body[-1].end)
                elif comp is not None:
                    tree = _subtree(toks, comp)
                    content = (tree[0].start, tree[-1].end)
                elif any(k.rel == "obl" and k.lemma == "это" for k in kids) and si > 0:
                    # "Об этом сообщил X": the claim is the sentence before
                    prev = _sent_tokens(sents[si - 1])
                    if prev:
                        content = (prev[0].start, prev[-1].end)
                        attributed.add(si - 1)
                elif colon is not None and colon_body:
                    # "Шурыгин заявляет: ...": what follows the colon
                    content = (colon_body[0].start, colon_body[-1].end)
                elif colon is not None and self._ends_in_colon(toks):
                    # "Марочко заявил:" and the quote, list or paragraph below
                    found.extend(self._announced([tok], speaker, s_end, sents, attributed, s_start))
                    self.memory.remember(speaker)
                elif tok.lemma in _CHARACTERIZING_VERBS and [t for t in _subtree(toks, tok) if t.idx > tok.idx and t.rel != "punct"]:
                    # "Цеков назвал угрозу неосуществимой", "расценил как ...": the characterisation is the claim
                    after = [t for t in _subtree(toks, tok) if t.idx > tok.idx and t.rel != "punct"]
                    content = (after[0].start, after[-1].end)
                elif about is not None:
                    # "Герасимов доложил об освобождении ...": what was reported is the "о/об" phrase
                    tree = _subtree(toks, about)
                    content = (tree[0].start, tree[-1].end)
                elif tok.rel == "parataxis" or (tok.idx > 2 and toks[tok.idx - 2].text in ("-", "—", "–", ",")):
                    own = {t.idx for t in _subtree(toks, tok)}
                    before = [t for t in toks if t.idx not in own and t.idx < tok.idx]
                    if before:
                        content = (before[0].start, before[-1].end)
                if content is None:
                    continue
                claim = self._make("indirect", content, speaker, [tok], s_start, s_end)
                if claim:
                    if relayed_by is not None and not any(r.text == relayed_by.text or (r.kb_id and r.kb_id == relayed_by.kb_id)
                                                          or relayed_by.start <= r.start < relayed_by.end for r in claim.relays):
                        claim.relays.append(Relay(relayed_by.name or relayed_by.text, relayed_by.text, relayed_by.start,
                                                  relayed_by.end, relayed_by.kb_id, None))
                    found.append(claim)
                    self.memory.remember(speaker)
            if len(found) > 1:
                found = self._fold_relay_claims(found)
            if found:
                attributed.add(si)
                claims.extend(found)
        unattributed = {i for i in range(len(sents)) if i not in attributed}
        return claims, unattributed

    def _headline_claim(self, toks: list[_Tok], s_start: int, s_end: int) -> Claim | None:
        """The wire headline "Пушилин: ВСУ отступают в Константиновке" (and a paragraph opened the same way): the
        person, body or outlet before the colon says what follows it.  A place ("Константиновка: ...") or a
        heading word ("Главное: ...") is no speaker."""
        if self.text[:s_start].rstrip(" \t«\"")[-1:] not in ("", "\n"):
            return None
        colon = next((t for t in toks[:5] if t.text == ":"), None)
        if colon is None or colon.idx < 2:
            return None
        name = [t for t in toks if t.idx < colon.idx and t.rel != "punct"]
        body = [t for t in toks if t.idx > colon.idx and t.rel != "punct"]
        if not name or len(body) < 2 or not all(t.text[:1].isupper() for t in name if t.pos != "ADP") \
                or any(t.pos in ("VERB", "AUX") for t in name):
            return None
        start, end = name[0].start, name[-1].end
        left = self.text[start:end]
        lemmas = " ".join(t.lemma for t in name)
        per = any(sp.start <= start and sp.stop >= end for sp in self.per_spans)
        known = self.kb.person(left) or self.kb.organization(left) or self.kb.organization(lemmas) \
            or self._outlet_at(start, end)
        if not (per or known):
            return None
        if not per and self.kb.place_candidates(left, fuzzy=False) and not self.kb.person(left):
            return None
        speaker = self._speaker(toks, name[-1]) if per else None
        if speaker is None:
            org = self.kb.organization(left) or self.kb.organization(lemmas)
            outlet = self._outlet_at(start, end)
            if org:
                speaker = Speaker(text=left, start=start, end=end, canonical=org.name, kb_id=org.id, name=org.name,
                                  side=org.side, kind="organization")
            elif outlet:
                speaker = self.memory.link_group(outlet.text, start, end, left)
            else:
                speaker = self.memory.link_name(left, start, end, None, left)
        if speaker is None:
            return None
        claim = self._make("indirect", (body[0].start, body[-1].end), speaker, [colon], s_start, s_end)
        if claim is not None:
            self.memory.remember(speaker)
        return claim

    def _nominal_claim(self, toks: list[_Tok], noun: _Tok, kids: list[_Tok], s_start: int, s_end: int) -> Claim | None:
        """'Заявление Пескова о том, что ...', 'его слова о том, что ...': the owner of the statement says the clause."""
        owner = next((k for k in kids if (k.rel == "nmod" and k.pos == "PROPN") or (k.rel == "det" and k.lemma in _PRONOUNS)), None)
        if owner is None:
            return None
        that_head = next((k for k in kids if k.rel == "nmod" and k.lemma == "тот"), noun)
        clause = next((k for k in _children(toks, that_head) if k.rel in ("acl", "ccomp", "acl:relcl")
                       and any(m.rel == "mark" and m.lemma == "что" for m in _children(toks, k))), None)
        if clause is None:
            return None
        speaker = self._speaker(toks, owner)
        if speaker is None and owner.lemma in _PRONOUNS:
            speaker = self._last_named_person(owner)
        if speaker is None:
            return None
        tree = [t for t in _subtree(toks, clause) if t.rel != "punct" and not (t.rel == "mark" and t.lemma == "что")]
        claim = self._make("indirect", (tree[0].start, tree[-1].end), speaker, [noun], s_start, s_end) if tree else None
        if claim:
            self.memory.remember(speaker)
        return claim

    @staticmethod
    def _ends_in_colon(toks: list[_Tok]) -> bool:
        return toks[-1].text == ":"

    def _announced(self, cue: list[_Tok], speaker: Speaker, s_end: int, sents, attributed: set[int], s_start: int) -> list[Claim]:
        """The claims a cue ending in a colon introduces (quotes.announced); the sentences they cover are attributed."""
        out = []
        for start, end in announced(self.text, s_end, self.quotes):
            claim = self._make("indirect", (start, end), speaker, cue, s_start, s_end)
            if claim:
                out.append(claim)
                attributed.update(i for i, sent in enumerate(sents) if sent.start >= start - 2 and sent.stop <= end + 2)
        return out

    def _according(self, toks: list[_Tok], s_start: int, s_end: int) -> list[Claim]:
        """'По словам X, ...', 'По данным X, ...', 'Как заявил X, ...'."""
        out = []
        for tok in toks:
            kids = _children(toks, tok)
            cue: list[_Tok] | None = None
            src: _Tok | None = None
            if tok.lemma in ("слово", "данные", "мнение", "информация", "оценка") and any(k.rel == "case" and k.lemma == "по" for k in kids):
                case = next(k for k in kids if k.rel == "case")
                cue = [case, tok]
                src = next((k for k in kids if k.rel in ("nmod", "det", "amod") and k.idx != case.idx
                            and (k.pos in ("NOUN", "PROPN", "PRON") or k.lemma in _PRONOUNS)), None)
            elif tok.lemma in RU_SPEECH_VERBS and any(k.rel == "mark" and k.lemma == "как" for k in kids):
                mark = next(k for k in kids if k.rel == "mark")
                cue = [mark, tok]
                src = next((k for k in kids if k.rel in ("nsubj", "nsubj:pass")), None)
            institution = None
            if cue and src is None and tok.pos == "VERB":
                institution = self._institution_speaker(toks, tok, kids)  # "Как отметили в ведомстве, ..."
            if not cue or (src is None and institution is None):
                continue
            speaker = institution or self._speaker(toks, src)
            own = {t.idx for t in _subtree(toks, tok)} | {c.idx for c in cue}
            rest = [t for t in toks if t.idx not in own and t.rel != "punct" or (t.idx not in own and t.pos == "PUNCT" and t.text in "«»\"")]
            if not rest:
                continue
            kind = "according_to" if tok.pos == "NOUN" else "indirect"
            claim = self._make(kind, (rest[0].start, rest[-1].end), speaker, cue, s_start, s_end)
            if claim:
                out.append(claim)
                if speaker:
                    self.memory.remember(speaker)
        return out
