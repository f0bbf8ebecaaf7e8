"""Quality gate (trafilatura's eval_gate habit): F1 may not fall below the floors pinned in quality_floors.json.

`scripts/update_floors.py` rewrites the floors from fresh measurements and refuses to lower one
without --allow-lower, so a floor never drops by accident.
"""

import json
from pathlib import Path

import pytest

from tests.conftest import POLNEAR, ROOT, SEEDS
from wiretrace.evaluate import evaluate_gold, evaluate_polnear
from wiretrace.evaluate.datasets import GoldJsonl, PolNeAR

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


def _check(name, value):
    floor = FLOORS[name]
    assert value >= floor, f"{name} fell to {value:.3f}, below its floor {floor}"


def test_sample_corpus_gate(analyzer):
    report = evaluate_gold(GoldJsonl(ROOT / "examples" / "gold" / "sample.jsonl").records(), analyzer)
    _check("sample.speaker_f1", report["speaker"]["f1"])
    _check("sample.claim_f1", report["claim"]["f1"])
    _check("sample.speaker_f1.ru", report["speaker_by_lang"]["ru"]["f1"])


def test_other_languages_gate(analyzer):
    """Synthetic wire-style texts in French, German, Italian, Spanish, Ukrainian, Japanese and Polish (written for
    the project): the cue-lexicon forms each language plug-in reads."""
    report = evaluate_gold(GoldJsonl(ROOT / "examples" / "gold" / "languages.jsonl").records(), analyzer)
    _check("languages.speaker_f1", report["speaker"]["f1"])
    _check("languages.claim_f1", report["claim"]["f1"])
    assert {"fr", "de", "it", "es", "uk", "ja", "pl"} <= set(report["speaker_by_lang"])


def test_seed_gate(analyzer):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    report = evaluate_gold(GoldJsonl(ROOT / "examples" / "gold" / "seeds.jsonl").records(), analyzer)
    _check("seeds.speaker_f1", report["speaker"]["f1"])
    _check("seeds.claim_f1", report["claim"]["f1"])


def test_polnear_dev_gate(analyzer):
    if not (POLNEAR / "dev").is_dir():
        pytest.skip("../shared/data/polnear is absent")
    docs = PolNeAR(POLNEAR / "dev").records()[: FLOORS["polnear.dev.documents"]]
    report = evaluate_polnear(docs, analyzer)
    _check("polnear.dev.content_f1", report["content"]["f1"])
    _check("polnear.dev.content_source_f1", report["content+source"]["f1"])


def test_realdev_speakers_gate(analyzer):
    """Named person speakers of 117 real articles in 19 languages (../shared/data/realdev), by surname across
    scripts.  English and Russian have their extractors; every other language the cue-lexicon extractor."""
    realdev = ROOT.parent / "shared" / "data" / "realdev" / "articles.jsonl"
    if not realdev.is_file():
        pytest.skip("../shared/data/realdev is absent: the real-text speaker gate needs the shared folder")
    report = evaluate_gold(GoldJsonl(realdev).records(), analyzer)
    assert "claim" not in report  # realdev lists speakers, not claim spans
    _check("realdev.speaker_f1", report["speaker"]["f1"])
    for lang in ("en", "ru"):
        _check(f"realdev.speaker_f1.{lang}", report["speaker_by_lang"][lang]["f1"])
    other = [v for k, v in report["speaker_by_lang"].items() if k not in ("en", "ru")]
    tp, fp, fn = (sum(v[k] for v in other) for k in ("tp", "fp", "fn"))
    _check("realdev.speaker_recall.other_languages", tp / (tp + fn))
    _check("realdev.speaker_precision.other_languages", tp / (tp + fp))
