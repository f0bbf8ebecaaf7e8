"""The command line: exit codes, one-line errors, the JSON contract, show/export/eval."""

import csv
import io
import json

import pytest
from pathlib import Path
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
    for command in ("analyze", "show", "export", "eval", "trace", "why", "diff", "sites", "events", "eval-families", "serve", "report"):
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
    # the network over time: each site and link from its first shared family to its last, for Gephi's timeline
    assert runner.invoke(app, ["export", "--what", "site-timeline", "-f", "gexf", "--db", db, "-o", str(tmp_path / "t.gexf")]).exit_code == 0
    timeline = (tmp_path / "t.gexf").read_text()
    assert 'mode="dynamic"' in timeline and 'timeformat="date"' in timeline
    dyn = nx.read_gexf(tmp_path / "t.gexf")
    assert dyn.number_of_edges() > 0 and all(d["start"] <= d["end"] for _, _, d in dyn.edges(data=True))
    # bipartite: sites and the families they published in / the speakers they relay
    for what, other in (("site-families", "family"), ("site-speakers", "speaker")):
        out = tmp_path / f"{what}.graphml"
        assert runner.invoke(app, ["export", "--what", what, "-f", "graphml", "--db", db, "-o", str(out)]).exit_code == 0
        g = nx.read_graphml(out)
        kinds = {d["kind"] for _, d in g.nodes(data=True)}
        assert kinds == {"site", other}
        assert all(g.nodes[a]["kind"] != g.nodes[b]["kind"] for a, b in g.edges)


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
    # what is new: the week before the newest article, a page of its own (no form: nothing serves it)
    new = (site / "new.html").read_text(encoding="utf-8")
    assert "New since" in new and "<form" not in new and 'href="new.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert json.loads((site / "new.json").read_text(encoding="utf-8"))["total"] >= 1
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


# --- hardening (issue 11) ------------------------------------------------------------------------------------------

def _stored(db):
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("SELECT external_id FROM articles"))
    finally:
        conn.close()


