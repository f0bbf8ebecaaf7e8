"""What each explorer page shows, as plain dicts read from a wiretrace database.

Pure functions of a sqlite3 connection (row_factory = sqlite3.Row): the server
renders them, `?format=json` returns them as they are, and `report --html`
writes them to files, so the three can never disagree.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable

from ...store import summaries
from ...store.summaries import has_table as _has

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = 10_000  # pages past this are the last one asked for: an OFFSET must stay a 64-bit integer
COMMON_WORD = 3000  # FTS matches from which search walks the date index instead of sorting the matches


SPEAKER_CLAIMS = 500
BUSY_SHARE = 5  # a speaker with claims in more than ~1 in 5 articles: find the latest by walking the date index
LIST_CAP = 300  # rows listed on a site or place page; the counts cover everything


def _speaker_match(c: sqlite3.Connection, key: str) -> tuple[str, tuple]:
    """The WHERE clause for a speaker key: a knowledge-base id when claims carry it, else a name as stored
    (one indexed condition each, so that the busiest speakers stay fast)."""
    if c.execute("SELECT 1 FROM claims WHERE speaker_kb_id = ? LIMIT 1", (key,)).fetchone():
        return "c.speaker_kb_id = ?", (key,)
    return "c.speaker_name = ?", (key,)


def speaker_data(c: sqlite3.Connection, key: str) -> dict | None:
    """A speaker by knowledge-base id (person:peskov) or by name as stored.  Counts cover every claim; the list
    shows the latest SPEAKER_CLAIMS of them (search filters by speaker for the rest)."""
    cond, args = _speaker_match(c, key)
    match = f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.is_latest = 1 AND {cond}"
    per_day: Counter = Counter()
    relays: Counter = Counter()
    variants: Counter = Counter()
    # one grouped scan for every count (the covering indexes keep it off the article texts): a few hundred rows
    for day, rel, written, n in c.execute(
            f"SELECT substr(a.published, 1, 10), c.relays, c.speaker_text, COUNT(*) {match} GROUP BY 1, 2, 3", args):
        per_day[day] += n
        if rel:
            relays.update({r.strip(): n for r in rel.split(",") if r.strip()})
        if written:
            variants[written] += n
    total = sum(per_day.values())
    if not total:
        return None
    # the latest claims: a busy speaker's are found fastest by walking the articles newest first; a rare one's by
    # sorting its few claims
    busy = total * BUSY_SHARE > c.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0]
    walk = "INDEXED BY articles_latest_published" if busy and _has_index(c, "articles_latest_published") else ""
    rows = [dict(r) for r in c.execute(
        "SELECT * FROM (SELECT c.id AS claim_id, c.seq, c.kind, c.text, c.speaker_name, c.speaker_text, c.speaker_side, "
        f"c.relays, a.id AS article_id, a.site, a.published, a.lang FROM articles a {walk} JOIN claims c ON c.article_id = a.id "
        f"WHERE a.is_latest = 1 AND {cond} ORDER BY a.published DESC, a.rowid DESC LIMIT ?) "
        "ORDER BY published, article_id, seq", (*args, SPEAKER_CLAIMS))]
    first_shown = (rows[0]["published"] or "")[:10]
    families, n_families = [], 0
    if _has(c, "family_members"):
        every = c.execute(
            "SELECT f.id, f.origin_outlet, f.origin_in_corpus, f.origin_published, f.size FROM families f WHERE f.id IN "
            f"(SELECT m.family_id FROM family_members m JOIN claims c ON c.article_id = m.article_id WHERE {cond})",
            args).fetchall()
        n_families = len(every)
        families = [dict(r) for r in sorted(every, key=lambda r: (r["origin_published"] or "", r["id"]), reverse=True)[:200]]
    return {"speaker": {"key": key, "name": rows[-1]["speaker_name"], "side": rows[-1]["speaker_side"]},
            "total_claims": total, "claims": rows,
            "claims_per_day": [{"day": d or "", "claims": n, "shown": (d or "") >= first_shown}
                               for d, n in sorted(per_day.items(), key=lambda kv: kv[0] or "")],
            "relayed_by": [{"outlet": k, "claims": n} for k, n in relays.most_common()],
            "name_variants": [{"as_written": k, "claims": n} for k, n in variants.most_common()],
            "families": families, "total_families": n_families}


def site_data(c: sqlite3.Connection, site: str) -> dict | None:
    """A site's profile, its co-publication neighbours (with the graph around it) and its families.  Everything is
    read for this site's families only, in SQL, so that the busiest sites of a big corpus stay fast."""
    from dataclasses import replace

    from ...link.sites import MemberRow, profiles

    n = c.execute("SELECT COUNT(*) FROM articles WHERE is_latest = 1 AND site = ?", (site,)).fetchone()[0]
    if not n:
        return None
    profile, neighbours, families, drawing, n_families = None, [], [], None, 0
    if _has(c, "family_members") and summaries.fresh(c, "site_network"):
        # trace summarised the whole network: the profile and the neighbours are indexed reads
        row = c.execute("SELECT data_json FROM site_profiles WHERE site = ?", (site,)).fetchone()
        profile = json.loads(row[0]) if row else None
        neighbours = [{"site": r[0], "shared_families": r[1], "median_lag_hours": r[2]} for r in c.execute(
            "SELECT other, shared_families, median_lag_hours FROM site_links WHERE site = ? "
            "ORDER BY shared_families DESC, other", (site,))]
        if neighbours:
            names = [n["site"] for n in neighbours[:GRAPH_NEIGHBOURS]]
            marks = ",".join("?" * len(names))
            links = c.execute(f"SELECT site, other, shared_families FROM site_links WHERE site IN ({marks}) "
                              f"AND other IN ({marks}) AND site < other", names + names).fetchall()
            drawing = neighbour_drawing(site, neighbours[:GRAPH_NEIGHBOURS], [tuple(r) for r in links])
        n_families = c.execute("SELECT COUNT(DISTINCT m.family_id) FROM articles a JOIN family_members m "
                               "ON m.article_id = a.id WHERE a.is_latest = 1 AND a.site = ?", (site,)).fetchone()[0]
        families = _site_families(c, site)
    elif _has(c, "family_members"):
        own = [MemberRow(site, *r) for r in c.execute(
            "SELECT m.family_id, m.article_id, m.role, m.lag_hours, f.origin_outlet_type, f.size, "
            "COALESCE(s.fabricated_quotes, 0), COALESCE(s.boilerplate_paragraphs, 0), s.one_sentence_paragraph_share, "
            "COALESCE(json_array_length(s.mixed_script_words), 0) FROM articles a "
            "JOIN family_members m ON m.article_id = a.id JOIN families f ON f.id = m.family_id "
            "LEFT JOIN article_signals s ON s.article_id = m.article_id WHERE a.is_latest = 1 AND a.site = ?", (site,))]
        # the other sites of this site's families, each with the families shared and the median gap between the two
        # sites' first copies: aggregated in SQL (an exact median with window functions), not in Python
        neighbours = [{"site": r[0], "shared_families": r[1],
                       "median_lag_hours": round(r[2], 2) if r[2] is not None else None} for r in c.execute(
            f"WITH {_MINE}), pairs AS (SELECT a2.site AS site, mine.family_id AS fam, ABS(MIN(m2.lag_hours) - mine.lag) AS gap "
            "FROM mine JOIN family_members m2 ON m2.family_id = mine.family_id JOIN articles a2 ON a2.id = m2.article_id "
            "WHERE a2.site IS NOT NULL AND a2.site != :site GROUP BY a2.site, mine.family_id), "
            "ranked AS (SELECT site, gap, ROW_NUMBER() OVER (PARTITION BY site ORDER BY gap IS NULL, gap) AS rn, "
            "COUNT(gap) OVER (PARTITION BY site) AS ng, COUNT(*) OVER (PARTITION BY site) AS n FROM pairs) "
            "SELECT site, MAX(n), AVG(CASE WHEN rn IN ((ng + 1) / 2, (ng + 2) / 2) THEN gap END) FROM ranked "
            "GROUP BY site ORDER BY MAX(n) DESC, site", {"site": site})]
        if own:
            per_family = Counter(r.family_id for r in own)
            size = {r.family_id: r.family_size for r in own}
            prof = profiles(own)[0]
            # shared: the family has members beyond this site's own
            profile = replace(prof, shared_families=sum(1 for f, k in per_family.items() if size[f] > k),
                              neighbours=len(neighbours)).to_dict()
        if neighbours:
            shown = neighbours[:GRAPH_NEIGHBOURS]
            names = [n["site"] for n in shown]
            # edges among the drawn neighbours, counted over this site's latest GRAPH_FAMILIES families
            links = c.execute(
                f"WITH {_MINE} ORDER BY MAX(a.published) DESC LIMIT :n), "
                "pairs AS (SELECT DISTINCT a2.site AS site, m2.family_id AS fam FROM mine "
                "JOIN family_members m2 ON m2.family_id = mine.family_id JOIN articles a2 ON a2.id = m2.article_id "
                f"WHERE a2.site IN ({','.join(':s' + str(i) for i in range(len(names)))})) "
                "SELECT p1.site, p2.site, COUNT(*) FROM pairs p1 JOIN pairs p2 ON p1.fam = p2.fam AND p1.site < p2.site "
                "GROUP BY p1.site, p2.site",
                {"site": site, "n": GRAPH_FAMILIES, **{f"s{i}": nm for i, nm in enumerate(names)}}).fetchall()
            drawing = neighbour_drawing(site, shown, [(a_, b_, k) for a_, b_, k in links])
        n_families = len({r.family_id for r in own})
        families = _site_families(c, site)
    speakers = [dict(r) for r in c.execute(
        "SELECT COALESCE(c.speaker_kb_id, c.speaker_name) AS key, MIN(c.speaker_name) AS speaker, "
        "MIN(c.speaker_side) AS side, COUNT(*) AS claims FROM articles a JOIN claims c ON c.article_id = a.id "
        "WHERE a.is_latest = 1 AND a.site = ? AND c.speaker_name IS NOT NULL GROUP BY key "
        "ORDER BY claims DESC, key LIMIT 20", (site,))]
    return {"site": site, "articles": n, "profile": profile, "neighbours": neighbours, "families": families,
            "total_families": n_families, "graph": drawing, "speakers": speakers}


