"""RSS and Atom feed files with feedparser: one article per entry (never fetched over the network)."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
from lxml import html as lxml_html

from ..errors import Errors, InputError
from .html import read_html
from .raw import RawArticle


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    """Entries of a feed document.  A feed feedparser cannot read at all is one W007 error."""
    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        yield InputError(Errors.W007.format(detail=str(parsed.get("bozo_exception", "unreadable"))), source=path)
        return
    site_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
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
