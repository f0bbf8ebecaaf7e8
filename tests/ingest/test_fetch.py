"""`wiretrace fetch` against a local HTTP server on 127.0.0.1 serving synthetic pages: robots.txt, redirects,
retries on 429/503, conditional GET, timeouts, truncated bodies, and the evidence kept."""

import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wiretrace.ingest.fetch import Fetcher, FolderEvidence, Politeness, WarcEvidence
from wiretrace.jobs import analyze_paths, fetch_urls

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="2025-11-24T10:00:00+03:00"></head>
<body><nav>Home | World</nav><article><h1>{title}</h1><p>Synthetic test page {n}.</p>
<p>The head of the Donetsk People's Republic Denis Pushilin said the water supply to Konstantinovka had been cut
for the {n} day running, according to the regional administration.</p></article></body></html>"""


class Site(BaseHTTPRequestHandler):
    log: list[str] = []
    hits: dict[str, int] = {}
    crawl_delay = 0

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(headers.pop("length", len(body))))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Site.log.append(self.path)
        n = Site.hits[self.path] = Site.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            extra = f"Crawl-delay: {Site.crawl_delay}\n".encode() if Site.crawl_delay else b""
            return self._send(200, b"User-agent: *\nDisallow: /private/\n" + extra, "text/plain")
        if self.path == "/news/water":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, ETag='"v1"')
            return self._send(200, PAGE.format(title="Water cut", n="third").encode(), ETag='"v1"')
        if self.path == "/news/moved":
            self.send_response(301)
            self.send_header("Location", "/news/water-2")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if self.path == "/news/water-2":
            return self._send(200, PAGE.format(title="Water cut again", n="fourth").encode())
        if self.path == "/news/flaky":
            if n == 1:
                return self._send(503, b"busy", "text/plain", Retry_After="0")
            return self._send(200, PAGE.format(title="After a retry", n="fifth").encode())
        if self.path == "/news/busy":
            return self._send(429, b"slow down", "text/plain", Retry_After="3600")
        if self.path == "/logo.png":
            return self._send(200, b"\x89PNG" + bytes(64), "image/png")
        if self.path == "/news/slow":
            time.sleep(1.5)
            try:
                return self._send(200, PAGE.format(title="Slow", n="sixth").encode())
            except BrokenPipeError:  # the client gave up waiting, as it should
                return None
        if self.path == "/news/cut":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(PAGE.format(title="Cut", n="seventh").encode()[:300])
            self.wfile.flush()
            self.close_connection = True
            return None
        return self._send(404, b"<html><body>no such page</body></html>")


@pytest.fixture()
def site():
    Site.log, Site.hits = [], {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


FAST = Politeness(delay=0.0, retries=2, backoff=0.01, timeout=0.5, max_retry_wait=5)


def test_fetch_obeys_robots_follows_redirects_retries_and_keeps_evidence(site, tmp_path, analyzer):
    db = tmp_path / "w.db"
    urls = [f"{site}/news/water", f"{site}/news/moved", f"{site}/news/flaky", f"{site}/private/secret",
            f"{site}/logo.png", f"{site}/news/busy", f"{site}/news/slow", f"{site}/news/cut"]
    errors, notes = [], []
    report = fetch_urls(urls, db=str(db), evidence=FolderEvidence(tmp_path / "archive"), politeness=FAST,
                        analyzer=analyzer, on_error=errors.append, on_note=notes.append)
    assert report.analysed == 3 and report.skipped == 1 and report.failed == 3
    assert "/private/secret" not in Site.log and Site.log.count("/robots.txt") == 1
    assert Site.hits["/news/flaky"] == 2  # a 503 retried
    assert Site.hits["/news/busy"] == 1  # Retry-After of an hour: given up, not waited for
    by_url = {e.split(": W016")[0].split(": W003")[0]: e for e in errors}
    assert "HTTP 429" in by_url[f"{site}/news/busy"] and "more than 5 s" in by_url[f"{site}/news/busy"]
    assert "timed out after 3 tries" in by_url[f"{site}/news/slow"]
    assert "W003" in by_url[f"{site}/news/cut"]
    conn = sqlite3.connect(db)
    rows = {r[0]: r[1:] for r in conn.execute("SELECT url, outcome, final_url, status, evidence, article_id FROM fetches")}
    assert rows[f"{site}/news/moved"][:3] == ("stored", f"{site}/news/water-2", 200)
    assert rows[f"{site}/private/secret"][0] == "skipped" and rows[f"{site}/logo.png"][0] == "not_html"
    stored = conn.execute("SELECT url, metadata_json FROM articles WHERE id = ?", (rows[f"{site}/news/water"][4],)).fetchone()
    assert stored[0] == f"{site}/news/water" and json.loads(stored[1])["evidence"] == rows[f"{site}/news/water"][3]
    # the evidence: the raw bytes as served, and what the visit answered
    body_file = rows[f"{site}/news/water"][3]
    assert open(body_file, "rb").read().startswith(b"<!doctype html>")
    meta = json.loads(open(body_file[:-len(".body")] + ".json").read())
    assert meta[0]["status"] == 200 and meta[0]["headers"]["etag"] == '"v1"' and meta[0]["fetched_at"]


def test_a_second_visit_asks_only_for_a_changed_page(site, tmp_path, analyzer):
    db = tmp_path / "w.db"
    first = fetch_urls([f"{site}/news/water"], db=str(db), evidence=None, politeness=FAST, analyzer=analyzer)
    again = fetch_urls([f"{site}/news/water"], db=str(db), evidence=None, politeness=FAST, analyzer=analyzer)
    assert first.analysed == 1 and again.not_modified == 1 and again.analysed == 0
    outcomes = [r[0] for r in sqlite3.connect(db).execute("SELECT outcome FROM fetches ORDER BY id")]
    assert outcomes == ["stored", "unchanged"]


def test_pages_kept_as_warc_are_read_back_by_analyze(site, tmp_path, analyzer):
    db = tmp_path / "w.db"
    warc = tmp_path / "pages.warc.gz"
    evidence = WarcEvidence(warc)
    report = fetch_urls([f"{site}/news/water", f"{site}/news/moved"], db=str(db), evidence=evidence, politeness=FAST,
                        analyzer=analyzer)
    evidence.close()
    assert report.analysed == 2
    again = analyze_paths([str(warc)], db=str(db), analyzer=analyzer)
    assert again.failed == 0 and again.unchanged == 2 and again.analysed == 0  # the same pages, the same articles


def test_one_host_is_asked_at_most_once_per_delay(site):
    waits = []
    with Fetcher(Politeness(delay=0.4, retries=0), sleep=lambda s: (waits.append(s), time.sleep(s))) as fetcher:
        for path in ("/news/water", "/news/water-2"):
            assert fetcher.fetch(site + path).status == 200
    # robots.txt, then two pages: two waits, each close to the delay
    assert len(waits) == 2 and all(0.2 < w <= 0.4 for w in waits)
    Site.crawl_delay = 1
    try:
        waits.clear()
        with Fetcher(Politeness(delay=0.1, retries=0), sleep=lambda s: waits.append(s)) as fetcher:
            fetcher.fetch(site + "/news/water")
            fetcher.fetch(site + "/news/water-2")
        assert waits and max(waits) > 0.5  # the site's Crawl-delay: 1 is longer than ours
    finally:
        Site.crawl_delay = 0


def test_the_fetch_command_prints_a_summary_and_fails_on_a_bad_url(site, tmp_path):
    from typer.testing import CliRunner

    from wiretrace.cli import app

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# synthetic pages\n{site}/news/water\n{site}/private/x\nftp://example.org/file\n")
    db = tmp_path / "w.db"
    result = CliRunner().invoke(app, ["fetch", "-i", str(urls), "--db", str(db), "--delay", "0", "--quiet",
                                      "--warc", str(tmp_path / "pages.warc.gz")])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "error ftp://example.org/file: not an http or https URL"
    assert lines[-1].startswith("1 fetched, 0 not modified, 1 skipped by robots.txt; 1 analysed, 0 unchanged, 1 failed")
    assert (tmp_path / "pages.warc.gz").stat().st_size > 0
    nothing = CliRunner().invoke(app, ["fetch", "--db", str(db)])
    assert nothing.exit_code == 2 and "no URL to fetch" in nothing.stderr


class Slow(BaseHTTPRequestHandler):
    """Every page takes 0.3 s; the server counts the requests in flight per Host header."""

    lock = threading.Lock()
    now: dict[str, int] = {}
    most: dict[str, int] = {}
    overall = 0
    overall_most = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        host = self.headers["Host"]
        with Slow.lock:
            Slow.now[host] = Slow.now.get(host, 0) + 1
            Slow.most[host] = max(Slow.most.get(host, 0), Slow.now[host])
            Slow.overall += 1
            Slow.overall_most = max(Slow.overall_most, Slow.overall)
        time.sleep(0.3 if self.path != "/robots.txt" else 0)
        with Slow.lock:  # done before answering: the client cannot send its next request before this
            Slow.now[host] -= 1
            Slow.overall -= 1
        body = PAGE.format(title=f"Page {self.path}", n=self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
        self.send_header("Content-Length", str(len(body) if self.path != "/robots.txt" else 0))
        self.end_headers()
        if self.path != "/robots.txt":
            self.wfile.write(body)


def test_hosts_are_read_at_once_but_each_host_one_request_at_a_time(tmp_path, analyzer):
    from wiretrace.jobs import _alternating_hosts

    assert list(_alternating_hosts(["http://a.test/1", "http://a.test/2", "http://b.test/1", "http://a.test/3",
                                    "http://b.test/1"])) == ["http://a.test/1", "http://b.test/1", "http://a.test/2",
                                                              "http://a.test/3"]
    Slow.now, Slow.most, Slow.overall, Slow.overall_most = {}, {}, 0, 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        # two names of the same local server are two hosts to the fetcher
        urls = [f"http://{host}:{port}/p{i}" for host in ("127.0.0.1", "localhost") for i in range(4)]
        report = fetch_urls(urls, db=str(tmp_path / "w.db"), politeness=Politeness(delay=0.0, concurrency=4),
                            analyzer=analyzer)
    finally:
        server.shutdown()
        server.server_close()
    assert report.fetched == 8
    assert max(Slow.most.values()) == 1  # never two requests in flight to one host
    assert Slow.overall_most == 2  # but both hosts at once


def test_a_site_that_cannot_be_reached_is_one_failure_saying_so(tmp_path, analyzer):
    with socket_closed_port() as port:
        errors: list[str] = []
        report = fetch_urls([f"http://127.0.0.1:{port}/news/x"], db=str(tmp_path / "w.db"), politeness=FAST,
                            analyzer=analyzer, on_error=errors.append)
    assert report.failed == 1 and report.skipped == 0
    (line,) = errors
    assert line.startswith(f"http://127.0.0.1:{port}/news/x: W016 fetch failed: the site cannot be reached")


def socket_closed_port():
    """A port on 127.0.0.1 that nothing listens on."""
    import contextlib
    import socket

    @contextlib.contextmanager
    def closed():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        yield port

    return closed()
