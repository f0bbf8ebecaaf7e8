"""The fingerprint-only path: no parse, no claims, and still enough for trace."""

from __future__ import annotations

from wiretrace.analyze.pipeline import Analyzer
from wiretrace.evaluate.families import bcubed
from wiretrace.ingest import RawArticle, prepare
from wiretrace.jobs import analyze_paths, trace_db
from wiretrace.present.trace import families_json
from wiretrace.store import Store

from .conftest import FAMILIES


def test_fast_analysis_finds_people_and_places_without_claims(kb):
    art = prepare(RawArticle(text="Kimakovski, a DPR official, said Ukrainian units left Kostiantynivka. (Synthetic text.)",
                             source="<t>", lang="en"))
    out = Analyzer(kb=kb, fast=True).analyze_one(art)
    assert out.claims == []
    assert "person:kimakovsky" in {e.kb_id for e in out.entities}
    assert "geonames:705104" in {p.place_id for p in out.places}


def test_trace_on_the_fast_path_recovers_the_families(tmp_path, gold):
    db = str(tmp_path / "fast.db")
    analyze_paths([str(FAMILIES / "train.jsonl"), str(FAMILIES / "test.jsonl")], db=db, fast=True)
    trace_db(db)
    with Store(db, readonly=True) as store:
        ext = {r[0]: r[1] for r in store.conn.execute("SELECT id, external_id FROM articles")}
        assert store.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 0
        data = families_json(store)
    pred = {ext[m["article_id"]]: f["id"] for f in data["families"] for m in f["members"]}
    p, r, f = bcubed(pred, {k: v["family"] for k, v in gold.items()})
    assert f >= 0.9, (p, r, f)
