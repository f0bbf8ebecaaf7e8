"""Several `wiretrace analyze` processes writing one database at once, on each backend: they wait for each other
(SQLite: WAL, a busy timeout, BEGIN IMMEDIATE; PostgreSQL: the writers' advisory lock) and no article is lost or
doubled, while a reader (what `serve` does) reads throughout.  Synthetic records."""

import json
import subprocess
import sys
import time

from wiretrace.store import Store
from wiretrace.store.database import connect


def _corpus(path, start: int, count: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + count):
            fh.write(json.dumps({"id": f"r-{i}", "published": "2025-11-24", "site": f"site{i % 7}.test",
                                 "text": f"Synthetic test text {i}. Pushilin said the water supply to Donetsk would "
                                         f"resume on day {i}. The utility reported repairs on {i % 30 + 1} streets."})
                     + "\n")


def test_three_analyze_runs_on_one_database_lose_nothing(tmp_path, db):
    Store(db).close()  # the schema, so that the reader below has tables to read from the start
    inputs = []
    for k, (start, count) in enumerate([(0, 150), (100, 150), (200, 150)]):  # overlapping: 350 distinct records
        f = tmp_path / f"part{k}.jsonl"
        _corpus(f, start, count)
        inputs.append(f)
    cmd = [sys.executable, "-m", "wiretrace.cli", "analyze", "--fast", "--quiet", "--db", str(db)]
    procs = [subprocess.Popen([*cmd, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in inputs]
    seen = []  # what a reader counted while the writers ran: never fewer than before
    reader = connect(db, readonly=True)
    while any(p.poll() is None for p in procs):
        seen.append(reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        time.sleep(0.2)
    reader.close()
    assert seen == sorted(seen)
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for code, stderr in results:
        assert code == 0 and "locked" not in stderr, stderr
    conn = connect(db, readonly=True)
    ids = [r[0] for r in conn.execute("SELECT external_id FROM articles")]
    assert len(ids) == len(set(ids)) == 350
    analysed = sum(int(stderr.split(" analysed")[0].split()[-1]) for _, stderr in results)
    assert analysed == 350  # each overlapping record analysed by one run, found unchanged by the others
