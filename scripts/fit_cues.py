"""Fit the English attribution-cue model on PolNeAR's train split; report it on dev.

    .venv/bin/python scripts/fit_cues.py ../shared/data/polnear/train ../shared/data/polnear/dev \
        [--c 0.1] [--min-weight 0.1] [--threshold 0.8] [--out src/wiretrace/analyze/lang/en/data/cue_model.json]

Every verb of the parsed articles is an example, labelled by whether it lies in a gold Cue
span (first annotator's file by name, as `wiretrace eval` reads PolNeAR).  Features are
`analyze.lang.en.learned.cue_features`, the same function analysis scores with.  The model is
an L2-regularised logistic regression (scikit-learn); its weights are written as a sparse JSON
table (weights smaller than --min-weight dropped).  The decision threshold, 0.8, was chosen on
dev end to end (`wiretrace eval ../shared/data/polnear/dev` at 0.6, 0.7, 0.8 and 0.85: the
claims a cue brings must be right more often than the extractor's F1, and the cue-token F1
optimum, near 0.6, lets in too many); `--threshold 0` picks the best cue-token F1 on dev verbs
outside the lexicon instead.  Only train is fitted on; dev picks the threshold and reports;
PolNeAR's test split is never seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from wiretrace.analyze.lang.en import load_english  # noqa: E402
from wiretrace.analyze.lang.en.learned import cue_features  # noqa: E402
from wiretrace.analyze.lang.en.lexicon import SPEECH_VERBS  # noqa: E402
from wiretrace.analyze.quotes import find_quotes  # noqa: E402
from wiretrace.evaluate.datasets import PolNeAR  # noqa: E402

OUT = ROOT / "src/wiretrace/analyze/lang/en/data/cue_model.json"


def examples(split: Path, nlp) -> tuple[list[dict], list[int], list[bool]]:
    """Features, label and whether the rule lexicon already knows the lemma, for every verb of the split."""
    docs = PolNeAR(split).records()
    X, y, known = [], [], []
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        cue_chars = [(s, e) for c in gold.claims for s, e in c.cue]
        quotes = find_quotes(doc.text)
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            in_quote = any(q.start < tok.idx < q.end for q in quotes)
            X.append({f: 1.0 for f in cue_features(tok, in_quote)})
            y.append(int(any(s <= tok.idx < e for s, e in cue_chars)))
            known.append(tok.lemma_.lower() in SPEECH_VERBS)
    return X, y, known


def f1_at(probs, y, mask, t):
    tp = sum(1 for p, l, m in zip(probs, y, mask) if m and p >= t and l)
    fp = sum(1 for p, l, m in zip(probs, y, mask) if m and p >= t and not l)
    fn = sum(1 for p, l, m in zip(probs, y, mask) if m and p < t and l)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return (2 * prec * rec / (prec + rec) if prec + rec else 0.0), prec, rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path)
    ap.add_argument("dev", type=Path)
    ap.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    ap.add_argument("--min-weight", type=float, default=0.1, help="weights smaller than this are dropped")
    ap.add_argument("--threshold", type=float, default=0.8,
                    help="the decision threshold (0: the best cue F1 on dev verbs outside the lexicon)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    nlp = load_english()
    Xtr, ytr, _ = examples(args.train, nlp)
    Xdev, ydev, known_dev = examples(args.dev, nlp)
    print(f"train: {len(ytr)} verbs, {sum(ytr)} cues; dev: {len(ydev)} verbs, {sum(ydev)} cues", file=sys.stderr)
    vec = DictVectorizer()
    model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced")
    model.fit(vec.fit_transform(Xtr), ytr)
    probs = model.predict_proba(vec.transform(Xdev))[:, 1]
    unknown = [not k for k in known_dev]
    grid = [round(0.05 * i, 2) for i in range(6, 20)]
    scored = [(f1_at(probs, ydev, unknown, t), t) for t in grid]
    (best_f1, prec, rec), threshold = max(scored)
    if args.threshold:  # fixed (see the module docstring)
        threshold = args.threshold
        best_f1, prec, rec = f1_at(probs, ydev, unknown, threshold)
    every = f1_at(probs, ydev, [True] * len(ydev), threshold)
    print(f"dev cue verbs outside the lexicon at threshold {threshold}: P {prec:.3f} R {rec:.3f} F1 {best_f1:.3f}; "
          f"all verbs: P {every[1]:.3f} R {every[2]:.3f} F1 {every[0]:.3f}", file=sys.stderr)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, model.coef_[0]) if abs(w) >= args.min_weight}
    out = {"bias": round(float(model.intercept_[0]), 4), "threshold": threshold,
           "meta": {"fitted_on": "PolNeAR v1.0 train split (first annotator per article)", "c": args.c,
                    "train_verbs": len(ytr), "train_cues": sum(ytr), "model": nlp.meta.get("name", "?"),
                    "dev_outside_lexicon": {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(best_f1, 4)},
                    "dev_all_verbs": {"precision": round(every[1], 4), "recall": round(every[2], 4), "f1": round(every[0], 4)}},
           "weights": dict(sorted(weights.items()))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
