"""RSS and Atom feed files with feedparser: one article per entry (never fetched over the network)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser
from lxml import html as lxml_html

from ..errors import Errors, InputError
from .html import read_html
from .raw import RawArticle


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


_ENTRY_OPEN = re.compile(r"<(?:item|entry)[\s>]", re.I)
_ENTRY_CLOSE = re.compile(r"</(?:item|entry)\s*>", re.I)
_FEED_CLOSE = re.compile(r"</(?:rss|feed|rdf:rdf)\s*>", re.I)


def read_feed(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    """Entries of a feed document.  A feed feedparser cannot read at all is one W007 error; so is a feed cut off
    (a file that ends before its closing tag), whose last entry is not read when the file ends inside it."""
    parsed = feedparser.parse(text)
    entries = parsed.entries
    cut = not _FEED_CLOSE.search(text)
    opened, closed = [m.start() for m in _ENTRY_OPEN.finditer(text)], [m.start() for m in _ENTRY_CLOSE.finditer(text)]
    cut_entry = cut and entries and opened and (not closed or opened[-1] > closed[-1])
    if cut_entry:
        entries = entries[:-1]
    if parsed.bozo and not entries and not cut_entry:
        yield InputError(Errors.W007.format(detail=str(parsed.get("bozo_exception", "unreadable"))), source=path)
        return
    site_title = parsed.feed.get("title")
    for n, entry in enumerate(entries, 1):
        source = f"{path}#entry{n}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        if not body.strip():
            yield InputError(Errors.W001, source=source)
            continue
        try:
            raw = read_html(f"<html><body><article>{body}</article></body></html>", source=source, url=entry.get("link"))
        except InputError:
            # Entries too short for trafilatura's boilerplate model: keep their plain text.
            try:
                plain = lxml_html.fromstring(body).text_content()
            except (ValueError, lxml_html.etree.ParserError):
                plain = body
            raw = RawArticle(text=plain, source=source, url=entry.get("link"))
        raw.title = entry.get("title") or raw.title
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            raw.published, raw.published_source = stamp, "field"
        raw.external_id = entry.get("id")
        if site_title:
            raw.metadata["feed_title"] = site_title
        yield raw
    if cut_entry:
        yield InputError(Errors.W007.format(detail="the file ends inside this entry (cut off); it is not read"),
                         source=f"{path}#entry{len(entries) + 1}")
    elif cut:
        yield InputError(Errors.W007.format(detail=f"the file ends before the feed's closing tag (cut off) after "
                                                   f"{len(entries)} entries; any later ones are missing"), source=path)
