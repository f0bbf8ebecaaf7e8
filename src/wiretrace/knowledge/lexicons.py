"""Word lists shipped as data (knowledge/data/*.jsonl): one JSON object a line, its `patterns` a list of regular
expressions that together are one whole-word expression, case-insensitive unless the record says `"case": true`.
A record may say how the expression is bounded: `"bounded": true` (the default: no word character right before or
after it), `"start"` (none right before: a Korean noun with its particle glued after, "러시아군이") or `false` (none
checked: Japanese, written without spaces, glues a word to its neighbours).  The terminology lexicon of framing
(terms.jsonl), the event triggers (events.jsonl), and the force names and prospective markers of events
(forces.jsonl, prospective.jsonl) are read this way."""

from __future__ import annotations

import json
import re
from importlib import resources


def pattern_lexicon(filename: str) -> list[tuple[dict, re.Pattern]]:
    """The records of knowledge/data/FILENAME, each with its patterns compiled into one expression (the longest
    alternative is not preferred: callers that need it sort their matches)."""
    out = []
    text = resources.files("wiretrace.knowledge").joinpath("data", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        alternatives = "|".join(f"(?:{p})" for p in record["patterns"])
        flags = 0 if record.get("case") else re.IGNORECASE
        bounded = record.get("bounded", True)
        if bounded not in (True, False, "start"):
            raise ValueError(f"{filename}: record {record.get('id')!r}: bounded must be true, false or \"start\"")
        before = r"(?<!\w)" if bounded else ""
        after = r"(?!\w)" if bounded is True else ""
        out.append((record, re.compile(rf"{before}(?:{alternatives}){after}", flags)))
    return out
