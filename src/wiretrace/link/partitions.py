"""Linking in parallel: the corpus cut into partitions of consecutive articles (in link order), each scored against
its candidates on its own, then the one linking loop run over the scores.

What costs in linking is finding each article's candidates and scoring them (`CandidateIndex.candidates`,
`Scorer.score_many`); joining a family is a cheap decision over those scores, but each decision depends on the ones
before it.  So the work splits in two:

1. **Partitions, in parallel** (`score_partition`, on worker processes or Ray tasks).  A partition is a run of
   consecutive articles in link order plus its *context*: every earlier article the index could return for one of
   them, i.e. every earlier article published from the partition's earliest one minus the trace window (the inverted index is read within the window, and LSH hits outside it are dropped:
   see link.index).  The partition builds an index of its context, then takes its own articles in link
   order, each one's candidates found before it is added, exactly as the single run finds them.  The word
   weights are the whole corpus's (`Vocabulary`), shipped with the partition, so every pair scores as it would
   in one process.
2. **Reconciliation, in this process** (`Linker.link` with `precomputed`): the linking loop in link order over
   the whole corpus, reading each article's candidates and their probabilities from the partitions instead of
   computing them.  A family that crosses a partition boundary is simply one the loop keeps extending; the rest of
   each decision (the family-support rule, the lead tie-break, splices) is computed here as before.

The families are therefore those of the single-process run, by construction (tests/link/test_partitions.py
checks it, and tests/test_trace_engines.py on local Ray).  Articles without a date match across the whole corpus
and are linked in this process.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fingerprints import Fingerprint
from .index import CandidateIndex, Vocabulary, hours

PARTITION_ARTICLES = 2000  # articles a partition scores: big enough that its context (up to two windows) is a small part


@dataclass
class Partition:
    ids: list[str]  # every article the partition indexes, in link order: its context, then its own among the rest
    own: list[str]  # the articles it scores, in link order


def plan_partitions(ordered: list[Fingerprint], todo: set[str], *, window_days: float,
                    size: int = PARTITION_ARTICLES) -> list[Partition]:
    """Partitions of the articles in `todo` (to be linked) among `ordered` (every article, in link order).  Each
    partition owns up to `size` consecutive dated articles of `todo`; undated ones (and dates that do not parse)
    are left to the linking loop, which scores them itself."""
    window_h = window_days * 24
    position = {fp.article_id: i for i, fp in enumerate(ordered)}
    own_ids = [fp.article_id for fp in ordered if fp.article_id in todo and hours(fp.published_dt) is not None]
    out = []
    for start in range(0, len(own_ids), size):
        chunk = own_ids[start:start + size]
        first, last = position[chunk[0]], position[chunk[-1]]
        # before the first owned article: what the index may return to one of them, i.e. what was published within
        # the window before the earliest of them (the inverted index reads only the window, and LSH hits outside it
        # are dropped); an article whose date does not parse counts as undated there, a candidate to all
        bound = min(hours(ordered[position[a]].published_dt) for a in chunk) - window_h
        context = [fp.article_id for fp in ordered[:first] if (t := hours(fp.published_dt)) is None or t >= bound]
        out.append(Partition(context + [fp.article_id for fp in ordered[first:last + 1]], chunk))
    return out


def score_partition(fps: list[Fingerprint], own: set[str], scorer, vocabulary: Vocabulary, *,
                    window_days: float) -> dict[str, tuple[list[str], list[float]]]:
    """For each article of `own`: its candidates and their pair probabilities, as the linking loop would find them
    (`fps`: the partition's articles, `Partition.ids`, in link order)."""
    index = CandidateIndex(window_days=window_days, vocabulary=vocabulary)
    out = {}
    for fp in fps:
        if fp.article_id in own:
            cids = index.candidates(fp)
            scores = scorer.score_many(fp, [index.fps[c] for c in cids], index)
            out[fp.article_id] = (cids, [ps.probability for ps in scores])
        index.add(fp)
    return out


def scoring_task(shared: dict, task: tuple) -> dict[str, tuple[list[str], list[float]]]:
    """One partition's work, for parallel.Pool.map: `task` is (its fingerprints, its own ids, the corpus's
    vocabulary, the window in days); `shared["scorer"]` scores."""
    fps, own, vocabulary, window_days = task
    return score_partition(fps, set(own), shared["scorer"], vocabulary, window_days=window_days)


class ScoreFeed:
    """The partitions' results, taken in order as the linking loop reaches the articles each one owns (so that
    only the partitions being linked are in memory)."""

    def __init__(self, parts: list[Partition], results):
        self.owner = {aid: k for k, part in enumerate(parts) for aid in part.own}
        self.results = iter(results)
        self.received = 0

    def fill(self, precomputed: dict, article_id: str) -> None:
        k = self.owner.get(article_id)
        while k is not None and self.received <= k:
            precomputed.update(next(self.results))
            self.received += 1
