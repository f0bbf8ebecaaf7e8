"""Every SQL statement of wiretrace lives in wiretrace.store (the one door to the database): a module elsewhere
that executes SQL, or holds a query, fails this test."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "wiretrace"
SQL = re.compile(r"""\.execute(?:many|script)?\(|read_sql|["'](?:SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA) """)


def test_no_sql_outside_the_store_package():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if "store" in path.relative_to(SRC).parts[:1]:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()[:80]}")
    assert offenders == []
