"""What a rewrite changed against its origin (or, with no origin in the corpus, against its family).

Per member sentence: supported by the origin, added, or unverified (another
language and nothing comparable in it).  Same-language sentences are compared
by stem containment; across languages only language-independent handles count
(numbers, knowledge-base people, gazetteer places), against each origin
sentence and each pair of adjacent ones (wire items name the speaker in the
sentence after the claim).  Then: quotes the origin never had, numbers, dates,
force actors and places that differ, and names changed only by spelling.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz

from ..analyze import handles
from ..analyze.events import CONTROL, force_sides
from ..analyze.quotes import find_quotes, inner
from ..knowledge.variants import fold, romanize, skeleton
from ..model import Article
from . import text as T

SUPPORT = 0.5  # share of a sentence's stems (or handles) found in the origin for it to count as supported
# rapidfuzz partial ratio of a quote against the origin text in its language.  Copied quotes score 95-100 on
# realdev (trimmed ones too: partial ratio finds the shorter in the longer); quotes whose words were reordered or
# reworded inside the quote marks score 79-84, and are what the gold calls altered.
QUOTE_SAME_LANGUAGE = 90
# the side-coded concepts whose loss or flip in a translated quote alters it (framing.py's lexicon): naming the
# other side's government, forces or cause, and who holds the ground
ALTERED_CONCEPTS = ("regime", "nazi", "fighters", "control", "war_name")
# a translation may split one origin quote into several: together they may run this many times its length
# (Spanish or French run about 1.2 times the Russian they translate)
QUOTE_TRANSLATION_SPAN = 1.6


@dataclass(slots=True)
class Change:
    kind: str  # added_sentence / unverified_sentence / fabricated_quote / outside_quote / number / date / actor / place / transliteration / framing / event
    member_text: str
    member_start: int | None
    member_end: int | None
    origin_text: str | None = None
    origin_start: int | None = None
    origin_end: int | None = None
    detail: str = ""


@dataclass(slots=True)
class MemberDiff:
    article_id: str
    against: str | None  # origin article id, or "family" when compared with the family consensus
    supported: int = 0
    added: int = 0
    unverified: int = 0
    sentences: list[dict] = field(default_factory=list)  # per member sentence: span, status, best origin span, score
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "against": self.against, "supported": self.supported, "added": self.added,
                "unverified": self.unverified, "sentences": self.sentences, "changes": [asdict(c) for c in self.changes]}


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    text: str
    stems: set[str]
    keys: set[str]  # numbers, people, places
    sides: dict[str, list[str]]
    window: bool = False
    parts: tuple = ()


def _keys(art: Article, s: int, e: int, text: str) -> set[str]:
    keys = {"n:" + n.split(" ")[0] for n in handles.numbers(handles.without_dates(text, art.lang), art.lang)}
    keys |= {"p:" + m.kb_id for m in art.entities if m.kb_id and m.kb_id.startswith("person:") and s <= m.start < e}
    keys |= {"p:" + c.speaker.kb_id for c in art.claims
             if c.speaker and c.speaker.kb_id and c.speaker.kb_id.startswith("person:") and s <= c.speaker.start < e}
    keys |= {"l:" + m.place_id for m in art.places if s <= m.start < e and not m.place_id.startswith("country:")}
    return keys


def _sentences(art: Article) -> list[_Sentence]:
    out = []
    for s, e in T.sentences(art.text):
        t = art.text[s:e]
        out.append(_Sentence(s, e, t, set(T.stems(t)), _keys(art, s, e, t), force_sides(t)))
    return out


def _windows(sents: list[_Sentence]) -> list[_Sentence]:
    """Each origin sentence, and each pair of adjacent ones."""
    out = list(sents)
    for a, b in zip(sents, sents[1:]):
        sides = {k: a.sides.get(k, []) + b.sides.get(k, []) for k in set(a.sides) | set(b.sides)}
        out.append(_Sentence(a.start, b.end, a.text + " " + b.text, a.stems | b.stems, a.keys | b.keys, sides, True, (a, b)))
    return out


def _support(m: _Sentence, o: _Sentence, same_language: bool) -> float | None:
    if same_language and m.stems:
        return len(m.stems & o.stems) / len(m.stems)
    if not m.keys:
        return None
    return len(m.keys & o.keys) / len(m.keys)


def diff(member: Article, origin: Article | None, family: list[Article] | None = None, *,
         boilerplate: set[str] | None = None, role: str | None = None) -> MemberDiff:
    """Compare `member` with `origin`; with no origin, with the other family members (supported when any supports).
    `role` is the member's in its family: an `independent_report` (an outlet's own reporting that cites the
    origin's statement) is not checked for fabricated quotes, since quoting what the origin does not is what its
    own reporting adds."""
    refs = [origin] if origin is not None else [a for a in (family or []) if a.id != member.id]
    out = MemberDiff(member.id, origin.id if origin is not None else ("family" if refs else None))
    if not refs:
        return out
    ref_sents = [(r, _windows(_sentences(r))) for r in refs]
    boilerplate = boilerplate or set()
    m_sents = _sentences(member)
    origin_texts: list[str | None] = []
    para_of = {}
    for ps, pe in T.paragraphs(member.text):
        para_of[(ps, pe)] = T.paragraph_key(member.text[ps:pe])
    for ms in m_sents:
        best, best_ref, best_o = None, None, None
        for r, sents in ref_sents:
            same = r.lang == member.lang
            for o in sents:
                sc = _support(ms, o, same)
                if sc is not None and (best is None or sc > best or (sc == best and o.end - o.start < best_o.end - best_o.start)):
                    best, best_ref, best_o = sc, r, o
        in_boilerplate = any(ps <= ms.start < pe and key in boilerplate for (ps, pe), key in para_of.items())
        if in_boilerplate or (best is not None and best < SUPPORT):
            status = "added"
        elif best is None:
            status = "unverified"
        else:
            status = "supported"
        origin_texts.append(best_o.text if best_o is not None and best else None)
        rec = {"start": ms.start, "end": ms.end, "status": status, "score": round(best, 3) if best is not None else None,
               "origin_article_id": best_ref.id if best_ref is not None else None,
               "origin_start": best_o.start if best_o else None, "origin_end": best_o.end if best_o else None}
        if in_boilerplate:
            rec["boilerplate"] = True
        out.sentences.append(rec)
        if status == "added":
            out.added += 1
            near = best_o if best_o is not None and best else None
            out.changes.append(Change("added_sentence", ms.text, ms.start, ms.end,
                                      near.text if near else None, near.start if near else None,
                                      near.end if near else None, "boilerplate shared with unrelated families" if in_boilerplate else ""))
        elif status == "unverified":
            out.unverified += 1
        else:
            out.supported += 1
            _actor_changes(out, ms, best_o)
    if role != "independent_report":
        _quote_changes(out, member, refs, origin_texts)
    added = [(r["start"], r["end"]) for r in out.sentences if r["status"] == "added"]
    _fact_changes(out, member, refs, added)
    _spelling_changes(out, member, [a for a in refs + [a for a in (family or []) if a.id != member.id and a not in refs]
                                    if a.lang == member.lang])
    return out


def _actor_changes(out: MemberDiff, ms: _Sentence, o: _Sentence) -> None:
    """A force actor of one side where the aligned origin sentence (one sentence, one side, same place) has the other."""
    if o.window:
        sided = [p for p in o.parts if p.sides]
        if len(sided) != 1:
            return
        o = sided[0]
    if len(ms.sides) != 1 or len(o.sides) != 1:
        return
    # the same event: both sentences name the same place
    if not {k for k in ms.keys if k.startswith("l:")} & {k for k in o.keys if k.startswith("l:")}:
        return
    if set(ms.sides) != set(o.sides):
        swapped = set(ms.sides) - set(o.sides)
        if swapped:
            out.changes.append(Change("actor", ", ".join(t for s in swapped for t in ms.sides[s]), ms.start, ms.end,
                                      ", ".join(t for s in set(o.sides) - set(ms.sides) for t in o.sides[s]) or o.text,
                                      o.start, o.end, f"{'/'.join(sorted(swapped))} actor where the origin has "
                                      f"{'/'.join(sorted(set(o.sides) - set(ms.sides))) or 'others'}"))


def _claim_at(art: Article, pos: int):
    """The claim whose content or quotes hold `pos`, or None."""
    return next((c for c in art.claims if c.start <= pos < c.end or any(q.start <= pos < q.end for q in c.quotes)),
                None)


def _speaker_at(art: Article, pos: int) -> str | None:
    c = _claim_at(art, pos)
    return c.speaker.kb_id if c is not None and c.speaker and c.speaker.kb_id else None


def _person_keys(kb_id: str | None, name: str | None) -> set[str]:
    """A person's keys across articles and scripts: the knowledge-base id, the consonant skeleton of the surname
    and its first five letters in Latin (which an inflected Russian surname keeps: Белоусова, Belousov)."""
    keys = {kb_id} if kb_id and kb_id.startswith("person:") else set()
    words = (name or "").split()
    if words:
        if sk := skeleton(words[-1]):
            keys.add("s:" + sk)
        if len(latin := re.sub(r"[^a-z]", "", romanize(words[-1]))) >= 4:
            keys.add("r:" + latin[:5])
    return keys


def _person_speaker_at(art: Article, pos: int):
    """The named person a quote at `pos` is attributed to, with their keys; (None, set()) when it is no person's."""
    c = _claim_at(art, pos)
    sp = c.speaker if c is not None else None
    if sp is None or sp.kind != "person":
        return None, set()
    return sp, _person_keys(sp.kb_id, sp.canonical or sp.name or sp.text)


