"""Speaker resolution shared by the English and Russian extractors.

An article names a speaker in full once ("military analyst Andrew Marochko") and
then refers back by surname, pronoun or possessive ("He emphasized",
"Kimakovski's statement").  `SpeakerMemory` keeps what the article has said so
far so those references resolve to the same canonical identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..knowledge import KnowledgeBase, fold
from ..model import Speaker


# Words that mark the side of an unlinked speaker from its descriptor.
SIDE_WORDS = {
    "russia": ("russian", "russia", "kremlin", "moscow", "dpr", "lpr", "donetsk people's", "luhansk people's",
               "lugansk people's", "pro-russian", "pro-kremlin", "russian-installed", "tass", "ria"),
    "ukraine": ("ukrainian", "ukraine", "kyiv", "kiev", "zelensky", "zelenskyy", "pro-ukrainian"),
}
# Nouns that, made definite ("the expert said"), point back to the last person quoted.
_GENERIC_PERSON_NOUNS = frozenset({"expert", "analyst", "official", "minister", "spokesman", "spokeswoman", "commander",
                                   "governor", "adviser", "advisor", "blogger", "correspondent", "source", "officer",
                                   "эксперт", "министр", "глава", "советник", "представитель", "губернатор", "политолог",
                                   "чиновник", "политик", "руководитель", "врио", "командир", "военкор", "блогер",
                                   "специалист", "аналитик", "конгрессмен", "лидер", "экс-глава", "полпред"})


# Phrases that speak for the organisation they name ("пресс-служба Минобороны РФ"); "sources close to
# the command" do not, and stay a group of their own.
_OFFICE_HEAD = re.compile(r"^(?:the |a |an )?(?:press (?:service|office)|spokes(?:man|woman|person)|representatives?|"
                          r"official representative|пресс-служб\w*|(?:официальн\w+ )?представител\w*|пресс-секретар\w*|"
                          r"press secretary|headquarters|штаб\w*)\b", re.I)
# A source that is not named: "a source close to the command", "sources in the security services", "источник в
# силовых структурах", "собеседник агентства" (the speaker's kind is `anonymous`, its descriptor kept).
_ANONYMOUS = re.compile(r"^(?:(?:the|a|an|one|two|several|some)\s+)?(?:[\w-]+\s+){0,3}?(?:sources?|insiders?|interlocutors?)\b|"
                        r"^(?:\w+\s+)?(?:источник\w*|собеседник\w*|осведомленн\w+|неназванн\w+)(?!\w)", re.I)
_NOT_HEADS = frozenset({"the", "of", "for", "and", "russian", "ukrainian", "russia", "ukraine", "us", "state", "armed"})


def side_from_words(*texts: str | None) -> str:
    """'russia' / 'ukraine' when a descriptor says so ('DPR official', 'Ukrainian officials'), else 'unknown'."""
    joined = " ".join(t for t in texts if t).lower()
    hits = {side for side, words in SIDE_WORDS.items() if any(re.search(rf"\b{re.escape(w)}", joined) for w in words)}
    return hits.pop() if len(hits) == 1 else "unknown"


@dataclass
class SpeakerMemory:
    """Speakers of one article so far, for references back."""

    kb: KnowledgeBase
    linked_ids: set[str] = field(default_factory=set)
    surnames: dict[str, Speaker] = field(default_factory=dict)  # folded surname -> full speaker
    last_person: Speaker | None = None
    last_any: Speaker | None = None
    last_plural: Speaker | None = None
    descriptions: dict[str, Speaker] = field(default_factory=dict)
    text: str = ""
    last_institution: Speaker | None = None  # the last organisation or outlet quoted

    def link_name(self, name: str, start: int, end: int, descriptor: str | None, text: str) -> Speaker:
        """A speaker for a person's name, linked to the knowledge base when it can be."""
        person = self.kb.person(name, context=self.linked_ids)
        key = fold(name).split(" ")[-1] if name.strip() else ""
        if person is None and key in self.surnames:
            earlier = self.surnames[key]
            return Speaker(text=text, start=start, end=end, canonical=earlier.canonical, kb_id=earlier.kb_id,
                           name=earlier.name, descriptor=descriptor or earlier.descriptor, side=earlier.side,
                           kind="person", resolved_from="surname")
        if person is not None:
            self.linked_ids.add(person.id)
            sp = Speaker(text=text, start=start, end=end, canonical=person.name, kb_id=person.id, name=person.name,
                         descriptor=descriptor, side=person.side, kind="person")
        else:
            sp = Speaker(text=text, start=start, end=end, name=name, descriptor=descriptor,
                         side=side_from_words(descriptor), kind="person")
        if key and (len(name.split()) >= 2 or person is not None):
            self.surnames.setdefault(key, sp)
        return sp

    def link_group(self, phrase: str, start: int, end: int, text: str, descriptor: str | None = None) -> Speaker:
        """A speaker for an organisation, outlet or group phrase ('the Kremlin', 'Ukrainian officials')."""
        if not (self.kb.outlet(phrase) or self.kb.organization(phrase) or self.kb.person_by_title(phrase)) \
                and _OFFICE_HEAD.search(phrase):
            inner = self.kb.organization_within(phrase)
            if inner is not None:
                # "пресс-служба Минобороны РФ", "a spokesman for the Russian Defence Ministry"
                return Speaker(text=text, start=start, end=end, canonical=inner.name, kb_id=inner.id, name=inner.name,
                               descriptor=descriptor or phrase, side=inner.side, kind="organization")
        outlet = self.kb.outlet(phrase)
        if outlet:
            return Speaker(text=text, start=start, end=end, canonical=outlet.name, kb_id=outlet.id, name=outlet.name,
                           descriptor=descriptor, side=outlet.side, kind="outlet")
        org = self.kb.organization(phrase)
        if org:
            return Speaker(text=text, start=start, end=end, canonical=org.name, kb_id=org.id, name=org.name,
                           descriptor=descriptor, side=org.side, kind="organization")
        person = self.kb.person_by_title(phrase)
        if person is not None:
            # "the press secretary of the Russian president", "Kremlin spokesman": one office, one person
            self.linked_ids.add(person.id)
            return Speaker(text=text, start=start, end=end, canonical=person.name, kb_id=person.id, name=person.name,
                           descriptor=phrase, side=person.side, kind="person", resolved_from="title")
        name = re.sub(r"^(?:the|a|an|some|many|several|other)\s+", "", phrase.strip(), flags=re.I)
        kind = "anonymous" if _ANONYMOUS.search(phrase) else "collective"
        return Speaker(text=text, start=start, end=end, name=name, descriptor=descriptor or (text if kind == "anonymous" else None),
                       side=side_from_words(phrase, descriptor), kind=kind)

    def pronoun(self, word: str, start: int, end: int, text: str) -> Speaker | None:
        """The speaker a pronoun refers back to, or None when the article has none yet."""
        w = word.lower()
        if w in ("they", "them", "we"):
            ref = self.last_plural or (self.last_any if self.last_any and self.last_any.kind != "person" else None)
        elif w in ("i", "you"):
            return None
        else:
            ref = self.last_person
        if ref is None:
            return None
        return Speaker(text=text, start=start, end=end, canonical=ref.canonical, kb_id=ref.kb_id, name=ref.name,
                       descriptor=ref.descriptor, side=ref.side, kind=ref.kind, resolved_from="pronoun")

    def description(self, noun: str, start: int, end: int) -> Speaker | None:
        """The earlier speaker a definite description points back to ('the expert', 'the official', 'министр')."""
        ref = self.descriptions.get(noun.lower()) or (self.last_person if self.last_person and noun.lower() in
                                                       _GENERIC_PERSON_NOUNS else None)
        if ref is None:
            return None
        return Speaker(text=self.span_text(start, end), start=start, end=end, canonical=ref.canonical, kb_id=ref.kb_id,
                       name=ref.name, descriptor=ref.descriptor, side=ref.side, kind=ref.kind, resolved_from="description")

    def register_description(self, noun: str, sp: Speaker) -> None:
        """Remember that `noun` ('minister', 'министр') describes `sp`, for later definite references."""
        self.descriptions[noun.lower()] = sp

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end] if self.text else ""

    def remember(self, sp: Speaker) -> None:
        if sp.kind in ("organization", "outlet"):
            self.last_institution = sp
        if sp.descriptor and sp.kind == "person":
            for word in re.findall(r"\w+", sp.descriptor.lower()):
                self.descriptions[word] = sp
        if sp.kind in ("organization", "outlet") and sp.canonical:
            # "the ministry" / "the agency" after "the Russian Ministry of Defence" / "TASS"
            for word in re.findall(r"\w+", sp.canonical.lower()):
                if word not in _NOT_HEADS:
                    self.descriptions[word] = sp
            if sp.kind == "outlet":
                self.descriptions.setdefault("agency", sp)
        if sp.kind == "collective" and sp.name and not sp.kb_id:
            # "a local official in the region ... The official said"
            words = re.findall(r"\w+", sp.name.lower())
            head = next((w for w in words if w in _GENERIC_PERSON_NOUNS), None)
            if head:
                self.descriptions[head] = sp
        self.last_any = sp
        if sp.kind == "person":
            self.last_person = sp
        elif sp.name and (sp.name.lower().endswith("s") or sp.kind in ("organization", "outlet", "collective")):
            self.last_plural = sp
        if sp.kb_id:
            self.linked_ids.add(sp.kb_id)
