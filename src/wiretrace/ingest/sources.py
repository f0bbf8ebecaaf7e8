"""Walk the inputs a user names (files, directories, '-') and dispatch each to its reader."""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Errors, InputError
from .decode import decode_bytes, normalize_newlines, sniff_encoding
from .feeds import looks_like_feed, read_feed
from .html import read_html
from .raw import RawArticle
from .records import read_csv, read_csv_lines, read_json, read_jsonl, read_jsonl_lines, read_parquet
from .warc import is_warc, read_warc

SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json", ".csv",
            ".xml", ".rss", ".atom", ".feed", ".parquet"}
# Files of records, read a record at a time whatever their size: the size limit applies to each record.
STREAMED = {".jsonl", ".ndjson", ".csv", ".parquet"}
_SNIFF_BYTES = 1 << 16
_BLANK_LINE = re.compile(rb"\n[ \t\r]*(?=\n)")


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
                        and (f.suffix.lower() in SUFFIXES or is_warc(f.name)):
                    yield str(f)
        else:
            yield p


def estimate_articles(paths: Iterable[str], *, max_bytes: int) -> int:
    """About how many articles the inputs hold, for a progress bar's total: one per non-blank line of JSON-lines
    files, one per line past the header of CSV files, the row count of Parquet files, one per other file (feeds
    count as one).  Lines are counted in 1 MB blocks without parsing (about a second a gigabyte); unreadable
    files count as one (they are reported when read)."""
    total = 0
    for p in expand_paths(paths):
        path = Path(p)
        suffix = path.suffix.lower()
        if p == "-" or suffix not in STREAMED or not path.is_file():
            total += 1
            continue
        try:
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                total += max(1, pq.ParquetFile(path).metadata.num_rows)
                continue
            lines, last = 0, b"\n"
            with path.open("rb") as fh:
                while block := fh.read(1 << 20):
                    # lines ended in this block, less the blank ones (one cut by the block's edge may be counted)
                    lines += block.count(b"\n") - len(_BLANK_LINE.findall(last[-1:] + block))
                    last = block
            lines += last[-1:] != b"\n"
        except Exception:  # noqa: BLE001 - an unreadable or broken file is reported when it is read
            total += 1
            continue
        total += max(1, lines - 1) if suffix == ".csv" else max(1, lines)
    return total


class ReadMeter:
    """Bytes of the inputs read so far, for a progress bar whose total is their size (`input_bytes`): the files
    finished, plus the position in the file of records being read (read a block at a time, so it moves in steps
    of a few kilobytes)."""

    def __init__(self) -> None:
        self.done = 0
        self._reading = None

    def reading(self, fh) -> None:
        self._reading = fh

    def finished(self, size: int) -> None:
        self.done += size
        self._reading = None

    def position(self) -> int:
        fh = self._reading
        try:
            return self.done + (fh.tell() if fh is not None and not fh.closed else 0)
        except (OSError, ValueError):
            return self.done


def input_bytes(paths: Iterable[str], stdin: bytes | None = None) -> int:
    """The size of every input under `paths` (folders walked as `analyze` walks them; standard input as given)."""
    total = 0
    for p in expand_paths(paths):
        if p == "-":
            total += len(stdin or b"")
            continue
        try:
            st = os.stat(p)
        except OSError:
            continue
        total += st.st_size if stat.S_ISREG(st.st_mode) else 0
    return total


def stream_lines(fh, *, path: str, max_bytes: int) -> Iterator[str | InputError]:
    """The lines of a binary file (seekable), decoded with the codec its first 64 KB show, newlines normalised, NULs
    dropped; a line over `max_bytes` characters is skipped unread and stands as a W003 InputError in its place,
    so one record's size, never the file's, is limited.  Raises InputError (W002, W004) for a file that is not
    text."""
    head = fh.read(_SNIFF_BYTES)
    fh.seek(0)
    encoding = sniff_encoding(head, source=path)
    text = io.TextIOWrapper(fh, encoding=encoding, newline=None)
    n = 0
    while True:
        try:
            line = text.readline(max_bytes + 1)
        except UnicodeDecodeError:
            raise InputError(Errors.W004, source=path, line=n + 1) from None
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith("\n"):
            while (rest := text.readline(max_bytes + 1)) and not rest.endswith("\n"):
                pass
            yield InputError(Errors.W003.format(size=f"line {n}: more than {max_bytes}", limit=max_bytes), source=path,
                             line=n)
            continue
        yield normalize_newlines(line.rstrip("\n")).replace("\x00", "")


def _stream_records(path: str, suffix: str, *, max_bytes: int, meter: ReadMeter | None = None
                    ) -> Iterator[RawArticle | InputError]:
    """A file of records read a record at a time (see STREAMED)."""
    if suffix == ".parquet":
        yield from read_parquet(path, max_bytes=max_bytes)
        return
    found = False
    with open(path, "rb") as fh:
        if meter is not None:
            meter.reading(fh)
        lines = stream_lines(fh, path=path, max_bytes=max_bytes)
        if suffix == ".csv":
            items = read_csv_lines((x if isinstance(x, InputError) else x + "\n" for x in lines), path=path,
                                   cell_limit=max_bytes)
        else:
            items = read_jsonl_lines(lines, path=path)
        for item in items:
            found = True
            yield item
    if not found:
        yield InputError(Errors.W001, source=path)


def read_bounded(stream, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: enough to tell an input over the limit, never the whole of an endless one."""
    return stream.read(max_bytes + 1)


def read_source(path: str, *, max_bytes: int, stdin: bytes | None = None, meter: ReadMeter | None = None
                ) -> Iterator[RawArticle | InputError]:
    """Every article (or error) in one input.  Never raises for bad content.  `meter` follows the bytes read
    within a file of records."""
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
            suffix = Path(path).suffix.lower()
            if is_warc(path):
                yield from read_warc(path, max_bytes=max_bytes)
                return
            if suffix in STREAMED:
                yield from _stream_records(path, suffix, max_bytes=max_bytes, meter=meter)
                return
            if st.st_size > max_bytes:
                yield InputError(Errors.W003.format(size=st.st_size, limit=max_bytes), source=path)
                return
            with open(path, "rb") as fh:
                data = read_bounded(fh, max_bytes)
    except InputError as exc:  # a file of records that is not text (binary, undecodable)
        yield exc
        return
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