def test_analyze_stores_the_good_records_of_a_file_with_bad_ones(tmp_path):
    """Regression: one record with a list title (or a lone surrogate, a 5,000-digit number, 100,000 brackets) was a
    traceback or exit 2 naming no file, and none of the file's valid records was stored."""
    f = tmp_path / "mixed.jsonl"
    f.write_text('{"id": "a", "text": "Peskov said that talks were over."}\n'
                 '{"id": "b", "text": "Zakharova said the sanctions failed.", "title": ["x"]}\n'
                 '{"id": "c", "text": "Lavrov said \\ud800 nothing."}\n'
                 '{"id": "d", "text": "Shoigu said so.", "n": ' + "9" * 5000 + '}\n'
                 + "[" * 100_000 + "\n"
                 '{"id": "e", "text": "Belousov said the city was key."}\n', encoding="utf-8")
    db = str(tmp_path / "m.db")
    result = runner.invoke(app, ["analyze", str(f), "--db", db, "--quiet"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert [e.split(": ")[0] for e in errors] == [f"error {f}:{n}" for n in (2, 3, 4, 5)]
    assert [e.split(": ")[1][:4] for e in errors] == ["W012", "W012", "W005", "W005"]
    assert _stored(db) == ["a", "e"] and "2 analysed" in result.stderr


def test_analyze_warns_about_an_invalid_date_and_stores_no_date(tmp_path):
    f = tmp_path / "dates.jsonl"
    f.write_text('{"id": "a", "text": "Peskov said that talks were over.", "published": "2025-02-30"}\n'
                 '{"id": "b", "text": "Lavrov said so.", "published": "-2025-01-01"}\n'
                 '{"id": "c", "text": "Shoigu said so.", "published": "2025-11-24"}\n', encoding="utf-8")
    db = str(tmp_path / "d.db")
    result = runner.invoke(app, ["analyze", str(f), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert [w.split(": ")[0] for w in warnings] == [f"warning {f}:1", f"warning {f}:2"] and all("W014" in w for w in warnings)
    published = {a["external_id"]: a["published"] for a in map(json.loads, result.stdout.splitlines())}
    assert published == {"a": None, "b": None, "c": "2025-11-24"}


def test_trace_rebuild_with_window_days_0_is_a_usage_error_and_keeps_the_families(traced_db):
    """Regression: `trace --rebuild --window-days 0` deleted every family, then died of ZeroDivisionError."""
    import sqlite3

    assert runner.invoke(app, ["trace", "--db", traced_db]).exit_code == 0
    count = lambda: sqlite3.connect(traced_db).execute("SELECT COUNT(*) FROM families").fetchone()[0]  # noqa: E731
    before = count()
    result = runner.invoke(app, ["trace", "--db", traced_db, "--rebuild", "--window-days", "0"])
    assert result.exit_code == 2 and "--window-days" in result.output
    assert before > 0 and count() == before


@pytest.mark.parametrize("args, option", [
    (["trace", "--window-days", "-5"], "--window-days"),
    (["trace", "--window-days", "nan"], "--window-days"),
    (["trace", "--window-days", "inf"], "--window-days"),
    (["trace", "--min-size", "0"], "--min-size"),
    (["analyze", "x.txt", "--max-bytes", "0"], "--max-bytes"),
    (["serve", "--port", "99999"], "--port"),
    (["serve", "--port", "-1"], "--port"),
    (["serve", "--tiles", "javascript:alert(1)"], "--tiles"),
    (["sites", "--limit", "-1"], "--limit"),
])
def test_bad_option_values_are_usage_errors_before_the_database_is_touched(tmp_path, args, option):
    db = tmp_path / "never.db"
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2 and option in result.output, result.output
    assert not db.exists()


@pytest.mark.parametrize("variable, value", [("WIRETRACE_MAX_BYTES", "abc"), ("WIRETRACE_BATCH_SIZE", "x"),
                                             ("WIRETRACE_EMBEDDINGS", "maybe"), ("WIRETRACE_PERSON_MATCH_THRESHOLD", "2"),
                                             ("WIRETRACE_TRACE_WINDOW_DAYS", "0"), ("WIRETRACE_FAST_ATTRIBUTES", "maybe")])
def test_bad_setting_in_the_environment_is_one_line_and_exit_2(tmp_path, variable, value):
    """Regression: a traceback (ValueError from int()), or for a threshold of 2 a run linking every name to someone."""
    f = tmp_path / "a.txt"
    f.write_text("Peskov said that talks were over.")
    db = tmp_path / "w.db"
    for args in (["analyze", str(f)], ["trace"]):
        result = runner.invoke(app, [*args, "--db", str(db)], env={variable: value})
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        assert line.startswith("error: E025") and variable in line and repr(value) in line
    assert not db.exists()


def test_bad_setting_in_the_config_file_names_the_file(tmp_path):
    from wiretrace.settings import Settings

    toml = tmp_path / "wiretrace.toml"
    toml.write_text("[wiretrace]\nmax_bytes = -3\n")
    with pytest.raises(ValueError, match=r"E025 bad setting max_bytes \(from .*wiretrace.toml\): must be at least 1"):
        Settings.load(toml, env={})
    toml.write_text("[wiretrace\n")
    with pytest.raises(ValueError, match="E025"):
        Settings.load(toml, env={})


def test_a_config_file_named_but_missing_is_one_line_and_exit_2(tmp_path):
    db = tmp_path / "w.db"
    missing = tmp_path / "nowhere" / "wiretrace.toml"
    result = runner.invoke(app, ["trace", "--db", str(db)], env={"WIRETRACE_CONFIG": str(missing)})
    assert result.exit_code == 2
    (line,) = [x for x in result.output.splitlines() if x.strip()]
    assert line.startswith("error: E025") and str(missing) in line and "no such file" in line
    assert not db.exists()


@pytest.mark.parametrize("text, name", [('[wiretrace]\nmax_bytes = "abc"\n', "max_bytes"), ("[wiretrace]\nkb_files = 5\n", "kb_files"),
                                        ("[wiretrace]\nembeddings = 3\n", "embeddings"),
                                        ("[wiretrace]\nfast_attributes = [true]\n", "fast_attributes"),
                                        ("[wiretrace]\ntrace_window_days = \"nan\"\n", "trace_window_days"),
                                        ("wiretrace = 5\n", "wiretrace")])
def test_a_wrongly_typed_config_file_is_one_line_and_exit_2(tmp_path, text, name):
    """Regression: a [wiretrace] that is no table (`wiretrace = 5`) was a traceback (AttributeError)."""
    toml = tmp_path / "wiretrace.toml"
    toml.write_text(text)
    db = tmp_path / "w.db"
    result = runner.invoke(app, ["trace", "--db", str(db)], env={"WIRETRACE_CONFIG": str(toml)})
    line = _one_error_line(result, f"E025 bad setting {name} (from {toml})")
    assert not db.exists(), line


def test_version_prints_the_version():
    from wiretrace import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"wiretrace {__version__}"


COMMANDS = ("analyze", "show", "export", "eval", "trace", "why", "diff", "sites", "eval-families", "serve", "report")
READ_ONLY = ("show", "export", "why", "diff", "sites", "serve", "report")


def test_help_shows_no_type_placeholders_and_read_only_commands_do_not_write_the_db():
    import re

    for command in (None, *COMMANDS):
        result = runner.invoke(app, [command, "--help"] if command else ["--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert not re.search(r"<[A-Za-z_]+(\[[^\]]*\])?>", result.stdout), (command, result.stdout)
        if command and command not in ("eval", "eval-families"):
            (db_line,) = [line for line in result.stdout.splitlines() if "--db" in line]
            assert "FILE" in db_line and ("write" not in db_line) == (command in READ_ONLY), (command, db_line)
    analyze_help = runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "200"}).stdout
    json_line = next(line for line in analyze_help.splitlines() if "--json" in line)
    assert json_line.split("--json")[1].split()[0] == "Print"  # a flag shows no metavar


def test_ctrl_c_inside_the_analysis_of_one_article_exits_130_with_whole_articles_stored(tmp_path, monkeypatch, analyzer):
    import sqlite3

    from wiretrace.analyze.lang.en import English
    from wiretrace.ingest import RawArticle, prepare

    original = English.analyze

    def interrupted(self, art, doc, analyzer_):
        if "Zhivov" in art.text:
            raise KeyboardInterrupt
        return original(self, art, doc, analyzer_)

    monkeypatch.setattr(English, "analyze", interrupted)
    files = [str(p) for p in sorted(CORPUS.glob("syn_en_0*.txt"))]
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["analyze", *files, "--db", db, "--quiet"], env={"WIRETRACE_BATCH_SIZE": "1"})
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT id, source_path FROM articles").fetchall()
    assert 0 < len(stored) < len(files) and not any("zhivov" in path for _, path in stored)
    monkeypatch.setattr(English, "analyze", original)
    for article_id, path in stored:  # every stored article has all its claims
        whole = analyzer.analyze_one(prepare(RawArticle(text=open(path, encoding="utf-8").read(), source=path)))
        assert conn.execute("SELECT COUNT(*) FROM claims WHERE article_id = ?", (article_id,)).fetchone()[0] == len(whole.claims)


def test_ctrl_c_right_after_an_article_committed_exits_130(tmp_path, monkeypatch):
    """Regression: a Ctrl-C landing after an article's COMMIT made the store's ROLLBACK fail ("cannot rollback - no
    transaction is active"): exit 1 instead of 130."""
    import sqlite3

    import wiretrace.jobs
    from wiretrace.store import Store

    class InterruptAfterSecondCommit:
        def __init__(self, conn):
            self._conn, self.commits = conn, 0

        def __getattr__(self, name):
            return getattr(self._conn, name)

        def execute(self, sql, *args):
            cursor = self._conn.execute(sql, *args)
            if sql == "COMMIT":
                self.commits += 1
                if self.commits == 2:
                    raise KeyboardInterrupt
            return cursor

    class InterruptedStore(Store):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.conn = InterruptAfterSecondCommit(self.conn)

    monkeypatch.setattr(wiretrace.jobs, "Store", InterruptedStore)
    files = [str(p) for p in sorted(CORPUS.glob("syn_en_0*.txt"))[:4]]
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["analyze", *files, "--db", db, "--quiet", "--fast"], env={"WIRETRACE_BATCH_SIZE": "1"})
    assert result.exit_code == 130, (result.output, result.exception)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    monkeypatch.setattr(wiretrace.jobs, "Store", Store)
    again = runner.invoke(app, ["analyze", *files, "--db", db, "--quiet", "--fast"])
    assert again.exit_code == 0 and "2 analysed" in again.stderr and "2 unchanged" in again.stderr


def test_terminal_escapes_in_articles_and_file_names_are_not_printed(tmp_path):
    hostile = tmp_path / "evil\x1b[2Jname.jsonl"
    hostile.write_text(json.dumps({"id": "esc1", "title": "Title \x1b]0;PWNED\x07 here",
                                   "text": "Synthetic test text. Denis Pushilin said \x1b[31mthe town\x1b[0m was quiet. \u202eGNIKCAH"}) + "\n")
    db = str(tmp_path / "w.db")
    analysed = runner.invoke(app, ["analyze", str(hostile), "--db", db])
    shown = runner.invoke(app, ["show", "esc1", "--db", db])
    reported = runner.invoke(app, ["report", "esc1", "--db", db])
    for result in (analysed, shown, reported):
        assert result.exit_code == 0, result.output
        assert "\x1b]0;" not in result.output and "\x1b[2J" not in result.output and "\x1b[31m" not in result.output
        assert "\u202e" not in result.output
    assert "Pushilin" in shown.output and "PWNED" in shown.output  # the words stay, only the controls go
    assert "Pushilin" in reported.output


def test_one_external_id_on_two_texts_is_warned_about_and_show_lists_both(tmp_path):
    corpus = tmp_path / "dups.jsonl"
    corpus.write_text(json.dumps({"id": "same", "text": "Synthetic test text. Denis Pushilin said the road was open."}) + "\n"
                      + json.dumps({"id": "same", "text": "Synthetic test text. Andrei Marochko said the bridge was down."}) + "\n")
    db = str(tmp_path / "w.db")
    analysed = runner.invoke(app, ["analyze", str(corpus), "--db", db, "--quiet"])
    assert analysed.exit_code == 0 and "W015" in analysed.output and "same" in analysed.output
    shown = runner.invoke(app, ["show", "same", "--db", db])
    assert shown.exit_code == 0 and "Pushilin" in shown.output and "Marochko" in shown.output
    assert "names 2 stored articles" in shown.output


def test_analyze_refuses_a_device_with_one_line(tmp_path):
    result = runner.invoke(app, ["analyze", "/dev/zero", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1 and "/dev/zero" in result.output and "not a regular file" in result.output


def test_export_never_destroys_the_previous_file(traced_db, tmp_path, monkeypatch):
    target = tmp_path / "claims.csv"
    assert runner.invoke(app, ["export", "--db", traced_db, "-f", "csv", "-o", str(target)]).exit_code == 0
    before = target.read_bytes()
    assert before
    again = runner.invoke(app, ["export", "--db", traced_db, "-f", "csv", "-o", str(target)])
    assert again.exit_code == 2 and "--force" in again.output and target.read_bytes() == before

    from wiretrace.present import export as export_module

    def broken(rows, fh, fmt):
        fh.write("half a row")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "write_rows", broken)
    failed = runner.invoke(app, ["export", "--db", traced_db, "-f", "csv", "-o", str(target), "--force"])
    assert failed.exit_code == 1 and "untouched" in failed.output
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]  # no temporary file left behind


@pytest.mark.parametrize("where,reason", [("folder", "is a folder"), ("missing/out.csv", "does not exist"),
                                          ("/dev/full", "not a plain file")])
def test_export_refuses_unusable_targets_in_one_line(traced_db, tmp_path, where, reason):
    target = tmp_path if where == "folder" else (Path(where) if where.startswith("/") else tmp_path / where)
    result = runner.invoke(app, ["export", "--db", traced_db, "-f", "csv", "-o", str(target), "--force"])
    assert result.exit_code == 2 and reason in result.output and "Traceback" not in result.output


def test_exported_site_table_agrees_with_the_sites_command(traced_db, tmp_path):
    runner.invoke(app, ["trace", "--db", traced_db])
    exported = tmp_path / "sites.csv"
    printed = tmp_path / "printed.csv"
    runner.invoke(app, ["export", "--db", traced_db, "--what", "sites", "-f", "csv", "-o", str(exported)])
    runner.invoke(app, ["sites", "--db", traced_db, "--csv", str(printed)])
    import csv

    def neighbours(path):
        return {r["site"]: r["neighbours"] for r in csv.DictReader(path.open())}

    assert neighbours(exported) == neighbours(printed) and any(v != "0" for v in neighbours(exported).values())
    import networkx as nx

    runner.invoke(app, ["export", "--db", traced_db, "--what", "sites", "-f", "gexf", "-o", str(tmp_path / "s.gexf")])
    gexf = nx.read_gexf(tmp_path / "s.gexf")
    assert {site: str(gexf.degree(site)) for site in gexf.nodes} == {s: n for s, n in neighbours(exported).items() if s in gexf}
    families = runner.invoke(app, ["export", "--db", traced_db, "--what", "families", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(families.stdout)))
    summary = families.stderr.strip().splitlines()[-1]
    assert summary == f"{len(rows)} member rows exported ({len({r['family_id'] for r in rows})} families)"
    as_jsonl = runner.invoke(app, ["export", "--db", traced_db, "--what", "families", "-f", "jsonl"])
    assert as_jsonl.stderr.strip().splitlines()[-1] == f"{len(as_jsonl.stdout.splitlines())} families exported"


def test_report_html_writes_only_its_own_folder_and_swaps_the_site_in_whole(traced, tmp_path, monkeypatch):
    db, ids, data = traced
    # a folder holding only an index.html of someone else's is not a wiretrace site
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "index.html").write_text("their page")
    assert runner.invoke(app, ["report", "--html", str(theirs), "--db", db]).exit_code == 1
    assert (theirs / "index.html").read_text() == "their page"
    # a link as the folder is refused; links inside an old site are replaced, never written through
    outside = tmp_path / "outside"
    outside.mkdir()
    link = tmp_path / "link"
    link.symlink_to(outside, target_is_directory=True)
    assert runner.invoke(app, ["report", "--html", str(link), "--db", db]).exit_code == 1
    site = tmp_path / "site"
    assert runner.invoke(app, ["report", "--html", str(site), "--db", db]).exit_code == 0
    (site / "static" / "style.css").unlink()
    (site / "static" / "style.css").symlink_to(outside / "style.css")
    (site / "article").rename(tmp_path / "moved")
    (site / "article").symlink_to(outside, target_is_directory=True)
    assert runner.invoke(app, ["report", "--html", str(site), "--db", db]).exit_code == 0  # its own site: replaced
    assert list(outside.iterdir()) == []  # nothing was written through the links
    assert not (site / "article").is_symlink() and len(list((site / "article").glob("*.html"))) == len(ids)
    # a failure half way leaves the previous site as it was and no temporary folder
    from wiretrace.present.web import static_site

    before = (site / "index.html").read_text()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(static_site, "_copy_static", broken)
    failed = runner.invoke(app, ["report", "--html", str(site), "--db", db])
    assert failed.exit_code == 1 and "untouched" in failed.output and "Traceback" not in failed.output
    assert (site / "index.html").read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_full_analysis_upgrades_a_fingerprint_only_record(tmp_path):
    article = tmp_path / "one.jsonl"
    article.write_text(json.dumps({"id": "one", "text": "Synthetic test text. Denis Pushilin said that Russian units "
                                                        "had entered Kostiantynivka."}) + "\n")
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["analyze", str(article), "--db", db, "--fast", "--quiet"]).exit_code == 0
    fast = runner.invoke(app, ["show", "one", "--db", db, "--json"])
    assert "only fingerprinted" in fast.stderr and json.loads(fast.stdout)["claims"] == []
    full = runner.invoke(app, ["analyze", str(article), "--db", db, "--quiet"])
    assert full.exit_code == 0 and full.stderr.startswith("1 analysed")
    shown = runner.invoke(app, ["show", "one", "--db", db, "--json"])
    data = json.loads(shown.stdout)
    assert data["version"] == 1 and any(c["speaker"] and c["speaker"]["kb_id"] == "person:pushilin" for c in data["claims"])
    assert "only fingerprinted" not in shown.stderr
    again = runner.invoke(app, ["analyze", str(article), "--db", db, "--quiet"])
    assert "0 analysed" in again.stderr and "1 unchanged" in again.stderr


