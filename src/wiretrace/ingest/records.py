"""JSON lines, JSON arrays, CSV and Parquet corpora: one article a record, fields id/url/title/text|html/published/site/lang.

Every record is read and checked on its own: a bad one is one error naming its file and line, the others are read.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterable, Iterator
from json.decoder import WHITESPACE

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import Errors, InputError
from .html import read_html
from .raw import RawArticle

KNOWN_FIELDS = ("id", "url", "title", "text", "html", "published", "site", "lang")
# After this many malformed rows a CSV file is given up on: each one costs a new parse of the rest of the file.
MAX_CSV_ERRORS = 100


class Record(BaseModel):
    """The fields wiretrace reads from a record and the types it accepts (strict: no list or number for a string)."""

    model_config = ConfigDict(strict=True, extra="forbid")

    id: str | int | None = None
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | int | float | None = None  # a number is read as a date when it spells one (20251124)
    site: str | None = None
    lang: str | None = None


def _type_errors(exc: ValidationError) -> str:
    """pydantic's complaints, one clause per field: "'title' should be a valid string, not list"."""
    wanted: dict[str, list[str]] = {}
    given: dict[str, str] = {}
    for e in exc.errors(include_url=False):
        name = str(e["loc"][0])
        wanted.setdefault(name, []).append(e["msg"].removeprefix("Input should be "))
        given[name] = type(e["input"]).__name__
    return "; ".join(f"{name!r} should be {' or '.join(dict.fromkeys(w))}, not {given[name]}" for name, w in wanted.items())


