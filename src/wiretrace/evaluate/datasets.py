"""Evaluation data sets, each a small class with `records()`, listed in one table (textacy's habit).

- `GoldJsonl`: wiretrace's own gold files (examples/gold/*.jsonl): one document a
  line, `{"doc": path relative to the gold file | "text": ..., "lang", "published",
  "claims": [{"speaker": kb id or name, "text": a substring of the content, "kind"}]}`;
  or, as realdev has it, `"speakers": ["Andrei Marochko", "Neil (callsign)"]` (the named
  persons the article attributes statements to) in place of `claims`.
- `PolNeAR`: a PolNeAR v1.0 split directory (text/ and attributions/ in brat standoff).
- `CaseEvents`: CASE 2021 shared task 2, a tab-separated file of event snippets (`id`, `EventSnippet`,
  `SubType`), each labelled with one of 30 ACLED-based event types.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors
from ..ingest.decode import decode_bytes


@dataclass
class GoldClaim:
    speaker: str | None
    content: list[tuple[int, int]]
    kind: str | None = None
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldDoc:
    name: str
    text: str
    lang: str | None
    claims: list[GoldClaim]
    published: str | None = None
    speakers: list[str] | None = None  # named persons only, for gold that lists speakers instead of claims
    terms: list[dict] | None = None  # side-coded term uses: text, concept, side, voice (framing gold)
    events: list[dict] | None = None  # claimed events: type, place (as written, or null), controller, denied


class GoldJsonl:
    name = "wiretrace-gold"

    def __init__(self, path: Path):
        self.path = Path(path)

    def records(self) -> list[GoldDoc]:
        docs = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(Errors.E024.format(path=self.path, detail=f"line {n}: {exc.msg}")) from None
            if "text" in rec:
                text, name = rec["text"], rec.get("id", f"line {n}")
            else:
                doc_path = (self.path.parent / rec["doc"]).resolve()
                if not doc_path.exists():
                    raise ValueError(Errors.E024.format(path=self.path, detail=f"line {n}: no document {rec['doc']}"))
                text, name = decode_bytes(doc_path.read_bytes(), source=str(doc_path)), rec["doc"]
            from ..ingest import clean_text

            text = clean_text(text)
            claims = []
            for c in rec.get("claims", []):
                start = text.find(c["text"])
                if start < 0:
                    raise ValueError(Errors.E024.format(path=self.path, detail=f"line {n}: claim text not in document: {c['text'][:60]!r}"))
                claims.append(GoldClaim(c.get("speaker"), [(start, start + len(c["text"]))], c.get("kind")))
            speakers = rec.get("speakers") if "claims" not in rec and isinstance(rec.get("speakers"), list) else None
            terms = rec.get("terms") if isinstance(rec.get("terms"), list) else None
            for t in terms or []:
                if t.get("text") not in text:
                    raise ValueError(Errors.E024.format(path=self.path, detail=f"line {n}: term not in document: {t.get('text')!r}"))
            events = rec.get("events") if isinstance(rec.get("events"), list) else None
            for e in events or []:
                if e.get("place") and e["place"] not in text:
                    raise ValueError(Errors.E024.format(path=self.path, detail=f"line {n}: event place not in document: {e['place']!r}"))
            docs.append(GoldDoc(name, text, rec.get("lang"), claims, rec.get("published"), speakers, terms, events))
        return docs


_SPAN = re.compile(r"(\d+) (\d+)")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")


class PolNeAR:
    """One split of PolNeAR v1.0.  Where two annotators marked a text, the first file by name is used."""

    name = "polnear"

    def __init__(self, path: Path):
        self.path = Path(path)
        if not (self.path / "text").is_dir() or not (self.path / "attributions").is_dir():
            raise ValueError(Errors.E024.format(path=self.path, detail="not a PolNeAR split (needs text/ and attributions/)"))

    def records(self) -> list[GoldDoc]:
        ann_by_doc: dict[str, list[Path]] = defaultdict(list)
        for ann in sorted((self.path / "attributions").glob("*.ann")):
            ann_by_doc[ann.stem.rsplit("_", 1)[0]].append(ann)
        docs = []
        for txt in sorted((self.path / "text").glob("*.txt")):
            anns = ann_by_doc.get(txt.stem)
            if not anns:
                continue
            text = txt.read_text(encoding="utf-8")
            docs.append(GoldDoc(txt.stem, text, "en", self._read_ann(anns[0])))
        return docs

    @staticmethod
    def _read_ann(path: Path) -> list[GoldClaim]:
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        relations = []
        for line in path.read_text(encoding="utf-8").splitlines():
            # a span's text may hold line breaks, so continuation lines match neither pattern
            m = _T_LINE.match(line)
            if m:
                spans[m.group(1)] = (m.group(2), [(int(a), int(b)) for a, b in _SPAN.findall(m.group(3))])
                continue
            m = _E_LINE.match(line)
            if m:
                relations.append(dict(a.split(":", 1) for a in m.group(1).split() if ":" in a))
        out = []
        for rel in relations:
            content = spans.get(rel.get("Content", ""), ("", []))[1]
            if not content:
                continue
            source = spans.get(rel.get("Source", ""), ("", []))[1]
            cue = spans.get(rel.get("Cue", ""), ("", []))[1]
            out.append(GoldClaim(speaker=None, content=content, source=source, cue=cue))
        return out


@dataclass
class EventSnippet:
    name: str
    text: str
    event_type: str


class CaseEvents:
    """CASE 2021 task 2: one snippet a row, its event type in `SubType` (the columns are found by name)."""

    name = "case2021"
    COLUMNS = ("EventSnippet", "SubType")

    def __init__(self, path: Path):
        self.path = Path(path)

    def records(self) -> list[EventSnippet]:
        csv.field_size_limit(1 << 30)
        text = decode_bytes(self.path.read_bytes(), source=str(self.path))
        rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in self.COLUMNS if c not in (rows.fieldnames or [])]
        if missing:
            raise ValueError(Errors.E024.format(path=self.path, detail=f"no column {', '.join(missing)} (a CASE 2021 "
                                                "task 2 file has id, EventSnippet and SubType)"))
        out = []
        for n, row in enumerate(rows, 2):
            snippet, label = (row.get("EventSnippet") or "").strip(), (row.get("SubType") or "").strip()
            if not snippet or not label:
                raise ValueError(Errors.E024.format(path=self.path, detail=f"line {n}: empty snippet or type"))
            out.append(EventSnippet(row.get("id") or f"line {n}", snippet, label))
        return out


DATASETS = {"wiretrace-gold": GoldJsonl, "polnear": PolNeAR, "case2021": CaseEvents}


def open_dataset(path: Path):
    """The data set class that reads `path`: a directory is PolNeAR, a .tsv file CASE 2021 event snippets, a
    .jsonl file wiretrace gold."""
    path = Path(path)
    if path.is_dir():
        return PolNeAR(path)
    if path.suffix.lower() == ".tsv":
        return CaseEvents(path)
    return GoldJsonl(path)
