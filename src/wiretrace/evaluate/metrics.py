"""Precision, recall, F1 and the span-matching rules they count with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


Ranges = list[tuple[int, int]]


def overlap(a: Ranges, b: Ranges) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(a: Ranges) -> int:
    return sum(e - s for s, e in a)


def spans_match(pred: Ranges, gold: Ranges, *, threshold: float = 0.5) -> bool:
    """Two spans match when their overlap covers at least `threshold` of the longer one."""
    inter = overlap(pred, gold)
    longest = max(length(pred), length(gold))
    return longest > 0 and inter / longest >= threshold


def greedy_pairs(preds: list, golds: list, score) -> list[tuple[int, int]]:
    """One-to-one pairs by descending score (score <= 0 means no pair)."""
    cands = sorted(((score(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)), reverse=True)
    used_p, used_g, out = set(), set(), []
    for s, i, j in cands:
        if s <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out
