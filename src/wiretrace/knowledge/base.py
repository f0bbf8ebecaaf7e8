"""The knowledge base: people, organisations, outlets and places, with every spelling indexed.

Bundled JSONL files live in `knowledge/data/`; a user adds records with
`--kb FILE` (or the `kb_files` setting): JSONL, one record a line, each with a
`"kind"` of person / organization / outlet / place and the fields of the bundled
files.  Loading the bundled files takes about a second the first time and is cached.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from ..errors import Errors
from .variants import fold, is_cyrillic, name_words, romanize, romanize_russian, romanize_ukrainian, skeleton


@dataclass(slots=True)
class Person:
    id: str
    name: str
    role: str = ""
    affiliation: str = ""
    side: str = "unknown"
    aliases: list[str] = field(default_factory=list)
    given_names: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)  # offices held by this person alone ("Kremlin spokesman")


@dataclass(slots=True)
class Organization:
    id: str
    name: str
    type: str = ""
    side: str = "unknown"
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Outlet:
    id: str
    name: str
    type: str = "unknown"  # state_media / wire / independent / unknown
    country: str = ""
    side: str = "unknown"
    domains: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    id: str
    name: str
    lat: float | None
    lon: float | None
    admin1: str
    country: str
    population: int = 0
    geonames_id: int | None = None
    names: dict[str, list[str]] = field(default_factory=dict)


# English forms of Russian/Ukrainian given names met in rewrites ("Andrew Marochko").
_GIVEN_NAME_EQUIVALENTS = {
    "andrew": "andrei", "alexander": "aleksandr", "alex": "aleksandr", "michael": "mikhail",
    "peter": "pyotr", "paul": "pavel", "george": "georgy", "gregory": "grigory", "jacob": "yakov",
    "joseph": "iosif", "nicholas": "nikolai", "eugene": "yevgeny", "catherine": "yekaterina",
    "mary": "maria", "helen": "yelena", "basil": "vasily", "theodore": "fyodor", "leo": "lev",
}
_TITLES = re.compile(
    r"^(?:(?:the|a|an|president|prime|minister|defen[cs]e|foreign|deputy|general|colonel|lieutenant|"
    r"mr|mrs|ms|dr|head|governor|mayor|spokesman|spokeswoman|spokesperson|commander|chief|adviser|advisor|"
    r"secretary|chancellor|senator|ambassador|envoy|expert|analyst|military|official|gen|col|lt)\.?\s+)+",
    re.I,
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


_TEXT_FIELDS = ("role", "affiliation", "side", "type", "country", "admin1", "ru", "uk")
_LIST_FIELDS = ("aliases", "titles", "domains")


def _record_problem(rec) -> str | None:
    """What makes a user's knowledge-base record unusable (the fields `_add` reads, of the wrong type), or None."""
    if not isinstance(rec, dict) or rec.get("kind") not in ("person", "organization", "outlet", "place") \
            or not isinstance(rec.get("id"), str) or not rec["id"].strip():
        return "needs 'id' and a 'kind' of person/organization/outlet/place"
    if not isinstance(rec.get("name"), str) or not rec["name"].strip():
        return "needs a 'name' (text)"
    for key in _TEXT_FIELDS:
        if rec.get(key) is not None and not isinstance(rec[key], str):
            return f"{key!r} must be text"
    for key in _LIST_FIELDS:
        if key in rec and not (isinstance(rec[key], list) and all(isinstance(v, str) for v in rec[key])):
            return f"{key!r} must be a list of text"
    for key in ("lat", "lon", "population", "geonames_id"):
        if rec.get(key) is not None and (isinstance(rec[key], bool) or not isinstance(rec[key], (int, float))):
            return f"{key!r} must be a number"
    names = rec.get("names")
    if names is not None and not (isinstance(names, dict) and all(
            isinstance(v, list) and all(isinstance(n, str) for n in v) for v in names.values())):
        return "'names' must map a variant (uk, ru, en, other) to a list of text"
    return None


def _folded_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", fold(text)) if w]


