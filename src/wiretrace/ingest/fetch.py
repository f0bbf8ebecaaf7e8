"""Fetching pages politely, and keeping what they said as evidence: `wiretrace fetch`.

HTTP is httpx's (redirects followed, the final URL kept, the body read up to the size limit); robots.txt
is the standard library's `urllib.robotparser`; web archives are warcio's.  What is written here is
the politeness around them, which no library bundles: robots.txt obeyed per host (RFC 9309: a robots.txt
that answers 4xx allows everything, one that cannot be read disallows the host), a delay between two
requests to one host (its Crawl-delay when longer), retries with exponential backoff on 429, 5xx and timeouts (a `Retry-After` of
seconds or an HTTP date honoured up to `max_retry_wait`), conditional GET (`If-None-Match`,
`If-Modified-Since`) with what the previous visit answered, and a user agent that names wiretrace.
At most one request is in flight to any one host; `concurrency` hosts are read at once (`fetch_urls` hands
the pages to threads, in an order that alternates hosts, and analyses them in this process as they come).

Evidence: every fetched page's raw bytes with the fetch time, status, headers and content hash, either
in a folder (`<sha256>.body` beside `<sha256>.json`, content-addressed) or appended to a WARC file
(a `request` and a `response` record per page), which `wiretrace analyze` reads back.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__

USER_AGENT = f"wiretrace/{__version__} (+https://github.com/wiretrace/wiretrace; research crawler for news provenance)"


@dataclass(frozen=True)
class Politeness:
    """How `fetch` behaves towards the sites it reads (settings with these names override them)."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0
    retries: int = 3  # after the first try, on 429, 5xx and timeouts
    backoff: float = 1.0  # first wait before a retry; doubled each time
    max_retry_wait: float = 60.0  # a longer Retry-After gives up on the page
    obey_robots: bool = True
    concurrency: int = 4  # hosts read at once; one request at a time to any one host


@dataclass
class Fetched:
    """One URL's visit: what came back, or why nothing did."""

    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    fetched_at: str = ""
    error: str | None = None  # a one-line reason when no page came back
    skipped: str | None = None  # robots.txt disallowed it
    truncated: bool = False  # over the size limit: not analysed

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def is_html(self) -> bool:
        ctype = self.headers.get("content-type", "").lower()
        return self.status is not None and 200 <= self.status < 300 and ("html" in ctype or not ctype)


class Fetcher:
    """Fetches URLs one at a time, politely (see the module docstring).  Use as a context manager."""

    def __init__(self, politeness: Politeness | None = None, *, max_bytes: int = 5 * 1024 * 1024,
                 proxy: str | None = None, sleep=time.sleep, clock=time.monotonic):
        """`proxy`: an HTTP proxy every request goes through (an institutional proxy, Tor's HTTP port)."""
        self.politeness = politeness or Politeness()
        self.max_bytes = max_bytes
        self._sleep, self._clock = sleep, clock
        self.client = httpx.Client(follow_redirects=True, timeout=self.politeness.timeout, proxy=proxy,
                                   headers={"User-Agent": self.politeness.user_agent})
        self._robots: dict[str, RobotFileParser | None] = {}
        self._why: dict[str, str] = {}  # origin -> why robots.txt could not be read
        self._last: dict[str, float] = {}
        self._hosts: dict[str, threading.Lock] = {}  # one request in flight per host, whatever the threads
        self._guard = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self._delay(host) - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _delay(self, host: str) -> float:
        """The delay between two requests to `host`: ours, or the robots.txt Crawl-delay when that is longer."""
        asked = 0.0
        for scheme in ("https", "http"):
            parser = self._robots.get(f"{scheme}://{host}")
            if parser is not None:
                asked = max(asked, float(parser.crawl_delay(self.politeness.user_agent) or 0))
        return max(self.politeness.delay, asked)

    def robots_sitemaps(self, url: str) -> list[str]:
        """The sitemaps the robots.txt of `url`'s site names (read when the site was first asked for)."""
        parts = urlsplit(url)
        self.allowed(url)  # reads robots.txt once per site
        parser = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        return list((parser.site_maps() if parser is not None else None) or [])

    def allowed(self, url: str) -> bool:
        if not self.politeness.obey_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._wait_for(parts.netloc)
            parser: RobotFileParser | None = RobotFileParser()
            try:
                r = self.client.get(origin + "/robots.txt")
                if 400 <= r.status_code < 500:
                    parser.allow_all = True
                elif r.status_code >= 500:
                    parser.disallow_all = True  # RFC 9309: a robots.txt the server cannot give disallows the site
                    self._why[origin] = f"its robots.txt answered HTTP {r.status_code}, which disallows the whole site"
                else:
                    parser.parse(r.text.splitlines())
            except httpx.HTTPError as exc:
                parser.disallow_all = True  # unreachable: RFC 9309 treats it as a full disallow
                self._why[origin] = f"the site cannot be reached ({type(exc).__name__}: {exc})".replace("\n", " ")
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser.can_fetch(self.politeness.user_agent, url)

    def why_not(self, url: str) -> str:
        """Why `allowed(url)` said no, in words."""
        parts = urlsplit(url)
        return self._why.get(f"{parts.scheme}://{parts.netloc}", "robots.txt disallows it")

    def _host_lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._hosts.setdefault(host, threading.Lock())

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """One URL, with retries; never raises for what the network does.  Safe from several threads: requests to
        one host wait for each other (and for the delay), requests to different hosts do not."""
        with self._host_lock(urlsplit(url).netloc):
            return self._fetch(url, etag=etag, last_modified=last_modified)

    def _fetch(self, url: str, *, etag: str | None, last_modified: str | None) -> Fetched:
        if not self.allowed(url):
            why = self.why_not(url)
            if why.startswith("the site cannot be reached"):
                return Fetched(url, error=why, fetched_at=_now())
            return Fetched(url, skipped=why, fetched_at=_now())
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc
        wait = self.politeness.backoff
        for attempt in range(self.politeness.retries + 1):
            self._wait_for(host)
            retry_after = None
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code == 429 or r.status_code >= 500:
                        retry_after = _retry_after(r.headers.get("retry-after"))
                        problem = f"HTTP {r.status_code}"
                    else:
                        body, truncated = _read_bounded(r, self.max_bytes)
                        return Fetched(url, str(r.url), r.status_code, {k.lower(): v for k, v in r.headers.items()},
                                       body, _now(), truncated=truncated)
            except httpx.TimeoutException:
                problem = "timed out"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            if attempt == self.politeness.retries:
                break
            pause = retry_after if retry_after is not None else wait
            if pause > self.politeness.max_retry_wait:
                problem += f" (asked to wait {pause:.0f} s, more than {self.politeness.max_retry_wait:.0f} s)"
                break
            self._sleep(pause)
            wait *= 2
        return Fetched(url, error=f"{problem} after {attempt + 1} tries", fetched_at=_now())


