"""JSON-lines and CSV corpora: one article a record, fields id/url/title/text|html/published/site/lang."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ..errors import Errors, InputError
from .html import read_html
from .raw import RawArticle

KNOWN_FIELDS = ("id", "url", "title", "text", "html", "published", "site", "lang")


def record_to_article(rec: dict, *, source: str) -> RawArticle:
    """One record to a RawArticle; unknown fields are kept as metadata."""
    if not isinstance(rec, dict):
        raise InputError(Errors.W005.format(detail="a line is not a JSON object"), source=source)
    text, markup = rec.get("text"), rec.get("html")
    url = rec.get("url") or None
    if isinstance(text, str) and text.strip():
        raw = RawArticle(text=text, source=source, url=url)
    elif isinstance(markup, str) and markup.strip():
        raw = read_html(markup, source=source, url=url)
    else:
        raise InputError(Errors.W006, source=source)
    raw.title = rec.get("title") or raw.title
    if rec.get("published"):
        raw.published, raw.published_source = rec["published"], "field"
    raw.site = rec.get("site") or raw.site
    raw.lang = rec.get("lang") or None
    raw.external_id = str(rec["id"]) if rec.get("id") not in (None, "") else None
    raw.metadata.update({k: v for k, v in rec.items() if k not in KNOWN_FIELDS})
    return raw


def read_jsonl(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(Errors.W005.format(detail=exc.msg), source=path, line=n)
            continue
        try:
            yield record_to_article(rec, source=source)
        except InputError as exc:
            yield InputError(exc.message, source=path, line=n)


def read_csv(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    try:
        reader = csv.DictReader(io.StringIO(text))
        fields = reader.fieldnames or []
    except csv.Error as exc:
        yield InputError(Errors.W009.format(detail=str(exc)), source=path)
        return
    if "text" not in fields and "html" not in fields:
        yield InputError(Errors.W009.format(detail="no 'text' or 'html' column"), source=path)
        return
    line = 1
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(Errors.W009.format(detail=str(exc)), source=path, line=reader.line_num)
            return
        line = reader.line_num
        if None in rec:  # more cells than headers
            yield InputError(Errors.W009.format(detail="more cells than columns"), source=path, line=line)
            continue
        try:
            yield record_to_article(rec, source=f"{path}:{line}")
        except InputError as exc:
            yield InputError(exc.message, source=path, line=line)