def _people_named(art: Article) -> set[str]:
    """Keys of every person the article names or quotes."""
    keys: set[str] = set()
    for m in art.entities:
        if m.type == "PERSON":
            keys |= _person_keys(m.kb_id, m.canonical or m.text) | _person_keys(None, m.text)
    for c in art.claims:
        if c.speaker and c.speaker.kind == "person":
            keys |= _person_keys(c.speaker.kb_id, c.speaker.canonical or c.speaker.name or c.speaker.text)
            keys |= _person_keys(None, c.speaker.text)
    return keys


def _quote_changes(out: MemberDiff, member: Article, refs: list[Article], origin_texts: list[str | None]) -> None:
    """Quotes of the member that its origin does not have.  Only against an origin in the corpus: other rewrites
    are no evidence of what the speaker said (on realdev the 28 flags raised against a family held 1 right one)."""
    if not refs or out.against == "family":
        return
    used: dict[tuple[str, int], int] = defaultdict(int)  # characters of member quotes matched to each origin quote
    seen: set[str] = set()
    named = set().union(*(_people_named(r) for r in refs))
    found = [q for q in find_quotes(member.text) if len(inner(q).split()) >= 3]
    folded = [fold(inner(q)) for q in found]
    for i, q in enumerate(found):
        words = inner(q)
        if folded[i] in seen or any(len(other) > len(folded[i]) and fuzz.partial_ratio(folded[i], other) >= 95
                                    for other in folded):
            continue  # the same quote again, or a shorter form of a longer one (a headline's): checked once, whole
        seen.add(folded[i])
        speaker, keys = _person_speaker_at(member, q.start)
        if keys and not keys & named:
            # a quote by someone the origin never names comes from another statement (background a rewrite adds:
            # "earlier, X said ..."), not the origin's speaker misquoted.  (Checking it against the family members
            # that report the person instead flagged, on realdev, a rewrite's background quote that a sibling
            # rewrite had reported in indirect speech.)
            near = _nearest(q.start, out.sentences, origin_texts)
            out.changes.append(Change("outside_quote", words, q.start, q.end, near[0], near[1], near[2],
                                      f"quote by {speaker.canonical or speaker.name or speaker.text}, "
                                      "who is not named in the origin: another statement"))
            continue
        supported = False
        unverifiable = False
        for r in refs:
            if r.lang == member.lang:
                if fuzz.partial_ratio(fold(words), fold(r.text)) >= QUOTE_SAME_LANGUAGE:
                    supported = True
                    break
                continue
            qk = _keys(member, q.start, q.end, words)
            q_speaker = _speaker_at(member, q.start)
            for oq in find_quotes(r.text):
                ow = inner(oq)
                if len(ow.split()) < 3 or used[(r.id, oq.start)] + len(words) > QUOTE_TRANSLATION_SPAN * len(ow):
                    continue
                ok = _keys(r, oq.start, oq.end, ow)
                o_speaker = _speaker_at(r, oq.start)
                if qk and ok:
                    match = bool(qk & ok)
                else:
                    ratio = len(words) / max(1, len(ow))
                    match = 0.4 <= ratio <= 2.5 and (not q_speaker or not o_speaker or q_speaker == o_speaker)
                if match:
                    used[(r.id, oq.start)] += len(words)
                    supported = True
                    altered = _altered_wording(member, q, qk, r, oq)
                    if altered:
                        near = _nearest(q.start, out.sentences, origin_texts)
                        out.changes.append(Change("fabricated_quote", words, q.start, q.end, near[0], near[1], near[2],
                                                  altered))
                    break
            if supported:
                break
            # No origin quote matched a translated one.  Flag it only on evidence: every origin quote this speaker
            # could have is already matched (a translation has no more of a speaker's quotes than its origin), or
            # the quote gives a figure the origin never does; else it cannot be checked (a translation's wording
            # cannot be compared, and realdev's flags without such evidence were wrong).
            # (an origin quote carrying figures, people or places the translated one lacks is another quote)
            free = [oq for oq in find_quotes(r.text) if len(inner(oq).split()) >= 3 and not used[(r.id, oq.start)]
                    and (not q_speaker or _speaker_at(r, oq.start) in (None, q_speaker))
                    and (not (ok := _keys(r, oq.start, oq.end, inner(oq))) or qk & ok)]
            numbers = {k for k in qk if k.startswith("n:")}
            if free and not (numbers - _keys(r, 0, len(r.text), r.text)):
                unverifiable = True
        if not supported and not unverifiable:
            near = _nearest(q.start, out.sentences, origin_texts)
            out.changes.append(Change("fabricated_quote", words, q.start, q.end, near[0], near[1], near[2],
                                      "quote absent from the origin" if len(refs) == 1 else "quote absent from every other member",
                                      ))
            if near[3]:
                out.changes[-1].detail += f"; nearest origin sentence in {near[3]}"


