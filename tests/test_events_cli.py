"""`wiretrace events`, the events export and `wiretrace eval` on CASE 2021 event snippets.  The corpus is synthetic
(written for these tests); the CASE test reads ../shared/data/case2021 and skips without it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import SHARED
from wiretrace.cli import app

runner = CliRunner()
CASE = SHARED / "data" / "case2021" / "dev.tsv"

CORPUS = [  # synthetic wire-style items on one town over three days
    {"id": "mod-1", "published": "2025-10-07T09:00:00Z", "lang": "en",
     "text": "Russian forces have taken control of Kostiantynivka, the Russian Defence Ministry said on Tuesday."},
    {"id": "gs-1", "published": "2025-10-08T10:00:00Z", "lang": "en",
     "text": "Ukraine's General Staff denied that Russian troops had captured Kostiantynivka, saying the town "
             "remains under Ukrainian control."},
    {"id": "ria-1", "published": "2025-10-09T11:00:00Z", "lang": "ru",
     "text": "ВСУ обстреляли Горловку, сообщил глава города."},
]


@pytest.fixture()
def events_db(db, tmp_path):
    src = tmp_path / "corpus.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in CORPUS) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(src), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_events_by_place_in_any_spelling_with_control_and_contradictions(events_db):
    result = runner.invoke(app, ["events", "--db", events_db, "--place", "Konstantinovka", "--control", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["events"] and {e["place_id"] for e in doc["events"]} == {"geonames:705104"}
    [timeline] = doc["control"].values()
    assert [p["controller"] for p in timeline][:1] == ["russia"] and any(p["denied_side"] == "russia" for p in timeline)
    kinds = {c["kind"] for c in doc["contradictions"]}
    assert "denial" in kinds
    assert all(c["claim"]["day"] == "2025-10-07" for c in doc["contradictions"])
    printed = runner.invoke(app, ["events", "--db", events_db, "--place", "geonames:705104", "--control"])
    assert printed.exit_code == 0 and "contradiction" in printed.stdout and "denies it" in printed.stdout


def test_events_filters_by_day_and_type_and_refuses_bad_values(events_db):
    result = runner.invoke(app, ["events", "--db", events_db, "--since", "2025-10-09", "--json"])
    days = {e["day"] for e in json.loads(result.stdout)["events"]}
    assert days == {"2025-10-09"}
    shelling = json.loads(runner.invoke(app, ["events", "--db", events_db, "--type", "shelling", "--json"]).stdout)
    assert shelling["events"] and all(e["type"] == "shelling" and e["actor_side"] == "ukraine" for e in shelling["events"])
    bad = runner.invoke(app, ["events", "--db", events_db, "--type", "looting"])
    assert bad.exit_code == 2 and "--type must be one of" in bad.output
    bad = runner.invoke(app, ["events", "--db", events_db, "--since", "yesterday"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    none = runner.invoke(app, ["events", "--db", events_db, "--place", "Odesa"])
    assert none.exit_code == 1 and "no claimed events for these filters" in none.output


def test_events_export_as_geojson_points_with_their_day(events_db, tmp_path):
    out = tmp_path / "events.geojson"
    result = runner.invoke(app, ["export", "--db", events_db, "--what", "events", "--format", "geojson", "--out", str(out)])
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and all(f["geometry"]["type"] == "Point" and f["properties"]["day"] for f in features)
    csv_out = runner.invoke(app, ["export", "--db", events_db, "--what", "events", "--format", "csv"])
    header = csv_out.stdout.splitlines()[0].split(",")
    assert {"type", "controller", "place_id", "speaker", "event_date"} <= set(header)


def test_a_bad_case_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "events.tsv"
    bad.write_text("id\ttext\n1\tsomething happened\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2 and "events.tsv" in result.output and "EventSnippet" in result.output


@pytest.mark.skipif(not CASE.exists(), reason="../shared/data/case2021 is not here (the CASE 2021 dev half)")
def test_eval_on_case2021_prints_weighted_f1_and_the_cross_validated_figure():
    result = runner.invoke(app, ["eval", str(CASE), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dataset"] == "case2021" and report["documents"] == 510 and len(report["types"]) >= 29
    assert report["fitted_on"] == "dev.tsv" and report["cross_validated_weighted_f1"] >= 0.7
    assert report["weighted_f1"] >= report["cross_validated_weighted_f1"]  # fitted on it: a regression figure


def test_the_place_page_shows_who_holds_it_and_the_contradictions(events_db):
    from fastapi.testclient import TestClient

    from wiretrace.present.web.app import create_app

    client = TestClient(create_app(events_db, cache_size=0))
    data = client.get("/place/geonames:705104?format=json").json()
    assert [p["controller"] for p in data["control"] if not p["denied_side"]][0] == "russia"
    assert any(x["kind"] == "denial" for x in data["contradictions"])
    page = client.get("/place/geonames:705104")
    assert page.status_code == 200 and "Who holds it, as each side claims" in page.text and "denies it" in page.text
