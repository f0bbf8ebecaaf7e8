"""From a raw article to an `Article` with identity, site, publication date and language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from ..errors import Errors, InputError
from ..model import Article
from .dates import YEARS, date_from_dateline, date_from_url, parse_datetime
from .identity import article_id, content_hash, normalize_url, site_of
from .language import detect_language
from .raw import RawArticle

_ZERO_WIDTH = re.compile(r"[\x00\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """NFC, no NUL or zero-width characters, no trailing blank lines: the text as stored and offset into."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip("\n")


def prepare_all(items: Iterable[RawArticle | InputError], *, on_error: Callable[[str], None],
                on_warning: Callable[[InputError], None]) -> Iterator[Article]:
    """Prepared articles from a reader's items: a reader's error, metadata that cannot be made sense of and an
    empty text each become one line for `on_error`, and the rest go on."""
    for item in items:
        if isinstance(item, InputError):
            on_error(str(item))
            continue
        try:
            art = prepare(item, on_warning=on_warning)
        except (ValueError, TypeError) as exc:  # metadata a reader could not make sense of
            on_error(str(InputError(f"W010 cannot prepare article: {exc}".replace("\n", " "), source=item.source)))
            continue
        if not art.text.strip():
            on_error(str(InputError(Errors.W001, source=item.source)))
            continue
        yield art


def prepare(raw: RawArticle, *, on_warning: Callable[[InputError], None] | None = None) -> Article:
    """Fill identity and metadata: published from the field, then HTML meta, then the URL path, then a dateline.

    A given date that is no calendar date (2025-02-30) is not stored: `on_warning` gets a W014 naming the
    article's source, and the date is looked for in the URL and the dateline as when there is none.
    """
    text = clean_text(raw.text)
    url = raw.url.strip() if raw.url else None
    norm = normalize_url(url)
    text_hash = content_hash(text)
    identity = norm or f"sha256:{text_hash}"
    published = parse_datetime(raw.published)
    if published is None and raw.published not in (None, "") and on_warning:
        detail = f"not a calendar date between {YEARS[0]} and {YEARS[1]}"
        on_warning(InputError(Errors.W014.format(value=_shown(raw.published), detail=detail), source=raw.source))
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
        title=_ZERO_WIDTH.sub("", raw.title).strip() or None if raw.title else None,
        published=published,
        published_source=published_source,
        lang=lang,
        identity=identity,
        content_hash=text_hash,
        source_path=raw.source,
        metadata=dict(raw.metadata),
    )


def _shown(value) -> str:
    """A value as it goes into a one-line message: repr, cut to 40 characters."""
    shown = repr(value) if isinstance(value, str) else repr(str(value))
    return shown if len(shown) <= 40 else shown[:37] + "..."
