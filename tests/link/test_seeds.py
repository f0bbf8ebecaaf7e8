"""The two real seed articles are rewrites of two different wire items: they must end in different families."""

from __future__ import annotations

from wiretrace.jobs import analyze_paths, trace_db
from wiretrace.store import Store

from ..conftest import seed_path


def test_the_two_seeds_end_in_different_families(tmp_path):
    seeds = [seed_path("000"), seed_path("002")]
    db = str(tmp_path / "seeds.db")
    analyze_paths([str(p) for p in seeds], db=db)
    report = trace_db(db)
    assert report.linked == 2
    with Store(db, readonly=True) as store:
        families = [r[0] for r in store.conn.execute("SELECT family_id FROM family_members")]
        signals = store.conn.execute("SELECT one_sentence_paragraph_share FROM article_signals").fetchall()
    assert len(families) == 2 and len(set(families)) == 2
    # both are written one sentence per paragraph, a mark of the rewrite farms
    assert all(s[0] is not None and s[0] >= 0.8 for s in signals)
