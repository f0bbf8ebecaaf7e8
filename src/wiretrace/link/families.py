"""Story families: incremental assignment, origin, roles, parents and lags.

A family is one origin report: one statement by one speaker (or one agency
item) on one date, and everything derived from it.  Articles are linked in
publication order; each new article joins the family of its best-scoring
candidate when the pair probability reaches the fitted threshold, else founds
a family.  Existing assignments are never recomputed, so new articles join
without re-linking the corpus.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace

from ..knowledge import KnowledgeBase
from .fingerprints import Fingerprint, parse_time
from .index import CandidateIndex, Vocabulary, dot
from .scorer import Scorer, lead_view, minhash_jaccard, tail_view

ORIGIN_TYPES = ("wire", "state_media")
COPY_MINHASH = 0.5  # 3-gram Jaccard above which a member is a copy, not a rewrite
PARENT_MINHASH = 0.2  # shared odd phrasing that makes an earlier member the parent
SPLICE_WORDING = 0.25  # stem cosine between a rewrite's tail and another family's lead that counts as its content
# Joining a family also needs a mean pair probability of at least FAMILY_SUPPORT with its first SUPPORT_MEMBERS
# members (average linkage on top of the best link).  On realdev, cross-validated by family, any value from 0.2
# to 0.5 gave the same B-cubed F1 (0.80 against 0.77 without the rule): the middle of that range, not a fit.
FAMILY_SUPPORT = 0.3
SUPPORT_MEMBERS = 12


@dataclass(slots=True)
class Assignment:
    """Why an article is in its family: the member it attached through and the pair's evidence."""

    article_id: str
    family_id: str
    probability: float = 0.0
    via: str | None = None
    evidence: list[dict] = field(default_factory=list)
    secondary: list[dict] = field(default_factory=list)  # other families a spliced rewrite draws on


