"""`wiretrace report --html DIR`: the explorer's pages written out as a static site.

The same views and templates as `wiretrace serve`, with relative links (article/ID.html) so that the folder opens
from disk or any static host; each page has its JSON twin beside it (article/ID.json).  Search needs a server and
is left out.  The database is opened read-only.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path

from ...store.backends import Connection
from ...store.database import connect
from ...store import tables
from . import views
from .app import tile_origin
from .render import Links, environment, slug

def keys(c: Connection) -> dict[str, list[str]]:
    """Every key that has a page, by kind."""
    return tables.page_keys(c)


MANIFEST = ".wiretrace-site.json"  # marks a folder as a site wiretrace wrote, and so may replace


def site_problem(out: str | Path) -> str | None:
    """Why `out` may not receive a static site, or None: it must be new, an empty folder, or a site wiretrace wrote
    (its manifest), and not a link (pages are never written through links out of the folder)."""
    out = Path(out)
    if out.is_symlink():
        return "is a link; name a real folder"
    if not out.exists():
        return None if out.parent.is_dir() else f"folder {out.parent} does not exist"
    if not out.is_dir():
        return "is not a folder"
    if any(out.iterdir()) and not (out / MANIFEST).is_file():
        return "is not empty and holds no wiretrace site (no " + MANIFEST + "); choose an empty folder"
    return None


def write_site(db: str | Path, out: str | Path, *, tiles: str = "", attribution: str = "",
               progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Write every page and its JSON twin as a site at `out`; returns the number of pages per kind.  `progress` gets
    (kind, pages just written, pages in all).  The site is built in a new folder beside `out` and swapped in whole:
    an interrupted or failed run leaves the previous site as it was, and nothing is written through a link that
    `out` held."""
    out = Path(out)
    problem = site_problem(out)
    if problem:
        raise ValueError(f"{out}: {problem}")
    building = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    try:
        counts = _build(db, building, tiles=tiles, attribution=attribution, progress=progress)
        (building / MANIFEST).write_text(json.dumps({"wiretrace_site": True, "pages": counts}), encoding="utf-8")
        if out.exists():
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
            os.replace(out, old / "site")
            os.replace(building, out)
            shutil.rmtree(old)
        else:
            os.replace(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return counts


def _build(db: str | Path, out: Path, *, tiles: str, attribution: str,
           progress: Callable[[str, int, int], None] | None) -> dict[str, int]:
    _copy_static(out / "static")
    env = environment()
    map_config = {"tiles": tiles if tile_origin(tiles) else "", "attribution": attribution}
    c = connect(db, readonly=True)
    counts: dict[str, int] = {}
    try:
        _write(env, out / "index", "overview.html", views.overview_data(c), Links(static=True, depth=0), map_config)
        counts["overview"] = 1
        _write(env, out / "new", "new.html", views.new_data(c), Links(static=True, depth=0), map_config)
        counts["new"] = 1
        all_keys = keys(c)
        total = sum(len(ks) for ks in all_keys.values())
        for kind, ks in all_keys.items():
            template, loader = views.PAGES[kind]
            folder = out / kind
            folder.mkdir(exist_ok=True)
            n = 0
            for key in ks:
                data = loader(c, key)
                if data is not None:
                    _write(env, folder / slug(str(key)), template, data, Links(static=True, depth=1), map_config)
                    n += 1
                if progress:
                    progress(kind, 1, total)
            counts[kind] = n
    finally:
        c.close()
    return counts


def _write(env, stem: Path, template: str, data: dict, links: Links, map_config: dict) -> None:
    html = env.get_template(template).render(data=data, links=links, map=map_config, twin=links.twin(stem.name + ".html"))
    stem.with_suffix(".html").write_text(html, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")


def _copy_static(dest: Path) -> None:
    src = files("wiretrace.present.web") / "static"
    for item in _walk(src):
        rel = Path(*item[0])
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item[1].read_bytes())


def _walk(node, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    for child in node.iterdir():
        if child.is_dir():
            yield from _walk(child, prefix + (child.name,))
        elif not child.name.startswith("."):
            yield prefix + (child.name,), child


__all__ = ["keys", "write_site"]
