"""Walk the inputs a user names (files, directories, '-') and dispatch each to its reader."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Errors, InputError
from .decode import decode_bytes
from .feeds import looks_like_feed, read_feed
from .html import read_html
from .raw import RawArticle
from .records import read_csv, read_json, read_jsonl

SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json", ".csv",
            ".xml", ".rss", ".atom", ".feed"}


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and the files of directories (recursive, sorted, hidden files skipped)."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts) \
                        and f.suffix.lower() in SUFFIXES:
                    yield str(f)
        else:
            yield p


def estimate_articles(paths: Iterable[str], *, max_bytes: int) -> int:
    """About how many articles the inputs hold, for a progress bar's total: one per non-blank line of JSON-lines
    files, one per line past the header of CSV files, one per other file (feeds count as one).  Read without
    parsing; files over `max_bytes` or unreadable count as one (they are reported when read)."""
    total = 0
    for p in expand_paths(paths):
        path = Path(p)
        suffix = path.suffix.lower()
        if p == "-" or suffix not in (".jsonl", ".ndjson", ".csv") or not path.is_file():
            total += 1
            continue
        try:
            if path.stat().st_size > max_bytes:
                total += 1
                continue
            with path.open("rb") as fh:
                lines = sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
            continue
        total += max(1, lines - 1) if suffix == ".csv" else max(1, lines)
    return total


def read_bounded(stream, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: enough to tell an input over the limit, never the whole of an endless one."""
    return stream.read(max_bytes + 1)


def read_source(path: str, *, max_bytes: int, stdin: bytes | None = None) -> Iterator[RawArticle | InputError]:
    """Every article (or error) in one input.  Never raises for bad content."""
    try:
        if path == "-":
            data = stdin if stdin is not None else read_bounded(sys.stdin.buffer, max_bytes)
        else:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                # /dev/zero would be read until memory runs out, a FIFO would wait for a writer forever
                yield InputError(Errors.W010.format(detail="not a regular file (a device or a pipe); pipe it to standard "
                                                           "input as '-' instead"), source=path)
                return
            if st.st_size > max_bytes:
                yield InputError(Errors.W003.format(size=st.st_size, limit=max_bytes), source=path)
                return
            with open(path, "rb") as fh:
                data = read_bounded(fh, max_bytes)
    except OSError as exc:
        yield InputError(Errors.W010.format(detail=exc.strerror or str(exc)), source=path)
        return
    if len(data) > max_bytes:
        # read with a bound (read_bounded stops one byte past the limit): the true size is unknown, only "more"
        yield InputError(Errors.W003.format(size=f"more than {max_bytes}", limit=max_bytes), source=path)
        return
    if not data.strip():
        yield InputError(Errors.W001, source=path)
        return
    try:
        text = decode_bytes(data, source=path)
    except InputError as exc:
        yield exc
        return
    except UnicodeDecodeError:
        yield InputError(Errors.W004, source=path)
        return
    if not text.strip():
        yield InputError(Errors.W001, source=path)
        return
    suffix = Path(path).suffix.lower() if path != "-" else ""
    stripped = text.lstrip()
    try:
        if suffix in (".jsonl", ".ndjson") or (not suffix and stripped.startswith("{")):
            yield from read_jsonl(text, path=path)
        elif suffix == ".json":
            yield from read_json(text, path=path)
        elif suffix == ".csv":
            yield from read_csv(text, path=path)
        elif suffix in (".xml", ".rss", ".atom", ".feed") or (suffix not in (".html", ".htm", ".xhtml") and looks_like_feed(text)):
            yield from read_feed(text, path=path)
        elif suffix in (".html", ".htm", ".xhtml") or (not suffix and stripped[:15].lower().startswith(("<!doctype", "<html"))):
            yield read_html(text, source=path)
        elif suffix in (".txt", ".text", ".md", ""):
            yield RawArticle(text=text, source=path)
        else:
            yield InputError(Errors.W011.format(suffix=suffix), source=path)
    except InputError as exc:
        yield exc
