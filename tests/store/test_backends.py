"""The two backends give the same answers: the synthetic families corpus analysed and traced into PostgreSQL reads
back, through every named query, the trace JSON, every explorer page, the frames and the exports, exactly as the
SQLite file of the `traced` fixture does; and the SQL translation keeps SQLite's meaning."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from wiretrace.store.backends import postgres_sql

# when each side was written, not what was written
VOLATILE = {"updated_at", "ingested_at", "computed_at", "newest", "first_seen", "last_seen", "since", "analyzer"}


def _comparable(value):
    value = json.loads(json.dumps(value, default=str))

    def walk(x):
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items() if k not in VOLATILE}
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, float):
            return round(x, 9)
        return x

    return walk(value)


@pytest.fixture(scope="module")
def both(traced, traced_postgres):
    """(SQLite path, PostgreSQL URL): the same inputs analysed and traced into each."""
    return traced[0], traced_postgres


def test_the_trace_contract_is_the_same_on_both(both):
    from wiretrace.present.trace import families_json
    from wiretrace.store import Store

    out = []
    for db in both:
        with Store(db, readonly=True) as store:
            out.append(_comparable(families_json(store)))
    assert len(out[0]["families"]) > 5
    assert out[0] == out[1]


def test_every_page_and_frame_is_the_same_on_both(both):
    from wiretrace.present.web import views
    from wiretrace.store import tables
    from wiretrace.store.database import connect

    lite, pg = (connect(db, readonly=True) for db in both)
    keys = tables.page_keys(lite)
    assert keys == tables.page_keys(pg) and sum(map(len, keys.values())) > 50
    for kind, names in keys.items():
        for key in names:
            assert _comparable(views.PAGES[kind][1](lite, key)) == _comparable(views.PAGES[kind][1](pg, key)), (kind, key)
    assert _comparable(views.overview_data(lite)) == _comparable(views.overview_data(pg))
    for query in ({"q": "Kiev"}, {"q": "Peskov talks"}, {"q": "said", "speaker": "peskov"}, {"q": "", "lang": "ru"},
                  {"q": "100%"}, {"q": "o'clock \"quoted\""}):
        args = {"q": "", "site": "", "speaker": "", "side": "", "lang": "", "since": "", "until": "", "page": 1, **query}
        a, b = pages_search(lite, args), pages_search(pg, args)
        assert a == b, query
    assert pages_search(lite, {**args, "q": "Kiev"})["total"] > 0
    for name in tables.FRAMES:
        a, b = tables.frame(lite, name), tables.frame(pg, name)
        assert a[0] == b[0], name  # the same columns in the same order
        rows = [sorted(repr(_comparable(dict(zip(cols, r)))) for r in found) for cols, found in (a, b)]
        assert rows[0] == rows[1] and rows[0], name
    lite.close()
    pg.close()


def pages_search(conn, args):
    from wiretrace.store import pages

    return _comparable(pages.search(conn, **args))


@pytest.mark.parametrize("what,fmt", [("claims", "csv"), ("families", "jsonl"), ("sites", "jsonl"), ("places", "geojson")])
def test_exports_are_the_same_on_both(both, what, fmt):
    from wiretrace.cli import app

    runner = CliRunner()
    outputs = []
    for db in both:
        result = runner.invoke(app, ["export", "--what", what, "--format", fmt, "--db", db])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert len(outputs[0]) > 500
    if fmt == "jsonl":
        assert [_comparable(json.loads(line)) for line in outputs[0].splitlines()] == \
            [_comparable(json.loads(line)) for line in outputs[1].splitlines()]
    else:
        assert outputs[0] == outputs[1]


def test_the_explorer_serves_a_postgres_database(both):
    from wiretrace.present.web.app import create_app

    lite, pg = (TestClient(create_app(db, cache_size=0)) for db in both)
    for path in ("/?format=json", "/search?q=Kiev&format=json", "/new?since=2000-01-01&format=json"):
        a, b = lite.get(path), pg.get(path)
        assert a.status_code == b.status_code == 200, path
        a, b = _comparable(a.json()), _comparable(b.json())
        if path.startswith("/new"):  # newest stored first: each database stored its articles at other moments
            a["families"].sort(key=lambda f: f["family_id"])
            b["families"].sort(key=lambda f: f["family_id"])
        assert a == b, path
    family = pg.get("/?format=json").json()["largest_families"][0]["id"]
    page = pg.get(f"/family/{family}")
    assert page.status_code == 200 and family in page.text
    csv_twin = pg.get("/search?q=Kiev&format=csv")
    assert csv_twin.status_code == 200 and csv_twin.text.splitlines()[0].startswith("id,")
    assert pg.get("/article/no-such-article").status_code == 404


def test_translation_keeps_sqlite_meaning():
    # placeholders, named and positional; string literals untouched but for psycopg's %%
    assert postgres_sql("SELECT * FROM t WHERE a = ? AND b = :name AND c = 'x?:y 5%'") == \
        "SELECT * FROM t WHERE a = %s AND b = %(name)s AND c = 'x?:y 5%%'"
    # NULLs sort as SQLite sorts them, in every ORDER BY, windows included
    assert postgres_sql("SELECT x FROM t ORDER BY a, b DESC LIMIT 3") == \
        "SELECT x FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST LIMIT 3"
    assert "OVER (ORDER BY g NULLS FIRST)" in postgres_sql("SELECT ROW_NUMBER() OVER (ORDER BY g) FROM t")
    # case-insensitive matching as SQLite's LIKE and NOCASE; planner hints dropped
    assert postgres_sql("SELECT 1 FROM t INDEXED BY t_i WHERE a LIKE ? AND b = ? COLLATE NOCASE") == \
        "SELECT 1 FROM t WHERE a ILIKE %s AND lower(b) = lower(%s)"
    assert postgres_sql("SELECT json_array_length(s.words) FROM s") == "SELECT json_array_length((s.words)::json) FROM s"


def test_a_server_that_is_not_there_is_one_clear_error():
    from wiretrace.store import Store

    with pytest.raises(ValueError, match=r"^E040 .*postgresql://nobody:\*\*\*@127\.0\.0\.1:1/x.*cannot connect") as info:
        Store("postgresql://nobody:secret@127.0.0.1:1/x")
    assert "secret" not in str(info.value) and "\n" not in str(info.value)


def test_every_reading_command_prints_the_same_on_both(both):
    """show, why, diff, sites, report and trace --json through the CLI, on the SQLite file and the PostgreSQL
    database: the same output (the database's name aside)."""
    from wiretrace.cli import app
    from wiretrace.store import Store

    with Store(both[0], readonly=True) as store:
        fam = store.conn.execute("SELECT family_id, COUNT(*) FROM family_members GROUP BY family_id "
                                 "ORDER BY COUNT(*) DESC, family_id LIMIT 1").fetchone()[0]
        a, b = [r[0] for r in store.conn.execute(
            "SELECT article_id FROM family_members WHERE family_id = ? ORDER BY article_id LIMIT 2", (fam,))]
    runner = CliRunner()
    commands = [["show", a], ["show", a, "--json"], ["why", a, b, "--json"], ["diff", b, "--json"], ["sites", "--json"],
                ["report", b], ["trace", "--json"], ["trace", "--min-size", "2"]]
    for command in commands:
        outputs = []
        for db in both:
            result = runner.invoke(app, [*command, "--db", db])
            assert result.exit_code == 0, (command, result.output)
            text = result.stdout.replace(db, "DB")
            outputs.append(_comparable(json.loads(text)) if "--json" in command else text)
        assert outputs[0] == outputs[1], command
