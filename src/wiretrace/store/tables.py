"""Named whole-table reads: what exports, notebooks (pandas), the static site, `trace`'s JSON and the CLI read.

With `store.pages` (the explorer's pages) and `Store` (articles in and out), every SQL statement of wiretrace
is in this package: a second backend is a second set of these modules, and nothing above them changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .backends import AnyRow, Connection, has_table

# The frames `wiretrace.load()` gives a notebook: name -> (query, the table it needs beyond articles and claims).
FRAMES = {
    "articles": ("SELECT id, external_id, url, site, title, published, lang, version, analyzer FROM articles WHERE is_latest = 1", None),
    "claims": ("SELECT * FROM ledger", None),
    "places": ("SELECT m.article_id, m.place_id, p.name AS place, m.text, m.variant, p.lat, p.lon, p.admin1, p.country "
               "FROM place_mentions m JOIN places p USING (place_id)", None),
    "families": ("SELECT * FROM families", "families"),
    "members": ("SELECT * FROM family_overview", "family_overview"),
    "changes": ("SELECT * FROM rewrite_changes", "rewrite_changes"),
    "signals": ("SELECT * FROM article_signals", "article_signals"),
    "terms": ("SELECT t.article_id, a.site, a.published, a.lang, t.term, t.concept, t.side, t.text, t.voice, t.speaker, "
              "t.counterpart, t.char_start, t.char_end FROM term_uses t JOIN articles a ON a.id = t.article_id "
              "WHERE a.is_latest = 1 ORDER BY a.published, t.article_id, t.char_start", "term_uses"),
    "events": ("SELECT e.article_id, a.site, a.published, a.lang, e.claim_seq, e.type, e.acled_type, e.text, e.speaker, "
               "e.speaker_side, e.actor_side, e.controller, e.event_date, e.numbers_json AS numbers, e.denied, "
               "ep.place_id, p.name AS place, p.lat, p.lon, e.char_start, e.char_end FROM claimed_events e "
               "JOIN articles a ON a.id = e.article_id LEFT JOIN event_places ep ON ep.event_id = e.id "
               "LEFT JOIN places p ON p.place_id = ep.place_id WHERE a.is_latest = 1 "
               "ORDER BY a.published, e.article_id, e.id, ep.place_id", "claimed_events"),
}


def term_rows(conn: Connection) -> Iterator[dict]:
    """One row per side-coded term use (latest article versions), with its article's site, date and language."""
    read = frame(conn, "terms")
    if read is None:
        return
    for r in read[1]:
        yield dict(zip(read[0], r))


def event_rows(conn: Connection, *, place: str | None = None, place_ids: tuple[str, ...] = (),
               since: str | None = None, until: str | None = None, types: tuple[str, ...] = ()) -> Iterator[dict]:
    """One row per claimed event and place it names (latest article versions), oldest first by the day it is said
    to have happened, else the day it was published (`day`).  `place`: a place id, or a name the places table or
    the mention's spelling holds (case aside), or one of `place_ids` (the knowledge base's places for a name in any
    spelling); `since`/`until`: ISO dates bounding `day`; `types`: war types."""
    if not has_table(conn, "claimed_events"):
        return
    day = "COALESCE(e.event_date, substr(a.published, 1, 10))"
    sql = ("SELECT " + day + " AS day, e.event_date, a.published, e.type, e.acled_type, ep.place_id, p.name AS place, "
           "p.lat, p.lon, e.controller, e.actor_side, e.denied, e.speaker, e.speaker_side, e.text, e.numbers_json AS numbers, "
           "e.article_id, a.site, a.url, a.lang, e.claim_seq, e.id AS event_id FROM claimed_events e "
           "JOIN articles a ON a.id = e.article_id LEFT JOIN event_places ep ON ep.event_id = e.id "
           "LEFT JOIN places p ON p.place_id = ep.place_id WHERE a.is_latest = 1")
    args: list = []
    if place:
        ids = tuple(dict.fromkeys((place, *place_ids)))
        sql += (" AND (ep.place_id IN (" + ", ".join("?" for _ in ids) + ") OR p.name = ? COLLATE NOCASE OR EXISTS "
                "(SELECT 1 FROM place_mentions m WHERE m.place_id = ep.place_id AND m.text = ? COLLATE NOCASE))")
        args += [*ids, place, place]
    if since:
        sql += " AND " + day + " >= ?"
        args.append(since)
    if until:
        sql += " AND " + day + " <= ?"
        args.append(until)
    if types:
        sql += " AND e.type IN (" + ", ".join("?" for _ in types) + ")"
        args += list(types)
    sql += " ORDER BY day, a.published, e.article_id, e.id, ep.place_id"
    for r in conn.execute(sql, args):
        row = dict(r)
        row["numbers"], row["denied"] = json.loads(row["numbers"] or "[]"), bool(row["denied"])
        yield row


