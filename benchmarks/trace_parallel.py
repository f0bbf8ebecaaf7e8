"""Trace in parallel: `trace --workers N` and `trace --engine ray` against one process, on the same database.

Run: .venv/bin/python benchmarks/trace_parallel.py [--articles 10000] [--workers N] [--ray]

A synthetic corpus (wiretrace.evaluate.synthetic: Russian wire items with English and French rewrites over
`articles / 150` days, the same speakers on other days as hard negatives) is analysed once by the fast path into
an SQLite file.  Each run then starts from a copy of that file with no trace state and runs
`wiretrace.jobs.trace_db` end to end (fingerprints, linking, describing every family, summaries), process
start-up of the workers (or of Ray) included.  Prints seconds and articles/s for each run, the ratio to one
process, and whether every run gave the same families (the trace JSON, update times aside).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def families_of(db: str) -> str:
    from wiretrace.present.trace import families_json
    from wiretrace.store import Store

    with Store(db, readonly=True) as store:
        data = families_json(store)
    for f in data["families"]:
        f.pop("updated_at", None)
    return json.dumps(data, sort_keys=True, default=str)


def timed(base: str, folder: Path, label: str, **kw) -> tuple[float, str, int]:
    from wiretrace.jobs import trace_db

    db = str(folder / f"{label}.db")
    with sqlite3.connect(base) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    t = time.perf_counter()
    report = trace_db(db, **kw)
    return time.perf_counter() - t, families_of(db), report.articles


def main() -> None:
    from wiretrace.parallel import cores

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=cores())
    ap.add_argument("--ray", action="store_true", help="also run --engine ray on a local Ray (needs the ray extra)")
    args = ap.parse_args()
    os.environ.setdefault("WIRETRACE_EMBEDDINGS", "off")

    from wiretrace.evaluate.synthetic import generate
    from wiretrace.jobs import analyze_paths

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for d in generate(args.articles, 11):
                fh.write(json.dumps({k: d[k] for k in ("id", "text", "lang", "site", "published")}) + "\n")
        base = str(folder / "base.db")
        analyze_paths([str(corpus)], db=base, fast=True)
        runs = [("1 process", {}), (f"{args.workers} processes", {"workers": args.workers})]
        if args.ray:
            runs.append((f"Ray, {args.workers} CPUs", {"engine": "ray", "workers": args.workers}))
        results = []
        for label, kw in runs:
            seconds, families, n = timed(base, folder, label.replace(" ", "-").replace(",", ""), **kw)
            results.append((label, seconds, families))
            print(f"{label:>16}: {seconds:7.1f} s, {n / seconds:6.1f} articles/s"
                  + (f", {results[0][1] / seconds:.2f}x one process" if len(results) > 1 else ""), flush=True)
        same = all(r[2] == results[0][2] for r in results)
        print(f"same families in every run: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