def _altered_wording(member: Article, q, qk: set[str], origin: Article, oq) -> str | None:
    """How a translated quote changes its origin quote's side-coded wording, or None.  The origin quote's sentences
    whose figures, people or places the member quote shares are the ones it renders; a loaded term there ("киевского
    режима") that the translation drops or turns to the other side's ("Ukraine's last stronghold") puts words in
    the speaker's mouth: the quote marks no longer hold what they said.  Only where the member's language has a
    terminology lexicon (else every term would look dropped)."""
    from ..analyze.framing import lexicon

    if not qk or member.lang not in lexicon():
        return None
    mine: dict[str, set[str]] = defaultdict(set)
    for t in member.terms:
        if q.start <= t.start < q.end:
            mine[t.concept].add(t.side)
    for s, e in T.sentences(origin.text[oq.start:oq.end]):
        s, e = s + oq.start, e + oq.start
        terms = [t for t in origin.terms if s <= t.start < e and t.concept in ALTERED_CONCEPTS]
        if not terms or not qk & _keys(origin, s, e, origin.text[s:e]):
            continue
        for t in terms:
            if t.side not in mine.get(t.concept, ()):
                found = ", ".join(sorted(mine[t.concept])) if mine.get(t.concept) else "no such word"
                return f"altered quote: the origin's says «{t.text}» ({t.concept}, {t.side} side); this one has {found}"
    return None


