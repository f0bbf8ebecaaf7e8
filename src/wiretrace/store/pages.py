"""Named queries: what each explorer page, the static site and the overview summary read from the database.

The one door the explorer goes through to the database (Datasette's habit): every statement behind a page is
here, each function a plain dict of what the page shows, computed by SQL over a connection (store.connect()'s,
SQLite or PostgreSQL).  `present.web.views` adds only what is drawn (charts, the graph layout, highlighted text).
"""

from __future__ import annotations

import json
from collections import Counter

from . import summaries
from .backends import Connection, dialect, has_index as _has_index, has_table as _has
from .schema import FTS_DOCUMENT

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = 10_000  # pages past this are the last one asked for: an OFFSET must stay a 64-bit integer
COMMON_WORD = 3000  # FTS matches from which search walks the date index instead of sorting the matches


SPEAKER_CLAIMS = 500
BUSY_SHARE = 5  # a speaker with claims in more than ~1 in 5 articles: find the latest by walking the date index
LIST_CAP = 300  # rows listed on a site or place page; the counts cover everything


def _speaker_match(c: Connection, key: str) -> tuple[str, tuple]:
    """The WHERE clause for a speaker key: a knowledge-base id when claims carry it, else a name as stored
    (one indexed condition each, so that the busiest speakers stay fast)."""
    if c.execute("SELECT 1 FROM claims WHERE speaker_kb_id = ? LIMIT 1", (key,)).fetchone():
        return "c.speaker_kb_id = ?", (key,)
    return "c.speaker_name = ?", (key,)


def speaker_page(c: Connection, key: str) -> dict | None:
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
        f"WHERE a.is_latest = 1 AND {cond} ORDER BY a.published DESC, a.rowid DESC LIMIT ?) AS latest "
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
            "relayed_by": [{"outlet": k, "claims": n} for k, n in _most_common(relays)],
            "name_variants": [{"as_written": k, "claims": n} for k, n in _most_common(variants)],
            "families": families, "total_families": n_families}


