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
    for command in ("analyze", "show", "export", "eval", "trace", "why", "diff", "sites", "eval-families", "serve", "report"):
        assert command in result.stdout


def test_hostile_text_is_printed_literally(tmp_path):
    f = tmp_path / "hostile.txt"
    f.write_text('Peskov said that "[bold red]nothing[/bold red] <script>alert(1)</script>" had changed.\n')
    db = str(tmp_path / "h.db")
    result = runner.invoke(app, ["analyze", str(f), "--db", db])
    assert result.exit_code == 0
    assert "[bold red]nothing[/bold red]" in result.stdout and "<script>alert(1)</script>" in result.stdout


FAMILIES = ROOT / "examples" / "families"


@pytest.fixture(scope="module")
def traced_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli-trace") / "t.db")
    result = runner.invoke(app, ["analyze", str(FAMILIES / "test.jsonl"), "--db", path, "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_trace_json_keeps_the_contract_and_filters_by_date(traced_db):
    result = runner.invoke(app, ["trace", "--db", traced_db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["families"] and all({"id", "origin", "members"} <= set(f) for f in data["families"])
    late = json.loads(runner.invoke(app, ["trace", "--db", traced_db, "--json", "--since", "2025-11-22"]).stdout)
    early = json.loads(runner.invoke(app, ["trace", "--db", traced_db, "--json", "--until", "2025-11-21"]).stdout)
    assert all(f["origin"]["published"] >= "2025-11-22" for f in late["families"])
    assert all(f["origin"]["published"] < "2025-11-22" for f in early["families"])
    assert len(late["families"]) + len(early["families"]) == len(data["families"])


def test_trace_table_names_origins_and_roles(traced_db):
    result = runner.invoke(app, ["trace", "--db", traced_db])
    assert result.exit_code == 0
    assert "TASS, not in corpus" in result.stdout and "translation" in result.stdout


def test_trace_usage_errors(tmp_path, traced_db):
    assert runner.invoke(app, ["trace", "--db", str(tmp_path / "none.db")]).exit_code == 2
    bad = runner.invoke(app, ["trace", "--db", traced_db, "--since", "last week"])
    assert bad.exit_code == 2 and "--since" in bad.output


def test_why_explains_a_link_and_a_non_link(traced_db):
    runner.invoke(app, ["trace", "--db", traced_db])
    same = json.loads(runner.invoke(app, ["why", "s1-tass-ru", "s1-pravda-fr", "--db", traced_db, "--json"]).stdout)
    other = json.loads(runner.invoke(app, ["why", "s1-tass-ru", "s3-tass-ru", "--db", traced_db, "--json"]).stdout)
    assert same["link"] and same["families"][0] == same["families"][1]
    assert not other["link"] and other["families"][0] != other["families"][1]
    assert any(e["signal"] == "same_lead_speaker" and e["value"] == 1.0 for e in same["evidence"])
    printed = runner.invoke(app, ["why", "s1-tass-ru", "s3-tass-ru", "--db", traced_db])
    assert "no link" in printed.stdout and "number_conflict" in printed.stdout
    assert runner.invoke(app, ["why", "s1-tass-ru", "nonexistent", "--db", traced_db]).exit_code == 1


def test_diff_prints_changes(traced_db):
    runner.invoke(app, ["trace", "--db", traced_db])
    data = json.loads(runner.invoke(app, ["diff", "s2-herald", "--db", traced_db, "--json"]).stdout)
    assert data["role"] == "translation" and data["supported"] >= 2
    assert [c["kind"] for c in data["changes"]].count("fabricated_quote") == 1
    printed = runner.invoke(app, ["diff", "s1-frontline", "--db", traced_db])
    assert "number" in printed.stdout and "7 km" in printed.stdout and "6.5 km" in printed.stdout
    origin = runner.invoke(app, ["diff", "s1-tass-ru", "--db", traced_db])
    assert "no diff" in origin.stdout


def test_export_every_table_in_every_format(traced, tmp_path):
    import networkx as nx

    db, ids, data = traced
    for what, formats in {"articles": ("jsonl", "csv"), "claims": ("csv", "jsonl"), "families": ("jsonl", "csv"),
                          "sites": ("csv", "jsonl"), "places": ("geojson", "csv", "jsonl")}.items():
        for fmt in formats:
            out = tmp_path / f"{what}.{fmt}"
            result = runner.invoke(app, ["export", "--what", what, "--format", fmt, "--db", db, "--out", str(out)])
            assert result.exit_code == 0, (what, fmt, result.output)
            text = out.read_text(encoding="utf-8")
            if fmt == "jsonl":
                rows = [json.loads(line) for line in text.splitlines()]
            elif fmt == "csv":
                rows = list(csv.DictReader(io.StringIO(text)))
            else:
                rows = json.loads(text)["features"]
            assert rows, (what, fmt)
    families = [json.loads(line) for line in (tmp_path / "families.jsonl").read_text().splitlines()]
    assert len(families) == len(data["families"]) and all({"id", "origin", "members"} <= set(f) for f in families)
    members = list(csv.DictReader(io.StringIO((tmp_path / "families.csv").read_text())))
    assert len(members) == len(ids)
    konst = next(f for f in json.loads((tmp_path / "places.geojson").read_text())["features"]
                 if f["properties"]["place_id"] == "geonames:705104")
    assert konst["geometry"]["type"] == "Point" and set(konst["properties"]["variants"]) >= {"ru", "uk"}
    result = runner.invoke(app, ["export", "--what", "sites", "--format", "gexf", "--db", db, "--out", str(tmp_path / "s.gexf")])
    assert result.exit_code == 0 and nx.read_gexf(tmp_path / "s.gexf").number_of_nodes() > 5
    assert runner.invoke(app, ["export", "--what", "sites", "--format", "geojson", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["export", "--what", "people", "--db", db]).exit_code == 2


def test_export_parquet_matches_csv(traced, tmp_path):
    import pandas as pd

    db, ids, _ = traced
    for what in ("articles", "claims", "families", "sites", "places"):
        pq, cs = tmp_path / f"{what}.parquet", tmp_path / f"{what}.csv"
        assert runner.invoke(app, ["export", "--what", what, "--format", "parquet", "--db", db, "--out", str(pq)]).exit_code == 0
        assert runner.invoke(app, ["export", "--what", what, "--format", "csv", "--db", db, "--out", str(cs)]).exit_code == 0
        frame, rows = pd.read_parquet(pq), list(csv.DictReader(io.StringIO(cs.read_text(encoding="utf-8"))))
        assert len(frame) == len(rows) and list(frame.columns) == list(rows[0]), what
    claims = pd.read_parquet(tmp_path / "claims.parquet")
    assert set(claims["article_id"]) <= set(ids.values()) and claims["start"].dtype.kind == "i"
    # parquet cannot go to a terminal
    assert runner.invoke(app, ["export", "--what", "claims", "--format", "parquet", "--db", db]).exit_code == 2


def test_report_html_writes_a_static_site_with_relative_links(traced, tmp_path):
    import re

    db, ids, data = traced
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", "--html", str(site), "--db", db])
    assert result.exit_code == 0, result.output
    pages = sorted(site.rglob("*.html"))
    assert (site / "index.html").exists() and len(list((site / "article").glob("*.html"))) == len(ids)
    assert len(list((site / "family").glob("*.html"))) == len(data["families"])
    assert (site / "static" / "vendor" / "leaflet" / "leaflet.js").exists() and (site / "static" / "basemap.js").exists()
    # every link is relative and lands on a written file (or an anchor, or an http(s) source)
    for page in pages:
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("#", "http://", "https://", "data:")):
                continue
            assert not href.startswith("/"), (page, href)
            assert (page.parent / href.split("#")[0]).resolve().exists(), (page, href)
    twin = json.loads((site / "article" / f"{ids['s2-herald']}.json").read_text(encoding="utf-8"))
    assert twin["family"]["role"] == "translation"
    assert "search" not in (site / "index.html").read_text(encoding="utf-8").split("</header>")[0]
    # a folder holding something else is refused
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("keep")
    assert runner.invoke(app, ["report", "--html", str(other), "--db", db]).exit_code == 1
    assert runner.invoke(app, ["report", "--db", db]).exit_code == 2


def test_report_shows_ledger_family_and_changes(traced_db):
    runner.invoke(app, ["trace", "--db", traced_db])
    result = runner.invoke(app, ["report", "s1-frontline", "--db", traced_db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kimakovsk" in out and "family fam-" in out and "->" in out
    assert "6.5 km" in out and "actor" in out
    assert runner.invoke(app, ["report", "nonexistent", "--db", traced_db]).exit_code == 1


def test_why_gives_the_probability_trace_linked_with(traced_db):
    """Word weights are counted over the whole corpus before linking, so `why` recomputes what trace decided on."""
    runner.invoke(app, ["trace", "--db", traced_db])
    data = json.loads(runner.invoke(app, ["trace", "--db", traced_db, "--json"]).stdout)
    linked = [(m["article_id"], m["via"], m["probability"]) for f in data["families"] for m in f["members"] if m.get("via")]
    assert linked
    for article_id, via, probability in linked:
        why = json.loads(runner.invoke(app, ["why", article_id, via, "--db", traced_db, "--json"]).stdout)
        assert why["probability"] == pytest.approx(probability, abs=0.001)
