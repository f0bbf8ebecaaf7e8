"""The schema, as numbered migrations.  The file is the product's interface: names are for people.

Each migration runs once, in order, inside a transaction; `schema_migrations`
records which ran.  Add a migration; never edit one that has shipped.

The migrations are written for SQLite and run on PostgreSQL as well (`statements()`): there the column types
are translated (store.backends), SQLite's full-text tables and their triggers are left out, and POSTGRES_ONLY
adds what stands in for them (an expression GIN index over `to_tsvector('simple', ...)`, which serves every
language, and the `rowid` columns that SQLite gives every table and some queries order by).
"""

from __future__ import annotations

import re
import sqlite3

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", """
CREATE TABLE articles (
    id               TEXT PRIMARY KEY,            -- short hash of identity + content
    identity         TEXT NOT NULL,               -- normalised URL, or sha256:<text hash> when there is no URL
    version          INTEGER NOT NULL DEFAULT 1,  -- 2, 3 ... when the text under one URL changed
    is_latest        INTEGER NOT NULL DEFAULT 1,
    content_hash     TEXT NOT NULL,
    external_id      TEXT,                        -- the input's own id field
    url              TEXT,
    site             TEXT,
    title            TEXT,
    published        TEXT,                        -- ISO 8601
    published_source TEXT,                        -- field / html / url / dateline
    lang             TEXT,
    text             TEXT NOT NULL,
    source_path      TEXT,
    metadata_json    TEXT NOT NULL DEFAULT '{}',
    analyzer         TEXT,
    ingested_at      TEXT NOT NULL,
    UNIQUE (identity, content_hash)
);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_identity ON articles(identity);

CREATE TABLE kb_entities (
    kb_id        TEXT PRIMARY KEY,                -- person:marochko, org:kremlin, outlet:tass
    kind         TEXT NOT NULL,                   -- person / organization / outlet
    name         TEXT NOT NULL,
    side         TEXT,                            -- russia / ukraine / other / unknown
    type         TEXT,                            -- outlets: state_media / wire / independent / unknown
    role         TEXT,
    affiliation  TEXT,
    country      TEXT
);

CREATE TABLE places (
    place_id     TEXT PRIMARY KEY,                -- geonames:705104, region:donbas
    name         TEXT NOT NULL,                   -- Ukrainian official romanisation for Ukrainian places
    lat          REAL,
    lon          REAL,
    admin1       TEXT,
    country      TEXT,
    geonames_id  INTEGER,
    population   INTEGER
);