# --- databases a command cannot use, files it cannot read, a port it cannot have: one line, never a traceback ------

def _one_error_line(result, code: str) -> str:
    assert result.exit_code == 2, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert line.startswith(f"error: {code}"), line
    return line


def _no_server(monkeypatch):
    """uvicorn.run replaced: the app `serve` would serve is kept, and nothing listens."""
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kwargs: served.append(app_))
    return served


_NOT_DATABASES = ["not sqlite", "directory", "/dev/null", "empty"]
_EVERY_COMMAND = [["analyze", "INPUT"], ["trace"], ["show", "x"], ["export"], ["report", "x"], ["why", "a", "b"],
                  ["diff", "x"], ["sites"], ["serve"], ["report", "--html", "SITE"]]


@pytest.mark.parametrize("kind, args", [(kind, args) for kind in _NOT_DATABASES for args in _EVERY_COMMAND
                                        # an empty file is a new database to analyze (as `touch` or `mktemp` made
                                        # it): see test_an_empty_file_is_a_new_database_to_analyze_only
                                        if not (kind == "empty" and args[0] == "analyze")])
def test_a_file_that_is_no_database_is_one_line_for_every_command(tmp_path, monkeypatch, kind, args):
    """Regression: the store's one-line E040 reached the user as a traceback from every command but analyze; an
    empty file was filled with an empty schema by `trace` ("0 families")."""
    db = tmp_path / "w.db"
    if kind == "not sqlite":
        db.write_bytes(b"Synthetic notes, not a database. " * 40)
    elif kind == "directory":
        db.mkdir()
    elif kind == "/dev/null":
        db.symlink_to("/dev/null")
    else:
        db.write_bytes(b"")
    before = db.read_bytes() if db.is_file() else None
    article = tmp_path / "a.txt"
    article.write_text("Synthetic test text. Dmitry Peskov said that the talks were over.")
    served = _no_server(monkeypatch)
    args = [str(tmp_path / "site") if a == "SITE" else str(article) if a == "INPUT" else a for a in args]
    line = _one_error_line(runner.invoke(app, [*args, "--db", str(db)]), "E040")
    assert str(db) in line and not served and not (tmp_path / "site").exists()
    if kind == "empty":
        assert "empty file" in line
    if before is not None:  # left as it was
        assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["w.db", "a.txt"])  # no -wal, -shm or journal


