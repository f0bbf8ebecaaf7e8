"""The two backends behind `wiretrace.store`: SQLite (a file, the default) and PostgreSQL (a URL, for teams).

Every query of the package is written once, in the SQL both understand (`INSERT ... ON CONFLICT`, `RETURNING`,
`COALESCE`, window functions), with SQLite's placeholders.  On PostgreSQL a `PostgresConnection` runs it through
`postgres_sql()`, which makes the few mechanical changes left:

- placeholders: `?` becomes `%s` and `:name` becomes `%(name)s` (psycopg's), a literal `%` becomes `%%`;
- `x = ? COLLATE NOCASE` becomes `lower(x) = lower(?)`, and `LIKE` becomes `ILIKE` (SQLite's LIKE ignores case);
- `INDEXED BY <index>` (a hint to SQLite's planner) is dropped;
- `json_array_length(x)` and `json_extract(x, '$.key')` read the text column as `json`;
- `IS NOT ?` becomes `IS DISTINCT FROM %s`;
- each `ORDER BY` term says where NULLs go as SQLite puts them (first going up, last going down);
- in migrations: `INTEGER PRIMARY KEY` becomes an identity column, `REAL` double precision, `BLOB` bytea.

Written by hand because it is a dozen substitutions on statements this package writes itself, with string
literals left alone; a transpiler such as sqlglot parses every statement again and knows neither FTS5 nor
`INDEXED BY`.  Where the two differ in more than syntax (full-text search, the catalogue of tables) the code asks
`dialect(conn)` and writes each form.

Transactions: SQLite's `BEGIN IMMEDIATE` takes the database's one write lock.  On PostgreSQL it becomes `BEGIN`
plus a transaction-level advisory lock, so writers queue exactly as they do on SQLite: several `analyze`
processes never lose or double an article, and readers (`serve`) are never blocked.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from typing import Any

POSTGRES_PREFIXES = ("postgresql://", "postgres://")
WRITE_LOCK = 7_140_203  # the advisory lock key every wiretrace writer takes (any constant; "wt" in a phone keypad)


def is_postgres(db: str | Any) -> bool:
    return isinstance(db, str) and db.startswith(POSTGRES_PREFIXES)


def dialect(conn) -> str:
    """"postgresql" for a PostgresConnection, else "sqlite"."""
    return "postgresql" if isinstance(conn, PostgresConnection) else "sqlite"


def database_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a database operation raises, on either backend (for `except` clauses)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency; a broken install still reports SQLite errors
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)


def has_table(conn, name: str) -> bool:
    """Whether a table or view `name` exists."""
    if dialect(conn) == "postgresql":
        return conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def has_index(conn, name: str) -> bool:
    if dialect(conn) == "postgresql":
        return conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone() is not None


def redact(db: str) -> str:
    """A database name fit for messages: a URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", db) if is_postgres(db) else db


# ---------------------------------------------------------------------------------------------------- PostgreSQL
class Row(tuple):
    """A result row read by position, by column name and as a mapping (`dict(row)`), as sqlite3.Row is."""

    __slots__ = ()
    names: tuple[str, ...] = ()

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self.names.index(key))
            except ValueError:
                raise IndexError(f"no column {key!r}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "names": names})


def _row_factory(cursor):
    cls = _row_class(tuple(d.name for d in cursor.description or ()))
    return lambda values: cls(values)


class PostgresConnection:
    """A psycopg 3 connection with the part of sqlite3.Connection's interface the store uses: `execute`,
    `executemany`, `in_transaction`, `close`, rows as `Row`.  Autocommit, with explicit transactions."""

    def __init__(self, url: str, *, readonly: bool = False):
        import psycopg
        from psycopg.types.numeric import FloatLoader

        self.url = url
        self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        # AVG and SUM give numeric: read them as float, as SQLite gives them
        self.raw.adapters.register_loader("numeric", FloatLoader)
        self.row_factory = None  # accepted and ignored: rows are always Row
        if readonly:
            self.raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, params: Any = ()):
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            self.raw.execute("BEGIN")
            return self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        return self.raw.execute(postgres_sql(sql), _params(params))

    def executemany(self, sql: str, rows) -> None:
        rows = [_params(r) for r in rows]
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(postgres_sql(sql), rows)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


