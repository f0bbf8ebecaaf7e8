"""`wiretrace serve`: server-rendered pages with JSON twins, over a database opened read-only.

Article text, titles, URLs and metadata are hostile input: templates autoescape
everything, only http(s) URLs become links, and every response carries a strict
Content-Security-Policy (no inline scripts, styles or handlers; scripts only
from /static).  No endpoint writes or fetches anything: the map draws bundled
boundaries, and the browser loads tiles only when the user configured a tile URL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from . import views
from .render import Links, environment, safe_url

__all__ = ["create_app", "csp", "safe_url"]


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


def create_app(db: str | Path, *, tiles: str = "", attribution: str = "") -> FastAPI:
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no wiretrace database at {path}")
    uri = f"file:{path.resolve()}?mode=ro"
    env = environment()
    links = Links()
    map_config = {"tiles": tiles if tile_origin(tiles) else "", "attribution": attribution}
    policy = csp(map_config["tiles"])
    app = FastAPI(title="wiretrace explorer", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(packages=[("wiretrace.present.web", "static")]), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def conn() -> sqlite3.Connection:
        c = sqlite3.connect(uri, uri=True, check_same_thread=False)
        c.row_factory = sqlite3.Row
        return c

    def render(request: Request, template: str, data: dict):
        if request.query_params.get("format") == "json":
            return JSONResponse(data)
        html = env.get_template(template).render(data=data, links=links, map=map_config,
                                                 twin=links.twin(request.url.path))
        return HTMLResponse(html)

    def page(request: Request, template: str, loader, key: str, what: str):
        """A page for one thing: 404 when the loader finds nothing."""
        with conn() as c:
            data = loader(c, key)
        if data is None:
            raise HTTPException(404, f"no such {what}")
        return render(request, template, data)

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request):
        with conn() as c:
            data = views.overview_data(c)
        return render(request, "overview.html", data)

    @app.get("/article/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str):
        return page(request, "article.html", views.article_data, article_id, "article")

    @app.get("/family/{family_id}", response_class=HTMLResponse)
    def family(request: Request, family_id: str):
        return page(request, "family.html", views.family_data, family_id, "family")

    @app.get("/speaker/{key}", response_class=HTMLResponse)
    def speaker(request: Request, key: str):
        return page(request, "speaker.html", views.speaker_data, key, "speaker")

    @app.get("/site/{site}", response_class=HTMLResponse)
    def site(request: Request, site: str):
        return page(request, "site.html", views.site_data, site, "site")

    @app.get("/place/{place_id}", response_class=HTMLResponse)
    def place(request: Request, place_id: str):
        return page(request, "place.html", views.place_data, place_id, "place")

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "", site: str = "", speaker: str = "", side: str = "", lang: str = "",
               since: str = "", until: str = "", page: int = 1):
        with conn() as c:
            data = views.search_data(c, q=q, site=site, speaker=speaker, side=side, lang=lang, since=since,
                                     until=until, page=max(1, page))
        return render(request, "search.html", data)

    return app
