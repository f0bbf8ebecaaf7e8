"""Rewrite signals of one article: the marks a machine rewrite leaves.

Mixed-script words, one-sentence paragraphs, paragraphs reused across
unrelated families (boilerplate), several spellings of one person within its
family, and the drift between a date it names and its origin's date.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..knowledge.variants import fold
from ..model import Article
from .diff import MemberDiff
from .fingerprints import Fingerprint


def boilerplate_keys(fps: dict[str, Fingerprint], family_of: dict[str, str]) -> set[str]:
    """Paragraph keys that occur in two families or more."""
    seen: dict[str, set[str]] = defaultdict(set)
    for aid, fp in fps.items():
        fid = family_of.get(aid)
        if fid:
            for key in fp.paragraph_keys:
                seen[key].add(fid)
    return {k for k, fams in seen.items() if len(fams) > 1}


def name_variants(articles: list[Article]) -> dict[str, list[str]]:
    """kb id -> the Latin-script spellings of that person's surname seen across the family, when more than one."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for art in articles:
        for e in art.entities:
            if e.kb_id and e.kb_id.startswith("person:") and not any("\u0400" <= ch <= "\u04ff" for ch in e.text):
                spellings[e.kb_id].add(e.text.split()[-1])
    out = {}
    for kb_id, names in spellings.items():
        distinct = {fold(n) for n in names}
        if len(distinct) > 1:
            out[kb_id] = sorted(names)
    return out


def _day(value: str, year: int) -> date | None:
    try:
        return date.fromisoformat(value) if not value.startswith("--") else date(year, int(value[2:4]), int(value[5:7]))
    except ValueError:
        return None


def date_drift(d: MemberDiff, origin_published: str | None) -> float | None:
    """Largest gap in days between a day the member names and the origin's days (None when it names none that differ)."""
    if not origin_published or len(origin_published) < 10:
        return None
    year = int(origin_published[:4])
    worst = None
    for ch in d.changes:
        if ch.kind != "date":
            continue
        mine = _day(ch.member_text, year)
        theirs = [x for x in (_day(f"--{t.strip()}", year) for t in (ch.origin_text or "").split(",") if t.strip()) if x]
        if mine and theirs:
            gap = min(abs((mine - t).days) for t in theirs)
            worst = gap if worst is None else max(worst, gap)
    return float(worst) if worst is not None else None


def article_signals(fp: Fingerprint, art: Article, family_names: dict[str, list[str]], boilerplate: set[str],
                    d: MemberDiff | None, origin_published: str | None) -> dict:
    mine = {e.kb_id for e in art.entities if e.kb_id}
    return {
        "mixed_script_words": list(fp.mixed_script),
        "one_sentence_paragraph_share": round(fp.n_one_sentence_paragraphs / fp.n_paragraphs, 3) if fp.n_paragraphs else None,
        "boilerplate_paragraphs": sum(1 for k in fp.paragraph_keys if k in boilerplate),
        "name_variants": {k: v for k, v in family_names.items() if k in mine},
        "date_drift_days": date_drift(d, origin_published) if d else None,
        "added_sentences": d.added if d else None,
        "fabricated_quotes": sum(1 for c in d.changes if c.kind == "fabricated_quote") if d else None,
    }
