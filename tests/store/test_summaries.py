"""Summaries written by trace, and the explorer reading them only while they describe the database."""

from __future__ import annotations

import json

from wiretrace.jobs import analyze_paths
from wiretrace.present.web import views
from wiretrace.store import pages, summaries
from wiretrace.store.database import connect


def _ro(db: str):
    return connect(db, readonly=True)


def test_trace_leaves_fresh_summaries_equal_to_live_figures(traced):
    db, ids, data = traced
    c = _ro(db)
    assert summaries.fresh(c, "overview") and summaries.fresh(c, "site_network")
    stored = summaries.read(c, "overview")
    assert json.loads(json.dumps(pages.overview(c), default=str)) == stored
    assert stored["counts"]["families"] == len(data["families"])


def test_site_pages_agree_with_and_without_the_network_summary(traced, monkeypatch):
    db, ids, _ = traced
    c = _ro(db)
    sites = [r[0] for r in c.execute("SELECT DISTINCT site FROM articles WHERE site IS NOT NULL")]
    assert len(sites) > 5
    from_summary = {s: views.site_data(c, s) for s in sites}
    monkeypatch.setattr(summaries, "fresh", lambda conn, name: False)
    live = {s: views.site_data(c, s) for s in sites}
    for s in sites:
        a, b = from_summary[s], live[s]
        assert a["neighbours"] == b["neighbours"], s
        assert a["profile"] == b["profile"], s
        assert a["total_families"] == b["total_families"] and a["families"] == b["families"]
        assert {n["site"] for n in a["graph"]["nodes"]} == {n["site"] for n in b["graph"]["nodes"]} if a["graph"] else not b["graph"]


def test_new_articles_make_the_summaries_stale(tmp_path, db):
    src = tmp_path / "a.jsonl"
    row = {"id": "s1", "site": "a.example", "published": "2025-11-20T09:00:00+00:00",
           "text": "Dmitry Peskov said that the talks would resume. (Synthetic text.)"}
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    analyze_paths([str(src)], db=db)
    from wiretrace.jobs import trace_db

    trace_db(db)
    assert summaries.fresh(_ro(db), "overview")
    more = tmp_path / "b.jsonl"
    more.write_text(json.dumps({**row, "id": "s2", "text": row["text"] + " Again."}) + "\n", encoding="utf-8")
    analyze_paths([str(more)], db=db)
    c = _ro(db)
    assert not summaries.fresh(c, "overview")
    assert views.overview_data(c)["counts"]["articles"] == 2  # computed live, not the stale 1
    trace_db(db)
    assert summaries.read(_ro(db), "overview")["counts"]["articles"] == 2


def test_a_database_without_trace_has_no_summary(tmp_path, db):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": "Dmitry Peskov said that talks would resume. (Synthetic.)"}) + "\n",
                   encoding="utf-8")
    analyze_paths([str(src)], db=db)
    c = _ro(db)
    assert summaries.read(c, "overview") is None
    assert views.overview_data(c)["counts"]["articles"] == 1

