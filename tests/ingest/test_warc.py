"""WARC input: the HTML page responses of a web archive are articles (synthetic pages written for these tests)."""

import gzip
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace.errors import InputError
from wiretrace.ingest import prepare, read_source

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="2025-11-24T10:00:00+03:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>Synthetic test page. {body}</p>
<p>The head of the Donetsk People's Republic Denis Pushilin said the water supply to Konstantinovka had been cut
for the third day, according to the regional administration.</p></article><footer>Contact us</footer></body></html>"""


def _response(writer, url: str, body: bytes, *, status: str = "200 OK", ctype: str = "text/html; charset=utf-8"):
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))


def _archive(path, *, gz: bool = True) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warc_record("https://news.example/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        _response(writer, "https://news.example/2025/11/24/water", PAGE.format(
            title="Water cut in Konstantinovka", body="Repairs were said to be under way.").encode())
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), ctype="image/png")
        _response(writer, "https://news.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
        _response(writer, "https://other.example/ru/voda", PAGE.format(
            title="Second page", body="A second synthetic report on the same day.").encode("cp1251"),
            ctype="text/html; charset=windows-1251")
        _response(writer, "https://news.example/huge", PAGE.format(title="Huge", body="word " * 3000).encode())


def test_the_html_pages_of_a_warc_file_are_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _archive(path)
    items = list(read_source(str(path), max_bytes=8000))
    errors = [i for i in items if isinstance(i, InputError)]
    pages = [prepare(i) for i in items if not isinstance(i, InputError)]
    assert [p.url for p in pages] == ["https://news.example/2025/11/24/water", "https://other.example/ru/voda"]
    assert pages[0].title == "Water cut in Konstantinovka" and "Pushilin" in pages[0].text and "Home | World" not in pages[0].text
    assert pages[0].published.startswith("2025-11-24") and pages[0].site == "news.example"
    assert pages[0].metadata["fetched_at"] and pages[0].metadata["warc_record_id"].startswith("<urn:uuid:")
    assert "Pushilin" in pages[1].text  # declared windows-1251 in the HTTP header
    (big,) = errors
    assert "W003" in str(big) and str(big).startswith(f"{path}:6:")


def test_an_uncompressed_warc_in_a_folder_is_read_and_a_broken_one_is_one_line(tmp_path):
    _archive(tmp_path / "crawl.warc", gz=False)
    (tmp_path / "broken.warc.gz").write_bytes(gzip.compress(b"this is no WARC record at all\r\n\r\n"))
    items = list(item for f in sorted(tmp_path.iterdir()) for item in read_source(str(f), max_bytes=100_000))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len([i for i in items if not isinstance(i, InputError)]) == 3
    assert len(errors) == 1 and "broken.warc.gz" in errors[0] and ("W010" in errors[0] or "W013" in errors[0])


def test_analyze_reads_a_warc_file_end_to_end(tmp_path):
    from wiretrace.jobs import analyze_paths

    _archive(tmp_path / "crawl.warc.gz")
    db = tmp_path / "w.db"
    report = analyze_paths([str(tmp_path)], db=str(db))
    assert report.analysed == 3 and report.failed == 0
    again = analyze_paths([str(tmp_path)], db=str(db))
    assert again.analysed == 0 and again.unchanged == 3
