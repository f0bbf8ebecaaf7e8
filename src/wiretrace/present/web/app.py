"""`wiretrace serve`: server-rendered pages with JSON twins, over a database opened read-only.

Article text, titles, URLs and metadata are hostile input: templates autoescape
everything, only http(s) URLs become links, and every response carries a strict
Content-Security-Policy (no inline scripts or handlers).  No endpoint writes or
fetches anything.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def safe_url(value: str | None) -> str | None:
    """The URL when it is http(s), else None: only those are rendered as links."""
    if not value:
        return None
    try:
        scheme = urlparse(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def create_app(db: str | Path) -> FastAPI:
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no wiretrace database at {path}")
    uri = f"file:{path.resolve()}?mode=ro"
    env = Environment(loader=PackageLoader("wiretrace.present.web", "templates"),
                      autoescape=select_autoescape(["html"], default=True))
    env.filters["safe_url"] = safe_url
    app = FastAPI(title="wiretrace explorer", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(packages=[("wiretrace.present.web", "static")]), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def conn() -> sqlite3.Connection:
        c = sqlite3.connect(uri, uri=True, check_same_thread=False)
        c.row_factory = sqlite3.Row
        return c

    def render(request: Request, template: str, data: dict):
        if request.query_params.get("format") == "json":
            return JSONResponse(data)
        html = env.get_template(template).render(data=data, request_path=request.url.path)
        return HTMLResponse(html)

    def page(request: Request, template: str, loader, key: str, what: str):
        """A page for one thing: 404 when the loader finds nothing."""
        with conn() as c:
            data = loader(c, key)
        if data is None:
            raise HTTPException(404, f"no such {what}")
        return render(request, template, data)

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request):
        with conn() as c:
            data = overview_data(c)
        return render(request, "overview.html", data)

    @app.get("/article/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str):
        return page(request, "article.html", article_data, article_id, "article")

    @app.get("/family/{family_id}", response_class=HTMLResponse)
    def family(request: Request, family_id: str):
        return page(request, "family.html", family_data, family_id, "family")

    @app.get("/speaker/{key}", response_class=HTMLResponse)
    def speaker(request: Request, key: str):
        return page(request, "speaker.html", speaker_data, key, "speaker")

    @app.get("/site/{site}", response_class=HTMLResponse)
    def site(request: Request, site: str):
        return page(request, "site.html", site_data, site, "site")

    @app.get("/place/{place_id}", response_class=HTMLResponse)
    def place(request: Request, place_id: str):
        return page(request, "place.html", place_data, place_id, "place")

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "", site: str = "", speaker: str = "", side: str = "", lang: str = "",
               since: str = "", until: str = "", page: int = 1):
        with conn() as c:
            data = search_data(c, q=q, site=site, speaker=speaker, side=side, lang=lang, since=since, until=until,
                               page=max(1, page))
        return render(request, "search.html", data)

    return app


PAGE_SIZE = 20


def speaker_data(c: sqlite3.Connection, key: str) -> dict | None:
    """A speaker by knowledge-base id (person:peskov) or by name as stored."""
    rows = [dict(r) for r in c.execute(
        "SELECT c.id AS claim_id, c.seq, c.kind, c.text, c.speaker_name, c.speaker_text, c.speaker_side, c.relays, "
        "a.id AS article_id, a.site, a.published, a.lang FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE a.is_latest = 1 AND (c.speaker_kb_id = ? OR c.speaker_name = ?) ORDER BY a.published, a.id, c.seq", (key, key))]
    if not rows:
        return None
    relays = Counter(r.strip() for row in rows for r in (row["relays"] or "").split(",") if r.strip())
    variants = Counter(row["speaker_text"] for row in rows if row["speaker_text"])
    families = []
    if _has(c, "family_members"):
        ids = sorted({row["article_id"] for row in rows})
        marks = ",".join("?" * len(ids))
        families = [dict(r) for r in c.execute(
            f"SELECT f.id, f.origin_outlet, f.origin_in_corpus, f.origin_published, f.size FROM families f WHERE f.id IN "
            f"(SELECT family_id FROM family_members WHERE article_id IN ({marks})) ORDER BY f.origin_published", ids)]
    per_day = Counter((row["published"] or "")[:10] for row in rows)
    return {"speaker": {"key": key, "name": rows[0]["speaker_name"], "side": rows[0]["speaker_side"]},
            "claims": rows, "claims_per_day": [{"day": d, "claims": n} for d, n in sorted(per_day.items())],
            "relayed_by": [{"outlet": k, "claims": n} for k, n in relays.most_common()],
            "name_variants": [{"as_written": k, "claims": n} for k, n in variants.most_common()],
            "families": families}


def site_data(c: sqlite3.Connection, site: str) -> dict | None:
    from ...link.sites import graph, profiles
    from ...store.trace import member_rows

    n = c.execute("SELECT COUNT(*) FROM articles WHERE is_latest = 1 AND site = ?", (site,)).fetchone()[0]
    if not n:
        return None
    profile, neighbours, families = None, [], []
    if _has(c, "family_members"):
        rows = member_rows(c)
        prof = next((p for p in profiles(rows) if p.site == site), None)
        profile = prof.to_dict() if prof else None
        g = graph(rows)
        if site in g:
            neighbours = sorted(({"site": other, "shared_families": d["weight"], "median_lag_hours": d.get("median_lag_hours")}
                                 for other, d in g[site].items()), key=lambda x: -x["shared_families"])
        families = [dict(r) for r in c.execute(
            "SELECT m.family_id, m.article_id, m.role, m.lag_hours, f.origin_outlet, f.origin_in_corpus, f.size "
            "FROM family_members m JOIN articles a ON a.id = m.article_id JOIN families f ON f.id = m.family_id "
            "WHERE a.site = ? ORDER BY a.published", (site,))]
    return {"site": site, "articles": n, "profile": profile, "neighbours": neighbours, "families": families}


def search_data(c: sqlite3.Connection, *, q: str, site: str, speaker: str, side: str, lang: str, since: str, until: str,
                page: int) -> dict:
    """Articles matching the words (SQLite FTS5 over titles and texts) and the filters, newest first, paginated;
    with each article's matching claims."""
    where, args = ["a.is_latest = 1"], []
    if q.strip():
        # every word as a quoted FTS5 string: user text is never FTS5 syntax
        terms = " ".join('"' + w.replace('"', '""') + '"' for w in q.split())
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
    total = c.execute(f"SELECT COUNT(*) FROM articles a WHERE {sql_where}", args).fetchone()[0]
    rows = [dict(r) for r in c.execute(
        f"SELECT a.id, a.title, a.site, a.published, a.lang, substr(a.text, 1, 240) AS snippet FROM articles a "
        f"WHERE {sql_where} ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?", args + [PAGE_SIZE, (page - 1) * PAGE_SIZE])]
    words = [w.lower() for w in q.split()]
    for r in rows:
        claims = c.execute("SELECT seq, speaker_name, speaker_side, kind, text FROM claims WHERE article_id = ? ORDER BY seq",
                           (r["id"],)).fetchall()
        r["claims"] = [dict(x) for x in claims if not words or any(w in (x["text"] or "").lower() for w in words)][:5]
    params = {"q": q, "site": site, "speaker": speaker, "side": side, "lang": lang, "since": since, "until": until}
    return {"query": params, "total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)), "results": rows}


def _has(c: sqlite3.Connection, table: str) -> bool:
    return c.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def overview_data(c: sqlite3.Connection) -> dict:
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
        "SELECT speaker_name AS speaker, speaker_side AS side, COUNT(*) AS claims, COUNT(DISTINCT site) AS sites "
        "FROM ledger WHERE speaker_name IS NOT NULL GROUP BY speaker_name ORDER BY sites DESC, claims DESC LIMIT 15")]
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
    place = c.execute("SELECT * FROM places WHERE place_id = ?", (place_id,)).fetchone()
    if place is None:
        return None
    claims = [dict(r) for r in c.execute(
        "SELECT DISTINCT c.id AS claim_id, c.seq, c.kind, c.text, c.speaker_name, c.speaker_kb_id, c.speaker_side, "
        "a.id AS article_id, a.site, a.published, m.text AS as_written, m.variant FROM place_mentions m "
        "JOIN claims c ON c.article_id = m.article_id AND m.char_start >= c.char_start AND m.char_start < c.char_end "
        "JOIN articles a ON a.id = m.article_id WHERE a.is_latest = 1 AND m.place_id = ? ORDER BY a.published, a.id, c.seq",
        (place_id,))]
    variants = Counter(r[0] for r in c.execute("SELECT variant FROM place_mentions WHERE place_id = ?", (place_id,)))
    by_day: dict[str, Counter] = {}
    for cl in claims:
        by_day.setdefault((cl["published"] or "")[:10], Counter())[cl["speaker_side"] or "unknown"] += 1
    return {"place": dict(place), "claims": claims, "variants": dict(variants),
            "claims_per_day_by_side": [{"day": d, **dict(n)} for d, n in sorted(by_day.items())]}


