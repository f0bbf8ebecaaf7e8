"""`analyze --engine ray`: shards planned from JSON-lines and Parquet files, analysed on a local Ray with 2 CPUs,
and the database the same as a local run's.  Synthetic records written for these tests."""

import json
import sqlite3

import pytest

from wiretrace.analyze import distributed
from wiretrace.jobs import analyze_paths

TABLES = ("articles", "claims", "claim_relays", "claim_handles", "place_mentions", "entity_mentions")
TEXT = ("Synthetic test text {i}. Denis Pushilin said the water supply to Donetsk would resume on day {i}, TASS "
        "reported. According to Andrei Marochko, Ukrainian units left two positions near Siversk.")


def _rows(db) -> dict:
    conn = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "ingested_at"]
        out[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    conn.close()
    return out


def _corpus(tmp_path):
    lines = [json.dumps({"id": f"r-{i}", "published": "2025-11-24", "text": TEXT.format(i=i)}) for i in range(25)]
    lines[4] = "{not json"
    lines[9] = json.dumps({"id": "big", "text": "Peskov said so. " * 200})  # over the limit below
    jsonl = tmp_path / "part-1.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [f"p-{i}" for i in range(6)], "text": [TEXT.format(i=100 + i) for i in range(6)]}),
                   tmp_path / "part-2.parquet", row_group_size=4)
    return [str(jsonl), str(tmp_path / "part-2.parquet")]


def test_shards_cover_every_line_and_cut_out_a_line_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(distributed, "SHARD_LINES", 4)
    paths = _corpus(tmp_path)
    shards, errors = distributed.plan_shards(paths + [str(tmp_path / "notes.txt")], max_bytes=1000)
    assert len(errors) == 1 and "notes.txt" in errors[0] and "--engine ray" in errors[0]
    jsonl = [s for s in shards if s["path"].endswith(".jsonl")]
    assert [s["first"] for s in jsonl if s["kind"] == "jsonl"] == [1, 5, 9, 11, 15, 19, 23]  # line 9 ends before 10
    (cut,) = [s for s in jsonl if s["kind"] == "error"]
    assert cut["first"] == 10 and "W003" in cut["error"]
    records = [item for s in jsonl for item in distributed.read_shard(s, max_bytes=1000)]
    assert len(records) == 25 and [getattr(r, "line", None) for r in records if hasattr(r, "message")] == [5, 10]
    parquet = [s for s in shards if s["kind"] == "parquet"]
    assert [(s["group"], s["first"]) for s in parquet] == [(0, 1), (1, 5)]
    assert [s["shard"] for s in shards] == list(range(len(shards)))


def test_ray_gives_the_database_a_local_run_gives(tmp_path):
    pytest.importorskip("ray", reason="the 'ray' extra is not installed: pip install 'wiretrace[ray]'")
    from wiretrace.settings import Settings

    paths = _corpus(tmp_path)
    settings = Settings(max_bytes=1000)
    local_errors, ray_errors = [], []
    local = analyze_paths(paths, db=str(tmp_path / "local.db"), settings=settings, on_error=local_errors.append)
    stage = tmp_path / "stage"
    on_ray = analyze_paths(paths, db=str(tmp_path / "ray.db"), settings=settings, on_error=ray_errors.append,
                           engine="ray", workers=2, stage=str(stage))
    assert on_ray.analysed == local.analysed == 29 and ray_errors == local_errors and len(local_errors) == 2
    assert _rows(tmp_path / "ray.db") == _rows(tmp_path / "local.db")
    staged = list(stage.glob("*.parquet"))
    assert staged  # the analysed articles as Parquet, with their claims in the JSON contract
    import pyarrow.parquet as pq

    table = pq.read_table(str(stage), columns=["kind", "article_json"])
    claims = [c for j in table.column("article_json").to_pylist() if j for c in json.loads(j)["claims"]]
    assert any(c.get("speaker", {}) and "Pushilin" in json.dumps(c) for c in claims)
    # again: nothing changes
    again = analyze_paths(paths, db=str(tmp_path / "ray.db"), settings=settings, engine="ray", workers=2)
    assert again.analysed == 0 and again.unchanged == 29