def _most_common(counts: Counter) -> list[tuple[str, int]]:
    """Most counted first, ties by name: the same order whatever order the database gave the rows in."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def site_page(c: Connection, site: str) -> dict | None:
    """A site's profile, its co-publication neighbours (with `graph_links`, the edges among the GRAPH_NEIGHBOURS
    strongest, for the drawing) and its families.  Everything is read for this site's families only, in SQL, so
    that the busiest sites of a big corpus stay fast."""
    from dataclasses import replace

    from ..link.sites import MemberRow, profiles

    n = c.execute("SELECT COUNT(*) FROM articles WHERE is_latest = 1 AND site = ?", (site,)).fetchone()[0]
    if not n:
        return None
    profile, neighbours, families, graph_links, n_families = None, [], [], None, 0
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
            graph_links = [tuple(r) for r in links]
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
            "WHERE a2.site IS NOT NULL AND a2.site != :site GROUP BY a2.site, mine.family_id, mine.lag), "
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
                f"WITH {_MINE} ORDER BY MAX(a.published) DESC, m.family_id LIMIT :n), "
                "pairs AS (SELECT DISTINCT a2.site AS site, m2.family_id AS fam FROM mine "
                "JOIN family_members m2 ON m2.family_id = mine.family_id JOIN articles a2 ON a2.id = m2.article_id "
                f"WHERE a2.site IN ({','.join(':s' + str(i) for i in range(len(names)))})) "
                "SELECT p1.site, p2.site, COUNT(*) FROM pairs p1 JOIN pairs p2 ON p1.fam = p2.fam AND p1.site < p2.site "
                "GROUP BY p1.site, p2.site",
                {"site": site, "n": GRAPH_FAMILIES, **{f"s{i}": nm for i, nm in enumerate(names)}}).fetchall()
            graph_links = [(a_, b_, k) for a_, b_, k in links]
        n_families = len({r.family_id for r in own})
        families = _site_families(c, site)
    speakers = [dict(r) for r in c.execute(
        "SELECT COALESCE(c.speaker_kb_id, c.speaker_name) AS key, MIN(c.speaker_name) AS speaker, "
        "MIN(c.speaker_side) AS side, COUNT(*) AS claims FROM articles a JOIN claims c ON c.article_id = a.id "
        "WHERE a.is_latest = 1 AND a.site = ? AND c.speaker_name IS NOT NULL GROUP BY key "
        "ORDER BY claims DESC, key LIMIT 20", (site,))]
    return {"site": site, "articles": n, "per_day": site_per_day(c, site), "profile": profile, "neighbours": neighbours,
            "families": families, "total_families": n_families, "graph_links": graph_links, "speakers": speakers,
            "framing": site_framing(c, site)}


def site_framing(c: Connection, site: str) -> dict | None:
    """A site's framing over time: per month of publication, the side-coded terms its articles use in their own
    voice by side, and the sides of the sources they attribute claims to; and its most used own-voice terms."""
    if not _has(c, "term_uses"):
        return None
    months: dict[str, dict] = {}
    for month, side, n in c.execute(
            "SELECT substr(a.published, 1, 7), t.side, COUNT(*) FROM term_uses t JOIN articles a ON a.id = t.article_id "
            "WHERE a.is_latest = 1 AND a.site = ? AND t.voice = 'own_voice' GROUP BY 1, 2 ORDER BY 1, 2", (site,)):
        months.setdefault(month or "", {"month": month or "", "own_voice_terms": {}, "sources": {}})["own_voice_terms"][side] = n
    for month, side, n in c.execute(
            "SELECT substr(a.published, 1, 7), COALESCE(c.speaker_side, 'unknown'), COUNT(*) FROM claims c "
            "JOIN articles a ON a.id = c.article_id WHERE a.is_latest = 1 AND a.site = ? AND c.kind != 'unattributed' "
            "GROUP BY 1, 2 ORDER BY 1, 2", (site,)):
        months.setdefault(month or "", {"month": month or "", "own_voice_terms": {}, "sources": {}})["sources"][side] = n
    top = [dict(r) for r in c.execute(
        "SELECT t.text, t.side, t.concept, COUNT(*) AS uses FROM term_uses t JOIN articles a ON a.id = t.article_id "
        "WHERE a.is_latest = 1 AND a.site = ? AND t.voice = 'own_voice' GROUP BY t.text, t.side, t.concept "
        "ORDER BY uses DESC, t.text LIMIT 15", (site,))]
    return {"per_month": [months[k] for k in sorted(months)], "top_own_voice_terms": top}


def _site_families(c: Connection, site: str) -> list[dict]:
    return [dict(r) for r in c.execute(
        "SELECT m.family_id, m.article_id, m.role, m.lag_hours, f.origin_outlet, f.origin_in_corpus, f.size "
        "FROM articles a JOIN family_members m ON m.article_id = a.id JOIN families f ON f.id = m.family_id "
        "WHERE a.is_latest = 1 AND a.site = ? ORDER BY a.published DESC, a.id LIMIT ?", (site, LIST_CAP))]


GRAPH_NEIGHBOURS = 24
GRAPH_FAMILIES = 500
# the families a site published in, with its first copy's lag; left open so that a query can order and limit it
_MINE = ("mine AS (SELECT m.family_id, MIN(m.lag_hours) AS lag FROM articles a JOIN family_members m ON m.article_id = a.id "
         "WHERE a.is_latest = 1 AND a.site = :site GROUP BY m.family_id")


def search(c: Connection, *, q: str, site: str, speaker: str, side: str, lang: str, since: str, until: str,
                page: int) -> dict:
    """Articles matching the words (full text over titles and texts: SQLite's FTS5, or PostgreSQL's tsvector in
    the `simple` configuration, which serves every language) and the filters, newest first, paginated; with each
    article's matching claims."""
    postgres = dialect(c) == "postgresql"
    where, args = ["a.is_latest = 1"], []
    also: dict[str, list[str]] = {}
    if q.strip():
        # every word as a quoted FTS5 string (user text is never FTS5 syntax); a place name also matches every
        # spelling the corpus used for that place, so Kyiv finds Kiev and Киев
        parts, forms_of = [], []
        for w in q.split():
            forms = [w, *place_spellings(c, w)]
            if len(forms) > 1:
                also[w] = forms[1:]
            forms_of.append(forms)
            parts.append("(" + " OR ".join('"' + f.replace('"', '""') + '"' for f in forms) + ")")
        terms = " AND ".join(parts)
        if postgres:
            # each form a phrase query built by the server from the text as a parameter: user text is never syntax
            query = " && ".join("(" + " || ".join("phraseto_tsquery('simple', ?)" for _ in forms) + ")" for forms in forms_of)
            where.append(f"{FTS_DOCUMENT.format(a='a.')} @@ ({query})")
            args += [f for forms in forms_of for f in forms]
        else:
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
    total = c.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM articles a WHERE {sql_where} LIMIT {COUNT_CAP + 1}) AS hits",
                      args).fetchone()[0]
    # A word found in thousands of articles: walk the articles newest first (index order) and test membership,
    # instead of sorting every match; SQLite's planner does the opposite, which is right only for rare words.
    newest_first = ""
    if q.strip() and not site and not postgres and _has_index(c, "articles_latest_published"):
        common = c.execute(f"SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                           f"LIMIT {COMMON_WORD}) AS hits", (terms,)).fetchone()[0]
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


