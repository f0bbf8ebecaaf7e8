"""Word lists shipped as data (knowledge/data/*.jsonl): one JSON object a line, its `patterns` a list of regular
expressions that together are one whole-word expression, case-insensitive unless the record says `"case": true`.
The terminology lexicon of framing (terms.jsonl) and the event triggers (events.jsonl) are read this way."""

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
        out.append((record, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)))
    return out
