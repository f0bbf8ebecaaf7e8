"""Shared fixtures.  Models load once per session; real-text tests skip when ../shared is absent."""

from __future__ import annotations

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