def _site_families(c: sqlite3.Connection, site: str) -> list[dict]:
    return [dict(r) for r in c.execute(
        "SELECT m.family_id, m.article_id, m.role, m.lag_hours, f.origin_outlet, f.origin_in_corpus, f.size "
        "FROM articles a JOIN family_members m ON m.article_id = a.id JOIN families f ON f.id = m.family_id "
        "WHERE a.is_latest = 1 AND a.site = ? ORDER BY a.published DESC LIMIT ?", (site, LIST_CAP))]


GRAPH_NEIGHBOURS = 24
GRAPH_FAMILIES = 500
# the families a site published in, with its first copy's lag; left open so that a query can order and limit it
_MINE = ("mine AS (SELECT m.family_id, MIN(m.lag_hours) AS lag FROM articles a JOIN family_members m ON m.article_id = a.id "
         "WHERE a.is_latest = 1 AND a.site = :site GROUP BY m.family_id")


def neighbour_drawing(site: str, shown: list[dict], links: list[tuple[str, str, int]], size: int = 560) -> dict:
    """Geometry of the site's neighbourhood: the site, its strongest neighbours, and the edges among them (families
    of this site that both published), laid out by networkx's spring layout with a fixed seed and drawn by the
    template as SVG with no script."""
    import networkx as nx

    g = nx.Graph()
    g.add_node(site)
    for n in shown:
        g.add_edge(site, n["site"], weight=n["shared_families"])
    for a, b, both in links:
        g.add_edge(a, b, weight=both)
    pos = nx.spring_layout(g, seed=1, weight="weight") if len(g) > 1 else {site: (0.0, 0.0)}
    pad = 60

    def scaled(x: float, y: float) -> tuple[float, float]:
        # room on the right for the labels, which are drawn after their dot
        return round(30 + (x + 1) / 2 * (size - 200), 1), round(pad + (y + 1) / 2 * (size - 2 * pad), 1)

    at = {n: scaled(*pos[n]) for n in g.nodes}
    nodes = [{"site": n, "x": at[n][0], "y": at[n][1], "centre": n == site,
              "r": 10 if n == site else round(4 + min(8, g[site][n]["weight"] ** 0.5 * 2), 1)} for n in g.nodes]
    edges = [{"x1": at[a][0], "y1": at[a][1], "x2": at[b][0], "y2": at[b][1], "weight": d["weight"],
              "width": round(min(6, 0.8 + d["weight"] ** 0.5), 1)} for a, b, d in g.edges(data=True)]
    return {"size": size, "nodes": sorted(nodes, key=lambda n: n["site"]), "edges": edges}