class Linker:
    """Incremental family assignment over a CandidateIndex."""

    def __init__(self, scorer: Scorer, index: CandidateIndex):
        self.scorer = scorer
        self.index = index
        self.family_of: dict[str, str] = {}
        self.members_of: dict[str, list[str]] = {}  # family -> members in the order they joined
        # article id -> (candidate ids, pair probabilities), found by partitions in parallel (link.partitions)
        self.precomputed: dict[str, tuple[list[str], list[float]]] = {}

    @classmethod
    def for_corpus(cls, scorer: Scorer, corpus: Iterable[Fingerprint], *, window_days: float = 14) -> Linker:
        """A linker whose word weights are counted over the whole corpus first (`corpus`: every fingerprint that
        will be loaded or linked), so that a pair's probability does not depend on the order of linking: what
        `wiretrace why` recomputes is what `wiretrace trace` decided on."""
        return cls(scorer, CandidateIndex(window_days=window_days, vocabulary=Vocabulary(corpus)))

    def link_all(self, fps: Iterable[Fingerprint], feed=None) -> Iterator[Assignment]:
        """Link articles in publication order (undated last), each joining or founding a family.  This loop is
        the one trace: `wiretrace trace`, scripts/fit_scorer.py and benchmarks/trace_scale.py all run it.  With
        `feed` (link.partitions.ScoreFeed), candidates and their probabilities come from partitions scored in
        parallel."""
        for i, fp in enumerate(sorted(fps, key=link_order), 1):
            if i % 1000 == 0:
                # fingerprints live until the end of the run: moving them out of the collector's reach keeps
                # each full collection from walking the whole (growing) index, which made linking superlinear
                gc.freeze()
            if feed is not None:
                feed.fill(self.precomputed, fp.article_id)
            yield self.link(fp)

    def load(self, fp: Fingerprint, family_id: str) -> None:
        """Register an article already assigned (from the database).  A spliced rewrite stays a candidate like
        any other: the family-support rule keeps it from bridging its two families."""
        self.index.add(fp)
        self.family_of[fp.article_id] = family_id
        self.members_of.setdefault(family_id, []).append(fp.article_id)

    def link(self, fp: Fingerprint) -> Assignment:
        best: dict[str, tuple[float, str]] = {}
        members: dict[str, list[str]] = {}
        found = self.precomputed.pop(fp.article_id, None)
        if found is None:
            cids = [cid for cid in self.index.candidates(fp) if cid in self.family_of]
            scores = self.scorer.score_many(fp, [self.index.fps[cid] for cid in cids], self.index)
            probabilities = [ps.probability for ps in scores]
            pairs = dict(zip(cids, scores))
        else:
            cids, probabilities = found
            pairs = {}
        for cid, p in zip(cids, probabilities):
            fid = self.family_of[cid]
            members.setdefault(fid, []).append(cid)
            if fid not in best or p > best[fid][0]:
                best[fid] = (p, cid)
        above = {fid: v for fid, v in best.items()
                 if v[0] >= self.scorer.threshold and self._support(fp, fid) >= FAMILY_SUPPORT}
        if not above:
            assignment = Assignment(fp.article_id, "fam-" + fp.article_id[:12])
        else:
            chosen = max(above, key=lambda f: above[f][0])
            if len(above) > 1:
                lead = lead_view(fp)
                lead_p = {f: self.scorer.score(lead, self.index.fps[above[f][1]], self.index).probability for f in above}
                chosen = max(above, key=lambda f: (lead_p[f], above[f][0]))
            p, via = above[chosen]
            # the evidence of the pair it joined through (a partition sends probabilities only: scored again here)
            ps = pairs.get(via) or self.scorer.score(fp, self.index.fps[via], self.index)
            assignment = Assignment(fp.article_id, chosen, p, via, ps.evidence())
        # A splice: what follows the lead reports another family's statement.  A rule, not the fitted scorer (two
        # labelled splices cannot fit one): the rest of the article names the other family's lead speaker, who is not
        # its own, and carries that statement's content (_carries).  It may draw on days-old material.
        if fp.tail.get("persons"):
            tail = tail_view(fp)
            for fid, _ in sorted(best.items(), key=lambda kv: -kv[1][0]):
                if fid == assignment.family_id:
                    continue
                for cid in members[fid]:
                    other = self.index.fps[cid]
                    if other.lead_speaker not in fp.tail["persons"] or other.lead_speaker == fp.lead_speaker \
                            or not self._carries(fp, other):
                        continue
                    tp = self.scorer.score(replace(tail, published=other.published), other, self.index).probability
                    assignment.secondary.append({"family_id": fid, "via": cid, "tail_probability": round(tp, 3),
                                                 "probability": round(best[fid][0], 3)})
                    break
        self.load(fp, assignment.family_id)
        return assignment


    def _support(self, fp: Fingerprint, family_id: str) -> float:
        """Mean pair probability of `fp` with the family's first SUPPORT_MEMBERS members: one close rewrite is not
        enough to join a family whose other members report something else (no chaining through one article)."""
        members = self.members_of.get(family_id, [])[:SUPPORT_MEMBERS]
        if not members:
            return 1.0
        scores = self.scorer.score_many(fp, [self.index.fps[m] for m in members], self.index)
        return sum(ps.probability for ps in scores) / len(members)

    def _carries(self, fp: Fingerprint, other: Fingerprint) -> bool:
        """Whether the part after `fp`'s lead carries the content of `other`'s lead: one of its figures or
        places, or (same language) much of its wording."""
        lead = other.lead
        if {n.split(" ")[0] for n in fp.tail.get("numbers", ())} & {n.split(" ")[0] for n in lead.get("numbers", ())}:
            return True
        if set(fp.tail.get("places", ())) & set(lead.get("places", ())):
            return True
        if fp.lang == other.lang:
            mine = set(fp.tail.get("stems", ()))
            theirs = set(lead.get("stems", ()))
            if len(mine & theirs) < 3:
                return False
            vocabulary = self.index.vocabulary
            return dot(vocabulary.vector(mine), vocabulary.vector(theirs)) >= SPLICE_WORDING
        return False


# ---------------------------------------------------------------------- description
@dataclass(slots=True)
class Origin:
    article_id: str | None
    url: str | None
    outlet: str | None
    published: str | None
    in_corpus: bool = True
    earliest_member: str | None = None
    outlet_type: str | None = None
    lang: str | None = None


@dataclass(slots=True)
class Member:
    article_id: str
    url: str | None
    site: str | None
    published: str | None
    lang: str
    lag_hours: float | None
    role: str  # origin / copy / rewrite / translation / independent_report
    parent: str | None
    evidence: list[dict] = field(default_factory=list)
    probability: float | None = None
    secondary: list[dict] = field(default_factory=list)
    via: str | None = None


