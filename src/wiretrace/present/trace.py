"""Trace results as the JSON contract and as terminal tables.

JSON contract of `wiretrace trace --json` (keys may be added, never removed):
{"families": [{"id", "origin": {"article_id" | null, "url" | null, "outlet" | null, "published", ...},
               "members": [{"article_id", "url", "site", "published", "lag_hours", "role", "parent", "evidence": [...]}]}]}
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..link.scorer import COPY_JACCARD, SHARED_QUOTE, SHARED_QUOTE_WORDS

from ..store import Store, tables
from ..store.trace import signals_of


def families_json(store: Store, *, since: str | None = None, until: str | None = None, min_size: int = 1,
                  family_id: str | None = None) -> dict:
    """Every family (origin or earliest member published within [since, until]; or the one `family_id`) with its
    members, as the JSON contract."""
    fams = tables.families(store.conn, since=since, until=until, min_size=min_size, family_id=family_id)
    out = []
    for f in fams:
        members = tables.family_members(store.conn, f["id"])
        changes = tables.change_counts(store.conn, f["id"])
        out.append({
            "id": f["id"],
            "origin": {"article_id": f["origin_article_id"], "url": f["origin_url"], "outlet": f["origin_outlet"],
                       "published": f["origin_published"], "in_corpus": bool(f["origin_in_corpus"]),
                       "outlet_type": f["origin_outlet_type"], "earliest_member": f["earliest_member"]},
            "lead_speaker": f["lead_speaker"],
            "languages": [x for x in (f["languages"] or "").split(",") if x],
            "size": f["size"],
            "members": [{
                "article_id": m["article_id"], "url": m["url"], "site": m["site"], "published": m["published"],
                "lang": m["lang"], "title": m["title"], "lag_hours": m["lag_hours"], "role": m["role"], "parent": m["parent_id"],
                "probability": m["probability"], "via": m["via"], "evidence": json.loads(m["evidence_json"]),
                "secondary": json.loads(m["secondary_json"]),
                "diff": None if m["supported"] is None else {"supported": m["supported"], "added": m["added"],
                                                             "unverified": m["unverified"], "changes": changes.get(m["article_id"], {})},
                "signals": signals_of(m),
            } for m in members],
        })
    return {"families": out}


def _origin_label(o: dict) -> str:
    if o["in_corpus"]:
        return f"{o['outlet'] or '?'} {o['article_id'][:12]}"
    return f"{o['outlet']}, not in corpus"


def print_families(console: Console, data: dict, *, singletons: int = 0, limit: int | None = None) -> None:
    """One block per family: the origin line, then one line per member in publication order; with `limit`, only
    the largest families, then how many more there are."""
    fams = data["families"]
    hidden = 0
    if limit is not None and len(fams) > limit:
        keep = {id(f) for f in sorted(fams, key=lambda f: -f["size"])[:limit]}
        hidden = len(fams) - limit
        fams = [f for f in fams if id(f) in keep]
    short = {m["article_id"]: m["article_id"][:8] for f in fams for m in f["members"]}
    for f in fams:
        o = f["origin"]
        head = Text(f"{f['id']}", style="bold")
        head.append(f"  origin {_origin_label(o)}")
        if o.get("published"):
            head.append(f", {o['published'][:16].replace('T', ' ')}")
        head.append(f"  lead speaker {f['lead_speaker'] or '?'}  {f['size']} members  {','.join(f['languages'])}")
        console.print(head)
        width = max(24, *(len(m["site"] or "?") for m in f["members"]))  # whole names: two sites never look alike
        for m in sorted(f["members"], key=lambda m: m["lag_hours"] is None):  # undated members apart, last
            lag = "date unknown" if m["lag_hours"] is None else f"{m['lag_hours']:+.1f}h"
            line = Text(f"  {lag:>12}  {short[m['article_id']]}  {m['site'] or '?':{width}} {m['lang']:3} {m['role']:12}")
            if m["parent"] and m["parent"] != o.get("article_id"):
                line.append(f" after {short.get(m['parent'], m['parent'][:8])}")
            ch = ((m.get("diff") or {}).get("changes")) or {}
            bits = [f"{k.replace('_', ' ')} {v}" for k, v in sorted(ch.items()) if k != "added_sentence"]
            if ch.get("added_sentence"):
                bits.insert(0, f"added {ch['added_sentence']}")
            if bits:
                line.append("  " + ", ".join(bits), style="red" if ch.get("fabricated_quote") else "yellow")
            if m["secondary"]:
                line.append("  spliced with " + ", ".join(x["family_id"] for x in m["secondary"]), style="magenta")
            console.print(line)
        console.print()
    console.print(f"{len(fams)} families shown" + (f" (the largest); {hidden} more (--all shows every one)" if hidden else "")
                  + (f"; {singletons} single-article families hidden (--min-size 1 shows them)" if singletons else ""),
                  markup=False)


def explain(signal: str, value: float, weight: float, shared: list) -> str:
    """One signal of `why` in words: what the value means for this pair and why it pushes as it does."""
    both = ", ".join(map(str, shared[:4]))
    on = value > 0
    if signal == "minhash":
        return (f"{value:.0%} of the leads' word 3-grams shared; a rule, not a weight: from {COPY_JACCARD:.0%} the two "
                "are copies and link unless their leads quote different people, figures or days")
    if signal == "quotes":
        base = f"best match between quotes of {SHARED_QUOTE_WORDS}+ words: {value:.0%}"
        return base + (f"; from {SHARED_QUOTE:.0%} a rule links them (one statement)" if value >= SHARED_QUOTE else "")
    words = {
        "same_lead_speaker": ("both leads quote " + both, "the leads do not quote the same person"),
        "lead_speaker_conflict": ("the leads quote different people (" + both + "): another statement",
                                  "no disagreement on who is quoted"),
        "persons": (f"{value:.0%} of the people named are shared"
                    + ("; it pushes against because the same lead speaker already counts them and a speaker's other "
                       "statements name the same people" if weight < 0 else ""), "no person shared"),
        "places": (f"{value:.0%} of the settlements named are shared ({both})", "no settlement shared"),
        "numbers": (f"figures shared: {both}", "no figure shared"),
        "number_conflict": (f"both give figures and share none ({both}): mostly another statement",
                            "no conflict of figures"),
        "same_day": (f"a calendar day named in both ({both})", "no day named in both"),
        "day_conflict": (f"both name days and share none ({both}); rewrites name background days, so it weighs "
                         "little", "no conflict of days"),
        "cosine": (f"wording: TF-IDF cosine {value:.2f} of their stems (Cyrillic romanised)", "no shared wording"),
        "names": (f"{value:.0%} of the lighter article's names (consonant skeletons, any script) are in the other",
                  "no name shared"),
        "cross_language_names": ("the names again, for a pair in two languages", "same language, or no name shared"),
        "meaning": (f"multilingual sentence-embedding cosine {value:.2f}", "no embeddings (optional extra)"),
        "gap_days": (f"{value:.1f} days apart (capped at the window)", "published within the hour"),
        "cross_language": ("written in two languages (translations share no wording)", "same language"),
        "undated": ("one has no publication date: the gap is read from the days it names, else assumed",
                    "both dated"),
    }
    yes, no = words.get(signal, (f"value {value:.3f}", f"value {value:.3f}"))
    return yes if on else no


def print_why(console: Console, a: dict, b: dict, ps, threshold: float, fam_a: str | None, fam_b: str | None) -> None:
    verdict = "link" if ps.probability >= threshold else "no link"
    console.print(f"{a['id']} ({a['site']}, {a['lang']}, {a['published']})", markup=False)
    console.print(f"{b['id']} ({b['site']}, {b['lang']}, {b['published']})", markup=False)
    console.print(f"pair probability {ps.probability:.3f} against threshold {threshold:.3f}: {verdict}", markup=False)
    console.print(f"families: {fam_a or 'not traced'} / {fam_b or 'not traced'}" + (" (same family)" if fam_a and fam_a == fam_b else ""), markup=False)
    t = Table()
    t.add_column("signal")
    t.add_column("value", justify="right")
    t.add_column("push", justify="right")
    t.add_column("what it means", overflow="fold")
    for item in ps.evidence()[1:]:
        w = item["weight"]
        style = "green" if w > 0.05 else "red" if w < -0.05 else ""
        t.add_row(item["signal"], f"{item['value']:.3f}", Text(f"{w:+.2f}", style=style),
                  Text(explain(item["signal"], item["value"], w, item.get("shared", []))))
    console.print(t)


def print_diff(console: Console, art, d: dict) -> None:
    """One member's diff (store.trace.article_diff): membership, sentences by status, changes, rewrite signals."""
    row, member, signals = d["row"], d["member"], d["signals"]
    if member:
        parent = f", parent {member['parent_id']}" if member["parent_id"] else ""
        lag = "date unknown" if member["lag_hours"] is None else f"lag {member['lag_hours']} h"
        console.print(f"family {member['family_id']}, role {member['role']}{parent}, {lag}", markup=False)
    if row is None:
        console.print(f"{art.id}: no diff (an origin, a single-article family, or not traced yet: run `wiretrace trace`)", markup=False)
        return
    console.print(f"{art.id} ({art.site}, {art.lang}) against {row['against']}: {row['supported']} sentences supported, "
                  f"{row['added']} added, {row['unverified']} unverified", markup=False)
    for s in d["sentences"]:
        style = {"supported": "green", "added": "red", "unverified": "yellow"}[s["status"]]
        console.print(Text(f"[{s['status']:>10}] ", style=style) + Text(art.text[s["start"]:s["end"]]))
    shown = [c for c in d["changes"] if c["kind"] != "added_sentence"]
    if shown:
        t = Table(title="changes against the origin")
        t.add_column("kind")
        t.add_column("in the rewrite")
        t.add_column("in the origin")
        t.add_column("detail")
        for c in shown:
            t.add_row(c["kind"], c["member_text"] or "", (c["origin_text"] or "")[:120], c["detail"] or "")
        console.print(t)
    if signals:
        bits = [f"one-sentence paragraphs {signals['one_sentence_paragraph_share']:.0%}"
                if signals["one_sentence_paragraph_share"] is not None else "",
                f"boilerplate paragraphs {signals['boilerplate_paragraphs']}" if signals["boilerplate_paragraphs"] else "",
                f"mixed-script words {', '.join(signals['mixed_script_words'])}" if signals["mixed_script_words"] else "",
                "name variants in the family " + "; ".join(f"{k}: {', '.join(v)}" for k, v in signals["name_variants"].items())
                if signals["name_variants"] else "",
                f"date drift {signals['date_drift_days']:.0f} days" if signals["date_drift_days"] else ""]
        console.print("rewrite signals: " + "; ".join(b for b in bits if b), markup=False)
