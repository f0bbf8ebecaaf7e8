"""Shared fixtures.  Models load once per session; real-text tests skip when ../shared is absent."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
POLNEAR = SHARED / "data" / "polnear"
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def analyzer():
    from wiretrace.analyze.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def kb():
    from wiretrace.knowledge import KnowledgeBase

    return KnowledgeBase.load()


@pytest.fixture()
def analyse(analyzer):
    """Analyse a text as an article of the given language (no language detection)."""
    from wiretrace.ingest import RawArticle, prepare

    def run(text: str, lang: str = "en", **meta):
        return analyzer.analyze_one(prepare(RawArticle(text=text, source="<test>", lang=lang, **meta)))

    return run


def seed_path(name_prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent: the real-text seed tests need the shared folder beside the repo")
    matches = sorted(SEEDS.glob(f"{name_prefix}*.txt"))
    if not matches:
        pytest.skip(f"no seed {name_prefix}* in {SEEDS}")
    return matches[0]


FAMILIES = ROOT / "examples" / "families"

# The PostgreSQL server the store tests use: the machine's own by default (CI starts it before every run); each
# test gets a schema of its own in it, dropped afterwards.  WIRETRACE_REQUIRE_POSTGRES=1 (set by .ci/run) turns
# "no server" from a skip into a failure.
POSTGRES = os.environ.get("WIRETRACE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")


def _postgres_problem() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure to connect is the reason the tests cannot run
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


@pytest.fixture(scope="session")
def postgres_server() -> str:
    problem = _postgres_problem()
    if problem:
        message = (f"no PostgreSQL server at {POSTGRES} ({problem}); start one, or point WIRETRACE_TEST_POSTGRES "
                   "at a database this user may create schemas in")
        if os.environ.get("WIRETRACE_REQUIRE_POSTGRES"):
            pytest.fail(message)
        pytest.skip(message)
    return POSTGRES


def postgres_schema_url(server: str, schema: str) -> str:
    """The URL of `server` with `schema` first on the search path: a database of its own for one test."""
    return server + ("&" if "?" in server else "?") + "options=-csearch_path%3D" + schema


@contextmanager
def postgres_schema(server: str):
    import uuid

    import psycopg

    schema = "wt_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield postgres_schema_url(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture()
def postgres_db(postgres_server):
    """A postgresql:// URL naming an empty schema of its own."""
    with postgres_schema(postgres_server) as url:
        yield url


@pytest.fixture(scope="session")
def traced_postgres(postgres_server) -> str:
    """A PostgreSQL database (a schema of its own) holding what `traced` holds: train + test analysed and traced."""
    from wiretrace.jobs import analyze_paths, trace_db

    with postgres_schema(postgres_server) as url:
        report = analyze_paths([str(FAMILIES / "train.jsonl"), str(FAMILIES / "test.jsonl")], db=url)
        assert not report.errors
        trace_db(url)
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    """An empty database on each backend in turn: an SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "w.db")
    return request.getfixturevalue("postgres_db")


@pytest.fixture(scope="session")
def traced(tmp_path_factory):
    """(db path, external id -> article id, trace JSON) for train + test traced together."""
    from wiretrace.jobs import analyze_paths, trace_db
    from wiretrace.present.trace import families_json
    from wiretrace.store import Store

    db = str(tmp_path_factory.mktemp("trace") / "families.db")
    report = analyze_paths([str(FAMILIES / "train.jsonl"), str(FAMILIES / "test.jsonl")], db=db)
    assert not report.errors
    trace_db(db)
    with Store(db, readonly=True) as store:
        ids = {r[1]: r[0] for r in store.conn.execute("SELECT id, external_id FROM articles")}
        data = families_json(store)
    return db, ids, data


@pytest.fixture(scope="session")
def gold():
    rows = []
    for name in ("train.jsonl", "test.jsonl"):
        rows += [json.loads(line) for line in (FAMILIES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


@contextmanager
def unwritable(path: Path):
    """`path` (a file or a folder) unwritable for this process while the block runs: by its mode for a user; for
    root, who writes whatever the mode says, by the immutable attribute (chattr +i), as a read-only mount would.
    Skips the test when neither can be had."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("root writes any file whatever its mode, and chattr +i is refused here (no CAP_LINUX_IMMUTABLE)")
    try:
        assert not os.access(path, os.W_OK)
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
