"""New articles join existing families; only articles published after the earliest new one are linked again (so
the families are those of one run over the whole corpus); re-running changes nothing.  On each backend; the
one-shot run it is compared with is SQLite's."""

from __future__ import annotations

from wiretrace.jobs import analyze_paths, trace_db
from wiretrace.store import Store

from .conftest import FAMILIES


def _members(db):
    with Store(db, readonly=True) as store:
        return {r[0]: (r[1], r[2], r[3]) for r in store.conn.execute(
            "SELECT a.external_id, m.family_id, m.probability, m.evidence_json FROM family_members m JOIN articles a ON a.id = m.article_id")}


def test_new_articles_join_existing_families(tmp_path, db):
    lines = (FAMILIES / "test.jsonl").read_text(encoding="utf-8").splitlines()
    first = tmp_path / "first.jsonl"
    second = tmp_path / "second.jsonl"
    # the Russian items and one rewrite first; the other rewrites arrive later
    first.write_text("\n".join(l for l in lines if "-tass-ru" in l or "s4-frontline" in l) + "\n", encoding="utf-8")
    second.write_text("\n".join(l for l in lines if "-tass-ru" not in l and "s4-frontline" not in l) + "\n", encoding="utf-8")
    analyze_paths([str(first)], db=db)
    r1 = trace_db(db)
    before = _members(db)
    analyze_paths([str(second)], db=db)
    r2 = trace_db(db)
    after = _members(db)
    new = len(after) - len(before)
    with Store(db, readonly=True) as store:
        published = dict(store.conn.execute("SELECT external_id, published FROM articles"))
    earliest_new = min(published[e] for e in after if e not in before)
    relinked = [e for e in before if published[e] >= earliest_new]
    assert r2.linked == new + len(relinked)
    # assignments of articles published before every new one are kept as they were (same family, same evidence)
    for ext, (fid, prob, evidence) in before.items():
        if published[ext] < earliest_new:
            assert after[ext][0] == fid and after[ext][2] == evidence
    # and the families are those of one run over everything
    one = str(tmp_path / "one.db")
    analyze_paths([str(first), str(second)], db=one)
    trace_db(one)
    assert {k: v[0] for k, v in _members(one).items()} == {k: v[0] for k, v in after.items()}
    assert after["s1-pravda-en"][0] == after["s1-tass-ru"][0]
    assert after["s4-digest"][0] == after["s4-frontline"][0]
    # nothing to do the third time
    r3 = trace_db(db)
    assert r3.linked == 0 and r3.families_touched == 0 and _members(db) == after


def test_rebuild_gives_the_same_families(db):
    analyze_paths([str(FAMILIES / "train.jsonl")], db=db)
    trace_db(db)
    first = {k: v[0] for k, v in _members(db).items()}
    trace_db(db, rebuild=True)
    assert {k: v[0] for k, v in _members(db).items()} == first