def article_data(c: sqlite3.Connection, ident: str) -> dict | None:
    row = c.execute("SELECT * FROM articles WHERE id = ? OR external_id = ? ORDER BY is_latest DESC LIMIT 1",
                    (ident, ident)).fetchone()
    if row is None:
        return None
    aid = row["id"]
    claims = [dict(r) for r in c.execute(
        "SELECT seq, kind, text, char_start, char_end, speaker_name, speaker_kb_id, speaker_side, speaker_descriptor, "
        "relays, cue_text, hedged, hedges_json FROM claims WHERE article_id = ? ORDER BY seq", (aid,))]
    for cl in claims:
        cl["hedges"] = json.loads(cl.pop("hedges_json") or "[]")
    places = [dict(r) for r in c.execute(
        "SELECT m.text, m.variant, m.char_start, m.char_end, p.place_id, p.name FROM place_mentions m "
        "JOIN places p USING (place_id) WHERE m.article_id = ? ORDER BY m.char_start", (aid,))]
    member = c.execute("SELECT * FROM family_members WHERE article_id = ?", (aid,)).fetchone() if _has(c, "family_members") else None
    changes = [dict(r) for r in c.execute("SELECT kind, member_text, origin_text, detail FROM rewrite_changes WHERE article_id = ? "
                                           "ORDER BY id", (aid,))] if member else []
    return {
        "article": {k: row[k] for k in ("id", "external_id", "url", "site", "title", "published", "lang", "version")},
        "text": row["text"],
        "segments": segments(row["text"], claims),
        "claims": claims,
        "places": places,
        "family": {"id": member["family_id"], "role": member["role"], "parent": member["parent_id"],
                   "lag_hours": member["lag_hours"], "probability": member["probability"]} if member else None,
        "changes": changes,
    }


def segments(text: str, claims: list[dict]) -> list[dict]:
    """The text cut into plain and claim segments (claims never overlap in the cut: the first one wins)."""
    out, pos = [], 0
    for cl in sorted(claims, key=lambda c: c["char_start"]):
        s, e = cl["char_start"], cl["char_end"]
        if s < pos or e <= s:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "claim": None})
        out.append({"text": text[s:e], "claim": cl["seq"], "kind": cl["kind"], "side": cl["speaker_side"] or "unknown",
                    "speaker": cl["speaker_name"]})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "claim": None})
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
        "LEFT JOIN member_diffs d ON d.article_id = m.article_id WHERE m.family_id = ? ORDER BY a.published, a.id", (family_id,))]
    kinds: dict[str, Counter] = {}
    for r in c.execute("SELECT article_id, kind FROM rewrite_changes WHERE family_id = ?", (family_id,)):
        kinds.setdefault(r[0], Counter())[r[1]] += 1
    for m in members:
        m["secondary"] = json.loads(m.pop("secondary_json") or "[]")
        m["changes"] = dict(kinds.get(m["article_id"], {}))
    return {"family": dict(f), "members": members}
