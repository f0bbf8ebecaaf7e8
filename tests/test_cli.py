"""The command line: exit codes, one-line errors, the JSON contract, show/export/eval."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPUS, ROOT
from wiretrace.cli import app

runner = CliRunner()
CONTRACT_ARTICLE = {"id", "external_id", "url", "site", "title", "published", "lang", "claims", "places", "entities"}
CONTRACT_CLAIM = {"speaker", "relay", "cue", "kind", "text", "start", "end", "hedged"}
CONTRACT_SPEAKER = {"text", "start", "end", "canonical", "descriptor", "side"}
CONTRACT_PLACE = {"text", "start", "end", "canonical", "variant", "lat", "lon", "admin1", "country"}
CONTRACT_ENTITY = {"text", "start", "end", "canonical", "type"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "w.db"
    result = runner.invoke(app, ["analyze", str(CORPUS), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_analyze_json_lines_keep_the_contract(tmp_path):
    result = runner.invoke(app, ["analyze", str(CORPUS / "syn_en_01_marochko_tass.txt"), str(CORPUS / "syn_mixed.jsonl"),
                                 "--db", str(tmp_path / "j.db"), "--json"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 3
    for art in lines:
        assert CONTRACT_ARTICLE <= art.keys()
        for c in art["claims"]:
            assert CONTRACT_CLAIM <= c.keys() and c["kind"] in ("direct", "indirect", "mixed", "according_to", "unattributed")
            if c["speaker"] is not None:
                assert CONTRACT_SPEAKER <= c["speaker"].keys()
        for p in art["places"]:
            assert CONTRACT_PLACE <= p.keys() and p["variant"] in ("ru", "uk", "en", "other")
        for e in art["entities"]:
            assert CONTRACT_ENTITY <= e.keys()
    jsonl_article = next(a for a in lines if a["external_id"] == "syn-j1")
    assert jsonl_article["site"] == "example-news.test" and jsonl_article["published"].startswith("2025-11-23")


def test_bad_inputs_get_one_line_each_and_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)))
    (tmp_path / "lines.jsonl").write_text('{"text": "Peskov said that talks were over."}\n{oops\n')
    (tmp_path / "good.txt").write_text("Zakharova said that the sanctions would fail.")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--db", str(tmp_path / "w.db"), "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 3
    assert any("empty.txt" in e and "W001" in e for e in errors)
    assert any("bin.txt" in e and "W002" in e for e in errors)
    assert any("lines.jsonl:2" in e and "W005" in e for e in errors)
    assert "2 analysed" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["analyze"]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "none.db")]).exit_code == 2


def test_missing_file_is_reported_and_exit_1(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1 and "nope.txt" in result.stderr


def test_rerun_changes_nothing(db):
    result = runner.invoke(app, ["analyze", str(CORPUS), "--db", str(db), "--quiet"])
    assert result.exit_code == 0 and "0 analysed" in result.stderr


def test_show_prints_the_ledger(db):
    export = runner.invoke(app, ["export", "--db", str(db)])
    first = next(json.loads(line) for line in export.stdout.splitlines() if "Marochko" in line and '"lang": "en"' in line)
    result = runner.invoke(app, ["show", first["id"][:8], "--db", str(db)])
    assert result.exit_code == 0 and "Andrei Marochko" in result.stdout and "TASS" in result.stdout
    assert runner.invoke(app, ["show", "no-such-article", "--db", str(db)]).exit_code == 1


def test_export_csv_has_a_row_per_claim(db, tmp_path):
    out = tmp_path / "claims.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(db)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) > 60 and {"speaker", "relay", "kind", "claim", "hedged"} <= rows[0].keys()
    assert any(r["speaker_kb_id"] == "person:marochko" and r["relay"] == "TASS" for r in rows)


def test_eval_prints_precision_recall_f1():
    result = runner.invoke(app, ["eval", str(ROOT / "examples" / "gold" / "sample.jsonl"), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["documents"] >= 20 and {"precision", "recall", "f1"} <= report["speaker"].keys()


def test_help_teaches_every_command():
    result = runner.invoke(app, ["--help"])
    for command in ("analyze", "show", "export", "eval"):
        assert command in result.stdout


def test_hostile_text_is_printed_literally(tmp_path):
    f = tmp_path / "hostile.txt"
    f.write_text('Peskov said that "[bold red]nothing[/bold red] <script>alert(1)</script>" had changed.\n')
    db = str(tmp_path / "h.db")
    result = runner.invoke(app, ["analyze", str(f), "--db", db])
    assert result.exit_code == 0
    assert "[bold red]nothing[/bold red]" in result.stdout and "<script>alert(1)</script>" in result.stdout