def search_data(c: sqlite3.Connection, *, q: str, site: str, speaker: str, side: str, lang: str, since: str, until: str,
                page: int) -> dict:
    """Articles matching the words (SQLite FTS5 over titles and texts) and the filters, newest first, paginated;
    with each article's matching claims."""
    where, args = ["a.is_latest = 1"], []
    also: dict[str, list[str]] = {}
    if q.strip():
        # every word as a quoted FTS5 string (user text is never FTS5 syntax); a place name also matches every
        # spelling the corpus used for that place, so Kyiv finds Kiev and Киев
        parts = []
        for w in q.split():
            forms = [w, *place_spellings(c, w)]
            if len(forms) > 1:
                also[w] = forms[1:]
            parts.append("(" + " OR ".join('"' + f.replace('"', '""') + '"' for f in forms) + ")")
        terms = " AND ".join(parts)
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(terms)
    for col, val in (("a.site", site), ("a.lang", lang)):
        if val:
            where.append(f"{col} = ?")
            args.append(val)
    if since:
        where.append("a.published >= ?")
        args.append(since)
    if until:
        where.append("a.published <= ?")
        args.append(until + ("T23:59:59" if len(until) == 10 else ""))
    if speaker or side:
        sub = ["c.article_id = a.id"]
        if speaker:
            sub.append("(c.speaker_name LIKE ? OR c.speaker_kb_id = ?)")
            args += [f"%{speaker}%", speaker]
        if side:
            sub.append("c.speaker_side = ?")
            args.append(side)
        where.append(f"EXISTS (SELECT 1 FROM claims c WHERE {' AND '.join(sub)})")
    sql_where = " AND ".join(where)
    # counted up to COUNT_CAP: an exact count of a word found in every article costs a full scan, and past a
    # thousand results nobody pages through them
    total = c.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM articles a WHERE {sql_where} LIMIT {COUNT_CAP + 1})",
                      args).fetchone()[0]
    # A word found in thousands of articles: walk the articles newest first (index order) and test membership,
    # instead of sorting every match; SQLite's planner does the opposite, which is right only for rare words.
    newest_first = ""
    if q.strip() and not site and _has_index(c, "articles_latest_published"):
        common = c.execute(f"SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                           f"LIMIT {COMMON_WORD})", (terms,)).fetchone()[0]
        if common >= COMMON_WORD:
            newest_first = "INDEXED BY articles_latest_published"
    rows = [dict(r) for r in c.execute(
        f"SELECT a.id, a.title, a.site, a.published, a.lang, substr(a.text, 1, 240) AS snippet FROM articles a {newest_first} "
        f"WHERE {sql_where} ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?", args + [PAGE_SIZE, (page - 1) * PAGE_SIZE])]
    words = [w.lower() for w in q.split()]
    for r in rows:
        claims = c.execute("SELECT seq, speaker_name, speaker_side, kind, text FROM claims WHERE article_id = ? ORDER BY seq",
                           (r["id"],)).fetchall()
        r["claims"] = [dict(x) for x in claims if not words or any(w in (x["text"] or "").lower() for w in words)][:5]
    params = {"q": q, "site": site, "speaker": speaker, "side": side, "lang": lang, "since": since, "until": until}
    capped = total > COUNT_CAP
    return {"query": params, "also_searched": also, "total": min(total, COUNT_CAP), "more": capped, "page": page,
            "pages": max(1, -(-min(total, COUNT_CAP) // PAGE_SIZE)) + (1 if capped else 0), "results": rows}


def place_spellings(c: sqlite3.Connection, word: str, limit: int = 12) -> list[str]:
    """Other spellings of the place(s) that `word` names in the corpus: the texts of every mention of a place
    mentioned as `word` (or named so in the gazetteer), most used first."""
    if len(word) < 3:
        return []
    ids = [r[0] for r in c.execute(
        "SELECT DISTINCT place_id FROM place_mentions WHERE text = ? COLLATE NOCASE "
        "UNION SELECT place_id FROM places WHERE name = ? COLLATE NOCASE", (word, word))]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [r[0] for r in c.execute(
        f"SELECT text FROM place_mentions WHERE place_id IN ({marks}) AND text != ? COLLATE NOCASE "
        f"GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT ?", (*ids, word, limit))]


def heavy_keys(c: sqlite3.Connection, n: int = 20) -> dict[str, list[str]]:
    """The n biggest sites, speakers, places and families: the pages that read the most rows, which the server
    renders ahead of time (see app.create_app)."""
    out = {
        "site": [r[0] for r in c.execute("SELECT site FROM articles WHERE is_latest = 1 AND site IS NOT NULL "
                                         "GROUP BY site ORDER BY COUNT(*) DESC LIMIT ?", (n,))],
        "speaker": [r[0] for r in c.execute("SELECT speaker_kb_id FROM claims WHERE speaker_kb_id IS NOT NULL "
                                            "GROUP BY speaker_kb_id ORDER BY COUNT(*) DESC LIMIT ?", (n,))],
        "place": [r[0] for r in c.execute("SELECT place_id FROM place_mentions GROUP BY place_id "
                                          "ORDER BY COUNT(*) DESC LIMIT ?", (n,))],
        "family": [r[0] for r in c.execute("SELECT id FROM families ORDER BY size DESC LIMIT ?", (n,))]
        if _has(c, "families") else [],
    }
    return out


def _has_index(c: sqlite3.Connection, name: str) -> bool:
    return c.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone() is not None




def overview_data(c: sqlite3.Connection) -> dict:
    """The overview: as `trace` summarised it when that summary describes the database as it is (see
    wiretrace.store.summaries), else computed now."""

    return summaries.read(c, "overview") or overview_live(c)


def overview_live(c: sqlite3.Connection) -> dict:
    """The overview's figures, computed from the tables: counts, attention per day, top origins, sites, speakers."""
    traced = _has(c, "families")
    counts = {
        "articles": c.execute("SELECT COUNT(*) FROM articles WHERE is_latest = 1").fetchone()[0],
        "sites": c.execute("SELECT COUNT(DISTINCT site) FROM articles WHERE is_latest = 1").fetchone()[0],
        "families": c.execute("SELECT COUNT(*) FROM families").fetchone()[0] if traced else 0,
        "speakers": c.execute("SELECT COUNT(DISTINCT speaker_name) FROM claims WHERE speaker_name IS NOT NULL").fetchone()[0],
    }
    per_day = [dict(r) for r in c.execute(
        "SELECT substr(a.published, 1, 10) AS day, COUNT(*) AS articles, COUNT(DISTINCT m.family_id) AS families "
        "FROM articles a LEFT JOIN family_members m ON m.article_id = a.id WHERE a.is_latest = 1 AND a.published IS NOT NULL "
        "GROUP BY day ORDER BY day")] if traced else []
    for d in per_day:
        d["ratio"] = round(d["articles"] / d["families"], 2) if d["families"] else None
    chart = attention_chart(per_day)
    origins = [dict(r) for r in c.execute(
        "SELECT origin_outlet AS outlet, origin_in_corpus AS in_corpus, COUNT(*) AS families, SUM(size) AS articles "
        "FROM families GROUP BY origin_outlet, origin_in_corpus ORDER BY articles DESC LIMIT 15")] if traced else []
    sites = [dict(r) for r in c.execute(
        "SELECT site, COUNT(*) AS articles FROM articles WHERE is_latest = 1 AND site IS NOT NULL "
        "GROUP BY site ORDER BY articles DESC LIMIT 15")]
    speakers = [dict(r) for r in c.execute(
        "SELECT COALESCE(c.speaker_kb_id, c.speaker_name) AS key, MIN(c.speaker_name) AS speaker, MIN(c.speaker_side) AS side, "
        "COUNT(*) AS claims, COUNT(DISTINCT a.site) AS sites FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE a.is_latest = 1 AND c.speaker_name IS NOT NULL GROUP BY key ORDER BY sites DESC, claims DESC LIMIT 15")]
    families = [dict(r) for r in c.execute(
        "SELECT id, origin_outlet, origin_in_corpus, origin_published, lead_speaker, size FROM families "
        "ORDER BY size DESC, origin_published LIMIT 20")] if traced else []
    return {"counts": counts, "per_day": per_day, "chart": chart, "top_origins": origins, "top_sites": sites,
            "top_speakers": speakers, "largest_families": families,
            "sources": {"counts": "articles, families, claims tables", "per_day": "articles.published, family_members"}}


def attention_chart(per_day: list[dict], width: int = 720, height: int = 160) -> dict:
    """Geometry of the attention chart (articles per day as bars, distinct families per day as a line), drawn
    by the template as SVG: no script, no inline style, so the Content-Security-Policy holds."""
    if not per_day:
        return {"width": width, "height": height, "bars": [], "line": ""}
    top = max(d["articles"] for d in per_day) or 1
    step = width / len(per_day)
    bars, points = [], []
    for i, d in enumerate(per_day):
        h = d["articles"] / top * (height - 20)
        bars.append({"x": round(i * step + 1, 1), "y": round(height - h, 1), "w": round(max(step - 2, 1), 1), "h": round(h, 1),
                     "label": f"{d['day']}: {d['articles']} articles, {d['families']} families"})
        points.append(f"{round(i * step + step / 2, 1)},{round(height - d['families'] / top * (height - 20), 1)}")
    return {"width": width, "height": height, "bars": bars, "line": " ".join(points)}


def place_data(c: sqlite3.Connection, place_id: str) -> dict | None:
    """Claims that mention a place (the mention falls inside the claim), counted by day and side of the speaker,
    the latest LIST_CAP of them listed; the spellings used; the places named in the same articles, for the map."""
    place = c.execute("SELECT * FROM places WHERE place_id = ?", (place_id,)).fetchone()
    if place is None:
        return None
    by_day: dict[str, Counter] = {}
    variants: Counter = Counter()
    hits: dict[int, tuple] = {}  # claim id -> (published, article id, as written, variant)
    for cid, side, published, aid, written, variant in c.execute(
            "SELECT c.id, c.speaker_side, a.published, a.id, m.text, m.variant FROM place_mentions m "
            "JOIN articles a ON a.id = m.article_id "
            "JOIN claims c ON c.article_id = m.article_id AND m.char_start >= c.char_start AND m.char_start < c.char_end "
            "WHERE m.place_id = ? AND a.is_latest = 1", (place_id,)):
        if cid in hits:
            continue
        hits[cid] = (published or "", aid, written, variant)
        by_day.setdefault((published or "")[:10], Counter())[side or "unknown"] += 1
    for (variant, n) in c.execute("SELECT variant, COUNT(*) FROM place_mentions WHERE place_id = ? GROUP BY variant",
                                  (place_id,)):
        variants[variant] = n
    latest = sorted(hits.items(), key=lambda kv: kv[1][0], reverse=True)[:LIST_CAP]
    claims = []
    if latest:
        marks = ",".join("?" * len(latest))
        rows = {r["claim_id"]: dict(r) for r in c.execute(
            "SELECT c.id AS claim_id, c.seq, c.kind, c.text, c.speaker_name, c.speaker_kb_id, c.speaker_side, "
            f"a.id AS article_id, a.site, a.published FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})",
            [cid for cid, _ in latest])}
        for cid, (_, _, written, variant) in sorted(latest, key=lambda kv: (kv[1][0], kv[1][1], kv[0])):
            claims.append({**rows[cid], "as_written": written, "variant": variant})
    near = [dict(r) for r in c.execute(
        "SELECT p.place_id, p.name, p.lat, p.lon, COUNT(DISTINCT m.article_id) AS articles FROM place_mentions m "
        "JOIN places p USING (place_id) WHERE m.article_id IN "
        "(SELECT article_id FROM place_mentions WHERE place_id = ? ORDER BY article_id DESC LIMIT 2000) "
        "AND m.place_id != ? AND p.lat IS NOT NULL GROUP BY p.place_id ORDER BY articles DESC LIMIT 40", (place_id, place_id))]
    per_day = [{"day": d, **dict(n)} for d, n in sorted(by_day.items())]
    return {"place": dict(place), "claims": claims, "total_claims": len(hits), "variants": dict(variants),
            "claims_per_day_by_side": per_day, "chart": side_chart(per_day), "mentioned_with": near}


SIDES = ("russia", "ukraine", "other", "unknown")


def side_chart(per_day: list[dict], width: int = 720, height: int = 140) -> dict:
    """Geometry of claims per day stacked by the speaker's side, drawn by the template as SVG (colours from the
    stylesheet's classes: no inline style, no script).  Each bar links to that day's claims."""
    if not per_day:
        return {"width": width, "height": height, "bars": []}
    top = max(sum(d.get(side, 0) for side in SIDES) for d in per_day) or 1
    step = width / len(per_day)
    bars = []
    for i, d in enumerate(per_day):
        y = float(height)
        for side in SIDES:
            n = d.get(side, 0)
            if not n:
                continue
            h = n / top * (height - 10)
            y -= h
            bars.append({"x": round(i * step + 1, 1), "y": round(y, 1), "w": round(max(step - 2, 1), 1), "h": round(h, 1),
                         "side": side, "day": d["day"], "label": f"{d['day']}: {n} claims by {side}-side speakers"})
    return {"width": width, "height": height, "bars": bars, "first_day": per_day[0]["day"], "last_day": per_day[-1]["day"],
            "days": len(per_day), "top": top}


def article_data(c: sqlite3.Connection, ident: str) -> dict | None:
    row = c.execute("SELECT * FROM articles WHERE id = ?", (ident,)).fetchone() or c.execute(
        "SELECT * FROM articles WHERE external_id = ? ORDER BY is_latest DESC LIMIT 1", (ident,)).fetchone()
    if row is None:
        return None
    aid = row["id"]
    claims = [dict(r) for r in c.execute(
        "SELECT id, seq, kind, text, char_start, char_end, sentence_start, sentence_end, speaker_name, speaker_kb_id, "
        "speaker_text, speaker_start, speaker_end, speaker_side, speaker_descriptor, relays, cue_text, cue_start, cue_end, "
        "hedged, hedges_json FROM claims WHERE article_id = ? ORDER BY seq", (aid,))]
    for cl in claims:
        cl["hedges"] = json.loads(cl.pop("hedges_json") or "[]")
    relays = [dict(r) for r in c.execute(
        "SELECT r.outlet_name, r.text, r.char_start, r.char_end FROM claim_relays r JOIN claims c ON c.id = r.claim_id "
        "WHERE c.article_id = ? AND r.char_start IS NOT NULL", (aid,))]
    places = [dict(r) for r in c.execute(
        "SELECT m.text, m.variant, m.char_start, m.char_end, p.place_id, p.name FROM place_mentions m "
        "JOIN places p USING (place_id) WHERE m.article_id = ? ORDER BY m.char_start", (aid,))]
    traced = _has(c, "family_members")
    member = c.execute("SELECT * FROM family_members WHERE article_id = ?", (aid,)).fetchone() if traced else None
    changes = [dict(r) for r in c.execute(
        "SELECT id, kind, member_text, member_start, member_end, origin_text, origin_article_id, detail "
        "FROM rewrite_changes WHERE article_id = ? ORDER BY id", (aid,))] if member else []
    family = None
    if member:
        f = c.execute("SELECT origin_outlet, origin_in_corpus, origin_article_id, earliest_member FROM families WHERE id = ?",
                      (member["family_id"],)).fetchone()
        family = {"id": member["family_id"], "role": member["role"], "parent": member["parent_id"],
                  "lag_hours": member["lag_hours"], "probability": member["probability"],
                  "origin_outlet": f["origin_outlet"] if f else None,
                  "origin_article_id": f["origin_article_id"] if f and f["origin_in_corpus"] else None}
    for cl in claims:
        cl.pop("id")
    beside = side_by_side(c, aid, row["text"]) if member else []
    return {
        "article": {k: row[k] for k in ("id", "external_id", "url", "site", "title", "published", "lang", "version")},
        "text": row["text"],
        "segments": highlighted(row["text"], claims, places, relays, changes, anchors=[b["start"] for b in beside]),
        "claims": claims,
        "places": places,
        "family": family,
        "changes": changes,
        "side_by_side": beside,
    }


MARK_KINDS = {
    "speaker": "speaker", "cue": "speech verb", "relay": "relaying outlet", "hedge": "hedge", "place": "place",
    "added_sentence": "added sentence", "unverified_sentence": "unverified sentence",
    "fabricated_quote": "quote the origin never had", "number": "changed number", "date": "changed date",
    "actor": "changed actor", "place_change": "changed place", "transliteration": "respelled name",
}


def highlighted(text: str, claims: list[dict], places: list[dict], relays: list[dict], changes: list[dict],
                anchors: list[int] = ()) -> list[dict]:
    """The text cut into claim and plain segments (see `segments`), each cut again into pieces carrying the marks
    that cover them: speakers, speech verbs, relaying outlets, hedges, places (with the spelling's side) and the
    rewrite's changes.  Each piece starts at an offset that is its anchor (#at-OFFSET), so tables can link to the
    very words a figure counts; `anchors` adds cut points (sentence starts).  Written here because the marks
    overlap freely and HTML needs them flat."""
    marks: list[tuple[int, int, str, str]] = []  # start, end, kind, label
    for cl in claims:
        if cl.get("speaker_start") is not None and cl.get("speaker_end"):
            marks.append((cl["speaker_start"], cl["speaker_end"], "speaker", f"speaker: {cl['speaker_name'] or ''}"))
        if cl.get("cue_start") is not None and cl.get("cue_end"):
            marks.append((cl["cue_start"], cl["cue_end"], "cue", f"speech verb: {cl['cue_text'] or ''}"))
        lo = cl.get("sentence_start") if cl.get("sentence_start") is not None else cl["char_start"]
        hi = cl.get("sentence_end") or cl["char_end"]
        window = text[lo:hi].lower()
        for h in cl.get("hedges") or []:
            i = window.find(h.lower()) if h else -1
            if i >= 0:
                marks.append((lo + i, lo + i + len(h), "hedge", f"hedge: {h}"))
    for r in relays:
        marks.append((r["char_start"], r["char_end"], "relay", f"relayed by {r['outlet_name']}"))
    for p in places:
        marks.append((p["char_start"], p["char_end"], f"place variant-{p['variant'] or 'neutral'}",
                      f"{p['name']} ({p['variant'] or 'neutral'} spelling)"))
    for ch in changes:
        if ch.get("member_start") is not None and ch.get("member_end"):
            kind = "place_change" if ch["kind"] == "place" else ch["kind"]
            marks.append((ch["member_start"], ch["member_end"], f"change change-{kind}",
                          f"{MARK_KINDS.get(kind, kind)}{': ' + ch['detail'] if ch.get('detail') else ''}"))
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks), *(a for a in anchors if 0 < a < len(text))})
    out = []
    for seg in segments(text, claims):
        s, e = seg["start"], seg["end"]
        points = [s, *(x for x in cuts if s < x < e), e]
        pieces = []
        for a, b in zip(points, points[1:]):
            on = [m for m in marks if m[0] <= a and b <= m[1]]
            pieces.append({"text": text[a:b], "start": a, "classes": " ".join(sorted({m[2] for m in on})),
                           "labels": "; ".join(dict.fromkeys(m[3] for m in on))})
        seg["pieces"] = pieces
        out.append(seg)
    return out


