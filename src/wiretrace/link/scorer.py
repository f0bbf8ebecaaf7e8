"""The pair scorer: how likely two articles report the same origin statement.

Boosted decision trees (scikit-learn's HistGradientBoostingClassifier, fitted
by `scripts/fit_scorer.py`) over interpretable features: the log-odds of a link
is a bias plus the leaf values the pair reaches in each tree.  Trees let one
signal count differently in the presence of another (shared places say more
between two languages, where no wording can be shared; a shared speaker says
little a week apart), which a weight per feature cannot.  The trees are stored
as plain JSON and walked here, so no scikit-learn or pickle is needed at run
time.  `why` still reads one term per signal: each step down a tree moves the
log-odds by the difference between the child's value and its parent's, and that
move is credited to the feature the step tested (path attribution, "Saabas");
the terms add up exactly to the log-odds.  A linear weight per feature may stand
beside the trees (a hand-written scorer file may hold weights only).  The trees
and the family threshold are fitted on real and generated family corpora;
data/scorer.json records what they were fitted on and the cross-validated
figures.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz

from .fingerprints import Fingerprint
from .index import CandidateIndex, Vocabulary, dot, hours

FEATURES = (
    "same_lead_speaker",  # both leads quote the same person
    "lead_speaker_conflict",  # both leads quote someone, not the same person
    "persons",  # Jaccard of the people named
    "places",  # Jaccard of the settlements named
    "numbers",  # shared numbers (values, units aside), up to 3, scaled to 0-1
    "number_conflict",  # both give numbers, none shared
    "same_day",  # a calendar day named in both
    "day_conflict",  # both name days, none shared
    "quotes",  # best fuzzy match between their quotes of SHARED_QUOTE_WORDS words or more (0-1)
    "minhash",  # MinHash estimate of word 3-gram Jaccard (verbatim reuse); not fitted, see COPY_JACCARD
    "cosine",  # TF-IDF cosine of cross-script stems (paraphrase)
    "names",  # idf-weighted overlap of name skeletons in any script (translation)
    "cross_language_names",  # the names overlap again for a pair in two languages, where names are most of the evidence
    "meaning",  # cosine of the leads' multilingual sentence embeddings (only in the scorer fitted with the extra)
    "gap_days",  # days between publications, capped at the window
    "cross_language",  # written in different languages
    "undated",  # one of the two has no publication time: its gap comes from the days it names, else is assumed
)


# Word 3-gram Jaccard of the leads at or above which two articles are copies of one text: linked unless their
# leads quote different people or give different figures or days (wire formulas such as "Об этом ТАСС сообщил
# военный эксперт ..." make two items by one speaker look alike).
# A rule rather than a fitted weight, because template-generated training text shares n-grams across families
# in a way real copies and non-copies do not; the fitted model never sees the minhash feature.
COPY_JACCARD = 0.6
NOT_FITTED = ("minhash",)
# A quote of this many words or more, shared at this similarity (rapidfuzz ratio, 0-1), makes two articles one
# statement unless their leads quote different people: on realdev all 20 candidate pairs sharing such a quote are
# in one family, and a rewrite that flips a figure keeps the quote (the number conflict must not split it off).
SHARED_QUOTE_WORDS = 6
SHARED_QUOTE = 0.85


@dataclass(slots=True)
class PairScore:
    probability: float
    features: dict[str, float]
    shared: dict[str, list[str]]
    scorer: Scorer | None = None

    @property
    def contributions(self) -> dict[str, float]:
        """The log-odds each signal adds (computed when asked: linking needs only the probability)."""
        return self.scorer.terms(self.features) if self.scorer is not None else {k: 0.0 for k in self.features}

    def evidence(self) -> list[dict]:
        """Evidence items for the JSON contract: every feature with its value and its push for (+) or against (-)."""
        items = []
        contributions = self.contributions
        for name, value in self.features.items():
            item = {"signal": name, "value": round(value, 3), "weight": round(contributions[name], 3)}
            if name in self.shared and self.shared[name]:
                item["shared"] = self.shared[name]
            items.append(item)
        items.sort(key=lambda i: -abs(i["weight"]))
        return [{"signal": "probability", "value": round(self.probability, 3)}] + items


@dataclass(frozen=True, slots=True)
class Scorer:
    weights: dict[str, float]  # linear terms: weight x value
    bias: float
    threshold: float
    meta: dict
    undated_gap_days: float = 1.0  # gap assumed when a date is missing: the median gap of linked pairs in training
    # boosted trees: each a tuple of nodes (feature, threshold, left, right, value), the root first; a pair goes
    # left when its feature value is <= the threshold; a leaf's feature is None
    trees: tuple[tuple[tuple, ...], ...] = ()
    # the trees as padded arrays (trees x nodes: feature index, threshold, left, right, value; a leaf points to
    # itself) and the depth of the deepest: linking scores all of an article's candidates at once, each tree level
    # one numpy step over every (pair, tree), instead of a Python walk per pair and tree
    _arrays: tuple = field(default=(), init=False, repr=False, compare=False)
    # the linear weights in FEATURES order, for the batch product
    _weight_vector: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_weight_vector", np.array([self.weights.get(k, 0.0) for k in FEATURES]))
        if not self.trees:
            return
        width = max(len(t) for t in self.trees)
        shape = (len(self.trees), width)
        feature, left, right = np.zeros(shape, np.intp), np.zeros(shape, np.intp), np.zeros(shape, np.intp)
        threshold, value = np.full(shape, np.inf), np.zeros(shape)
        depth = 0
        for t, tree in enumerate(self.trees):
            level = [0] * len(tree)
            for i, (name, cut, lo, hi, v) in enumerate(tree):
                value[t, i] = v
                if name is None:
                    left[t, i] = right[t, i] = i
                else:
                    feature[t, i], threshold[t, i], left[t, i], right[t, i] = FEATURES.index(name), cut, lo, hi
                    level[lo] = level[hi] = level[i] + 1
            depth = max(depth, max(level))
        object.__setattr__(self, "_arrays", (feature, threshold, left, right, value, depth))

    def log_odds(self, feats: dict[str, float]) -> float:
        return float(self.log_odds_many(np.array([[feats.get(k, 0.0) for k in FEATURES]]))[0])

    def log_odds_many(self, x: np.ndarray) -> np.ndarray:
        """The log-odds of each row of `x` (pairs x FEATURES)."""
        z = self.bias + x @ self._weight_vector
        if not self._arrays:
            return z
        feature, threshold, left, right, value, depth = self._arrays
        trees = np.arange(len(feature))
        rows = np.arange(len(x))[:, None]
        node = np.zeros((len(x), len(feature)), np.intp)
        for _ in range(depth):
            go_left = x[rows, feature[trees, node]] <= threshold[trees, node]
            node = np.where(go_left, left[trees, node], right[trees, node])
        return z + value[trees, node].sum(axis=1)

    def terms(self, feats: dict[str, float]) -> dict[str, float]:
        """The log-odds each feature adds for this pair: its linear term plus the tree steps credited to it; with
        the bias and the trees' root values they add up to log_odds."""
        out = {k: self.weights.get(k, 0.0) * v for k, v in feats.items()}
        for tree in self.trees:
            node = tree[0]
            while node[0] is not None:
                child = tree[node[2] if feats[node[0]] <= node[1] else node[3]]
                out[node[0]] += child[4] - node[4]
                node = child
        return out

    @classmethod
    def load(cls, path: str | None = None, *, embeddings: bool = False) -> Scorer:
        """The scorer in `path`, else the bundled one fitted for the features at hand: with the multilingual
        embeddings (data/scorer-embeddings.json) or without them (data/scorer.json)."""
        return _load(path or None, embeddings)

    def score(self, a: Fingerprint, b: Fingerprint, index: CandidateIndex | None = None) -> PairScore:
        return self.score_many(a, [b], index)[0]

    def score_many(self, a: Fingerprint, others: list[Fingerprint], index: CandidateIndex | None = None) -> list[PairScore]:
        """The pair scores of `a` with each of `others` (the trees walked for all of them at once)."""
        if not others:
            return []
        pairs = [features(a, b, index, undated_gap_days=self.undated_gap_days) for b in others]
        z = self.log_odds_many(np.array([[feats.get(k, 0.0) for k in FEATURES] for feats, _ in pairs]))
        out = []
        for (feats, shared), logit in zip(pairs, z.tolist()):
            p = 1 / (1 + math.exp(-logit))
            if feats["minhash"] >= COPY_JACCARD and not (feats["lead_speaker_conflict"] or feats["number_conflict"] or feats["day_conflict"]):
                p = max(p, 0.99)
            if feats["quotes"] >= SHARED_QUOTE and not feats["lead_speaker_conflict"]:
                p = max(p, 0.99)
            out.append(PairScore(p, feats, shared, self))
        return out


