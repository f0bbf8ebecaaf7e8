"""`wiretrace serve`: server-rendered pages with JSON twins, over a database opened read-only.

Article text, titles, URLs and metadata are hostile input: templates autoescape
everything, only http(s) URLs become links, and every response carries a strict
Content-Security-Policy (no inline scripts, styles or handlers; scripts only
from /static).  No endpoint writes or fetches anything: the map draws bundled
boundaries, and the browser loads tiles only when the user configured a tile URL.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from ...store import summaries
from ...store.backends import database_errors, is_postgres
from ...store.database import connect
from . import views
from .render import Links, csv_text, environment, safe_url, slug

__all__ = ["create_app", "csp", "safe_url"]


logger = logging.getLogger("wiretrace.serve")
MAX_PARAM = 300  # characters of a query parameter or key that are read: no name or search needs more
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_param(value: str) -> str:
    """A query parameter as the pages read it: control characters (NUL among them, which SQLite's full-text
    search cannot take) removed, cut to MAX_PARAM characters."""
    return _CONTROL.sub("", value)[:MAX_PARAM]


def csp(tiles: str = "") -> str:
    """The Content-Security-Policy: nothing but this server, plus the tile host's images when one is set."""
    img = "'self' data:"
    origin = tile_origin(tiles)
    if origin:
        img += f" {origin}"
    return (f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {img}; connect-src 'self'; "
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def tile_origin(tiles: str) -> str | None:
    """The CSP source of an http(s) tile URL template: scheme://host[:port], with *. for Leaflet's {s}
    subdomains; None for anything else (then no tiles are drawn)."""
    if not tiles or not safe_url(tiles):
        return None
    parts = urlparse(tiles.replace("{s}.", "wildcard-subdomain."))
    host = parts.netloc.replace("wildcard-subdomain.", "*.")
    if not host or "{" in host or "@" in host or " " in host or ";" in host or "'" in host:
        return None
    return f"{parts.scheme}://{host}"


class PageCache:
    """Page data by (page kind, key) for one state of the database file.  The server only reads, so a page can
    change only when another process (analyze, trace) writes the file, which changes the size or modification
    time of the file or of its write-ahead log: the cache is dropped whenever those change."""

    def __init__(self, path: Path, size: int = 512, state: Callable[[], tuple] | None = None):
        self.path, self.size = path, size
        if state is not None:  # a server database: what the summaries depend on, asked of the server
            self._state = state
        self.pages: OrderedDict[tuple[str, str], dict | None] = OrderedDict()
        self.seen: tuple = ()
        self.lock = threading.Lock()

    def _state(self) -> tuple:
        """(mtime, size) of the file and of a non-empty WAL: a commit grows or rewrites the WAL, a checkpoint
        writes the file; a WAL that is merely created, emptied or deleted (connections opening and closing)
        changes nothing that a page shows."""
        out = []
        for p in (self.path, Path(str(self.path) + "-wal")):
            try:
                st = p.stat()
                out.append((st.st_mtime_ns, st.st_size) if st.st_size else None)
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    def get(self, kind: str, key: str, compute: Callable[[], dict | None]) -> dict | None:
        if self.size <= 0:
            return compute()
        state = self._state()
        with self.lock:
            if state != self.seen:
                self.pages.clear()
                self.seen = state
            if (kind, key) in self.pages:
                self.pages.move_to_end((kind, key))
                return self.pages[(kind, key)]
        data = compute()
        with self.lock:
            self.pages[(kind, key)] = data
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return data


WARM_PAGES = 20


def _server_state(url: str) -> Callable[[], tuple]:
    """The cache key of a PostgreSQL database: the newest article row and the families' count and last update
    (the state the summaries are computed for), asked on a short connection of its own."""

    def state() -> tuple:
        c = connect(url, readonly=True)
        try:
            return (summaries.state(c),)
        finally:
            c.close()

    return state


def create_app(db: str | Path, *, tiles: str = "", attribution: str = "", cache_size: int = 512) -> FastAPI:
    """The explorer over `db`.  Pages are cached per database state (`cache_size` pages, 0 for none) and the
    overview, whose counts read the whole database, is computed in the background as the server starts."""
    path = str(db) if is_postgres(str(db)) else Path(db)
    if isinstance(path, Path) and not path.exists():
        raise FileNotFoundError(f"no wiretrace database at {path}")
    cache = PageCache(path, cache_size, state=_server_state(path) if isinstance(path, str) else None)
    env = environment()
    links = Links()
    map_config = {"tiles": tiles if tile_origin(tiles) else "", "attribution": attribution}
    policy = csp(map_config["tiles"])
    warmed = threading.Event()

    def overview_now() -> dict:
        with conn() as c:
            return cache.get("overview", "", lambda: views.overview_data(c))

    def warm() -> None:
        """Render ahead of time what reads the most rows: the overview, then the biggest sites, speakers, places
        and families (a page for a busy speaker of a 100k-article corpus reads ~100k claims)."""
        try:
            overview_now()
            with conn() as c:
                heavy = views.heavy_keys(c, WARM_PAGES)
                for kind, keys in heavy.items():
                    for key in keys:
                        cache.get(kind, key, lambda: views.PAGES[kind][1](c, key))
        except database_errors():
            pass  # a page that fails here fails again, with its error, when it is asked for
        finally:
            warmed.set()

    @asynccontextmanager
    async def lifespan(_app):
        if cache_size > 0:
            threading.Thread(target=warm, daemon=True, name="wiretrace-warm").start()
        else:
            warmed.set()
        yield

    app = FastAPI(title="wiretrace explorer", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.db = str(path)
    app.state.warmed = warmed
    app.mount("/static", StaticFiles(packages=[("wiretrace.present.web", "static")]), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        try:
            response: Response = await call_next(request)
        except Exception:  # noqa: BLE001 - an error page must carry the same headers as every other page
            logger.exception("error answering %s", request.url.path)
            response = PlainTextResponse("internal error: see the server's log", status_code=500)
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @contextmanager
    def conn():
        """A read-only connection for one request, closed after it."""
        c = connect(path, readonly=True, check_same_thread=False)
        try:
            yield c
        finally:
            c.close()

    def render(request: Request, template: str, data: dict, page: str = ""):
        wanted = request.query_params.get("format")
        if wanted == "json":
            return JSONResponse(data)
        rows_key = views.CSV_ROWS.get(page or template.rsplit(".", 1)[0])
        if wanted == "csv" and rows_key:
            name = slug(request.url.path.strip("/").replace("/", "-") or "overview")
            return Response(csv_text(data.get(rows_key) or []), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        csv_link = f"{request.url.path}?{_with_format(request, 'csv')}" if rows_key else None
        html = env.get_template(template).render(data=data, links=links, map=map_config,
                                                 twin=links.twin(request.url.path), csv=csv_link)
        return HTMLResponse(html)

    def page_route(kind: str, template: str, loader):
        """The route of one page kind: the thing's page, or 404 when the loader finds nothing."""

        def route(request: Request, key: str):
            key = clean_param(key)
            with conn() as c:
                data = cache.get(kind, key, lambda: loader(c, key))
            if data is None:
                raise HTTPException(404, f"no such {kind}")
            return render(request, template, data, page=kind)

        return route

    @app.api_route("/", response_class=HTMLResponse, methods=["GET", "HEAD"])
    def overview(request: Request):
        return render(request, "overview.html", overview_now(), page="overview")

    for kind, (template, loader) in views.PAGES.items():
        # `key:path`: a site or speaker named with a "/" ("a/b", quoted as a%2Fb in links) is still one key
        app.add_api_route(f"/{kind}/{{key:path}}", page_route(kind, template, loader), response_class=HTMLResponse,
                          methods=["GET", "HEAD"], name=kind)

    @app.api_route("/new", response_class=HTMLResponse, methods=["GET", "HEAD"])
    def new(request: Request, since: str = ""):
        """Families first seen or grown since a date (or the visitor's last visit, kept in a cookie)."""
        since = clean_param(since) or clean_param(request.cookies.get("wiretrace_last_visit", ""))
        with conn() as c:
            data = views.new_data(c, since or None)
        response = render(request, "new.html", data, page="new")
        if data.get("newest") and request.query_params.get("format") not in ("json", "csv"):
            response.set_cookie("wiretrace_last_visit", data["newest"], max_age=365 * 86400, httponly=True, samesite="strict")
        return response

    @app.api_route("/evidence/{article_id}", methods=["GET", "HEAD"])
    def evidence(article_id: str):
        """The raw bytes a fetch kept for an article, as a download: never rendered (the page is untrusted)."""
        from ...ingest.fetch import read_evidence
        from ...store.pages import archived_copy

        with conn() as c:
            kept = archived_copy(c, clean_param(article_id))
        body = read_evidence(kept["evidence"]) if kept else None
        if body is None:
            raise HTTPException(404, "no archived copy of this article")
        name = f"{kept['content_sha256'] or article_id}.html"
        return Response(body, media_type="application/octet-stream",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.api_route("/search", response_class=HTMLResponse, methods=["GET", "HEAD"])
    def search(request: Request, q: str = "", site: str = "", speaker: str = "", side: str = "", lang: str = "",
               since: str = "", until: str = "", page: str = "1"):
        try:
            number = min(max(1, int(page)), views.MAX_PAGE)
        except ValueError:
            number = 1  # "?page=x": the first page, as for a missing one
        with conn() as c:
            data = views.search_data(c, q=clean_param(q), site=clean_param(site), speaker=clean_param(speaker),
                                     side=clean_param(side), lang=clean_param(lang), since=clean_param(since),
                                     until=clean_param(until), page=number)
        return render(request, "search.html", data, page="search")

    return app


def _with_format(request: Request, fmt: str) -> str:
    """The request's query string with format=FMT (other parameters kept, escaped)."""
    from urllib.parse import urlencode

    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"] + [("format", fmt)]
    return urlencode(params)
