"""Candidate generation without an all-pairs step.

Two sources of candidates for a new article:
- MinHash-LSH bands (datasketch) on word 3-gram shingles: verbatim and near-verbatim copies;
- an inverted index on rare fingerprint keys (people, settlements, numbers, quotes,
  name stems), read only inside the time window, where a key with more postings
  than `max_postings` in that window is skipped as uninformative (a daily speaker
  such as the Kremlin spokesman, a capital city).
Candidates must share at least `min_shared` keys (or an LSH band), and only the
`max_candidates` best are scored.  Work per article is bounded by the caps, so
linking time grows linearly with the corpus.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from .fingerprints import NUM_PERM, SCHEME, Fingerprint

_EPOCH = datetime(1970, 1, 1)
NAME_PREFIX = "#"  # name skeletons share the document-frequency table with stems under this prefix


def keys_of(fp: Fingerprint) -> list[str]:
    """The inverted-index keys of a fingerprint."""
    out = [f"p:{p}" for p in fp.persons]
    out += [f"l:{p}" for p in fp.places]
    out += [f"n:{n}" for n in fp.number_values if len(n) >= 2 or "." in n]
    out += [f"q:{q[:60]}" for q in fp.quotes]
    out += [f"s:{s}" for s in fp.names]
    return out


def hours(dt: datetime | None) -> float | None:
    return (dt - _EPOCH).total_seconds() / 3600 if dt else None


class Vocabulary:
    """Document frequencies of stems and name keys over the corpus being traced, counted once before linking.

    Weights that depend only on the corpus, not on the order articles entered the index, are what make
    `wiretrace why A B` give the probability `wiretrace trace` computed for the same pair.
    """

    def __init__(self, fps: Iterable[Fingerprint] = ()):
        self.documents = 0
        self.df: Counter[str] = Counter()
        for fp in fps:
            self.count(fp)

    def count(self, fp: Fingerprint) -> None:
        self.documents += 1
        self.df.update(fp.stems.keys())
        self.df.update(NAME_PREFIX + k for k in fp.names)  # name skeletons apart from stems

    def idf(self, key: str) -> float:
        return math.log((1 + self.documents) / (1 + self.df.get(key, 0))) + 1

    def vector(self, counts: dict[str, int] | Iterable[str]) -> dict[str, float]:
        """A unit-length TF-IDF vector of stem counts (or of a set of stems, each counted once)."""
        items = counts.items() if isinstance(counts, dict) else ((k, 1) for k in counts)
        w = {k: v * self.idf(k) for k, v in items}
        norm = math.sqrt(sum(x * x for x in w.values()))
        return {k: x / norm for k, x in w.items()} if norm else {}

    def name_overlap(self, a: Iterable[str], b: Iterable[str]) -> float:
        """The idf-weighted share of the lighter set of name skeletons found in the other (0 when either is empty)."""
        a, b = set(a), set(b)
        if not a or not b:
            return 0.0
        weight = lambda keys: sum(self.idf(NAME_PREFIX + k) for k in sorted(keys))  # noqa: E731 (sorted: same sum in every run)
        return weight(a & b) / min(weight(a), weight(b))


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


class CandidateIndex:
    """Everything linking needs to find and score the neighbours of an article."""

    def __init__(self, *, window_days: float = 14, max_postings: int = 200, min_shared: int = 2,
                 max_candidates: int = 40, lsh_threshold: float = 0.3, vocabulary: Vocabulary | None = None):
        if not window_days > 0:
            raise ValueError(f"the trace window must be a positive number of days, not {window_days!r}")
        self.window_h = window_days * 24
        self.max_postings = max_postings
        self.min_shared = min_shared
        self.max_candidates = max_candidates
        # One LSH index per time block of the window's length: a template-like lead collides with every article
        # that shares it, and a single index would return more of them the bigger the corpus grows.
        self.lsh_threshold = lsh_threshold
        self.lsh_blocks: dict[int | None, MinHashLSH] = {}
        self.fps: dict[str, Fingerprint] = {}
        self.times: dict[str, float | None] = {}
        # key -> sorted [(hour, article id)]; undated articles sit at +inf and match everything
        self.postings: dict[str, list[tuple[float, str]]] = defaultdict(list)
        # Without a vocabulary counted beforehand, one grows as articles are added (weights then depend on order).
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self._counting = vocabulary is None
        self._vectors: dict[str, dict[str, float]] = {}

    def __len__(self) -> int:
        return len(self.fps)

    def add(self, fp: Fingerprint) -> None:
        if fp.article_id in self.fps:
            return
        self.fps[fp.article_id] = fp
        t = hours(fp.published_dt)
        self.times[fp.article_id] = t
        for key in set(keys_of(fp)):
            bisect.insort(self.postings[key], (t if t is not None else math.inf, fp.article_id))
        if self._counting:
            self.vocabulary.count(fp)
        if fp.minhash is not None:
            self._lsh(self._block(t)).insert(fp.article_id, _lean(fp))

    def _block(self, t: float | None) -> int | None:
        return None if t is None else int(t // self.window_h)

    def _lsh(self, block: int | None) -> MinHashLSH:
        if block not in self.lsh_blocks:
            self.lsh_blocks[block] = MinHashLSH(threshold=self.lsh_threshold, num_perm=NUM_PERM)
        return self.lsh_blocks[block]

    def stem_vector(self, fp: Fingerprint) -> dict[str, float]:
        """The article's unit TF-IDF vector of stems (cached while the vocabulary is fixed)."""
        cached = self._vectors.get(fp.article_id)
        if cached is None:
            cached = self.vocabulary.vector(fp.stems)
            if not self._counting:
                self._vectors[fp.article_id] = cached
        return cached

    def hours_of(self, fp: Fingerprint) -> float | None:
        if fp.article_id in self.times:
            return self.times[fp.article_id]
        return hours(fp.published_dt)

    def in_window(self, a: str, b: str) -> bool:
        ta, tb = self.times.get(a), self.times.get(b)
        return ta is None or tb is None or abs(ta - tb) <= self.window_h

    def candidates(self, fp: Fingerprint) -> list[str]:
        """Ids of stored articles worth scoring against `fp`, best first."""
        t = hours(fp.published_dt)
        shared: Counter[str] = Counter()
        for key in sorted(set(keys_of(fp))):
            plist = self.postings.get(key)
            if not plist:
                continue
            if t is None:
                window = plist
            else:
                lo = bisect.bisect_left(plist, (t - self.window_h, ""))
                hi = bisect.bisect_right(plist, (t + self.window_h, "\uffff"))
                window = plist[lo:hi] + plist[bisect.bisect_left(plist, (math.inf, "")):]
            if len(window) > self.max_postings:
                continue
            weight = 2 if key[0] in "pqn" else 1
            for _, aid in window:
                if aid != fp.article_id:
                    shared[aid] += weight
        if fp.minhash is not None:
            b = self._block(t)
            blocks = list(self.lsh_blocks) if b is None else [b - 1, b, b + 1, None]
            hits = set()
            for block in blocks:
                if block in self.lsh_blocks:
                    hits.update(self.lsh_blocks[block].query(_lean(fp)))
            for aid in sorted(hits):
                ta = self.times.get(aid)
                if aid != fp.article_id and (t is None or ta is None or abs(t - ta) <= self.window_h):
                    shared[aid] += 3  # one strong signal among others: wire formulas and templates also collide
        ranked = [aid for aid, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])) if n >= self.min_shared]
        if fp.embedding is not None and len(ranked) > self.max_candidates:
            # re-rank a wider pool by multilingual embedding similarity of the leads (optional extra)
            pool = ranked[: 3 * self.max_candidates]
            q = fp.embedding.astype(np.float32)
            sims = {aid: float(q @ self.fps[aid].embedding.astype(np.float32)) if self.fps[aid].embedding is not None else -1.0
                    for aid in pool}
            ranked = sorted(pool, key=lambda aid: (-sims[aid], aid))
        return ranked[: self.max_candidates]


def _lean(fp: Fingerprint) -> LeanMinHash:
    # LeanMinHash: hash values only, without regenerating the permutations a MinHash carries
    return LeanMinHash(seed=1, hashvalues=fp.minhash, scheme=SCHEME)
