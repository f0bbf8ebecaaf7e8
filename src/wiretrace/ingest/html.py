"""HTML pages: main text, title, date, site name and canonical URL with trafilatura."""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from ..errors import Errors, InputError
from .decode import decode_bytes
from .raw import RawArticle

_META_TIME = ("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date")


def _meta_published(markup: str) -> str | None:
    """Full timestamp from the page's meta tags (trafilatura keeps only the day)."""
    try:
        tree = lxml_html.fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key in _META_TIME and meta.get("content"):
            return meta.get("content")
    return None


def read_html(markup: str, *, source: str, url: str | None = None) -> RawArticle:
    """One article from a page.  Raises InputError(W008) when no main text is found."""
    if not re.search(r"<[a-zA-Z!]", markup):
        raise InputError(Errors.W008, source=source)
    doc = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None or not (doc.text or "").strip():
        raise InputError(Errors.W008, source=source)
    published = _meta_published(markup) or doc.date
    return RawArticle(
        text=doc.text,
        source=source,
        url=url or doc.url,
        title=doc.title,
        published=published,
        site=None,
        metadata={k: v for k, v in (("sitename", doc.sitename), ("author", doc.author), ("description", doc.description)) if v},
        published_source="html" if published else None,
    )


_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


def decode_markup(data: bytes, content_type: str, *, source: str) -> str:
    """A fetched or archived page's bytes as text: the charset its HTTP Content-Type declares, else what
    `decode_bytes` finds.  Raises InputError (W002, W004)."""
    declared = _CHARSET.search(content_type or "")
    if declared:
        try:
            return data.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, source=source)
