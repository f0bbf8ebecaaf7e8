"""Reading and writing what trace computes: fingerprints, families, member diffs, changes, signals.

Each family is written in one transaction, so an interrupted trace leaves every
family either as it was or fully updated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone

from ..link.diff import MemberDiff
from ..link.families import Assignment, Family
from ..link.fingerprints import Fingerprint
from .database import Store


FAMILY_COLUMNS = ("id", "origin_article_id", "origin_url", "origin_outlet", "origin_outlet_type", "origin_published",
                  "origin_in_corpus", "earliest_member", "lead_speaker", "languages", "size", "updated_at")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def unfingerprinted(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_fingerprints f ON f.article_id = a.id "
        "WHERE a.is_latest = 1 AND f.article_id IS NULL ORDER BY a.published, a.id")]


def write_fingerprints(store: Store, fps: Iterable[Fingerprint]) -> None:
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        store.conn.executemany(
            "INSERT INTO article_fingerprints (article_id, data_json, minhash, embedding) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET data_json = excluded.data_json, minhash = excluded.minhash, "
            "embedding = excluded.embedding",
            [(fp.article_id, json.dumps(fp.to_json(), ensure_ascii=False),
              fp.minhash.tobytes() if fp.minhash is not None else None,
              fp.embedding.tobytes() if fp.embedding is not None else None) for fp in fps])
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise


def load_fingerprints(store: Store, ids: Iterable[str] | None = None) -> dict[str, Fingerprint]:
    if ids is None:
        rows = store.conn.execute(
            "SELECT f.article_id, f.data_json, f.minhash, f.embedding FROM article_fingerprints f JOIN articles a ON a.id = f.article_id "
            "WHERE a.is_latest = 1")
    else:
        ids = list(ids)
        rows = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows += store.conn.execute(
                f"SELECT article_id, data_json, minhash, embedding FROM article_fingerprints WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
    return {r[0]: Fingerprint.from_json(json.loads(r[1]), r[2], r[3]) for r in rows}


def outdated_fingerprints(store: Store, version: int) -> int:
    """How many stored fingerprints were computed by another fingerprint version."""
    return store.conn.execute("SELECT COUNT(*) FROM article_fingerprints "
                              "WHERE CAST(json_extract(data_json, '$.version') AS TEXT) IS NOT ?", (str(version),)).fetchone()[0]


def drop_stale_members(store: Store) -> set[str]:
    """Remove superseded article versions from their families; return the families touched."""
    rows = store.conn.execute(
        "SELECT m.article_id, m.family_id FROM family_members m JOIN articles a ON a.id = m.article_id WHERE a.is_latest = 0").fetchall()
    if rows:
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.executemany("DELETE FROM family_members WHERE article_id = ?", [(r[0],) for r in rows])
        store.conn.execute("COMMIT")
    return {r[1] for r in rows}


def release_members(store: Store, article_ids: list[str]) -> set[str]:
    """Take articles out of their families (to be linked again), in one transaction; families left with no member
    go; return the families they were in."""
    c = store.conn
    families: set[str] = set()
    c.execute("BEGIN IMMEDIATE")
    try:
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            families |= {r[0] for r in c.execute(f"SELECT DISTINCT family_id FROM family_members WHERE article_id IN ({marks})", chunk)}
            for table in ("rewrite_changes", "member_diffs", "article_signals", "family_members"):
                c.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", chunk)
        c.execute("DELETE FROM families WHERE id NOT IN (SELECT DISTINCT family_id FROM family_members)")
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise
    return families


def clear(store: Store) -> None:
    """Forget every family and fingerprint (fingerprints are recomputed: their definition may have changed)."""
    store.conn.execute("BEGIN IMMEDIATE")
    for table in ("rewrite_changes", "member_diffs", "article_signals", "family_members", "families", "article_fingerprints"):
        store.conn.execute(f"DELETE FROM {table}")
    store.conn.execute("COMMIT")


def memberships(store: Store) -> dict[str, tuple[str, bool, Assignment]]:
    out = {}
    for r in store.conn.execute("SELECT article_id, family_id, spliced, probability, via, evidence_json, secondary_json FROM family_members"):
        out[r[0]] = (r[1], bool(r[2]), Assignment(r[0], r[1], r[3] or 0.0, r[4], json.loads(r[5]), json.loads(r[6])))
    return out


def write_family(store: Store, family: Family, diffs: dict[str, MemberDiff], signals: dict[str, dict]) -> None:
    """Replace one family's rows (family, members, diffs, changes, signals) in one transaction."""
    c = store.conn
    c.execute("BEGIN IMMEDIATE")
    try:
        ids = [m.article_id for m in family.members]
        marks = ",".join("?" * len(ids))
        for table in ("rewrite_changes", "member_diffs", "article_signals"):
            c.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", ids)
        c.execute(f"DELETE FROM family_members WHERE article_id IN ({marks})", ids)
        c.execute("DELETE FROM family_members WHERE family_id = ?", (family.id,))  # whoever else was in it before
        o = family.origin
        c.execute("INSERT INTO families VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                  + ", ".join(f"{col} = excluded.{col}" for col in FAMILY_COLUMNS[1:]),
                  (family.id, o.article_id, o.url, o.outlet, o.outlet_type, o.published, int(o.in_corpus), o.earliest_member,
                   family.lead_speaker, ",".join(family.languages), len(family.members), _now()))
        c.executemany("INSERT INTO family_members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (m.article_id, family.id, m.role, m.parent, m.lag_hours, m.probability,
             m.via, int(bool(m.secondary)),
             json.dumps(m.evidence), json.dumps(m.secondary)) for m in family.members])
        for aid, d in diffs.items():
            c.execute("INSERT INTO member_diffs VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (aid, family.id, d.against, d.supported, d.added, d.unverified, json.dumps(d.sentences)))
            c.executemany("INSERT INTO rewrite_changes (article_id, family_id, kind, member_text, member_start, member_end, "
                          "origin_article_id, origin_text, origin_start, origin_end, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [(aid, family.id, ch.kind, ch.member_text, ch.member_start, ch.member_end,
                            d.against if d.against != "family" else None, ch.origin_text, ch.origin_start, ch.origin_end, ch.detail)
                           for ch in d.changes])
        for aid, sig in signals.items():
            c.execute("INSERT INTO article_signals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (aid, family.id, json.dumps(sig["mixed_script_words"], ensure_ascii=False), sig["one_sentence_paragraph_share"],
                       sig["boilerplate_paragraphs"], json.dumps(sig["name_variants"], ensure_ascii=False), sig["date_drift_days"],
                       sig["added_sentences"], sig["fabricated_quotes"]))
        c.execute("DELETE FROM families WHERE id NOT IN (SELECT DISTINCT family_id FROM family_members)")
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            c.execute("ROLLBACK")
        raise


