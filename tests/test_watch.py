"""`wiretrace watch` against a local news site on 127.0.0.1 (synthetic pages, feed, sitemap and home page):
rounds fetch only what is new, survive a restart, and report new and grown families."""

import json
import signal
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from wiretrace.cli import app
from wiretrace.ingest.discover import list_source
from wiretrace.ingest.fetch import Fetcher, Politeness

STORY = [  # one statement, reported three times (synthetic text)
    "Denis Pushilin said on November 24 that the water supply to Konstantinovka would resume within 3 days after "
    "repairs to the pumping station near Kramatorsk.",
    "The head of the DPR, Denis Pushilin, stated on 24 November that water would return to Konstantinovka within "
    "3 days once the pumping station near Kramatorsk was repaired.",
    "According to Denis Pushilin, Konstantinovka will have water again within 3 days: the pumping station near "
    "Kramatorsk is being repaired, he said on November 24.",
]
OTHER = ("Andrei Marochko said on November 20 that Ukrainian units had left two positions near Siversk and lost "
         "14 armoured vehicles in a week.")


class News(BaseHTTPRequestHandler):
    published = 2  # how many articles the feed lists now
    log: list[str] = []

    def log_message(self, *args):
        pass

    def _send(self, body: str, ctype: str, status: int = 200):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        # the server is the proxy every request goes through: the path is the whole URL of news.example
        self.path = self.path.removeprefix(SITE)
        News.log.append(self.path)
        host = SITE
        items = [(f"{host}/a/{i}", (STORY + [OTHER])[i]) for i in range(News.published)]
        if self.path == "/robots.txt":
            return self._send(f"User-agent: *\nAllow: /\nSitemap: {host}/sitemap.xml\n", "text/plain")
        if self.path == "/plain":  # a home page that announces no feed
            return self._send("<html><head><title>Synthetic</title></head><body><p>Synthetic home page</p></body></html>",
                              "text/html")
        if self.path == "/feed.xml":
            entries = "".join(f"<item><title>Report {i}</title><link>{u}</link></item>" for i, (u, _) in enumerate(items))
            return self._send(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Synthetic news</title>'
                              f"<link>{host}/</link>{entries}</channel></rss>", "application/rss+xml")
        if self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{u}</loc></url>" for u, _ in items)
            return self._send(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                              f'sitemap/0.9">{urls}</urlset>', "application/xml")
        if self.path == "/":
            return self._send(f'<html><head><link rel="alternate" type="application/rss+xml" href="{host}/feed.xml">'
                              "</head><body><p>Synthetic home page</p></body></html>", "text/html")
        if self.path.startswith("/a/"):
            i = int(self.path.rsplit("/", 1)[-1])
            text = (STORY + [OTHER])[i]
            return self._send(f"<html><head><title>Report {i}</title><meta property='article:published_time' "
                              f"content='2025-11-24T1{i}:00:00+00:00'></head><body><article><h1>Report {i}</h1>"
                              f"<p>{text}</p><p>Synthetic test page {i}.</p></article></body></html>", "text/html")
        return self._send("<html><body>no such page</body></html>", "text/html", 404)


SITE = "http://news.example"  # a name, as real sources have (trafilatura keeps no links of a bare IP address)


@pytest.fixture()
def proxy():
    """A local server on 127.0.0.1 that answers for news.example as an HTTP proxy: nothing leaves the machine."""
    News.published, News.log = 2, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), News)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_feed_a_sitemap_and_a_home_page_list_the_same_articles(proxy):
    with Fetcher(Politeness(delay=0), proxy=proxy) as fetcher:
        listings = [list_source(f"{SITE}{p}", fetcher) for p in ("/feed.xml", "/sitemap.xml", "/", "/plain")]
    assert [x.kind for x in listings] == ["feed", "sitemap", "home page", "home page (sitemap)"]
    assert all(x.links == [f"{SITE}/a/0", f"{SITE}/a/1"] for x in listings), [x.links for x in listings]


def _watch(tmp_path, proxy, *extra):
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# synthetic news site\n{SITE}/feed.xml\n{SITE}/sitemap.xml\n")
    return CliRunner().invoke(app, ["watch", str(sources), "--db", str(tmp_path / "w.db"), "--every", "0",
                                    "--delay", "0", "--proxy", proxy, "--alerts", str(tmp_path / "alerts.jsonl"), *extra])


def test_rounds_fetch_only_what_is_new_survive_a_restart_and_alert(proxy, tmp_path):
    first = _watch(tmp_path, proxy, "--rounds", "1")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("round 1 at ") and "2 sources listed 2 links, 2 new; 2 stored, 0 failed" in first.stdout
    alerts = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert alerts and all(a["alert"] == "new_family" for a in alerts)
    # the site publishes two more; a new watch (a restart) fetches only those
    News.published = 4
    second = _watch(tmp_path, proxy, "--rounds", "2")
    assert "2 sources listed 4 links, 2 new; 2 stored" in second.stdout
    assert "round 2" in second.stdout and "4 links, 0 new; 0 stored" in second.stdout.splitlines()[1]
    pages = [p for p in News.log if p.startswith("/a/")]
    assert sorted(pages) == ["/a/0", "/a/1", "/a/2", "/a/3"]  # each article fetched once over three rounds
    conn = sqlite3.connect(tmp_path / "w.db")
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4
    later = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text().splitlines()][len(alerts):]
    touched = {m["url"] for a in later for m in a["members"]}
    assert {f"{SITE}/a/2", f"{SITE}/a/3"} <= touched
    assert all(a["alert"] in ("new_family", "grown_family") and a["size"] > a["previous_size"] for a in later)


def test_sigterm_stops_a_watch_cleanly(proxy, tmp_path, monkeypatch):
    import wiretrace.jobs as jobs

    real_round = jobs.watch_round

    def round_then_term(*args, **kwargs):
        result = real_round(*args, **kwargs)
        signal.raise_signal(signal.SIGTERM)  # as `kill` would, while the watch waits for its next round
        return result

    monkeypatch.setattr(jobs, "watch_round", round_then_term)
    result = _watch(tmp_path, proxy)  # no --rounds: runs until stopped
    assert result.exit_code == 0, result.output
    assert "round 1" in result.stdout and "round 2" not in result.stdout
    assert "stopped after 1 rounds" in result.stderr
