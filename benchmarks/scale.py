"""Scale: `analyze --workers N` against one process, and reading a big file of records, in one process.

Run: .venv/bin/python benchmarks/scale.py [--records 600] [--workers N] [--ray] [--stream-mb 0]

Workers: the English texts of the bundled sample corpus, repeated into a JSON-lines file of
`--records` records (each with its own id and a varying first sentence), analysed in full by
`wiretrace.jobs.analyze_paths` (read, analyse, write one transaction per article: everything the
CLI does but printing) into a fresh SQLite file with one process, then with N (default: the
machine's cores).  Timed end to end, process start-up and model loading in every worker
included.  Prints articles/s for each and the ratio (target on 2 cores: >= 1.7x).  `--ray` also
runs `--engine ray` on a local Ray with as many actors (shards planned, analysed in Ray Data
actors, staged as Parquet, loaded here) and prints its ratio to both.

`--stream-mb M` also writes an M-MB JSON-lines file and reads it through `read_source` (no
analysis), printing records/s and the growth of the process's peak memory while reading.

`--fast-sizes N [N ...]` (with --ray) runs the fast path (`analyze --fast --engine ray`) over generated corpora of
those sizes (wiretrace.evaluate.synthetic), timed end to end, and prints the time ratio between consecutive sizes
and the peak memory of each Ray worker process (VmHWM from /proc, sampled twice a second) and of this process:
flat memory per worker is the target.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wiretrace.ingest import read_source  # noqa: E402
from wiretrace.ingest.language import detect_language  # noqa: E402
from wiretrace.jobs import analyze_paths  # noqa: E402


def english_sample(records: int, path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/corpus").glob("*.txt"))]
    texts = [t for t in texts if detect_language(t) == "en"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(records):
            out.write(json.dumps({"id": f"bench-{i}", "lang": "en", "text": f"Report {i}. " + texts[i % len(texts)]}) + "\n")


def timed_run(corpus: Path, workers: int, folder: Path, engine: str = "local") -> tuple[float, int]:
    db = folder / f"{engine}-{workers}.db"
    t0 = time.perf_counter()
    report = analyze_paths([str(corpus)], db=str(db), workers=workers, engine=engine)
    return time.perf_counter() - t0, report.analysed


class WorkerMemory:
    """The peak resident memory of every Ray worker process seen while the block runs (Linux /proc): `peaks` is
    VmHWM, which counts the pages of Ray's shared-memory object store a worker has touched (the blocks it wrote
    and read), `private` the largest RssAnon sampled every half second: the worker's own heap, models included."""

    def __init__(self):
        import threading

        self.peaks: dict[int, int] = {}
        self.private: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            for pid_dir in Path("/proc").glob("[0-9]*"):
                try:
                    if b"ray::" not in (pid_dir / "cmdline").read_bytes():
                        continue
                    status = (pid_dir / "status").read_text()
                except OSError:
                    continue
                pid = int(pid_dir.name)
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[pid] = max(self.peaks.get(pid, 0), int(line.split()[1]))
                    elif line.startswith("RssAnon:"):
                        self.private[pid] = max(self.private.get(pid, 0), int(line.split()[1]))


def fast_path_on_ray(sizes: list[int], workers: int, folder: Path) -> None:
    from wiretrace.evaluate.synthetic import generate

    previous = None
    for n in sizes:
        corpus = folder / f"generated-{n}.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for d in generate(n, 3):
                fh.write(json.dumps({k: d[k] for k in ("id", "text", "lang", "site", "published")}) + "\n")
        db = folder / f"fast-{n}.db"
        with WorkerMemory() as memory:
            t0 = time.perf_counter()
            report = analyze_paths([str(corpus)], db=str(db), fast=True, engine="ray", workers=workers)
            took = time.perf_counter() - t0
        peaks = sorted(memory.peaks.values(), reverse=True)
        private = sorted(memory.private.values(), reverse=True)
        print(f"  fast path on Ray, {n:,} generated articles: {took:.1f} s, {report.analysed / took:.0f} articles/s"
              + (f", {took / previous:.2f}x the time of the size before" if previous else "")
              + f"; peak memory of the {len(peaks)} Ray worker processes: "
              + ", ".join(f"{p / 1024:.0f} MB" for p in peaks[:workers + 2])
              + " (object-store pages included); their own heap (RssAnon) at most: "
              + ", ".join(f"{p / 1024:.0f} MB" for p in private[:workers + 2])
              + f"; this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", flush=True)
        previous = took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=600)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    ap.add_argument("--workers", type=int, default=cores)
    ap.add_argument("--stream-mb", type=int, default=0)
    ap.add_argument("--ray", action="store_true", help="also run `--engine ray` on a local Ray (needs the ray extra)")
    ap.add_argument("--fast-sizes", type=int, nargs="*", default=[],
                    help="with --ray: generated corpora of these sizes through the fast path on Ray (only that)")
    args = ap.parse_args()
    if args.fast_sizes:
        with tempfile.TemporaryDirectory() as tmp:
            fast_path_on_ray(args.fast_sizes, args.workers, Path(tmp))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "sample.jsonl"
        english_sample(args.records, corpus)
        one, n1 = timed_run(corpus, 1, folder)
        many, n2 = timed_run(corpus, args.workers, folder)
        assert n1 == n2 == args.records, (n1, n2)
        print(f"{args.records} English sample articles, full analysis, read + analyse + write:")
        print(f"  1 process:   {n1 / one:6.1f} articles/s ({one:.1f} s)")
        print(f"  {args.workers} processes: {n2 / many:6.1f} articles/s ({many:.1f} s)")
        print(f"  speed-up: {one / many:.2f}x with {args.workers} workers on {cores} cores")
        if args.ray:
            on_ray, n3 = timed_run(corpus, args.workers, folder, engine="ray")
            assert n3 == args.records, n3
            print(f"  Ray Data, local, {args.workers} actors: {n3 / on_ray:6.1f} articles/s ({on_ray:.1f} s, Ray start-up "
                  f"included); {one / on_ray:.2f}x one process, {many / on_ray:.2f}x the worker processes")
        if args.stream_mb:
            big = folder / "big.jsonl"
            record = {"id": "", "text": "Marochko said the front near Siversk held. " + "The brigade reported calm. " * 400}
            with big.open("w", encoding="utf-8") as out:
                n = 0
                while out.tell() < args.stream_mb * 1024 * 1024:
                    record["id"] = f"r-{n}"
                    out.write(json.dumps(record) + "\n")
                    n += 1
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            t0 = time.perf_counter()
            count = sum(1 for _ in read_source(str(big), max_bytes=5 * 1024 * 1024))
            took = time.perf_counter() - t0
            grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
            print(f"streaming a {args.stream_mb} MB JSON-lines file ({count} records): {count / took:,.0f} records/s, "
                  f"{args.stream_mb / took:.0f} MB/s, peak memory grew {grown:.0f} MB")


if __name__ == "__main__":
    main()
