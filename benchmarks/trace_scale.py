"""Trace at scale: synthetic corpora of 10k and 100k articles with planted families.

    .venv/bin/python benchmarks/trace_scale.py [--sizes 10000 100000] [--seed 7]

Each size runs in a fresh process (so peak memory is that size's alone) through
the fast path that big corpora take: fingerprint-only analysis (no parse),
fingerprints, then the linking code `wiretrace trace` runs (Linker.for_corpus and
link_all: candidate generation, scoring and incremental family assignment), all
in memory.  Prints articles/s, peak RSS, B-cubed F1 against the planted
families, and the ratio of times between consecutive sizes (target <= 12x for
10x more articles) with peak memory (target <= 2 GB at 100k).

The corpora are synthetic (wiretrace.evaluate.synthetic: knowledge-base people
and gazetteer places in templates): Russian wire items with English and French
rewrites on look-alike sites, origins sometimes missing, reused boilerplate
paragraphs, and the same speakers on other days as hard negatives.  The scorer
is fitted on another seed of the same generator (see scripts/fit_scorer.py).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

def run_one(n: int, seed: int, use_embeddings: bool = False) -> dict:
    from wiretrace.analyze.pipeline import Analyzer
    from wiretrace.evaluate.families import bcubed
    from wiretrace.evaluate.synthetic import generate
    from wiretrace.link.embeddings import embedder_for
    from wiretrace.link.families import Linker
    from wiretrace.link.fingerprints import fingerprint
    from wiretrace.link.scorer import Scorer
    from wiretrace.model import Article

    docs = generate(n, seed)
    analyzer = Analyzer(fast=True)
    embedder = embedder_for("on") if use_embeddings else None
    import gc

    t = time.perf_counter()
    arts = (Article(id=d["id"], text=d["text"], lang=d["lang"], site=d["site"], published=d["published"]) for d in docs)
    fps = []
    for art in analyzer.analyze(arts):
        fps.append(fingerprint(art, embedder))
        if len(fps) % 1000 == 0:
            gc.freeze()  # as trace does after loading: fingerprints live on, the collector need not walk them again
    fingerprinted = time.perf_counter() - t
    # the code `wiretrace trace` runs: word weights counted over the corpus, then the one linking loop
    linker = Linker.for_corpus(Scorer.load(embeddings=use_embeddings), fps)
    for _ in linker.link_all(fps):
        pass
    elapsed = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p, r, f = bcubed(linker.family_of, {d["id"]: d["family"] for d in docs})
    return {"articles": n, "seconds": round(elapsed, 2), "fingerprint_seconds": round(fingerprinted, 2),
            "articles_per_s": round(n / elapsed, 1), "peak_rss_mb": round(peak_mb),
            "bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4), "bcubed_f1": round(f, 4),
            "planted_families": len({d["family"] for d in docs}), "predicted_families": len(set(linker.family_of.values()))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--embeddings", action="store_true", help="re-rank candidates with the optional multilingual embeddings")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.embeddings)))
        return
    results = []
    for n in args.sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)]
                              + (["--embeddings"] if args.embeddings else []), capture_output=True, text=True)
        if proc.returncode:
            sys.exit(proc.stderr)
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(res)
        print(f"{n:>7} articles: {res['seconds']:8.1f} s ({res['fingerprint_seconds']:.1f} s fingerprinting)  "
              f"{res['articles_per_s']:7.1f} articles/s  peak RSS {res['peak_rss_mb']} MB  "
              f"B-cubed P/R/F1 {res['bcubed_precision']:.3f}/{res['bcubed_recall']:.3f}/{res['bcubed_f1']:.3f} "
              f"({res['predicted_families']} families for {res['planted_families']} planted)", flush=True)
    for a, b in zip(results, results[1:]):
        print(f"time ratio for {b['articles'] / a['articles']:.0f}x more articles: {b['seconds'] / a['seconds']:.2f}x (target <= 12x); "
              f"peak memory at {b['articles']}: {b['peak_rss_mb']} MB (target <= 2048)")


if __name__ == "__main__":
    main()
