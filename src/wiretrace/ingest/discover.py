"""Which article pages a watched source lists: a feed, a sitemap, or a site's home page (its announced feeds;
else the sitemaps its robots.txt names; else the usual sitemap addresses).

The parsing is trafilatura's (`feeds.extract_links`, `feeds.determine_feed`, `sitemaps.SitemapObject`);
the fetching is wiretrace's polite `Fetcher`, so robots.txt, the per-host delay and conditional GET apply
to sources as to pages (trafilatura's own `find_feed_urls` and `sitemap_search` would fetch with their own
client).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from trafilatura.feeds import FeedParameters, determine_feed, extract_links
from trafilatura.sitemaps import GUESSES, SitemapObject

MAX_SITEMAPS = 20  # nested sitemaps followed per source and round
_SITEMAP = re.compile(r"<(?:\w+:)?(?:urlset|sitemapindex)\b")
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b")


@dataclass
class Listing:
    """What one source lists this round."""

    source: str
    kind: str = "unknown"  # feed / sitemap / home page
    links: list[str] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False
    visits: list = field(default_factory=list)  # every Fetched, for the fetches table


def _params(url: str) -> FeedParameters:
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    return FeedParameters(base, parts.netloc, url)


def _text(page) -> str:
    from .html import decode_markup

    return decode_markup(page.body, page.headers.get("content-type", ""), source=page.url)


def list_source(url: str, fetcher, *, etag: str | None = None, last_modified: str | None = None) -> Listing:
    """The article links a source lists now (feeds and sitemaps of a home page followed)."""
    listing = Listing(url)
    page = fetcher.fetch(url, etag=etag, last_modified=last_modified)
    listing.visits.append(page)
    if page.skipped or page.error:
        listing.error = page.skipped or page.error
        return listing
    if page.not_modified:
        listing.not_modified = True
        return listing
    try:
        text = _text(page)
    except ValueError as exc:
        listing.error = str(exc)
        return listing
    head = text[:2000]
    final = page.final_url or url
    if _FEED.search(head):
        listing.kind = "feed"
        listing.links = extract_links(text, _params(final))
    elif _SITEMAP.search(head):
        listing.kind = "sitemap"
        listing.links = _sitemap_links(final, text, fetcher, listing)
    else:
        listing.kind = "home page"
        feeds = determine_feed(text, _params(final))
        for feed_url in feeds[:3]:
            feed = fetcher.fetch(feed_url)
            listing.visits.append(feed)
            if feed.status == 200:
                listing.links += [u for u in extract_links(_text(feed), _params(feed.final_url or feed_url))
                                  if u not in listing.links]
        if not feeds:
            # no feed announced: the sitemaps the site's robots.txt names, else the usual sitemap addresses
            # (trafilatura's guesses), the first that answers with a sitemap
            parts = urlsplit(final)
            base = f"{parts.scheme}://{parts.netloc}"
            for candidate in fetcher.robots_sitemaps(final) or [f"{base}/{guess}" for guess in GUESSES]:
                page = fetcher.fetch(candidate)
                listing.visits.append(page)
                if page.status == 200 and _SITEMAP.search(_text(page)[:2000]):
                    listing.kind = "home page (sitemap)"
                    listing.links = _sitemap_links(page.final_url or candidate, _text(page), fetcher, listing)
                    break
            else:
                listing.error = "no feed or sitemap found for the page: give a feed or sitemap URL"
    return listing


def _sitemap_links(url: str, text: str, fetcher, listing: Listing) -> list[str]:
    parts = urlsplit(url)
    sitemap = SitemapObject(f"{parts.scheme}://{parts.netloc}", parts.netloc, [])
    sitemap.current_url, sitemap.content = url, text
    sitemap.process()
    seen = {url}
    while sitemap.sitemap_urls and len(seen) < MAX_SITEMAPS:
        nested = sitemap.sitemap_urls.pop()
        if nested in seen:
            continue
        seen.add(nested)
        page = fetcher.fetch(nested)
        listing.visits.append(page)
        if page.status == 200:
            sitemap.current_url, sitemap.content = nested, _text(page)
            sitemap.process()
    return list(dict.fromkeys(sitemap.urls))
