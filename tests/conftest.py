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