def _unstorable(rec: dict) -> str | None:
    """Why the record cannot be written as UTF-8 JSON (a lone surrogate, too deep a nesting), or None."""
    for key, value in rec.items():
        try:
            json.dumps({key: value}, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return f"field {key!r} holds a lone surrogate (\\ud800-\\udfff), which is not text"
        except RecursionError:
            return f"field {key!r} is nested too deeply"
        except ValueError as exc:  # a number longer than Python converts to text
            return f"field {key!r}: {str(exc).split(';')[0]}"
    return None


def record_to_article(rec, *, source: str) -> RawArticle:
    """One record to a RawArticle; unknown fields are kept as metadata.  Raises InputError (W005/W006/W012)."""
    if not isinstance(rec, dict):
        raise InputError(Errors.W005.format(detail=f"a record is a JSON {type(rec).__name__}, not an object"), source=source)
    try:
        fields = Record.model_validate({k: rec[k] for k in KNOWN_FIELDS if k in rec})
    except ValidationError as exc:
        raise InputError(Errors.W012.format(detail=_type_errors(exc)), source=source) from None
    problem = _unstorable(rec)
    if problem:
        raise InputError(Errors.W012.format(detail=problem), source=source)
    url = (fields.url or "").strip() or None
    if fields.text and fields.text.strip():
        raw = RawArticle(text=fields.text, source=source, url=url)
    elif fields.html and fields.html.strip():
        raw = read_html(fields.html, source=source, url=url)
    else:
        raise InputError(Errors.W006, source=source)
    raw.title = fields.title or raw.title
    if fields.published not in (None, ""):
        raw.published, raw.published_source = fields.published, "field"
    raw.site = fields.site or raw.site
    raw.lang = (fields.lang or "").strip() or None
    raw.external_id = str(fields.id) if fields.id not in (None, "") else None
    raw.metadata.update({k: v for k, v in rec.items() if k not in KNOWN_FIELDS})
    return raw


def _record(rec, *, path: str, line: int) -> RawArticle | InputError:
    try:
        return record_to_article(rec, source=f"{path}:{line}")
    except InputError as exc:
        return InputError(exc.message, source=path, line=line)


def _loads(line: str):
    """json.loads with every way it fails as one W005 InputError (its message without the source)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} (column {exc.colno})"
    except RecursionError:
        detail = "nested too deeply"
    except ValueError as exc:  # a number longer than sys.get_int_max_str_digits()
        detail = str(exc).split(";")[0]
    raise InputError(Errors.W005.format(detail=detail))


def read_jsonl(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    # Only "\n" ends a line: str.splitlines would also cut at U+2028, \x1c or \x85, which JSON strings may hold.
    yield from read_jsonl_lines(text.split("\n"), path=path)


def read_jsonl_lines(lines: Iterable[str | InputError], *, path: str, first_line: int = 1) -> Iterator[RawArticle | InputError]:
    """JSON lines from any source of lines (a file read as a stream, a text split, a shard of a file starting at
    `first_line`); an InputError among the lines (a line over the size limit) is passed on in its place."""
    for n, line in enumerate(lines, first_line):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            rec = _loads(line)
        except InputError as exc:
            yield InputError(exc.message, source=path, line=n)
            continue
        yield _record(rec, path=path, line=n)


def read_json(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    """A .json file: an array of records (each named by the line it starts on), one record, or JSON lines."""
    start = WHITESPACE.match(text, 0).end()
    if text.startswith("[", start):
        yield from _read_array(text, start + 1, path=path)
        return
    try:
        rec = _loads(text)
    except InputError:  # JSON lines in a file named .json, or a broken object: reported line by line
        yield from read_jsonl(text, path=path)
        return
    yield _record(rec, path=path, line=text.count("\n", 0, start) + 1)


def _read_array(text: str, pos: int, *, path: str) -> Iterator[RawArticle | InputError]:
    decoder = json.JSONDecoder()
    line, counted = 1 + text.count("\n", 0, pos), pos
    records = 0
    while True:
        pos = WHITESPACE.match(text, pos).end()
        line, counted = line + text.count("\n", counted, pos), pos
        if records == 0 and text.startswith("]", pos):
            if text[pos + 1:].strip():
                yield InputError(Errors.W005.format(detail="extra data after the array"), source=path, line=line)
            else:
                yield InputError(Errors.W013.format(detail="the JSON array is empty"), source=path)
            return
        try:
            rec, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield InputError(Errors.W005.format(detail=f"{exc.msg} (column {exc.colno})"), source=path, line=exc.lineno)
            return
        except RecursionError:
            yield InputError(Errors.W005.format(detail="nested too deeply"), source=path, line=line)
            return
        except ValueError as exc:
            yield InputError(Errors.W005.format(detail=str(exc).split(";")[0]), source=path, line=line)
            return
        records += 1
        yield _record(rec, path=path, line=line)
        pos = WHITESPACE.match(text, pos).end()
        if text.startswith(",", pos):
            pos += 1
            continue
        line, counted = line + text.count("\n", counted, pos), pos
        if not text.startswith("]", pos):
            yield InputError(Errors.W005.format(detail="expected ',' or ']' after a record"), source=path, line=line)
        elif text[pos + 1:].strip():
            yield InputError(Errors.W005.format(detail="extra data after the array"), source=path, line=line)
        return


def read_csv(text: str, *, path: str) -> Iterator[RawArticle | InputError]:
    """Rows of a CSV text; see read_csv_lines."""
    # A cell may be as long as the text, whose size max_bytes already caps; csv's own 128 KB limit would refuse
    # an ordinary page in an html column.
    yield from read_csv_lines((line + "\n" for line in text.split("\n")), path=path, cell_limit=len(text) + 1)


def read_csv_lines(lines: Iterable[str | InputError], *, path: str, cell_limit: int) -> Iterator[RawArticle | InputError]:
    """Rows of a CSV file with a header naming a 'text' or 'html' column; each row is named by the line it starts on.

    A malformed row (a quote never closed, a stray quote) is one error, and reading goes on from the line after
    the one it starts on, so one bad row does not swallow the rows after it.  Lines are read once, from any
    source (a file read as a stream): only the lines of the row being read are kept, to be read again after a
    malformed one.  An InputError among the lines (a line over the size limit) is reported, and the row it
    falls in is malformed.
    """
    if csv.field_size_limit() < cell_limit:
        csv.field_size_limit(cell_limit)
    header: list[str] | None = None
    rows = errors = 0
    for start, row in _csv_records(lines):
        if isinstance(row, InputError):
            yield InputError(row.message, source=path, line=row.line)
            continue
        if isinstance(row, csv.Error):
            errors += 1
            if "field larger than field limit" in str(row):
                detail = f"a cell over the limit of {cell_limit} characters"
            elif "unexpected end of data" in str(row):
                detail = "a quote opened on this line is never closed"
            else:
                detail = f"bad quoting in the row starting on this line ({row})"
            yield InputError(Errors.W009.format(detail=detail), source=path, line=start)
            if header is None:
                return
            if errors >= MAX_CSV_ERRORS:
                yield InputError(Errors.W009.format(detail=f"{errors} malformed rows; the rest of the file is skipped"),
                                 source=path, line=start)
                return
            continue
        if not row:  # a blank line
            continue
        if header is None:
            header = row
            if "text" not in header and "html" not in header:
                yield InputError(Errors.W009.format(detail="no 'text' or 'html' column"), source=path)
                return
            continue
        rows += 1
        if len(row) > len(header):
            yield InputError(Errors.W009.format(detail="more cells than columns"), source=path, line=start)
            continue
        rec = dict(zip(header, row + [None] * (len(header) - len(row))))
        yield _record(rec, path=path, line=start)
    if header is not None and rows == 0 and errors == 0:
        yield InputError(Errors.W013.format(detail="the CSV file has a header but no rows"), source=path)


# A line that stands in for one over the size limit: a NUL makes the csv module refuse the row it falls in.
_REFUSED_LINE = "\x00\n"


def _csv_records(lines: Iterable[str | InputError]) -> Iterator[tuple[int, list[str] | csv.Error | InputError]]:
    """(line the record starts on, its cells or the csv.Error it raised), and any InputError among the lines.

    After a csv.Error the lines after the record's first are read again as records of their own: a stray quote
    makes the parser run on past the line it is on.  Hand-written because the csv module cannot resume after an
    error; only the current record's lines are held.
    """
    source = iter(lines)
    pulled = 0  # lines taken from the source
    pending: deque[tuple[int, str]] = deque()  # lines to read again before the source's next
    taken: list[tuple[int, str]] = []  # the lines the current record has read
    problems: list[InputError] = []

    def feed() -> Iterator[str]:
        nonlocal pulled
        while True:
            if pending:
                item = pending.popleft()
            else:
                line = next(source, None)
                if line is None:
                    return
                pulled += 1
                if isinstance(line, InputError):
                    problems.append(InputError(line.message, source=line.source, line=pulled))
                    line = _REFUSED_LINE
                item = (pulled, line)
            taken.append(item)
            yield item[1]

    while True:
        reader = csv.reader(feed(), strict=True)
        while True:
            start = pending[0][0] if pending else pulled + 1
            taken.clear()
            try:
                row = next(reader)
            except StopIteration:
                yield from ((p.line, p) for p in problems)
                return
            except csv.Error as exc:
                yield from ((p.line, p) for p in problems)
                problems.clear()
                yield start, exc
                pending.extendleft(reversed([t for t in taken if t[0] > start]))
                break
            yield from ((p.line, p) for p in problems)
            problems.clear()
            yield start, row


def read_parquet(path: str, *, max_bytes: int, batch_rows: int = 512) -> Iterator[RawArticle | InputError]:
    """Rows of a Parquet file (the fields of a JSON-lines record as columns), read a row group batch at a time
    with pyarrow; each row is named by its number (from 1) as a line is.  A row whose text or html is over
    `max_bytes` is refused on its own."""
    import pyarrow.parquet as pq  # pyarrow is a dependency for exports; imported when a Parquet file is read

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError and more for a bad file
        yield InputError(Errors.W005.format(detail=f"not a readable Parquet file ({exc})".replace("\n", " ")), source=path)
        return
    names = set(table.schema_arrow.names)
    if "text" not in names and "html" not in names:
        yield InputError(Errors.W013.format(detail="no 'text' or 'html' column"), source=path)
        return
    n = 0
    for batch in table.iter_batches(batch_size=batch_rows):
        yield from parquet_rows(batch.to_pylist(), path=path, max_bytes=max_bytes, first_row=n + 1)
        n += batch.num_rows
    if n == 0:
        yield InputError(Errors.W013.format(detail="the Parquet file has no rows"), source=path)


def parquet_rows(rows: list[dict], *, path: str, max_bytes: int, first_row: int) -> Iterator[RawArticle | InputError]:
    """Records of Parquet rows numbered from `first_row` (a batch, or a row group read on its own)."""
    for n, rec in enumerate(rows, first_row):
        body = rec.get("text") or rec.get("html") or ""
        size = len(body.encode("utf-8", "surrogatepass")) if isinstance(body, str) else 0
        if size > max_bytes:
            yield InputError(Errors.W003.format(size=size, limit=max_bytes), source=path, line=n)
            continue
        for key, value in rec.items():
            if hasattr(value, "isoformat"):  # a timestamp column
                rec[key] = value.isoformat()
        yield _record(rec, path=path, line=n)
