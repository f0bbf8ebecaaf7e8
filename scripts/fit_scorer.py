"""Fit the pair scorer's weights and the family threshold on labelled family corpora.

    .venv/bin/python scripts/fit_scorer.py examples/families/train.jsonl [more.jsonl ...] [--synthetic 3000 --synthetic-seed 1] [--out FILE]

Pairs are generated exactly as `wiretrace trace` generates them (articles in
publication order, each against its candidates from the index), labelled by
whether the gold puts both in one family, and fitted with an L2-regularised
logistic regression (scikit-learn, balanced classes).  The threshold is then
the one that maximises B-cubed F1 when the linker runs on the same corpora
(the middle of the best plateau), averaged over the corpora.  `--synthetic N`
adds a generated corpus of N articles with planted families
(wiretrace.evaluate.synthetic, on the fast path), which supplies what the
hand-written families are short of: many statements by one speaker within
days of each other.  The result records what it was fitted on.
Writes src/wiretrace/link/data/scorer.json unless --out is given.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sklearn.linear_model import LogisticRegression  # noqa: E402

from wiretrace.evaluate.families import bcubed, load_gold  # noqa: E402
from wiretrace.jobs import analyze_paths  # noqa: E402
from wiretrace.link.families import Linker  # noqa: E402
from wiretrace.link.fingerprints import fingerprint  # noqa: E402
from wiretrace.link.index import CandidateIndex  # noqa: E402
from wiretrace.link.scorer import FEATURES, NOT_FITTED, Scorer, features  # noqa: E402

FITTED = [f for f in FEATURES if f not in NOT_FITTED]
from wiretrace.settings import Settings  # noqa: E402
from wiretrace.store import Store  # noqa: E402


def corpus(path: str, tmp: str):
    """(fingerprints in publication order, gold family per article id) of one gold file."""
    gold = {g["id"]: g["family"] for g in load_gold(path)}
    db = str(Path(tmp) / (Path(path).stem + ".db"))
    analyze_paths([path], db=db, settings=Settings.load())
    with Store(db, readonly=True) as store:
        fps, family = [], {}
        for art in store.articles():
            fps.append(fingerprint(art))
            family[art.id] = gold[art.external_id]
    fps.sort(key=lambda fp: (fp.published is None, fp.published or "", fp.article_id))
    return fps, family


def synthetic_corpus(n: int, seed: int):
    from wiretrace.analyze.pipeline import Analyzer
    from wiretrace.evaluate.synthetic import generate
    from wiretrace.model import Article

    docs = generate(n, seed)
    arts = [Article(id=d["id"], text=d["text"], lang=d["lang"], site=d["site"], published=d["published"]) for d in docs]
    fps = [fingerprint(a) for a in Analyzer(fast=True).analyze(arts)]
    return fps, {d["id"]: d["family"] for d in docs}


def pairs(fps, family, window_days):
    X, y = [], []
    index = CandidateIndex(window_days=window_days)
    for fp in fps:
        for cid in index.candidates(fp):
            f, _ = features(fp, index.fps[cid], index)
            X.append([f[k] for k in FITTED])
            y.append(int(family[fp.article_id] == family[cid]))
        index.add(fp)
    return X, y


def run_linker(scorer, fps, window_days):
    linker = Linker(scorer, CandidateIndex(window_days=window_days))
    for fp in fps:
        linker.link(fp)
    return linker.family_of


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--out", default=str(ROOT / "src/wiretrace/link/data/scorer.json"))
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 regularisation strength")
    ap.add_argument("--weighting", choices=("corpus", "pair"), default="corpus")
    ap.add_argument("--synthetic", type=int, default=0, help="also fit on a generated corpus of this many articles")
    ap.add_argument("--synthetic-seed", type=int, default=1)
    args = ap.parse_args()
    window = Settings.load().trace_window_days
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [corpus(p, tmp) for p in args.gold]
    if args.synthetic:
        corpora.append(synthetic_corpus(args.synthetic, args.synthetic_seed))
    X, y, sw = [], [], []
    for fps, fam in corpora:
        a, b = pairs(fps, fam, window)
        X += a
        y += b
        # "corpus": every corpus weighs the same however many pairs it yields; "pair": every pair weighs the same
        sw += [1.0 / max(1, len(b)) if args.weighting == "corpus" else 1.0] * len(b)
    scale = len(y) / sum(sw)
    gaps = sorted(x[FITTED.index("gap_days")] for x, label in zip(X, y) if label)
    undated_gap = round(gaps[len(gaps) // 2], 2) if gaps else 1.0
    model = LogisticRegression(C=args.C, class_weight="balanced", max_iter=5000).fit(X, y, sample_weight=[w * scale for w in sw])
    fitted = dict(zip(FITTED, (round(float(w), 4) for w in model.coef_[0])))
    weights = [fitted.get(f, 0.0) for f in FEATURES]
    bias = round(float(model.intercept_[0]), 4)
    grid = [round(0.05 * i, 2) for i in range(4, 20)] + [0.97, 0.98, 0.99]
    f1s = []
    for t in grid:
        scorer = Scorer(dict(zip(FEATURES, weights)), bias, t, {}, undated_gap)
        scores = [bcubed(run_linker(scorer, fps, window), fam)[2] for fps, fam in corpora]
        f1s.append(sum(scores) / len(scores))
    best = max(f1s)
    plateau = [t for t, f in zip(grid, f1s) if f >= best - 1e-9]
    threshold = plateau[len(plateau) // 2]
    out = {"features": list(FEATURES), "weights": weights, "bias": bias, "threshold": threshold,
           "undated_gap_days": undated_gap,
           "meta": {"fitted_on": [str(Path(p).resolve().relative_to(ROOT)) if Path(p).resolve().is_relative_to(ROOT) else p for p in args.gold],
                    "synthetic": {"articles": args.synthetic, "seed": args.synthetic_seed} if args.synthetic else None,
                    "pairs": len(y), "positive_pairs": sum(y), "C": args.C, "weighting": args.weighting,
                    "train_bcubed_f1": round(best, 4), "threshold_plateau": [plateau[0], plateau[-1]],
                    "script": "scripts/fit_scorer.py"}}
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    for (fps, fam), t_f1 in zip(corpora, [bcubed(run_linker(Scorer(dict(zip(FEATURES, weights)), bias, threshold, {}, undated_gap), fps, window), fam)[2]
                                          for fps, fam in corpora]):
        print(f"  corpus of {len(fps)} articles: B-cubed F1 {t_f1:.3f} at the chosen threshold")
    print(f"{len(y)} pairs ({sum(y)} positive); threshold {threshold} (mean B-cubed F1 {best:.3f} on the training corpora, "
          f"plateau {plateau[0]}-{plateau[-1]})")
    for k, w in zip(FEATURES, weights):
        print(f"  {k:24s} {w:+.3f}")
    print(f"  {'bias':24s} {bias:+.3f}\n-> {args.out}")


if __name__ == "__main__":
    main()