def _nearest(pos: int, sentences: list[dict], texts: list[str | None]):
    """The origin sentence best aligned with the member sentence holding `pos`."""
    for rec, text in zip(sentences, texts):
        if rec["start"] <= pos < rec["end"] + 2 and text:
            return text, rec["origin_start"], rec["origin_end"], rec["origin_article_id"]
    return None, None, None, None


def _fact_changes(out: MemberDiff, member: Article, refs: list[Article], added: list[tuple[int, int]]) -> None:
    """Numbers, days and places of the member's own (not added) sentences that the origin does not have."""
    ref_numbers: dict[str, list[str]] = {}
    ref_days: set[str] = set()
    ref_places: set[str] = set()
    for r in refs:
        for n in handles.numbers(handles.without_dates(r.text, r.lang), r.lang):
            ref_numbers.setdefault(n.partition(" ")[2], []).append(n)
        year = int(r.published[:4]) if r.published and r.published[:4].isdigit() else None
        ref_days |= {d[-5:] for d in handles.dates(r.text, year=year, lang=r.lang)}
        if r.published:
            ref_days.add(r.published[5:10])
        ref_places |= {m.place_id for m in r.places if not m.place_id.startswith(("country:", "region:"))}
    all_ref_values = {n.split(" ")[0] for ns in ref_numbers.values() for n in ns}
    text = "".join(" " * (e - s) if any(a <= s < b for a, b in added) else member.text[s:e]
                   for s, e in _cuts(member.text, added))
    blanked = handles.without_dates(text, member.lang)
    for n in dict.fromkeys(handles.numbers(blanked, member.lang)):
        value, _, unit = n.partition(" ")
        if value in all_ref_values:
            continue
        same_unit = ref_numbers.get(unit) if unit else None
        if same_unit:
            pos = _find(text, value)
            out.changes.append(Change("number", n, pos, pos + len(value) if pos is not None else None, ", ".join(same_unit),
                                      detail=f"{n} where the origin has {', '.join(same_unit)}"))
    year = int(member.published[:4]) if member.published and member.published[:4].isdigit() else None
    for d in dict.fromkeys(handles.dates(text, year=year, lang=member.lang)):
        if d[-5:] not in ref_days:
            out.changes.append(Change("date", d, None, None, ", ".join(sorted(ref_days)),
                                      detail=f"day {d[-5:]} not in the origin (origin days: {', '.join(sorted(ref_days))})"))
    seen = set()
    for m in member.places:
        if any(a <= m.start < b for a, b in added):
            continue
        if m.place_id.startswith(("country:", "region:")) or m.place_id in ref_places or m.place_id in seen:
            continue
        seen.add(m.place_id)
        if ref_places:
            out.changes.append(Change("place", m.text, m.start, m.end, None, detail=f"{m.canonical} ({m.place_id}) not named in the origin"))


