"""From a raw article to an `Article` with identity, site, publication date and language."""

from __future__ import annotations

import re
import unicodedata

from ..model import Article
from .dates import date_from_dateline, date_from_url, parse_datetime
from .identity import article_id, content_hash, normalize_url, site_of
from .language import detect_language
from .raw import RawArticle

_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """NFC, no zero-width characters, no trailing blank lines: the text as stored and offset into."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip("\n")


def prepare(raw: RawArticle) -> Article:
    """Fill identity and metadata: published from the field, then HTML meta, then the URL path, then a dateline."""
    text = clean_text(raw.text)
    url = raw.url.strip() if raw.url else None
    norm = normalize_url(url)
    text_hash = content_hash(text)
    identity = norm or f"sha256:{text_hash}"
    published = parse_datetime(raw.published)
    published_source = raw.published_source if published else None
    if not published:
        published = date_from_url(url)
        published_source = "url" if published else None
    if not published:
        published = date_from_dateline(text)
        published_source = "dateline" if published else None
    site = raw.site or site_of(url)
    lang = (raw.lang or "").lower()[:2] or detect_language(text)
    return Article(
        id=article_id(identity, text_hash),
        text=text,
        url=url,
        external_id=raw.external_id,
        site=site,
        title=raw.title.strip() if raw.title else None,
        published=published,
        published_source=published_source,
        lang=lang,
        identity=identity,
        content_hash=text_hash,
        source_path=raw.source,
        metadata=dict(raw.metadata),
    )
