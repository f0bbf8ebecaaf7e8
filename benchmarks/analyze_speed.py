"""Analysis throughput as a ratio to bare spaCy `nlp.pipe` of the same model on the same texts, in one process.

Run: .venv/bin/python benchmarks/analyze_speed.py [--repeat N]

The baseline is the stock spaCy pipeline as `spacy.load` gives it; wiretrace runs
its own copy (with the indexed attribute ruler, identical output) plus everything
else it does.  Texts: the English articles of the sample corpus and the two seeds (when ../shared
is present), repeated N times with a varying prefix so no cache helps.  Both runs
see identical texts; the two runs alternate for --rounds rounds after a warm-up
(models and lingua loaded) and the medians are compared.  Prints articles/s for
each, the ratio (target >= 0.8) and the peak resident memory of the process.

`--per-language` then prints the throughput of each language's plug-in on the real articles
of ../shared/data/realdev (articles/s and characters/s, after a warm-up that loads its model).
"""

from __future__ import annotations

import argparse
import statistics
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402

from wiretrace.analyze.pipeline import Analyzer  # noqa: E402
from wiretrace.ingest import RawArticle, prepare  # noqa: E402


def english_texts(corpus: str = "sample") -> list[str]:
    """'sample': the synthetic English articles and the seeds (short wire rewrites);
    'polnear': PolNeAR dev articles (longer US news), when ../shared is present."""
    if corpus == "polnear":
        paths = sorted((ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text").glob("*.txt"))
        if not paths:
            raise SystemExit("no PolNeAR dev texts under ../shared/data/polnear")
        return [p.read_text(encoding="utf-8") for p in paths]
    paths = sorted((ROOT / "examples" / "corpus").glob("syn_en_*.txt"))
    paths += sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", choices=("sample", "polnear"), default="sample")
    parser.add_argument("--per-language", action="store_true", help="also time each language on realdev")
    args = parser.parse_args()
    base = english_texts(args.corpus)
    texts = [f"Report {i}. {t}" for i in range(args.repeat) for t in base]
    analyzer = Analyzer()
    # The baseline is the stock model exactly as spaCy loads it, not wiretrace's tuned copy.
    nlp = spacy.load(analyzer.nlp.meta["lang"] + "_" + analyzer.nlp.meta["name"])
    list(nlp.pipe(texts[:8]))  # warm up the model
    analyzer.analyze_one(prepare(RawArticle(text=texts[0], source="warm")))  # loads lingua's models too

    def bare() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=analyzer.settings.batch_size):
            pass
        return time.perf_counter() - t0, time.process_time() - c0

    claims = 0

    def full() -> tuple[float, float]:
        nonlocal claims
        t0, c0 = time.perf_counter(), time.process_time()
        arts = [prepare(RawArticle(text=t, source=f"bench{i}")) for i, t in enumerate(texts)]
        claims = sum(len(a.claims) for a in analyzer.analyze(arts))
        return time.perf_counter() - t0, time.process_time() - c0

    # Alternate the two runs and compare medians: a shared 2-core machine drifts.
    bare_times, full_times = [], []
    for _ in range(args.rounds):
        bare_times.append(bare())
        full_times.append(full())
    t_bare = statistics.median(t for t, _ in bare_times)
    t_full = statistics.median(t for t, _ in full_times)
    cpu_bare = statistics.median(c for _, c in bare_times)
    cpu_full = statistics.median(c for _, c in full_times)
    n = len(texts)
    words = sum(len(t.split()) for t in texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts: {n} English articles, {words} words; {claims} claims found")
    print(f"bare spaCy nlp.pipe ({nlp.meta['name']} {nlp.meta['version']}): {n / t_bare:8.1f} articles/s")
    print(f"wiretrace prepare + analyse:                 {n / t_full:8.1f} articles/s")
    print(f"ratio (wiretrace / bare spaCy): {t_bare / t_full:.2f}   (target >= 0.80)")
    print(f"ratio in CPU time (less sensitive to other load on the machine): {cpu_bare / cpu_full:.2f}")
    print(f"peak resident memory: {peak_mb:.0f} MB")
    if args.per_language:
        per_language(analyzer, args.repeat)


def per_language(analyzer: Analyzer, repeat: int) -> None:
    """Articles/s of each language's analysis on realdev's real articles (each text `repeat` times)."""
    import json
    from collections import defaultdict

    realdev = ROOT.parent / "shared" / "data" / "realdev" / "articles.jsonl"
    if not realdev.is_file():
        print("no ../shared/data/realdev: per-language throughput skipped")
        return
    by_lang: dict[str, list[str]] = defaultdict(list)
    for line in realdev.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        by_lang[rec["lang"]].append(rec["text"])
    print(f"{'language':>8} {'articles':>8} {'articles/s':>11} {'chars/s':>9}")
    for lang, base in sorted(by_lang.items(), key=lambda kv: -len(kv[1])):
        texts = [f"{i}. {t}" for i in range(repeat) for t in base]
        analyzer.analyze_one(prepare(RawArticle(text=texts[0], source="warm", lang=lang)))  # loads its model
        t0 = time.perf_counter()
        list(analyzer.analyze(prepare(RawArticle(text=t, source=f"{lang}{i}", lang=lang)) for i, t in enumerate(texts)))
        dt = time.perf_counter() - t0
        print(f"{lang:>8} {len(texts):>8} {len(texts) / dt:>11.1f} {sum(map(len, texts)) / dt:>9.0f}")


if __name__ == "__main__":
    main()
