"""Sites as a network: who co-publishes the same families, how fast, with what marks.

Input is one row per family member (from the store); output is a per-site
profile and a networkx graph whose edge weight is the number of families two
sites share and whose `median_lag_hours` is the median gap between their copies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from itertools import combinations
from statistics import median

import networkx as nx

STATE_ORIGIN_TYPES = ("state_media", "wire")


@dataclass(slots=True)
class MemberRow:
    site: str
    family_id: str
    article_id: str
    role: str
    lag_hours: float | None
    origin_outlet_type: str | None
    family_size: int
    fabricated_quotes: int = 0
    boilerplate_paragraphs: int = 0
    one_sentence_paragraph_share: float | None = None
    mixed_script_words: int = 0


@dataclass(slots=True)
class SiteProfile:
    site: str
    articles: int
    families: int
    shared_families: int  # families with at least one other site
    origins: int  # articles that are their family's origin
    state_media_origin_share: float  # share of its articles whose family origin is state media or a wire
    median_lag_hours: float | None  # over its non-origin members
    fabricated_quote_suspects: int
    boilerplate_paragraphs: int  # paragraphs also found in unrelated families
    one_sentence_paragraph_share: float | None
    mixed_script_words: int
    neighbours: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def profiles(rows: list[MemberRow]) -> list[SiteProfile]:
    by_site: dict[str, list[MemberRow]] = defaultdict(list)
    sites_of_family: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        by_site[r.site].append(r)
        sites_of_family[r.family_id].add(r.site)
    out = []
    for site, rs in by_site.items():
        lags = [r.lag_hours for r in rs if r.role != "origin" and r.lag_hours is not None]
        shares = [r.one_sentence_paragraph_share for r in rs if r.one_sentence_paragraph_share is not None]
        fams = {r.family_id for r in rs}
        out.append(SiteProfile(
            site=site, articles=len(rs), families=len(fams),
            shared_families=sum(1 for f in fams if len(sites_of_family[f]) > 1),
            origins=sum(1 for r in rs if r.role == "origin"),
            state_media_origin_share=round(sum(1 for r in rs if r.origin_outlet_type in STATE_ORIGIN_TYPES) / len(rs), 3),
            median_lag_hours=round(median(lags), 2) if lags else None,
            fabricated_quote_suspects=sum(r.fabricated_quotes for r in rs),
            boilerplate_paragraphs=sum(r.boilerplate_paragraphs for r in rs),
            one_sentence_paragraph_share=round(sum(shares) / len(shares), 3) if shares else None,
            mixed_script_words=sum(r.mixed_script_words for r in rs),
        ))
    for p in out:  # neighbours: the other sites it shares a family with (its degree in `graph`)
        p.neighbours = len(set().union(*(sites_of_family[f] for f in {r.family_id for r in by_site[p.site]})) - {p.site})
    out.sort(key=lambda p: (-p.shared_families, -p.articles, p.site))
    return out


def graph(rows: list[MemberRow]) -> nx.Graph:
    """The co-publication graph: sites, joined when they published members of the same family."""
    g = nx.Graph()
    profs = profiles(rows)
    for p in profs:
        g.add_node(p.site, **{k: v for k, v in p.to_dict().items() if k != "site" and v is not None})
    by_family: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_family[r.family_id][r.site].append(r.lag_hours if r.lag_hours is not None else float("nan"))
    gaps: dict[tuple[str, str], list[float]] = defaultdict(list)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for sites in by_family.values():
        for a, b in combinations(sorted(sites), 2):
            shared[(a, b)] += 1
            la, lb = min(sites[a]), min(sites[b])
            if la == la and lb == lb:  # not NaN
                gaps[(a, b)].append(abs(la - lb))
    for (a, b), n in shared.items():
        attrs = {"weight": n}
        if gaps[(a, b)]:
            attrs["median_lag_hours"] = round(median(gaps[(a, b)]), 2)
        g.add_edge(a, b, **attrs)
    for node in g.nodes:
        g.nodes[node]["neighbours"] = g.degree(node)
    return g


def dynamic_graph(copies: list[tuple[str, str, str | None, int]]) -> nx.Graph:
    """The co-publication graph over time, for Gephi's timeline: each site from its first to its last copy in a
    family, each link from the first family the two sites shared (the later of their first copies) to the last.
    `copies`: (site, family, the site's first copy's publication time, copies), as store.tables.site_family_copies."""
    g = nx.Graph()
    by_family: dict[str, dict[str, str]] = defaultdict(dict)
    for site, family, published, _ in copies:
        if not published:
            continue
        day = published[:10]
        by_family[family][site] = day
        node = g.nodes.get(site)
        if node is None:
            g.add_node(site, start=day, end=day, families=1)
        else:
            node["start"], node["end"] = min(node["start"], day), max(node["end"], day)
            node["families"] += 1
    for sites in by_family.values():
        for a, b in combinations(sorted(sites), 2):
            day = max(sites[a], sites[b])
            if g.has_edge(a, b):
                e = g.edges[a, b]
                e["start"], e["end"] = min(e["start"], day), max(e["end"], day)
                e["weight"] += 1
            else:
                g.add_edge(a, b, start=day, end=day, weight=1)
    return g


def bipartite_graph(pairs: list[tuple], *, other: str) -> nx.Graph:
    """Sites joined to the families they published in (`other="family"`) or to the speakers they relay
    (`other="speaker"`): two kinds of node (`kind` = site / family / speaker, `bipartite` = 0 / 1), edges
    weighted by copies or claims.  `pairs`: store.tables.site_family_copies or site_speaker_claims rows."""
    g = nx.Graph()
    for row in pairs:
        site, key, weight = row[0], row[1], row[-1]
        g.add_node(site, kind="site", bipartite=0)
        attrs = {"kind": other, "bipartite": 1}
        if other == "speaker":
            attrs.update(label=row[2] or key, side=row[3] or "unknown")
        g.add_node(f"{other}:{key}" if other == "family" else key, **attrs)
        g.add_edge(site, f"{other}:{key}" if other == "family" else key, weight=weight)
    return g
