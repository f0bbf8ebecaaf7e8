"""The main tables as pandas DataFrames, for notebooks: `wiretrace.load("wiretrace.db")`.

The database (an SQLite file or a postgresql:// URL) is opened read-only; every frame is one named query
(store.tables.FRAMES), so what a notebook sees is what Datasette or the CLI sees.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..store import tables
from ..store.backends import is_postgres
from ..store.database import connect

def load(db_path: str | Path) -> dict[str, pd.DataFrame]:
    """DataFrames of articles, claims (the ledger), places, families, members, changes and signals."""
    if not is_postgres(str(db_path)) and not Path(db_path).exists():
        raise FileNotFoundError(f"no wiretrace database at {db_path}")
    conn = connect(str(db_path), readonly=True)
    try:
        out = {}
        for name in tables.FRAMES:
            read = tables.frame(conn, name)
            out[name] = pd.DataFrame.from_records(read[1], columns=read[0]) if read else pd.DataFrame()
        for frame in out.values():
            for col in ("published", "origin_published"):
                if col in frame:
                    frame[col] = pd.to_datetime(frame[col], errors="coerce", utc=True, format="ISO8601")
        return out
    finally:
        conn.close()