CREATE TABLE claims (
    id                    INTEGER PRIMARY KEY,
    article_id            TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq                   INTEGER NOT NULL,        -- order in the article
    kind                  TEXT NOT NULL,           -- direct / indirect / mixed / according_to / unattributed
    text                  TEXT NOT NULL,           -- what is claimed
    char_start            INTEGER NOT NULL,
    char_end              INTEGER NOT NULL,
    sentence_start        INTEGER,
    sentence_end          INTEGER,
    speaker_name          TEXT,                    -- canonical name, or the name as written when unlinked
    speaker_kb_id         TEXT REFERENCES kb_entities(kb_id),
    speaker_text          TEXT,
    speaker_start         INTEGER,
    speaker_end           INTEGER,
    speaker_descriptor    TEXT,
    speaker_side          TEXT,
    speaker_kind          TEXT,
    speaker_resolved_from TEXT,                    -- pronoun / possessive / surname
    cue_text              TEXT,
    cue_start             INTEGER,
    cue_end               INTEGER,
    relays                TEXT,                    -- outlet names, comma-separated (see claim_relays)
    hedged                INTEGER NOT NULL DEFAULT 0,
    hedges_json           TEXT NOT NULL DEFAULT '[]',
    quotes_json           TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_speaker ON claims(speaker_kb_id);
CREATE INDEX claims_speaker_name ON claims(speaker_name);

CREATE TABLE claim_relays (
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    outlet_name   TEXT NOT NULL,
    outlet_kb_id  TEXT REFERENCES kb_entities(kb_id),
    outlet_type   TEXT,
    text          TEXT,
    char_start    INTEGER,
    char_end      INTEGER
);
CREATE INDEX claim_relays_claim ON claim_relays(claim_id);
CREATE INDEX claim_relays_outlet ON claim_relays(outlet_kb_id);

-- Language-independent keys of each claim, for linking rewrites to origins across languages.
CREATE TABLE claim_handles (
    claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,                     -- speaker / places / entities / dates / numbers / quotes
    value       TEXT NOT NULL
);
CREATE INDEX claim_handles_value ON claim_handles(kind, value);
CREATE INDEX claim_handles_article ON claim_handles(article_id);

CREATE TABLE place_mentions (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id    TEXT NOT NULL REFERENCES places(place_id),
    text        TEXT NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    variant     TEXT NOT NULL                      -- ru / uk / en / other: whose spelling the article used
);
CREATE INDEX place_mentions_article ON place_mentions(article_id);
CREATE INDEX place_mentions_place ON place_mentions(place_id);

CREATE TABLE entity_mentions (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type        TEXT NOT NULL,                     -- PERSON / ORG / OUTLET
    text        TEXT NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    canonical   TEXT,
    kb_id       TEXT REFERENCES kb_entities(kb_id),
    side        TEXT
);
CREATE INDEX entity_mentions_article ON entity_mentions(article_id);
CREATE INDEX entity_mentions_kb ON entity_mentions(kb_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- One row per claim with its article's metadata: the view most analyses start from.
CREATE VIEW ledger AS
SELECT c.id AS claim_id, a.id AS article_id, a.site, a.published, a.lang, a.title,
       c.seq, c.kind, c.speaker_name, c.speaker_side, c.speaker_descriptor, c.relays, c.cue_text,
       c.hedged, c.text AS claim
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE a.is_latest = 1;
"""),    (2, "trace: fingerprints, families, members, rewrite changes, signals", """
-- What linking knows of each article (see wiretrace.link.fingerprints); computed once per article version.
CREATE TABLE article_fingerprints (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data_json   TEXT NOT NULL,
    minhash     BLOB
);

-- One story family = one origin report and everything derived from it.
CREATE TABLE families (
    id                  TEXT PRIMARY KEY,                -- fam-<id of the founding article>
    origin_article_id   TEXT REFERENCES articles(id) ON DELETE SET NULL,  -- NULL when the origin is not in the corpus
    origin_url          TEXT,
    origin_outlet       TEXT,                            -- outlet name; the cited outlet when not in corpus
    origin_outlet_type  TEXT,                            -- state_media / wire / independent / unknown
    origin_published    TEXT,
    origin_in_corpus    INTEGER NOT NULL,
    earliest_member     TEXT,
    lead_speaker        TEXT,                            -- kb id of the speaker most members lead with
    languages           TEXT,                            -- comma-separated
    size                INTEGER NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX families_origin_outlet ON families(origin_outlet);

CREATE TABLE family_members (
    article_id      TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    family_id       TEXT NOT NULL REFERENCES families(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,                       -- origin / copy / rewrite / translation / independent_report
    parent_id       TEXT,                                -- the member it follows most closely
    lag_hours       REAL,                                -- hours after the origin (or the earliest member)
    probability     REAL,                                -- pair probability to the member it joined through
    via             TEXT,                                -- that member
    spliced         INTEGER NOT NULL DEFAULT 0,          -- draws on other families too (see secondary_json)
    evidence_json   TEXT NOT NULL DEFAULT '[]',
    secondary_json  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX family_members_family ON family_members(family_id);

-- What each member changed against its origin (or its family): one row per finding, with both spans.
CREATE TABLE rewrite_changes (
    id                 INTEGER PRIMARY KEY,
    article_id         TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    family_id          TEXT NOT NULL,
    kind               TEXT NOT NULL,                    -- added_sentence / fabricated_quote / number / date / actor / place / transliteration
    member_text        TEXT,
    member_start       INTEGER,
    member_end         INTEGER,
    origin_article_id  TEXT,
    origin_text        TEXT,
    origin_start       INTEGER,
    origin_end         INTEGER,
    detail             TEXT
);
CREATE INDEX rewrite_changes_article ON rewrite_changes(article_id);
CREATE INDEX rewrite_changes_kind ON rewrite_changes(kind);

CREATE TABLE member_diffs (
    article_id      TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    family_id       TEXT NOT NULL,
    against         TEXT,                                -- origin article id, 'family', or NULL
    supported       INTEGER NOT NULL,
    added           INTEGER NOT NULL,
    unverified      INTEGER NOT NULL,
    sentences_json  TEXT NOT NULL
);

-- Rewrite signals per article.
CREATE TABLE article_signals (
    article_id                     TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    family_id                      TEXT,
    mixed_script_words             TEXT NOT NULL DEFAULT '[]',  -- JSON list
    one_sentence_paragraph_share   REAL,
    boilerplate_paragraphs         INTEGER NOT NULL DEFAULT 0,   -- paragraphs also found in unrelated families
    name_variants                  TEXT NOT NULL DEFAULT '{}',   -- JSON: kb id -> spellings seen in the family
    date_drift_days                REAL,                         -- days between a date it names and the origin's
    added_sentences                INTEGER,
    fabricated_quotes              INTEGER
);

CREATE VIEW family_overview AS
SELECT f.id AS family_id, f.origin_outlet, f.origin_in_corpus, f.origin_published, f.lead_speaker, f.languages, f.size,
       m.article_id, a.site, a.url, a.published, a.lang, m.role, m.parent_id, m.lag_hours, m.probability
FROM families f JOIN family_members m ON m.family_id = f.id JOIN articles a ON a.id = m.article_id;
"""),    (3, "optional lead embeddings for trace", """
ALTER TABLE article_fingerprints ADD COLUMN embedding BLOB;  -- float16 multilingual-e5-small vector, when the extra is installed
"""),    (4, "explorer: covering indexes for its pages and aggregates", """
CREATE INDEX articles_external_id ON articles(external_id);
-- joins from claims, mentions and members to their article's date, site and language, without reading the text
CREATE INDEX articles_explore ON articles(id, is_latest, published, site, lang);
CREATE INDEX articles_latest_site ON articles(is_latest, site, published, id);
CREATE INDEX articles_latest_published ON articles(is_latest, published);
CREATE INDEX place_mentions_place_cover ON place_mentions(place_id, article_id, char_start, variant, text);
CREATE INDEX claims_speaker_cover ON claims(speaker_kb_id, article_id, speaker_text, relays);
CREATE INDEX claims_speaker_name_cover ON claims(speaker_name, article_id, speaker_kb_id);
CREATE INDEX family_members_family_cover ON family_members(family_id, article_id, lag_hours, role);
CREATE INDEX family_members_article_cover ON family_members(article_id, family_id, lag_hours, role);
CREATE INDEX rewrite_changes_family ON rewrite_changes(family_id, article_id, kind);
-- search finds a place under every spelling the corpus used for it (Kiev, Kyiv, Киев)
CREATE INDEX place_mentions_text ON place_mentions(text COLLATE NOCASE, place_id);
"""),    (5, "summaries: whole-corpus aggregates written by trace, read by the explorer", """
-- Each summary holds the database state it was computed for (wiretrace.store.summaries.state); a reader
-- that finds another state computes the figures itself.
CREATE TABLE summaries (
    name         TEXT PRIMARY KEY,                  -- overview / site_network
    state        TEXT NOT NULL,
    data_json    TEXT,
    computed_at  TEXT NOT NULL
);
-- The co-publication network (wiretrace.link.sites) as tables: one profile per site, and each link stored
-- in both directions so that a site's neighbours are one indexed read.
CREATE TABLE site_profiles (
    site       TEXT PRIMARY KEY,
    data_json  TEXT NOT NULL
);
CREATE TABLE site_links (
    site              TEXT NOT NULL,
    other             TEXT NOT NULL,
    shared_families   INTEGER NOT NULL,
    median_lag_hours  REAL,
    PRIMARY KEY (site, other)
) WITHOUT ROWID;
"""),
    (6, "fetches: every page `wiretrace fetch` asked for, with the evidence it kept", """
CREATE TABLE fetches (
    id             INTEGER PRIMARY KEY,            -- one per visit, in the order they were made
    url            TEXT NOT NULL,                  -- as asked for
    fetched_at     TEXT NOT NULL,                  -- ISO 8601, UTC
    final_url      TEXT,                           -- after redirects
    status         INTEGER,                        -- HTTP status; NULL when nothing came back
    outcome        TEXT NOT NULL,                  -- stored / unchanged (304 or same text) / skipped (robots.txt) / failed / not_html /
                                                   -- source (a feed, sitemap or home page `watch` read for links)
    detail         TEXT,                           -- why it failed or was skipped
    etag           TEXT,                           -- for the next visit's If-None-Match
    last_modified  TEXT,                           -- for the next visit's If-Modified-Since
    content_sha256 TEXT,                           -- of the raw bytes kept
    evidence       TEXT,                           -- where they are: a file, or WARC-FILE#record-id
    article_id     TEXT REFERENCES articles(id)    -- the article read from it
);
CREATE INDEX fetches_url ON fetches(url, id);
CREATE INDEX fetches_article ON fetches(article_id);
"""),
    (7, "framing: the side-coded terms each article uses, and in whose voice", """
-- One row per use of a term of the terminology lexicon (wiretrace.analyze.framing; knowledge/data/terms.jsonl).
CREATE TABLE term_uses (
    id           INTEGER PRIMARY KEY,
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    term         TEXT NOT NULL,                  -- the lexicon entry, e.g. en-regime-russia
    concept      TEXT NOT NULL,                  -- war_name / regime / nazi / fighters / control / territory / preposition / maidan
    side         TEXT NOT NULL,                  -- whose word it is: russia / ukraine
    text         TEXT NOT NULL,                  -- as written
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    voice        TEXT NOT NULL,                  -- own_voice / attributed / quote
    speaker      TEXT,                           -- the attributed claim's speaker
    counterpart  TEXT                            -- what the other side calls it
);
CREATE INDEX term_uses_article ON term_uses(article_id);
CREATE INDEX term_uses_term ON term_uses(concept, side, voice);
"""),
    (8, "claimed events: what each claim says happened, where and when, and who holds a place", """
-- One row per event a claim reports (wiretrace.analyze.events; knowledge/data/events.jsonl).
CREATE TABLE claimed_events (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_seq     INTEGER NOT NULL,               -- the claim it comes from (claims.seq of the article)
    type          TEXT NOT NULL,                  -- territory_captured / territory_liberated / control_held / withdrawal / advance / ...
    acled_type    TEXT,                           -- the CASE 2021 / ACLED type of its sentence (model), if typed
    text          TEXT NOT NULL,                  -- the trigger words, as written
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    speaker       TEXT,                           -- who claims it (the claim's speaker; NULL: the article's own voice)
    speaker_side  TEXT,
    actor_side    TEXT,                           -- the side of the force said to act
    controller    TEXT,                           -- control events: the side said to hold the place afterwards
    event_date    TEXT,                           -- the date the claim gives for it (ISO), not the publication date
    numbers_json  TEXT NOT NULL DEFAULT '[]',     -- its figures ("150 soldiers")
    denied        INTEGER NOT NULL DEFAULT 0      -- the claim denies it
);
CREATE INDEX claimed_events_article ON claimed_events(article_id);
CREATE INDEX claimed_events_type ON claimed_events(type, controller);
-- The places a claimed event names (GeoNames-based ids of the places table).
CREATE TABLE event_places (
    event_id  INTEGER NOT NULL REFERENCES claimed_events(id) ON DELETE CASCADE,
    place_id  TEXT NOT NULL,
    PRIMARY KEY (event_id, place_id)
);
CREATE INDEX event_places_place ON event_places(place_id);
"""),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]

# What SQLite has without asking, or does with FTS5, as PostgreSQL statements; run after the migration's own.
FTS_DOCUMENT = "to_tsvector('simple', COALESCE({a}title, '') || ' ' || {a}text)"
POSTGRES_ONLY: dict[int, list[str]] = {
    1: [
        "ALTER TABLE articles ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY",
        "CREATE UNIQUE INDEX articles_rowid ON articles(rowid)",
        "ALTER TABLE claim_handles ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY",
        f"CREATE INDEX articles_fts ON articles USING GIN ({FTS_DOCUMENT.format(a='')})",
    ],
}
SQLITE_ONLY = ("CREATE VIRTUAL TABLE", "CREATE TRIGGER articles_fts")


def statements(version: int, script: str, dialect: str) -> list[str]:
    """The statements of migration `version` for a backend ("sqlite" or "postgresql")."""
    out = _split_sql(script)
    if dialect == "postgresql":
        from .backends import postgres_sql

        out = [_byte_order(postgres_sql(s)) for s in out if not s.lstrip().startswith(SQLITE_ONLY)]
        out += POSTGRES_ONLY.get(version, [])
    return out


def _byte_order(statement: str) -> str:
    """Text columns compared and sorted byte by byte, as SQLite does, whatever the database's locale."""
    if re.match(r"\s*(--[^\n]*\n\s*)*(CREATE TABLE|ALTER TABLE)", statement):
        return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement)
    return statement


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script; trigger bodies keep their inner semicolons."""
    out, buf = [], []
    for line in script.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out