def frame(conn: Connection, name: str) -> tuple[list[str], list[tuple]] | None:
    """Column names and rows of one frame, or None when its table does not exist yet (no trace run)."""
    sql, needed = FRAMES[name]
    if needed and not has_table(conn, needed):
        return None
    cur = conn.execute(sql)
    return [d[0] for d in cur.description], [tuple(r) for r in cur.fetchall()]


def family_member_rows(conn: Connection) -> Iterator[dict]:
    """One row per family member with its family's origin, in origin order."""
    for r in conn.execute(
            "SELECT f.id AS family_id, f.origin_article_id, f.origin_outlet, f.origin_outlet_type, f.origin_in_corpus, "
            "f.origin_published, f.lead_speaker, f.languages, f.size, m.article_id, a.url, a.site, a.published, a.lang, "
            "m.role, m.parent_id, m.lag_hours, m.probability, m.spliced FROM families f JOIN family_members m ON m.family_id = f.id "
            "JOIN articles a ON a.id = m.article_id ORDER BY f.origin_published, f.id, a.published"):
        yield dict(r)


def place_variant_counts(conn: Connection) -> Iterator[AnyRow]:
    """Per place and spelling variant: mentions and articles (latest versions)."""
    yield from conn.execute(
        "SELECT p.place_id, p.name, p.lat, p.lon, p.admin1, p.country, m.variant, COUNT(*) AS n, "
        "COUNT(DISTINCT m.article_id) AS articles FROM place_mentions m JOIN places p USING (place_id) "
        "JOIN articles a ON a.id = m.article_id WHERE a.is_latest = 1 GROUP BY p.place_id, m.variant")


def families(conn: Connection, *, since: str | None = None, until: str | None = None, min_size: int = 1,
             family_id: str | None = None) -> list[AnyRow]:
    """Families of at least `min_size` members whose origin (or earliest member) was published in [since, until],
    or the one `family_id`, in origin order."""
    sql = "SELECT * FROM families WHERE size >= ?"
    args: list = [min_size]
    if family_id:
        sql += " AND id = ?"
        args.append(family_id)
    if since:
        sql += " AND COALESCE(origin_published, '') >= ?"
        args.append(since)
    if until:
        sql += " AND COALESCE(origin_published, '') <= ?"
        args.append(until + ("T23:59:59" if len(until) == 10 else ""))
    return conn.execute(sql + " ORDER BY origin_published, id", args).fetchall()


def family_members(conn: Connection, family_id: str) -> list[AnyRow]:
    """A family's members with their article, diff counts and signals, in publication order."""
    return conn.execute(
        "SELECT m.*, a.url, a.site, a.published, a.lang, a.title, d.supported, d.added, d.unverified, "
        "s.mixed_script_words, s.one_sentence_paragraph_share, s.boilerplate_paragraphs, s.name_variants, s.date_drift_days "
        "FROM family_members m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN member_diffs d ON d.article_id = m.article_id LEFT JOIN article_signals s ON s.article_id = m.article_id "
        "WHERE m.family_id = ? ORDER BY a.published, a.id", (family_id,)).fetchall()


def change_counts(conn: Connection, family_id: str) -> dict[str, dict[str, int]]:
    """Per member of a family: how many rewrite changes of each kind."""
    out: dict[str, dict[str, int]] = {}
    for article_id, kind, n in conn.execute(
            "SELECT article_id, kind, COUNT(*) FROM rewrite_changes WHERE family_id = ? GROUP BY article_id, kind", (family_id,)):
        out.setdefault(article_id, {})[kind] = n
    return out


def family_count(conn: Connection, *, size: int | None = None) -> int:
    """How many families (of exactly `size` members, when given)."""
    if not has_table(conn, "families"):
        return 0
    if size is None:
        return conn.execute("SELECT COUNT(*) FROM families").fetchone()[0]
    return conn.execute("SELECT COUNT(*) FROM families WHERE size = ?", (size,)).fetchone()[0]


