"""Article identity: a normalised URL when there is one, else a hash of the text."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract
from url_normalize import url_normalize

# Offline: the Public Suffix List snapshot shipped inside tldextract, never fetched.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|yclid$|mc_|ref$|ref_src$|_ga$|from$)")


def normalize_url(url: str | None) -> str | None:
    """Canonical form of a URL for identity: lower-case host, no 'www.', no fragment or tracking params."""
    if not url or not re.match(r"^https?://", url.strip(), re.I):
        return None
    try:
        norm = url_normalize(url.strip())
    except Exception:  # url_normalize raises on malformed hosts; such a URL is no identity
        return None
    parts = urlsplit(norm)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, query, ""))


def site_of(url: str | None) -> str | None:
    """The registered domain of a URL ('news.pravda-de.com' -> 'pravda-de.com')."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    ext = _EXTRACT(host)
    if ext.domain and ext.suffix:
        return f"{ext.domain}.{ext.suffix}".lower()
    return host.lower()


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace collapsed, so re-saved files hash alike."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def article_id(identity: str, text_hash: str) -> str:
    """Short stable id of one article version (identity + content)."""
    return hashlib.sha256(f"{identity}\n{text_hash}".encode()).hexdigest()[:16]