def _read_bounded(response: httpx.Response, max_bytes: int) -> tuple[bytes, bool]:
    """The body up to max_bytes; True when there was more (not read)."""
    buf = bytearray()
    try:
        for chunk in response.iter_bytes():
            buf += chunk
            if len(buf) > max_bytes:
                return bytes(buf[:max_bytes]), True
    except httpx.HTTPError:
        return bytes(buf), True  # the connection closed before the announced length: a truncated page
    return bytes(buf), False


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class FolderEvidence:
    """Raw bytes as `<sha256>.body` and what the visit answered as `<sha256>.json`, in one folder."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def keep(self, page: Fetched) -> str:
        digest = page.sha256
        body = self.folder / f"{digest}.body"
        if not body.exists():
            tmp = body.with_suffix(".part")
            tmp.write_bytes(page.body)
            tmp.replace(body)
        record = {"url": page.url, "final_url": page.final_url, "status": page.status, "fetched_at": page.fetched_at,
                  "sha256": digest, "truncated": page.truncated, "headers": page.headers}
        meta = self.folder / f"{digest}.json"
        visits = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else []
        visits.append(record)
        meta.write_text(json.dumps(visits, ensure_ascii=False, indent=1), encoding="utf-8")
        return str(body)

    def close(self) -> None:
        pass


class WarcEvidence:
    """A request and a response record per page, appended to a (gzipped) WARC file."""

    def __init__(self, path: str | Path):
        from warcio.warcwriter import WARCWriter

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "ab")
        self.writer = WARCWriter(self.fh, gzip=self.path.name.endswith(".gz"))

    def keep(self, page: Fetched) -> str:
        from warcio.statusandheaders import StatusAndHeaders

        url = page.final_url or page.url
        reason = httpx.codes.get_reason_phrase(page.status or 0) or "OK"
        http = StatusAndHeaders(f"{page.status} {reason}", list(page.headers.items()), protocol="HTTP/1.1")
        date = page.fetched_at.replace("+00:00", "Z")
        response = self.writer.create_warc_record(url, "response", payload=BytesIO(page.body), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": date})
        request = self.writer.create_warc_record(url, "request", payload=BytesIO(
            f"GET {urlsplit(url).path or '/'} HTTP/1.1\r\nHost: {urlsplit(url).netloc}\r\n\r\n".encode()),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
        self.writer.write_record(response)
        self.writer.write_record(request)
        self.fh.flush()
        return f"{self.path}#{response.rec_headers.get_header('WARC-Record-ID')}"

    def close(self) -> None:
        self.fh.close()


def read_evidence(where: str) -> bytes | None:
    """The raw bytes kept at `where` (a FolderEvidence file, or WARC-FILE#record-id), or None when gone."""
    path, _, record_id = where.partition("#")
    try:
        if not record_id:
            return Path(path).read_bytes()
        from warcio.archiveiterator import ArchiveIterator

        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_headers.get_header("WARC-Record-ID") == record_id:
                    return record.content_stream().read()
    except OSError:
        return None
    return None