def place_spellings(c: Connection, word: str, limit: int = 12) -> list[str]:
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


def heavy_keys(c: Connection, n: int = 20) -> dict[str, list[str]]:
    """The n biggest sites, speakers, places and families: the pages that read the most rows, which the server
    renders ahead of time (see app.create_app)."""
    out = {
        "site": [r[0] for r in c.execute("SELECT site FROM articles WHERE is_latest = 1 AND site IS NOT NULL "
                                         "GROUP BY site ORDER BY COUNT(*) DESC, site LIMIT ?", (n,))],
        "speaker": [r[0] for r in c.execute("SELECT speaker_kb_id FROM claims WHERE speaker_kb_id IS NOT NULL "
                                            "GROUP BY speaker_kb_id ORDER BY COUNT(*) DESC, speaker_kb_id LIMIT ?", (n,))],
        "place": [r[0] for r in c.execute("SELECT place_id FROM place_mentions GROUP BY place_id "
                                          "ORDER BY COUNT(*) DESC, place_id LIMIT ?", (n,))],
        "family": [r[0] for r in c.execute("SELECT id FROM families ORDER BY size DESC, id LIMIT ?", (n,))]
        if _has(c, "families") else [],
    }
    return out


def overview(c: Connection) -> dict:
    """The overview's figures, computed from the tables: counts, articles and families per day, top origins, sites,
    speakers, largest families."""
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
    origins = [dict(r) for r in c.execute(
        "SELECT origin_outlet AS outlet, origin_in_corpus AS in_corpus, COUNT(*) AS families, SUM(size) AS articles "
        "FROM families GROUP BY origin_outlet, origin_in_corpus ORDER BY articles DESC, outlet, in_corpus LIMIT 15")] if traced else []
    sites = [dict(r) for r in c.execute(
        "SELECT site, COUNT(*) AS articles FROM articles WHERE is_latest = 1 AND site IS NOT NULL "
        "GROUP BY site ORDER BY articles DESC, site LIMIT 15")]
    speakers = [dict(r) for r in c.execute(
        "SELECT COALESCE(c.speaker_kb_id, c.speaker_name) AS key, MIN(c.speaker_name) AS speaker, MIN(c.speaker_side) AS side, "
        "COUNT(*) AS claims, COUNT(DISTINCT a.site) AS sites FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE a.is_latest = 1 AND c.speaker_name IS NOT NULL GROUP BY key ORDER BY sites DESC, claims DESC, key LIMIT 15")]
    families = [dict(r) for r in c.execute(
        "SELECT id, origin_outlet, origin_in_corpus, origin_published, lead_speaker, size FROM families "
        "ORDER BY size DESC, origin_published, id LIMIT 20")] if traced else []
    return {"counts": counts, "per_day": per_day, "top_origins": origins, "top_sites": sites,
            "top_speakers": speakers, "largest_families": families,
            "sources": {"counts": "articles, families, claims tables", "per_day": "articles.published, family_members"}}


