"""The store, on both backends (SQLite and PostgreSQL): schema, idempotent writes, versions, atomic articles,
full-text search."""

import pytest

from wiretrace.ingest import RawArticle, prepare
from wiretrace.store import SCHEMA_VERSION, Store, pages
from wiretrace.store.backends import database_errors, has_table

TEXT = "Igor Kimakovsky told TASS that Ukrainian units had left Konstantinovka. Fighting continued near the town."


@pytest.fixture()
def stored(db, analyzer):
    def make(text=TEXT, url="https://rewrites.test/2025/11/24/story"):
        return analyzer.analyze_one(prepare(RawArticle(text=text, source="t", url=url)))

    return db, make


def test_schema_is_migrated_with_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "w.db") as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_postgres_schema_is_migrated_once_with_every_table(postgres_db):
    with Store(postgres_db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        for table in ("articles", "claims", "families", "fetches", "summaries", "ledger", "family_overview"):
            assert has_table(s.conn, table), table
    with Store(postgres_db) as s:  # opening again applies nothing twice
        assert [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == \
            list(range(1, SCHEMA_VERSION + 1))


def test_same_article_twice_changes_nothing(stored, analyzer):
    db, make = stored
    with Store(db) as s:
        assert s.write_article(make(), analyzer.kb) is True
        counts = [s.count(t) for t in ("articles", "claims", "place_mentions")]
        assert s.write_article(make(), analyzer.kb) is False
        assert [s.count(t) for t in ("articles", "claims", "place_mentions")] == counts


def test_changed_text_under_same_url_is_a_new_version(stored, analyzer):
    db, make = stored
    with Store(db) as s:
        s.write_article(make(), analyzer.kb)
        second = make(TEXT.replace("Fighting continued", "Shelling resumed"))
        s.write_article(second, analyzer.kb)
        rows = s.conn.execute("SELECT version, is_latest FROM articles ORDER BY version").fetchall()
        assert [tuple(r) for r in rows] == [(1, 0), (2, 1)]
        assert [a.id for a in s.articles()] == [second.id]


def test_failed_write_leaves_nothing_partial(stored, analyzer):
    db, make = stored
    art = make()
    art.places[0].place_id = None  # violates NOT NULL after claims are already inserted
    with Store(db) as s:
        with pytest.raises(database_errors()):
            s.write_article(art, analyzer.kb)
        assert s.count("articles") == 0 and s.count("claims") == 0 and s.count("claim_handles") == 0


def test_round_trip_and_full_text_search(stored, analyzer):
    db, make = stored
    art = make()
    with Store(db) as s:
        s.write_article(art, analyzer.kb)
        back = s.article(art.id)
        assert back.to_dict()["claims"] == art.to_dict()["claims"]
        assert back.to_dict()["places"] == art.to_dict()["places"]
        found = pages.search(s.conn, q="kimakovsky", site="", speaker="", side="", lang="", since="", until="", page=1)
        assert [r["id"] for r in found["results"]] == [art.id]
        assert pages.search(s.conn, q="Kimakovsky Bakhmut", site="", speaker="", side="", lang="", since="", until="",
                            page=1)["total"] == 0
        assert s.resolve_id(art.id[:6]) == art.id
        row = s.conn.execute("SELECT speaker_name, relays FROM ledger WHERE kind != 'unattributed'").fetchone()
        assert tuple(row) == ("Igor Kimakovsky", "TASS")


def test_readonly_store_refuses_writes(stored, analyzer):
    db, make = stored
    Store(db).close()
    with Store(db, readonly=True) as s, pytest.raises(database_errors()):
        s.write_article(make(), analyzer.kb)