def member_rows(conn, site: str | None = None):
    """One MemberRow per family member, for the site network (`conn`: a Store's connection or any read-only one).
    With `site`, only the members of families that site published in: enough for its profile and its edges."""
    from ..link.sites import MemberRow

    sql = """
    SELECT a.site, m.family_id, m.article_id, m.role, m.lag_hours, f.origin_outlet_type, f.size,
           COALESCE(s.fabricated_quotes, 0), COALESCE(s.boilerplate_paragraphs, 0), s.one_sentence_paragraph_share,
           COALESCE(json_array_length(s.mixed_script_words), 0)
    FROM family_members m JOIN articles a ON a.id = m.article_id JOIN families f ON f.id = m.family_id
    LEFT JOIN article_signals s ON s.article_id = m.article_id
    WHERE a.site IS NOT NULL"""
    order = " ORDER BY m.family_id, m.article_id"  # the same rows in the same order on every backend: graphs built
    if site is None:                                # from them list their nodes and edges alike
        return [MemberRow(*r) for r in conn.execute(sql + order)]
    sql += (" AND m.family_id IN (SELECT mm.family_id FROM family_members mm JOIN articles aa ON aa.id = mm.article_id"
            " WHERE aa.site = ?)")
    return [MemberRow(*r) for r in conn.execute(sql + order, (site,))]


def signals_of(row) -> dict | None:
    """The rewrite signals of a row holding article_signals' columns, as the JSON contract has them."""
    if row["one_sentence_paragraph_share"] is None and row["mixed_script_words"] is None:
        return None
    return {"mixed_script_words": json.loads(row["mixed_script_words"] or "[]"),
            "one_sentence_paragraph_share": row["one_sentence_paragraph_share"],
            "boilerplate_paragraphs": row["boilerplate_paragraphs"],
            "name_variants": json.loads(row["name_variants"] or "{}"),
            "date_drift_days": row["date_drift_days"]}


def article_diff(conn, article_id: str) -> dict:
    """One member's stored diff: membership, counts, sentences, changes and signals (None where not traced)."""
    row = conn.execute("SELECT * FROM member_diffs WHERE article_id = ?", (article_id,)).fetchone()
    member = conn.execute("SELECT family_id, role, parent_id, lag_hours FROM family_members WHERE article_id = ?",
                          (article_id,)).fetchone()
    sig = conn.execute("SELECT * FROM article_signals WHERE article_id = ?", (article_id,)).fetchone()
    return {
        "member": dict(member) if member else None,
        "row": dict(row) if row else None,
        "sentences": json.loads(row["sentences_json"]) if row else [],
        "changes": [dict(r) for r in conn.execute("SELECT * FROM rewrite_changes WHERE article_id = ? ORDER BY id", (article_id,))],
        "signals": signals_of(sig) if sig else None,
    }