@dataclass(slots=True)
class Family:
    id: str
    origin: Origin
    members: list[Member]
    lead_speaker: str | None = None
    languages: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        o = self.origin
        return {
            "id": self.id,
            "origin": {"article_id": o.article_id, "url": o.url, "outlet": o.outlet, "published": o.published,
                       "in_corpus": o.in_corpus, "earliest_member": o.earliest_member, "outlet_type": o.outlet_type,
                       "lang": o.lang},
            "lead_speaker": self.lead_speaker,
            "languages": self.languages,
            "sites": self.sites,
            "size": len(self.members),
            "members": [asdict(m) for m in self.members],
        }


def _sort_key(fp: Fingerprint):
    dt = fp.published_dt
    return (dt is None, dt.isoformat() if dt else "", fp.article_id)


def link_order(fp: Fingerprint) -> tuple:
    """The order articles are linked in: by publication, undated last, ties by id (deterministic)."""
    return (fp.published is None, fp.published or "", fp.article_id)


UNKNOWN_ORIGIN = "unknown outlet"


def choose_origin(members: list[Fingerprint], kb: KnowledgeBase) -> tuple[Fingerprint | None, Origin]:
    """The origin: a member from the most cited outlet that has one, else the earliest wire or state-media member
    that cites no one else, else the cited outlet (not in corpus).  A family of two or more articles none of
    which is from a wire or state-media outlet, citing none, is a set of rewrites whose origin lies outside the
    corpus ("unknown outlet"); a single article is its own origin."""
    ordered = sorted(members, key=_sort_key)
    outlets = {fp.article_id: kb.outlet_for_domain(fp.site) for fp in ordered}
    cited: Counter[str] = Counter()
    for fp in ordered:
        own = outlets[fp.article_id]
        for r in set(fp.relays):
            if not own or r != own.id:
                cited[r] += 1
    ranked = sorted(cited, key=lambda r: (-cited[r], r))  # most cited first; ties by id (deterministic)
    top = ranked[0] if ranked else None
    pick = None
    for outlet_id in ranked:  # the most cited outlet that has a member here
        pick = next((fp for fp in ordered if outlets[fp.article_id] and outlets[fp.article_id].id == outlet_id), None)
        if pick is not None:
            break
    if pick is None:
        pick = next((fp for fp in ordered if outlets[fp.article_id] and outlets[fp.article_id].type in ORIGIN_TYPES
                     and not (set(fp.relays) - {outlets[fp.article_id].id})), None)
    first = ordered[0]
    if pick is None and top:
        outlet = kb.outlets.get(top)
        return None, Origin(None, None, outlet.name if outlet else top, first.published, in_corpus=False,
                            earliest_member=first.article_id, outlet_type=outlet.type if outlet else None)
    if pick is None and len(ordered) > 1:
        return None, Origin(None, None, UNKNOWN_ORIGIN, first.published, in_corpus=False, earliest_member=first.article_id)
    pick = pick or first
    outlet = outlets[pick.article_id]
    return pick, Origin(pick.article_id, pick.url, outlet.name if outlet else pick.site, pick.published,
                        earliest_member=first.article_id, outlet_type=outlet.type if outlet else None, lang=pick.lang)


def choose_parent(fp: Fingerprint, earlier: list[Fingerprint], origin: Fingerprint | None) -> Fingerprint | None:
    """The member `fp` follows most closely: an intermediate relay when it shares more odd phrasing
    with it than with the origin, else the origin."""
    base = minhash_jaccard(fp, origin) if origin is not None else 0.0
    best, best_sim = origin, max(base, PARENT_MINHASH)
    for e in earlier:
        if origin is not None and e.article_id == origin.article_id:
            continue
        sim = minhash_jaccard(fp, e)
        if sim > best_sim:
            best, best_sim = e, sim
    return best


def edition_by_language(members: list[Fingerprint], origin_fp: Fingerprint | None, origin_outlet,
                        kb: KnowledgeBase) -> dict[str, Fingerprint]:
    """The origin's editions by language: the origin, and the earliest member in each other language from the same
    wire or state-media outlet (tass.ru's item beside its tass.com translation)."""
    if origin_fp is None:
        return {}
    out = {origin_fp.lang: origin_fp}
    if origin_outlet is None or origin_outlet.type not in ORIGIN_TYPES:
        return out
    for fp in members:  # already in publication order
        own = kb.outlet_for_domain(fp.site)
        if own is not None and own.id == origin_outlet.id and fp.lang not in out:
            out[fp.lang] = fp
    return out