def segments(text: str, claims: list[dict]) -> list[dict]:
    """The text cut into plain and claim segments (claims never overlap in the cut: the first one wins)."""
    out, pos = [], 0
    for cl in sorted(claims, key=lambda c: c["char_start"]):
        s, e = cl["char_start"], cl["char_end"]
        if s < pos or e <= s:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "start": pos, "end": s, "claim": None})
        out.append({"text": text[s:e], "start": s, "end": e, "claim": cl["seq"], "kind": cl["kind"],
                    "side": cl["speaker_side"] or "unknown", "speaker": cl["speaker_name"]})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "start": pos, "end": len(text), "claim": None})
    return out


def side_by_side(c: sqlite3.Connection, article_id: str, text: str) -> list[dict]:
    """Each sentence of a traced member beside the origin sentence that supports it (none for added ones)."""
    row = c.execute("SELECT sentences_json FROM member_diffs WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return []
    sentences = json.loads(row["sentences_json"] or "[]")
    texts: dict[str, str] = {}
    out = []
    for s in sentences:
        oid = s.get("origin_article_id")
        origin_text = None
        if oid and s.get("origin_start") is not None and s["status"] != "added":
            if oid not in texts:
                r = c.execute("SELECT text FROM articles WHERE id = ?", (oid,)).fetchone()
                texts[oid] = r["text"] if r else ""
            origin_text = texts[oid][s["origin_start"]:s["origin_end"]] or None
        out.append({"start": s["start"], "status": s["status"], "score": s.get("score"),
                    "boilerplate": bool(s.get("boilerplate")), "text": text[s["start"]:s["end"]],
                    "origin_article_id": oid if origin_text else None, "origin_text": origin_text})
    return out


def family_data(c: sqlite3.Connection, family_id: str) -> dict | None:
    if not _has(c, "families"):
        return None
    f = c.execute("SELECT * FROM families WHERE id = ?", (family_id,)).fetchone()
    if f is None:
        return None
    members = [dict(r) for r in c.execute(
        "SELECT m.article_id, m.role, m.parent_id, m.lag_hours, m.probability, m.secondary_json, a.site, a.url, a.title, "
        "a.published, a.lang, d.supported, d.added, d.unverified FROM family_members m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN member_diffs d ON d.article_id = m.article_id WHERE m.family_id = ? "
        # in publication order; members with no date apart, after the dated ones (SQL would put them first)
        "ORDER BY a.published IS NULL, a.published, a.id", (family_id,))]
    kinds: dict[str, Counter] = {}
    for r in c.execute("SELECT article_id, kind FROM rewrite_changes WHERE family_id = ?", (family_id,)):
        kinds.setdefault(r[0], Counter())[r[1]] += 1
    for m in members:
        m["secondary"] = json.loads(m.pop("secondary_json") or "[]")
        m["changes"] = dict(kinds.get(m["article_id"], {}))
    return {"family": dict(f), "members": members, "timeline": timeline(members)}


def timeline(members: list[dict], width: int = 720, row: int = 22, left: int = 180) -> dict:
    """Geometry of a family's timeline: one row per site, each member a dot at its lag after the origin."""
    sites: list[str] = []
    for m in members:
        if (m["site"] or "") not in sites:
            sites.append(m["site"] or "")
    lags = [m["lag_hours"] for m in members if m["lag_hours"] is not None]
    top = max([*lags, 1.0])
    undated = any(m["lag_hours"] is None for m in members)
    # members with no date stand in a column of their own past the time axis, labelled "date unknown"
    span = width - left - (110 if undated else 30)
    unknown_x = width - 45

    def dot(m: dict) -> dict:
        lag = m["lag_hours"]
        x = unknown_x if lag is None else round(left + lag / top * span, 1)
        when = "date unknown" if lag is None else f"{lag} h"
        return {"x": x, "y": sites.index(m["site"] or "") * row + row, "article_id": m["article_id"], "role": m["role"],
                "label": f"{m['site']}: {m['role']}, {when}", "undated": lag is None}

    ticks = [{"x": round(left + t / 4 * span, 1), "label": f"{round(top * t / 4, 1)} h"} for t in range(5)]
    if undated:
        ticks.append({"x": unknown_x - 30, "label": "date unknown"})
    return {"width": width, "height": len(sites) * row + row + 24, "left": left,
            "rows": [{"site": s, "y": i * row + row} for i, s in enumerate(sites)], "dots": [dot(m) for m in members],
            "ticks": ticks}


# Every page about one thing: kind -> (template, loader).  The server routes /KIND/KEY to it, warms the biggest
# ones, and the static site writes KIND/KEY.html from it.
PAGES: dict[str, tuple[str, Callable[[sqlite3.Connection, str], dict | None]]] = {
    "article": ("article.html", article_data),
    "family": ("family.html", family_data),
    "speaker": ("speaker.html", speaker_data),
    "site": ("site.html", site_data),
    "place": ("place.html", place_data),
}
