"""Re-measure the quality-gate figures and raise the floors in tests/evaluate/quality_floors.json.

Run: .venv/bin/python scripts/update_floors.py [--margin 0.02] [--allow-lower]

Each floor becomes the measured figure minus the margin, rounded down to 0.01.  A
floor is never lowered unless --allow-lower is given (trafilatura's eval-gate habit):
a drop in quality has to be a decision, not an accident.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wiretrace.analyze.pipeline import Analyzer  # noqa: E402
from wiretrace.evaluate import evaluate_gold, evaluate_polnear  # noqa: E402
from wiretrace.evaluate.datasets import GoldJsonl, PolNeAR  # noqa: E402

FLOORS = ROOT / "tests" / "evaluate" / "quality_floors.json"


def measure(floors: dict) -> dict[str, float]:
    analyzer = Analyzer()
    sample = evaluate_gold(GoldJsonl(ROOT / "examples/gold/sample.jsonl").records(), analyzer)
    out = {"sample.speaker_f1": sample["speaker"]["f1"], "sample.claim_f1": sample["claim"]["f1"],
           "sample.speaker_f1.ru": sample["speaker_by_lang"]["ru"]["f1"]}
    shared = ROOT.parent / "shared"
    if (shared / "seeds").is_dir():
        seeds = evaluate_gold(GoldJsonl(ROOT / "examples/gold/seeds.jsonl").records(), analyzer)
        out.update({"seeds.speaker_f1": seeds["speaker"]["f1"], "seeds.claim_f1": seeds["claim"]["f1"]})
    if (shared / "data/polnear/dev").is_dir():
        docs = PolNeAR(shared / "data/polnear/dev").records()[: floors["polnear.dev.documents"]]
        pol = evaluate_polnear(docs, analyzer)
        out.update({"polnear.dev.content_f1": pol["content"]["f1"],
                    "polnear.dev.content_source_f1": pol["content+source"]["f1"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margin", type=float, default=0.02)
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args()
    floors = json.loads(FLOORS.read_text())
    for name, value in measure(floors).items():
        proposed = math.floor((value - args.margin) * 100) / 100
        if proposed < floors.get(name, 0) and not args.allow_lower:
            print(f"{name}: measured {value:.3f}; keeping floor {floors[name]} (pass --allow-lower to lower it)")
            continue
        print(f"{name}: measured {value:.3f}; floor {floors.get(name)} -> {proposed}")
        floors[name] = proposed
    FLOORS.write_text(json.dumps(floors, indent=2) + "\n")


if __name__ == "__main__":
    main()