def describe(family_id: str, members: list[Fingerprint], kb: KnowledgeBase,
             assignments: dict[str, Assignment] | None = None) -> Family:
    """Origin, roles, parents and lags of one family's members."""
    assignments = assignments or {}
    ordered = sorted(members, key=_sort_key)
    origin_fp, origin = choose_origin(ordered, kb)
    t0 = parse_time(origin.published)
    origin_outlet = kb.outlet_for_domain(origin_fp.site) if origin_fp else (kb.outlet(origin.outlet) if origin.outlet else None)
    out: list[Member] = []
    editions = edition_by_language(ordered, origin_fp, origin_outlet, kb)
    for i, fp in enumerate(ordered):
        t = fp.published_dt
        lag = round((t - t0).total_seconds() / 3600, 2) if t and t0 else None
        a = assignments.get(fp.article_id)
        own = kb.outlet_for_domain(fp.site)
        if fp.article_id in {e.article_id for e in editions.values()} or (
                own and origin_outlet and own.id == origin_outlet.id and origin_outlet.type in ORIGIN_TYPES):
            role, parent = "origin", None  # or the agency's own other edition (tass.com beside tass.ru, a second item)
        else:
            # a member follows the origin's edition in its own language when the agency published one (a Russian
            # rewrite of a TASS item comes from tass.ru, not from its English edition on tass.com)
            source = editions.get(fp.lang, origin_fp)
            earlier = [e for e in ordered[:i]]
            if source is not None and source not in earlier:
                earlier.append(source)
            p = choose_parent(fp, earlier, source)
            parent = p.article_id if p is not None else None
            if p is not None and minhash_jaccard(fp, p) >= COPY_MINHASH:
                role = "copy"
            elif own and own.type != "unknown" and (origin_outlet is None or own.id != origin_outlet.id) \
                    and not (origin_outlet and origin_outlet.id in fp.relays):
                role, parent = "independent_report", None
            elif p is not None and p.lang != fp.lang:
                role = "translation"
            else:
                role = "rewrite"
        out.append(Member(fp.article_id, fp.url, fp.site, fp.published, fp.lang, lag, role, parent,
                          a.evidence if a else [], round(a.probability, 3) if a and a.via else None,
                          a.secondary if a else [], a.via if a else None))
    speakers = Counter(fp.lead_speaker for fp in ordered if fp.lead_speaker)
    return Family(family_id, origin, out, speakers.most_common(1)[0][0] if speakers else None,
                  sorted({fp.lang for fp in ordered}), sorted({fp.site for fp in ordered if fp.site}))


def describe_batch(shared: dict, task: tuple[list[tuple], set[str]]) -> list[tuple]:
    """Families described for storage: for each (family id, member fingerprints, member articles by id, their
    assignments) of the task's batch, the Family with its members' diffs against the origin and their rewrite
    signals; the task's second part holds the boilerplate paragraph keys among the members' paragraphs.
    `shared["kb"]` is the knowledge base.  A task of parallel.Pool.map: `trace` runs it in this process, on
    worker processes or on Ray."""
    from .diff import diff, event_changes, framing_changes
    from .signals import article_signals, name_variants

    kb = shared["kb"]
    batch, boiler = task
    out = []
    for family_id, fps, arts, assignments in batch:
        family = describe(family_id, fps, kb, assignments)
        by_id = {fp.article_id: fp for fp in fps}
        origin = arts.get(family.origin.article_id) if family.origin.article_id else None
        # each member is compared with the origin's edition in its own language when there is one
        origin_fp = by_id.get(family.origin.article_id) if family.origin.article_id else None
        editions = {lang: arts[fp.article_id] for lang, fp in edition_by_language(
            sorted(fps, key=_sort_key), origin_fp, kb.outlet_for_domain(origin_fp.site) if origin_fp else None,
            kb).items() if fp.article_id in arts}
        diffs, signals = {}, {}
        names = name_variants(list(arts.values()))
        for m in family.members:
            d = None
            if m.role != "origin" and len(fps) > 1:
                ref = editions.get(arts[m.article_id].lang, origin) if origin is not None else None
                d = diff(arts[m.article_id], ref, list(arts.values()), boilerplate=boiler, role=m.role)
                if ref is not None:
                    d.changes.extend(framing_changes(arts[m.article_id], ref))
                    d.changes.extend(event_changes(arts[m.article_id], ref))
                diffs[m.article_id] = d
            signals[m.article_id] = article_signals(by_id[m.article_id], arts[m.article_id], names, boiler, d,
                                                    family.origin.published)
        out.append((family, diffs, signals))
    return out