def test_an_empty_file_is_a_new_database_to_analyze_only(tmp_path):
    """An empty file (what `touch` or `mktemp` make) is where `analyze` may start a database; every other command
    says in one line that it holds none (test above) and leaves it empty."""
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "e1", "text": "Synthetic test text. Dmitry Peskov said that the talks were over."})
                       + "\n")
    db = tmp_path / "empty.db"
    db.touch()
    assert "empty file" in _one_error_line(runner.invoke(app, ["trace", "--db", str(db)]), "E040")
    assert db.stat().st_size == 0
    result = runner.invoke(app, ["analyze", str(article), "--db", str(db), "--quiet", "--fast"])
    assert result.exit_code == 0, result.output
    assert "1 analysed" in result.stderr and _stored(db) == ["e1"]
    assert runner.invoke(app, ["trace", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["show", "e1", "--db", str(db)]).exit_code == 0


def _snapshot(db) -> tuple:
    """What a run could change: the articles, the families and their members, the schema version."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        members = conn.execute("SELECT family_id, article_id, role FROM family_members ORDER BY 1, 2").fetchall() \
            if "family_members" in tables else []
        return (conn.execute("SELECT id FROM articles ORDER BY id").fetchall(), members,
                conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone())
    finally:
        conn.close()


def _newer(db: str) -> None:
    import sqlite3

    from wiretrace.store import SCHEMA_VERSION

    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01')", (SCHEMA_VERSION + 1,))


def test_a_database_of_a_newer_wiretrace_is_one_line_and_left_as_it_is(tmp_path):
    """Regression: analyze and trace printed E022 inside a traceback."""
    f = tmp_path / "a.txt"
    f.write_text("Synthetic test text. Dmitry Peskov said that the talks were over.")
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["analyze", str(f), "--db", db, "--quiet"]).exit_code == 0
    _newer(db)
    before = _snapshot(db)
    f.write_text("Synthetic test text. Maria Zakharova said that the sanctions would fail.")
    for args in (["analyze", str(f)], ["trace"]):
        line = _one_error_line(runner.invoke(app, [*args, "--db", db, "--quiet"] if args[0] == "analyze" else [*args, "--db", db]),
                               "E022")
        assert "newer than this wiretrace" in line
    assert _snapshot(db) == before


def test_a_read_only_database_file_is_one_line_for_analyze_and_trace(tmp_path):
    """Regression: `analyze` into a database file the user cannot write died on its first article with a traceback
    (attempt to write a readonly database); the read-only commands still read it."""
    from tests.conftest import unwritable

    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "ro1", "text": "Synthetic test text. Dmitry Peskov said that the talks were over."}) + "\n")
    db = tmp_path / "w.db"
    assert runner.invoke(app, ["analyze", str(f), "--db", str(db), "--quiet"]).exit_code == 0
    f.write_text(json.dumps({"id": "ro2", "text": "Synthetic test text. Maria Zakharova said the sanctions would fail."}) + "\n")
    with unwritable(db):
        for args in (["analyze", str(f), "--quiet"], ["trace"]):
            assert "read-only" in _one_error_line(runner.invoke(app, [*args, "--db", str(db)]), "E040")
        shown = runner.invoke(app, ["show", "ro1", "--db", str(db)])
        assert shown.exit_code == 0 and "Peskov" in shown.stdout
    assert _stored(db) == ["ro1"]


def test_a_database_in_a_read_only_folder_serves_every_read_only_command(traced, tmp_path, monkeypatch):
    """Regression: in a folder the user cannot write, `trace` and `report --html` died with a traceback and `serve`
    answered 500 everywhere (the README promises the read-only commands read it)."""
    import shutil
    import sqlite3

    from fastapi.testclient import TestClient

    from tests.conftest import unwritable

    db, ids, data = traced
    folder = tmp_path / "ro"
    folder.mkdir()
    with sqlite3.connect(db) as conn:  # the file alone, as copied to a share: no -wal or -shm beside it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db, folder / "w.db")
    ro = str(folder / "w.db")
    served = _no_server(monkeypatch)
    with unwritable(folder):
        for args in (["show", "s2-herald"], ["report", "s2-herald"], ["diff", "s2-herald"], ["why", "s1-tass-ru", "s1-pravda-fr"],
                     ["sites"], ["export", "--what", "families"]):
            result = runner.invoke(app, [*args, "--db", ro])
            assert result.exit_code == 0, (args, result.output, result.exception)
        site = runner.invoke(app, ["report", "--html", str(tmp_path / "site"), "--db", ro])
        assert site.exit_code == 0 and "pages may be slower" in site.stderr, site.output
        assert len(list((tmp_path / "site" / "family").glob("*.html"))) == len(data["families"])
        assert runner.invoke(app, ["serve", "--db", ro]).exit_code == 0
        (explorer,) = served
        client = TestClient(explorer)
        for path in ("/", f"/article/{ids['s2-herald']}", f"/family/{data['families'][0]['id']}", "/search?q=Kimakovsky"):
            assert client.get(path).status_code == 200, path
        assert "read-only" in _one_error_line(runner.invoke(app, ["trace", "--db", ro]), "E040")
    assert sorted(p.name for p in folder.iterdir()) == ["w.db"]


@pytest.mark.parametrize("record, problem", [
    ('["person:x", "Ivan Petrov"]', "needs 'id' and a 'kind'"),
    ('{"id": "person:x", "kind": "person"}', "needs a 'name'"),
    ('{"id": "person:x", "kind": "person", "name": 5}', "needs a 'name'"),
    ('{"id": "outlet:x", "kind": "outlet", "name": "Synthetic Wire", "aliases": "SW"}', "'aliases' must be a list"),
    ('{"id": "person:x", "kind": "person", "name": "Ivan Petrov", "ru": 5}', "'ru' must be text"),
    ('{"id": "place:x", "kind": "place", "name": "Testovka", "lat": "north"}', "'lat' must be a number"),
    (b'{"id": "person:x", "kind": "person", "name": "Iv\xe1n"}', "not UTF-8"),
])
def test_a_bad_knowledge_base_file_is_one_line_before_the_database_is_touched(traced_db, tmp_path, record, problem):
    """Regression: `trace --kb` with a record of the wrong shape (a list, a number for a name, a string of aliases) or
    bytes that are not UTF-8 was a traceback (AttributeError, KeyError, UnicodeDecodeError)."""
    kb = tmp_path / "extra.jsonl"
    good = b'{"id": "person:y", "kind": "person", "name": "Olena Testenko"}\n'
    kb.write_bytes(good + (record if isinstance(record, bytes) else record.encode()) + b"\n")
    assert runner.invoke(app, ["trace", "--db", traced_db]).exit_code == 0
    before = _snapshot(traced_db)
    for args in (["trace", "--db", traced_db], ["analyze", str(CORPUS / "syn_en_04_peskov_kremlin.txt"), "--db", traced_db]):
        line = _one_error_line(runner.invoke(app, [*args, "--kb", str(kb)]), "E021")
        assert f"{kb}: line 2: " in line and problem in line
    assert _snapshot(traced_db) == before and before[1]


@pytest.mark.parametrize("content, problem", [
    ('{"features": ["persons"], "weights": [1.0], "bias": 0.0', "Expecting"),
    ('{"weights": [1.0], "bias": 0.0, "threshold": 0.5}', "no 'features' field"),
    ('[0.5, 1.0]', "not a JSON object"),
    ('{"features": ["persons"], "weights": ["high"], "bias": 0.0, "threshold": 0.5}', "must be numbers"),
    ('{"features": ["places"], "bias": 0.0, "threshold": 0.5, "trees": [[["persons", 0.5, 1, 2, 0], [null, 0, 0, 0, 1], '
     '[null, 0, 0, 0, 2]]]}', "unknown feature"),
    ('{"features": ["places"], "bias": 0.0, "threshold": 0.5, "trees": [[["places", 0.5, 1, 7, 0], [null, 0, 0, 0, 1]]]}',
     "outside its tree"),
    ('{"features": ["places"], "bias": 0.0, "threshold": 0.5, "trees": [[["places", "x", 1, 2, 0], [null, 0, 0, 0, 1], '
     '[null, 0, 0, 0, 2]]]}', "must be numbers"),
    ('{"features": ["places"], "bias": 0.0, "threshold": 0.5}', "neither weights nor trees"),
    (None, "No such file"),
])
def test_a_bad_scorer_file_is_one_line_before_the_database_is_touched(traced_db, tmp_path, content, problem):
    """Regression: a scorer_file that is no scorer (broken JSON, a missing field, wrong types, no file) was a
    traceback from `trace` and `why`."""
    scorer = tmp_path / "scorer.json"
    if content is not None:
        scorer.write_text(content)
    assert runner.invoke(app, ["trace", "--db", traced_db]).exit_code == 0
    before = _snapshot(traced_db)
    for args in (["trace"], ["why", "s1-tass-ru", "s1-pravda-fr"]):
        result = runner.invoke(app, [*args, "--db", traced_db], env={"WIRETRACE_SCORER_FILE": str(scorer)})
        line = _one_error_line(result, "E026")
        assert str(scorer) in line and problem in line
    assert _snapshot(traced_db) == before and before[1]


def test_serve_on_a_busy_port_is_one_line_before_the_banner(traced_db, monkeypatch):
    """Regression: `serve` printed its banner, then uvicorn's error, and exited 3."""
    import socket

    served = _no_server(monkeypatch)
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", traced_db, "--port", str(port)])
    line = _one_error_line(result, f"cannot listen on 127.0.0.1:{port}")
    assert "in use" in line and "explorer on" not in result.output and not served
    bad_host = runner.invoke(app, ["serve", "--db", traced_db, "--host", "no-such-host.invalid"])
    assert "cannot listen on no-such-host.invalid" in _one_error_line(bad_host, "cannot listen") and not served


def test_report_names_every_member_and_shows_undated_ones_apart(tmp_path):
    """Regression: `report` printed members without their article id, an undated one with an empty lag among the
    dated ones, and "lag None h" for the article itself."""
    rows = [json.loads(line) for line in (FAMILIES / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in rows:
        if r["id"] == "s1-pravda-en":  # no date anywhere: no field, none in the URL
            del r["published"]
            r["url"] = r["url"].replace("/2025/11/22", "")
    corpus = tmp_path / "undated.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "u.db")
    assert runner.invoke(app, ["analyze", str(corpus), "--db", db, "--quiet"]).exit_code == 0
    assert runner.invoke(app, ["trace", "--db", db]).exit_code == 0
    undated = json.loads(runner.invoke(app, ["show", "s1-pravda-en", "--db", db, "--json"]).stdout)["id"]
    result = runner.invoke(app, ["report", "s1-pravda-en", "--db", db])
    assert result.exit_code == 0, result.output
    assert "None" not in result.stdout
    members = [line for line in result.stdout.splitlines() if line.startswith((" ->", "   ")) and ("h " in line or "date unknown" in line)]
    assert len(members) >= 2 and all(any(len(word) == 16 for word in line.split()) for line in members)  # each with its id
    (mine,) = [line for line in members if undated in line]
    assert mine.startswith(" ->") and "date unknown" in mine and members[-1] == mine  # apart: after the dated ones
    assert "date unknown" in next(line for line in result.stdout.splitlines() if line.startswith(f"family fam-") and "role" in line)


def test_output_to_a_pipe_is_not_wrapped_at_80_columns(traced):
    """Regression: piped to a file or another program, the ledger wrapped at 80 columns."""
    import os
    import subprocess
    import sys

    db, _, _ = traced
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    shown = subprocess.run([sys.executable, "-m", "wiretrace.cli", "show", "s1-frontline", "--db", db],
                           capture_output=True, text=True, env=env, check=True).stdout
    article = json.loads(runner.invoke(app, ["show", "s1-frontline", "--db", db, "--json"]).stdout)
    longest = max((c["text"] for c in article["claims"]), key=len)
    assert len(longest) > 80 and any(longest in line for line in shown.splitlines())


# --- issue 11, review: each hardening item asserted through the command line --------------------------------------

class _EndlessInput(io.RawIOBase):
    """Standard input that never ends (like `yes |` or /dev/zero), counting what was taken from it; reading on far
    past any limit is a failure, not a hang."""

    def __init__(self):
        self.given = 0

    def readable(self):
        return True

    def readinto(self, b):
        if self.given > 50_000_000:
            raise AssertionError("standard input was read on far past the limit")
        chunk = (b"Synthetic test text. Dmitry Peskov said that the talks were over. " * (len(b) // 60 + 1))[:len(b)]
        b[:len(chunk)] = chunk
        self.given += len(chunk)
        return len(chunk)


def test_standard_input_over_the_limit_is_one_line_and_not_read_whole(tmp_path, monkeypatch):
    """Regression: `wiretrace analyze -` read standard input whole before the size check (an endless pipe until
    MemoryError)."""
    import typer.testing

    endless = _EndlessInput()
    monkeypatch.setattr(typer.testing, "make_input_stream", lambda input, charset: io.BufferedReader(endless))
    db = tmp_path / "w.db"
    result = runner.invoke(app, ["analyze", "-", "--db", str(db), "--max-bytes", "1000", "--quiet"])
    assert endless.given < 100_000, result.exception  # at most the limit and a buffer, never the whole
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (result.output, result.exception)
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert line.startswith("error -: W003 too large: more than 1000 bytes") and "limit of 1000" in line, line
    assert "0 analysed" in result.stderr and "1 failed" in result.stderr
    assert _stored(db) == []


def test_a_file_of_records_larger_than_the_limit_is_analysed_record_by_record(tmp_path):
    """Regression (issue 12): a 20,000-article JSON-lines file was refused whole as over 5 MB."""
    f = tmp_path / "corpus.jsonl"
    recs = [{"id": f"r-{i}", "text": f"Synthetic test text {i}. Dmitry Peskov said that the talks in Istanbul were over. "
             + "The delegation left the city in the evening. " * 8, "published": "2025-11-24"} for i in range(30)]
    recs[12]["text"] = "Peskov said so. " * 300
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    result = runner.invoke(app, ["analyze", str(f), "--db", str(db), "--max-bytes", "2000", "--quiet", "--fast"])
    assert f.stat().st_size > 10_000 and result.exit_code == 1, result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert line.startswith(f"error {f}:13: W003 too large") and "limit of 2000" in line, line
    assert "29 analysed" in result.stderr and "1 failed" in result.stderr
    assert len(_stored(db)) == 29


def test_workers_give_the_same_summary_as_one_process(tmp_path):
    import sqlite3

    outs = []
    for n in ("1", "2"):
        db = tmp_path / f"w{n}.db"
        result = runner.invoke(app, ["analyze", str(CORPUS), "--db", str(db), "--quiet", "--workers", n])
        assert result.exit_code == 0, result.output
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT group_concat(id), (SELECT count(*) FROM claims) FROM (SELECT id FROM articles ORDER BY id)").fetchone()
        conn.close()
        outs.append((result.stderr.splitlines()[-1].rsplit(" -> ", 1)[0], stored))
    assert outs[0] == outs[1] and "0 failed" in outs[0][0]


@pytest.mark.parametrize("where", ["WIRETRACE_CONFIG", "working directory"])
@pytest.mark.parametrize("command", [["analyze", "INPUT"], ["trace"], ["show", "x"]])
def test_a_broken_config_file_is_one_line_naming_it_and_exit_2(tmp_path, monkeypatch, where, command):
    """Regression: a wiretrace.toml that is not TOML was checked by Settings.load, not through the commands."""
    folder = tmp_path / "project"
    folder.mkdir()
    toml = folder / "wiretrace.toml"
    toml.write_text("[wiretrace\nmax_bytes = 1000\n")
    article = tmp_path / "a.txt"
    article.write_text("Synthetic test text. Dmitry Peskov said that the talks were over.")
    db = tmp_path / "w.db"
    env = {"WIRETRACE_CONFIG": str(toml)} if where == "WIRETRACE_CONFIG" else {"WIRETRACE_CONFIG": None}
    if where == "working directory":
        monkeypatch.chdir(folder)
    args = [str(article) if a == "INPUT" else a for a in command]
    result = runner.invoke(app, [*args, "--db", str(db)], env=env)
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    named = str(toml) if where == "WIRETRACE_CONFIG" else "wiretrace.toml"
    assert line.startswith(f"error: E025 bad setting file (from {named})") and "line 1" in line, line
    assert not db.exists()


def test_why_of_an_article_with_itself_explains_every_signal_in_words(traced_db):
    """Regression: `why A A` printed `minhash 1.000 +0.00` with no word on why a perfect copy signal adds nothing
    (it is a rule, not a weight), nor why shared people may push against a link."""
    assert runner.invoke(app, ["trace", "--db", traced_db]).exit_code == 0
    as_json = json.loads(runner.invoke(app, ["why", "s1-tass-ru", "s1-tass-ru", "--db", traced_db, "--json"]).stdout)
    assert as_json["link"] and as_json["probability"] > 0.99
    printed = runner.invoke(app, ["why", "s1-tass-ru", "s1-tass-ru", "--db", traced_db])
    assert printed.exit_code == 0, printed.output
    text = printed.stdout
    assert "link" in text and "(same family)" in text
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 4 and cells[0]:
            rows[cells[0]] = cells[3]
    signals = [e["signal"] for e in as_json["evidence"][1:]]
    assert signals and set(signals) <= set(rows), (signals, list(rows))
    for signal in signals:  # every signal in words, not a bare number
        assert len(rows[signal].split()) >= 2 and rows[signal] != signal, (signal, rows[signal])
    minhash = rows["minhash"]
    assert minhash.startswith("100%") and "rule" in minhash  # the copy rule, said where the push reads +0.00
    assert "copies" in text and "not a weight" in text


def _traced_corpus(tmp_path, rows, *extra):
    """A database of these records, analysed (fingerprints only: fast) and traced."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "w.db")
    analysed = runner.invoke(app, ["analyze", str(corpus), "--db", db, "--quiet", "--fast", *extra])
    assert analysed.exit_code == 0, analysed.output
    traced = runner.invoke(app, ["trace", "--db", db])
    assert traced.exit_code == 0, traced.output
    return db


def _copied_statements(n: int) -> list[dict]:
    """n statements, each published by a wire and copied by another site the same day; 20 days apart, so no two
    statements can link (the window is 14 days)."""
    import datetime

    rows = []
    for i in range(n):
        day = (datetime.date(2024, 1, 1) + datetime.timedelta(days=20 * i)).isoformat()
        text = (f"Synthetic test text. Denis Pushilin said that {i + 3} drones were shot down over Donetsk overnight. "
                "He added that repair crews were at work.")
        rows.append({"id": f"w{i}", "site": "wire.example", "published": f"{day}T08:00:00+00:00", "text": text})
        rows.append({"id": f"c{i}", "site": "copy.example", "published": f"{day}T09:00:00+00:00",
                     "text": text + " Reported by copy.example."})
    return rows


def test_sites_piped_prints_long_site_names_whole(tmp_path):
    """Regression: piped to a file or another program, the sites table cut names with no ellipsis, so two sites
    printed alike (`eastern-her…`, `synthetic-news-22.exampl`)."""
    import os
    import subprocess
    import sys

    long_names = ["synthetic-news-22.eastern-herald-daily-regional-edition.example.org",
                  "synthetic-news-22.eastern-herald-daily-regional-edition.example.net"]
    huge = "synthetic-" + "very-long-" * 30 + "news.example"  # more than a 250-column row can hold
    rows = _copied_statements(3)
    for r in rows:
        if r["site"] == "copy.example":
            r["site"] = [*long_names, huge][int(r["id"][1:])]
    db = _traced_corpus(tmp_path, rows)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    printed = subprocess.run([sys.executable, "-m", "wiretrace.cli", "sites", "--db", db],
                             capture_output=True, text=True, env=env, timeout=60)
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert max(map(len, lines)) <= 250
    for site in [*long_names, "wire.example"]:  # whole, each on one row: two sites never print alike
        assert sum(f" {site} " in line for line in lines) == 1, (site, printed.stdout)
    # a name no row can hold is cut with an ellipsis, never silently
    (row,) = [line for line in lines if "synthetic-very-long" in line]
    assert huge not in row and "…" in row
    assert sum("…" in line for line in lines) == 1


def test_analyze_progress_shows_a_total_for_a_file_of_records(tmp_path, monkeypatch):
    """Regression: the progress bar of `analyze` read `0/?`: no total, so no ETA.  The total (the inputs' size in
    bytes) must reach the bar a terminal shows, with the bytes read and the articles stored."""
    import wiretrace.cli as cli
    from wiretrace.present.terminal import SafeConsole

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", SafeConsole(file=screen, force_terminal=True, width=160, highlight=False))
    corpus = tmp_path / "three.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"p{i}", "text": f"Synthetic test text. Dmitry Peskov said that {i} "
                                                                  "talks were over."}) + "\n" for i in range(3)))
    size = corpus.stat().st_size
    result = runner.invoke(app, ["analyze", str(corpus), "--db", str(tmp_path / "w.db"), "--quiet", "--fast"])
    assert result.exit_code == 0, (result.output, screen.getvalue())
    shown = screen.getvalue()
    assert "analysing: 3 articles" in shown and f"{size}/{size} bytes" in shown, shown  # drawn, with the total
    assert "/?" not in shown
    assert "3 analysed" in shown


def test_trace_prints_a_summary_by_default_and_every_family_with_all(tmp_path):
    """Regression: `trace` printed every family (1,300 lines for 1,000 articles); by default it prints the
    TRACE_SHOWN largest and a count of the rest, and --all prints them all."""
    from wiretrace.cli import TRACE_SHOWN

    extra = 3
    db = _traced_corpus(tmp_path, _copied_statements(TRACE_SHOWN + extra))
    heads = lambda out: [line for line in out.splitlines() if line.startswith("fam-")]  # noqa: E731
    summary = runner.invoke(app, ["trace", "--db", db])
    assert summary.exit_code == 0, summary.output
    assert len(heads(summary.stdout)) == TRACE_SHOWN
    assert summary.stdout.rstrip().splitlines()[-1] == \
        f"{TRACE_SHOWN} families shown (the largest); {extra} more (--all shows every one)"
    every = runner.invoke(app, ["trace", "--db", db, "--all"])
    assert every.exit_code == 0 and len(heads(every.stdout)) == TRACE_SHOWN + extra
    assert every.stdout.rstrip().splitlines()[-1] == f"{TRACE_SHOWN + extra} families shown"
    assert set(heads(summary.stdout)) < set(heads(every.stdout))
    as_json = json.loads(runner.invoke(app, ["trace", "--db", db, "--json", "--min-size", "2"]).stdout)
    assert len(as_json["families"]) == TRACE_SHOWN + extra  # JSON is never cut


def test_ctrl_c_during_trace_exits_130_and_the_next_run_finishes_it(traced_db, tmp_path, monkeypatch):
    """Regression: Ctrl-C during `trace` must exit 130 with one line, leave the database whole, and the same
    command again must give the families an uninterrupted run gives."""
    import sqlite3
    from contextlib import closing

    import wiretrace.link.families as families

    def copy(name):
        target = str(tmp_path / name)
        with closing(sqlite3.connect(traced_db)) as source, closing(sqlite3.connect(target)) as dest:
            source.backup(dest)
        return target

    def memberships(db):
        """Each article with its role and its family's members (family ids are not compared: only who is with whom)."""
        with closing(sqlite3.connect(db)) as conn:
            rows = conn.execute("SELECT m.family_id, a.external_id, m.role FROM family_members m "
                                "JOIN articles a ON a.id = m.article_id").fetchall()
        together = {}
        for fid, ext, _ in rows:
            together.setdefault(fid, set()).add(ext)
        return sorted((ext, role, sorted(together[fid])) for fid, ext, role in rows)

    whole, interrupted = copy("whole.db"), copy("interrupted.db")
    assert runner.invoke(app, ["trace", "--db", whole, "--rebuild"]).exit_code == 0
    original, calls = families.describe, []

    def describe(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # families half described
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(families, "describe", describe)
    result = runner.invoke(app, ["trace", "--db", interrupted, "--rebuild"])
    assert result.exit_code == 130, (result.output, result.exception)
    assert len(calls) == 3 and "Traceback" not in result.output
    assert result.stderr.startswith("interrupted: every family written so far is complete")
    with closing(sqlite3.connect(interrupted)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.setattr(families, "describe", original)
    again = runner.invoke(app, ["trace", "--db", interrupted])
    assert again.exit_code == 0, again.output
    assert memberships(interrupted) == memberships(whole) and memberships(whole)