BUNDLED = {False: "data/scorer.json", True: "data/scorer-embeddings.json"}


@lru_cache(maxsize=4)
def _load(path: str | None, embeddings: bool) -> Scorer:
    if path:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    else:
        bundled = resources.files("wiretrace.link").joinpath(BUNDLED[embeddings])
        if not bundled.is_file():  # no scorer fitted with embeddings is bundled: the text scorer (meaning unweighted)
            bundled = resources.files("wiretrace.link").joinpath(BUNDLED[False])
        data = json.loads(bundled.read_text(encoding="utf-8"))
    names = list(data["features"])
    weights = dict(zip(names, data["weights"])) if "weights" in data else {}
    trees = tuple(_tree(t, set(names)) for t in data.get("trees") or ())
    if not weights and not trees:
        raise ValueError("it has neither weights nor trees")
    return Scorer(weights, data["bias"], data["threshold"], data.get("meta", {}), data.get("undated_gap_days", 1.0), trees)


def _tree(nodes: list, features: set[str]) -> tuple[tuple, ...]:
    """One stored tree, checked: every split on a known feature, every child after its parent and in the tree."""
    out = []
    for i, node in enumerate(nodes):
        feature, threshold, left, right, value = node
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (threshold, left, right, value)):
            raise ValueError(f"tree node {i}: its threshold, children and value must be numbers")
        if feature is not None and (feature not in features or not i < left < len(nodes) or not i < right < len(nodes)):
            raise ValueError(f"tree node {i} splits on an unknown feature or points outside its tree")
        out.append((feature, threshold, left, right, value))
    if not out:
        raise ValueError("an empty tree")
    return tuple(out)


