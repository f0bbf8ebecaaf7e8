"""Templates and links shared by the live explorer and the static site.

Every link in a template goes through `Links`, so one set of templates serves
both `wiretrace serve` (routes such as /article/ID) and `wiretrace report --html`
(relative files such as article/ID.html that open from disk with no server).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import quote, urlparse

from jinja2 import Environment, PackageLoader, select_autoescape

KINDS = ("article", "family", "speaker", "site", "place")
_PLAIN = re.compile(r"[A-Za-z0-9_-]{1,100}")


def safe_url(value: str | None) -> str | None:
    """The URL when it is http(s), else None: only those are rendered as links."""
    if not value:
        return None
    try:
        scheme = urlparse(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def slug(key: str) -> str:
    """A file name for a key: the key itself when it is plain, else a readable part and a hash, so that keys
    such as `person:peskov`, `РИА Новости` or `a/b` give distinct names that every file system accepts."""
    if _PLAIN.fullmatch(key):
        return key
    readable = re.sub(r"[^A-Za-z0-9_-]+", "_", key).strip("_")[:60]
    return f"{readable}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


@dataclass(frozen=True)
class Links:
    """Link targets for one rendered page. `static` pages sit `depth` folders below the site root."""

    static: bool = False
    depth: int = 0

    @property
    def root(self) -> str:
        return "../" * self.depth

    def page(self, kind: str, key: str | None = None, anchor: str | None = None) -> str | None:
        """The page of one thing (kind in KINDS), the overview (kind "overview"), what is new ("new") or search
        (None when static)."""
        if kind == "overview":
            target = f"{self.root}index.html" if self.static else "/"
        elif kind == "search":
            if self.static:
                return None
            target = "/search"
        elif kind == "new":  # live: since a date or the last visit; static: the week before the newest article
            target = f"{self.root}new.html" if self.static else "/new"
        else:
            if key is None or key == "":
                return None
            target = f"{self.root}{kind}/{slug(str(key))}.html" if self.static else f"/{kind}/{quote(str(key), safe='')}"
        return f"{target}#{anchor}" if anchor else target

    def asset(self, name: str) -> str:
        return f"{self.root}static/{name}" if self.static else f"/static/{name}"

    def twin(self, path: str) -> str:
        """The JSON twin of the page at `path` (a route, or a file name when static)."""
        return path.rsplit(".", 1)[0] + ".json" if self.static else f"{path}?format=json"


def environment() -> Environment:
    env = Environment(loader=PackageLoader("wiretrace.present.web", "templates"),
                      autoescape=select_autoescape(["html"], default=True))
    env.filters["safe_url"] = safe_url
    return env


def csv_text(rows: list[dict]) -> str:
    """A page's list as CSV: one column per field any row has, in first-seen order; nested values as JSON.  A cell
    that a spreadsheet would run as a formula (=, +, -, @ first) is kept as text with a leading apostrophe."""
    import csv
    import io
    import json

    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        cells = []
        for k in columns:
            v = row.get(k)
            v = json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else ("" if v is None else str(v))
            cells.append("'" + v if v[:1] in ("=", "+", "-", "@") and not _number(v) else v)
        writer.writerow(cells)
    return buf.getvalue()


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
