"""The analyse job: interruption leaves a consistent database and a rerun completes it (on each backend)."""

import pytest

from tests.conftest import CORPUS
from wiretrace.jobs import analyze_paths
from wiretrace.store.backends import is_postgres
from wiretrace.store.database import connect


def test_interrupted_run_resumes_without_duplicates(db, analyzer):
    seen = []

    def stop_after_three(art, fresh):
        seen.append(art.id)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze_paths([str(CORPUS)], db=db, analyzer=analyzer, on_article=stop_after_three)
    conn = connect(db, readonly=True)
    if not is_postgres(db):
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
    orphan = conn.execute("SELECT COUNT(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
    assert orphan == 0
    report = analyze_paths([str(CORPUS)], db=db, analyzer=analyzer)
    assert report.unchanged == 3 and report.analysed >= 25 and report.failed == 0
    again = analyze_paths([str(CORPUS)], db=db, analyzer=analyzer)
    assert again.analysed == 0 and again.unchanged == report.analysed + 3


def test_an_article_whose_analysis_fails_is_reported_and_the_run_goes_on(tmp_path, analyzer, monkeypatch):
    from wiretrace.analyze.lang.en import English

    original = English.analyze

    def flaky(self, art, doc, analyzer):
        if "Zhivov" in art.text:
            raise RuntimeError("parser exploded")
        return original(self, art, doc, analyzer)

    monkeypatch.setattr(English, "analyze", flaky)
    errors = []
    report = analyze_paths([str(CORPUS)], db=str(tmp_path / "w.db"), analyzer=analyzer, on_error=errors.append)
    assert report.failed == 1 and "E030" in errors[0] and "syn_en_07_zhivov_citing.txt" in errors[0]
    assert report.analysed >= 27
