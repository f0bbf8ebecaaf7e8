"""Whole-corpus summaries: computed once by `trace`, read by the explorer while they are fresh.

The explorer's overview and site pages aggregate over every article, claim and family; on a 100k-article
corpus that is seconds per request.  `trace` is the batch step that already walks the corpus, so it stores the
results here with the database state they describe.  `state()` is cheap (an index lookup and a scan of the
small families table); a reader whose state differs (articles analysed since, or no trace yet) ignores the
summary and computes the figures itself.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from .backends import has_table


def state(conn) -> str:
    """What the summaries depend on: the newest article row, and the families' count and last update."""
    newest = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0]
    fams = conn.execute("SELECT COUNT(*), COALESCE(MAX(updated_at), '') FROM families").fetchone() \
        if has_table(conn, "families") else (0, "")
    return f"{newest}:{fams[0]}:{fams[1]}"


def read(conn, name: str) -> dict | None:
    """The summary `name` when it describes the database as it is now; else None."""
    if not has_table(conn, "summaries"):
        return None
    row = conn.execute("SELECT state, data_json FROM summaries WHERE name = ?", (name,)).fetchone()
    if row is None or row[0] != state(conn):
        return None
    return json.loads(row[1]) if row[1] else {}


def fresh(conn, name: str) -> bool:
    return read(conn, name) is not None


def write(conn, name: str, data: dict | None) -> None:
    """Store a summary for the current state (the caller holds the transaction)."""
    conn.execute("INSERT INTO summaries (name, state, data_json, computed_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) "
                 "DO UPDATE SET state = excluded.state, data_json = excluded.data_json, computed_at = excluded.computed_at",
                 (name, state(conn), json.dumps(data, ensure_ascii=False, default=str) if data is not None else None,
                  datetime.now(timezone.utc).isoformat(timespec="seconds")))


def write_site_network(conn) -> int:
    """Profiles and links of every site (wiretrace.link.sites over every family member); returns the sites."""
    from ..link.sites import graph, profiles
    from .trace import member_rows

    rows = member_rows(conn)
    g = graph(rows)
    profs = profiles(rows)
    conn.execute("DELETE FROM site_profiles")
    conn.execute("DELETE FROM site_links")
    conn.executemany("INSERT INTO site_profiles (site, data_json) VALUES (?, ?)",
                     [(p.site, json.dumps({**p.to_dict(), "neighbours": g.degree(p.site) if p.site in g else 0}))
                      for p in profs])
    conn.executemany("INSERT INTO site_links (site, other, shared_families, median_lag_hours) VALUES (?, ?, ?, ?)",
                     [(x, y, d["weight"], d.get("median_lag_hours"))
                      for a, b, d in g.edges(data=True) for x, y in ((a, b), (b, a))])
    write(conn, "site_network", {"sites": len(profs), "links": g.number_of_edges()})
    return len(profs)


def refresh(conn, overview: dict) -> None:
    """Rewrite every summary for the database as it is now, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        write_site_network(conn)
        write(conn, "overview", overview)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