def place_page(c: Connection, place_id: str) -> dict | None:
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
        "AND m.place_id != ? AND p.lat IS NOT NULL GROUP BY p.place_id ORDER BY articles DESC, p.place_id LIMIT 40", (place_id, place_id))]
    per_day = [{"day": d, **dict(n)} for d, n in sorted(by_day.items())]
    return {"place": dict(place), "claims": claims, "total_claims": len(hits), "variants": dict(variants),
            "claims_per_day_by_side": per_day, "mentioned_with": near}


def article_page(c: Connection, ident: str) -> dict | None:
    """An article by id or external id: its text, claims, places, relays, family and changes, and each sentence
    beside the origin sentence that supports it."""
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
    terms = [dict(r) for r in c.execute(
        "SELECT term, concept, side, text, char_start, char_end, voice, speaker, counterpart FROM term_uses "
        "WHERE article_id = ? ORDER BY char_start, id", (aid,))] if _has(c, "term_uses") else []
    return {
        "article": {k: row[k] for k in ("id", "external_id", "url", "site", "title", "published", "lang", "version")},
        "text": row["text"],
        "claims": claims,
        "places": places,
        "family": family,
        "changes": changes,
        "side_by_side": beside,
        "archived": archived_copy(c, aid),
        "relays": relays,
        "terms": terms,
    }


def side_by_side(c: Connection, article_id: str, text: str) -> list[dict]:
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


def family_page(c: Connection, family_id: str) -> dict | None:
    """A family and its members in publication order (undated ones last), each with its diff counts."""
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
    return {"family": dict(f), "members": members}


def archived_copy(c: Connection, article_id: str) -> dict | None:
    """The latest page `wiretrace fetch` or `watch` kept as evidence for an article: when, from where, its status,
    hash and where its bytes are (None for an article read from a file)."""
    if not _has(c, "fetches"):
        return None
    row = c.execute("SELECT url, final_url, fetched_at, status, content_sha256, evidence FROM fetches "
                    "WHERE article_id = ? AND evidence IS NOT NULL ORDER BY id DESC LIMIT 1", (article_id,)).fetchone()
    return dict(row) if row else None


def new_since(c: Connection, since: str | None) -> dict:
    """Families first seen or grown since `since` (an ISO date or time, compared with when wiretrace stored their
    members: a date counts from its first second, a time strictly after it), the latest LIST_CAP of them; without
    `since`, the week before the newest stored article."""
    newest = c.execute("SELECT MAX(ingested_at) FROM articles").fetchone()[0]
    if not since:
        since = _days_before(newest, 7) if newest else ""
    out = {"since": since, "newest": newest, "families": [], "total": 0}
    if not _has(c, "family_members") or not since:
        return out
    rows = c.execute(
        "SELECT m.family_id, MIN(a.ingested_at) AS first_seen, MAX(a.ingested_at) AS last_seen, COUNT(*) AS size, "
        "SUM(CASE WHEN a.ingested_at > :since THEN 1 ELSE 0 END) AS new_members, f.origin_outlet, f.origin_in_corpus, f.origin_published, "
        "f.lead_speaker, f.languages FROM family_members m JOIN articles a ON a.id = m.article_id "
        "JOIN families f ON f.id = m.family_id GROUP BY m.family_id, f.id HAVING MAX(a.ingested_at) > :since "
        "ORDER BY last_seen DESC, m.family_id", {"since": since}).fetchall()
    out["total"] = len(rows)
    out["families"] = [{**dict(r), "status": "new" if r["first_seen"] > since else "grown"} for r in rows[:LIST_CAP]]
    return out


def _days_before(when: str, days: int) -> str:
    from datetime import datetime, timedelta

    try:
        return (datetime.fromisoformat(when) - timedelta(days=days)).isoformat(timespec="seconds")
    except ValueError:
        return ""


def site_per_day(c: Connection, site: str) -> list[dict]:
    """A site's articles and the distinct families they belong to, per day of publication."""
    traced = _has(c, "family_members")
    join = "LEFT JOIN family_members m ON m.article_id = a.id" if traced else ""
    families = "COUNT(DISTINCT m.family_id)" if traced else "0"
    return [dict(r) for r in c.execute(
        f"SELECT substr(a.published, 1, 10) AS day, COUNT(*) AS articles, {families} AS families FROM articles a {join} "
        "WHERE a.is_latest = 1 AND a.site = ? AND a.published IS NOT NULL GROUP BY day ORDER BY day", (site,))]
