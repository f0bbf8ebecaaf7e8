"""The site network on the traced synthetic family corpus."""

from __future__ import annotations

import json

import networkx as nx
from typer.testing import CliRunner

from wiretrace.cli import app
from wiretrace.link.sites import graph, profiles
from wiretrace.store import Store
from wiretrace.store import trace as st


def _rows(db):
    with Store(db, readonly=True) as store:
        return st.member_rows(store.conn)


def test_profiles_count_articles_origins_and_lags(traced, gold):
    db, ids, data = traced
    profs = {p.site: p for p in profiles(_rows(db))}
    on_pravda = [g for g in gold.values() if g["site"] == "pravda-en.com"]
    assert profs["pravda-en.com"].articles == len(on_pravda)
    assert profs["pravda-en.com"].origins == 0
    assert profs["pravda-en.com"].state_media_origin_share == 1.0
    assert profs["pravda-en.com"].median_lag_hours is not None and profs["pravda-en.com"].median_lag_hours > 0
    assert profs["tass.ru"].origins == sum(1 for g in gold.values() if g["site"] == "tass.ru")
    assert profs["eastern-herald-daily.com"].fabricated_quote_suspects == 1
    assert profs["frontline-observer.com"].boilerplate_paragraphs >= 2


def test_graph_edges_count_shared_families(traced, gold):
    db, _, _ = traced
    g = graph(_rows(db))
    fams = lambda site: {r["family"] for r in gold.values() if r["site"] == site}  # noqa: E731
    assert g["tass.ru"]["pravda-en.com"]["weight"] == len(fams("tass.ru") & fams("pravda-en.com"))
    assert g["tass.ru"]["pravda-en.com"]["median_lag_hours"] > 0


def test_exports_open_in_networkx(traced, tmp_path):
    db, _, _ = traced
    res = CliRunner().invoke(app, ["sites", "--db", db, "--graphml", str(tmp_path / "s.graphml"), "--gexf", str(tmp_path / "s.gexf"),
                                   "--csv", str(tmp_path / "s.csv"), "--edges-csv", str(tmp_path / "e.csv"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {"site", "articles", "shared_families", "state_media_origin_share", "median_lag_hours"} <= set(data["sites"][0])
    g1 = nx.read_graphml(tmp_path / "s.graphml")
    g2 = nx.read_gexf(tmp_path / "s.gexf")
    assert set(g1.nodes) == set(g2.nodes) == {s["site"] for s in data["sites"]}
    assert g1.number_of_edges() == len(data["edges"])
    assert (tmp_path / "e.csv").read_text().startswith("source,target,shared_families")
