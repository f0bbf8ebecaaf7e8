"""`wiretrace fetch` against a local HTTP server (127.0.0.1) serving synthetic article pages, in one process.

Run: .venv/bin/python benchmarks/fetch_speed.py [--pages 20]

Fetches N pages of one host twice into fresh databases: at the default politeness (1 s between two
requests to one host) and with no delay, each page analysed and stored, its raw bytes kept as
evidence (a folder, then a WARC file).  Prints pages/s for each, the ratio of the no-delay run to
bare analysis of the same pages (`analyze` on the saved HTML files), and the evidence kept per page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wiretrace.analyze.pipeline import Analyzer  # noqa: E402
from wiretrace.ingest.fetch import FolderEvidence, Politeness, WarcEvidence  # noqa: E402
from wiretrace.jobs import analyze_paths, fetch_urls  # noqa: E402

PAGE = ("<!doctype html><html><head><title>Report {n}</title></head><body><nav>Home | World | Sport</nav><article>"
        "<h1>Report {n}</h1><p>Synthetic benchmark page {n}. Denis Pushilin said the water supply to Konstantinovka "
        "had been cut again on day {n}, according to the regional administration.</p>" + "<p>The utility said repairs "
        "would take several days, and residents were told to store water.</p>" * 6 + "</article></body></html>")


class Pages(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
        else:
            body, ctype = PAGE.format(n=self.path.rsplit("/", 1)[-1]).encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20)
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/news/{i}" for i in range(args.pages)]
    analyzer = Analyzer()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        html = folder / "html"
        html.mkdir()
        for i in range(args.pages):
            (html / f"{i}.html").write_text(PAGE.format(n=i), encoding="utf-8")
        analyze_paths([str(html / "0.html")], db=str(folder / "warm.db"), analyzer=analyzer)  # models loaded
        t0 = time.perf_counter()
        analyze_paths([str(html)], db=str(folder / "local.db"), analyzer=analyzer)
        local = time.perf_counter() - t0
        runs = {}
        for name, politeness, evidence in (
                ("default politeness (1 s a host)", Politeness(), FolderEvidence(folder / "archive")),
                ("no delay", Politeness(delay=0.0), WarcEvidence(folder / "pages.warc.gz"))):
            t0 = time.perf_counter()
            report = fetch_urls(urls, db=str(folder / f"{len(runs)}.db"), evidence=evidence, politeness=politeness,
                                analyzer=analyzer)
            runs[name] = time.perf_counter() - t0
            evidence.close()
            assert report.analysed == args.pages, report.errors[:3]
        folder_bytes = sum(f.stat().st_size for f in (folder / "archive").iterdir())
        warc_bytes = (folder / "pages.warc.gz").stat().st_size
    server.shutdown()
    print(f"{args.pages} synthetic pages from one local host, fetched, kept and analysed:")
    for name, took in runs.items():
        print(f"  {name}: {args.pages / took:.1f} pages/s ({took:.1f} s)")
    print(f"  analysing the same pages from files: {args.pages / local:.1f} pages/s; no-delay fetch / files "
          f"{local / runs['no delay']:.2f}x")
    print(f"  evidence per page: folder {folder_bytes / args.pages / 1024:.1f} KB (body + JSON), "
          f"WARC {warc_bytes / args.pages / 1024:.1f} KB (gzip)")


if __name__ == "__main__":
    main()
