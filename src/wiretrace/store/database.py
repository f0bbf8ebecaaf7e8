"""The store: one database, SQLite (a file: WAL, foreign keys) or PostgreSQL (a URL); one transaction per
article, idempotent writes.

Writing an article is all or nothing: the article row, its claims, relays,
handles, place and entity mentions go in one transaction, so a crash or Ctrl-C
leaves either the whole article or none of it, and running the same command
again completes the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from ..errors import Errors
from ..knowledge import KnowledgeBase
from ..model import Article, Claim, ClaimedEvent, EntityMention, PlaceMention, Relay, Span, Speaker, TermUse
from .backends import PostgresConnection, database_errors, has_table, is_postgres, redact
from .schema import MIGRATIONS, SCHEMA_VERSION, statements


FAST_ANALYZER = "fast (no parse)"  # how the fast path names itself in articles.analyzer
BUSY_SECONDS = 30.0  # how long a writer waits for another process's transaction (three analyses at once)
READ_ONLY = "read-only (the file or its folder): analyse into a copy, or open it with a read-only command"


def readonly_uri(path: str | Path, *, immutable: bool = False) -> str:
    """The SQLite URI that opens `path` read-only; the path is percent-quoted, so "q?x.db" or "50%.db" open
    themselves and not "q" or a mangled name."""
    return f"file:{quote(str(Path(path).resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


def connect_readonly(path: str | Path, **kwargs) -> sqlite3.Connection:
    """A read-only connection.  In a folder this user cannot write, SQLite cannot create the WAL index (-shm)
    a read needs, so the file is opened as immutable there: nobody can be writing it through that folder."""
    conn = sqlite3.connect(readonly_uri(path), uri=True, **kwargs)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.OperationalError:
        if os.access(Path(path).resolve().parent, os.W_OK):
            raise
        conn.close()
        return sqlite3.connect(readonly_uri(path, immutable=True), uri=True, **kwargs)


def connect(db: str | Path, *, readonly: bool = True, **kwargs):
    """A connection to `db` (an SQLite file or a postgresql:// URL) whose rows read by name and position, for the
    explorer, the static site and the frames; read-only unless asked otherwise."""
    if is_postgres(db):
        return PostgresConnection(str(db), readonly=readonly)
    conn = connect_readonly(db, **kwargs) if readonly else sqlite3.connect(str(db), **kwargs)
    conn.row_factory = sqlite3.Row
    return conn


class Store:
    """One database: an SQLite file, or PostgreSQL when `path` is a postgresql:// URL.  Use as a context manager,
    or call `close()`."""

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
        self._has_terms: bool | None = None
        self._has_events: bool | None = None
        self.postgres = is_postgres(self.path)
        if self.postgres:
            self._open_postgres(readonly)
            return
        target = Path(self.path)
        if target.exists() and not target.is_file():
            raise ValueError(Errors.E040.format(path=self.path, reason="not a file (a directory or a device)"))
        if readonly and not target.is_file():
            raise ValueError(Errors.E040.format(path=self.path, reason="no such file"))
        # SQLite opens a file it cannot write read-only without a word, and fails only at the first article
        if not readonly and target.is_file() and not os.access(target, os.W_OK):
            raise ValueError(Errors.E040.format(path=self.path, reason=READ_ONLY))
        try:
            if readonly:
                self.conn = connect_readonly(target)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_SECONDS)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # A checkpoint (the WAL copied into the file) is where WAL mode syncs to disk.  At SQLite's default of
                # 1,000 pages, with one article a transaction, it came every few dozen articles; every 10,000 pages
                # (a WAL file of 40 MB at most, reused after each checkpoint) a fast-path article's commit went from
                # 0.41 to 0.28 ms here, a third less (the fast path on Ray is bound by this process's writes).
                self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
                self.migrate()
            elif not self.schema_version():
                reason = "an empty file" if not target.stat().st_size else "no wiretrace schema"
                raise ValueError(Errors.E040.format(path=self.path, reason=f"not a wiretrace database ({reason})"))
        except sqlite3.DatabaseError as exc:
            reason = "not an SQLite database" if "not a database" in str(exc) else str(exc)
            if not readonly and ("readonly" in str(exc) or not os.access(target.resolve().parent, os.W_OK)):
                reason = READ_ONLY
            raise ValueError(Errors.E040.format(path=self.path, reason=reason)) from None

    def _open_postgres(self, readonly: bool) -> None:
        errors = database_errors()
        try:
            self.conn = PostgresConnection(self.path, readonly=readonly)
        except errors as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ValueError(Errors.E040.format(path=redact(self.path), reason=f"cannot connect: {reason}")) from None
        try:
            if not readonly:
                self.migrate()
            elif not self.schema_version():
                raise ValueError(Errors.E040.format(path=redact(self.path), reason="no wiretrace schema in this database"))
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ schema
    def schema_version(self) -> int:
        if not has_table(self.conn, "schema_migrations"):
            return 0
        return self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]

    def migrate(self) -> None:
        """Apply every migration not yet applied, each in its own transaction."""
        self.conn.execute("BEGIN IMMEDIATE")  # two processes opening a new PostgreSQL database at once
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        self.conn.execute("COMMIT")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise ValueError(Errors.E022.format(path=self.path, found=current, known=SCHEMA_VERSION))
        for version, name, sql in MIGRATIONS:
            if version <= current:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            if self.schema_version() >= version:  # another process applied it while this one waited for the lock
                self.conn.execute("ROLLBACK")
                continue
            try:
                for statement in statements(version, sql, "postgresql" if self.postgres else "sqlite"):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now()))
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    # ------------------------------------------------------------------ writes
    def has_version(self, identity: str, content_hash: str) -> str | None:
        row = self.conn.execute("SELECT id FROM articles WHERE identity = ? AND content_hash = ?",
                                (identity, content_hash)).fetchone()
        return row[0] if row else None

    def write_article(self, art: Article, kb: KnowledgeBase, *, analyzer: str = "") -> bool:
        """Store one analysed article atomically.  Returns False when this exact version is already stored."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.has_version(art.identity, art.content_hash):
                self.conn.execute("ROLLBACK")
                return False
            prev = self.conn.execute("SELECT MAX(version) FROM articles WHERE identity = ?", (art.identity,)).fetchone()[0]
            art.version = (prev or 0) + 1
            if prev:
                self.conn.execute("UPDATE articles SET is_latest = 0 WHERE identity = ?", (art.identity,))
            self.conn.execute(
                """INSERT INTO articles (id, identity, version, is_latest, content_hash, external_id, url, site, title,
                   published, published_source, lang, text, source_path, metadata_json, analyzer, ingested_at)
                   VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (art.id, art.identity, art.version, art.content_hash, art.external_id, art.url, art.site, art.title,
                 art.published, art.published_source, art.lang, art.text, art.source_path,
                 json.dumps(art.metadata, ensure_ascii=False, default=str), analyzer, _now()))
            self._write_analysis(art, kb)
            self.conn.execute("COMMIT")
            return True
        except BaseException:
            self._rollback()
            raise

    def fingerprint_only(self, article_id: str) -> bool:
        """Whether the article was stored by the fast path (no parse, no claims)."""
        row = self.conn.execute("SELECT analyzer FROM articles WHERE id = ?", (article_id,)).fetchone()
        return bool(row and row[0] and FAST_ANALYZER in row[0])

    def upgrade_analysis(self, article_id: str, art: Article, kb: KnowledgeBase, *, analyzer: str) -> None:
        """Replace a fast-path record's analysis by a full one, in one transaction: same article id and version (its
        family membership stays), new claims, places and entities; its fingerprint is dropped, so `trace` takes it
        again from the full analysis."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            art.id = article_id
            art.version = self.conn.execute("SELECT version FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
            for table in ("claims", "place_mentions", "entity_mentions", "term_uses", "claimed_events",
                          "article_fingerprints"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            self._write_analysis(art, kb)
            self.conn.execute("UPDATE articles SET analyzer = ? WHERE id = ?", (analyzer, article_id))
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction, if one is open: a Ctrl-C that lands just after COMMIT has none to undo (and
        "cannot rollback - no transaction is active" must not replace the interrupt)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _ensure_kb(self, kb: KnowledgeBase, kb_id: str | None) -> None:
        if not kb_id:
            return
        if kb_id in kb.people:
            p = kb.people[kb_id]
            row = (kb_id, "person", p.name, p.side, None, p.role, p.affiliation, None)
        elif kb_id in kb.organizations:
            o = kb.organizations[kb_id]
            row = (kb_id, "organization", o.name, o.side, o.type, None, None, None)
        elif kb_id in kb.outlets:
            o = kb.outlets[kb_id]
            row = (kb_id, "outlet", o.name, o.side, o.type, None, None, o.country)
        else:
            row = (kb_id, "unknown", kb_id, None, None, None, None, None)
        self.conn.execute("INSERT INTO kb_entities VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", row)

    def _write_analysis(self, art: Article, kb: KnowledgeBase) -> None:
        for seq, c in enumerate(art.claims):
            sp = c.speaker
            if sp and sp.kb_id:
                self._ensure_kb(kb, sp.kb_id)
            cur = self.conn.execute(
                """INSERT INTO claims (article_id, seq, kind, text, char_start, char_end, sentence_start, sentence_end,
                   speaker_name, speaker_kb_id, speaker_text, speaker_start, speaker_end, speaker_descriptor, speaker_side,
                   speaker_kind, speaker_resolved_from, cue_text, cue_start, cue_end, relays, hedged, hedges_json, quotes_json)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                (art.id, seq, c.kind, c.text, c.start, c.end, c.sentence_start, c.sentence_end,
                 sp.name if sp else None, sp.kb_id if sp else None, sp.text if sp else None, sp.start if sp else None,
                 sp.end if sp else None, sp.descriptor if sp else None, sp.side if sp else None, sp.kind if sp else None,
                 sp.resolved_from if sp else None, c.cue.text if c.cue else None, c.cue.start if c.cue else None,
                 c.cue.end if c.cue else None, ", ".join(r.name for r in c.relays) or None, int(c.hedged),
                 json.dumps(c.hedges, ensure_ascii=False),
                 json.dumps([[q.text, q.start, q.end] for q in c.quotes], ensure_ascii=False)))
            claim_id = cur.fetchone()[0]
            for r in c.relays:
                self._ensure_kb(kb, r.kb_id)
                self.conn.execute("INSERT INTO claim_relays VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  (claim_id, r.name, r.kb_id, r.outlet_type, r.text, r.start, r.end))
            self.conn.executemany("INSERT INTO claim_handles VALUES (?, ?, ?, ?)",
                                  [(claim_id, art.id, kind, value) for kind, values in c.handles.items() for value in values])
        for p in art.places:
            place = kb.places.get(p.place_id)
            self.conn.execute("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                              (p.place_id, p.canonical, p.lat, p.lon, p.admin1, p.country, p.geonames_id,
                               place.population if place else None))
            self.conn.execute("INSERT INTO place_mentions (article_id, place_id, text, char_start, char_end, variant) VALUES (?, ?, ?, ?, ?, ?)",
                              (art.id, p.place_id, p.text, p.start, p.end, p.variant))
        for e in art.entities:
            self._ensure_kb(kb, e.kb_id)
            self.conn.execute("INSERT INTO entity_mentions (article_id, type, text, char_start, char_end, canonical, kb_id, side) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (art.id, e.type, e.text, e.start, e.end, e.canonical, e.kb_id, e.side))
        self.conn.executemany(
            "INSERT INTO term_uses (article_id, term, concept, side, text, char_start, char_end, voice, speaker, counterpart) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(art.id, t.term, t.concept, t.side, t.text, t.start, t.end, t.voice, t.speaker, t.counterpart) for t in art.terms])
        for e in art.events:
            event_id = self.conn.execute(
                "INSERT INTO claimed_events (article_id, claim_seq, type, acled_type, text, char_start, char_end, speaker, "
                "speaker_side, actor_side, controller, event_date, numbers_json, denied) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (art.id, e.claim, e.type, e.acled_type, e.text, e.start, e.end, e.speaker, e.speaker_side, e.actor_side,
                 e.controller, e.date, json.dumps(e.numbers, ensure_ascii=False), int(e.denied))).fetchone()[0]
            self.conn.executemany("INSERT INTO event_places (event_id, place_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                  [(event_id, place_id) for place_id in e.places])

    # ------------------------------------------------------------------ reads
    def last_fetch(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the latest visit to `url` that stored or confirmed a page."""
        row = self.conn.execute("SELECT etag, last_modified FROM fetches WHERE url = ? AND outcome IN ('stored', 'unchanged', 'source') "
                                "ORDER BY id DESC LIMIT 1", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def fetched_before(self, url: str) -> bool:
        """Whether a visit to `url` already gave a page (stored, unchanged, or not a page at all); failed and
        skipped visits do not count, so the next round tries again."""
        return self.conn.execute("SELECT 1 FROM fetches WHERE url = ? AND outcome IN ('stored', 'unchanged', 'not_html') "
                                 "LIMIT 1", (url,)).fetchone() is not None

    def record_fetch(self, *, url: str, fetched_at: str, final_url: str | None, status: int | None, outcome: str,
                     detail: str | None = None, etag: str | None = None, last_modified: str | None = None,
                     content_sha256: str | None = None, evidence: str | None = None, article_id: str | None = None) -> None:
        """One visit, in its own transaction (the article it gave, if any, is already written)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(
                "INSERT INTO fetches (url, fetched_at, final_url, status, outcome, detail, etag, last_modified, "
                "content_sha256, evidence, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (url, fetched_at, final_url, status, outcome, detail, etag, last_modified, content_sha256, evidence, article_id))
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def resolve_id(self, ident: str) -> str | None:
        """An article id from an id, an id prefix, an external id or a URL."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE id = ? OR external_id = ? OR url = ? ORDER BY is_latest DESC, version DESC LIMIT 1",
            (ident, ident, ident)).fetchone()
        if row:
            return row[0]
        prefix = ident.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.conn.execute("SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (prefix,)).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def other_with_external_id(self, external_id: str, identity: str) -> str | None:
        """The id of a stored article (latest version) that carries `external_id` but is another article."""
        # `+is_latest`: looked up by external id (indexed); without the unary plus SQLite's planner walks the
        # is_latest index instead, every latest article for every article written (quadratic at 100k articles)
        row = self.conn.execute("SELECT id FROM articles WHERE external_id = ? AND identity != ? AND +is_latest = 1 LIMIT 1",
                                (external_id, identity)).fetchone()
        return row[0] if row else None

    def ids_named(self, ident: str) -> list[str]:
        """Every distinct article (its latest version) an external id or URL names: more than one when two inputs
        gave one id to different texts."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE (external_id = ? OR url = ?) AND is_latest = 1 ORDER BY ingested_at, id",
            (ident, ident))]

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article_from_row(row) if row else None

    def articles(self, *, latest_only: bool = True) -> Iterator[Article]:
        sql = "SELECT * FROM articles" + (" WHERE is_latest = 1" if latest_only else "") + " ORDER BY published, id"
        for row in self.conn.execute(sql).fetchall():
            yield self._article_from_row(row)

    def count(self, table: str) -> int:
        if table not in ("articles", "claims", "place_mentions", "entity_mentions", "claim_relays", "claim_handles"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def _article_from_row(self, row) -> Article:
        art = Article(
            id=row["id"], text=row["text"], url=row["url"], external_id=row["external_id"], site=row["site"],
            title=row["title"], published=row["published"], published_source=row["published_source"], lang=row["lang"],
            identity=row["identity"], content_hash=row["content_hash"], source_path=row["source_path"],
            metadata=json.loads(row["metadata_json"] or "{}"), version=row["version"],
        )
        claims = self.conn.execute("SELECT * FROM claims WHERE article_id = ? ORDER BY seq", (art.id,)).fetchall()
        # the handles of every claim in one read by article (indexed); by claim there is no index: a scan of the
        # whole table for every claim read, quadratic on a big corpus
        handles_of: dict[int, dict[str, list[str]]] = {}
        for h in self.conn.execute("SELECT claim_id, kind, value FROM claim_handles WHERE article_id = ? ORDER BY rowid",
                                   (art.id,)):
            handles_of.setdefault(h["claim_id"], {}).setdefault(h["kind"], []).append(h["value"])
        for c in claims:
            speaker = None
            if c["speaker_text"] is not None:
                speaker = Speaker(text=c["speaker_text"], start=c["speaker_start"], end=c["speaker_end"],
                                  canonical=self._kb_name(c["speaker_kb_id"]), kb_id=c["speaker_kb_id"],
                                  name=c["speaker_name"], descriptor=c["speaker_descriptor"],
                                  side=c["speaker_side"] or "unknown", kind=c["speaker_kind"] or "unknown",
                                  resolved_from=c["speaker_resolved_from"])
            relays = [Relay(r["outlet_name"], r["text"], r["char_start"], r["char_end"], r["outlet_kb_id"], r["outlet_type"])
                      for r in self.conn.execute("SELECT * FROM claim_relays WHERE claim_id = ?", (c["id"],))]
            handles = handles_of.get(c["id"], {})
            art.claims.append(Claim(
                kind=c["kind"], text=c["text"], start=c["char_start"], end=c["char_end"], speaker=speaker,
                cue=Span(c["cue_text"], c["cue_start"], c["cue_end"]) if c["cue_text"] is not None else None,
                relays=relays, hedges=json.loads(c["hedges_json"]), sentence_start=c["sentence_start"],
                sentence_end=c["sentence_end"], quotes=[Span(*q) for q in json.loads(c["quotes_json"])], handles=handles,
            ))
        for p in self.conn.execute(
                "SELECT m.*, p.name, p.lat, p.lon, p.admin1, p.country, p.geonames_id FROM place_mentions m "
                "JOIN places p USING (place_id) WHERE m.article_id = ? ORDER BY m.char_start", (art.id,)):
            art.places.append(PlaceMention(p["text"], p["char_start"], p["char_end"], p["name"], p["place_id"], p["variant"],
                                           p["lat"], p["lon"], p["admin1"], p["country"], p["geonames_id"]))
        for e in self.conn.execute("SELECT * FROM entity_mentions WHERE article_id = ? ORDER BY char_start", (art.id,)):
            art.entities.append(EntityMention(e["text"], e["char_start"], e["char_end"], e["type"], e["canonical"], e["kb_id"],
                                              e["side"] or "unknown"))
        if self._has_terms is None:  # a database of an older schema opened read-only has no term_uses yet
            self._has_terms = has_table(self.conn, "term_uses")
        for t in self.conn.execute("SELECT * FROM term_uses WHERE article_id = ? ORDER BY char_start, id",
                                   (art.id,)) if self._has_terms else ():
            art.terms.append(TermUse(t["term"], t["concept"], t["side"], t["text"], t["char_start"], t["char_end"],
                                     t["voice"], t["speaker"], t["counterpart"]))
        if self._has_events is None:  # nor claimed_events
            self._has_events = has_table(self.conn, "claimed_events")
        if self._has_events:
            places_of: dict[int, list[str]] = {}
            for p in self.conn.execute("SELECT ep.event_id, ep.place_id FROM event_places ep JOIN claimed_events e "
                                       "ON e.id = ep.event_id WHERE e.article_id = ? ORDER BY ep.place_id", (art.id,)):
                places_of.setdefault(p["event_id"], []).append(p["place_id"])
            for e in self.conn.execute("SELECT * FROM claimed_events WHERE article_id = ? ORDER BY id", (art.id,)):
                art.events.append(ClaimedEvent(
                    e["type"], e["acled_type"], e["text"], e["char_start"], e["char_end"], e["claim_seq"], e["speaker"],
                    e["speaker_side"], e["actor_side"], e["controller"], places_of.get(e["id"], []), e["event_date"],
                    json.loads(e["numbers_json"] or "[]"), bool(e["denied"])))
        return art

    def _kb_name(self, kb_id: str | None) -> str | None:
        if not kb_id:
            return None
        row = self.conn.execute("SELECT name FROM kb_entities WHERE kb_id = ?", (kb_id,)).fetchone()
        return row[0] if row else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
