"""The fingerprint-only path against full analysis, per article, in one process.

Run: .venv/bin/python benchmarks/fast_path.py [--repeat N] [--rounds R]

Both sides take the same prepared articles (the bundled sample corpus and
family corpus, every language, repeated N times with a varying prefix) through
to a trace fingerprint: full analysis (spaCy / Natasha parse, attribution) then
`fingerprint()`, against the fast path (knowledge-base look-up only) then
`fingerprint()`.  Ingest (decoding, language identification) is done once
beforehand and counted for neither.  The two alternate for R rounds after a
warm-up; medians are compared.  Prints articles/s and the speed-up (target >= 10x).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wiretrace.analyze.pipeline import Analyzer  # noqa: E402
from wiretrace.jobs import RunReport, iter_prepared  # noqa: E402
from wiretrace.link.fingerprints import fingerprint  # noqa: E402
from wiretrace.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    settings = Settings.load()
    base = list(iter_prepared([str(ROOT / "examples/corpus"), str(ROOT / "examples/families")], settings=settings, report=RunReport()))
    arts = []
    for i in range(args.repeat):
        for a in base:
            b = copy.deepcopy(a)
            b.text = f"Report {i}. " + b.text
            b.id = f"{a.id}-{i}"
            arts.append(b)
    full = Analyzer(settings)
    fast = Analyzer(settings, kb=full.kb, fast=True)
    for an in (full, fast):  # warm-up: models loaded, caches primed on other texts
        for a in an.analyze(copy.deepcopy(base[:6])):
            fingerprint(a)

    def run(an: Analyzer) -> float:
        batch = copy.deepcopy(arts)
        t0 = time.perf_counter()
        for a in an.analyze(batch):
            fingerprint(a)
        return len(batch) / (time.perf_counter() - t0)

    rates = {"full": [], "fast": []}
    for _ in range(args.rounds):
        rates["full"].append(run(full))
        rates["fast"].append(run(fast))
    f, q = statistics.median(rates["full"]), statistics.median(rates["fast"])
    langs = sorted({a.lang for a in base})
    print(f"{len(arts)} articles ({', '.join(langs)}), {args.rounds} rounds")
    print(f"full analysis + fingerprint: {f:8.1f} articles/s")
    print(f"fast path + fingerprint:     {q:8.1f} articles/s")
    print(f"speed-up: {q / f:.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