Connection = sqlite3.Connection | PostgresConnection  # what the named queries take
AnyRow = sqlite3.Row | Row


def _params(params: Any):
    if params is None:
        return ()
    return params if isinstance(params, dict) else tuple(params)


_STRING = re.compile(r"'(?:[^']|'')*'")
_JSON_EXTRACT = re.compile(r"\bjson_extract\(([\w.]+),\s*'\$\.(\w+)'\)", re.I)


@lru_cache(maxsize=1024)
def postgres_sql(sql: str) -> str:
    """A statement written for SQLite, as PostgreSQL reads it (see the module's docstring)."""
    sql = _JSON_EXTRACT.sub(r"((\1)::json->>'\2')", sql)  # its key is a string literal: before the split below
    out, last = [], 0
    for m in _STRING.finditer(sql):
        out.append(_outside_strings(sql[last:m.start()]))
        out.append(m.group().replace("%", "%%"))
        last = m.end()
    out.append(_outside_strings(sql[last:]))
    return "".join(out)


_SUBSTITUTIONS = [
    (re.compile(r"%"), "%%"),
    (re.compile(r"\s*INDEXED BY \w+", re.I), ""),
    (re.compile(r"([\w.]+)\s*(=|!=)\s*\?\s*COLLATE NOCASE", re.I), r"lower(\1) \2 lower(?)"),
    (re.compile(r"\(([\w.]+) COLLATE NOCASE", re.I), r"(lower(\1)"),  # in an index's column list
    (re.compile(r"\bNOT LIKE\b", re.I), "NOT ILIKE"),
    (re.compile(r"(?<!NOT )\bLIKE\b"), "ILIKE"),
    (re.compile(r"\bjson_array_length\(([\w.]+)\)", re.I), r"json_array_length((\1)::json)"),
    (re.compile(r"\bIS NOT \?"), "IS DISTINCT FROM ?"),
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\)\s*WITHOUT ROWID"), ")"),
    (re.compile(r"\?"), "%s"),
    (re.compile(r"(?<![:\w]):([A-Za-z_]\w*)"), r"%(\1)s"),
]


def _outside_strings(part: str) -> str:
    for pattern, repl in _SUBSTITUTIONS:
        part = pattern.sub(repl, part)
    return _nulls_as_sqlite(part)


_ORDER_BY = re.compile(r"\bORDER BY\b", re.I)
_CLAUSE_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT)\b|;", re.I)


def _nulls_as_sqlite(sql: str) -> str:
    """SQLite sorts NULL below every value, PostgreSQL above: name the place of NULLs in every ORDER BY term."""
    out, pos = [], 0
    for m in _ORDER_BY.finditer(sql):
        if m.start() < pos:
            continue
        depth, i = 0, m.end()
        while i < len(sql):
            ch = sql[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and _CLAUSE_END.match(sql, i) and (i == 0 or not sql[i - 1].isalnum()):
                break
            i += 1
        terms, depth, start = [], 0, m.end()
        for j in range(m.end(), i):
            if sql[j] == "(":
                depth += 1
            elif sql[j] == ")":
                depth -= 1
            elif sql[j] == "," and depth == 0:
                terms.append(sql[start:j])
                start = j + 1
        terms.append(sql[start:i])
        out.append(sql[pos:m.end()])
        out.append(",".join(_with_nulls(t) for t in terms))
        pos = i
    out.append(sql[pos:])
    return "".join(out)


def _with_nulls(term: str) -> str:
    body = term.rstrip()
    if not body.strip() or re.search(r"\bNULLS (FIRST|LAST)$", body, re.I):
        return term
    tail = " NULLS LAST" if re.search(r"\bDESC$", body, re.I) else " NULLS FIRST"
    return body + tail + term[len(body):]
