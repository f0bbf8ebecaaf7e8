"""Linking in partitions gives the families of the single linking loop: in this process with partitions scored
one by one, on worker processes (`trace --workers 2`) and on a local Ray with 2 CPUs (`trace --engine ray`).
Synthetic corpora: the generator's (planted families over 30 days) and the labelled families of examples/."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FAMILIES


@pytest.fixture(scope="module")
def generated_fps():
    """Fingerprints of 700 generated articles (fast path), in link order."""
    from wiretrace.analyze.pipeline import Analyzer
    from wiretrace.evaluate.synthetic import generate
    from wiretrace.link.families import link_order
    from wiretrace.link.fingerprints import fingerprint
    from wiretrace.model import Article

    docs = generate(700, 5)
    arts = (Article(id=d["id"], text=d["text"], lang=d["lang"], site=d["site"], published=d["published"]) for d in docs)
    fps = [fingerprint(a) for a in Analyzer(fast=True).analyze(arts)]
    # two articles without a date: the loop links those itself
    fps[3].published = None
    fps[10].published = None
    return sorted(fps, key=link_order)


def _links(linker, fps, feed=None):
    return {a.article_id: (a.family_id, round(a.probability, 9), a.via, json.dumps(a.evidence), json.dumps(a.secondary))
            for a in linker.link_all(fps, feed)}


@pytest.mark.parametrize("size", [37, 150])
def test_partitioned_scores_give_the_families_of_one_loop(generated_fps, size):
    from wiretrace.jobs import load_scorer
    from wiretrace.link.families import Linker
    from wiretrace.link.partitions import ScoreFeed, plan_partitions, scoring_task
    from wiretrace.parallel import Pool

    fps = generated_fps
    scorer = load_scorer(None, embeddings=False)
    one = _links(Linker.for_corpus(scorer, fps), fps)
    assert 100 < len(set(f for f, *_ in one.values())) < len(fps)  # families formed, not all singletons

    linker = Linker.for_corpus(scorer, fps)
    parts = plan_partitions(fps, {fp.article_id for fp in fps}, window_days=14, size=size)
    owned = [a for p in parts for a in p.own]
    assert len(owned) == len(set(owned)) == len(fps) - 2  # every dated article scored once; the undated by the loop
    assert any(len(p.ids) > len(p.own) for p in parts)  # partitions carry the window before them
    by_id = {fp.article_id: fp for fp in fps}
    tasks = (([by_id[a] for a in p.ids], p.own, linker.index.vocabulary, 14.0) for p in parts)
    with Pool({"scorer": scorer}) as pool:
        two = _links(linker, fps, ScoreFeed(parts, pool.map(scoring_task, tasks)))
    assert two == one


def test_a_partition_indexes_only_the_window_before_it(generated_fps):
    from wiretrace.link.index import hours
    from wiretrace.link.partitions import plan_partitions

    fps = [fp for fp in generated_fps if fp.published]
    parts = plan_partitions(fps, {fp.article_id for fp in fps}, window_days=3, size=100)
    by_id = {fp.article_id: fp for fp in fps}
    for p in parts[1:]:
        earliest = min(hours(by_id[a].published_dt) for a in p.own)
        context = [a for a in p.ids if a not in set(p.own)]
        assert context and all(hours(by_id[a].published_dt) >= earliest - 72 for a in context)
        # and nothing within the window is left out
        before = {fp.article_id for fp in fps[:fps.index(by_id[p.own[0]])]
                  if hours(fp.published_dt) >= earliest - 72}
        assert before <= set(p.ids)


def _families(db: str) -> str:
    from wiretrace.present.trace import families_json
    from wiretrace.store import Store

    with Store(db, readonly=True) as store:
        data = families_json(store)
    for f in data["families"]:
        f.pop("updated_at", None)
    return json.dumps(data, sort_keys=True)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """The labelled families (train and test) analysed once; each test traces a copy."""
    from wiretrace.jobs import analyze_paths

    db = tmp_path_factory.mktemp("engines") / "analysed.db"
    assert not analyze_paths([str(FAMILIES / "train.jsonl"), str(FAMILIES / "test.jsonl")], db=str(db)).errors
    return db


def _copy(src, dst) -> str:
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return str(dst)


def test_trace_on_worker_processes_and_on_ray_gives_the_same_families(analysed, tmp_path):
    pytest.importorskip("ray", reason="the ray extra is not installed")
    from wiretrace.jobs import trace_db

    one = _copy(analysed, tmp_path / "one.db")
    trace_db(one)
    expected = _families(one)
    assert len(json.loads(expected)["families"]) > 10
    procs = _copy(analysed, tmp_path / "procs.db")
    report = trace_db(procs, workers=2, partition_size=9)
    assert report.linked == report.articles > 0
    assert _families(procs) == expected
    on_ray = _copy(analysed, tmp_path / "ray.db")
    trace_db(on_ray, engine="ray", workers=2, partition_size=9)
    assert _families(on_ray) == expected


def test_trace_cli_takes_workers_and_refuses_an_unknown_engine(analysed, tmp_path):
    from typer.testing import CliRunner

    from wiretrace.cli import app
    from wiretrace.jobs import trace_db

    one = _copy(analysed, tmp_path / "one.db")
    trace_db(one)
    db = _copy(analysed, tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["trace", "--db", db, "--workers", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert _families(db) == _families(one)
    bad = CliRunner().invoke(app, ["trace", "--db", db, "--engine", "spark"])
    assert bad.exit_code == 2 and "--engine must be 'local' or 'ray'" in bad.output
