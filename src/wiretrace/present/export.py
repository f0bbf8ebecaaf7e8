"""Exports: every stored article as JSON lines (the JSON contract) or claims as CSV rows. Never capped."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Article

CLAIM_COLUMNS = ("article_id", "url", "site", "published", "lang", "seq", "kind", "speaker", "speaker_kb_id",
                 "speaker_descriptor", "speaker_side", "relay", "cue", "hedged", "hedges", "claim", "start", "end")


def article_json(art: Article) -> str:
    return json.dumps(art.to_dict(), ensure_ascii=False)


def write_jsonl(articles: Iterable[Article], out: TextIO) -> int:
    n = 0
    for art in articles:
        out.write(article_json(art) + "\n")
        n += 1
    return n


def write_claims_csv(articles: Iterable[Article], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CLAIM_COLUMNS)
    n = 0
    for art in articles:
        for seq, c in enumerate(art.claims):
            sp = c.speaker
            writer.writerow([art.id, art.url or "", art.site or "", art.published or "", art.lang, seq, c.kind,
                             (sp.name if sp else "") or "", (sp.kb_id if sp else "") or "", (sp.descriptor if sp else "") or "",
                             sp.side if sp else "", "; ".join(r.name for r in c.relays), c.cue.text if c.cue else "",
                             int(c.hedged), "; ".join(c.hedges), c.text, c.start, c.end])
            n += 1
    return n
