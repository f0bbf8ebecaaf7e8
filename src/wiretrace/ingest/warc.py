"""Web archives: the HTML pages of a WARC file (warcio), as crawlers and archiving tools write them
(Browsertrix, Heritrix, `wget --warc-file`).

Each `response` record of a page fetched whole (HTTP 2xx, an HTML content type) is one article, read like a
local HTML file, with its URL from `WARC-Target-URI`; the capture time (`WARC-Date`) and the record id are kept
as metadata (`fetched_at`, `warc_record_id`), since the capture time is not the publication date.  Requests,
metadata, revisits, redirects, errors and non-HTML responses are not articles and are passed over.  Records are
read one at a time, the size limit applying to each page; each is named by its number in the file
(`crawl.warc.gz:17`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Errors, InputError
from .html import decode_markup, read_html
from .raw import RawArticle

WARC_ENDINGS = (".warc", ".warc.gz")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_ENDINGS)


def read_warc(path: str, *, max_bytes: int) -> Iterator[RawArticle | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                ctype = record.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2") or not any(t in ctype.lower() for t in ("text/html", "xhtml")):
                    continue
                pages += 1
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield InputError(Errors.W003.format(size=f"more than {max_bytes}", limit=max_bytes), source=path, line=n)
                    continue
                yield _page(record, data, path=path, n=n)
    except ArchiveLoadFailed as exc:
        yield InputError(Errors.W010.format(detail=f"not a readable WARC file ({exc})".replace("\n", " ")), source=path)
        return
    except (OSError, EOFError) as exc:  # a truncated gzip member: the records before it were read
        yield InputError(Errors.W010.format(detail=f"the archive is cut off ({exc})".replace("\n", " ")), source=path)
        return
    if pages == 0:
        yield InputError(Errors.W013.format(detail="no HTML page responses in the WARC file"), source=path)


def _page(record, data: bytes, *, path: str, n: int) -> RawArticle | InputError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        markup = decode_markup(data, record.http_headers.get_header("Content-Type") or "", source=path)
    except InputError as exc:
        return InputError(exc.message, source=path, line=n)
    try:
        raw = read_html(markup, source=f"{path}:{n}", url=url)
    except InputError as exc:
        return InputError(exc.message, source=path, line=n)
    raw.metadata.update({k: v for k, v in (("fetched_at", record.rec_headers.get_header("WARC-Date")),
                                           ("warc_record_id", record.rec_headers.get_header("WARC-Record-ID"))) if v})
    return raw
