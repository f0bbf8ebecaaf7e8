"""`analyze --workers N`: the same database as one process, on the bundled (synthetic) corpus."""

import sqlite3

from tests.conftest import CORPUS
from wiretrace.jobs import analyze_paths

TABLES = ("articles", "claims", "claim_relays", "claim_handles", "place_mentions", "entity_mentions",
          "article_fingerprints")


def _rows(db) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in ("ingested_at",)]
        out[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    conn.close()
    return out


def test_two_workers_store_exactly_what_one_process_stores(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = analyze_paths([str(CORPUS)], db=str(one), workers=1)
    order: list[str] = []
    r2 = analyze_paths([str(CORPUS)], db=str(two), workers=2, on_article=lambda art, fresh: order.append(art.id))
    assert r1.analysed == r2.analysed > 20 and r2.failed == r1.failed == 0
    rows1, rows2 = _rows(one), _rows(two)
    assert rows1["claims"] and rows1 == rows2
    # articles come back in input order
    conn = sqlite3.connect(one)
    expected = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY ingested_at, rowid")]
    assert order == expected
    # a second run with workers finds everything unchanged
    again = analyze_paths([str(CORPUS)], db=str(two), workers=2)
    assert again.analysed == 0 and again.unchanged == r2.analysed
