"""A traced database of the synthetic family corpus (examples/families), built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = ROOT / "examples" / "families"


@pytest.fixture(scope="session")
def traced(tmp_path_factory):
    """(db path, external id -> article id, trace JSON) for train + test traced together."""
    from wiretrace.jobs import analyze_paths, trace_db
    from wiretrace.present.trace import families_json
    from wiretrace.store import Store

    db = str(tmp_path_factory.mktemp("trace") / "families.db")
    report = analyze_paths([str(FAMILIES / "train.jsonl"), str(FAMILIES / "test.jsonl")], db=db)
    assert not report.errors
    trace_db(db)
    with Store(db, readonly=True) as store:
        ids = {r[1]: r[0] for r in store.conn.execute("SELECT id, external_id FROM articles")}
        data = families_json(store)
    return db, ids, data


@pytest.fixture(scope="session")
def gold():
    rows = []
    for name in ("train.jsonl", "test.jsonl"):
        rows += [json.loads(line) for line in (FAMILIES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


def family_of(data: dict, article_id: str) -> dict:
    return next(f for f in data["families"] if any(m["article_id"] == article_id for m in f["members"]))


def member(data: dict, article_id: str) -> dict:
    return next(m for f in data["families"] for m in f["members"] if m["article_id"] == article_id)