def _jaccard(a, b) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a and b else 0.0


def lead_view(fp: Fingerprint) -> Fingerprint:
    """The fingerprint of the article's lead only: how a spliced rewrite is assigned to one family."""
    lead = fp.lead
    return replace(fp, article_id=fp.article_id + "#lead", persons=lead.get("persons", ()), places=lead.get("places", ()),
                   numbers=lead.get("numbers", ()), stems={s: 1 for s in lead.get("stems", ())})


def tail_view(fp: Fingerprint) -> Fingerprint:
    """The fingerprint of what follows the lead: where a splice's second report shows."""
    tail = fp.tail
    persons = tail.get("persons", ())
    return replace(fp, article_id=fp.article_id + "#tail", persons=persons, lead_speaker=persons[0] if persons else None,
                   places=tail.get("places", ()),
                   numbers=tail.get("numbers", ()), stems={s: 1 for s in tail.get("stems", ())}, quotes=())


def features(a: Fingerprint, b: Fingerprint, index: CandidateIndex | None = None, *,
             undated_gap_days: float = 1.0) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The feature values of a pair and what they share, for the scorer and for `why`."""
    shared: dict[str, list[str]] = {}
    la, lb = a.lead_speaker, b.lead_speaker
    f: dict[str, float] = {}
    f["same_lead_speaker"] = float(bool(la and la == lb))
    f["lead_speaker_conflict"] = float(bool(la and lb and la != lb))
    if la and lb:
        shared["same_lead_speaker" if la == lb else "lead_speaker_conflict"] = [la] if la == lb else [la, lb]
    f["persons"] = _jaccard(a.persons, b.persons)
    shared["persons"] = sorted(set(a.persons) & set(b.persons))
    f["places"] = _jaccard(a.places, b.places)
    shared["places"] = sorted(set(a.places) & set(b.places))
    na, nb = a.number_values, b.number_values
    common = sorted(na & nb)
    f["numbers"] = min(len(common), 3) / 3
    f["number_conflict"] = float(bool(na and nb and not common))
    shared["numbers"] = common
    shared["number_conflict"] = sorted(na ^ nb) if f["number_conflict"] else []
    days = sorted(set(a.dates) & set(b.dates))
    f["same_day"] = float(bool(days))
    f["day_conflict"] = float(bool(a.dates and b.dates and not days))
    shared["same_day"] = days
    shared["day_conflict"] = sorted(set(a.dates) ^ set(b.dates)) if f["day_conflict"] else []
    best, pair = 0.0, None
    if a.lang == b.lang:
        for qa in a.quotes:
            for qb in b.quotes:
                if min(len(qa.split()), len(qb.split())) < SHARED_QUOTE_WORDS:
                    continue
                r = fuzz.ratio(qa, qb) / 100
                if r > best:
                    best, pair = r, [qa, qb]
    f["quotes"] = best
    shared["quotes"] = pair if pair and best >= 0.6 else []
    f["minhash"] = minhash_jaccard(a, b)
    f["cosine"], f["names"] = _similarities(a, b, index)
    shared["names"] = sorted(set(a.names) & set(b.names))
    f["meaning"] = float(a.embedding.astype(np.float32) @ b.embedding.astype(np.float32)) \
        if a.embedding is not None and b.embedding is not None else 0.0
    ta, tb = (index.hours_of(a), index.hours_of(b)) if index is not None else (hours(a.published_dt), hours(b.published_dt))
    window = index.window_h / 24 if index is not None else 14.0
    f["undated"] = float(ta is None or tb is None)
    if ta is not None and tb is not None:
        f["gap_days"] = min(abs(ta - tb) / 24, window)
    else:
        named = _gap_from_named_days(a, b) if ta is None else _gap_from_named_days(b, a)
        f["gap_days"] = min(named, window) if named is not None else undated_gap_days
    f["cross_language"] = float(a.lang != b.lang)
    f["cross_language_names"] = f["names"] * f["cross_language"]
    return f, shared


def _gap_from_named_days(undated: Fingerprint, other: Fingerprint) -> float | None:
    """Days between the calendar days an undated article names and the other's publication (its year assumed):
    the best time evidence an undated rewrite carries ("Overnight, on November 22nd, ...")."""
    when = other.published_dt
    if when is None or not undated.dates:
        return None
    gaps = []
    for d in undated.dates:
        try:
            day = when.replace(month=int(d[2:4]), day=int(d[5:7]), hour=0, minute=0, second=0, microsecond=0)
        except ValueError:
            continue
        gaps.append(abs((when.replace(hour=0, minute=0, second=0, microsecond=0) - day).days))
    return float(min(gaps)) if gaps else None


def minhash_jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """MinHash estimate of the Jaccard similarity of two leads' word 3-grams."""
    if a.minhash is None or b.minhash is None:
        return 0.0
    return int(np.count_nonzero(a.minhash == b.minhash)) / len(a.minhash)


def _similarities(a: Fingerprint, b: Fingerprint, index: CandidateIndex | None) -> tuple[float, float]:
    """TF-IDF cosine of the two articles' stems, and the idf-weighted share of the lighter article's name keys
    found in the other (an overlap coefficient, not a cosine: a Japanese translation's few katakana names all
    reappear in a German version whose capitalised nouns a cosine would count against it)."""
    vocabulary = index.vocabulary if index is not None else Vocabulary()
    sa, sb = (index.stem_vector(a), index.stem_vector(b)) if index is not None else (
        vocabulary.vector(a.stems), vocabulary.vector(b.stems))
    return dot(sa, sb), vocabulary.name_overlap(a.names, b.names)
