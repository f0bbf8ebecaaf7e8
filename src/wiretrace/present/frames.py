"""The main tables as pandas DataFrames, for notebooks: `wiretrace.load("wiretrace.db")`.

The database is opened read-only; every frame is one SQL query on the plain
SQLite file, so what a notebook sees is what Datasette or the CLI sees.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..store.sqlite import connect_readonly

QUERIES = {
    "articles": "SELECT id, external_id, url, site, title, published, lang, version, analyzer FROM articles WHERE is_latest = 1",
    "claims": "SELECT * FROM ledger",
    "places": "SELECT m.article_id, m.place_id, p.name AS place, m.text, m.variant, p.lat, p.lon, p.admin1, p.country "
              "FROM place_mentions m JOIN places p USING (place_id)",
    "families": "SELECT * FROM families",
    "members": "SELECT * FROM family_overview",
    "changes": "SELECT * FROM rewrite_changes",
    "signals": "SELECT * FROM article_signals",
}


def load(db_path: str | Path) -> dict[str, pd.DataFrame]:
    """DataFrames of articles, claims (the ledger), places, families, members, changes and signals."""
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"no wiretrace database at {path}")
    conn = connect_readonly(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        out = {}
        for name, sql in QUERIES.items():
            needed = {"families": "families", "members": "family_overview", "changes": "rewrite_changes",
                      "signals": "article_signals"}.get(name)
            if needed and needed not in tables:
                out[name] = pd.DataFrame()
                continue
            out[name] = pd.read_sql_query(sql, conn)
        for frame in out.values():
            for col in ("published", "origin_published"):
                if col in frame:
                    frame[col] = pd.to_datetime(frame[col], errors="coerce", utc=True, format="ISO8601")
        return out
    finally:
        conn.close()
