"""JSON lines, JSON arrays and CSV corpora: one article a record, fields id/url/title/text|html/published/site/lang.

Every record is read and checked on its own: a bad one is one error naming its file and line, the others are read.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
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
    for n, line in enumerate(text.split("\n"), 1):
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
    """Rows of a CSV file with a header naming a 'text' or 'html' column; each row is named by the line it starts on.

    A malformed row (a quote never closed, a stray quote) is one error, and reading goes on from the line after
    the one it starts on, so one bad row does not swallow the rows after it.
    """
    # A cell may be as long as the file, whose size max_bytes already caps; csv's own 128 KB limit would refuse
    # an ordinary page in an html column.
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)
    lines = [line + "\n" for line in text.split("\n")]
    header: list[str] | None = None
    rows = errors = 0
    pos = 0  # index in `lines` where the current reader starts
    while pos < len(lines):
        reader = csv.reader(iter(lines[pos:]), strict=True)
        while True:
            start = pos + reader.line_num + 1  # the line the next record starts on
            try:
                row = next(reader)
            except StopIteration:
                pos = len(lines)
                break
            except csv.Error as exc:
                errors += 1
                detail = ("a quote opened on this line is never closed" if "unexpected end of data" in str(exc)
                          else f"bad quoting in the row starting on this line ({exc})")
                yield InputError(Errors.W009.format(detail=detail), source=path, line=start)
                if header is None:
                    return
                if errors >= MAX_CSV_ERRORS:
                    yield InputError(Errors.W009.format(detail=f"{errors} malformed rows; the rest of the file is skipped"),
                                     source=path, line=start)
                    return
                # A stray quote makes the parser run on past the line it is on; the lines after that one are
                # read again as rows of their own.
                pos = start
                break
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