def family_of(conn: Connection, article_ids: list[str]) -> dict[str, str]:
    """Article id -> its family's id, for those of `article_ids` in a family."""
    if not article_ids or not has_table(conn, "family_members"):
        return {}
    marks = ",".join("?" * len(article_ids))
    return {r[0]: r[1] for r in conn.execute(
        f"SELECT article_id, family_id FROM family_members WHERE article_id IN ({marks})", list(article_ids))}


def external_ids(conn: Connection) -> dict[str, str | None]:
    """Article id -> external id, latest versions."""
    return {r[0]: r[1] for r in conn.execute("SELECT id, external_id FROM articles WHERE is_latest = 1")}


def fabricated_quotes(conn: Connection) -> Iterator[tuple[str, str]]:
    """(article id, quote) for every quote a rewrite has that its origin never had."""
    yield from conn.execute("SELECT article_id, member_text FROM rewrite_changes WHERE kind = 'fabricated_quote'")


def page_keys(conn: Connection) -> dict[str, list[str]]:
    """Every key that has an explorer page, by kind (for the static site)."""
    traced = has_table(conn, "families")
    queries = {
        "article": "SELECT id FROM articles WHERE is_latest = 1 ORDER BY published, id",
        "family": "SELECT id FROM families ORDER BY origin_published, id" if traced else None,
        "speaker": "SELECT DISTINCT COALESCE(c.speaker_kb_id, c.speaker_name) FROM claims c JOIN articles a ON a.id = c.article_id "
                   "WHERE a.is_latest = 1 AND c.speaker_name IS NOT NULL ORDER BY 1",
        "site": "SELECT DISTINCT site FROM articles WHERE is_latest = 1 AND site IS NOT NULL AND site != '' ORDER BY 1",
        "place": "SELECT DISTINCT place_id FROM place_mentions ORDER BY 1",
    }
    return {kind: [r[0] for r in conn.execute(sql)] if sql else [] for kind, sql in queries.items()}


def family_sizes(conn: Connection) -> dict[str, int]:
    """Family id -> members (for telling new and grown families apart between two traces)."""
    if not has_table(conn, "families"):
        return {}
    return {r[0]: r[1] for r in conn.execute("SELECT id, size FROM families")}


def family_alerts(conn: Connection, family_ids: list[str]) -> list[dict]:
    """What an alert says about each family: origin, lead speaker, size, languages and members' URLs."""
    out = []
    for fid in family_ids:
        f = conn.execute("SELECT id, size, origin_outlet, origin_published, origin_url, lead_speaker, languages "
                         "FROM families WHERE id = ?", (fid,)).fetchone()
        if f is None:
            continue
        members = [dict(r) for r in conn.execute(
            "SELECT m.article_id, m.role, a.url, a.site, a.published FROM family_members m JOIN articles a "
            "ON a.id = m.article_id WHERE m.family_id = ? ORDER BY a.published IS NULL, a.published, a.id", (fid,))]
        out.append({**dict(f), "members": members})
    return out


def site_family_copies(conn: Connection) -> list[tuple[str, str, str | None, int]]:
    """(site, family id, the site's first copy's publication time, copies) for every site in a family."""
    if not has_table(conn, "family_members"):
        return []
    return [tuple(r) for r in conn.execute(
        "SELECT a.site, m.family_id, MIN(a.published), COUNT(*) FROM family_members m JOIN articles a ON a.id = m.article_id "
        "WHERE a.site IS NOT NULL AND a.site != '' GROUP BY a.site, m.family_id ORDER BY a.site, m.family_id")]


def site_speaker_claims(conn: Connection) -> list[tuple[str, str, str, str | None, int]]:
    """(site, speaker key, speaker name, side, claims) for every speaker a site relays (latest article versions)."""
    return [tuple(r) for r in conn.execute(
        "SELECT a.site, COALESCE(c.speaker_kb_id, c.speaker_name), MIN(c.speaker_name), MIN(c.speaker_side), COUNT(*) "
        "FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.is_latest = 1 AND a.site IS NOT NULL AND a.site != '' "
        "AND c.speaker_name IS NOT NULL GROUP BY a.site, COALESCE(c.speaker_kb_id, c.speaker_name) ORDER BY 1, 2")]
