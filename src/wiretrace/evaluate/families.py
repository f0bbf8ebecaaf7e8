"""Family quality: B-cubed precision/recall/F1, origin accuracy, cross-language pair recall,
fabricated-quote precision, against a gold JSONL of articles labelled with their family.

Gold line: {"id", "url", "published", "lang", "text", "family", "origin": bool,
"fabricated_quotes": [...], "secondary_family": id | null, "role": ...}.  A family
whose gold has no origin member has its origin outside the corpus.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from ..knowledge.variants import fold
from ..settings import Settings
from ..store import tables


def load_gold(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
    missing = [r.get("id", "?") for r in rows if not r.get("id") or not r.get("family")]
    if missing:
        raise ValueError(f"{path}: records without id or family: {', '.join(map(str, missing[:5]))}")
    return rows


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> cluster)."""
    items = [i for i in gold if i in pred]
    if not items:
        return 0.0, 0.0, 0.0
    pc, gc = defaultdict(set), defaultdict(set)
    for i in items:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = sum(len(pc[pred[i]] & gc[gold[i]]) / len(pc[pred[i]]) for i in items) / len(items)
    r = sum(len(pc[pred[i]] & gc[gold[i]]) / len(gc[gold[i]]) for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[dict], families: list[dict], quotes: dict[str, list[str]], id_of: dict[str, str]) -> dict:
    """Figures from gold records, predicted families (the trace JSON) and flagged quotes per gold id."""
    pred: dict[str, str] = {}
    origin_of_family: dict[str, dict] = {}
    role_of: dict[str, str] = {}
    secondary_of: dict[str, list[str]] = {}
    for fam in families:
        origin_of_family[fam["id"]] = fam["origin"]
        for m in fam["members"]:
            gid = id_of.get(m["article_id"])
            if gid:
                pred[gid] = fam["id"]
                role_of[gid] = m["role"]
                secondary_of[gid] = [x["family_id"] for x in m.get("secondary") or []]
    gold_family = {g["id"]: g["family"] for g in gold}
    p, r, f = bcubed(pred, gold_family)
    # origin accuracy: per gold family, the predicted family holding most of its members must name the gold origin
    by_family = defaultdict(list)
    for g in gold:
        by_family[g["family"]].append(g)
    inverse = {v: k for k, v in id_of.items()}
    origin_ok, origin_errors = 0, []
    present_ok = present = 0  # families of two or more articles whose origin is in the corpus: the measure that matters
    for fam_id, rows in by_family.items():
        votes = Counter(pred.get(g["id"]) for g in rows if pred.get(g["id"]))
        pf = votes.most_common(1)[0][0] if votes else None
        o = origin_of_family.get(pf, {})
        gold_origin = next((g["id"] for g in rows if g.get("origin")), None)
        if gold_origin:
            ok = o.get("article_id") == inverse.get(gold_origin)
        else:
            ok = bool(o) and not o.get("in_corpus", True)
        origin_ok += ok
        if gold_origin and len(rows) > 1:
            present += 1
            present_ok += ok
        if not ok:
            origin_errors.append({"family": fam_id, "gold": gold_origin or "not in corpus",
                                  "predicted": id_of.get(o.get("article_id"), o.get("outlet"))})
    # cross-language pairs
    cross = [(a["id"], b["id"]) for fam_rows in by_family.values() for i, a in enumerate(fam_rows) for b in fam_rows[i + 1:]
             if a.get("lang") != b.get("lang")]
    cross_hit = sum(1 for a, b in cross if pred.get(a) and pred.get(a) == pred.get(b))
    # fabricated quotes
    flagged = [(gid, q) for gid, qs in quotes.items() for q in qs]
    gold_q = {g["id"]: g.get("fabricated_quotes") or [] for g in gold}
    fq_tp = sum(1 for gid, q in flagged if any(fuzz.ratio(fold(q), fold(t)) >= 85 for t in gold_q.get(gid, [])))
    fq_gold = sum(len(v) for v in gold_q.values())
    fq_found = sum(1 for gid, ts in gold_q.items() for t in ts
                   if any(fuzz.ratio(fold(q), fold(t)) >= 85 for q in quotes.get(gid, [])))
    # a gold set that does not tell copies and translations from rewrites (realdev) is scored at its own grain
    coarse = not any(g.get("role") in ("copy", "translation") for g in gold)
    grain = (lambda r: "rewrite" if r in ("copy", "translation") else r) if coarse else (lambda r: r)
    roles = [(g["role"], grain(role_of.get(g["id"]))) for g in gold if g.get("role")]
    # splices: the secondary family named must be the predicted family of the gold secondary family
    majority = {}
    for fam_id, rows in by_family.items():
        votes = Counter(pred.get(g["id"]) for g in rows if pred.get(g["id"]))
        majority[fam_id] = votes.most_common(1)[0][0] if votes else None
    splice_gold = [g for g in gold if g.get("secondary_family")]
    splice_hit = sum(1 for g in splice_gold if majority.get(g["secondary_family"]) in secondary_of.get(g["id"], []))
    splice_flagged = sum(1 for gid, fams in secondary_of.items() if fams)
    wrong_pairs = sorted({(g["family"], pred.get(g["id"])) for g in gold})
    return {
        "articles": len(gold), "families": len(by_family),
        "predicted_families": len({pred[g] for g in pred}),
        "bcubed": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
        "origin_accuracy": round(origin_ok / len(by_family), 4) if by_family else 0.0,
        "origin_accuracy_present": round(present_ok / present, 4) if present else None,
        "origin_present_families": present,
        "origin_errors": origin_errors,
        "cross_language_pairs": len(cross),
        "cross_language_pair_recall": round(cross_hit / len(cross), 4) if cross else None,
        "fabricated_quotes": {"flagged": len(flagged), "correct": fq_tp, "gold": fq_gold,
                              "precision": round(fq_tp / len(flagged), 4) if flagged else None,
                              "recall": round(fq_found / fq_gold, 4) if fq_gold else None},
        "splices": {"gold": len(splice_gold), "found": splice_hit, "flagged": splice_flagged},
        "role_accuracy": round(sum(1 for a, b in roles if a == b) / len(roles), 4) if roles else None,
        "assignments": [{"gold": a, "predicted": b} for a, b in wrong_pairs],
    }