class KnowledgeBase:
    """Lookups by any spelling.  Build with `KnowledgeBase.load()` (cached) or from records."""

    def __init__(self, records: list[dict], *, person_threshold: float = 86.0, place_threshold: float = 92.0):
        self.person_threshold = person_threshold
        self.place_threshold = place_threshold
        self.people: dict[str, Person] = {}
        self.organizations: dict[str, Organization] = {}
        self.outlets: dict[str, Outlet] = {}
        self.places: dict[str, Place] = {}
        for rec in records:
            self._add(rec)
        self._index()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra_files: tuple[str, ...] = (), **kwargs) -> KnowledgeBase:
        return _cached_kb(tuple(extra_files), tuple(sorted(kwargs.items())))

    @staticmethod
    def bundled_records() -> list[dict]:
        data = resources.files("wiretrace.knowledge") / "data"
        out: list[dict] = []
        for name, kind in (("people.jsonl", "person"), ("organizations.jsonl", "organization"),
                           ("outlets.jsonl", "outlet"), ("regions.jsonl", "place"), ("places.jsonl", "place")):
            for line in (data / name).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    rec.setdefault("kind", kind)
                    out.append(rec)
        return out

    @staticmethod
    def read_user_file(path: str) -> list[dict]:
        """The records of a user's JSONL file.  Raises ValueError (E021) naming the file and line of the first
        record that cannot be used, before anything is analysed or linked."""
        out = []
        try:
            text = Path(path).read_bytes().decode("utf-8")
        except OSError as exc:
            raise ValueError(Errors.E021.format(path=path, detail=exc.strerror or str(exc))) from None
        except UnicodeDecodeError as exc:
            line = exc.object[:exc.start].count(b"\n") + 1
            raise ValueError(Errors.E021.format(path=path, detail=f"line {line}: not UTF-8 text")) from None
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(Errors.E021.format(path=path, detail=f"line {n}: {exc.msg}")) from None
            except RecursionError:
                raise ValueError(Errors.E021.format(path=path, detail=f"line {n}: nested too deeply")) from None
            problem = _record_problem(rec)
            if problem:
                raise ValueError(Errors.E021.format(path=path, detail=f"line {n}: {problem}"))
            out.append(rec)
        return out

    def _add(self, rec: dict) -> None:
        kind = rec.get("kind")
        if kind == "person":
            aliases = [rec["name"], *rec.get("aliases", [])]
            given = set()
            for key in ("ru", "uk"):
                cyr = rec.get(key)
                if not cyr:
                    continue
                aliases.append(cyr)
                latin = romanize_russian(cyr) if key == "ru" else romanize_ukrainian(cyr)
                aliases.extend(latin)
            for alias in aliases:
                words = _folded_words(alias)
                if len(words) >= 2:
                    given.add(words[0])
            self.people[rec["id"]] = Person(
                id=rec["id"], name=rec["name"], role=rec.get("role", ""), affiliation=rec.get("affiliation", ""),
                side=rec.get("side", "unknown"), aliases=list(dict.fromkeys(aliases)), given_names=given,
                titles=rec.get("titles", []),
            )
        elif kind == "organization":
            self.organizations[rec["id"]] = Organization(
                id=rec["id"], name=rec["name"], type=rec.get("type", ""), side=rec.get("side", "unknown"),
                aliases=[rec["name"], *rec.get("aliases", [])],
            )
        elif kind == "outlet":
            self.outlets[rec["id"]] = Outlet(
                id=rec["id"], name=rec["name"], type=rec.get("type", "unknown"), country=rec.get("country", ""),
                side=rec.get("side", "unknown"), domains=rec.get("domains", []), aliases=[rec["name"], *rec.get("aliases", [])],
            )
        elif kind == "place":
            self.places[rec["id"]] = Place(
                id=rec["id"], name=rec["name"], lat=rec.get("lat"), lon=rec.get("lon"), admin1=rec.get("admin1", ""),
                country=rec.get("country", ""), population=rec.get("population", 0), geonames_id=rec.get("geonames_id"),
                names=rec.get("names", {"uk": [], "ru": [], "en": [], "other": []}),
            )

    def _index(self) -> None:
        self._person_full: dict[str, set[str]] = defaultdict(set)
        self._person_surname: dict[str, set[str]] = defaultdict(set)
        for p in self.people.values():
            for alias in p.aliases:
                words = _folded_words(alias)
                if not words:
                    continue
                self._person_full[" ".join(words)].add(p.id)
                if len(words[-1]) >= 3:
                    self._person_surname[words[-1]].add(p.id)
        self._surname_keys = list(self._person_surname)
        # Longest titles first, so 'russian foreign ministry spokeswoman' beats 'foreign minister'.
        self._titles = sorted(((fold(t), p.id) for p in self.people.values() for t in p.titles),
                              key=lambda tp: -len(tp[0]))
        self._org_alias: dict[str, str] = {}
        for o in self.organizations.values():
            for alias in o.aliases:
                self._org_alias.setdefault(fold(alias), o.id)
        self._outlet_alias: dict[str, str] = {}
        self._outlet_domain: dict[str, str] = {}
        for o in self.outlets.values():
            for alias in o.aliases:
                self._outlet_alias.setdefault(fold(alias), o.id)
            for d in o.domains:
                self._outlet_domain[d.lower()] = o.id
        self._place_names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for pl in self.places.values():
            for variant in ("en", "uk", "ru", "other"):
                for n in pl.names.get(variant, []):
                    key = fold(n)
                    if len(key) >= 3 and (pl.id, variant) not in self._place_names[key]:
                        self._place_names[key].append((pl.id, variant))
            key = fold(pl.name)
            if not any(pid == pl.id for pid, _ in self._place_names[key]):
                self._place_names[key].append((pl.id, "uk"))
        self._place_keys = [k for k in self._place_names if len(k) >= 8 and not is_cyrillic(k)]
        self._fuzzy_place_cache: dict[str, str | None] = {}
        self._by_skeleton: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] | None = None
        # First words of every multi-word name: a token that starts none is skipped at once.
        self.place_first_words = {k.split(" ")[0] for k in self._place_names}
        self.alias_first_words = {k.split(" ")[0] for k in self._org_alias} | {k.split(" ")[0] for k in self._outlet_alias}
        self.alias_first_words |= {k.split(" ")[1] for k in list(self._org_alias) + list(self._outlet_alias)
                                   if k.startswith("the ") and " " in k}
        self.max_place_words = max((k.count(" ") + 1 for k in self._place_names), default=1)
        self.max_alias_words = max(
            [k.count(" ") + 1 for k in self._org_alias] + [k.count(" ") + 1 for k in self._outlet_alias] + [1]
        )

    # ------------------------------------------------------------------ lookups
    def person(self, text: str, *, context: set[str] | None = None) -> Person | None:
        """The person a name refers to, or None when unknown or ambiguous.

        Exact alias first; then the surname (exactly, or with rapidfuzz above the
        threshold for transliteration drift such as Kimakovski/Kimakovsky), checked
        against the given name when one is written.  `context` holds ids already
        linked in the article, used to settle a bare surname shared by two people.
        """
        cleaned = _POSSESSIVE.sub("", _TITLES.sub("", text.strip()))
        words = _folded_words(cleaned)
        if not words:
            return None
        ids = self._person_full.get(" ".join(words))
        if ids and len(ids) == 1:
            return self.people[next(iter(ids))]
        surname = words[-1]
        candidates = set(self._person_surname.get(surname, ()))
        if not candidates and len(surname) >= 6 and self._surname_keys:
            hits = process.extract(surname, self._surname_keys, scorer=fuzz.ratio, score_cutoff=self.person_threshold, limit=5)
            if hits:
                best = set(self._person_surname[hits[0][0]])
                # Podolyak (Ukraine) and Podolyaka (Russia) are one letter apart: a spelling nearly as
                # close to another person's surname is ambiguous and stays unlinked.
                rivals = {pid for key, score, _ in hits[1:] if hits[0][1] - score < 6 for pid in self._person_surname[key]}
                if not (rivals - best):
                    candidates = best
        if not candidates:
            return None
        if len(words) >= 2:
            given = _GIVEN_NAME_EQUIVALENTS.get(words[0], words[0])
            if len(given) > 1:
                candidates = {c for c in candidates if any(
                    fuzz.ratio(given, g) >= 70 or (g.startswith(given[:3]) and len(given) >= 3) for g in self.people[c].given_names
                )}
            else:  # an initial
                candidates = {c for c in candidates if any(g.startswith(given) for g in self.people[c].given_names)}
        if len(candidates) > 1 and context:
            candidates = candidates & context or candidates
        if len(candidates) == 1:
            return self.people[next(iter(candidates))]
        return None

    def is_person_surname(self, text: str) -> bool:
        """Is this word the surname of someone in the knowledge base (so not a place)?"""
        return len(text) >= 4 and text[:1].isupper() and fold(_POSSESSIVE.sub("", text)) in self._person_surname

    def person_by_title(self, phrase: str) -> Person | None:
        """The person who alone holds the office a phrase names ('the Kremlin spokesman'), if one does."""
        key = " " + re.sub(r"^(?:the|a|an)\s+", "", fold(_POSSESSIVE.sub("", phrase.strip()))) + " "
        for title, pid in self._titles:
            if f" {title} " in key:
                return self.people[pid]
        return None

    def organization_within(self, phrase: str) -> Organization | None:
        """The longest organisation alias of two or more words inside a phrase, if any."""
        words = fold(_POSSESSIVE.sub("", phrase)).split()
        for size in range(min(len(words), 6), 1, -1):
            for i in range(len(words) - size + 1):
                oid = self._org_alias.get(" ".join(words[i:i + size]))
                if oid:
                    return self.organizations[oid]
        return None

    def organization(self, text: str) -> Organization | None:
        key = fold(_POSSESSIVE.sub("", text.strip()))
        oid = self._org_alias.get(key) or self._org_alias.get(re.sub(r"^the ", "", key))
        return self.organizations.get(oid) if oid else None

    def outlet(self, text: str) -> Outlet | None:
        key = fold(_POSSESSIVE.sub("", text.strip()))
        oid = self._outlet_alias.get(key) or self._outlet_alias.get(re.sub(r"^the ", "", key))
        return self.outlets.get(oid) if oid else None

    def outlet_for_domain(self, domain: str | None) -> Outlet | None:
        if not domain:
            return None
        d = domain.lower()
        while d:
            if d in self._outlet_domain:
                return self.outlets[self._outlet_domain[d]]
            if "." not in d:
                return None
            d = d.split(".", 1)[1]
        return None

    def place_candidates(self, text: str, *, fuzzy: bool = True) -> list[tuple[Place, str]]:
        """Every place a name may denote, with the variant the spelling belongs to."""
        key = fold(_POSSESSIVE.sub("", text))
        hits = self._place_names.get(key)
        if not hits and fuzzy and len(key) >= 8 and not is_cyrillic(key):
            if key not in self._fuzzy_place_cache:
                if len(self._fuzzy_place_cache) > 100_000:
                    self._fuzzy_place_cache.clear()
                hit = process.extractOne(key, self._place_keys, scorer=fuzz.ratio, score_cutoff=self.place_threshold)
                self._fuzzy_place_cache[key] = hit[0] if hit else None
            near = self._fuzzy_place_cache[key]
            if near:
                hits = [(pid, "other") for pid, _ in self._place_names[near]]
        return [(self.places[pid], variant) for pid, variant in (hits or [])]

    def is_place_name(self, text: str) -> bool:
        return fold(text) in self._place_names

    def ids_by_skeleton(self) -> dict[str, str]:
        """Person surnames and settlement names by consonant skeleton (variants.skeleton), for text in scripts the
        analysers do not read (Japanese, Korean, Arabic, Georgian ...).  Only skeletons that name one entry and are
        long enough not to be ordinary words: five consonants for places, four for surnames.  Settlements sharing a
        skeleton (several Konstantinovkas) go to the most populous, as the analysers resolve a bare name."""
        return {key: kb_id for key, (kb_id, _, _) in self._skeletons().items()}

    def skeleton_mentions(self, text: str, words: list[tuple[int, str]] | None = None) -> list[tuple[int, int, str]]:
        """(start, end, kb id) of the people and settlements a text names in any script, by consonant skeleton
        (find_by_skeleton) over its name words (variants.name_words, or `words`).  A word right before a person's
        surname that is that person's given name ("ოლექსანდრ სირსკის") is part of the name, not the village its
        skeleton also spells."""
        words = name_words(text) if words is None else words
        found = [(start, start + len(word), self.find_by_skeleton(word)) for start, word in words]
        out = []
        for i, (start, end, kb_id) in enumerate(found):
            after = found[i + 1] if i + 1 < len(found) else None
            if after and after[2] in self.people and not text[end:after[0]].strip() and \
                    skeleton(words[i][1]) in {skeleton(g) for g in self._given_names(after[2])}:
                continue  # a given name before its surname
            if kb_id:
                out.append((start, end, kb_id))
        return out

    def _given_names(self, person_id: str) -> set[str]:
        person = self.people[person_id]
        return set(person.given_names) | {person.name.split()[0]} | {a.split()[0] for a in person.aliases if " " in a}

    def find_by_skeleton(self, word: str, spelling: int | None = None) -> str | None:
        """The person or settlement a word of any script names, or None: its skeleton must be one entry's, and the
        word romanised must still look like one of the names that gave that skeleton (German "Bildung" and Korean
        형성 share a skeleton with a village, not its spelling): a rapidfuzz ratio of at least `spelling`
        (SKELETON_SPELLING when not given)."""
        found = None
        # the word, else without one or two final letters: a case ending (Georgian "სირსკის", Syrskyi's)
        for cut in (0, 1, 2) if len(word) >= 6 else (0,):
            key = skeleton(word[:len(word) - cut])
            found = self._skeletons().get(key) if key else None
            if found is not None:
                word = word[:len(word) - cut]
                break
        if found is None:
            return None
        kb_id, names, others = found
        spelled = romanize(word).lower()
        if _ABJAD.match(word):  # Arabic and Hebrew script write no short vowels: compare consonants with consonants
            spelled = _VOWELS.sub("", spelled)
            names, others = [_VOWELS.sub("", n) for n in names], [_VOWELS.sub("", n) for n in others]
        best = max(fuzz.ratio(spelled, n) for n in names)
        if others and max(fuzz.ratio(spelled, n) for n in others) >= best:
            return None  # spelled more like the settlement that shares the skeleton ("Siverskin": Seversk, not Syrskyi)
        return kb_id if best >= (SKELETON_SPELLING if spelling is None else spelling) else None

    def _skeletons(self) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
        if self._by_skeleton is None:
            ids: dict[str, set[str]] = defaultdict(set)
            spellings: dict[tuple[str, str], set[str]] = defaultdict(set)
            for surname, pids in self._person_surname.items():
                key = skeleton(surname)
                ids[key].update(pids)
                for pid in pids:
                    spellings[key, pid].add(romanize(surname).lower())
            place_spellings: dict[str, set[str]] = defaultdict(set)  # every one-word settlement name by skeleton
            for name, entries in self._place_names.items():
                key = skeleton(name) if " " not in name else ""  # one-word names only
                if key and any(pid.startswith("geonames:") for pid, _ in entries):
                    place_spellings[key].add(romanize(name).lower())
                if len(key) >= 5:
                    for pid, _ in entries:
                        if pid.startswith("geonames:"):
                            ids[key].add(pid)
                            spellings[key, pid].add(romanize(name).lower())
            self._by_skeleton = {}
            for key, found in ids.items():
                people = sorted(i for i in found if i in self.people)
                places = sorted((i for i in found if i in self.places), key=lambda i: (-self.places[i].population, i))
                if key and len(people) + min(1, len(places)) == 1:
                    kb_id = people[0] if people else places[0]
                    names = set().union(*(spellings[key, i] for i in (people or places)))
                    # a surname sharing its skeleton with a small settlement ("Syrskyi", "Seversk"): those spellings
                    # count against it
                    others = tuple(sorted(place_spellings.get(key, set()) - names)) if people else ()
                    self._by_skeleton[key] = (kb_id, tuple(sorted(names)), others)
        return self._by_skeleton


# How alike (rapidfuzz ratio, 0-100) a romanised word and a name sharing its skeleton must be: transliterations
# score 66-100 ("mrwchkw"/"marochko", "konsutanchinofuka"/"konstantinovka"), ordinary words with a place's
# skeleton 0-57 ("bildung"/"prudianka", "logistik"/"vladivostok").
SKELETON_SPELLING = 60
_ABJAD = re.compile(r"[\u0590-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=8)
def _cached_kb(extra_files: tuple[str, ...], options: tuple) -> KnowledgeBase:
    records = KnowledgeBase.bundled_records()
    for path in extra_files:
        records.extend(KnowledgeBase.read_user_file(path))
    return KnowledgeBase(records, **dict(options))