def _cuts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The text cut at span boundaries, so that spans can be blanked in place."""
    points = sorted({0, len(text), *(p for s, e in spans for p in (s, e))})
    return list(zip(points, points[1:]))


def _script(text: str) -> str:
    return "cyrillic" if re.search(r"[\u0400-\u04FF]", text) else "latin"


def _spelling_changes(out: MemberDiff, member: Article, refs: list[Article]) -> None:
    """Names changed only by spelling: the same person or place written otherwise than in the origin
    (or, across scripts, than in the family's other members in the member's script)."""
    mine: dict[str, list] = {}
    for e in member.entities:
        if e.kb_id and e.kb_id.startswith("person:"):
            mine.setdefault(e.kb_id, []).append(e)
    for m in member.places:
        mine.setdefault(m.place_id, []).append(m)
    for kb_id, mentions in mine.items():
        script = _script(mentions[0].text)
        if script != "latin":  # Cyrillic case endings (Киев, Киева) are grammar, not spelling
            continue
        theirs: dict[str, str] = {}
        for r in refs:
            for e in list(r.entities) + list(r.places):
                if (getattr(e, "kb_id", None) or getattr(e, "place_id", None)) == kb_id and _script(e.text) == script:
                    theirs.setdefault(_last_word(e.text), e.text)
        if not theirs:
            continue
        for mention in mentions:
            word = _last_word(mention.text)
            if word in theirs:
                continue
            out.changes.append(Change("transliteration", mention.text, mention.start, mention.end, ", ".join(sorted(set(theirs.values()))),
                                      detail=f"same {'person' if kb_id.startswith('person:') else 'place'} ({kb_id}), other spelling"))
            break


def _last_word(text: str) -> str:
    return fold(text).split()[-1] if fold(text).split() else ""


def _find(text: str, value: str) -> int | None:
    m = re.search(r"(?<![\d.,])" + re.escape(value).replace(r"\.", "[.,]") + r"(?![\d])", text)
    return m.start() if m else None


CONCEPT_WORDS = {"war_name": "the war", "regime": "the Ukrainian state", "nazi": "Ukrainians as Nazis",
                 "fighters": "the other side's soldiers", "control": "who holds a place", "territory": "the annexed regions",
                 "preposition": "Ukraine", "maidan": "2014"}


def framing_changes(member: Article, origin: Article) -> list[Change]:
    """Framing drift: the side-coded terms (analyze.framing) a rewrite says in its own voice that its origin did not
    (a term the origin only quoted, now in the rewrite's own words, counts), and those its origin said in its own
    voice that the rewrite drops.  Compared by concept and side, so a translation is compared with its origin."""
    origin_own = {(t.concept, t.side) for t in origin.terms if t.voice == "own_voice"}
    origin_any: dict[tuple[str, str], object] = {}
    for t in origin.terms:
        origin_any.setdefault((t.concept, t.side), t)
    member_any = {(t.concept, t.side) for t in member.terms}
    out, seen = [], set()
    for t in member.terms:
        key = (t.concept, t.side)
        if t.voice != "own_voice" or key in origin_own or key in seen:
            continue
        seen.add(key)
        was = origin_any.get(key)
        detail = f"adds {t.side}'s word for {CONCEPT_WORDS.get(t.concept, t.concept)} in its own voice"
        if was is not None:
            detail += f" (the origin has it only {'quoted' if was.voice == 'quote' else 'attributed'}" + \
                      (f", from {was.speaker})" if was.speaker else ")")
        out.append(Change("framing", t.text, t.start, t.end, was.text if was else None, was.start if was else None,
                          was.end if was else None, detail))
    dropped = set()
    for t in origin.terms:
        key = (t.concept, t.side)
        if t.voice != "own_voice" or key in member_any or key in dropped:
            continue
        dropped.add(key)
        out.append(Change("framing", "", None, None, t.text, t.start, t.end,
                          f"drops {t.side}'s word for {CONCEPT_WORDS.get(t.concept, t.concept)} the origin used in its own voice"))
    return out


def event_changes(member: Article, origin: Article) -> list[Change]:
    """What a rewrite says happened to a place that its origin does not: a claim of control (taken, liberated,
    held, left) where the origin claims none of that kind there (an advance towards a town become its capture),
    another side holding it than the origin says, or the origin's denial turned into a claim.  Compared by event
    type, place id and side (analyze.events), so a translation is compared with its origin."""
    def key_events(art: Article):
        out = {}
        for e in art.events:
            if e.type in CONTROL:
                for place in e.places:
                    if place.startswith("geonames:"):  # settlements: control of a region is no one claim
                        out.setdefault(place, []).append(e)
        return out

    said = key_events(origin)
    # the kinds of control the origin claims anywhere: the place a trigger is tied to can differ between two
    # wordings of one sentence ("власть в Константиновке ... захватили" / "о захвате ... власти в Константиновке")
    origin_kinds_anywhere = {o.type for o in origin.events if o.type in CONTROL}
    mentioned = {m.place_id for m in origin.places}
    out, seen = [], set()
    for place, events in key_events(member).items():
        if place not in mentioned:
            continue  # a place the origin does not name: the place changes already tell of it
        before = said.get(place, [])
        for e in events:
            holders = {o.controller for o in before if o.controller and not o.denied}
            denied = [o for o in before if o.denied and o.type == e.type]
            if e.denied or (e.type, e.controller, place) in seen:
                continue
            seen.add((e.type, e.controller, place))
            name = next((m.canonical for m in member.places if m.place_id == place), place)
            if e.controller and denied:
                detail = f"claims {e.type.replace('_', ' ')} of {name}, which the origin denies"
                ref = denied[0]
            elif e.controller and holders and e.controller not in holders:
                detail = f"{e.controller} holds {name} where the origin says {', '.join(sorted(holders))} does"
                ref = next(o for o in before if o.controller in holders)
            elif e.controller and not before and e.type not in origin_kinds_anywhere:
                origin_kinds = sorted({o.type for o in origin.events if place in o.places})
                detail = (f"claims {e.type.replace('_', ' ')} of {name} ({e.controller} holds it); the origin claims no "
                          "control of it" + (f", only: {', '.join(k.replace('_', ' ') for k in origin_kinds)}"
                                             if origin_kinds else ""))
                ref = None
            else:
                continue
            out.append(Change("event", e.text, e.start, e.end, ref.text if ref else None,
                              ref.start if ref else None, ref.end if ref else None, detail))
    return out