def evaluate_families(gold_path: str | Path, *, settings: Settings | None = None, db: str | None = None) -> dict:
    """Analyse the gold articles into a fresh database (or `db`), trace, and score."""
    from ..jobs import analyze_paths, trace_db
    from ..store import Store

    settings = settings or Settings.load()
    gold = load_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "families.db")
        report = analyze_paths([str(gold_path)], db=path, settings=settings)
        if report.errors:
            raise ValueError("; ".join(report.errors[:3]))
        trace_db(path, settings=settings)
        with Store(path, readonly=True) as store:
            id_of = tables.external_ids(store.conn)
            from ..present.trace import families_json
            families = families_json(store)["families"]
            quotes: dict[str, list[str]] = defaultdict(list)
            for aid, text in tables.fabricated_quotes(store.conn):
                quotes[id_of[aid]].append(text)
    out = score(gold, families, quotes, id_of)
    out["gold"] = str(gold_path)
    return out


def render_family_report(console: Console, report: dict) -> None:
    t = Table(title=f"families: {report['gold']} ({report['articles']} articles, {report['families']} gold families, "
                    f"{report['predicted_families']} predicted)")
    t.add_column("measure")
    t.add_column("value", justify="right")
    b = report["bcubed"]
    t.add_row("B-cubed precision / recall / F1", f"{b['precision']:.3f} / {b['recall']:.3f} / {b['f1']:.3f}")
    t.add_row("origin accuracy (every gold family, single articles too)", f"{report['origin_accuracy']:.3f}")
    if report.get("origin_accuracy_present") is not None:
        t.add_row(f"origin accuracy ({report['origin_present_families']} families of 2+ with their origin present)",
                  f"{report['origin_accuracy_present']:.3f}")
    cl = report["cross_language_pair_recall"]
    t.add_row(f"cross-language pair recall ({report['cross_language_pairs']} pairs)", "n/a" if cl is None else f"{cl:.3f}")
    fq = report["fabricated_quotes"]
    t.add_row(f"fabricated-quote precision ({fq['correct']}/{fq['flagged']} flagged)",
              "n/a" if fq["precision"] is None else f"{fq['precision']:.3f}")
    t.add_row(f"fabricated-quote recall ({fq['gold']} gold)", "n/a" if fq["recall"] is None else f"{fq['recall']:.3f}")
    sp = report["splices"]
    t.add_row("spliced rewrites: secondary family found / gold / flagged", f"{sp['found']} / {sp['gold']} / {sp['flagged']}")
    if report.get("role_accuracy") is not None:
        t.add_row("member role accuracy", f"{report['role_accuracy']:.3f}")
    console.print(t)
    for e in report["origin_errors"]:
        console.print(f"origin wrong in gold family {e['family']}: gold {e['gold']}, predicted {e['predicted']}", markup=False)
